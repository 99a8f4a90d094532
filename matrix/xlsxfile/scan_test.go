package xlsxfile

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanLimits are small, so that fuzzed sheets meet the limits.
var scanLimits = Limits{FileSize: 16 << 20, UnzipSize: 8 << 20, Cells: 50, CellChars: 40}

const (
	sheetPart   = "xl/worksheets/sheet1.xml"
	sstPartName = "xl/sharedStrings.xml"
)

// partsFile is a File holding a worksheet and a shared string table,
// stored without compression.
func partsFile(t testing.TB, sheetXML, sstXML []byte) (*File, *File) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range []struct {
		name string
		data []byte
	}{{sheetPart, sheetXML}, {sstPartName, sstXML}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	nw, err := rawFile(b.Bytes(), scanLimits)
	if err != nil {
		t.Fatal(err)
	}
	ow, _ := rawFile(b.Bytes(), scanLimits)
	return nw, ow
}

// checkScanner reads a shared string table and a sheet with the scanner
// and with encoding/xml and fails on any difference; it reads the table's
// XML as a comments part too.
func checkScanner(t *testing.T, sheetXML, sstXML []byte) {
	nw, ow := partsFile(t, sheetXML, sstXML)
	if err := differComments(nw, ow, sstPartName); err != nil {
		t.Fatal(err)
	}
	nw, ow = partsFile(t, sheetXML, sstXML)
	if err := differSST(nw, ow, sstPartName); err != nil {
		t.Fatal(err)
	}
	if len(nw.strings) < 3 {
		nw.strings = []string{"zero", "one", "two"}
		ow.strings = nw.strings
	}
	if err := differSheet(nw, ow, Sheet{Name: "Matrix", Part: sheetPart}); err != nil {
		t.Fatal(err)
	}
}

const (
	sst     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Issue</t></si><si><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>run</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></si><si><t>a_x000D_b &amp; &#x41;&#66;</t></si></sst>`
	sheetNS = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
)

