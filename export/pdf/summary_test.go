package pdf_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// fullDetail is what the command line tells the reader of a summary-first
// briefing; the tests look for it on the page.
const fullDetail = "export again with --detail full for all of it"

func generated(parties, issues, evidence int) *matrix.Matrix {
	return matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: parties, Issues: issues, Evidence: evidence, Seed: 1})
}

// TestDetailThreshold checks which briefings are summary-first: above 40
// parties or 60 issues unless Detail is "full", and any with "summary".
func TestDetailThreshold(t *testing.T) {
	tests := []struct {
		name    string
		m       *matrix.Matrix
		detail  string
		summary bool
	}{
		{"40x60 auto", generated(40, 60, 0), "", false},
		{"40x60 auto by name", generated(40, 60, 0), "auto", false},
		{"41x60 auto", generated(41, 60, 0), "", true},
		{"40x61 auto", generated(40, 61, 0), "auto", true},
		{"41x61 full", generated(41, 61, 0), "full", false},
		{"sample-like summary", sampleLike(), "summary", true},
		{"sample-like auto", sampleLike(), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := pdf.Summary(tc.m, export.Options{Detail: tc.detail})
			if err != nil {
				t.Fatal(err)
			}
			if s.Summary != tc.summary {
				t.Errorf("summary-first = %v, want %v", s.Summary, tc.summary)
			}
			if s.Summary != (len(s.Overview) > 0) {
				t.Errorf("summary-first %v with %d overview pages", s.Summary, len(s.Overview))
			}
			if got := export.Large(len(tc.m.Parties), len(tc.m.Issues)); tc.detail != "summary" && tc.detail != "full" && got != tc.summary {
				t.Errorf("Large = %v", got)
			}
		})
	}
	if _, err := pdf.Summary(sampleLike(), export.Options{Detail: "brief"}); err == nil || !strings.Contains(err.Error(), `unknown detail "brief"`) {
		t.Errorf("Detail \"brief\": error %v", err)
	}
}

// TestDetailAutoSameBytes checks that a matrix at the threshold gets
// the same bytes by default as with Detail "full": today's briefing.
func TestDetailAutoSameBytes(t *testing.T) {
	for name, m := range map[string]*matrix.Matrix{"sample-like": sampleLike(), "40x60": generated(40, 60, 200)} {
		t.Run(name, func(t *testing.T) {
			auto, _ := exportPDF(t, m, export.Options{Sections: pdf.Sections()})
			full, _ := exportPDF(t, m, export.Options{Sections: pdf.Sections(), Detail: "full"})
			if !bytes.Equal(auto, full) {
				t.Error("the default briefing differs from the full one")
			}
		})
	}
}

