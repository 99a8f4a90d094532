package export_test

import (
	"bytes"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

func xlReport(t testing.TB, m *matrix.Matrix, opt export.Options) []byte {
	return xlWrite(t, func(w *bytes.Buffer) error { return export.XLSX(w, m, opt) })
}
