package export_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// The scale benchmarks (issue 7) export generated matrices of the four
// stated sizes. The matrices are built inside each benchmark, so `go test`
// without -bench builds none of them.
//
//	go test ./export -run '^$' -bench '^BenchmarkScale' -count 5

var exportScaleSizes = []struct {
	name                      string
	parties, issues, evidence int
}{
	{"8x12", 8, 12, 0},
	{"50x200_ev10000", 50, 200, 10000},
	{"200x1000_ev200000", 200, 1000, 200000},
	{"200x6000", 200, 6000, 0},
}

func benchScale(b *testing.B, write func(io.Writer, *matrix.Matrix, export.Options) error) {
	for _, sz := range exportScaleSizes {
		b.Run(sz.name, func(b *testing.B) {
			m := matrix.Synthetic(matrix.SyntheticOptions{Parties: sz.parties, Issues: sz.issues, Evidence: sz.evidence, Seed: 1})
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				var buf bytes.Buffer
				if err := write(&buf, m, export.Options{}); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB/file")
		})
	}
}

func BenchmarkScalePDF(b *testing.B)      { benchScale(b, export.PDF) }
func BenchmarkScaleXLSX(b *testing.B)     { benchScale(b, export.XLSX) }
func BenchmarkScaleWorkbook(b *testing.B) { benchScale(b, export.Workbook) }