// TestSummaryFirstLarge exports a 200 × 1,000 matrix: summary-first by
// default, in under a tenth of the pages of the full briefing, naming every
// party and saying what it leaves out and how to get it back.
func TestSummaryFirstLarge(t *testing.T) {
	m := generated(200, 1000, 2000)
	opt := export.Options{FullDetail: fullDetail}
	s, err := pdf.Summary(m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Summary {
		t.Fatal("the briefing of a 200 × 1,000 matrix is not summary-first")
	}
	an := matrix.Analyze(m, nil)
	var want []int
	for _, st := range an.Contested[:export.SummaryIssues] {
		want = append(want, st.Issue)
	}
	if !slices.Equal(s.Detail, want) {
		t.Errorf("issues in detail %v, want the %d most contested %v", s.Detail, export.SummaryIssues, want)
	}
	// Sources: only those the printed issues cite, fewer than all.
	for _, is := range s.SourceIssues {
		if !slices.ContainsFunc(s.Detail, func(i int) bool { return m.Issues[i].Name == is }) {
			t.Errorf("a source of %q is listed, an issue not given in detail", is)
		}
	}
	if len(s.SourceIssues) == 0 || len(s.SourceIssues) >= s.SourcesAll {
		t.Errorf("%d sources listed of %d", len(s.SourceIssues), s.SourcesAll)
	}
	if !testing.Short() {
		// The full briefing: thousands of pages, some seconds.
		f, err := pdf.Summary(m, export.Options{Detail: "full"})
		if err != nil {
			t.Fatal(err)
		}
		if f.Summary || len(f.Overview) > 0 {
			t.Error(`Detail "full" gives a summary-first briefing`)
		}
		if len(f.SourceIssues) != s.SourcesAll {
			t.Errorf("the full briefing lists %d sources, the summary-first one says %d", len(f.SourceIssues), s.SourcesAll)
		}
		if s.Pages*10 >= f.Pages {
			t.Errorf("summary-first: %d pages, full: %d; want under a tenth", s.Pages, f.Pages)
		}
		t.Logf("pages: summary-first %d, full %d", s.Pages, f.Pages)
	}

	needTool(t, "pdftotext")
	data, _ := exportPDF(t, m, opt)
	save(t, "summary-200x1000", data)
	file := writeTemp(t, data)
	qpdfCheck(t, file)
	txt := squeeze(body(text(t, file), m))
	for _, p := range m.Parties {
		if !strings.Contains(txt, squeeze(p.Name)) {
			t.Errorf("the briefing does not name %q", p.Name)
		}
	}
	for _, w := range []string{
		"Summary first: not everything is printed.",
		"The matrix has 200 parties and 1000 issues, more than a briefing can set out in full (over 40 parties or 60 issues).",
		fmt.Sprintf("Left out: the matrix cell by cell (200000 cells), shown instead as an overview in colour of the %d most contested issues, the other %d counted by category;",
			len(s.OverviewIssues), 1000-len(s.OverviewIssues)),
		"the issue-by-issue detail of 990 of the 1000 issues (the 10 most contested are given);",
		fmt.Sprintf("%d of the %d sources, those that only the issues not given in detail cite.", s.SourcesAll-len(s.SourceIssues), s.SourcesAll),
		"Export again with --detail full for all of it.",
		"The matrix at a glance",
		fmt.Sprintf("Showing the %d most contested of the 1000 issues. The other %d are counted by category after the overview;", len(s.OverviewIssues), 1000-len(s.OverviewIssues)),
		"Most contested issues 1–",
		"All 1000 issues by category",
		"The 10 most contested of the 1000 issues (lowest consensus first). The other 990 are left out here; " + fullDetail + ".",
		fmt.Sprintf("Only the %d sources that the issues given in detail cite, of %d.", len(s.SourceIssues), s.SourcesAll),
	} {
		if !strings.Contains(txt, squeeze(w)) {
			t.Errorf("the briefing lacks %q", w)
		}
	}
	for _, i := range s.Detail {
		if !strings.Contains(txt, squeeze(m.Issues[i].Description)) {
			t.Errorf("the detail of %q is missing", m.Issues[i].Name)
		}
	}
}

// TestDetailSummarySmall checks that Detail "summary" gives a small matrix
// the short form: the overview instead of the matrix, with the statement.
func TestDetailSummarySmall(t *testing.T) {
	needTool(t, "pdftotext")
	m := sampleLike()
	data, _ := exportPDF(t, m, export.Options{Detail: "summary", FullDetail: fullDetail})
	save(t, "summary-sample-like", data)
	file := writeTemp(t, data)
	qpdfCheck(t, file)
	txt := squeeze(body(text(t, file), m))
	for _, w := range []string{"Summary first: not everything is printed. This briefing was asked for in short. Left out: the matrix cell by cell (63 cells), shown instead as an overview in colour.",
		"Export again with --detail full", "The matrix at a glance", "Issues 1–7 of 7", "All 7 issues, most contested first"} {
		if !strings.Contains(txt, squeeze(w)) {
			t.Errorf("the briefing lacks %q", w)
		}
	}
	for _, p := range m.Parties {
		if !strings.Contains(txt, squeeze(p.Name)) {
			t.Errorf("the briefing does not name %q", p.Name)
		}
	}
	for _, is := range m.Issues {
		if !strings.Contains(txt, squeeze(is.Name)) {
			t.Errorf("the briefing does not name %q", is.Name)
		}
	}
	marks := strings.Join(outlines(t, file), "|")
	if strings.Contains(marks, "The matrix|") || !strings.Contains(marks, "The matrix at a glance") {
		t.Errorf("bookmarks %q: want the overview and not the matrix", marks)
	}
}

// TestOverviewLayout checks that the overview shows every issue once, in
// order, on pages that keep it inside the margins and above the footer.
func TestOverviewLayout(t *testing.T) {
	long := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 120, Issues: 400, LongNames: true, Scripts: true, Seed: 2})
	tests := []struct {
		name        string
		m           *matrix.Matrix
		orientation string
		maxPages    int
	}{
		{"3x3", briefingMatrix([]string{"Alpha", "Beta", "Gamma"}, []string{"Ceasefire", "Sanctions", "Elections"},
			[][]string{{"Supports", "Opposes", "Unclear"}, {"Leans support", "", "Conditional"}, {"Leans oppose", "Supports", "Opposes"}}), "", 1},
		{"60x80", generated(60, 80, 0), "", 1},
		{"41x5", generated(41, 5, 0), "", 1},
		{"120x400 long names", long, "", 4},
		{"200x1000", generated(200, 1000, 0), "", 3},
		{"200x1000 landscape", generated(200, 1000, 0), "landscape", 3},
		{"200x1000 portrait", generated(200, 1000, 0), "portrait", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := pdf.Summary(tc.m, export.Options{Detail: "summary", Orientation: tc.orientation, Sections: []string{"matrix"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Overview) == 0 || len(s.Overview) > tc.maxPages {
				t.Errorf("%d overview pages, want 1 to %d", len(s.Overview), tc.maxPages)
			}
			next := 0
			for k, p := range s.Overview {
				b := p.Box
				if p.From != next || p.To <= p.From {
					t.Errorf("page %d shows issues %d to %d, want from %d", k+1, p.From, p.To, next)
				}
				next = p.To
				const margin, footer = 18.0, 17.0
				if b.W <= 0 || b.X < margin-0.01 || b.X+b.W > p.PageW-margin+0.01 || b.Y < 0 || b.Y+b.H > p.PageH-footer {
					t.Errorf("page %d: overview %+v runs off the %gx%g page", k+1, b, p.PageW, p.PageH)
				}
				if tc.orientation != "" && (p.PageW > p.PageH) != (tc.orientation == "landscape") {
					t.Errorf("page %d is %gx%g, want %s", k+1, p.PageW, p.PageH, tc.orientation)
				}
			}
			if next != len(s.OverviewIssues) {
				t.Errorf("the overview shows %d of the %d issues it draws", next, len(s.OverviewIssues))
			}
			// Every issue, in workbook order, unless folded: then the
			// most contested, most contested first.
			want := make([]int, len(tc.m.Issues))
			for i := range want {
				want[i] = i
			}
			if s.OverviewFolded {
				an := matrix.Analyze(tc.m, nil)
				want = want[:0]
				for _, st := range an.Contested[:len(s.OverviewIssues)] {
					want = append(want, st.Issue)
				}
			}
			if !slices.Equal(s.OverviewIssues, want) {
				t.Errorf("the overview draws issues %v…, want %v…", s.OverviewIssues[:min(5, len(s.OverviewIssues))], want[:min(5, len(want))])
			}
			if s.OverviewFolded != (len(tc.m.Issues) > len(s.OverviewIssues)) {
				t.Errorf("folded %v, drawing %d of %d issues", s.OverviewFolded, len(s.OverviewIssues), len(tc.m.Issues))
			}
		})
	}
}

