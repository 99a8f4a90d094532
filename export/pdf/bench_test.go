package pdf_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export"

	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// BenchmarkScalePDF exports the generated matrices of the scale benchmarks:
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkScale' -count 5
func BenchmarkScalePDF(b *testing.B) { exporttest.BenchScale(b, pdf.Write) }

// BenchmarkSummaryPDF exports the 200 × 6,000 matrix of the scale
// benchmarks summary-first (the default at that size) and in full:
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkSummaryPDF$' -benchtime 1x -benchmem -count 3
func BenchmarkSummaryPDF(b *testing.B) {
	sz := matrixtest.ScaleSizes[len(matrixtest.ScaleSizes)-1]
	for _, detail := range []string{"summary", "full"} {
		b.Run(sz.Name+"/"+detail, func(b *testing.B) {
			m := sz.Matrix()
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				s, err := pdf.Summary(m, export.Options{Detail: detail})
				if err != nil {
					b.Fatal(err)
				}
				pages = s.Pages
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
