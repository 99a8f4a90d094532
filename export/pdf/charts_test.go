package pdf_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// alignmentOnly is the options of a briefing with the section "Who stands
// with whom" alone.
var alignmentOnly = export.Options{Sections: []string{"alignment"}}

func synthetic(parties, issues int) *matrix.Matrix {
	return matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: parties, Issues: issues, Evidence: 100, Seed: 1})
}

// TestPDFAlignmentText checks that the section "Who stands with whom" names
// every party, has its three charts bookmarked and reads its figures.
func TestPDFAlignmentText(t *testing.T) {
	needTool(t, "pdftotext")
	tests := []struct {
		name string
		m    *matrix.Matrix
		want []string
	}{
		{"sample-like", sampleLike(), []string{"Party map", "Closer = agree more", "First axis:", "Three blocs at 70% agreement or more",
			"Bloc A (3 parties, 83% agreement on average): Ukraine, Turkey, European Union", "In no bloc (1): Germany", "36 of 36 pairs share enough",
			"Ukraine, Turkey", "Russia, China"}}, // at the same place, one label
		{"30 parties", synthetic(30, 60), []string{"Party map", "Closer = agree more", "435 of 435 pairs share enough"}},
		{"200 parties", synthetic(200, 1000), []string{"Party map", "Party numbers: 1 Party 1 · 2 Party 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := exportPDF(t, tc.m, alignmentOnly)
			file := writeTemp(t, data)
			qpdfCheck(t, file)
			txt := squeeze(body(text(t, file), tc.m))
			if !strings.HasPrefix(txt, squeeze("Who stands with whom Agreement between parties")) {
				t.Errorf("the section does not open with its title and the heatmap's: %.80q", txt)
			}
			for _, p := range tc.m.Parties {
				if !strings.Contains(txt, squeeze(p.Name)) {
					t.Errorf("the section does not name %q", p.Name)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(txt, squeeze(w)) {
					t.Errorf("the section lacks %q", w)
				}
			}
			got := strings.Join(outlines(t, file), "|")
			if want := "Who stands with whom|Agreement between parties|Party map|Blocs"; got != want {
				t.Errorf("bookmarks %q, want %q", got, want)
			}
		})
	}
}

// TestPDFNoMap checks that the sample workbook, whose pairs mostly share
// too few issues, says why it has no party map, and that a sparse
// generated matrix does too.
func TestPDFNoMap(t *testing.T) {
	needTool(t, "pdftotext")
	sample, ps := matrix.ReadFile(filepath.Join("..", "..", "samples", "ukraine-peace-talks.xlsx"), matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	sparse := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 6, Blank: 80, Seed: 3})
	for name, m := range map[string]*matrix.Matrix{"sample": sample, "sparse": sparse} {
		t.Run(name, func(t *testing.T) {
			an := matrix.Analyze(m, nil)
			if an.Map.Reason == "" {
				t.Fatalf("the matrix has a map; the test needs one without")
			}
			c, err := pdf.Charts(m, alignmentOnly)
			if err != nil || c.Labels != nil || c.Plot.W != 0 {
				t.Fatalf("map %+v, error %v; want none", c, err)
			}
			data, _ := exportPDF(t, m, alignmentOnly)
			txt := squeeze(body(text(t, writeTemp(t, data)), m))
			if !strings.Contains(txt, squeeze("Party map "+an.Map.Reason)) {
				t.Errorf("the section does not say %q under the map's title", an.Map.Reason)
			}
			if strings.Contains(txt, "Firstaxis") {
				t.Error("the section has a map's axis title without a map")
			}
		})
	}
}

// TestPartyMapLabels checks that the heatmap and the map's plot stay inside
// the page, and the labels the party map placed inside the plot, clear of
// each other and of every marker.
func TestPartyMapLabels(t *testing.T) {
	for _, sz := range []struct {
		parties, issues int
		orientation     string
	}{{3, 20, ""}, {30, 60, ""}, {120, 400, ""}, {200, 1000, ""}, {200, 1000, "landscape"}} {
		t.Run(fmt.Sprintf("%dx%d%s", sz.parties, sz.issues, sz.orientation), func(t *testing.T) {
			m := synthetic(sz.parties, sz.issues)
			c, err := pdf.Charts(m, export.Options{Sections: []string{"alignment"}, Orientation: sz.orientation})
			if err != nil {
				t.Fatal(err)
			}
			labels, marks, plot, w, h := c.Labels, c.Marks, c.Plot, c.PageW, c.PageH
			// Inside the page, above its footer (17 mm from the bottom).
			inside := func(b pdf.LabelBox) bool {
				return b.W > 0 && b.X >= 0 && b.Y >= 0 && b.X+b.W <= w && b.Y+b.H <= h-17
			}
			if hm := c.Heatmap; !inside(hm) {
				t.Errorf("heatmap %+v runs off the %gx%g page", hm, w, h)
			}
			if len(marks) != sz.parties {
				t.Fatalf("%d markers, want %d", len(marks), sz.parties)
			}
			if !inside(plot) {
				t.Errorf("plot %+v runs off the %gx%g page", plot, w, h)
			}
			for _, b := range append(append([]pdf.LabelBox(nil), labels...), marks...) {
				if b.X < plot.X || b.Y < plot.Y || b.X+b.W > plot.X+plot.W || b.Y+b.H > plot.Y+plot.H {
					t.Errorf("%q of party %d at %+v leaves the plot %+v", b.Text, b.Party, b, plot)
				}
			}
			overlap := func(a, b pdf.LabelBox) bool {
				return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
			}
			for i, a := range labels {
				for _, b := range labels[i+1:] {
					if overlap(a, b) {
						t.Errorf("labels %q and %q overlap: %+v, %+v", a.Text, b.Text, a, b)
					}
				}
				for _, b := range marks {
					if overlap(a, b) {
						t.Errorf("label %q covers the marker of party %d", a.Text, b.Party)
					}
				}
			}
			// Crowding may leave a few points unlabelled (the section names
			// them), never most.
			named := 0
			for _, l := range labels {
				named += 1 + len(l.Also)
			}
			if named < sz.parties*9/10 {
				t.Errorf("%d of %d points labelled", named, sz.parties)
			}
			if sz.parties <= 30 {
				full := 0
				for _, l := range labels {
					if l.Text == m.Parties[l.Party].Name {
						full++
					}
				}
				if full < sz.parties*2/3 {
					t.Errorf("%d of %d labels are full names", full, sz.parties)
				}
			}
		})
	}
}

// TestPDFAlignmentDeterministic exports a generated matrix's charts twice.
func TestPDFAlignmentDeterministic(t *testing.T) {
	m := synthetic(30, 60)
	a, _ := exportPDF(t, m, alignmentOnly)
	b, _ := exportPDF(t, m, alignmentOnly)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same matrix differ")
	}
}
