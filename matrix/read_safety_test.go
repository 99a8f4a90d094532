package matrix_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
	"github.com/xuri/excelize/v2"
)

// zipEntry is one part of a hand-built zip; Declared, when non-zero, is the
// uncompressed size written in the headers whatever the data holds.
type zipEntry struct {
	Name     string
	Data     []byte
	Declared uint64
	Deflated []byte // raw deflate data to store instead of compressing Data
}

func zipOf(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		if e.Declared == 0 && e.Deflated == nil {
			w, err := zw.Create(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.Data)
			continue
		}
		raw := e.Deflated
		if raw == nil {
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.BestSpeed)
			fw.Write(e.Data)
			fw.Close()
			raw = c.Bytes()
		}
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(e.Data),
			CompressedSize64: uint64(len(raw)), UncompressedSize64: e.Declared}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parts returns the parts of an .xlsx.
func parts(t testing.TB, b []byte) []zipEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []zipEntry
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, zipEntry{Name: f.Name, Data: data})
	}
	return out
}

// withPart rebuilds an .xlsx with one part changed.
func withPart(t testing.TB, b []byte, name string, fn func([]byte) []byte) []byte {
	t.Helper()
	ps := parts(t, b)
	found := false
	for i := range ps {
		if ps[i].Name == name {
			ps[i].Data = fn(ps[i].Data)
			found = true
		}
	}
	if !found {
		t.Fatalf("no part %s", name)
	}
	return zipOf(t, ps...)
}

// deflatedBomb returns a raw deflate stream of a worksheet part that
// starts well-formed and goes on with n MiB of spaces, built from one
// compressed MiB repeated, so that a gigabyte bomb costs nothing to make.
func deflatedBomb(n int) []byte {
	segment := func(b []byte) []byte {
		var c bytes.Buffer
		fw, _ := flate.NewWriter(&c, flate.BestCompression)
		fw.Write(b)
		fw.Flush()
		return c.Bytes()
	}
	var out bytes.Buffer
	out.Write(segment([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)))
	block := segment(bytes.Repeat([]byte(" "), 1<<20))
	for i := 0; i < n; i++ {
		out.Write(block)
	}
	out.Write([]byte{0x03, 0x00}) // final empty fixed block
	return out.Bytes()
}

