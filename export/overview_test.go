package export_test

import (
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

func TestBandOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    matrix.IssueStats
		want export.Band
	}{
		{"no figure", matrix.IssueStats{}, export.NoFigure},
		{"split", matrix.IssueStats{HasConsensus: true, Consensus: 0.2}, export.Split},
		{"49.6% prints 50%: divided", matrix.IssueStats{HasConsensus: true, Consensus: 0.496}, export.Divided},
		{"74.4% prints 74%: divided", matrix.IssueStats{HasConsensus: true, Consensus: 0.744}, export.Divided},
		{"agreed", matrix.IssueStats{HasConsensus: true, Consensus: 0.75}, export.Agreed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := export.BandOf(tc.s); got != tc.want {
				t.Errorf("BandOf = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFoldOverview checks which issues an overview draws: all of them in
// workbook order when they fit, else the most contested, with every issue
// counted by category (issues without a category last).
func TestFoldOverview(t *testing.T) {
	m := &matrix.Matrix{Scale: matrix.DefaultScale(), Parties: []matrix.Party{{Name: "A", Weight: 1}, {Name: "B", Weight: 1}, {Name: "C", Weight: 1}}}
	rows := [][]string{
		{"Supports", "Supports", "Supports"}, // agreed
		{"Supports", "Opposes", "Opposes"},   // split
		{"Supports", "", ""},                 // no figure
		{"Supports", "Opposes", "Supports"},  // split, less so
		{"Supports", "Leans support", ""},    // agreed
	}
	cats := []string{"Land", "", "Land", "Money", "Money"}
	var rowsCells [][]matrix.Cell
	for i, r := range rows {
		m.Issues = append(m.Issues, matrix.Issue{Name: string(rune('a' + i)), Category: cats[i], Weight: 1})
		var cells []matrix.Cell
		for _, st := range r {
			cells = append(cells, matrix.Cell{Stance: st})
		}
		rowsCells = append(rowsCells, cells)
	}
	m.SetCells(rowsCells)
	an := matrix.Analyze(m, nil)
	all := export.FoldOverview(m, an, 5)
	if all.Folded || !slices.Equal(all.Issues, []int{0, 1, 2, 3, 4}) || all.Categories != nil {
		t.Errorf("5 rows: %+v, want every issue in order", all)
	}
	ov := export.FoldOverview(m, an, 2)
	if !ov.Folded || !slices.Equal(ov.Issues, []int{1, 3}) {
		t.Fatalf("2 rows: folded %v, issues %v; want [1 3]", ov.Folded, ov.Issues)
	}
	want := []export.OverviewCategory{
		{Name: "Land", Issues: 2, Shown: 0, Bands: [4]int{export.Agreed: 1, export.NoFigure: 1}},
		{Name: "Money", Issues: 2, Shown: 1, Bands: [4]int{export.Split: 1, export.Agreed: 1}},
		{Name: "", Issues: 1, Shown: 1, Bands: [4]int{export.Split: 1}},
	}
	if !slices.Equal(ov.Categories, want) {
		t.Errorf("categories %+v\nwant %+v", ov.Categories, want)
	}
}
