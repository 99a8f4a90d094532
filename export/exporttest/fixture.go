// Package exporttest holds what the tests of the output formats share: a
// small fixture matrix with its changes, hostile texts, a generator of
// matrices for the fuzz targets and a helper that runs an exporter.
package exporttest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// Date parses a YYYY-MM-DD date, and panics on anything else.
func Date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// Fixture is the small matrix behind the golden files: Cyrillic and Greek
// names, notes (one with a line break), evidence (one row undated, one URL
// with parentheses and a space), a blank cell, an off-axis stance (Unclear),
// a party with no position at all, issue and party weights and a snapshot.
//
// The default scale runs from -2 (Opposes) to 2 (Supports), R = 4. Issue
// weights: Ceasefire 2, Talks 1, Sanctions 1. Party weights: Україна 2, the
// others 1.
//
//	             Україна        Ελλάδα        Russia     Coalition   Observer
//	Ceasefire    Conditional 0  Supports 2    Opposes -2  Supports 2  -
//	Talks        Opposes -2     Unclear (off) Supports 2  -           -
//	Sanctions    Opposes -2     Leans opp. -1 Supports 2  Opposes -2  -
func Fixture() *matrix.Matrix {
	s := matrix.DefaultScale()
	m := &matrix.Matrix{
		Source: "/home/analyst/briefings/ukraine.xlsx",
		Scale:  s,
		About: matrix.About{
			Title:          "Україна: positions on a settlement",
			Subtitle:       "Who stands where — ahead of the <summit> & after",
			AsOf:           Date("2025-04-23"),
			Author:         "Desk Ε",
			Organisation:   "Ministry of \"Foreign\" Affairs",
			Classification: "Internal — not for circulation",
			Footer:         "Prepared with stancematrix",
			Notes:          "Positions as stated in public.\nNot an assessment of intentions.",
		},
		Parties: []matrix.Party{
			{Name: "Україна", Short: "UA", Group: "Ukraine and allies", Weight: 2, Color: "#0057B7", Description: "Government of Ukraine"},
			{Name: "Ελλάδα", Short: "GR", Group: "EU", Weight: 1},
			{Name: "Russia", Short: "RU", Weight: 1},
			{Name: "Coalition \"of the willing\" <EU> & Co", Short: "CoW", Group: "Coalition of the willing", Weight: 1},
			{Name: "Observer", Weight: 1},
		},
		Issues: []matrix.Issue{
			{Name: "Ceasefire along the front line", Short: "Ceasefire", Category: "Security", Weight: 2,
				Description: "An unconditional ceasefire along the current line of contact."},
			{Name: "Bilateral talks", Short: "Talks", Category: "Diplomacy", Weight: 1,
				Description: "Direct talks between Kyiv and Moscow | without mediators."},
			{Name: "Sanctions relief", Category: "Economy", Weight: 1},
		},
	}
	c := func(st, note string) matrix.Cell { return matrix.Cell{Stance: st, Note: note} }
	m.SetCells([][]matrix.Cell{
		{c("Conditional", "Only with security guarantees"), c("Supports", ""), c("Opposes", "Demands withdrawal\nfirst"), c("Supports", ""), {}},
		{c("Opposes", ""), c("Unclear", "Contradictory statements"), c("Supports", ""), {}, {}},
		{c("Opposes", ""), c("Leans oppose", ""), c("Supports", "=HYPERLINK(\"http://evil\")"), c("Opposes", ""), {}},
	})
	m.Evidence = []matrix.Evidence{
		{Party: "Україна", Issue: "Ceasefire along the front line", Stance: "Conditional", Date: Date("2025-04-20"),
			Summary: "Open to a ceasefire with guarantees", Quote: "Ми готові до перемир'я, але лише з гарантіями безпеки.",
			Speaker: "Президент", Source: "Укрінформ", URL: "https://example.org/ua/news (1)?a=1&b=2"},
		{Party: "Україна", Issue: "Ceasefire along the front line", Stance: "Opposes", Date: Date("2025-03-01"),
			Summary: "Earlier rejection", Quote: "No ceasefire without withdrawal.", Speaker: "Foreign minister",
			Source: "Press conference", URL: "https://example.org/pc"},
		{Party: "Russia", Issue: "Bilateral talks", Stance: "Supports", Date: Date("2025-04-21"),
			Summary: "Offers direct talks", Quote: "We are ready for direct talks in Istanbul.", Speaker: "Spokesman",
			Source: "TASS", URL: "https://example.org/tass"},
		{Party: "Ελλάδα", Issue: "Bilateral talks", Stance: "Unclear",
			Summary: "Undated remark", Quote: "Θα δούμε.", Speaker: "Υπουργός", Source: "Radio", URL: "javascript:alert(1)"},
	}
	m.Findings = []matrix.Finding{
		{Text: "Russia will hold out for <recognition> & | more.", Issue: "Bilateral talks", Parties: []string{"Russia", "Україна"},
			Order: 1, HasOrder: true, Sheet: "Findings", Row: 3},
		{Text: "The *coalition* is the swing vote.", Parties: []string{"Coalition \"of the willing\" <EU> & Co"}, Sheet: "Findings", Row: 2},
	}
	old := &matrix.Matrix{Scale: s, About: m.About, Parties: m.Parties[:4], Issues: m.Issues[:2]}
	old.SetCells([][]matrix.Cell{
		{c("Opposes", ""), c("Supports", ""), c("Opposes", ""), {}},
		{c("Opposes", ""), {}, c("Opposes", ""), {}},
	})
	m.Snapshots = []matrix.Snapshot{{Date: Date("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: old}}
	return m
}

// FixtureChanges are the changes from the snapshot of Fixture to the matrix,
// written by hand so that the exports can be tested apart from matrix.Diff.
func FixtureChanges() *matrix.Changes {
	return &matrix.Changes{
		Old: "Matrix 2025-04-16", New: "Matrix", OldDate: Date("2025-04-16"), NewDate: Date("2025-04-23"),
		Cells: []matrix.CellChange{
			{Issue: "Ceasefire along the front line", Party: "Україна", Old: "Opposes", New: "Conditional", Direction: matrix.TowardsSupport, Ref: "Matrix!B2",
				OldScore: -2, OldScored: true, NewScore: 0, NewScored: true},
			{Issue: "Ceasefire along the front line", Party: "Coalition \"of the willing\" <EU> & Co", Old: "", New: "Supports", Direction: matrix.OffAxis, Ref: "Matrix!E2",
				NewScore: 2, NewScored: true},
			{Issue: "Bilateral talks", Party: "Ελλάδα", Old: "", New: "Unclear", Direction: matrix.OffAxis, Ref: "Matrix!C3"},
			{Issue: "Bilateral talks", Party: "Russia", Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport, Ref: "Matrix!D3",
				OldScore: -2, OldScored: true, NewScore: 2, NewScored: true},
		},
		PartiesAdded: []string{"Observer"},
		IssuesAdded:  []string{"Sanctions relief"},
		NewEvidence:  nil,
		Edits: []matrix.Edit{
			{Kind: matrix.NoteEdited, Party: "Russia", Issue: "Bilateral talks", Subject: "Bilateral talks / Russia",
				Old: "Will not talk.", New: "Open to <talks> | *now*", Ref: "Matrix!D3"},
			{Kind: matrix.EvidenceEdited, Party: "Україна", Issue: "Ceasefire along the front line", Subject: "Ceasefire along the front line / Україна",
				Field: "Quote", Old: "We are ready.", New: "We are ready!", Ref: "Evidence!A2"},
			{Kind: matrix.AboutEdited, Subject: "About", Field: "Title", Old: "Briefing", New: "Briefing [draft]"},
		},
	}
}

// TextHostile are strings that a hostile or careless workbook may hold.
var TextHostile = []string{
	"", " ", "=1+2", "+SUM(A1)", "-2", "@cmd", "\tTab", "\rCR", "=HYPERLINK(\"http://evil\",\"x\")",
	"a | b", "<script>alert(1)</script>", "&amp; &lt;", "[link](javascript:alert(1))", "![img](http://x/y.png)",
	"`code`", "```", "**bold** _em_ ~~del~~", "# heading", "1. item", "- item", "> quote", "---", "===",
	"line one\nline two", "cr\r\nlf", "\u2028sep\u2029", "\x00nul\x1b[31m", "back\\slash\\", "$x^2$",
	"Україна", "Ελλάδα", "שלום עולם", "e\u0301\u0301", "👩‍👩‍👧", strings.Repeat("long ", 200), "\"quoted\"", "'single'",
	"<br>", "https://example.org/a b(c)", "&#x3C;", "\ufeffbom",
}

// Bytes runs write and returns what it wrote, failing t on an error.
func Bytes(t testing.TB, write Writer, m *matrix.Matrix, opt export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, m, opt); err != nil {
		t.Fatalf("export: %v", err)
	}
	return b.Bytes()
}

// TextMatrix builds a matrix with two parties and two issues from fuzzed
// strings, placed in every text field.
func TextMatrix(party, issue, note, quote, url string) *matrix.Matrix {
	s := matrix.DefaultScale()
	m := &matrix.Matrix{Source: party, Scale: s}
	m.About = matrix.About{Title: issue, Subtitle: note, Author: quote, Classification: party, Notes: note, Footer: quote}
	m.Parties = []matrix.Party{{Name: party, Short: quote, Group: note, Weight: 1}, {Name: party + "2", Short: party, Weight: 2}}
	m.Issues = []matrix.Issue{{Name: issue, Short: note, Category: quote, Description: note, Weight: 1}, {Name: issue + "2", Description: quote, Weight: 1}}
	m.SetCells([][]matrix.Cell{
		{{Stance: "Supports", Note: note}, {Stance: "Unclear", Note: quote}},
		{{}, {Stance: "Opposes", Note: party}},
	})
	m.Evidence = []matrix.Evidence{
		{Party: party, Issue: issue, Stance: "Supports", Date: Date("2025-01-02"), Summary: note, Quote: quote, Speaker: party, Source: issue, URL: url},
		{Party: party + "2", Issue: issue + "2", Quote: note, Source: quote, URL: "https://example.org/" + url},
	}
	return m
}

// Writer is the signature every format's exporter has.
type Writer func(io.Writer, *matrix.Matrix, export.Options) error

// Deterministic exports the fixture and a generated matrix twice each, with
// changes, and checks that the two runs give the same bytes, that the output
// ends with a newline and that it is valid UTF-8.
func Deterministic(t *testing.T, write Writer) {
	matrices := []struct {
		name string
		m    *matrix.Matrix
	}{
		{"fixture", Fixture()},
		{"synthetic", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 30, Evidence: 200, Scripts: true, Seed: 7})},
	}
	for _, tc := range matrices {
		t.Run(tc.name, func(t *testing.T) {
			opt := export.Options{Changes: FixtureChanges()}
			a := Bytes(t, write, tc.m, opt)
			b := Bytes(t, write, tc.m, opt)
			if !bytes.Equal(a, b) {
				t.Fatalf("two runs differ:\n%s", matrixtest.FirstDiff(a, b))
			}
			if len(a) == 0 || a[len(a)-1] != '\n' {
				t.Errorf("output does not end with a newline")
			}
			if !utf8.Valid(a) {
				t.Errorf("output is not valid UTF-8")
			}
		})
	}
}

