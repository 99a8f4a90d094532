package export

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// This file holds the words of the charts "Where the issues split", "Party
// profiles by category" and "What moved" (issue 14, charts 3 to 5), which
// the PDF and the HTML page draw each in their own way: the sentence that
// replaces a chart whose data is too thin, the reading aid under it and
// its coverage; and which changed cells "What moved" draws.

// SplitNone is the sentence that replaces "Where the issues split" when no
// issue has MinPositions parties with a scored stance.
func SplitNone(m *matrix.Matrix, an *matrix.Analysis) string {
	most := 0
	for _, st := range an.Issues {
		most = max(most, st.Scored)
	}
	return fmt.Sprintf("No split is drawn: no issue has %d or more parties with a scored stance (the most on any issue is %d of %d), and the split of one or two parties says little about the room.",
		matrix.MinPositions, most, len(m.Parties))
}

// SplitAid is the reading aid under "Where the issues split", for a matrix
// of the given number of parties; weighted adds the bar by weight
// (matrix.Matrix.WeightsDiffer).
func SplitAid(parties int, weighted bool) string {
	aid := fmt.Sprintf("Each bar divides the parties with a position on the issue (right: how many, of all %d) between the stances, in the scale's order; a segment prints the stance's symbol and its number of parties.",
		parties)
	if weighted {
		aid += " The thin bar under it divides the parties' Weight the same way (parties of weight 0 left out)."
	}
	return aid
}

// SplitCover says which issues "Where the issues split" shows, from
// matrix.SplitIssues: shown of qualifying, and thin left out.
func SplitCover(shown, qualifying, thin int) string {
	cover := fmt.Sprintf("The %s with %d or more parties with a scored stance, most contested (lowest consensus) first.",
		Plural(shown, "issue", "issues"), matrix.MinPositions)
	if qualifying > shown {
		cover = fmt.Sprintf("The %d most contested (lowest consensus first) of the %d issues with %d or more parties with a scored stance.",
			shown, qualifying, matrix.MinPositions)
	}
	if thin > 0 {
		cover += fmt.Sprintf(" Not drawn: %s with a position but fewer scored parties.", Plural(thin, "issue", "issues"))
	}
	return cover
}

// CategoriesNone is the sentence that replaces "Party profiles by
// category" when there is nothing to draw, or "" when there is.
func CategoriesNone(m *matrix.Matrix, an *matrix.Analysis) string {
	if r := an.Categories.Reason; r != "" {
		return r
	}
	if _, _, ok := m.Scale.Bounds(); !ok {
		return "No profiles by category: the scale has fewer than two scores, so there is no axis to place the means on."
	}
	if len(m.Parties) == 0 {
		return "No profiles by category: the matrix has no parties."
	}
	return ""
}

// CategoriesAid is the reading aid of "Party profiles by category", on a
// scale from the stance lo (left) to hi (right).
func CategoriesAid(lo, hi string) string {
	return fmt.Sprintf("Each dot: the party's mean score on the category's issues (weighted by the issues' Weight), on the scale from %s (left) to %s (right); beside it, k/n: the mean rests on k of the category's n issues. Hollow: fewer than half; no dot: no scored stance.",
		lo, hi)
}

// CategoriesCover says what "Party profiles by category" rests on: the
// rows' order, the categories and issues, and the issues left out.
func CategoriesCover(cp matrix.CategoryProfiles) string {
	n := 0
	for _, c := range cp.Categories {
		n += len(c.Issues)
	}
	cover := fmt.Sprintf("%s, %s.", Plural(len(cp.Categories), "category", "categories"), Plural(n, "issue", "issues"))
	if cp.Uncategorised > 0 {
		cover += fmt.Sprintf(" Left out: %s without a category.", Plural(cp.Uncategorised, "issue", "issues"))
	}
	return "Rows: the parties in similarity order, as in the heatmap. " + cover
}

// Hollow reports whether a party's mean on a category rests on fewer than
// half of its issues, and is drawn hollow.
func Hollow(mean matrix.CategoryMean, issues int) bool { return 2*mean.Scored < issues }

