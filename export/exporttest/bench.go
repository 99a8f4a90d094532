package exporttest

import (
	"bytes"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// BenchScale exports a generated matrix of each of matrixtest.ScaleSizes
// with write, a sub-benchmark each, and reports the file's size. The matrices are built
// inside the sub-benchmarks, so `go test` without -bench builds none.
func BenchScale(b *testing.B, write Writer) {
	for _, sz := range matrixtest.ScaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			m := sz.Matrix()
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
