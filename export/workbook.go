package export

import (
	"errors"
	"io"

	"github.com/stancematrix/stancematrix/matrix"
)

// Workbook writes m as an input workbook (format v1) ready for hand editing:
// every sheet with its headers, the scale, dropdown lists on the matrix cells
// fed from the Scale sheet, frozen header row and column, fitted widths and a
// "Read me" sheet. An empty matrix gives the blank template of `init`.
func Workbook(w io.Writer, m *matrix.Matrix, opt Options) error {
	return errors.New("workbook writer not implemented yet")
}
