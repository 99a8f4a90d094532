package matrix_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
	"github.com/xuri/excelize/v2"
)

func readBook(t testing.TB, b []byte) (*matrix.Matrix, matrix.Problems) {
	t.Helper()
	return matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
}

func mustReadBook(t testing.TB, b []byte) *matrix.Matrix {
	t.Helper()
	m, ps := readBook(t, b)
	if len(ps) > 0 || m == nil {
		t.Fatalf("problems: %v", problemLines(ps))
	}
	return m
}

func problemLines(ps matrix.Problems) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return strings.Join(out, "\n")
}

func utcDate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// fullBook is a valid workbook using every sheet and most rules: sheets in
// odd case with spaces, columns out of order, unknown columns and sheets,
// header aliases, blank rows and columns, a Parties order different from
// the Matrix order, Short names in the Matrix header, a snapshot.
func fullBook(t testing.TB) []byte {
	return book(t,
		sheet{Name: "Notes", Rows: [][]any{row("my own notes")}},
		sheet{Name: " matrix ", Rows: [][]any{
			row("Issue", "RU", "Ukraine", nil, "United States"),
			row("Ceasefire", "opposes", "SUPPORTS", nil, "leans yes"),
			row(),
			row("Crimea", "Yes", "no", nil, ""),
		}, Comments: map[string]string{"C2": "Zelenskyy, 23 April"}},
		sheet{Name: "PARTIES", Rows: [][]any{
			row("Colour", "Weight", "Actor", "Short", "Group", "Mine"),
			row("#2166ac", 2, "United States", "US", "G7", "x"),
			row(nil, nil, "Ukraine", "UA", "", ""),
			row(),
			row(nil, 0.5, "Russia", "RU", "", ""),
		}},
		sheet{Name: "Issues", Rows: [][]any{
			row("Topic", "Category", "Short"),
			row("Crimea", "Territory", "CR"),
			row("Ceasefire", "Security", ""),
		}},
		sheet{Name: "Scale", Rows: [][]any{
			row("Label", "Score", "Color", "Symbol", "Aliases", "Description"),
			row("Supports", 2, "#0000FF", "++", "Yes, For", "backs it"),
			row("Leans support", 1, "", "+", "leans yes", ""),
			row("Opposes", -2, "#FF0000", "--", "No", ""),
			row("Unclear", "", "", "?", "", ""),
		}},
		sheet{Name: "Evidence", Rows: [][]any{
			row("URL", "Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source"),
			row("https://example.org/a", "UA", "ceasefire", "Supports", "2025-04-23", "backs a truce", "We are ready", "Zelenskyy", "Reuters"),
			row("", "Russia", "Crimea", "yes", "23 April 2025", "", "", "", ""),
		}},
		sheet{Name: "About", Rows: [][]any{
			row("Title", "Ukraine peace talks"),
			row("As of", "2025-04-23"),
			row("Organisation", "Desk"),
			row("Classification", "Internal"),
		}},
		sheet{Name: "Matrix 2025-04-16", Rows: [][]any{
			row("", "Ukraine", "Russia"),
			row("Ceasefire", "Supports", "Opposes"),
		}},
		sheet{Name: "matrix 2025-04-09", Rows: [][]any{
			row("", "Russia"),
			row("Crimea", "Supports"),
		}},
	)
}