// TestSummaryDeterministic exports summary-first briefings twice.
func TestSummaryDeterministic(t *testing.T) {
	for _, m := range []*matrix.Matrix{generated(60, 80, 300), generated(200, 1000, 0)} {
		opt := export.Options{FullDetail: fullDetail}
		a, _ := exportPDF(t, m, opt)
		b, _ := exportPDF(t, m, opt)
		if !bytes.Equal(a, b) {
			t.Fatalf("two exports of the %d × %d matrix differ", len(m.Parties), len(m.Issues))
		}
	}
}

// TestOverviewFolded exports the 200 × 6,000 matrix: its overview stays
// within MaxOverviewPages pages and one more (the party key and the table
// by category after the grid), draws the most contested issues that fit,
// says so in words, counts every issue by category and names every party.
func TestOverviewFolded(t *testing.T) {
	m := generated(200, 6000, 0)
	opt := export.Options{FullDetail: fullDetail}
	s, err := pdf.Summary(m, opt)
	if err != nil {
		t.Fatal(err)
	}
	pages := s.OverviewTo - s.OverviewFrom + 1
	if !s.OverviewFolded || s.OverviewFrom == 0 || pages > pdf.MaxOverviewPages+1 || len(s.Overview) > pdf.MaxOverviewPages {
		t.Fatalf("overview: folded %v, pages %d to %d, %d of them grid; want folded, at most %d pages",
			s.OverviewFolded, s.OverviewFrom, s.OverviewTo, len(s.Overview), pdf.MaxOverviewPages+1)
	}
	k := len(s.OverviewIssues)
	if k < 100 || k >= 6000 {
		t.Errorf("the overview draws %d issues", k)
	}
	t.Logf("overview: %d issues on pages %d–%d of %d", k, s.OverviewFrom, s.OverviewTo, s.Pages)

	needTool(t, "pdftotext")
	data, _ := exportPDF(t, m, opt)
	save(t, "summary-200x6000", data)
	file := writeTemp(t, data)
	txt := squeeze(text(t, file, "-f", fmt.Sprint(s.OverviewFrom), "-l", fmt.Sprint(s.OverviewTo)))
	for _, w := range []string{
		fmt.Sprintf("Showing the %d most contested of the 6000 issues. The other %d are counted by category after the overview; every cell is in the XLSX report and the full briefing (%s).", k, 6000-k, fullDetail),
		"Most contested issues 1–",
		"All 6000 issues by category",
		fmt.Sprintf("All issues 6000 %d", k),
	} {
		if !strings.Contains(txt, squeeze(w)) {
			t.Errorf("the overview lacks %q", w)
		}
	}
	for _, c := range []string{"Category 1 1500", "Category 4 1500"} {
		if !strings.Contains(txt, squeeze(c)) {
			t.Errorf("the table by category lacks %q", c)
		}
	}
	for p := range m.Parties {
		if key := fmt.Sprintf("%d %s", p+1, m.Parties[p].Name); !strings.Contains(txt, squeeze(key)) {
			t.Errorf("the overview's party key lacks %q", m.Parties[p].Name)
		}
	}
}
