package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

var lim = xlsxfile.Limits{FileSize: 1 << 20, UnzipSize: 8 << 20, Cells: 1000, CellChars: 100}

// workbook is two sheets, the second with a shared string, a number, a
// note and a formula without a saved value, in the 1904 date system.
func workbook(t *testing.T) []byte {
	t.Helper()
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, data string }{
		{"xl/workbook.xml", `<workbook xmlns:r="` + rel + `"><workbookPr date1904="1"/><sheets>` +
			`<sheet name="First" sheetId="1" r:id="rId1"/><sheet name="Second" sheetId="2" r:id="rId2"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships>` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/worksheet" Target="worksheets/sheet2.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst><si><t>text</t></si></sst>`},
		{"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`},
		// The padding makes the part large enough for its dimension to be
		// believed.
		{"xl/worksheets/sheet2.xml", `<worksheet><dimension ref="A1:C3"/><!--` + strings.Repeat(" ", 300) + `--><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
			`<row r="3"><c r="C3"><v>45770</v></c><c r="A3" t="str"><f>1+1</f></c></row></sheetData></worksheet>`},
		{"xl/worksheets/_rels/sheet2.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + rel + `/comments" Target="../comments1.xml"/></Relationships>`},
		{"xl/comments1.xml", `<comments><authors><author>Analyst</author></authors><commentList>` +
			`<comment ref="C3" authorId="0"><text><r><t>Analyst:</t></r><r><t xml:space="preserve">` + "\n" + `a note</t></r></text></comment></commentList></comments>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFile(t *testing.T) {
	wb, err := xlsxfile.Open(bytes.NewReader(workbook(t)), lim, "")
	if err != nil {
		t.Fatal(err)
	}
	sheets := wb.Sheets()
	if len(sheets) != 2 || sheets[0].Name != "First" || sheets[1].Name != "Second" || !wb.Date1904() {
		t.Fatalf("sheets %+v, 1904 %v", sheets, wb.Date1904())
	}
	g, probs, err := wb.ReadSheet(sheets[1])
	if err != nil {
		t.Fatal(err)
	}
	want := []xlsxfile.Row{
		{Row: 1, Cells: []xlsxfile.Cell{{Col: 1, Val: "text"}}},
		{Row: 3, Cells: []xlsxfile.Cell{{Col: 3, Val: "45770", Num: true}}},
	}
	if g.Sheet != "Second" || !reflect.DeepEqual(g.Rows, want) {
		t.Errorf("rows %+v, want %+v", g.Rows, want)
	}
	var fe *xlsxfile.Error
	if len(probs) != 1 || !errors.As(probs[0], &fe) || fe.Sheet != "Second" || fe.Cell != "A3" {
		t.Errorf("problems %v, want one at Second!A3", probs)
	}
	hint, rows := -1, 0
	if _, err := wb.StreamSheet(sheets[1], xlsxfile.StreamOptions{RowsHint: func(n int) { hint = n }}, func(xlsxfile.Row) { rows++ }); err != nil || rows != 2 || hint != 3 {
		t.Errorf("streamed %d rows, hint %d, error %v", rows, hint, err)
	}
	notes, err := wb.Comments(sheets[1])
	if err != nil || !reflect.DeepEqual(notes, map[xlsxfile.Pos]string{{Col: 3, Row: 3}: "a note"}) {
		t.Errorf("comments %v, error %v", notes, err)
	}
}

func TestLimits(t *testing.T) {
	b := workbook(t)
	for _, tc := range []struct {
		name  string
		lim   func(*xlsxfile.Limits)
		limit string
		value int64
		sheet string
	}{
		{"file size", func(l *xlsxfile.Limits) { l.FileSize = 100 }, xlsxfile.LimitFileSize, 100, ""},
		{"unzipped size", func(l *xlsxfile.Limits) { l.UnzipSize = 500 }, xlsxfile.LimitUnzipSize, 500, ""},
		{"cells", func(l *xlsxfile.Limits) { l.Cells = 1 }, xlsxfile.LimitCells, 1, "Second"},
		{"cell characters", func(l *xlsxfile.Limits) { l.CellChars = 3 }, xlsxfile.LimitCellChars, 3, "Second"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := lim
			tc.lim(&l)
			wb, err := xlsxfile.Open(bytes.NewReader(b), l, "")
			if err == nil {
				var probs []error
				_, probs, err = wb.ReadSheet(wb.Sheets()[1])
				if err == nil && len(probs) > 0 {
					err = probs[0] // the cell over the limit comes first
				}
			}
			var le *xlsxfile.LimitError
			if !errors.As(err, &le) || le.Name != tc.limit || le.Limit != tc.value || le.Sheet != tc.sheet {
				t.Errorf("got %#v, want limit %q of %d in %q", err, tc.limit, tc.value, tc.sheet)
			}
		})
	}
}