func TestReadValid(t *testing.T) {
	m := mustReadBook(t, fullBook(t))
	var parties, issues []string
	for _, p := range m.Parties {
		parties = append(parties, p.Name)
	}
	for _, is := range m.Issues {
		issues = append(issues, is.Name)
	}
	t.Run("order", func(t *testing.T) {
		if want := []string{"United States", "Ukraine", "Russia"}; !reflect.DeepEqual(parties, want) {
			t.Errorf("parties %q, want %q (Parties sheet order)", parties, want)
		}
		if want := []string{"Crimea", "Ceasefire"}; !reflect.DeepEqual(issues, want) {
			t.Errorf("issues %q, want %q (Issues sheet order)", issues, want)
		}
	})
	t.Run("parties", func(t *testing.T) {
		want := matrix.Party{Name: "United States", Short: "US", Group: "G7", Color: "#2166AC", Weight: 2, Ref: "PARTIES!C2"}
		if m.Parties[0] != want {
			t.Errorf("party 0 = %+v, want %+v", m.Parties[0], want)
		}
		if m.Parties[1].Weight != 1 || m.Parties[2].Weight != 0.5 || m.Parties[2].Ref != "PARTIES!C5" {
			t.Errorf("weights/refs: %+v %+v", m.Parties[1], m.Parties[2])
		}
		if m.Issues[0].Short != "CR" || m.Issues[0].Category != "Territory" || m.Issues[0].Weight != 1 || m.Issues[0].Ref != "Issues!A2" {
			t.Errorf("issue 0 = %+v", m.Issues[0])
		}
	})
	t.Run("cells", func(t *testing.T) {
		want := [][]matrix.Cell{
			{{}, {Stance: "Opposes"}, {Stance: "Supports"}},
			{{Stance: "Leans support"}, {Stance: "Supports", Note: "Zelenskyy, 23 April"}, {Stance: "Opposes"}},
		}
		if !reflect.DeepEqual(m.Cells(), want) {
			t.Errorf("cells\n got %+v\nwant %+v", m.Cells(), want)
		}
		wantRefs := [][]string{{" matrix !E4", " matrix !C4", " matrix !B4"}, {" matrix !E2", " matrix !C2", " matrix !B2"}}
		for i, row := range wantRefs {
			for p, ref := range row {
				if got := m.CellRef(i, p); got != ref {
					t.Errorf("CellRef(%d, %d) = %q, want %q", i, p, got, ref)
				}
			}
		}
	})
	t.Run("scale", func(t *testing.T) {
		if m.Scale.Default || len(m.Scale.Stances) != 4 {
			t.Fatalf("scale %+v", m.Scale)
		}
		st := m.Scale.Stances[0]
		if st.Label != "Supports" || st.Score != 2 || !st.HasScore || st.Color != "#0000FF" || st.Symbol != "++" ||
			!reflect.DeepEqual(st.Aliases, []string{"Yes", "For"}) || st.Description != "backs it" {
			t.Errorf("stance 0 = %+v", st)
		}
		if u := m.Scale.Stances[3]; u.HasScore || u.Color == "" {
			t.Errorf("Unclear should be off the axis with a default colour: %+v", u)
		}
		if c := m.Scale.Stances[1].Color; c == "" {
			t.Errorf("missing colour not filled")
		}
	})
	t.Run("evidence", func(t *testing.T) {
		want := []matrix.Evidence{
			{Party: "Ukraine", Issue: "Ceasefire", Stance: "Supports", Date: utcDate(2025, 4, 23), Summary: "backs a truce",
				Quote: "We are ready", Speaker: "Zelenskyy", Source: "Reuters", URL: "https://example.org/a", Sheet: "Evidence", Row: 2},
			{Party: "Russia", Issue: "Crimea", Stance: "Supports", Date: utcDate(2025, 4, 23), Sheet: "Evidence", Row: 3},
		}
		if !reflect.DeepEqual(m.Evidence, want) {
			t.Errorf("evidence\n got %+v\nwant %+v", m.Evidence, want)
		}
	})
	t.Run("about", func(t *testing.T) {
		want := matrix.About{Title: "Ukraine peace talks", AsOf: utcDate(2025, 4, 23), Organisation: "Desk", Classification: "Internal"}
		if m.About != want {
			t.Errorf("about %+v", m.About)
		}
	})
	t.Run("snapshots", func(t *testing.T) {
		if len(m.Snapshots) != 2 {
			t.Fatalf("%d snapshots", len(m.Snapshots))
		}
		s0, s1 := m.Snapshots[0], m.Snapshots[1]
		if !s0.Date.Equal(utcDate(2025, 4, 9)) || s0.Sheet != "matrix 2025-04-09" || !s1.Date.Equal(utcDate(2025, 4, 16)) {
			t.Errorf("snapshot order/dates: %v %q, %v", s0.Date, s0.Sheet, s1.Date)
		}
		sm := s1.Matrix
		if sm.Source != "t.xlsx" || !sm.About.AsOf.Equal(utcDate(2025, 4, 16)) || sm.About.Title != "Ukraine peace talks" || !reflect.DeepEqual(sm.Scale, m.Scale) {
			t.Errorf("snapshot matrix header: %+v", sm)
		}
		if len(sm.Parties) != 2 || sm.Parties[0].Name != "Ukraine" || sm.Parties[1].Name != "Russia" {
			t.Errorf("snapshot parties %+v", sm.Parties)
		}
		if c := sm.Cell(0, 1); c.Stance != "Opposes" || sm.CellRef(0, 1) != "Matrix 2025-04-16!C2" {
			t.Errorf("snapshot cell %+v", c)
		}
		if sm.Snapshots != nil || sm.Evidence != nil {
			t.Errorf("snapshot has its own snapshots or evidence")
		}
	})
}

