package xlsx_test

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func report(t testing.TB, m *matrix.Matrix, opt export.Options) []byte {
	return write(t, func(w *bytes.Buffer) error { return xlsx.Report(w, m, opt) })
}

// xlChanges is the fixture's change since its snapshot, as the CLI passes it.
func changes(m *matrix.Matrix) *matrix.Changes {
	return matrix.Diff(m.Snapshots[0].Matrix, m)
}

func TestXLSXRoundTrip(t *testing.T) {
	fx := fixture()
	for _, tc := range []struct {
		name string
		m    *matrix.Matrix
		opt  export.Options
	}{
		{"fixture", fx, export.Options{}},
		{"fixture with changes", fx, export.Options{Changes: changes(fx), Title: "Override & co", Paper: "letter"}},
		{"scripts and long names", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 9, Issues: 14, Evidence: 80, Scripts: true, LongNames: true, Seed: 7}), export.Options{}},
		{"custom scale", customScale(), export.Options{Orientation: "portrait"}},
		{"one cell", (&matrix.Matrix{Scale: matrix.DefaultScale(), Parties: []matrix.Party{{Name: "A", Weight: 1}},
			Issues: []matrix.Issue{{Name: "I", Weight: 1}}}).SetCells([][]matrix.Cell{{{Stance: "Unclear"}}}), export.Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := report(t, tc.m, tc.opt)
			keep(t, "report-"+strings.ReplaceAll(tc.name, " ", "-")+".xlsx", data)
			got := readBack(t, data, "report.xlsx")
			sameMatrix(t, tc.m, got)
			if len(got.Snapshots) != len(tc.m.Snapshots) {
				t.Fatalf("%d snapshots, want %d", len(got.Snapshots), len(tc.m.Snapshots))
			}
			for i, s := range tc.m.Snapshots {
				sameGrid(t, s.Matrix, got.Snapshots[i].Matrix)
			}
			// Exporting what was read gives the same report, but for its
			// provenance: the report read back is another file, with a
			// name and a SHA-256 of its own.
			if len(got.SHA256) != 64 {
				t.Errorf("the report read back has SHA-256 %q", got.SHA256)
			}
			got.Source = tc.m.Source
			again := report(t, matrixtest.NoDigest(got), tc.opt)
			if !bytes.Equal(again, data) {
				t.Errorf("re-exporting the report read back gives other bytes")
			}
		})
	}
}

// customScale is a three-step scale with a stance whose symbol and label
// need quoting in a number format and a formula.
func customScale() *matrix.Matrix {
	sc := matrix.Scale{Stances: []matrix.Stance{
		{Label: "Yes", Score: 1, HasScore: true, Color: "#1A9850", Symbol: `"Y"`, Aliases: []string{"Aye"}},
		{Label: `Say "maybe"`, Score: 0, HasScore: true, Color: "#FFFFBF", Symbol: `\?`},
		{Label: "No", Score: -1, HasScore: true, Color: "#D73027", Symbol: "@"},
		{Label: "Silent", Color: "#999999"},
	}}
	return (&matrix.Matrix{
		Scale:   sc,
		About:   matrix.About{Title: "Votes"},
		Parties: []matrix.Party{{Name: "Alpha", Weight: 1}, {Name: "Beta", Weight: 1}},
		Issues:  []matrix.Issue{{Name: "Motion 1", Weight: 1}, {Name: "Motion 2", Weight: 1}},
	}).SetCells([][]matrix.Cell{
		{{Stance: "Yes"}, {Stance: `Say "maybe"`, Note: "quoted"}},
		{{Stance: "No"}, {Stance: "Silent"}},
	})
}