func encrypted(t testing.TB, b []byte, password string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func testdataFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func simpleBook(t testing.TB) []byte {
	return book(t, sheet{Name: "Matrix", Rows: [][]any{row(nil, "Ukraine", "Russia"), row("Ceasefire", "Supports", "Opposes")}})
}

// Files that are not workbooks, damaged or hostile: each gives one error
// with a clear message (and hint), no matrix, and no panic.
func TestReadHostile(t *testing.T) {
	valid := simpleBook(t)
	sheetXML := "xl/worksheets/sheet1.xml"
	sheetData := parts(t, valid)[partIndex(t, valid, sheetXML)].Data
	tests := []struct {
		name  string
		data  []byte
		opt   matrix.ReadOptions
		want  string // the error line
		hint  string // a substring of the hint, if any
		place string // Sheet!Cell of the problem
		cause error  // what Err must be (errors.Is), if anything
		limit *xlsxfile.LimitError
	}{
		{name: "empty", data: nil, want: "t.xlsx: is empty (0 bytes)"},
		{name: "csv", data: []byte("Issue,Ukraine,Russia\nCeasefire,Supports,Opposes\n"),
			want: "t.xlsx: is a text file (CSV or plain text), not an .xlsx workbook", hint: "save it as Excel Workbook"},
		{name: "pdf", data: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), want: "t.xlsx: is a PDF document, not an .xlsx workbook"},
		{name: "binary junk", data: []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 8}, want: "t.xlsx: is not an .xlsx workbook (unrecognised content)"},
		{name: "html", data: []byte("<!DOCTYPE html><html><body>Sign in</body></html>"), want: "t.xlsx: is an HTML page, not an .xlsx workbook (a download that went wrong?)"},
		{name: "legacy xls", data: testdataFile(t, "legacy.xls"), want: "t.xlsx: is a legacy Excel 97-2003 .xls file; save it as .xlsx"},
		{name: "opendocument", data: testdataFile(t, "opendocument.ods"), want: "t.xlsx: is an OpenDocument spreadsheet (.ods), not an .xlsx workbook", hint: "save it as Excel"},
		{name: "password without --password", data: encrypted(t, valid, "s3cret"), want: "t.xlsx: is protected with a password", hint: "give the workbook's password",
			cause: xlsxfile.ErrPasswordRequired},
		{name: "wrong password", data: encrypted(t, valid, "s3cret"), opt: matrix.ReadOptions{Password: "guess"},
			want: "t.xlsx: cannot be opened: the password is not correct", hint: "case-sensitive", cause: xlsxfile.ErrPasswordIncorrect},
		{name: "truncated", data: valid[:len(valid)/2], want: "t.xlsx: is damaged or truncated: not a complete .xlsx (zip) file (zip: not a valid zip file)"},
		{name: "zip without a workbook", data: zipOf(t, zipEntry{Name: "readme.txt", Data: []byte("hi")}),
			want: "t.xlsx: is a zip archive but not an Excel workbook (it has no xl/workbook.xml)"},
		{name: "word document", data: zipOf(t, zipEntry{Name: "word/document.xml", Data: []byte("<w/>")}), want: "t.xlsx: is a Word document, not an .xlsx workbook"},
		{name: "file over the size limit", data: valid, opt: matrix.ReadOptions{MaxFileSize: 1000},
			want: "t.xlsx: is larger than the limit of 1000 bytes", limit: &xlsxfile.LimitError{Name: xlsxfile.LimitFileSize, Limit: 1000}},
		{name: "sheet XML not well-formed", place: "Matrix",
			data: withPart(t, valid, sheetXML, func(b []byte) []byte { return bytes.Replace(b, []byte("</row>"), []byte("</rox>"), 1) }),
			want: "t.xlsx: Matrix: the sheet's XML is damaged after cell C1 (XML syntax error on line 2: element <row> closed by </rox>)", hint: "save it again"},
		{name: "sheet XML cut short", place: "Matrix",
			data: withPart(t, valid, sheetXML, func(b []byte) []byte { return b[:bytes.Index(b, []byte("<row r=\"2\""))+20] }),
			want: "t.xlsx: Matrix: the sheet's XML is damaged after cell C1 (XML syntax error on line 2: unexpected EOF)"},
		{name: "shared strings damaged",
			data: withPart(t, valid, "xl/sharedStrings.xml", func(b []byte) []byte { return bytes.Replace(b, []byte("<si>"), []byte("<si><<"), 1) }),
			want: "t.xlsx: part xl/sharedStrings.xml is not well-formed XML (XML syntax error on line 2: expected element name after <); the file is damaged"},
		{name: "bomb with honest headers", data: zipOf(t, zipEntry{Name: "xl/worksheets/sheet1.xml", Declared: 10 << 30, Deflated: deflatedBomb(1)}),
			want:  "t.xlsx: decompresses to more than the limit of 512 MiB (a decompression bomb?)",
			limit: &xlsxfile.LimitError{Name: xlsxfile.LimitUnzipSize, Limit: matrix.DefaultMaxUnzipSize}},
		{name: "bomb whose headers under-state the size", place: "Matrix",
			data: withPartRaw(t, valid, sheetXML, zipEntry{Declared: 4096, Deflated: deflatedBomb(1024), Data: make([]byte, 1<<20)}),
			want: "t.xlsx: Matrix: part xl/worksheets/sheet1.xml holds more data than its zip header declares (4096 bytes): a decompression bomb or a damaged file"},
		{name: "binary workbook (.xlsb)", data: zipOf(t,
			zipEntry{Name: "_rels/.rels", Data: []byte(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`)},
			zipEntry{Name: "xl/workbook.bin", Data: []byte("\x83\x01\x00\x80\x01&\x00\xff\xfe")}),
			want: "t.xlsx: is an Excel binary workbook (.xlsb), not an .xlsx workbook", hint: "save it as Excel Workbook (.xlsx)"},
		{name: "binary workbook without rels", data: zipOf(t, zipEntry{Name: "xl/workbook.bin", Data: []byte("\x83\x01")}),
			want: "t.xlsx: is an Excel binary workbook (.xlsb), not an .xlsx workbook", hint: "save it as Excel Workbook (.xlsx)"},
		{name: "Apple Numbers", data: zipOf(t, zipEntry{Name: "Index/Document.iwa", Data: []byte("\x00\x0b\x00\x00")}, zipEntry{Name: "Metadata/Properties.plist", Data: []byte("bplist00")}),
			want: "t.xlsx: is an Apple Numbers spreadsheet, not an .xlsx workbook", hint: "open it in Numbers and save it as Excel Workbook (.xlsx)"},
		{name: "legacy xls with capital stream names", data: bytes.ReplaceAll(testdataFile(t, "legacy.xls"), utf16("Workbook"), utf16("WORKBOOK")),
			want: "t.xlsx: is a legacy Excel 97-2003 .xls file; save it as .xlsx", hint: "save it as Excel Workbook (.xlsx)"},
		{name: "legacy Excel 4.0 worksheet", data: []byte("\x09\x04\x06\x00\x00\x00\x10\x00\x0c\x00\x02\x00\x64\x00"),
			want: "t.xlsx: is a legacy Excel 4.0 .xls file; save it as .xlsx", hint: "save it as Excel Workbook (.xlsx)"},
		{name: "damaged compound file", data: append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...),
			want: "t.xlsx: is a damaged Office compound file (legacy .xls or encrypted workbook)", hint: "save it as Excel Workbook (.xlsx)"},
		{name: "CRC error", place: "Matrix", data: withBadCRC(t, valid, sheetXML),
			want: "t.xlsx: Matrix: part xl/worksheets/sheet1.xml is damaged: it fails its zip CRC check; the file is corrupt", hint: "fresh copy"},
		{name: "damaged deflate stream a little longer than declared", place: "Matrix",
			data: withPartRaw(t, valid, sheetXML, zipEntry{Data: sheetData, Declared: uint64(len(sheetData)) - 2}),
			want: "t.xlsx: Matrix: part xl/worksheets/sheet1.xml is damaged: it does not match its zip header (CRC or size); the file is corrupt", hint: "fresh copy"},
		{name: "binary in an XML error",
			data: withPart(t, valid, "xl/sharedStrings.xml", func(b []byte) []byte { return bytes.Replace(b, []byte("<si>"), []byte("<si>&\xfc\xfd "), 1) }),
			want: `t.xlsx: part xl/sharedStrings.xml is not well-formed XML (XML syntax error on line 2: invalid character entity &\xfc\xfd (no semicolon)); the file is damaged`},
		{name: "unzip limit counted", opt: matrix.ReadOptions{MaxUnzipSize: 2000}, data: valid,
			want:  "t.xlsx: decompresses to more than the limit of 2000 bytes (a decompression bomb?)",
			limit: &xlsxfile.LimitError{Name: xlsxfile.LimitUnzipSize, Limit: 2000}},
	}
	for _, tc := range tests {
		for _, route := range readRoutes {
			t.Run(tc.name+"/"+route.name, func(t *testing.T) {
				m, ps := route.read(t, tc.data, "t.xlsx", tc.opt)
				if m != nil {
					t.Errorf("got a matrix, want nil")
				}
				if len(ps) != 1 {
					t.Fatalf("want exactly one problem, got:\n%s", problemLines(ps))
				}
				p := ps[0]
				if p.Error() != tc.want || p.Severity != matrix.Error {
					t.Errorf("got  %s\nwant %s", p.Error(), tc.want)
				}
				if !strings.Contains(p.Hint, tc.hint) {
					t.Errorf("hint %q does not contain %q", p.Hint, tc.hint)
				}
				if p.Place() != tc.place {
					t.Errorf("place %q, want %q", p.Place(), tc.place)
				}
				if tc.cause != nil && !errors.Is(p.Err, tc.cause) {
					t.Errorf("Err %v, want %v", p.Err, tc.cause)
				}
				if tc.limit != nil {
					checkLimit(t, p, tc.limit.Name, tc.limit.Limit)
				} else if le := (*xlsxfile.LimitError)(nil); errors.As(p.Err, &le) {
					t.Errorf("unexpected limit error %+v", le)
				}
			})
		}
	}
}

// utf16 is s in UTF-16LE, as compound file directories name streams.
func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// partIndex returns the index of the named part in parts(b).
func partIndex(t testing.TB, b []byte, name string) int {
	t.Helper()
	for i, p := range parts(t, b) {
		if p.Name == name {
			return i
		}
	}
	t.Fatalf("no part %s", name)
	return -1
}

// withBadCRC rebuilds an .xlsx with the named part stored under a CRC that
// does not match its data.
func withBadCRC(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts(t, b) {
		crc := crc32.ChecksumIEEE(p.Data)
		if p.Name == name {
			crc ^= 1
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Store, CRC32: crc,
			CompressedSize64: uint64(len(p.Data)), UncompressedSize64: uint64(len(p.Data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.Data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checkLimit checks that p is over the named limit of that value.
func checkLimit(t *testing.T, p matrix.Problem, name string, limit int64) {
	t.Helper()
	var le *xlsxfile.LimitError
	if !errors.As(p.Err, &le) {
		t.Fatalf("%s: Err is %#v, want a *xlsxfile.LimitError", p.Error(), p.Err)
	}
	if le.Name != name || le.Limit != limit {
		t.Errorf("%s: limit %q of %d, want %q of %d", p.Error(), le.Name, le.Limit, name, limit)
	}
	if strings.Contains(p.Msg, "--") || strings.Contains(p.Hint, "--") {
		t.Errorf("a library message names a flag: %q (hint %q)", p.Msg, p.Hint)
	}
}

// withPartRaw rebuilds an .xlsx with one part replaced by a raw entry.
func withPartRaw(t testing.TB, b []byte, name string, e zipEntry) []byte {
	ps := parts(t, b)
	for i := range ps {
		if ps[i].Name == name {
			e.Name = name
			ps[i] = e
		}
	}
	return zipOf(t, ps...)
}

func TestReadPassword(t *testing.T) {
	m, ps := matrix.Read(bytes.NewReader(encrypted(t, simpleBook(t), "s3cret")), "t.xlsx", matrix.ReadOptions{Password: "s3cret"})
	if len(ps) != 0 || m == nil || m.Stance(0, 1) != "Opposes" {
		t.Fatalf("with the right password: %v", problemLines(ps))
	}
	// A password given for a workbook that has none is harmless.
	if _, ps := matrix.Read(bytes.NewReader(simpleBook(t)), "t.xlsx", matrix.ReadOptions{Password: "x"}); len(ps) != 0 {
		t.Errorf("password on a plain workbook: %v", problemLines(ps))
	}
}

// A bomb is rejected fast and in little memory: a 1 GiB sheet whose
// headers say 4 KiB.
func TestReadBombMemory(t *testing.T) {
	b := withPartRaw(t, simpleBook(t), "xl/worksheets/sheet1.xml", zipEntry{Declared: 4096, Deflated: deflatedBomb(1024), Data: make([]byte, 1)})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
	runtime.ReadMemStats(&after)
	if ps.Err() == nil {
		t.Fatal("bomb accepted")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("reading the bomb allocated %d MiB", alloc>>20)
	}
}

// Cell-level limits and formulas: errors at the cell, the rest still read.
func TestReadCellLimits(t *testing.T) {
	t.Run("formula without cached value", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "Matrix")
		f.SetSheetRow("Matrix", "A1", &[]any{nil, "Ukraine", "Russia"})
		f.SetSheetRow("Matrix", "A2", &[]any{"Ceasefire", "Supports"})
		f.SetCellFormula("Matrix", "C2", `IF(B2="Supports","Opposes","Supports")`)
		var b bytes.Buffer
		f.Write(&b)
		m, ps := readBook(t, b.Bytes())
		want := `t.xlsx: Matrix!C2: formula =IF(B2="Supports","Opposes","Supports") has no saved value (the tool does not compute formulas)`
		if len(ps) != 1 || ps[0].Error() != want || !strings.Contains(ps[0].Hint, "save it") {
			t.Fatalf("got %s\nwant %s", problemLines(ps), want)
		}
		if m == nil || m.Stance(0, 0) != "Supports" || !m.Cell(0, 1).Blank() {
			t.Errorf("rest of the matrix not read: %+v", m)
		}
	})
	t.Run("formula with cached value", func(t *testing.T) {
		b := withPart(t, simpleBook(t), "xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<c r="C2" t="s"><v>`), []byte(`<c r="C2" t="s"><f>B2</f><v>`), 1)
		})
		m := mustReadBook(t, b)
		if m.Stance(0, 1) != "Opposes" {
			t.Errorf("cached value not used: %+v", m.Cells()[0])
		}
	})
	t.Run("cell over the character limit", func(t *testing.T) {
		b := book(t, sheet{Name: "Matrix", Rows: [][]any{row(nil, "Ukraine", strings.Repeat("x", 300))}, Comments: nil},
			sheet{Name: "Data", Rows: [][]any{row(strings.Repeat("y", 300))}})
		_, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{MaxCellChars: 200})
		want := "t.xlsx: Matrix!C1: cell holds 300 characters, more than the limit of 200"
		if len(ps) == 0 || ps[0].Error() != want {
			t.Fatalf("got %s\nwant %s", problemLines(ps), want)
		}
		checkLimit(t, ps[0], xlsxfile.LimitCellChars, 200)
		if strings.Contains(problemLines(ps), "Data") {
			t.Errorf("an unknown sheet was read: %s", problemLines(ps))
		}
	})
	t.Run("sheet over the cell limit", func(t *testing.T) {
		m, ps := matrix.Read(bytes.NewReader(simpleBook(t)), "t.xlsx", matrix.ReadOptions{MaxCells: 4})
		want := "t.xlsx: Matrix: the sheet has more than 4 non-empty cells (the limit)"
		if problemLines(ps) != want || m != nil {
			t.Fatalf("got %s\nwant %s", problemLines(ps), want)
		}
		checkLimit(t, ps[0], xlsxfile.LimitCells, 4)
	})
}

