package xlsx_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/xlsx"
)

// The scale benchmarks of the report and the input workbook:
//
//	go test ./export/xlsx -run '^$' -bench '^BenchmarkScale' -count 5

func BenchmarkScaleXLSX(b *testing.B)     { exporttest.BenchScale(b, xlsx.Report) }
func BenchmarkScaleWorkbook(b *testing.B) { exporttest.BenchScale(b, xlsx.Workbook) }