func TestReadDefaults(t *testing.T) {
	m := mustReadBook(t, book(t, sheet{Name: "Matrix", Rows: [][]any{
		row(nil, "A", "B"),
		row("X", "Support", "Rejects"),
		row("Y", "  leans   NO ", "unknown"),
	}}))
	if !m.Scale.Default || !reflect.DeepEqual(m.Scale, matrix.DefaultScale()) {
		t.Errorf("default scale not applied")
	}
	got := [][]string{{m.Stance(0, 0), m.Stance(0, 1)}, {m.Stance(1, 0), m.Stance(1, 1)}}
	want := [][]string{{"Supports", "Opposes"}, {"Leans oppose", "Unclear"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stances %q, want %q", got, want)
	}
	if p := m.Parties[1]; p.Name != "B" || p.Weight != 1 || p.Ref != "Matrix!C1" {
		t.Errorf("party %+v", p)
	}
	if is := m.Issues[1]; is.Name != "Y" || is.Weight != 1 || is.Ref != "Matrix!A3" {
		t.Errorf("issue %+v", is)
	}
}

// Dates: Excel serials in the 1900 and 1904 systems, ISO text and other
// unambiguous text.
func TestReadDates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		date1904 bool
		cell     any
		want     time.Time
	}{
		{"serial 1900", false, 45770, utcDate(2025, 4, 23)},
		{"serial 1900 with time", false, 45770.75, utcDate(2025, 4, 23)},
		{"serial 1904", true, 44308, utcDate(2025, 4, 23)},
		{"time value", false, time.Date(2025, 4, 23, 15, 0, 0, 0, time.UTC), utcDate(2025, 4, 23)},
		{"ISO", false, "2025-04-23", utcDate(2025, 4, 23)},
		{"ISO with time", false, "2025-04-23T10:00:00Z", utcDate(2025, 4, 23)},
		{"day month year", false, "23 April 2025", utcDate(2025, 4, 23)},
		{"weekday, ordinal", false, "Wednesday, 23rd Apr 2025", utcDate(2025, 4, 23)},
		{"month day, year", false, "April 23, 2025", utcDate(2025, 4, 23)},
		{"Excel text style", false, "23-Apr-2025", utcDate(2025, 4, 23)},
		{"day over 12 first", false, "23/04/2025", utcDate(2025, 4, 23)},
		{"day over 12 second", false, "04/23/2025", utcDate(2025, 4, 23)},
		{"same day and month", false, "05.05.2025", utcDate(2025, 5, 5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			f.SetSheetName("Sheet1", "Matrix")
			f.SetSheetRow("Matrix", "A1", &[]any{nil, "Ukraine"})
			f.SetSheetRow("Matrix", "A2", &[]any{"Ceasefire", "Supports"})
			f.NewSheet("Evidence")
			f.SetSheetRow("Evidence", "A1", &[]any{"Party", "Issue", "Date"})
			f.SetSheetRow("Evidence", "A2", &[]any{"Ukraine", "Ceasefire", tc.cell})
			f.NewSheet("About")
			f.SetSheetRow("About", "A1", &[]any{"As of", tc.cell})
			if tc.date1904 {
				yes := true
				if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
					t.Fatal(err)
				}
			}
			var b bytes.Buffer
			f.Write(&b)
			m := mustReadBook(t, b.Bytes())
			if !m.Evidence[0].Date.Equal(tc.want) || !m.About.AsOf.Equal(tc.want) {
				t.Errorf("evidence date %v, as of %v, want %v", m.Evidence[0].Date, m.About.AsOf, tc.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/good.xlsx"
	if err := os.WriteFile(good, simpleBook(t), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, path, want string }{
		{"good", good, ""},
		{"missing", dir + "/nope.xlsx", dir + "/nope.xlsx: cannot open: no such file or directory"},
		{"directory", dir, dir + ": cannot open: is a directory, not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ps := matrix.ReadFile(tc.path, matrix.ReadOptions{})
			if got := problemLines(ps); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if (m != nil) != (tc.want == "") {
				t.Errorf("matrix %v", m)
			}
		})
	}
}

// A generated matrix written as a workbook reads back as the same matrix,
// names in Cyrillic and Greek included.
func TestReadSyntheticRoundTrip(t *testing.T) {
	want := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 30, Evidence: 300, Scripts: true, Seed: 7})
	got := mustReadBook(t, benchBookFrom(t, want))
	for i := range got.Parties {
		got.Parties[i].Ref = ""
	}
	for i := range got.Issues {
		got.Issues[i].Ref = ""
	}
	for i := range want.Issues {
		for p := range want.Parties {
			want.SetNote(i, p, "", want.Cell(i, p).Release)
		}
	}
	if !reflect.DeepEqual(got.Parties, want.Parties) {
		t.Errorf("parties\n got %+v\nwant %+v", got.Parties, want.Parties)
	}
	if !reflect.DeepEqual(got.Issues, want.Issues) {
		t.Errorf("issues\n got %+v\nwant %+v", got.Issues, want.Issues)
	}
	if !reflect.DeepEqual(got.Cells(), want.Cells()) {
		t.Errorf("cells differ")
	}
	if !reflect.DeepEqual(got.Evidence, want.Evidence) {
		t.Errorf("evidence differs:\n got %+v\nwant %+v", got.Evidence[0], want.Evidence[0])
	}
}

