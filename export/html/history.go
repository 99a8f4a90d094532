package html

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file lays out "How positions moved" (export --history, issue 17)
// as inline SVG, as the PDF draws it: the mean agreement per date, and a
// timeline per changed issue with the scores of the parties that moved as
// step lines (each its own dash pattern, the stance's symbol at each
// change, the party named at the line's end), with the data as tables.
// Colours and dashes are presentation attributes, which the page's CSP
// allows (it forbids style attributes).

type historyView struct {
	Intro    string
	Thin     string // the one sentence when there are fewer than 2 dates
	Trend    *trendView
	Caption  string // of the timelines: what they draw and leave out
	Lines    []timelineView
	Dates    []historyDateRow
	Moves    []historyMoveRow
	MovesAll int
}

type trendView struct {
	W, H, Desc, Points string
	Grid               []svgLine
	Dots               []svgPoint
	Ticks              []svgText
	Caption            string
}

type timelineView struct {
	ID, Title, Sub, Desc string
	W, H                 string
	Band                 rect
	Grid                 []svgLine
	Ticks                []svgText
	Series               []timelineSeries
}

type timelineSeries struct {
	Color, Dash, Path string
	Marks             []svgPoint
	Name              svgText
	Key               svgLine
}

type svgLine struct{ X1, Y1, X2, Y2, Text, TX, TY, Symbol, SX string }

type svgPoint struct{ X, Y, Text, TY string }

type svgText struct{ X, Y, Text, Anchor string }

type historyDateRow struct{ Date, Source, Mean, Pairs string }

type historyMoveRow struct{ Date, Issue, Party, Old, New, Direction string }

// maxHistoryMoves is how many moves the page's table lists; `stancematrix
// history` lists them all.
const maxHistoryMoves = 500

var historyColors = []string{"#1F3A5F", "#B35C1E", "#3B6E3B", "#9B1C1C", "#6A3D7A", "#57606A"}
var historyDashes = []string{"", "6 3", "2 2.5", "9 3 2 3", "12 4", "3.5 3.5"}

func historyDay(t time.Time) string { return t.Format("2 January 2006") }

// historyOf lays out the history of opt.History.
func historyOf(m *matrix.Matrix, h *matrix.History) *historyView {
	v := &historyView{}
	if len(h.States) < 2 {
		v.Thin = "The workbook holds no dated snapshot, so there is no history to draw: keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week to see how positions move."
		if len(h.States) == 1 {
			v.Thin = fmt.Sprintf("The workbook holds one dated matrix (%s) and no earlier snapshot, so there is no history to draw: keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week to see how positions move.", historyDay(h.States[0].Date))
		}
		return v
	}
	first, last := h.States[0].Date, h.States[len(h.States)-1].Date
	cells := h.MovedCells()
	issues := map[int]bool{}
	for _, c := range cells {
		issues[c[0]] = true
	}
	v.Intro = fmt.Sprintf("%s from %s to %s: %s in %s on %s.", export.Plural(len(h.States), "dated matrix", "dated matrices"), historyDay(first), historyDay(last),
		export.Plural(len(h.Moves), "change of stance", "changes of stance"), export.Plural(len(cells), "cell", "cells"), export.Plural(len(issues), "issue", "issues"))
	if len(h.Moves) == 0 {
		v.Intro = fmt.Sprintf("%s from %s to %s: no stance changed.", export.Plural(len(h.States), "dated matrix", "dated matrices"), historyDay(first), historyDay(last))
	}
	for d, st := range h.States {
		row := historyDateRow{Date: export.HistoryDay(st.Date), Source: st.Source, Mean: "–", Pairs: fmt.Sprint(h.Agreement[d].Pairs)}
		if a := h.Agreement[d]; a.OK {
			row.Mean = fmt.Sprintf("%.0f%%", 100*a.Mean)
		}
		v.Dates = append(v.Dates, row)
	}
	v.Trend = trendOf(h)
	v.MovesAll = len(h.Moves)
	for k, mv := range h.Moves {
		if k == maxHistoryMoves {
			break
		}
		v.Moves = append(v.Moves, historyMoveRow{Date: export.HistoryDay(mv.Date), Issue: h.Issues[mv.Issue].Name, Party: h.Parties[mv.Party].Name,
			Old: firstNonEmpty(mv.Old, "no position"), New: firstNonEmpty(mv.New, "no position"), Direction: mv.Direction.String()})
	}
	if len(h.Moves) == 0 {
		return v
	}
	drawn, changed := export.HistoryIssues(h)
	v.Caption = "Each chart follows, on one issue, the parties whose stance moved: their score at each date as a step line, the new stance's symbol at each change; a gap is a date without a scored stance. "
	if len(drawn) == changed {
		v.Caption += fmt.Sprintf("All %s that moved, most moves first.", export.Plural(changed, "issue", "issues"))
	} else {
		v.Caption += fmt.Sprintf("The %d issues with the most moves of the %d that moved.", len(drawn), changed)
	}
	for k, hi := range drawn {
		if tl := timelineOf(m, h, hi, k); tl != nil {
			v.Lines = append(v.Lines, *tl)
		}
	}
	return v
}

