package html_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
)

// BenchmarkScaleHTML exports the generated matrices of the scale
// benchmarks; compare with BenchmarkScalePDF:
//
//	go test ./export/html ./export/pdf -run '^$' -bench '^BenchmarkScale(HTML|PDF)$/50x200' -count 3
func BenchmarkScaleHTML(b *testing.B) { exporttest.BenchScale(b, shtml.Write) }

// BenchmarkScaleHTMLFull exports the large generated matrices in full
// (--detail full); compare with BenchmarkScalePDFFull.
func BenchmarkScaleHTMLFull(b *testing.B) { exporttest.BenchScaleFull(b, shtml.Write) }
