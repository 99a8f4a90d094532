package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// The sections of charts 3 to 5 of issue 14.
var chartSections = []string{"split", "categories", "moved"}

// withMoves returns a generated matrix and the changes since an older copy
// in which some cells held other stances (some blank).
func withMoves(parties, issues int) (*matrix.Matrix, *matrix.Changes) {
	m := synthetic(parties, issues)
	old := synthetic(parties, issues)
	labels := m.Scale.Labels()
	for k := 0; k < parties*issues/50+3; k++ {
		i, p := (k*7919)%issues, (k*104729)%parties
		old.SetStance(i, p, labels[(k*31)%len(labels)])
		if k%9 == 0 {
			old.SetStance(i, p, "")
		}
	}
	old.About.AsOf = m.About.AsOf.AddDate(0, 0, -7)
	return m, matrix.Diff(old, m)
}

// between returns the text of s from the first from to the first to after
// it (to the end when to is "" or absent).
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s[len(from):], to); to != "" && j >= 0 {
		return s[:len(from)+j]
	}
	return s
}

// TestPDFChartSectionsText checks the three charts' titles, bookmarks and
// figures in the extracted text, and that the profiles by category name
// every party.
func TestPDFChartSectionsText(t *testing.T) {
	needTool(t, "pdftotext")
	// Parties of weights 1, 1, 3 and 0; on I1 two support and two
	// oppose: 50% each by count, and 2 against 3 by weight, 40% and 60%.
	weighted := briefingMatrix([]string{"Alpha", "Beta", "Gamma", "Delta"}, []string{"I1", "I2", "I3"},
		[][]string{{"Supports", "Supports", "Opposes", "Opposes"}, {"Leans support", "Opposes", "Conditional", ""}, {"Supports", "Unclear", "Leans oppose", "Opposes"}})
	for p, w := range []float64{1, 1, 3, 0} {
		weighted.Parties[p].Weight = w
	}
	for i, c := range []string{"Security", "Economy", "Security"} {
		weighted.Issues[i].Category = c
	}
	// Beta moves two steps on I1, Alpha one on I2, Gamma from no position.
	moved := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16"), Cells: []matrix.CellChange{
		{Issue: "I1", Party: "Alpha", Old: "Leans support", New: "Supports", Direction: matrix.TowardsSupport, OldScore: 1, OldScored: true, NewScore: 2, NewScored: true},
		{Issue: "I1", Party: "Gamma", Old: "", New: "Opposes", Direction: matrix.OffAxis, NewScore: -2, NewScored: true},
		{Issue: "I2", Party: "Beta", Old: "Conditional", New: "Opposes", Direction: matrix.TowardsOpposition, OldScore: 0, OldScored: true, NewScore: -2, NewScored: true},
	}}
	m30, ch30 := withMoves(30, 60)
	m200, ch200 := withMoves(200, 1000)
	tests := []struct {
		name    string
		m       *matrix.Matrix
		ch      *matrix.Changes
		want    []string // in the text, in this order
		notWant []string
	}{
		{"weighted", weighted, moved, []string{"Where the issues split", "I1", "++ 2", "−− 2", "4 of 4", "40%", "60%", "by weight",
			"Party profiles by category", "Security", "Economy",
			"What moved", "Beta: I2", "Conditional → Opposes", "Alpha: I1", "Leans support → Supports", "Gamma: I1", "no position → Opposes", "All 3 cells that changed"}, nil},
		{"equal weights", sampleLike(), nil, []string{"Where the issues split", "Party profiles by category"}, []string{"by weight", "What moved"}},
		// Names too long for the rows: short names, listed in full under
		// the chart.
		{"long names", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 40, LongNames: true, Seed: 2}), nil,
			[]string{"Party profiles by category", "Names in full: P1: Party 1 recognition and"}, nil},
		{"30 parties", m30, ch30, []string{"Where the issues split", "by weight", "The 15 most contested", "Party profiles by category", "What moved"}, nil},
		{"200 parties", m200, ch200, []string{"Where the issues split", "Party profiles by category", "What moved", "The 60 largest moves"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := exportPDF(t, tc.m, export.Options{Sections: chartSections, Changes: tc.ch})
			save(t, "charts-"+tc.name, data)
			file := writeTemp(t, data)
			qpdfCheck(t, file)
			txt := squeeze(body(text(t, file), tc.m))
			rest := txt
			for _, w := range tc.want {
				i := strings.Index(rest, squeeze(w))
				if i < 0 {
					t.Errorf("the text lacks %q (after the ones before it)", w)
					continue
				}
				rest = rest[i+len(squeeze(w)):]
			}
			for _, w := range tc.notWant {
				if strings.Contains(txt, squeeze(w)) {
					t.Errorf("the text has %q", w)
				}
			}
			cats := between(txt, squeeze("Party profiles by category"), squeeze("What moved"))
			for _, p := range tc.m.Parties {
				if !strings.Contains(cats, squeeze(p.Name)) {
					t.Errorf("the profiles by category do not name %q", p.Name)
				}
			}
			want := "Where the issues split|Party profiles by category"
			if tc.ch != nil {
				want += "|What moved"
			}
			if got := strings.Join(outlines(t, file), "|"); got != want {
				t.Errorf("bookmarks %q, want %q", got, want)
			}
		})
	}
}

