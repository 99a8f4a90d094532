package matrix

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// sheetCells lists a matrixSheet's cells, row by row, as a Grid holds them.
func sheetCells(ms *matrixSheet) []xlsxfile.Row {
	var out []xlsxfile.Row
	for k := range ms.rows {
		rn, cs := ms.row(k)
		r := xlsxfile.Row{Row: rn}
		for c := range cs.cells {
			r.Cells = append(r.Cells, xlsxfile.Cell{Col: int(c.col), Val: ms.texts[c.id]})
		}
		out = append(out, r)
	}
	return out
}

// The compact Matrix sheet gives back every cell's column and text: rows
// whose columns are consecutive and rows with gaps, past 256 and 65,536
// distinct texts (where a cell's text index no longer fits in a byte, then
// in 16 bits), and after sorting rows written out of order, the last of a
// cell written twice winning.
func TestMatrixSheetCells(t *testing.T) {
	const texts = 70_000
	var want []xlsxfile.Row
	ms := newMatrixSheet()
	add := func(row int, cols []int, text func(j int) string) {
		r := xlsxfile.Row{Row: row}
		for j, c := range cols {
			v := text(j)
			if j == 0 {
				ms.startRow(row, c, int32(len(ms.leads)))
				ms.leads = append(ms.leads, v)
			} else {
				ms.add(c, ms.intern(v))
			}
			r.Cells = append(r.Cells, xlsxfile.Cell{Col: c, Val: v})
		}
		want = append(want, r)
	}
	span := func(from, n int) []int {
		var cols []int
		for c := from; c < from+n; c++ {
			cols = append(cols, c)
		}
		return cols
	}
	// A few texts (a byte each): a full row, a row with gaps (kept as
	// absent slots), a row too sparse for that (its columns kept), one
	// that becomes too sparse after a gap kept. Then rows 3, 1, 2 (out of
	// order) with many texts, row 3 first, so that the switches to wider
	// indexes happen mid-sheet.
	add(10, span(1, 50), func(j int) string { return "s" + strconv.Itoa(j%7) })
	add(11, []int{2, 3, 7, 8, 20}, func(j int) string { return "s" + strconv.Itoa(j) })
	add(12, []int{1, 40, 100}, func(j int) string { return "s" + strconv.Itoa(j) })
	add(13, []int{1, 2, 5, 6, 60, 61}, func(j int) string { return "s" + strconv.Itoa(j) })
	if ms.ids.width > 1 || len(ms.cols) != 9 || ms.rows[0].cols != -1 || ms.rows[1].cols != -1 || ms.rows[1].pad != 14 {
		t.Fatalf("width %d, %d columns kept, rows %+v: want 8-bit indexes, 9 columns kept (rows 12 and 13), 14 absent slots in row 11", ms.ids.width, len(ms.cols), ms.rows)
	}
	n := 0
	for _, row := range []int{3, 1, 2} {
		add(row, span(1, texts/3+1), func(int) string { n++; return "t" + strconv.Itoa(n%texts) })
	}
	// Row 1 written again: column 1 again, and column 30 out of order.
	add(1, []int{5, 1, 30}, func(j int) string { return []string{"again5", "again1", "again30"}[j] })
	ms.finish()
	if got := sheetCells(ms); !slices.EqualFunc(got, want, rowsEqual) {
		t.Fatalf("cells differ from those added")
	}
	if ms.ids.width != 4 {
		t.Fatalf("%d texts: %d-byte indexes, want 4", len(ms.texts), ms.ids.width)
	}
	if ms.maxCol != texts/3+1 {
		t.Fatalf("maxCol %d, want %d", ms.maxCol, texts/3+1)
	}
	// The sorted sheet: by row, by column, the last write of a cell.
	byRow := map[int]map[int]string{}
	for _, r := range want {
		if byRow[r.Row] == nil {
			byRow[r.Row] = map[int]string{}
		}
		for _, c := range r.Cells {
			byRow[r.Row][c.Col] = c.Val
		}
	}
	var sorted []xlsxfile.Row
	for _, rn := range []int{1, 2, 3, 10, 11, 12, 13} {
		r := xlsxfile.Row{Row: rn}
		for c := range texts {
			if v, ok := byRow[rn][c]; ok {
				r.Cells = append(r.Cells, xlsxfile.Cell{Col: c, Val: v})
			}
		}
		sorted = append(sorted, r)
	}
	ms.sort()
	if got := sheetCells(ms); !slices.EqualFunc(got, sorted, rowsEqual) {
		t.Fatalf("sorted cells differ")
	}
}

func rowsEqual(a, b xlsxfile.Row) bool {
	return a.Row == b.Row && slices.EqualFunc(a.Cells, b.Cells, func(x, y xlsxfile.Cell) bool { return x.Col == y.Col && x.Val == y.Val })
}