func TestXLSXSheets(t *testing.T) {
	fx := fixture()
	for _, tc := range []struct {
		name string
		opt  export.Options
		want []string
	}{
		{"plain", export.Options{}, []string{"Matrix", "Findings", "Issues", "Alignment", "Map", "Split", "Evidence", "Legend", "Parties", "Scale", "About", "Matrix 2025-04-16"}},
		{"changes", export.Options{Changes: changes(fx)}, []string{"Matrix", "Findings", "Issues", "Alignment", "Map", "Split", "Evidence", "Changes", "Legend", "Parties", "Scale", "About", "Matrix 2025-04-16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, report(t, fx, tc.opt))
			if got := f.GetSheetList(); !slices.Equal(got, tc.want) {
				t.Errorf("sheets %q, want %q", got, tc.want)
			}
			if got := f.GetSheetList()[f.GetActiveSheetIndex()]; got != "Matrix" {
				t.Errorf("opens on %q, want Matrix", got)
			}
			if got := selectedTabs(t, report(t, fx, tc.opt)); !slices.Equal(got, []int{1}) {
				t.Errorf("selected tabs %v, want only the Matrix (1)", got)
			}
		})
	}
}

// xlStyle returns the style of a cell.
func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestXLSXMatrixStyles(t *testing.T) {
	m := fixture()
	ch := changes(m)
	f := open(t, report(t, m, export.Options{Changes: ch}))
	changed := map[string]bool{}
	for _, c := range ch.Cells {
		changed[ref(m.PartyIndex(c.Party)+2, m.IssueIndex(c.Issue)+2)] = true
	}
	if len(changed) != 3 {
		t.Fatalf("fixture has %d changed cells, want 3", len(changed))
	}
	for i := range m.Issues {
		for p := range m.Parties {
			cell := ref(p+2, i+2)
			label := m.Stance(i, p)
			if v, _ := f.GetCellValue("Matrix", cell, excelize.Options{RawCellValue: true}); v != label {
				t.Errorf("Matrix!%s = %q, want the plain label %q", cell, v, label)
			}
			s := style(t, f, "Matrix", cell)
			st, ok := m.Scale.Stance(label)
			if !ok {
				if len(s.Fill.Color) != 0 {
					t.Errorf("blank Matrix!%s is filled %v", cell, s.Fill.Color)
				}
				continue
			}
			wantFill := strings.TrimPrefix(st.Color, "#")
			if len(s.Fill.Color) != 1 || !strings.EqualFold(s.Fill.Color[0], wantFill) {
				t.Errorf("Matrix!%s (%s) filled %v, want %s", cell, label, s.Fill.Color, wantFill)
			}
			wantFmt := `"` + st.Symbol + ` "@`
			if s.CustomNumFmt == nil || *s.CustomNumFmt != wantFmt {
				t.Errorf("Matrix!%s number format %v, want %q", cell, s.CustomNumFmt, wantFmt)
			}
			wantFont := "000000"
			if label == "Supports" || label == "Opposes" {
				wantFont = "FFFFFF"
			}
			if s.Font == nil || !strings.EqualFold(s.Font.Color, wantFont) {
				t.Errorf("Matrix!%s (%s) font %+v, want colour %s", cell, label, s.Font, wantFont)
			}
			bold := s.Font != nil && s.Font.Bold
			heavy := len(s.Border) == 4 && s.Border[0].Style == 5
			if bold != changed[cell] || heavy != changed[cell] {
				t.Errorf("Matrix!%s bold %v heavy border %v, changed %v", cell, bold, heavy, changed[cell])
			}
		}
	}
	// The stance colours also follow hand edits: one conditional format per
	// stance over the editing area.
	cfs, err := f.GetConditionalFormats("Matrix")
	if err != nil {
		t.Fatal(err)
	}
	if rules := cfs["B2:BH300"]; len(rules) != len(m.Scale.Stances) || rules[0].Value != `"Supports"` {
		t.Errorf("conditional formats %+v", cfs)
	}
}

func TestXLSXCustomScaleFormats(t *testing.T) {
	m := customScale()
	f := open(t, report(t, m, export.Options{}))
	for cell, want := range map[string]string{"B2": `\""Y"\"" "@`, "C2": `"\? "@`, "B3": `"@ "@`} {
		s := style(t, f, "Matrix", cell)
		if s.CustomNumFmt == nil || *s.CustomNumFmt != want {
			t.Errorf("Matrix!%s number format %v, want %q", cell, deref(s.CustomNumFmt), want)
		}
	}
	if s := style(t, f, "Matrix", "C3"); s.CustomNumFmt != nil {
		t.Errorf("Matrix!C3 (no symbol) has number format %q", *s.CustomNumFmt)
	}
}

