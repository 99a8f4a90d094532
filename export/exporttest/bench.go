package exporttest

import (
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// BenchScale exports a generated matrix of each of matrixtest.ScaleSizes
// with write, a sub-benchmark each, and reports the file's size. The
// matrices are built inside the sub-benchmarks, so `go test` without
// -bench builds none. The output goes to a writer that only counts it, so
// that no format pays for a growing buffer.
func BenchScale(b *testing.B, write Writer) { benchScale(b, write, export.Options{}, false) }

// BenchScaleFull is BenchScale with export.Options.Detail "full", for the
// sizes at which a briefing is summary-first by default (export.Large):
// the PDF and the HTML page in full.
func BenchScaleFull(b *testing.B, write Writer) {
	benchScale(b, write, export.Options{Detail: "full"}, true)
}

func benchScale(b *testing.B, write Writer, opt export.Options, largeOnly bool) {
	for _, sz := range matrixtest.ScaleSizes {
		if largeOnly && !export.Large(sz.Parties, sz.Issues) {
			continue
		}
		b.Run(sz.Name, func(b *testing.B) {
			m := sz.Matrix()
			b.ReportAllocs()
			var w counter
			for b.Loop() {
				w = 0
				if err := write(&w, m, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w)/1e6, "MB/file")
		})
	}
}

// counter is an io.Writer that counts what is written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