// Packages written by other tools: absolute relationship targets, prefixed
// element names (the .NET Open XML SDK writes <x:c>), rows and cells without
// r attributes, rich text runs and phonetic runs in strings.
func TestReadOtherWriters(t *testing.T) {
	base := simpleBook(t)
	rels := func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte(`Target="worksheets/`), []byte(`Target="/xl/worksheets/`))
	}
	sheetXML := `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
		`<x:row><x:c/><x:c t="inlineStr"><x:is><x:r><x:t>Ukr</x:t></x:r><x:r><x:t>aine</x:t></x:r></x:is></x:c></x:row>` +
		`<x:row><x:c t="inlineStr"><x:is><x:t>Ceasefire</x:t><x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>` +
		`</x:sheetData></x:worksheet>`
	b := withPart(t, base, "xl/_rels/workbook.xml.rels", rels)
	b = withPart(t, b, "xl/worksheets/sheet1.xml", func([]byte) []byte { return []byte(sheetXML) })
	b = withPart(t, b, "xl/sharedStrings.xml", func([]byte) []byte {
		return []byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><r><rPr><b/></rPr><t>Sup</t></r><r><t xml:space="preserve">ports </t></r><rPh sb="0" eb="1"><t>x</t></rPh></si></sst>`)
	})
	m := mustReadBook(t, b)
	if len(m.Parties) != 1 || m.Parties[0].Name != "Ukraine" || m.Issues[0].Name != "Ceasefire" || m.Stance(0, 0) != "Supports" || m.CellRef(0, 0) != "Matrix!B2" {
		t.Errorf("got %+v %+v %+v", m.Parties, m.Issues, m.Cells())
	}
}