// scanCases are sheets (and shared string tables) that the scanner must
// read as encoding/xml does: the shapes real writers produce and hostile
// ones. They seed FuzzSheetScanner.
var scanCases = []struct{ name, sheet, sst string }{
	{"plain", sheetNS + `<dimension ref="A1:C2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>3.5</v></c><c r="C2" t="b"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"no r attributes", `<worksheet><sheetData><row><c t="s"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c></row><row><c><v>7</v></c></row></sheetData></worksheet>`, sst},
	{"types", `<worksheet><sheetData><row r="3"><c r="A3" t="str"><f>1+1</f><v>2</v></c><c r="B3" t="d"><v>2025-04-23T00:00:00</v></c><c r="C3" t="n"><v> 4 </v></c><c r="D3" t="inlineStr"><is><t>in_x000A_line</t></is></c><c r="E3" t="inlineStr"><v>v_x0009_x</v></c><c r="F3" t="s"><v/></c><c r="G3" t="b"><v>yes</v></c></row></sheetData></worksheet>`, sst},
	{"formula without value", `<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(B1:B9)</f></c><c r="B1" t="str"><f/></c></row></sheetData></worksheet>`, sst},
	{"rich inline with phonetic", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t xml:space="preserve"> a </t></r><r><rPr><i/></rPr><t>b</t></r><rPh><t>x</t></rPh><phoneticPr fontId="1"/></is></c></row></sheetData></worksheet>`, sst},
	{"prefixed namespace", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>pfx</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`, `<x:sst xmlns:x="urn:x"><x:si><x:t>a</x:t></x:si><x:si><x:t>b</x:t></x:si><x:si><x:t>c</x:t></x:si></x:sst>`},
	{"other namespaces", sheetNS + `<sheetData><row r="1"><c r="A1"><v>1</v><x14:ext xmlns:x14="urn:x14"><x14:v>9</x14:v></x14:ext></c><mc:AlternateContent xmlns:mc="urn:mc"><mc:Choice Requires="x14"><c r="B1"><v>2</v></c></mc:Choice></mc:AlternateContent></row></sheetData></worksheet>`, sst},
	{"attributes any order and quotes", `<worksheet><sheetData><row spans='1:3' r='4'><c t='s' s="2" r='C4'  ><v>2</v></c><c
 r="D4"
	t="inlineStr"><is><t>tab</t></is></c></row></sheetData></worksheet>`, sst},
	{"entities and references", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;&#13;&#10;</t></is></c><c r="B1" t="str"><v>a&#xD;&#xA;b` + "\r\n" + `c` + "\r" + `d</v></c></row></sheetData></worksheet>`, sst},
	{"CDATA comments PIs", `<?xml version="1.0"?><!-- head --><worksheet><?mso x?><sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[<b>&amp;]]]></v><!--c--></c><c r="B1" t="str"><v>x<![CDATA[]]>y<?pi z?>z</v></c></row></sheetData></worksheet>`, sst},
	{"doctype", `<!DOCTYPE worksheet [<!ENTITY x "y"> <!-- > ' --> <!ELEMENT a (#PCDATA)>]><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"BOM", "\ufeff" + `<?xml version="1.0" encoding="utf-8"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, "\ufeff" + sst},
	{"out of order and twice", `<worksheet><sheetData><row r="5"><c r="C5"><v>1</v></c><c r="A5"><v>2</v></c></row><row r="2"><c r="B2"><v>3</v></c></row><row r="5"><c r="A5"><v>4</v></c></row></sheetData></worksheet>`, sst},
	{"empty elements", `<worksheet><sheetData><row r="1"/><row r="2"><c r="A2"/><c r="B2" t="s"/><c r="C2"><v></v></c></row></sheetData></worksheet>`, sst},
	{"over the limits", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("long ", 20) + `</t></is></c>` + strings.Repeat(`<c><v>1</v></c>`, 60) + `</row></sheetData></worksheet>`, sst},
	{"big row number", `<worksheet><sheetData><row r="1048577"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"bad reference", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="1A"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"shared string out of range", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>`, sst},
	// Cells at the edges of the plain shape that scanner.cell reads whole.
	{"plain cell edges", `<worksheet><sheetData><row r="1"><c r="A1"t="s"><v>1</v></c><c r='B1' t='inlineStr'><is><t>x&gt;</t></is></c><cx r="C1"><v>1</v></cx><c x:r="D1" xmlns:x="urn:x"><v>2</v></c><c :r="E1"><v>3</v></c><c r:="F1"><v>4</v></c><c r="G1" r="H1" t="n" t="s"><v>0</v></c>` +
		`<c r="I1" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="J1" t="inlineStr"><is><t></t></is></c><c r="K1"><v></v></c><c r="L1" ><v> 5 </v></c ><c r="M1" t="s"><v> 1 </v></c><c r="N1" t="inlineStr"><v>vv</v></c><c r="O1" t="b"><v>1</v></c><c r="P1" t="s"><is><t>x</t></is></c>` +
		`<c r="Q1" t="e"><v>#N/A</v></c><c r="R1" t="n" s="1"/><c/><c t="inlineStr"><is><t>after empty</t></is></c><c r="U1" t="str"><v>a]b</v></c><c r="V1" t="str"><v>tab` + "\t" + `cr` + "\r" + `</v></c><c r="W1" t="inlineStr"><is><t>Partei é</t></is></c><c r="X1" t="s"><v>2</v></c>` +
		`<c r="Y1" t="inlineStr"><is><t>short</t></is></c><c r="Z1" t="inlineStr"><is><t>short</t></is></c><c r="AA1"><v>1.5E-3</v></c><c r="AB1"><v>1.5E-3</v></c><c r="AC1" t="inlineStr"><is><t>` + strings.Repeat("x", 33) + `</t></is></c></row></sheetData></worksheet>`, sst},
	{"plain cell at the root", `<c r="B2" t="s"><v>1</v></c>`, sst},
	{"plain cell, bad attribute name", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" 1t="s"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"plain cell, attribute name with two colons", `<worksheet><sheetData><row r="1"><c r="A1" a:b:t="s"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"plain cell, longer name", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><cr="B1"/></row></sheetData></worksheet>`, sst},
	{"plain cell, attribute names beyond ASCII", `<worksheet><sheetData><row r="1"><c r="A1" é="1"><v>1</v></c><c r="B1" ·a="1"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"plain cell, attribute without name", `<worksheet><sheetData><row r="1"><c ="1"></c></row></sheetData></worksheet>`, sst},
	{"plain cell, attribute without value", `<worksheet><sheetData><row r="1"><c r="A1" t><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"plain cell, end too many", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></c></row></sheetData></worksheet>`, sst},
	{"plain cell, end mismatched", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></v></row></sheetData></worksheet>`, sst},
	{"plain cell, truncated", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c`, sst},
	{"plain cell, truncated empty", `<worksheet><sheetData><row r="1"><c r="A1"/`, sst},
	{"plain cell, bad shared string", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1x</v></c></row></sheetData></worksheet>`, sst},
	{"plain cell, bad reference", `<worksheet><sheetData><row r="1"><c r="A0"><v>1</v></c></row></sheetData></worksheet>`, sst},
	// Malformed XML.
	{"mismatched end", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></rox></sheetData></worksheet>`, sst},
	{"prefix mismatch", `<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"><v>1</v></c></x:row></x:sheetData></x:worksheet>`, sst},
	{"truncated", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2`, sst},
	{"truncated in a tag", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t=`, sst},
	{"unterminated entity", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>a &amp b</v></c></row></sheetData></worksheet>`, sst},
	{"unknown entity", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row></sheetData></worksheet>`, sst},
	{"bad references", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&#0; &#xD800; &#x110000; &#; &#X41;</v></c></row></sheetData></worksheet>`, sst},
	{"entity at the end", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>a&amp`, sst},
	{"]]> in text", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>a]]>b</v></c></row></sheetData></worksheet>`, sst},
	{"]]> in attribute", `<worksheet><sheetData><row r="1"><c r="A1" t="str" x="]]>"><v>a]]&gt;b ]&#93;> ]]]</v></c></row></sheetData></worksheet>`, sst},
	{"< in attribute", `<worksheet><sheetData><row r="1"><c r="A1" t="<"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"unquoted attribute", `<worksheet><sheetData><row r=1><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"invalid UTF-8", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\xffb</v></c></row></sheetData></worksheet>", sst},
	{"NUL byte", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\x00b</v></c></row></sheetData></worksheet>", sst},
	{"NUL in a name", "<worksheet><sheetData><row r=\"1\"><c\x00 r=\"A1\"><v>1</v></c></row></sheetData></worksheet>", sst},
	{"two colons", `<worksheet><sheetData><a:b:c/></sheetData></worksheet>`, sst},
	{"name beyond ASCII", `<worksheet><sheetData><été r="1"/><c r="A1"><v>1</v></c><x·y/></sheetData></worksheet>`, sst},
	{"bad name", `<worksheet><sheetData><row r="1"><c r="A1"><1v>1</1v></c></row></sheetData></worksheet>`, sst},
	{"comment with --", `<worksheet><!-- a -- b --><sheetData/></worksheet>`, sst},
	{"bad CDATA", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v><![CDAT[x]]></v></c></row></sheetData></worksheet>`, sst},
	{"unterminated CDATA", `<worksheet><sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[x`, sst},
	{"unsupported encoding", `<?xml version="1.0" encoding="UTF-16"?><worksheet/>`, sst},
	{"unsupported version", `<?xml version="1.1"?><worksheet/>`, sst},
	{"end without start", `</worksheet>`, sst},
	{"deep nesting", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is>` + strings.Repeat("<r>", 2000) + `<t>deep</t>` + strings.Repeat("</r>", 2000) + `</is></c></row></sheetData></worksheet>`, sst},
	{"huge attribute", `<worksheet><sheetData><row r="1" spans="` + strings.Repeat("1:2 ", 5000) + `"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, sst},
	{"damaged shared strings", `<worksheet/>`, `<sst><si><t>a</t></si><si><t>b</t></sj></sst>`},
	{"shared strings with entities", `<worksheet/>`, `<sst><si><t>&lt;&#x263A;</t></si><si><t>a<![CDATA[&]]>b</t></si><si><t>&bogus;</t></si></sst>`},
	{"empty", ``, ``},
	// Comments parts (read as shared strings too).
	{"comments", `<worksheet/>`, `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Jane Doe</author><author>tc={1}</author></authors><commentList><comment ref="B2" authorId="0"><text><r><rPr><b/></rPr><t>Jane Doe:</t></r><r><t xml:space="preserve">` + "\r\n" + `said &amp; done</t></r></text></comment><comment ref="C3:D4" authorId="1" shapeId="0"><text><t>[Threaded comment]` + "\n\n" + `Your version…` + "\n\nComment:\n    ok\nReply:\n    x" + `</t></text></comment><comment ref="ZZZZ1" authorId="9"><text><t>bad ref</t></text></comment></commentList></comments>`},
	{"damaged comments", `<worksheet/>`, `<comments><commentList><comment ref="A1"><text><t>a &bogus; b</t></text></comment></commentList></comments>`},
}

// Tokens far longer than a read (4 KiB) read as with encoding/xml, and in
// time in proportion to their length: an attribute of '>' (which does not
// count as text for the part's limit on a run of text) and a comment.
func TestScannerLongTokens(t *testing.T) {
	long := strings.Repeat(">", 3<<20)
	checkScanner(t, []byte(`<worksheet><sheetData><row r="1" x="`+long+`"><c r="A1"><v>1</v></c></row><!--`+long+`--></sheetData></worksheet>`), []byte(sst))
}

func TestScannerCases(t *testing.T) {
	for _, tc := range scanCases {
		t.Run(tc.name, func(t *testing.T) { checkScanner(t, []byte(tc.sheet), []byte(tc.sst)) })
	}
}

// FuzzSheetScanner compares the scanner with encoding/xml on fuzzed sheet
// and shared string XML: the same cells, problems and messages.
func FuzzSheetScanner(f *testing.F) {
	for _, tc := range scanCases {
		f.Add([]byte(tc.sheet), []byte(tc.sst))
	}
	// The sheets and tables of the samples.
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.xlsx"))
	for _, p := range samples {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		var sheets [][]byte
		var table []byte
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				f.Fatal(err)
			}
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			switch {
			case strings.HasPrefix(zf.Name, "xl/worksheets/sheet"):
				sheets = append(sheets, b.Bytes())
			case zf.Name == sstPartName:
				table = b.Bytes()
			}
		}
		for _, s := range sheets {
			f.Add(s, table)
		}
	}
	f.Fuzz(checkScanner)
}
