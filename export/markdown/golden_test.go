package markdown_test

import (
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/markdown"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func TestGolden(t *testing.T) {
	m := exporttest.Fixture()
	matrixtest.Golden(t, "testdata/matrix.md", exporttest.Bytes(t, markdown.Write, m, export.Options{}))
	matrixtest.Golden(t, "testdata/changes.md", exporttest.Bytes(t, markdown.Write, m, export.Options{Changes: exporttest.FixtureChanges(), Title: "Briefing [draft]"}))
}

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, markdown.Write) }

// FuzzMarkdown exports a matrix of fuzzed texts: every table row has the
// header's number of cells and the matrix table one row per issue; rendered
// as GitHub does, the document holds only the export's own elements and
// http(s) links, and, when no text is empty once trimmed, has the structure
// of the same matrix with plain text.
func FuzzMarkdown(f *testing.F) {
	exporttest.AddTextSeeds(f)
	f.Fuzz(func(t *testing.T, party, issue, note, quote, url string) {
		m := exporttest.TextMatrix(party, issue, note, quote, url)
		opt := export.Options{Changes: exporttest.FuzzChanges(party, issue, note)}

		// Markdown: every table row has the header's number of cells, and
		// the matrix table has one row per issue.
		md := string(exporttest.Bytes(t, markdown.Write, m, opt))
		checkMarkdownTables(t, md)
		rows := tableRows(md, "## Matrix")
		if len(rows) != 2+len(m.Issues) {
			t.Fatalf("matrix table has %d lines, want %d", len(rows), 2+len(m.Issues))
		}
		if n := markdownCells(rows[0]); n != 1+len(m.Parties) {
			t.Fatalf("matrix table has %d columns, want %d", n, 1+len(m.Parties))
		}
		if !utf8.ValidString(md) {
			t.Fatalf("markdown is not valid UTF-8")
		}

		// Rendered as GitHub does, the Markdown holds only the export's own
		// elements and http(s) links, and, when no text is empty once
		// trimmed, has the structure of the same matrix with plain text.
		rendered := render(t, []byte(md))
		checkSafe(t, rendered)
		// The party also names the source file, shown by its base name
		// ("/ " has none), so that must be visible too.
		source := path.Base(strings.ReplaceAll(party, `\`, "/"))
		if visible(party) != "" && visible(source) != "" && visible(issue) != "" && visible(note) != "" && visible(quote) != "" {
			p := exporttest.TextMatrix("Party", "Issue", "Note", "Quote", url)
			popt := export.Options{Changes: exporttest.FuzzChanges("Party", "Issue", "Note")}
			want := shape(render(t, exporttest.Bytes(t, markdown.Write, p, popt)))
			if got := shape(rendered); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("the text changed the structure of the document\n got: %v\nwant: %v\nmarkdown:\n%s", got, want, md)
			}
		}
	})
}

// checkMarkdownTables checks that every row of every table in md has as
// many cells as the table's header row, splitting rows on pipes that are not
// backslash-escaped, as GitHub's table extension does.
func checkMarkdownTables(t testing.TB, md string) {
	t.Helper()
	want := -1
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := markdownCells(line)
		if want < 0 {
			want = n
			continue
		}
		if n != want {
			t.Fatalf("markdown line %d has %d cells, want %d: %q", i+1, n, want, line)
		}
	}
}

// markdownCells counts the cells of a table row "| a | b |".
func markdownCells(line string) int {
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

// tableRows returns the lines of the first table after the heading.
func tableRows(md, heading string) []string {
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

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, markdown.Write, func(b []byte) string { return string(b) })
}