// A sparse sheet with many parties and many issues must not allocate the
// dense product.
func TestReadDenseLimit(t *testing.T) {
	hdr := []any{nil}
	for i := 0; i < 60; i++ {
		hdr = append(hdr, fmt.Sprintf("P%d", i))
	}
	rows := [][]any{hdr}
	for i := 0; i < 60; i++ {
		rows = append(rows, row(fmt.Sprintf("I%d", i)))
	}
	_, ps := matrix.Read(bytes.NewReader(book(t, sheet{Name: "Matrix", Rows: rows})), "t.xlsx", matrix.ReadOptions{MaxCells: 3000})
	want := "t.xlsx: Matrix: the matrix has 60 parties × 60 issues = 3600 cells, more than the limit of 3000"
	if problemLines(ps) != want {
		t.Fatalf("got %s\nwant %s", problemLines(ps), want)
	}
	checkLimit(t, ps[0], xlsxfile.LimitCells, 3000)
}

// A shared string table of empty entries costs 16 bytes an entry in memory
// for 5 in the file: its length is capped.
func TestReadSharedStringsLimit(t *testing.T) {
	b := withPart(t, simpleBook(t), "xl/sharedStrings.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<si>"), append(bytes.Repeat([]byte("<si/>"), 100), "<si>"...), 1)
	})
	_, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{MaxCells: 20})
	want := "t.xlsx: the shared string table has more than 80 entries (4 × the cell limit)"
	if problemLines(ps) != want {
		t.Fatalf("got %s\nwant %s", problemLines(ps), want)
	}
	checkLimit(t, ps[0], xlsxfile.LimitSharedStrings, 80)
}

