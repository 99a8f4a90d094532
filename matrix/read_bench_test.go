package matrix_test

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
	"github.com/xuri/excelize/v2"
)

// benchBook writes a generated matrix as a workbook with excelize's stream
// writer: Matrix, Parties, Issues, Evidence and About sheets.
func benchBook(tb testing.TB, parties, issues, evidence int) []byte {
	tb.Helper()
	return benchBookFrom(tb, matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: parties, Issues: issues, Evidence: evidence, Seed: 1}))
}

// benchBookFrom writes m as a workbook (without cell notes).
func benchBookFrom(tb testing.TB, m *matrix.Matrix) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Matrix")
	for _, s := range []string{"Parties", "Issues", "Evidence", "About"} {
		f.NewSheet(s)
	}
	write := func(sheet string, rows [][]any) {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, r); err != nil {
				tb.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	hdr := []any{"Issue"}
	for _, p := range m.Parties {
		hdr = append(hdr, p.Name)
	}
	rows := [][]any{hdr}
	for i, is := range m.Issues {
		r := []any{is.Name}
		for p := range m.Parties {
			r = append(r, m.Stance(i, p))
		}
		rows = append(rows, r)
	}
	write("Matrix", rows)
	rows = [][]any{{"Name", "Short", "Group", "Weight"}}
	for _, p := range m.Parties {
		rows = append(rows, []any{p.Name, p.Short, p.Group, p.Weight})
	}
	write("Parties", rows)
	rows = [][]any{{"Name", "Short", "Category", "Description", "Weight"}}
	for _, is := range m.Issues {
		rows = append(rows, []any{is.Name, is.Short, is.Category, is.Description, is.Weight})
	}
	write("Issues", rows)
	rows = [][]any{{"Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source", "URL"}}
	for _, e := range m.Evidence {
		rows = append(rows, []any{e.Party, e.Issue, e.Stance, e.Date.Format("2006-01-02"), e.Summary, e.Quote, e.Speaker, e.Source, e.URL})
	}
	write("Evidence", rows)
	write("About", [][]any{{"Title", m.About.Title}, {"As of", "2025-04-23"}})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var benchSizes = []struct{ parties, issues, evidence int }{
	{8, 12, 0}, {50, 200, 10000}, {200, 1000, 0}, {200, 1000, 200000},
}

var benchBooks sync.Map

func benchFile(b *testing.B, p, i, e int) []byte {
	key := fmt.Sprint(p, i, e)
	if v, ok := benchBooks.Load(key); ok {
		return v.([]byte)
	}
	data := benchBook(b, p, i, e)
	benchBooks.Store(key, data)
	return data
}

// peakHeap samples the live heap while fn runs and reports the highest
// value above the heap before it started.
func peakHeap(fn func()) uint64 {
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
			if v := s[0].Value.Uint64(); v > peak {
				peak = v
			}
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

// BenchmarkRead reads generated workbooks with Read; compare with
// BenchmarkExcelizeRows, a bare pass over every cell of the same files.
func BenchmarkRead(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d_ev%d", sz.parties, sz.issues, sz.evidence), func(b *testing.B) {
			data := benchFile(b, sz.parties, sz.issues, sz.evidence)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := matrixtest.CPUTime()
			var peak uint64
			for n := 0; n < b.N; n++ {
				peak = max(peak, peakHeap(func() {
					m, ps := matrix.Read(bytes.NewReader(data), "bench.xlsx", matrix.ReadOptions{})
					if ps.Err() != nil || len(m.Parties) != sz.parties {
						b.Fatalf("read: %v", ps)
					}
				}))
			}
			b.ReportMetric(float64(matrixtest.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

func BenchmarkExcelizeRows(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d_ev%d", sz.parties, sz.issues, sz.evidence), func(b *testing.B) {
			data := benchFile(b, sz.parties, sz.issues, sz.evidence)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := matrixtest.CPUTime()
			var peak uint64
			for n := 0; n < b.N; n++ {
				peak = max(peak, peakHeap(func() {
					f, err := excelize.OpenReader(bytes.NewReader(data))
					if err != nil {
						b.Fatal(err)
					}
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
						rows.Close()
					}
					f.Close()
					if cells == 0 {
						b.Fatal("no cells")
					}
				}))
			}
			b.ReportMetric(float64(matrixtest.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}
