package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// xlInjection is a text that a spreadsheet would run as a formula if it were
// written as one.
const injection = `=HYPERLINK("http://x","y")`

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fixture is a small matrix with every feature of the format and text that is
// easy to get wrong: other scripts, formula-like text, markup, quotes,
// line breaks, characters outside the BMP.
func fixture() *matrix.Matrix {
	m := &matrix.Matrix{
		Source: "fixture.xlsx",
		Scale:  matrix.DefaultScale(),
		About: matrix.About{
			Title: "Ukraine peace talks — positions", Subtitle: "Мирні переговори · Ειρηνευτικές συνομιλίες",
			AsOf: day(2025, 4, 23), Author: "Analyst <a&b>", Organisation: "Desk \"East\"",
			Classification: "Internal — not for circulation", Footer: "+44 20 7946 0000", Notes: "-minus first\nsecond line",
		},
		Parties: []matrix.Party{
			{Name: "United States", Short: "US", Group: "G7", Color: "#1F77B4", Weight: 3, Description: "Washington"},
			{Name: "Україна", Short: "UA", Group: "Ukraine", Weight: 2},
			{Name: "Россия", Short: "RU", Weight: 2, Description: "@kremlin"},
			{Name: injection, Short: "INJ", Group: "+group", Weight: 0.5},
			{Name: "Ελλάδα", Short: "GR", Group: "EU", Weight: 1, Description: "Αθήνα & <Brussels>"},
		},
		Issues: []matrix.Issue{
			{Name: "Recognise Russian control of Crimea", Short: "Crimea", Category: "Territory", Description: "De jure recognition", Weight: 2},
			{Name: "Lift EU sanctions", Short: "Sanctions", Category: "Economy", Weight: 1},
			{Name: "Ceasefire along current front lines", Short: "Ceasefire", Category: "Security", Weight: 1.5},
			{Name: "+NATO membership for Ukraine", Short: "NATO", Category: "Security", Weight: 1, Description: "=1+1"},
		},
	}
	m.SetCells([][]matrix.Cell{
		{{Stance: "Supports", Note: "Proposed in the US plan"}, {Stance: "Opposes", Note: "Конституція забороняє"}, {Stance: "Supports"}, {}, {Stance: "Opposes"}},
		{{Stance: "Leans support"}, {Stance: "Opposes"}, {Stance: "Supports", Note: injection}, {Stance: "Unclear"}, {Stance: "Leans oppose", Note: "Ψήφος \"όχι\"\nδεύτερη γραμμή 🇬🇷"}},
		{{Stance: "Supports"}, {Stance: "Conditional", Note: "-only with guarantees"}, {Stance: "Leans oppose"}, {}, {Stance: "Supports"}},
		{{Stance: "Opposes"}, {Stance: "Supports"}, {Stance: "Opposes"}, {Stance: "Conditional"}, {}},
	})
	m.Evidence = []matrix.Evidence{
		{Party: "United States", Issue: "Recognise Russian control of Crimea", Stance: "Supports", Date: day(2025, 4, 23),
			Summary: "Plan offers de jure recognition", Quote: "“Crimea will stay Russian”", Speaker: "Witkoff", Source: "Reuters",
			URL: "https://example.org/a?x=1&y=2"},
		{Party: "United States", Issue: "Recognise Russian control of Crimea", Stance: "Leans support", Date: day(2025, 4, 16),
			Summary: "Hints at recognition", Source: "=cmd|' /C calc'!A0", URL: "http://example.org/b"},
		{Party: "Україна", Issue: "Recognise Russian control of Crimea", Stance: "Opposes", Date: day(2025, 4, 22),
			Summary: "Zelenskyy rules it out", Quote: "Україна не визнаватиме окупацію Криму", Speaker: "Зеленський", Source: "Kyiv Independent"},
		{Party: "Россия", Issue: "Lift EU sanctions", Stance: "Supports", Summary: "Undated statement", Quote: "@all sanctions must go", URL: ""},
		{Party: injection, Issue: "+NATO membership for Ukraine", Stance: "Conditional", Date: day(2024, 12, 31),
			Summary: injection, Quote: "-1", Speaker: "+1", Source: "@src"},
	}
	old := &matrix.Matrix{
		Scale: m.Scale, About: m.About,
		Parties: m.Parties[:3],
		Issues:  m.Issues[:2],
	}
	old.SetCells([][]matrix.Cell{
		{{Stance: "Leans support"}, {Stance: "Opposes"}, {Stance: "Supports"}},
		{{Stance: "Conditional", Note: "old note"}, {Stance: "Opposes"}, {}},
	})
	m.Snapshots = []matrix.Snapshot{{Date: day(2025, 4, 16), Sheet: "Matrix 2025-04-16", Matrix: old}}
	return m
}

