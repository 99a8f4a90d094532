package exporttest

import (
	"bytes"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// ScaleSizes are the stated sizes of the scale benchmarks: parties ×
// issues, with evidence rows.
var ScaleSizes = []struct {
	Name                      string
	Parties, Issues, Evidence int
}{
	{"8x12", 8, 12, 0},
	{"50x200_ev10000", 50, 200, 10000},
	{"200x1000_ev200000", 200, 1000, 200000},
	{"200x6000", 200, 6000, 0},
}

// BenchScale exports a generated matrix of each of ScaleSizes with write, a
// sub-benchmark each, and reports the file's size. The matrices are built
// inside the sub-benchmarks, so `go test` without -bench builds none.
func BenchScale(b *testing.B, write Writer) {
	for _, sz := range ScaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: sz.Parties, Issues: sz.Issues, Evidence: sz.Evidence, Seed: 1})
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
