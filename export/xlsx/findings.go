package xlsx

import (
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// sheetFindings is the input sheet of the author's own key findings.
const sheetFindings = matrix.SheetFindings

// findingHeaders are the input columns of the Findings sheet.
var findingHeaders = matrix.FindingsColumns.Names()

// computedHeader heads the report's column of computed key findings, which
// the reader ignores (it is no input column), so that the report read back
// gives the same author's findings.
const computedHeader = "Computed findings (stancematrix)"

// findingsSheet writes the Findings sheet: the author's findings in the
// input columns, in the order the briefings show them, with their Order.
// The report adds, in a column of its own to the right, the computed key
// findings, which follow the author's.
func (b *book) findingsSheet() {
	s := sheetFindings
	b.addSheet(s)
	headers := append([]string{}, findingHeaders...)
	widths := []float64{80, 30, 30, 8}
	var computed []string
	if b.report {
		computed = b.analysis().Findings
		headers = append(headers, computedHeader)
		widths = append(widths, 80)
	}
	b.headerRow(s, headers, widths)
	for i, f := range b.m.Findings {
		r := i + 2
		parties := strings.Join(f.Parties, ", ")
		b.str(s, 1, r, f.Text)
		b.str(s, 2, r, f.Issue)
		b.str(s, 3, r, parties)
		if f.HasOrder {
			b.num(s, 4, r, f.Order)
		}
	}
	col := len(findingHeaders) + 1
	for i, f := range computed {
		b.str(s, col, i+2, f)
	}
	n := max(len(b.m.Findings), len(computed))
	for i := 0; i < n; i++ {
		r := i + 2
		texts := make([]string, len(headers))
		if i < len(b.m.Findings) {
			f := b.m.Findings[i]
			texts[0], texts[1], texts[2] = f.Text, f.Issue, strings.Join(f.Parties, ", ")
		}
		if i < len(computed) {
			texts[col-1] = computed[i]
		}
		b.fitRow(s, r, texts...)
	}
	if n > 0 {
		b.style(s, 1, 2, 3, n+1, b.wrapStyle())
		b.style(s, 4, 2, 4, n+1, b.numTopStyle())
		if b.report {
			b.style(s, col, 2, col, n+1, b.wrapStyle())
		}
	}
}