// FuzzChanges are the changes the text formats' fuzz targets export with
// TextMatrix: one cell of the fuzzed party and issue, with a fuzzed name for
// the older matrix.
func FuzzChanges(party, issue, old string) *matrix.Changes {
	return &matrix.Changes{Old: old, Cells: []matrix.CellChange{{Issue: issue, Party: party, Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport,
		OldScore: -2, OldScored: true, NewScore: 2, NewScored: true}}}
}

// AddTextSeeds adds the seed corpus of the text formats' fuzz targets (party,
// issue, note, quote, url): each hostile text with a neighbour.
func AddTextSeeds(f *testing.F) {
	for i, s := range TextHostile {
		o := TextHostile[(i+7)%len(TextHostile)]
		f.Add(s, o, s+o, o+s, "https://example.org/"+s)
	}
	f.Add("", "", "", "", "")
	f.Add("Україна", "Ceasefire", "note\nline", "“quote”", "https://example.org/a (b)")
}

// Golden compares write's output of the fixture with testdata/matrix.EXT,
// and with the fixture's changes and a title option with
// testdata/changes.EXT (-update rewrites them).
func Golden(t *testing.T, write Writer, ext string) {
	m := Fixture()
	matrixtest.Golden(t, "testdata/matrix."+ext, Bytes(t, write, m, export.Options{}))
	matrixtest.Golden(t, "testdata/changes."+ext, Bytes(t, write, m, export.Options{Changes: FixtureChanges(), Title: "Briefing [draft]"}))
}

