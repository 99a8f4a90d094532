package export

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// This file holds what the briefings share to draw a history ("How
// positions moved", issue 17): which changed issues and which parties they
// draw, and a cell's stance at a date on that date's scale.

// MaxHistoryIssues and MaxHistoryParties bound the timeline charts of a
// briefing: the issues with the most moves, and on each the parties with
// the most moves; the rest are counted, not drawn.
const (
	MaxHistoryIssues  = 12
	MaxHistoryParties = 6
)

// HistoryIssue is one changed issue of a history as a briefing draws it.
type HistoryIssue struct {
	Issue int // index in History.Issues
	Moves int // moves of its cells
	// Parties are the parties whose cell on the issue moved, most moves
	// first, then in party order; at most MaxHistoryParties.
	Parties []int
	// Moved counts every party whose cell on the issue moved.
	Moved int
}

// HistoryIssues returns the changed issues of h to draw, most moves first,
// then in issue order, at most MaxHistoryIssues; and how many issues moved
// in all.
func HistoryIssues(h *matrix.History) (drawn []HistoryIssue, changed int) {
	type key struct{ i, p int }
	cell := map[key]int{}
	per := map[int]int{}
	for _, mv := range h.Moves {
		cell[key{mv.Issue, mv.Party}]++
		per[mv.Issue]++
	}
	for i := range h.Issues {
		if per[i] == 0 {
			continue
		}
		hi := HistoryIssue{Issue: i, Moves: per[i]}
		for p := range h.Parties {
			if cell[key{i, p}] > 0 {
				hi.Parties = append(hi.Parties, p)
			}
		}
		slices.SortStableFunc(hi.Parties, func(a, b int) int { return cell[key{i, b}] - cell[key{i, a}] })
		hi.Moved = len(hi.Parties)
		if len(hi.Parties) > MaxHistoryParties {
			hi.Parties = hi.Parties[:MaxHistoryParties]
		}
		drawn = append(drawn, hi)
	}
	changed = len(drawn)
	slices.SortStableFunc(drawn, func(a, b HistoryIssue) int { return b.Moves - a.Moves })
	if len(drawn) > MaxHistoryIssues {
		drawn = drawn[:MaxHistoryIssues]
	}
	return drawn, changed
}

// HistoryStance returns the stance of issue i and party p at date d of h
// as that date's scale defines it; ok is false when the cell is not in
// that date's matrix or is blank or unknown.
func HistoryStance(h *matrix.History, i, p, d int) (matrix.Stance, bool) {
	label, ok := h.Stance(i, p, d)
	if !ok || label == "" {
		return matrix.Stance{}, false
	}
	return h.States[d].Matrix.Scale.Stance(label)
}

// HistoryCoverage is the reading aid of the agreement trend: how many
// dates have a mean agreement, and the first and last of them.
func HistoryCoverage(h *matrix.History) (with int, first, last matrix.DateAgreement) {
	for d, a := range h.Agreement {
		if !a.OK {
			continue
		}
		a.Date = h.States[d].Date
		if with == 0 {
			first = a
		}
		last = a
		with++
	}
	return with, first, last
}

// HistoryDay formats a date of a history as YYYY-MM-DD.
func HistoryDay(t time.Time) string { return t.Format(time.DateOnly) }

// HistoryAxis returns the span of the agreement trend's axis, in
// fractions: the figures with room around them, on a grid of step (5, 10
// or 25 points), at least 20 points high, within 0 to 1.
func HistoryAxis(h *matrix.History) (lo, hi, step float64) {
	lo, hi = 1.0, 0.0
	for _, a := range h.Agreement {
		if a.OK {
			lo, hi = math.Min(lo, a.Mean), math.Max(hi, a.Mean)
		}
	}
	if lo > hi {
		return 0, 1, 0.25
	}
	step = 0.05
	switch span := hi - lo; {
	case span > 0.5:
		step = 0.25
	case span > 0.2:
		step = 0.1
	}
	lo = math.Max(0, math.Floor((lo-step/2)/step)*step)
	hi = math.Min(1, math.Ceil((hi+step/2)/step)*step)
	for hi-lo < 0.2-1e-9 {
		if hi < 1 {
			hi = math.Min(1, hi+step)
		}
		if hi-lo < 0.2-1e-9 && lo > 0 {
			lo = math.Max(0, lo-step)
		}
	}
	return lo, hi, step
}

// HistoryShortName is the short name of party p of h as of its last date,
// else its name.
func HistoryShortName(h *matrix.History, p int) string {
	tr := h.Parties[p]
	for d := len(tr.Index) - 1; d >= 0; d-- {
		if tr.Index[d] >= 0 {
			if s := strings.TrimSpace(h.States[d].Matrix.Parties[tr.Index[d]].Short); s != "" {
				return s
			}
			break
		}
	}
	return tr.Name
}

// HistoryPlace is where date d of h sits on a time axis, from 0 (the
// first date) to 1 (the last), by time; 0.5 when all dates are the same.
func HistoryPlace(h *matrix.History, d int) float64 {
	t0, t1 := h.States[0].Date, h.States[len(h.States)-1].Date
	span := t1.Sub(t0).Hours()
	if span <= 0 {
		return 0.5
	}
	return h.States[d].Date.Sub(t0).Hours() / span
}

// HistoryChanges returns the dates of h at which the stance of issue i
// and party p is drawn on a timeline: the first date the cell is in a
// matrix, then every date its label changes (ignoring case).
func HistoryChanges(h *matrix.History, i, p int) []int {
	var out []int
	prev, seen := "", false
	for d := range h.States {
		label, in := h.Stance(i, p, d)
		if !in || (seen && strings.EqualFold(label, prev)) {
			continue
		}
		prev, seen = label, true
		out = append(out, d)
	}
	return out
}

// HistoryEndName is the name at the end of party p's line on the
// timeline of issue i: its short name, with "(gone)" when the cell is in
// no matrix of the last date and "(no score)" when its last stance has no
// score.
func HistoryEndName(h *matrix.History, i, p int) string {
	name := HistoryShortName(h, p)
	last := len(h.States) - 1
	if _, ok := h.Stance(i, p, last); !ok {
		return name + " (gone)"
	}
	if st, ok := HistoryStance(h, i, p, last); !ok || !st.HasScore {
		return name + " (no score)"
	}
	return name
}

// LineEnd is where the name at the end of a timeline's line goes: Y on
// the page and Line, the line's index.
type LineEnd struct {
	Y    float64
	Line int
}

// SpreadEnds sorts ends from top to bottom and moves them apart so that
// each is at least gap below the one above, then moves them all up
// together when the last would be below bottom.
func SpreadEnds(ends []LineEnd, gap, bottom float64) {
	slices.SortStableFunc(ends, func(a, b LineEnd) int { return cmp.Compare(a.Y, b.Y) })
	for k := 1; k < len(ends); k++ {
		ends[k].Y = math.Max(ends[k].Y, ends[k-1].Y+gap)
	}
	if len(ends) == 0 {
		return
	}
	if over := ends[len(ends)-1].Y - bottom; over > 0 {
		for k := range ends {
			ends[k].Y -= over
		}
	}
}