// TestPDFChartSectionsThin checks that a chart whose data is too thin is
// replaced by the one sentence saying why, and nothing is drawn.
func TestPDFChartSectionsThin(t *testing.T) {
	needTool(t, "pdftotext")
	// Two parties: no issue has 3 scored parties.
	two := briefingMatrix([]string{"Alpha", "Beta"}, []string{"I1", "I2", "I3"},
		[][]string{{"Supports", "Opposes"}, {"Supports", "Supports"}, {"Opposes", "Unclear"}})
	// Three parties, every issue in one category.
	one := briefingMatrix([]string{"Alpha", "Beta", "Gamma"}, []string{"I1", "I2"},
		[][]string{{"Supports", "Opposes", "Conditional"}, {"Supports", "Supports", "Opposes"}})
	for i := range one.Issues {
		one.Issues[i].Category = "Security"
	}
	offAxis := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16"), Cells: []matrix.CellChange{
		{Issue: "I1", Party: "Alpha", Old: "", New: "Unclear", Direction: matrix.OffAxis}}}
	none := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16")}
	tests := []struct {
		name     string
		m        *matrix.Matrix
		ch       *matrix.Changes
		sections []string
		want     string
		drawn    func(pdf.ChartLayout) []pdf.LabelBox
	}{
		{"split of two parties", two, nil, []string{"split"},
			"Where the issues split No split is drawn: no issue has 3 or more parties with a scored stance (the most on any issue is 2 of 2)",
			func(c pdf.ChartLayout) []pdf.LabelBox { return c.Split }},
		{"no categories", two, nil, []string{"categories"},
			"Party profiles by category No profiles by category: the issues have no categories.",
			func(c pdf.ChartLayout) []pdf.LabelBox { return c.Categories }},
		{"one category", one, nil, []string{"categories"},
			"Party profiles by category No profiles by category: every categorised issue is in one category, Security, and a profile needs at least 2.",
			func(c pdf.ChartLayout) []pdf.LabelBox { return c.Categories }},
		{"only off-axis changes", one, offAxis, []string{"moved"},
			"What moved No move is drawn: each of the 1 cell changed since 16 April 2025 is from or to no position or a stance without a score on both sides",
			func(c pdf.ChartLayout) []pdf.LabelBox { return c.Moved }},
		{"no changes", one, none, []string{"moved"},
			"What moved Nothing moved: no position has changed since 16 April 2025.",
			func(c pdf.ChartLayout) []pdf.LabelBox { return c.Moved }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := export.Options{Sections: tc.sections, Changes: tc.ch}
			c, err := pdf.Charts(tc.m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if d := tc.drawn(c); d != nil {
				t.Errorf("a chart was drawn: %+v", d)
			}
			data, _ := exportPDF(t, tc.m, opt)
			txt := squeeze(body(text(t, writeTemp(t, data)), tc.m))
			if !strings.Contains(txt, squeeze(tc.want)) {
				t.Errorf("the text lacks %q:\n%s", tc.want, txt)
			}
		})
	}
	// The sample workbook's data is thin too: most issues have fewer than
	// 3 scored parties (and one has none), and the split says how many it
	// leaves out.
	t.Run("sample", func(t *testing.T) {
		m := sampleWorkbook(t)
		data, _ := exportPDF(t, m, export.Options{Sections: []string{"split"}})
		txt := squeeze(body(text(t, writeTemp(t, data)), m))
		if !strings.Contains(txt, squeeze("The 2 issues with 3 or more parties with a scored stance")) || !strings.Contains(txt, squeeze("Not drawn: 8 issues with a position but fewer scored parties.")) {
			t.Errorf("the split does not state its coverage:\n%s", txt)
		}
	})
}

