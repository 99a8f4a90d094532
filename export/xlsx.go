package export

import (
	"io"

	"github.com/stancematrix/stancematrix/matrix"
)

// XLSX writes m as a formatted report workbook for sorting, filtering,
// annotating and printing. The report is itself a valid input workbook: its
// Matrix, Parties, Issues, Scale, Evidence and About sheets follow format v1
// and keep their dropdowns, so it re-reads to the same matrix.
func XLSX(w io.Writer, m *matrix.Matrix, opt Options) error {
	b := newXLBook(m, opt, true)
	defer b.f.Close()
	b.matrixSheet(sheetMatrix, b.m)
	b.partiesSheet()
	b.issuesSheet()
	b.evidenceSheet(b.m.Evidence)
	b.scaleSheet()
	b.aboutSheet()
	b.snapshotSheets()
	return b.finish(w, sheetMatrix)
}