func TestXLSXCommentsAreNotes(t *testing.T) {
	m := fixture()
	f := open(t, report(t, m, export.Options{Changes: changes(m)}))
	checkNotes(t, f, "Matrix", m)
	checkNotes(t, f, "Matrix 2025-04-16", m.Snapshots[0].Matrix)
}

// xlPrompt returns the input message of a cell, or "".
func prompt(t *testing.T, f *excelize.File, sheet, cell string) (title, msg string) {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		if inSqref(t, dv.Sqref, cell) && dv.ShowInputMessage && dv.Prompt != nil {
			return *dv.PromptTitle, *dv.Prompt
		}
	}
	return "", ""
}

func TestXLSXPrompts(t *testing.T) {
	m := fixture()
	long := strings.Repeat("Ελλάδα 🇬🇷 ", 60)
	m.Evidence = append(m.Evidence, matrix.Evidence{Party: "Ελλάδα", Issue: "Lift EU sanctions", Date: day(2025, 3, 1), Summary: long, Speaker: "Σπόκσμαν"})
	f := open(t, report(t, m, export.Options{Changes: changes(m)}))
	tests := []struct {
		cell, title string
		want        []string
	}{
		{"B2", "Changed; newest evidence", []string{"Changed since Matrix 2025-04-16: was Leans support.", "2025-04-23 Witkoff, Reuters: Plan offers de jure recognition", "See Evidence row 2 (2 rows)."}},
		{"C2", "Newest evidence", []string{"2025-04-22 Зеленський, Kyiv Independent: Zelenskyy rules it out", "See Evidence row 4 (1 row)."}},
		{"D3", "Changed", []string{"Changed since Matrix 2025-04-16: was blank."}},
		{"F3", "Newest evidence", []string{"2025-03-01 Σπόκσμαν: Ελλάδα", "…", "See Evidence row 6 (1 row)."}},
		{"B1", "United States", []string{"Short: US", "Group: G7", "Weight: 3", "Washington"}},
		{"A2", "Recognise Russian control of C", []string{"Category: Territory", "Short: Crimea", "De jure recognition"}},
		{"C4", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			title, msg := prompt(t, f, "Matrix", tc.cell)
			if !strings.HasPrefix(title, tc.title) || (tc.title == "" && title != "") {
				t.Errorf("title %q, want %q", title, tc.title)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if n := len([]rune(title)); n > 32 {
				t.Errorf("title of %d characters, Excel allows 32", n)
			}
			if n := utf16Len(msg); n > 255 {
				t.Errorf("message of %d UTF-16 units, Excel allows 255", n)
			}
		})
	}
	checkDropdowns(t, f, "Matrix")
	checkDropdowns(t, f, "Matrix 2025-04-16")
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func TestXLSXEvidence(t *testing.T) {
	m := fixture()
	f := open(t, report(t, m, export.Options{}))
	rows, err := f.GetRows("Evidence")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source", "URL", "Cell"},
		{"United States", "Recognise Russian control of Crimea", "Supports", "2025-04-23"},
		{"United States", "Recognise Russian control of Crimea", "Leans support", "2025-04-16"},
		{"Україна", "Recognise Russian control of Crimea", "Opposes", "2025-04-22"},
		{"Россия", "Lift EU sanctions", "Supports", ""},
		{injection, "+NATO membership for Ukraine", "Conditional", "2024-12-31"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for r, w := range want {
		if got := rows[r][:len(w)]; !slices.Equal(got, w) {
			t.Errorf("row %d %q, want %q", r+1, got, w)
		}
	}
	links := map[string]string{}
	for r := 2; r <= len(rows); r++ {
		for _, c := range []int{9, 10} {
			if ok, target, _ := f.GetCellHyperLink("Evidence", ref(c, r)); ok {
				links[ref(c, r)] = target
			}
		}
	}
	wantLinks := map[string]string{
		"I2": "https://example.org/a?x=1&y=2", "I3": "http://example.org/b",
		"J2": "'Matrix'!B2", "J3": "'Matrix'!B2", "J4": "'Matrix'!C2", "J5": "'Matrix'!D3", "J6": "'Matrix'!E5",
	}
	if !mapsEqual(links, wantLinks) {
		t.Errorf("hyperlinks %q, want %q", links, wantLinks)
	}
	if s := style(t, f, "Evidence", "F2"); s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("quotes are not wrapped")
	}
}

func TestXLSXLayout(t *testing.T) {
	m := fixture()
	f := open(t, report(t, m, export.Options{Changes: changes(m)}))
	panes := map[string]string{"Matrix": "B2", "Issues": "A2", "Alignment": "B2", "Evidence": "A2", "Changes": "A2", "Map": "A5", "Matrix 2025-04-16": "B2"}
	for sheet, want := range panes {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.TopLeftCell != want {
			t.Errorf("%s panes %+v (%v), want frozen at %s", sheet, p, err, want)
		}
	}
	filters := map[string]string{}
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		switch d.Name {
		case "_xlnm._FilterDatabase":
			filters[d.Scope] = d.RefersTo
		case "_xlnm.Print_Titles":
			titles[d.Scope] = d.RefersTo
		}
	}
	wantFilters := map[string]string{"Matrix": "'Matrix'!$A$1:$F$5", "Issues": "'Issues'!$A$1:$P$5", "Evidence": "'Evidence'!$A$1:$J$6", "Changes": "'Changes'!$A$1:$F$4", "Map": "'Map'!$A$4:$F$9"}
	if !mapsEqual(filters, wantFilters) {
		t.Errorf("autofilters %q, want %q", filters, wantFilters)
	}
	if got := titles["Matrix"]; got != "'Matrix'!$A:$A,'Matrix'!$1:$1" {
		t.Errorf("Matrix print titles %q", got)
	}
	for _, sheet := range []string{"Issues", "Evidence"} {
		if got := titles[sheet]; got != "'"+sheet+"'!$1:$1" {
			t.Errorf("%s print titles %q", sheet, got)
		}
	}
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s page layout %+v, want A4 one page wide", sheet, pl)
		}
		sp, _ := f.GetSheetProps(sheet)
		if sp.FitToPage == nil || !*sp.FitToPage {
			t.Errorf("%s does not fit to page", sheet)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil || !strings.Contains(hf.OddHeader, "Internal — not for circulation") || !strings.Contains(hf.OddFooter, "&P of &N") {
			t.Errorf("%s header and footer %+v (%v)", sheet, hf, err)
		}
	}
	for sheet, want := range map[string]string{"Matrix": "landscape", "Legend": "portrait", "About": "portrait"} {
		if pl, _ := f.GetPageLayout(sheet); pl.Orientation == nil || *pl.Orientation != want {
			t.Errorf("%s orientation %v, want %s", sheet, pl.Orientation, want)
		}
	}
	// Letter paper, and "&" doubled in the page header.
	m.About.Classification = "R&D only"
	f = open(t, report(t, m, export.Options{Paper: "letter"}))
	if pl, _ := f.GetPageLayout("Matrix"); pl.Size == nil || *pl.Size != 1 {
		t.Errorf("letter paper size %v, want 1", pl.Size)
	}
	if hf, _ := f.GetHeaderFooter("Matrix"); !strings.Contains(hf.OddHeader, "R&&D only") {
		t.Errorf("header %q does not escape &", hf.OddHeader)
	}
}