// historyXs places the dates across [x0, x0+w] by time.
func historyXs(h *matrix.History, x0, w float64) []float64 {
	xs := make([]float64, len(h.States))
	for d := range h.States {
		xs[d] = x0 + w*export.HistoryPlace(h, d)
	}
	return xs
}

// dateTicksH labels the dates at y, leaving out those that would touch the
// one before or the last one.
func dateTicksH(h *matrix.History, xs []float64, y float64) []svgText {
	label := func(t time.Time) string { return t.Format("2 Jan") }
	if h.States[0].Date.Year() != h.States[len(h.States)-1].Date.Year() {
		label = func(t time.Time) string { return t.Format("Jan 2006") }
	}
	var out []svgText
	right, prev := math.Inf(-1), ""
	n := len(xs) - 1
	lastW := textWidth(label(h.States[n].Date), 10)
	for d, x := range xs {
		s := label(h.States[d].Date)
		w := textWidth(s, 10)
		if s == prev || x-w/2 < right+8 || (d < n && x+w/2 > xs[n]-lastW/2-8) {
			continue
		}
		out = append(out, svgText{X: f(x), Y: f(y), Text: s, Anchor: "middle"})
		right, prev = x+w/2, s
	}
	return out
}

func trendOf(h *matrix.History) *trendView {
	const w, ht, left, right, top, plotH = 720.0, 200.0, 44.0, 40.0, 12.0, 150.0
	lo, hi, step := export.HistoryAxis(h)
	yAt := func(v float64) float64 { return top + plotH*(hi-v)/(hi-lo) }
	xs := historyXs(h, left, w-left-right)
	t := &trendView{W: f(w), H: f(ht)}
	for v := lo; v <= hi+1e-9; v += step {
		t.Grid = append(t.Grid, svgLine{X1: f(left), X2: f(w - right), Y1: f(yAt(v)), Y2: f(yAt(v)), Text: fmt.Sprintf("%.0f%%", 100*v), TX: f(left - 6), TY: f(yAt(v) + 4)})
	}
	var pts []string
	for d, a := range h.Agreement {
		if a.OK {
			pts = append(pts, f(xs[d])+","+f(yAt(a.Mean)))
			t.Dots = append(t.Dots, svgPoint{X: f(xs[d]), Y: f(yAt(a.Mean)), Text: fmt.Sprintf("%s: %.0f%%", export.HistoryDay(h.States[d].Date), 100*a.Mean)})
		}
	}
	t.Points = strings.Join(pts, " ")
	t.Ticks = dateTicksH(h, xs, top+plotH+18)
	n, fa, la := export.HistoryCoverage(h)
	t.Caption = fmt.Sprintf("Mean agreement per date over the pairs of parties that share at least %d scored issues (100%% is every pair always on the same stance; the axis spans %.0f%% to %.0f%%). ", matrix.MinShared, 100*lo, 100*hi)
	switch {
	case n == 0:
		t.Caption += fmt.Sprintf("None of the %d dates has such a pair, so no line is drawn.", len(h.States))
	case n == 1:
		t.Caption += fmt.Sprintf("Only 1 of the %d dates has a figure (%.0f%% on %s).", len(h.States), 100*fa.Mean, historyDay(fa.Date))
	default:
		dir := "about unchanged"
		switch dd := math.Round(100*la.Mean) - math.Round(100*fa.Mean); {
		case dd > 0:
			dir = "the room came closer"
		case dd < 0:
			dir = "the room drew apart"
		}
		t.Caption += fmt.Sprintf("%d of the %d dates have a figure, from %.0f%% on %s to %.0f%% on %s: %s.", n, len(h.States), 100*fa.Mean, historyDay(fa.Date), 100*la.Mean, historyDay(la.Date), dir)
	}
	t.Desc = t.Caption
	return t
}

