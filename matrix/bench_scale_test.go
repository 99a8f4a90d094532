package matrix_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
	"github.com/xuri/excelize/v2"
)

// The scale benchmarks (issue 7) read, validate and analyse the matrices of
// the four stated sizes. Their workbooks are written by xlsx.Workbook, cell
// notes included, once per benchmark process and only when a benchmark asks
// for them, so `go test` without -bench never builds them. Compare
// BenchmarkScaleRead with BenchmarkScaleRows, a bare excelize pass over every
// row of every sheet of the same file.
//
//	go test ./matrix -run '^$' -bench '^BenchmarkScale' -count 5

var scaleBooks sync.Map // size name → *scaleBook

type scaleBook struct {
	once sync.Once
	m    *matrix.Matrix
	data []byte
}

// scaleSizes are the stated sizes and two more without evidence, so that
// 50x200, 200x1000 and 200x6000 show how the work grows with the cells.
var scaleSizes = append(slices.Clip(matrixtest.ScaleSizes),
	matrixtest.ScaleSize{Name: "50x200", Parties: 50, Issues: 200},
	matrixtest.ScaleSize{Name: "200x1000", Parties: 200, Issues: 1000})

func scaleMatrix(parties, issues, evidence int) *matrix.Matrix {
	return matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: parties, Issues: issues, Evidence: evidence, Seed: 1})
}

// scaleFile returns the matrix of size and its workbook bytes.
func scaleFile(b *testing.B, name string, parties, issues, evidence int) (*matrix.Matrix, []byte) {
	b.Helper()
	v, _ := scaleBooks.LoadOrStore(name, &scaleBook{})
	sb := v.(*scaleBook)
	sb.once.Do(func() {
		sb.m = scaleMatrix(parties, issues, evidence)
		var buf bytes.Buffer
		if err := xlsx.Workbook(&buf, sb.m, export.Options{}); err != nil {
			b.Fatalf("writing the %s workbook: %v", name, err)
		}
		sb.data = buf.Bytes()
	})
	if sb.data == nil {
		b.Fatalf("no %s workbook", name)
	}
	return sb.m, sb.data
}

// scalePeak runs fn and returns the highest live heap it reached above the
// heap before it started, sampled every 200µs.
func scalePeak(fn func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}

// scaleRun runs op b.N times, reporting CPU time per op, then once more
// outside the timer to report its peak live heap (the sampling forces a
// garbage collection first, which would swamp the small cases' times).
func scaleRun(b *testing.B, op func()) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := matrixtest.CPUTime()
	for n := 0; n < b.N; n++ {
		op()
	}
	cpu := matrixtest.CPUTime() - cpu0
	b.StopTimer()
	peak := scalePeak(op)
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

func BenchmarkScaleRead(b *testing.B) {
	for _, sz := range scaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			_, data := scaleFile(b, sz.Name, sz.Parties, sz.Issues, sz.Evidence)
			b.SetBytes(int64(len(data)))
			scaleRun(b, func() {
				m, ps := matrix.Read(bytes.NewReader(data), "bench.xlsx", matrix.ReadOptions{})
				if err := ps.Err(); err != nil || len(m.Parties) != sz.Parties || len(m.Evidence) != sz.Evidence {
					b.Fatalf("read: %v", err)
				}
			})
		})
	}
}

// BenchmarkInflateFloor is the floor under every reader: it decompresses
// every part of the same workbook as BenchmarkScaleRead and does nothing
// with the bytes.
func BenchmarkInflateFloor(b *testing.B) {
	for _, sz := range scaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			_, data := scaleFile(b, sz.Name, sz.Parties, sz.Issues, sz.Evidence)
			b.SetBytes(int64(len(data)))
			buf := make([]byte, 32<<10)
			scaleRun(b, func() {
				zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err != nil {
					b.Fatal(err)
				}
				for _, f := range zr.File {
					rc, err := f.Open()
					if err != nil {
						b.Fatal(err)
					}
					if _, err := io.CopyBuffer(io.Discard, rc, buf); err != nil {
						b.Fatal(err)
					}
					rc.Close()
				}
			})
		})
	}
}

// BenchmarkScaleRows is the floor for BenchmarkScaleRead: excelize opens the
// same workbook and returns every row of every sheet.
func BenchmarkScaleRows(b *testing.B) {
	for _, sz := range scaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			_, data := scaleFile(b, sz.Name, sz.Parties, sz.Issues, sz.Evidence)
			b.SetBytes(int64(len(data)))
			scaleRun(b, func() {
				f, err := excelize.OpenReader(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				cells := 0
				for _, s := range f.GetSheetList() {
					rows, err := f.Rows(s)
					if err != nil {
						b.Fatal(err)
					}
					for rows.Next() {
						cols, err := rows.Columns()
						if err != nil {
							b.Fatal(err)
						}
						cells += len(cols)
					}
					if err := rows.Close(); err != nil {
						b.Fatal(err)
					}
				}
				if cells < sz.Parties*sz.Issues {
					b.Fatalf("%d cells", cells)
				}
			})
		})
	}
}

// BenchmarkScaleValidate is what `stancematrix validate` does: read the
// workbook and format every problem. One cell in a hundred holds a
// misspelt stance, so the reader reports errors with suggestions.
func BenchmarkScaleValidate(b *testing.B) {
	for _, sz := range scaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			key := sz.Name + "_bad"
			v, _ := scaleBooks.LoadOrStore(key, &scaleBook{})
			sb := v.(*scaleBook)
			sb.once.Do(func() {
				m := scaleMatrix(sz.Parties, sz.Issues, sz.Evidence)
				for i := range m.Issues {
					for p := range m.Parties {
						if (i*len(m.Parties)+p)%100 == 7 {
							m.SetStance(i, p, "Suports")
						}
					}
				}
				var buf bytes.Buffer
				if err := xlsx.Workbook(&buf, m, export.Options{}); err != nil {
					b.Fatal(err)
				}
				sb.m, sb.data = m, buf.Bytes()
			})
			data := sb.data
			b.SetBytes(int64(len(data)))
			scaleRun(b, func() {
				_, ps := matrix.Read(bytes.NewReader(data), "bench.xlsx", matrix.ReadOptions{})
				if ps.Err() == nil {
					b.Fatal("no errors for the misspelt stances")
				}
				for _, p := range ps {
					fmt.Fprintln(io.Discard, p.Error())
				}
			})
		})
	}
}

// BenchmarkScaleAnalyze is the analysis the briefings share, on the matrix
// as read back from its workbook.
func BenchmarkScaleAnalyze(b *testing.B) {
	for _, sz := range scaleSizes {
		b.Run(sz.Name, func(b *testing.B) {
			_, data := scaleFile(b, sz.Name, sz.Parties, sz.Issues, sz.Evidence)
			m, ps := matrix.Read(bytes.NewReader(data), "bench.xlsx", matrix.ReadOptions{})
			if err := ps.Err(); err != nil {
				b.Fatal(err)
			}
			scaleRun(b, func() {
				if a := matrix.Analyze(m, nil); a == nil {
					b.Fatal("no analysis")
				}
			})
		})
	}
}
