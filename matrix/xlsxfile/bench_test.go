package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// BenchmarkSheetScan isolates the scanner's share of a read (issue 19): on
// the generated 200 × 6,000 workbook without evidence, "stream" opens the
// workbook (its sheet list and shared strings) and streams its Matrix sheet
// with Reuse, counting the cells; "inflate" is the floor under it, a bare
// decompression of the Matrix sheet's part; "inflate+sst" adds the shared
// string table's part; "open" is Open alone; "comments" reads the Matrix
// sheet's notes, beside "inflate-comments", the floor of their part. Two shapes of the same sheet:
// "xlsx" as the tool writes it (shared strings, t="s", r on every row and
// cell) and "inline" as hand-rolled and streaming writers do (inline
// strings, no r, empty cells written as <c/>). Compare the sub-benchmarks of
// one run:
//
//	go test ./matrix/xlsxfile -run '^$' -bench SheetScan -count 5
func BenchmarkSheetScan(b *testing.B) {
	for _, shape := range []string{"xlsx", "inline"} {
		b.Run("200x6000/"+shape, func(b *testing.B) {
			data, part, cells := benchBook(b, shape)
			b.Run("inflate", func(b *testing.B) { benchInflate(b, data, part) })
			b.Run("inflate+sst", func(b *testing.B) { benchInflate(b, data, part, "xl/sharedStrings.xml") })
			if shape == "xlsx" {
				b.Run("inflate-comments", func(b *testing.B) { benchInflate(b, data, "xl/comments1.xml") })
				b.Run("comments", func(b *testing.B) {
					wb, err := xlsxfile.Open(bytes.NewReader(data), benchLimits, "")
					if err != nil {
						b.Fatal(err)
					}
					s := matrixSheet(b, wb)
					benchRun(b, func() {
						if notes, _, err := wb.AllComments(s); err != nil || len(notes) == 0 {
							b.Fatalf("%d notes: %v", len(notes), err)
						}
					})
				})
			}
			b.Run("open", func(b *testing.B) {
				benchRun(b, func() {
					if _, err := xlsxfile.Open(bytes.NewReader(data), benchLimits, ""); err != nil {
						b.Fatal(err)
					}
				})
			})
			b.Run("stream", func(b *testing.B) {
				benchRun(b, func() {
					wb, err := xlsxfile.Open(bytes.NewReader(data), benchLimits, "")
					if err != nil {
						b.Fatal(err)
					}
					n := 0
					probs, err := wb.StreamSheet(matrixSheet(b, wb), xlsxfile.StreamOptions{Reuse: true}, func(r xlsxfile.Row) { n += len(r.Cells) })
					if err != nil || len(probs) > 0 || n != cells {
						b.Fatalf("%d cells, want %d; %v %v", n, cells, probs, err)
					}
				})
			})
		})
	}
}

var benchLimits = xlsxfile.Limits{FileSize: 256 << 20, UnzipSize: 1 << 30, Cells: 4_000_000, CellChars: 32767}

// benchRun runs op b.N times and reports its CPU time per op besides the
// wall time: on the shared machine it varies far less.
func benchRun(b *testing.B, op func()) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := matrixtest.CPUTime()
	for n := 0; n < b.N; n++ {
		op()
	}
	b.ReportMetric(float64(matrixtest.CPUTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// benchInflate decompresses the named parts and does nothing with them.
func benchInflate(b *testing.B, data []byte, parts ...string) {
	buf := make([]byte, 32<<10)
	benchRun(b, func() {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range parts {
			rc, err := zr.Open(p)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.CopyBuffer(io.Discard, rc, buf); err != nil {
				b.Fatal(err)
			}
			rc.Close()
		}
	})
}

func matrixSheet(b *testing.B, wb *xlsxfile.File) xlsxfile.Sheet {
	for _, s := range wb.Sheets() {
		if s.Name == "Matrix" {
			return s
		}
	}
	b.Fatal("no Matrix sheet")
	return xlsxfile.Sheet{}
}

var benchBooks struct {
	once sync.Once
	data map[string][]byte
	part map[string]string
	grid *xlsxfile.Grid
}

// benchBook returns the workbook of the shape, the part of its Matrix sheet
// and the count of its non-empty cells, building both shapes once per
// process.
func benchBook(b *testing.B, shape string) ([]byte, string, int) {
	b.Helper()
	bb := &benchBooks
	bb.once.Do(func() {
		m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 200, Issues: 6000, Seed: 1})
		var buf bytes.Buffer
		if err := xlsx.Workbook(&buf, m, export.Options{}); err != nil {
			b.Fatal(err)
		}
		wb, err := xlsxfile.Open(bytes.NewReader(buf.Bytes()), benchLimits, "")
		if err != nil {
			b.Fatal(err)
		}
		s := matrixSheet(b, wb)
		g, _, err := wb.ReadSheet(s)
		if err != nil {
			b.Fatal(err)
		}
		bb.grid = g
		bb.data = map[string][]byte{"xlsx": buf.Bytes(), "inline": inlineBook(b, g)}
		bb.part = map[string]string{"xlsx": s.Part, "inline": "xl/worksheets/sheet1.xml"}
	})
	cells := 0
	for _, r := range bb.grid.Rows {
		cells += len(r.Cells)
	}
	return bb.data[shape], bb.part[shape], cells
}

// inlineBook writes the grid as the only sheet, named Matrix, of a
// workbook with inline strings and no r attributes, and an empty shared
// string table.
func inlineBook(b *testing.B, g *xlsxfile.Grid) []byte {
	var sheet bytes.Buffer
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	row := 0
	for _, r := range g.Rows {
		for row++; row < r.Row; row++ {
			sheet.WriteString(`<row/>`)
		}
		sheet.WriteString(`<row>`)
		col := 0
		for _, c := range r.Cells {
			for col++; col < c.Col; col++ {
				sheet.WriteString(`<c/>`)
			}
			if c.Num {
				fmt.Fprintf(&sheet, `<c><v>%s</v></c>`, c.Val)
				continue
			}
			sheet.WriteString(`<c t="inlineStr"><is><t>`)
			xml.EscapeText(&sheet, []byte(c.Val))
			sheet.WriteString(`</t></is></c>`)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<Relationships><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns:r="` + rel + `"><sheets><sheet name="Matrix" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships>` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst count="0" uniqueCount="0"/>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(w, strings.NewReader(p.body)); err != nil {
			b.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}