// TestChartSectionsInsidePage checks that the three charts stay inside the
// page, above its footer, at 3 to 200 parties and in both orientations.
func TestChartSectionsInsidePage(t *testing.T) {
	for _, sz := range []struct {
		parties, issues int
		orientation     string
	}{{3, 20, ""}, {30, 60, ""}, {120, 400, ""}, {200, 1000, ""}, {200, 1000, "landscape"}} {
		t.Run(fmt.Sprintf("%dx%d%s", sz.parties, sz.issues, sz.orientation), func(t *testing.T) {
			m, ch := withMoves(sz.parties, sz.issues)
			c, err := pdf.Charts(m, export.Options{Sections: chartSections, Changes: ch, Orientation: sz.orientation})
			if err != nil {
				t.Fatal(err)
			}
			for name, boxes := range map[string][]pdf.LabelBox{"split": c.Split, "categories": c.Categories, "moved": c.Moved} {
				if len(boxes) == 0 {
					t.Errorf("%s: nothing drawn", name)
				}
				for _, b := range boxes {
					if !(b.W > 0 && b.H > 0 && b.X >= 0 && b.Y >= 0 && b.X+b.W <= c.PageW && b.Y+b.H <= c.PageH-17) {
						t.Errorf("%s: %+v runs off the %gx%g page", name, b, c.PageW, c.PageH)
					}
				}
			}
		})
	}
}

// TestPDFChartSectionsDeterministic exports the three charts twice.
func TestPDFChartSectionsDeterministic(t *testing.T) {
	m, ch := withMoves(30, 60)
	opt := export.Options{Sections: chartSections, Changes: ch}
	a, _ := exportPDF(t, m, opt)
	b, _ := exportPDF(t, m, opt)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same matrix differ")
	}
}

// sampleWorkbook reads the sample workbook.
func sampleWorkbook(t *testing.T) *matrix.Matrix {
	t.Helper()
	m, ps := matrix.ReadFile("../../samples/ukraine-peace-talks.xlsx", matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPDFSplitFirstPage checks that a split chart taller than a page
// starts on the first page with its heading, instead of leaving it blank
// (as it did in landscape, keeping the whole chart together).
func TestPDFSplitFirstPage(t *testing.T) {
	needTool(t, "pdftotext")
	m := synthetic(30, 60)
	for _, o := range []string{"portrait", "landscape"} {
		t.Run(o, func(t *testing.T) {
			data, _ := exportPDF(t, m, export.Options{Sections: []string{"split"}, Orientation: o})
			if first := text(t, writeTemp(t, data), "-f", "1", "-l", "1"); !strings.Contains(first, "Where the issues split") || !strings.Contains(first, "Issue 10") {
				t.Errorf("page 1 lacks the chart's heading and first bar:\n%s", first)
			}
		})
	}
}