// LabelAtScore is the label of the stance of the scale with this score, or
// "".
func LabelAtScore(s matrix.Scale, score float64) string {
	for _, st := range s.Stances {
		if st.HasScore && st.Score == score {
			return st.Label
		}
	}
	return ""
}

// MaxMoves is how many changed cells "What moved" draws: the largest moves
// (every cell is listed under the changes).
const MaxMoves = 60

// Moves returns the changed cells "What moved" can draw (a score on at
// least one side), largest moves first: along the axis by distance, then
// relabels with the same score, then cells with one scored side; ties in
// the order of the changes (issue, then party).
func Moves(ch *matrix.Changes) []matrix.CellChange {
	type mv struct {
		c    matrix.CellChange
		rank int
		size float64
	}
	var out []mv
	for _, c := range ch.Cells {
		switch {
		case c.OldScored && c.NewScored && c.OldScore != c.NewScore:
			out = append(out, mv{c, 0, math.Abs(c.NewScore - c.OldScore)})
		case c.OldScored && c.NewScored:
			out = append(out, mv{c, 1, 0})
		case c.OldScored || c.NewScored:
			out = append(out, mv{c, 2, 0})
		}
	}
	slices.SortStableFunc(out, func(a, b mv) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		switch {
		case a.size > b.size:
			return -1
		case a.size < b.size:
			return 1
		}
		return 0
	})
	cells := make([]matrix.CellChange, len(out))
	for i, m := range out {
		cells[i] = m.c
	}
	return cells
}

// MovedSince names what "What moved" compares with: the older matrix's
// date, else its description.
func MovedSince(ch *matrix.Changes) string {
	if !ch.OldDate.IsZero() {
		return ch.OldDate.Format("2 January 2006")
	}
	if strings.TrimSpace(ch.Old) != "" {
		return ch.Old
	}
	return "the older matrix"
}

// MovedNone is the sentence that replaces "What moved" when it draws
// nothing, or "" when there are moves to draw; scaleOK is whether the
// scale has two scores (matrix.Scale.Bounds).
func MovedNone(ch *matrix.Changes, scaleOK bool) string {
	since := MovedSince(ch)
	switch {
	case len(ch.Cells) == 0:
		return fmt.Sprintf("Nothing moved: no position has changed since %s.", since)
	case !scaleOK:
		return "No move is drawn: the scale has fewer than two scores, so there is no axis to draw a move along."
	case len(Moves(ch)) == 0:
		return fmt.Sprintf("No move is drawn: each of the %s changed since %s is from or to no position or a stance without a score on both sides (they are listed under the changes).",
			Plural(len(ch.Cells), "cell", "cells"), since)
	}
	return ""
}

// MovedAid is the reading aid of "What moved".
func MovedAid(ch *matrix.Changes) string {
	return fmt.Sprintf("Since %s. Each arrow runs from the old stance (hollow end) to the new one along the scale; a filled dot alone is a new stance where the old one had no score, a hollow dot alone an old stance where the new one has none, a ring a new label with the same score.", MovedSince(ch))
}

// MovedCover says which changed cells "What moved" draws: drawn of the all
// it could draw, and those it cannot; listed says whether the changes
// section, which lists every change, is there.
func MovedCover(ch *matrix.Changes, drawn, all int, listed bool) string {
	cover := fmt.Sprintf("All %d cells that changed with a score on either side, largest moves first.", drawn)
	if drawn == 1 {
		cover = "The one cell that changed with a score on either side."
	}
	if all > drawn {
		cover = fmt.Sprintf("The %d largest moves of the %d cells that changed with a score on either side.", drawn, all)
	}
	if none := len(ch.Cells) - all; none > 0 {
		cover += fmt.Sprintf(" Not drawn: %s without a score on either side.", Plural(none, "cell", "cells"))
	}
	if drawn < len(ch.Cells) && listed {
		cover += " Every change is listed under the changes."
	}
	return cover
}