func TestXLSXIssues(t *testing.T) {
	m := fixture()
	f := open(t, report(t, m, export.Options{}))
	rows, err := f.GetRows("Issues")
	if err != nil {
		t.Fatal(err)
	}
	wantHead := []string{"Name", "Short", "Category", "Description", "Weight", "Supports", "Leans support", "Conditional", "Leans oppose", "Opposes", "Unclear", "Blank", "Spread", "Score range", "Consensus", "Weighted median"}
	if !slices.Equal(rows[0], wantHead) {
		t.Fatalf("headers %q, want %q", rows[0], wantHead)
	}
	// Lift EU sanctions: Leans support, Opposes, Supports, Unclear, Leans oppose.
	if got, want := rows[2][5:12], []string{"1", "1", "0", "1", "1", "1", "0"}; !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
	stats := matrix.IssueStatistics(m)
	for i, st := range stats {
		r := i + 2
		for col, v := range map[int]float64{13: st.Spread, 14: st.Range, 15: st.Consensus, 16: st.Median} {
			raw, _ := f.GetCellValue("Issues", ref(col, r), excelize.Options{RawCellValue: true})
			var got float64
			if _, err := fmt.Sscan(raw, &got); err != nil || math.Abs(got-v) > 1e-9 {
				t.Errorf("Issues!%s = %q, want %v", ref(col, r), raw, v)
			}
		}
	}
}

