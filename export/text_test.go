package export_test

// Shared fixtures and tests of the text formats (JSON, CSV, Markdown):
// golden files, determinism and the fuzz target. Names start with "tf" so
// that they do not clash with the other formats' tests in this package.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

var updateText = flag.Bool("update-text", false, "rewrite the golden files of the JSON, CSV and Markdown exports in testdata/{json,csv,md}")

func tfDate(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// tfMatrix is the small matrix behind the golden files: Cyrillic and Greek
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
func tfMatrix() *matrix.Matrix {
	s := matrix.DefaultScale()
	m := &matrix.Matrix{
		Source: "/home/analyst/briefings/ukraine.xlsx",
		Scale:  s,
		About: matrix.About{
			Title:          "Україна: positions on a settlement",
			Subtitle:       "Who stands where — ahead of the <summit> & after",
			AsOf:           tfDate("2025-04-23"),
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
	m.Cells = [][]matrix.Cell{
		{c("Conditional", "Only with security guarantees"), c("Supports", ""), c("Opposes", "Demands withdrawal\nfirst"), c("Supports", ""), {}},
		{c("Opposes", ""), c("Unclear", "Contradictory statements"), c("Supports", ""), {}, {}},
		{c("Opposes", ""), c("Leans oppose", ""), c("Supports", "=HYPERLINK(\"http://evil\")"), c("Opposes", ""), {}},
	}
	m.Evidence = []matrix.Evidence{
		{Party: "Україна", Issue: "Ceasefire along the front line", Stance: "Conditional", Date: tfDate("2025-04-20"),
			Summary: "Open to a ceasefire with guarantees", Quote: "Ми готові до перемир'я, але лише з гарантіями безпеки.",
			Speaker: "Президент", Source: "Укрінформ", URL: "https://example.org/ua/news (1)?a=1&b=2"},
		{Party: "Україна", Issue: "Ceasefire along the front line", Stance: "Opposes", Date: tfDate("2025-03-01"),
			Summary: "Earlier rejection", Quote: "No ceasefire without withdrawal.", Speaker: "Foreign minister",
			Source: "Press conference", URL: "https://example.org/pc"},
		{Party: "Russia", Issue: "Bilateral talks", Stance: "Supports", Date: tfDate("2025-04-21"),
			Summary: "Offers direct talks", Quote: "We are ready for direct talks in Istanbul.", Speaker: "Spokesman",
			Source: "TASS", URL: "https://example.org/tass"},
		{Party: "Ελλάδα", Issue: "Bilateral talks", Stance: "Unclear",
			Summary: "Undated remark", Quote: "Θα δούμε.", Speaker: "Υπουργός", Source: "Radio", URL: "javascript:alert(1)"},
	}
	old := &matrix.Matrix{Scale: s, About: m.About, Parties: m.Parties[:4], Issues: m.Issues[:2]}
	old.Cells = [][]matrix.Cell{
		{c("Opposes", ""), c("Supports", ""), c("Opposes", ""), {}},
		{c("Opposes", ""), {}, c("Opposes", ""), {}},
	}
	m.Snapshots = []matrix.Snapshot{{Date: tfDate("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: old}}
	return m
}

// tfChanges are the changes from the snapshot of tfMatrix to the matrix,
// written by hand so that the exports can be tested apart from matrix.Diff.
func tfChanges() *matrix.Changes {
	return &matrix.Changes{
		Old: "Matrix 2025-04-16", New: "Matrix", OldDate: tfDate("2025-04-16"), NewDate: tfDate("2025-04-23"),
		Cells: []matrix.CellChange{
			{Issue: "Ceasefire along the front line", Party: "Україна", Old: "Opposes", New: "Conditional", Direction: matrix.TowardsSupport, Ref: "Matrix!B2"},
			{Issue: "Ceasefire along the front line", Party: "Coalition \"of the willing\" <EU> & Co", Old: "", New: "Supports", Direction: matrix.OffAxis, Ref: "Matrix!E2"},
			{Issue: "Bilateral talks", Party: "Ελλάδα", Old: "", New: "Unclear", Direction: matrix.OffAxis, Ref: "Matrix!C3"},
			{Issue: "Bilateral talks", Party: "Russia", Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport, Ref: "Matrix!D3"},
		},
		PartiesAdded: []string{"Observer"},
		IssuesAdded:  []string{"Sanctions relief"},
		NewEvidence:  nil,
	}
}

// tfHostile are strings that a hostile or careless workbook may hold.
var tfHostile = []string{
	"", " ", "=1+2", "+SUM(A1)", "-2", "@cmd", "\tTab", "\rCR", "=HYPERLINK(\"http://evil\",\"x\")",
	"a | b", "<script>alert(1)</script>", "&amp; &lt;", "[link](javascript:alert(1))", "![img](http://x/y.png)",
	"`code`", "```", "**bold** _em_ ~~del~~", "# heading", "1. item", "- item", "> quote", "---", "===",
	"line one\nline two", "cr\r\nlf", "\u2028sep\u2029", "\x00nul\x1b[31m", "back\\slash\\", "$x^2$",
	"Україна", "Ελλάδα", "שלום עולם", "e\u0301\u0301", "👩‍👩‍👧", strings.Repeat("long ", 200), "\"quoted\"", "'single'",
	"<br>", "https://example.org/a b(c)", "&#x3C;", "\ufeffbom",
}

// tfFormats are the text exporters under test.
var tfFormats = []struct {
	name, ext string
	write     func(io.Writer, *matrix.Matrix, export.Options) error
}{
	{"json", "json", export.JSON},
	{"csv", "csv", export.CSV},
	{"md", "md", export.Markdown},
}

// tfGolden compares got with testdata/dir/name, or rewrites it with
// -update-text.
func tfGolden(t *testing.T, dir, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", dir, name)
	if *updateText {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -run %s -update-text to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update-text and review the diff)\n--- got:\n%s", path, tfFirstDiff(got, want))
	}
}

// tfFirstDiff shows the first line that differs.
func tfFirstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + a + "\n  want: " + b
		}
	}
	return "(same lines, different bytes)"
}

func tfExport(t testing.TB, write func(io.Writer, *matrix.Matrix, export.Options) error, m *matrix.Matrix, opt export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, m, opt); err != nil {
		t.Fatalf("export: %v", err)
	}
	return b.Bytes()
}

func TestTextGolden(t *testing.T) {
	m := tfMatrix()
	for _, f := range tfFormats {
		t.Run(f.name, func(t *testing.T) {
			tfGolden(t, f.name, "matrix."+f.ext, tfExport(t, f.write, m, export.Options{}))
		})
		t.Run(f.name+"/changes", func(t *testing.T) {
			tfGolden(t, f.name, "changes."+f.ext, tfExport(t, f.write, m, export.Options{Changes: tfChanges(), Title: "Briefing [draft]"}))
		})
	}
	t.Run("json/analysis", func(t *testing.T) {
		tfGolden(t, "json", "analysis.json", tfExport(t, export.AnalysisJSON, m, export.Options{}))
	})
	t.Run("json/diff", func(t *testing.T) {
		var b bytes.Buffer
		if err := export.ChangesJSON(&b, tfChanges()); err != nil {
			t.Fatal(err)
		}
		tfGolden(t, "json", "diff.json", b.Bytes())
	})
}

// TestTextDeterministic exports the same matrices twice and compares bytes.
func TestTextDeterministic(t *testing.T) {
	matrices := map[string]*matrix.Matrix{
		"fixture":   tfMatrix(),
		"synthetic": matrix.Synthetic(matrix.SyntheticOptions{Parties: 12, Issues: 30, Evidence: 200, Scripts: true, Seed: 7}),
	}
	for _, name := range []string{"fixture", "synthetic"} {
		for _, f := range tfFormats {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				opt := export.Options{Changes: tfChanges()}
				a := tfExport(t, f.write, matrices[name], opt)
				b := tfExport(t, f.write, matrices[name], opt)
				if !bytes.Equal(a, b) {
					t.Fatalf("two runs differ:\n%s", tfFirstDiff(a, b))
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
}

// tfFuzzMatrix builds a matrix with two parties and two issues from fuzzed
// strings, placed in every text field.
func tfFuzzMatrix(party, issue, note, quote, url string) *matrix.Matrix {
	s := matrix.DefaultScale()
	m := &matrix.Matrix{Source: party, Scale: s}
	m.About = matrix.About{Title: issue, Subtitle: note, Author: quote, Classification: party, Notes: note, Footer: quote}
	m.Parties = []matrix.Party{{Name: party, Short: quote, Group: note, Weight: 1}, {Name: party + "2", Short: party, Weight: 2}}
	m.Issues = []matrix.Issue{{Name: issue, Short: note, Category: quote, Description: note, Weight: 1}, {Name: issue + "2", Description: quote, Weight: 1}}
	m.Cells = [][]matrix.Cell{
		{{Stance: "Supports", Note: note}, {Stance: "Unclear", Note: quote}},
		{{}, {Stance: "Opposes", Note: party}},
	}
	m.Evidence = []matrix.Evidence{
		{Party: party, Issue: issue, Stance: "Supports", Date: tfDate("2025-01-02"), Summary: note, Quote: quote, Speaker: party, Source: issue, URL: url},
		{Party: party + "2", Issue: issue + "2", Quote: note, Source: quote, URL: "https://example.org/" + url},
	}
	return m
}

// tfCheckMarkdownTables checks that every row of every table in md has as
// many cells as the table's header row, splitting rows on pipes that are not
// backslash-escaped, as GitHub's table extension does.
func tfCheckMarkdownTables(t testing.TB, md string) {
	t.Helper()
	want := -1
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := tfMarkdownCells(line)
		if want < 0 {
			want = n
			continue
		}
		if n != want {
			t.Fatalf("markdown line %d has %d cells, want %d: %q", i+1, n, want, line)
		}
	}
}

// tfMarkdownCells counts the cells of a table row "| a | b |".
func tfMarkdownCells(line string) int {
	pipes := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // the escaped character
		case '|':
			pipes++
		}
	}
	return pipes - 1
}

func FuzzTextExports(f *testing.F) {
	for i, s := range tfHostile {
		o := tfHostile[(i+7)%len(tfHostile)]
		f.Add(s, o, s+o, o+s, "https://example.org/"+s)
	}
	f.Add("", "", "", "", "")
	f.Add("Україна", "Ceasefire", "note\nline", "“quote”", "https://example.org/a (b)")
	f.Fuzz(func(t *testing.T, party, issue, note, quote, url string) {
		m := tfFuzzMatrix(party, issue, note, quote, url)
		opt := export.Options{Changes: &matrix.Changes{Old: note, Cells: []matrix.CellChange{{Issue: issue, Party: party, Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport}}}}

		// CSV: reads back with the right shape.
		out := tfExport(t, export.CSV, m, opt)
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("csv does not parse back: %v", err)
		}
		if want := 1 + len(m.Issues)*len(m.Parties); len(recs) != want {
			t.Fatalf("csv has %d records, want %d", len(recs), want)
		}
		score, count := tfColumn(t, "score"), tfColumn(t, "evidence_count")
		for i, r := range recs {
			if len(r) != len(export.CSVHeader) {
				t.Fatalf("csv record %d has %d fields, want %d", i, len(r), len(export.CSVHeader))
			}
			for j, f := range r {
				if i > 0 && j != score && j != count && f != "" && strings.ContainsRune("=+-@\t\r\x00", rune(f[0])) {
					t.Fatalf("csv record %d, %s = %q starts a formula", i, export.CSVHeader[j], f)
				}
			}
		}

		// JSON: valid, and strings that are valid UTF-8 round-trip exactly.
		out = tfExport(t, export.JSON, m, opt)
		var doc tfDoc
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("json is invalid: %v", err)
		}
		if utf8.ValidString(party) && doc.Parties[0].Name != party {
			t.Fatalf("party name %q came back as %q", party, doc.Parties[0].Name)
		}
		if utf8.ValidString(note) && doc.Cells[0].Note != note {
			t.Fatalf("note %q came back as %q", note, doc.Cells[0].Note)
		}
		for _, w := range []func(io.Writer, *matrix.Matrix, export.Options) error{export.AnalysisJSON} {
			if !json.Valid(tfExport(t, w, m, opt)) {
				t.Fatalf("analysis json is invalid")
			}
		}
		var b bytes.Buffer
		if err := export.ChangesJSON(&b, opt.Changes); err != nil || !json.Valid(b.Bytes()) {
			t.Fatalf("changes json is invalid (%v)", err)
		}

		// Markdown: every table row has the header's number of cells, and
		// the matrix table has one row per issue.
		md := string(tfExport(t, export.Markdown, m, opt))
		tfCheckMarkdownTables(t, md)
		rows := tfTableRows(md, "## Matrix")
		if len(rows) != 2+len(m.Issues) {
			t.Fatalf("matrix table has %d lines, want %d", len(rows), 2+len(m.Issues))
		}
		if n := tfMarkdownCells(rows[0]); n != 1+len(m.Parties) {
			t.Fatalf("matrix table has %d columns, want %d", n, 1+len(m.Parties))
		}
		if !utf8.ValidString(md) {
			t.Fatalf("markdown is not valid UTF-8")
		}

		// Rendered as GitHub does, the Markdown holds only the export's own
		// elements and http(s) links, and, when no text is empty once
		// trimmed, has the structure of the same matrix with plain text.
		rendered := tfMDRender(t, []byte(md))
		tfMDCheckSafe(t, rendered)
		// The party also names the source file, shown by its base name
		// ("/ " has none), so that must be visible too.
		source := path.Base(strings.ReplaceAll(party, `\`, "/"))
		if tfMDVisible(party) != "" && tfMDVisible(source) != "" && tfMDVisible(issue) != "" && tfMDVisible(note) != "" && tfMDVisible(quote) != "" {
			p := tfFuzzMatrix("Party", "Issue", "Note", "Quote", url)
			popt := export.Options{Changes: &matrix.Changes{Old: "Note", Cells: []matrix.CellChange{{Issue: "Issue", Party: "Party", Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport}}}}
			want := tfMDShape(tfMDRender(t, tfExport(t, export.Markdown, p, popt)))
			if got := tfMDShape(rendered); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("the text changed the structure of the document\n got: %v\nwant: %v\nmarkdown:\n%s", got, want, md)
			}
		}
	})
}

// tfTableRows returns the lines of the first table after the heading.
func tfTableRows(md, heading string) []string {
	i := strings.Index(md, heading+"\n")
	if i < 0 {
		return nil
	}
	var rows []string
	for _, line := range strings.Split(md[i:], "\n")[1:] {
		if strings.HasPrefix(line, "|") {
			rows = append(rows, line)
		} else if len(rows) > 0 {
			break
		}
	}
	return rows
}
