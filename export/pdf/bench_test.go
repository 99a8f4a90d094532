package pdf_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// BenchmarkScalePDF exports the generated matrices of the scale benchmarks:
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkScale' -count 5
func BenchmarkScalePDF(b *testing.B) { exporttest.BenchScale(b, pdf.Write) }

// BenchmarkScalePDFFull exports the large generated matrices in full
// (--detail full); compare with BenchmarkScaleHTMLFull.
func BenchmarkScalePDFFull(b *testing.B) { exporttest.BenchScaleFull(b, pdf.Write) }

// BenchmarkChartSections exports the 50 × 200 matrix of the scale
// benchmarks with the default sections and without the charts of issue
// 14's "split", "categories" and "moved" (the last with changes in 1 of
// 50 cells), to see what the charts cost:
//
//	go test ./export/pdf -run '^$' -bench '^BenchmarkChartSections$' -count 5
func BenchmarkChartSections(b *testing.B) {
	sz := matrixtest.ScaleSizes[1]
	m := sz.Matrix()
	old := sz.Matrix()
	labels := m.Scale.Labels()
	for k := 0; k < sz.Parties*sz.Issues/50; k++ {
		i, p := (k*7919)%sz.Issues, (k*104729)%sz.Parties
		old.SetStance(i, p, labels[(k*31)%len(labels)])
	}
	ch := matrix.Diff(old, m)
	without := slices.DeleteFunc(pdf.DefaultSections(), func(s string) bool { return s == "split" || s == "categories" || s == "moved" })
	for _, bc := range []struct {
		name string
		opt  export.Options
	}{
		{"with", export.Options{}},
		{"without", export.Options{Sections: without}},
		{"with_changes", export.Options{Changes: ch}},
		{"without_changes", export.Options{Sections: without, Changes: ch}},
		// The three charts alone, against the title block alone: their
		// own cost, the analysis included.
		{"charts_only", export.Options{Sections: []string{"header", "split", "categories", "moved"}, Changes: ch}},
		{"header_only", export.Options{Sections: []string{"header"}, Changes: ch}},
	} {
		b.Run(sz.Name+"/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := pdf.Write(&buf, m, bc.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

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