// streamMatrix gives the cells and cell problems that ReadSheet gives, on
// crafted Matrix sheets: rows out of order, a row or a cell written twice,
// rows and cells without an r attribute, gaps, a row of one cell, cells past
// the header's columns, numbers, a formula without a value, more distinct
// texts than a byte indexes.
func TestStreamMatrixLikeReadSheet(t *testing.T) {
	c := func(ref, v string) string {
		if ref != "" {
			ref = ` r="` + ref + `"`
		}
		return `<c` + ref + ` t="inlineStr"><is><t>` + v + `</t></is></c>`
	}
	num := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	row := func(r string, cells ...string) string {
		if r != "" {
			r = ` r="` + r + `"`
		}
		return `<row` + r + `>` + strings.Join(cells, "") + `</row>`
	}
	var many []string
	for k := range 300 {
		many = append(many, c("", "text "+strconv.Itoa(k)))
	}
	cases := map[string][]string{
		"in order": {
			row("1", c("B1", "P1"), c("C1", "P2")),
			row("2", c("A2", "I1"), c("B2", "Support"), c("C2", "Oppose")),
			row("3", c("A3", "I2"), c("C3", "Neutral")),
		},
		"rows out of order": {
			row("3", c("A3", "I2"), c("B3", "Oppose")),
			row("1", c("B1", "P1"), c("C1", "P2")),
			row("2", c("A2", "I1"), c("B2", "Support")),
		},
		"row written twice": {
			row("1", c("B1", "P1"), c("C1", "P2")),
			row("2", c("A2", "I1"), c("B2", "Support")),
			row("2", c("C2", "Oppose"), c("B2", "Neutral")),
		},
		"cells out of order in a row": {
			row("1", c("C1", "P2"), c("B1", "P1")),
			row("2", c("C2", "Oppose"), c("A2", "I1"), c("C2", "Support")),
		},
		"header not first, blank rows, no r attributes": {
			row("5", c("A5", "I9"), c("B5", "Support")),
			row(""),
			row("", c("", "I10"), c("", "Oppose"), c("", "Neutral")),
			row("2", c("B2", "P1"), c("C2", "P2")),
			row("", c("", "x")),
		},
		"a cell written twice in a row": {
			row("1", c("B1", "P1")),
			row("2", c("A2", "I1"), c("B2", "Support"), c("B2", "Oppose")),
		},
		"gaps and cells beyond the header": {
			row("1", c("B1", "P1"), c("D1", "P3")),
			row("2", c("A2", "I1"), c("B2", "Support"), c("D2", "Oppose"), c("Z2", "Far")),
			row("3", c("B3", "No issue"), c("C3", "x"), num("AA3", "2")),
			row("4", c("A4", "I2")),
		},
		"formula without a value": {
			row("1", c("B1", "P1")),
			row("2", c("A2", "I1"), `<c r="B2"><f>1+1</f></c>`, c("C2", "Support")),
		},
		"many texts": {
			row("1", many...),
			row("2", append([]string{c("A2", "I1")}, many[:200]...)...),
			row("3", many[100:]...),
		},
	}
	for name, rows := range cases {
		t.Run(name, func(t *testing.T) {
			b := workbookWithSheet(t, `<sheetData>`+strings.Join(rows, "")+`</sheetData>`)
			rd := &reader{file: "t.xlsx", opt: ReadOptions{}.withDefaults()}
			p, err := xlsxfile.Open(bytes.NewReader(b), rd.opt.limits(), "")
			if err != nil {
				t.Fatal(err)
			}
			rd.p = p
			s := p.Sheets()[0]
			g, probs, err := p.ReadSheet(s)
			if err != nil {
				t.Fatal(err)
			}
			ms := rd.streamMatrix(s)
			if ms == nil {
				t.Fatalf("streamMatrix: nil; problems %v", rd.ps)
			}
			if got := sheetCells(ms); !slices.EqualFunc(got, g.Rows, rowsEqual) {
				t.Errorf("streamMatrix gives\n%v\nReadSheet\n%v", got, g.Rows)
			}
			var want []string
			for _, e := range probs {
				want = append(want, e.Error())
			}
			var got []string
			for _, p := range rd.ps {
				got = append(got, p.Msg)
			}
			if !slices.Equal(got, want) {
				t.Errorf("problems %q, want %q", got, want)
			}
		})
	}
}

// workbookWithSheet is a workbook of one sheet, Matrix, whose sheet part
// holds the XML data given (rows as written, however odd).
func workbookWithSheet(t *testing.T, data string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Matrix"); err != nil {
		t.Fatal(err)
	}
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	replaced := false
	for _, e := range zr.File {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "xl/worksheets/sheet1.xml" {
			replaced = true
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</worksheet>`, data)
			continue
		}
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !replaced {
		t.Fatal("no xl/worksheets/sheet1.xml")
	}
	return out.Bytes()
}