// write runs an exporter into memory.
func write(t testing.TB, fn func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readBack reads data with the project's reader and fails on any problem,
// warnings included.
func readBack(t *testing.T, data []byte, name string) *matrix.Matrix {
	t.Helper()
	m, ps := matrix.Read(bytes.NewReader(data), name, matrix.ReadOptions{})
	for _, p := range ps {
		t.Errorf("%v", p)
	}
	if m == nil {
		t.Fatalf("%s: no matrix read back", name)
	}
	return m
}

// sameMatrix compares everything the input format carries.
func sameMatrix(t *testing.T, want, got *matrix.Matrix) {
	t.Helper()
	sameFindings(t, want.Findings, got.Findings)
	if got.About != want.About {
		t.Errorf("About:\n got %+v\nwant %+v", got.About, want.About)
	}
	if len(got.Scale.Stances) != len(want.Scale.Stances) {
		t.Errorf("scale has %d stances, want %d", len(got.Scale.Stances), len(want.Scale.Stances))
	} else {
		for i, w := range want.Scale.Stances {
			g := got.Scale.Stances[i]
			if g.Label != w.Label || g.HasScore != w.HasScore || g.Score != w.Score || !strings.EqualFold(g.Color, w.Color) ||
				g.Symbol != w.Symbol || strings.Join(g.Aliases, "|") != strings.Join(w.Aliases, "|") || g.Description != w.Description {
				t.Errorf("stance %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
	}
	if len(got.Parties) != len(want.Parties) {
		t.Fatalf("%d parties, want %d", len(got.Parties), len(want.Parties))
	}
	for i, w := range want.Parties {
		g := got.Parties[i]
		g.Ref, w.Ref = "", ""
		if g != w {
			t.Errorf("party %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if len(got.Issues) != len(want.Issues) {
		t.Fatalf("%d issues, want %d", len(got.Issues), len(want.Issues))
	}
	for i, w := range want.Issues {
		g := got.Issues[i]
		g.Ref, w.Ref = "", ""
		if g != w {
			t.Errorf("issue %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Issues {
		for p := range want.Parties {
			g, w := got.Cell(i, p), want.Cell(i, p)
			if g.Stance != w.Stance || g.Note != w.Note {
				t.Errorf("cell %q/%q: got %q (note %q), want %q (note %q)", want.Issues[i].Name, want.Parties[p].Name,
					g.Stance, g.Note, w.Stance, w.Note)
			}
		}
	}
	if len(got.Evidence) != len(want.Evidence) {
		t.Errorf("%d evidence rows, want %d", len(got.Evidence), len(want.Evidence))
	}
	for _, party := range want.Parties {
		for _, issue := range want.Issues {
			ge, we := got.EvidenceFor(party.Name, issue.Name), want.EvidenceFor(party.Name, issue.Name)
			if len(ge) != len(we) {
				t.Errorf("%s/%s: %d evidence rows, want %d", party.Name, issue.Name, len(ge), len(we))
				continue
			}
			for k := range we {
				g, w := ge[k], we[k]
				g.Sheet, g.Row, w.Sheet, w.Row = "", 0, "", 0
				if !g.Date.Equal(w.Date) {
					t.Errorf("%s/%s evidence %d: date %v, want %v", party.Name, issue.Name, k, g.Date, w.Date)
				}
				g.Date, w.Date = time.Time{}, time.Time{}
				if g != w {
					t.Errorf("%s/%s evidence %d:\n got %+v\nwant %+v", party.Name, issue.Name, k, g, w)
				}
			}
		}
	}
}

// keep writes data to $STANCEMATRIX_KEEP/name when that variable is set, to
// look at a test's output by hand.
func keep(t *testing.T, name string, data []byte) {
	if dir := os.Getenv("STANCEMATRIX_KEEP"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Error(err)
		}
	}
}

var _ = export.Options{}

// xlSelectedTab is a sheet view marked as selected.
var selectedTab = regexp.MustCompile(`<sheetView [^>]*tabSelected="(1|true)"`)

// xlSelectedTabs returns the tab numbers (from 1) of the sheets of an XLSX
// whose view is selected; sheets are written in tab order, so sheetN.xml
// is tab N. More than one selected tab groups the sheets in Excel, and an
// edit to one then changes them all.
func selectedTabs(t *testing.T, data []byte) []int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var tabs []int
	for _, f := range zr.File {
		var n int
		if _, err := fmt.Sscanf(f.Name, "xl/worksheets/sheet%d.xml", &n); err != nil {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		// The view precedes the cells; a streamed sheet's long list of
		// namespaces puts it past 4 KB (at 4.9 KB in the Evidence sheet).
		head, err := io.ReadAll(io.LimitReader(rc, 64<<10))
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if selectedTab.Match(head) {
			tabs = append(tabs, n)
		}
	}
	slices.Sort(tabs)
	return tabs
}

// sameFindings compares the author's findings, apart from where they were
// read.
func sameFindings(t *testing.T, want, got []matrix.Finding) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d author's findings, want %d: %+v", len(got), len(want), got)
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.Text || g.Issue != w.Issue || !slices.Equal(g.Parties, w.Parties) || g.HasOrder != w.HasOrder || g.Order != w.Order {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