func TestXLSXAlignment(t *testing.T) {
	m := fixture()
	f := open(t, report(t, m, export.Options{}))
	ag := matrix.AgreementMatrix(m)
	if len(ag) != len(m.Parties) {
		t.Fatalf("AgreementMatrix has %d rows", len(ag))
	}
	blanks := 0
	for a := range ag {
		for b, pair := range ag[a] {
			cell := ref(b+2, a+2)
			raw, _ := f.GetCellValue("Alignment", cell, excelize.Options{RawCellValue: true})
			if !pair.OK {
				blanks++
				if raw != "" {
					t.Errorf("Alignment!%s = %q, want blank (no figure)", cell, raw)
				}
				continue
			}
			var got float64
			if _, err := fmt.Sscan(raw, &got); err != nil || math.Abs(got-pair.Agreement) > 1e-9 {
				t.Errorf("Alignment!%s = %q, want %v", cell, raw, pair.Agreement)
			}
		}
	}
	if blanks == 0 {
		t.Errorf("the fixture should have a pair with no figure")
	}
	cfs, _ := f.GetConditionalFormats("Alignment")
	if rules := cfs["B2:F6"]; len(rules) != 1 || rules[0].Type != "3_color_scale" {
		t.Errorf("conditional formats %+v, want a colour scale on B2:F6", cfs)
	}
}

func TestXLSXChanges(t *testing.T) {
	m := fixture()
	ch := changes(m)
	ch.Edits = []matrix.Edit{{Kind: matrix.EvidenceEdited, Party: "Россия", Issue: "Lift EU sanctions", Subject: "Lift EU sanctions / Россия",
		Field: "Quote", Old: "We are ready.", New: "=We are ready!", Ref: "Evidence!A2"}}
	f := open(t, report(t, m, export.Options{Changes: ch}))
	rows, _ := f.GetRows("Changes", excelize.Options{RawCellValue: true})
	want := [][]string{
		{"Issue", "Party", "Was", "Now", "Direction", "Cell"},
		{"Recognise Russian control of Crimea", "United States", "Leans support", "Supports", "towards support", "B2"},
		{"Lift EU sanctions", "United States", "Conditional", "Leans support", "towards support", "B3"},
		{"Lift EU sanctions", "Россия", "", "Supports", "off-axis", "D3"},
	}
	for r, w := range want {
		if r >= len(rows) || !slices.Equal(rows[r], w) {
			t.Errorf("row %d %q, want %q", r+1, rows[min(r, len(rows)-1)], w)
		}
	}
	text := fmt.Sprint(rows)
	for _, w := range []string{"Matrix 2025-04-16 → fixture.xlsx (2025-04-23)", "Ceasefire along current front lines; +NATO membership for Ukraine"} {
		if !strings.Contains(text, w) {
			t.Errorf("Changes sheet lacks %q", w)
		}
	}
	// The other edits follow, one a row, text kept as text.
	edit := []string{"evidence edited", "Lift EU sanctions / Россия", "Quote", "We are ready.", "=We are ready!", "Evidence!A2"}
	if last := rows[len(rows)-1]; !slices.Equal(last, edit) {
		t.Errorf("last row %q, want the edit %q", last, edit)
	}
	if fs, _ := f.GetCellFormula("Changes", fmt.Sprintf("E%d", len(rows))); fs != "" {
		t.Errorf("the edit's text became a formula: %q", fs)
	}
}

