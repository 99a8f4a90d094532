package pdf_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
)

// BenchmarkScalePDF exports the generated matrices of the scale benchmarks:
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkScale' -count 5
func BenchmarkScalePDF(b *testing.B) { exporttest.BenchScale(b, pdf.Write) }