// Rows listed in reverse order are sorted (and must not take quadratic time).
func TestReadRowsOutOfOrder(t *testing.T) {
	sheetXML := `<worksheet><sheetData>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>Crimea</t></is></c><c r="B3" t="inlineStr"><is><t>No</t></is></c></row>` +
		`<row r="1"><c r="B1" t="inlineStr"><is><t>Ukraine</t></is></c></row>` +
		`<row r="2"><c r="B2" t="inlineStr"><is><t>Bogus</t></is></c><c r="A2" t="inlineStr"><is><t>Ceasefire</t></is></c></row>` +
		`<row r="2"><c r="B2" t="inlineStr"><is><t>Yes</t></is></c></row>` + // written twice: the last one counts
		`</sheetData></worksheet>`
	b := withPart(t, simpleBook(t), "xl/worksheets/sheet1.xml", func([]byte) []byte { return []byte(sheetXML) })
	m := mustReadBook(t, b)
	if len(m.Issues) != 2 || m.Issues[0].Name != "Ceasefire" || m.Stance(0, 0) != "Supports" || m.Stance(1, 0) != "Opposes" {
		t.Errorf("got %+v %+v", m.Issues, m.Cells())
	}
}

// A giant cell is refused before the XML decoder buffers it whole.
func TestReadGiantCell(t *testing.T) {
	b := withPart(t, simpleBook(t), "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		giant := `<c r="D2" t="inlineStr"><is><t>` + strings.Repeat("x", 64<<20) + `</t></is></c></row>`
		return bytes.Replace(b, []byte("</row></sheetData>"), []byte(giant+"</sheetData>"), 1)
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
	runtime.ReadMemStats(&after)
	want := "t.xlsx: Matrix!D2: cell holds more than 1048576 bytes of text, far over the limit of 32767 characters in a cell"
	if problemLines(ps) != want || m != nil {
		t.Fatalf("got %s\nwant %s", problemLines(ps), want)
	}
	checkLimit(t, ps[0], xlsxfile.LimitCellChars, 32767)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading a 64 MiB cell allocated %d MiB", alloc>>20)
	}
}