func TestXLSXDeterministic(t *testing.T) {
	m := fixture()
	for _, opt := range []export.Options{{}, {Changes: changes(m), Now: time.Date(2026, 11, 27, 18, 0, 0, 0, time.UTC)}} {
		a, b := report(t, m, opt), report(t, m, opt)
		if !bytes.Equal(a, b) {
			t.Errorf("two reports differ (%d and %d bytes)", len(a), len(b))
		}
	}
	big := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 20, Issues: 40, Evidence: 500, Scripts: true})
	if a, b := report(t, big, export.Options{}), report(t, big, export.Options{}); !bytes.Equal(a, b) {
		t.Errorf("two synthetic reports differ")
	}
}

// BenchmarkXLSX is the report of 50 parties × 200 issues with 10,000
// evidence rows.
func BenchmarkXLSX(b *testing.B) {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Evidence: 10000, Seed: 1})
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := xlsx.Report(&buf, m, export.Options{}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/report")
}

// BenchmarkWorkbook is the input workbook of the same matrix.
func BenchmarkWorkbook(b *testing.B) {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Evidence: 10000, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := xlsx.Workbook(&buf, m, export.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestXLSXTextOnColour checks that the text on a stance's colour is white or
// black as export.LightText (WCAG) picks, the rule of the PDF too: the old
// rule here put white text on #1A9850, #377EB8 and #808080.
func TestXLSXTextOnColour(t *testing.T) {
	colors := []string{"#1A9850", "#377EB8", "#808080", "#2166AC", "#FFD700"}
	m := &matrix.Matrix{Source: "colours.xlsx", Parties: []matrix.Party{{Name: "A", Weight: 1}}}
	var rows [][]matrix.Cell
	for i, c := range colors {
		label := "Stance " + c
		m.Scale.Stances = append(m.Scale.Stances, matrix.Stance{Label: label, Score: float64(i), HasScore: true, Color: c})
		m.Issues = append(m.Issues, matrix.Issue{Name: "Issue " + c, Weight: 1})
		rows = append(rows, []matrix.Cell{{Stance: label}})
	}
	m.SetCells(rows)
	f := open(t, report(t, m, export.Options{}))
	for i, c := range colors {
		rgb, _ := export.ParseRGB(c)
		want := "000000"
		if export.LightText(rgb) {
			want = "FFFFFF"
		}
		s := style(t, f, "Matrix", ref(2, i+2))
		if s.Font == nil || !strings.EqualFold(s.Font.Color, want) {
			t.Errorf("text on %s: font %+v, want colour %s", c, s.Font, want)
		}
	}
}

// TestXLSXFindings checks the report's Findings sheet: the author's own
// findings first, in the input columns (so that the report read back keeps
// them), and the computed key findings after them in a column of their
// own, which the reader ignores.
func TestXLSXFindings(t *testing.T) {
	fx := fixture()
	f := open(t, report(t, fx, export.Options{}))
	rows, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Text", "Issue", "Parties", "Order", "Computed findings (stancematrix)"}}
	computed := export.Options{}.AnalysisOf(fx).Findings
	for i := 0; i < max(len(fx.Findings), len(computed)); i++ {
		r := make([]string, 5)
		if i < len(fx.Findings) {
			a := fx.Findings[i]
			r[0], r[1], r[2] = a.Text, a.Issue, strings.Join(a.Parties, ", ")
			if a.HasOrder {
				r[3] = strconv.FormatFloat(a.Order, 'f', -1, 64)
			}
		}
		if i < len(computed) {
			r[4] = computed[i]
		}
		want = append(want, r)
	}
	for i := range rows {
		for len(rows[i]) < 5 {
			rows[i] = append(rows[i], "")
		}
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("Findings sheet:\n got %q\nwant %q", rows, want)
	}
}
