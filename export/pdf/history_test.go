package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// TestPDFHistory checks "How positions moved": its bookmark, the reading
// aid of the agreement trend, a timeline per changed issue, the one
// sentence of thin data, and that the charts stay inside the page.
func TestPDFHistory(t *testing.T) {
	needTool(t, "pdftotext")
	m8, h8 := exporttest.Weekly(t, 8, 12, 6, 3)
	m50, h50 := exporttest.Weekly(t, 50, 200, 52, 40)
	one, h1 := exporttest.Weekly(t, 5, 5, 1, 0)
	tests := []struct {
		name   string
		m      *matrix.Matrix
		h      *matrix.History
		want   []string
		charts bool
	}{
		{"6 weeks 8 × 12", m8, h8, []string{"6 dated matrices from", "Is the room coming together?", "Mean agreement per date over the pairs of parties that share at least 3 scored issues",
			"6 of the 6 dates have a figure", "Timelines of the changed issues"}, true},
		{"52 weeks 50 × 200", m50, h50, []string{"52 dated matrices from", "52 of the 52 dates have a figure", "The 12 issues with the most moves of the"}, true},
		{"one date", one, h1, []string{"one dated matrix", "no history to draw"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := export.Options{Sections: []string{"header"}, History: tc.h}
			data, _ := exportPDF(t, tc.m, opt)
			save(t, "history "+tc.name, data)
			f := writeTemp(t, data)
			qpdfCheck(t, f)
			txt := oneSpace(text(t, f))
			sec := between(txt, "How positions moved", "")
			if sec == "" {
				t.Fatalf("no section \"How positions moved\" in\n%s", txt)
			}
			for _, w := range tc.want {
				if !strings.Contains(sec, w) {
					t.Errorf("the section lacks %q:\n%s", w, sec)
				}
			}
			if !contains(outlines(t, f), "How positions moved") {
				t.Errorf("no bookmark \"How positions moved\" in %q", outlines(t, f))
			}
			L, err := pdf.Charts(tc.m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(L.History) > 0; got != tc.charts {
				t.Fatalf("timelines drawn: %v, want %v", got, tc.charts)
			}
			if !tc.charts {
				if strings.Contains(sec, "Is the room") {
					t.Errorf("thin data draws a chart:\n%s", sec)
				}
				return
			}
			drawn, _ := export.HistoryIssues(tc.h)
			if len(L.History) != len(drawn) {
				t.Errorf("%d timelines, want %d", len(L.History), len(drawn))
			}
			for _, hi := range drawn {
				name := tc.h.Issues[hi.Issue].Name
				if !strings.Contains(sec, name) {
					t.Errorf("no timeline titled %q", name)
				}
			}
			for _, bx := range append(L.Agreement, L.History...) {
				if bx.X < 0 || bx.Y < 0 || bx.X+bx.W > L.PageW+0.01 || bx.Y+bx.H > L.PageH-15 {
					t.Errorf("%q (%.1f, %.1f, %.1f × %.1f) leaves the %.0f × %.0f page", bx.Text, bx.X, bx.Y, bx.W, bx.H, L.PageW, L.PageH)
				}
			}
		})
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestPDFHistoryDeterministic: two runs give the same bytes, and a
// briefing without a history is the same as one written before it.
func TestPDFHistoryDeterministic(t *testing.T) {
	m, h := exporttest.Weekly(t, 8, 12, 6, 3)
	a, _ := exportPDF(t, m, export.Options{History: h})
	b, _ := exportPDF(t, m, export.Options{History: h})
	if !bytes.Equal(a, b) {
		t.Error("two runs with a history differ")
	}
	plain, _ := exportPDF(t, m, export.Options{})
	if bytes.Equal(a, plain) {
		t.Error("the history changed nothing")
	}
}

// BenchmarkPDFHistory measures what the history section costs on 52
// weekly snapshots of a 50 × 200 matrix: the briefing's header alone,
// with and without it.
func BenchmarkPDFHistory(b *testing.B) {
	m, h := exporttest.Weekly(b, 50, 200, 52, 40)
	for _, tc := range []struct {
		name string
		h    *matrix.History
	}{{"without", nil}, {"with", h}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if err := pdf.Write(&buf, m, export.Options{Sections: []string{"header"}, History: tc.h}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("NewHistory", func(b *testing.B) {
		series, _ := matrixtest.WeeklySeries(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Seed: 7}, 52, 40)
		for b.Loop() {
			if _, err := matrix.NewHistory(series); err != nil {
				b.Fatal(fmt.Sprint(err))
			}
		}
	})
}