// TextInput are the fuzzed texts of a text format's fuzz target.
type TextInput struct{ Party, Issue, Note, Quote, URL string }

// FuzzText is the fuzz target of a text format: from the seeds of
// AddTextSeeds, it builds TextMatrix and FuzzChanges of the fuzzed texts,
// exports them with write and hands the output to check.
func FuzzText(f *testing.F, write Writer, check func(t *testing.T, in TextInput, m *matrix.Matrix, opt export.Options, out []byte)) {
	AddTextSeeds(f)
	f.Fuzz(func(t *testing.T, party, issue, note, quote, url string) {
		m := TextMatrix(party, issue, note, quote, url)
		opt := export.Options{Changes: FuzzChanges(party, issue, note)}
		check(t, TextInput{party, issue, note, quote, url}, m, opt, Bytes(t, write, m, opt))
	})
}

// Agreeing builds a matrix with a known analysis, its parties named by
// names (four of them): the first two agree on all three issues, the third
// on none with them, the fourth shares one issue with each, too few to
// count.
func Agreeing(names ...string) *matrix.Matrix {
	m := &matrix.Matrix{Scale: matrix.DefaultScale()}
	for _, n := range names {
		m.Parties = append(m.Parties, matrix.Party{Name: n, Weight: 1})
	}
	var rows [][]matrix.Cell
	for i, row := range [][]string{
		{"Supports", "Supports", "Opposes", "Supports"},
		{"Supports", "Supports", "Opposes", ""},
		{"Opposes", "Opposes", "Supports", ""},
	} {
		m.Issues = append(m.Issues, matrix.Issue{Name: fmt.Sprintf("I%d", i+1), Weight: 1})
		cells := make([]matrix.Cell, len(m.Parties))
		for p := range cells {
			if p < len(row) {
				cells[p] = matrix.Cell{Stance: row[p]}
			}
		}
		rows = append(rows, cells)
	}
	m.SetCells(rows)
	return m
}

// Weekly returns the newest matrix of a generated weekly series
// (matrixtest.WeeklySeries, seed 7) and the series' history, for the tests
// of "How positions moved".
func Weekly(t testing.TB, parties, issues, weeks, perWeek int) (*matrix.Matrix, *matrix.History) {
	t.Helper()
	series, _ := matrixtest.WeeklySeries(matrixtest.SyntheticOptions{Parties: parties, Issues: issues, Seed: 7}, weeks, perWeek)
	h, err := matrix.NewHistory(series)
	if err != nil {
		t.Fatal(err)
	}
	return series[len(series)-1], h
}
