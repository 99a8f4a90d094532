package export

import (
	"math"
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// This file decides which issues the overview of a summary-first briefing
// draws (issue 14): all of them when they fit, else the most contested,
// the others counted by category. The PDF sizes the overview; any format
// that draws one can share the choice and the counts.

// The consensus bands the overview's category table counts issues by,
// compared on the consensus as printed (a whole percentage).
const (
	// SplitBelow: an issue whose consensus is below this splits the room.
	SplitBelow = 0.5
	// AgreedFrom: an issue whose consensus is this or more is broadly
	// agreed.
	AgreedFrom = 0.75
)

// Band is where an issue's consensus falls.
type Band int

const (
	Split    Band = iota // consensus below SplitBelow
	Divided              // from SplitBelow to below AgreedFrom
	Agreed               // AgreedFrom or more
	NoFigure             // fewer than two scored parties: no consensus figure
)

// BandOf returns the band of an issue's figures.
func BandOf(s matrix.IssueStats) Band {
	if !s.HasConsensus {
		return NoFigure
	}
	switch pct := math.Round(s.Consensus * 100); {
	case pct < SplitBelow*100:
		return Split
	case pct < AgreedFrom*100:
		return Divided
	}
	return Agreed
}

// Overview is what the overview of a matrix shows.
type Overview struct {
	// Issues are the issues drawn, in the order drawn: every issue in
	// workbook order, or, when they do not all fit, the most contested,
	// most contested first.
	Issues []int
	// Folded reports that some issues are not drawn.
	Folded bool
	// Categories count every issue by category and band, the categories
	// in the order of their first issue (issues without one last, under
	// the name ""); nil unless Folded.
	Categories []OverviewCategory
}

// OverviewCategory counts the issues of one category.
type OverviewCategory struct {
	Name   string
	Issues int    // in the matrix
	Shown  int    // drawn in the overview
	Bands  [4]int // issues per Band
}

// FoldOverview returns the overview of m that draws at most rows issues:
// all of them when they fit, else the rows most contested (an.Contested
// order: lowest consensus first, issues without a figure last), and the
// count of every issue by category and band.
func FoldOverview(m *matrix.Matrix, an *matrix.Analysis, rows int) Overview {
	n := len(m.Issues)
	var ov Overview
	if n <= rows || an == nil || len(an.Issues) != n || len(an.Contested) != n {
		ov.Issues = make([]int, n)
		for i := range ov.Issues {
			ov.Issues[i] = i
		}
		return ov
	}
	ov.Folded = true
	shown := make([]bool, n)
	for _, st := range an.Contested[:max(rows, 0)] {
		ov.Issues = append(ov.Issues, st.Issue)
		shown[st.Issue] = true
	}
	index := map[string]int{}
	none := -1
	for i, is := range m.Issues {
		name := strings.TrimSpace(is.Category)
		k, ok := index[name]
		if !ok {
			k = len(ov.Categories)
			index[name] = k
			ov.Categories = append(ov.Categories, OverviewCategory{Name: name})
			if name == "" {
				none = k
			}
		}
		c := &ov.Categories[k]
		c.Issues++
		if shown[i] {
			c.Shown++
		}
		c.Bands[BandOf(an.Issues[i])]++
	}
	if none >= 0 && none < len(ov.Categories)-1 {
		c := ov.Categories[none]
		ov.Categories = append(append(ov.Categories[:none], ov.Categories[none+1:]...), c)
	}
	return ov
}

// SumCategories adds up the counts of cs, under no name.
func SumCategories(cs []OverviewCategory) OverviewCategory {
	var sum OverviewCategory
	for _, c := range cs {
		sum.Issues += c.Issues
		sum.Shown += c.Shown
		for k, v := range c.Bands {
			sum.Bands[k] += v
		}
	}
	return sum
}
