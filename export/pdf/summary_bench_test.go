package pdf_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// BenchmarkAnalysisShare measures, in one run, the analysis (matrix.Analyze)
// and the default PDF (summary-first at these sizes, the analysis included)
// of the 50 × 200, 200 × 1,000 and 200 × 6,000 matrices of the scale
// benchmarks, so that the analysis's share of the PDF's time can be read
// off the same run (issue 14 asks for under 5%). Besides the wall time per
// op, cpu-ms/op is the CPU time of the process (all threads) per op: the
// analysis runs on more than one core where it can.
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkAnalysisShare$' -benchtime 3x -count 5
func BenchmarkAnalysisShare(b *testing.B) {
	for _, sz := range matrixtest.ScaleSizes[1:] {
		m := sz.Matrix()
		b.Run(sz.Name+"/analyze", func(b *testing.B) {
			b.ReportAllocs()
			cpu := matrixtest.CPUTime()
			for b.Loop() {
				matrix.Analyze(m, nil)
			}
			b.ReportMetric(float64(matrixtest.CPUTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
		b.Run(sz.Name+"/pdf", func(b *testing.B) {
			b.ReportAllocs()
			pages := 0
			cpu := matrixtest.CPUTime()
			for b.Loop() {
				s, err := pdf.Summary(m, export.Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages = s.Pages
			}
			b.ReportMetric(float64(matrixtest.CPUTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
