package matrix_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// checkRead reads b and checks what must hold for any input: no panic (Read
// turns one into an "internal error" problem, which fails here), a matrix of
// consistent shape holding only labels of its scale, sorted problems that
// each have a message, and the same result on a second read.
func checkRead(t *testing.T, b []byte) {
	opt := matrix.ReadOptions{MaxFileSize: 1 << 20, MaxUnzipSize: 8 << 20, MaxCells: 20000}
	m, ps := matrix.Read(bytes.NewReader(b), "f.xlsx", opt)
	for i, p := range ps {
		if strings.Contains(p.Msg, "internal error") {
			t.Fatalf("panic: %s", p.Error())
		}
		if p.Msg == "" || p.File != "f.xlsx" {
			t.Fatalf("bad problem %+v", p)
		}
		if i > 0 && p.File == ps[i-1].File && p.Sheet < ps[i-1].Sheet {
			t.Fatalf("problems not sorted: %q after %q", p.Sheet, ps[i-1].Sheet)
		}
	}
	if m == nil {
		if ps.Err() == nil {
			t.Fatal("no matrix and no error")
		}
		return
	}
	check := func(m *matrix.Matrix) {
		if len(m.Cells()) != len(m.Issues) {
			t.Fatalf("%d cell rows for %d issues", len(m.Cells()), len(m.Issues))
		}
		for i, row := range m.Cells() {
			if len(row) != len(m.Parties) {
				t.Fatalf("%d cells for %d parties", len(row), len(m.Parties))
			}
			for p, c := range row {
				if _, ok := m.Scale.Stance(c.Stance); !c.Blank() && !ok {
					t.Fatalf("cell %s holds %q, not a scale label", m.CellRef(i, p), c.Stance)
				}
				if m.CellRef(i, p) == "" {
					t.Fatal("cell without a reference")
				}
			}
		}
	}
	check(m)
	for _, s := range m.Snapshots {
		check(s.Matrix)
	}
	m2, ps2 := matrix.Read(bytes.NewReader(b), "f.xlsx", opt)
	if !reflect.DeepEqual(m, m2) || !reflect.DeepEqual(ps, ps2) {
		t.Fatal("two reads of the same bytes differ")
	}
}

func FuzzRead(f *testing.F) {
	valid := simpleBook(f)
	for _, b := range [][]byte{
		valid, fullBook(f), nil, []byte("a,b\n1,2\n"), []byte("%PDF-1.4"),
		valid[:len(valid)/2], encrypted(f, valid, "x"), testdataFile(f, "legacy.xls"), testdataFile(f, "opendocument.ods"),
		withPart(f, valid, "xl/worksheets/sheet1.xml", func(b []byte) []byte { return bytes.Replace(b, []byte("</row>"), []byte("</rox>"), 1) }),
	} {
		f.Add(b)
	}
	f.Fuzz(checkRead)
}

// FuzzReadSheetXML fuzzes the XML of the Matrix sheet inside an otherwise
// valid workbook, where byte-level mutations of a whole file would mostly
// only break the zip checksums.
func FuzzReadSheetXML(f *testing.F) {
	base := parts(f, book(f,
		sheet{Name: "Matrix", Rows: [][]any{row(nil, "Ukraine", "Russia"), row("Ceasefire", "Supports", "Opposes")}, Comments: map[string]string{"B2": "note"}},
		sheet{Name: "Evidence", Rows: [][]any{row("Party", "Issue", "Date"), row("Ukraine", "Ceasefire", 45770)}},
	))
	const part = "xl/worksheets/sheet1.xml"
	for _, e := range base {
		if e.Name == part {
			f.Add(e.Data)
		}
	}
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>A</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c><c r="B2"><f>1+1</f></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="1048577"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row><c t="s"><v>99</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		ps := make([]zipEntry, len(base))
		copy(ps, base)
		for i := range ps {
			if ps[i].Name == part {
				ps[i].Data = sheetXML
			}
		}
		checkRead(t, zipOf(t, ps...))
	})
}
