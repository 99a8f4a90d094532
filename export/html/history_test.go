package html_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix"
)

func historyPage(t testing.TB, m *matrix.Matrix, opt export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := shtml.Write(&b, m, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHistory checks "How positions moved": in the contents, the trend
// and a timeline per drawn issue as inline SVG with a title and a
// description, the data tables, no style attribute (the CSP), the one
// sentence of thin data, the same bytes twice, and no section without a
// history.
func TestHistory(t *testing.T) {
	m, h := exporttest.Weekly(t, 8, 12, 6, 3)
	out := historyPage(t, m, export.Options{History: h})
	if p := os.Getenv("HTMLOUT"); p != "" {
		_ = os.WriteFile(p, out, 0o644)
	}
	if !bytes.Equal(out, historyPage(t, m, export.Options{History: h})) {
		t.Error("two runs differ")
	}
	doc := parse(t, out)
	checkSafe(t, doc)
	var sec string
	for _, s := range elements(doc, "section") {
		if id, _ := attr(s, "id"); id == "history" {
			sec = text(s)
		}
	}
	if sec == "" {
		t.Fatal("no section history")
	}
	for _, w := range []string{"How positions moved", "6 dated matrices from", "Is the room coming together?",
		"Mean agreement per date over the pairs of parties that share at least 3 scored issues", "6 of the 6 dates have a figure",
		"Timelines of the changed issues", "Mean agreement per date as a table", "Every move as a table"} {
		if !strings.Contains(sec, w) {
			t.Errorf("the section lacks %q", w)
		}
	}
	drawn, _ := export.HistoryIssues(h)
	for _, hi := range drawn {
		if !strings.Contains(sec, h.Issues[hi.Issue].Name+": ") {
			t.Errorf("no timeline of %q", h.Issues[hi.Issue].Name)
		}
	}
	for _, mv := range h.Moves {
		if !strings.Contains(sec, h.Parties[mv.Party].Name) {
			t.Errorf("the moves table lacks %q", h.Parties[mv.Party].Name)
		}
	}
	if !strings.Contains(string(out), `<a href="#history">How positions moved</a>`) {
		t.Error("not in the contents")
	}
	if n := strings.Count(string(out), `<figure class="chart" id="history-`); n != len(drawn) {
		t.Errorf("%d timelines, want %d", n, len(drawn))
	}
	one, h1 := exporttest.Weekly(t, 4, 4, 1, 0)
	thin := historyPage(t, one, export.Options{History: h1})
	if !strings.Contains(string(thin), "no history to draw") || strings.Contains(string(thin), "Is the room coming together?") {
		t.Error("thin data is not one sentence")
	}
	if strings.Contains(string(historyPage(t, m, export.Options{})), `id="history"`) {
		t.Error("a history section without a history")
	}
}