// Cells read as Excel reads them: an empty cached value <v/> is a blank
// cell (Excel, LibreOffice, POI and calamine agree), and _xHHHH_ escapes in
// text are decoded, "_x005F_" being an escaped underscore.
func TestReadExcelCellText(t *testing.T) {
	sheetXML := `<worksheet><sheetData>` +
		`<row r="1"><c r="B1" t="inlineStr"><is><t>Ukraine_x000D__x000A_(government)</t></is></c><c r="C1" t="s"><v/></c><c r="D1"><v/></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Cease_x005F_x000D_fire</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="str"><f>""</f><v/></c></row>` +
		`</sheetData></worksheet>`
	b := withPart(t, simpleBook(t), "xl/worksheets/sheet1.xml", func([]byte) []byte { return []byte(sheetXML) })
	b = withPart(t, b, "xl/sharedStrings.xml", func([]byte) []byte { return []byte(`<sst><si><t>Sup_x0070_orts</t></si></sst>`) })
	m, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
	if m == nil || ps.Err() != nil {
		t.Fatalf("got %s", problemLines(ps))
	}
	if len(m.Parties) != 1 || m.Parties[0].Name != "Ukraine\r\n(government)" {
		t.Errorf("parties %+v", m.Parties)
	}
	if len(m.Issues) != 1 || m.Issues[0].Name != "Cease_x000D_fire" || m.Stance(0, 0) != "Supports" {
		t.Errorf("issues %+v, cells %+v", m.Issues, m.Cells())
	}
}