func timelineOf(m *matrix.Matrix, h *matrix.History, hi export.HistoryIssue, k int) *timelineView {
	lo, top, ok := m.Scale.Bounds()
	if !ok {
		return nil
	}
	scored := m.Scale.Scored()
	const w, left, right, y0 = 720.0, 120.0, 150.0, 8.0
	plotH := math.Max(90, math.Min(150, 24*float64(len(scored))))
	yAt := func(s float64) float64 { return y0 + 8 + (plotH-16)*(top-s)/(top-lo) }
	xs := historyXs(h, left+10, w-left-right-20) // inside the band: a mark at the first date leaves the symbols clear
	tl := &timelineView{ID: fmt.Sprintf("history-%d", k+1), Title: h.Issues[hi.Issue].Name, W: f(w), H: f(y0 + plotH + 26),
		Band: rect{X: f(left), Y: f(y0), W: f(w - left - right), H: f(plotH)}}
	tl.Sub = fmt.Sprintf("%s by %s", export.Plural(hi.Moves, "move", "moves"), export.Plural(hi.Moved, "party", "parties"))
	if hi.Moved > len(hi.Parties) {
		tl.Sub += fmt.Sprintf(", the %d that moved most drawn", len(hi.Parties))
	}
	for _, st := range scored {
		y := yAt(st.Score)
		tl.Grid = append(tl.Grid, svgLine{X1: f(left), X2: f(w - right), Y1: f(y), Y2: f(y), Text: ellipsis(st.Label, 18), TX: f(4), TY: f(y + 4), Symbol: st.Symbol, SX: f(left - 6)})
	}
	tl.Ticks = dateTicksH(h, xs, y0+plotH+16)
	var ends []export.LineEnd
	var names []string
	n := len(hi.Parties)
	for j, p := range hi.Parties {
		off := (float64(j) - float64(n-1)/2) * 2.5
		score := func(d int) (float64, matrix.Stance, bool) {
			st, ok := export.HistoryStance(h, hi.Issue, p, d)
			if !ok || !st.HasScore {
				return 0, st, false
			}
			return yAt(math.Max(lo, math.Min(top, st.Score))) + off, st, true
		}
		s := timelineSeries{Color: historyColors[j%len(historyColors)], Dash: historyDashes[j%len(historyDashes)]}
		var path strings.Builder
		have := false
		for d := range h.States {
			y, _, ok := score(d)
			if !ok {
				have = false
				continue
			}
			if have {
				fmt.Fprintf(&path, " H%s V%s", f(xs[d]), f(y))
			} else {
				fmt.Fprintf(&path, " M%s %s", f(xs[d]), f(y))
			}
			have = true
		}
		s.Path = strings.TrimSpace(path.String())
		for _, d := range export.HistoryChanges(h, hi.Issue, p) {
			if y, st, ok := score(d); ok {
				s.Marks = append(s.Marks, svgPoint{X: f(xs[d]), Y: f(y), TY: f(y + 3.5), Text: st.Symbol})
			}
		}
		name := export.HistoryEndName(h, hi.Issue, p)
		last := len(h.States) - 1
		ey := yAt(lo) + off
		for d := last; d >= 0; d-- {
			if y, _, ok := score(d); ok {
				ey = y
				break
			}
		}
		ends = append(ends, export.LineEnd{Y: ey, Line: j})
		names = append(names, name)
		tl.Series = append(tl.Series, s)
	}
	export.SpreadEnds(ends, 13, y0+plotH+4)
	for _, e := range ends {
		x := w - right
		tl.Series[e.Line].Key = svgLine{X1: f(x + 6), X2: f(x + 24), Y1: f(e.Y), Y2: f(e.Y)}
		tl.Series[e.Line].Name = svgText{X: f(x + 28), Y: f(e.Y + 4), Text: ellipsis(names[e.Line], 18)}
	}
	var desc []string
	for j, p := range hi.Parties {
		var steps []string
		for _, d := range export.HistoryChanges(h, hi.Issue, p) {
			label, _ := h.Stance(hi.Issue, p, d)
			steps = append(steps, export.HistoryDay(h.States[d].Date)+" "+firstNonEmpty(label, "no position"))
		}
		desc = append(desc, names[j]+": "+strings.Join(steps, ", then "))
	}
	tl.Desc = strings.Join(desc, "; ") + "."
	return tl
}