// A message that quotes the file without %q (here a formula with a line
// break) shows its control characters as escapes.
func TestReadMessagesPrintable(t *testing.T) {
	sheetXML := `<worksheet><sheetData>` +
		`<row r="1"><c r="B1" t="inlineStr"><is><t>Ukraine</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Ceasefire</t></is></c><c r="B2" t="str"><f>IF(A1,` + "\n" + `"x\u0085")</f></c></row>` +
		`</sheetData></worksheet>`
	b := withPart(t, simpleBook(t), "xl/worksheets/sheet1.xml", func([]byte) []byte { return []byte(sheetXML) })
	_, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
	want := `t.xlsx: Matrix!B2: formula =IF(A1,\n"x\u0085") has no saved value (the tool does not compute formulas)`
	if len(ps) == 0 || ps[0].Error() != want {
		t.Errorf("got  %s\nwant %s", problemLines(ps), want)
	}
}

// An Apple Numbers document saved as a package is a folder.
func TestReadNumbersPackage(t *testing.T) {
	dir := t.TempDir() + "/budget.numbers"
	if err := os.MkdirAll(dir+"/Index", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/Index/Document.iwa", []byte{0, 1}, 0o644); err != nil {
		t.Fatal(err)
	}
	_, ps := matrix.ReadFile(dir, matrix.ReadOptions{})
	want := dir + ": is an Apple Numbers spreadsheet, not an .xlsx workbook"
	if len(ps) != 1 || ps[0].Error() != want || !strings.Contains(ps[0].Hint, "File > Export To > Excel") {
		t.Errorf("got %s (hint %q)\nwant %s", problemLines(ps), ps[0].Hint, want)
	}
	// Any other folder is still a folder.
	_, ps = matrix.ReadFile(t.TempDir(), matrix.ReadOptions{})
	if len(ps) != 1 || !strings.HasSuffix(ps[0].Error(), ": cannot open: is a directory, not a file") {
		t.Errorf("got %s", problemLines(ps))
	}
}
