package pdf

import (
	"fmt"
	"math"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file draws "How positions moved" (issue 17), the section export
// --history adds: the mean agreement per date (is the room coming
// together?) and, per changed issue, a timeline of the scores of the
// parties that moved on it, as step lines with the stance symbols at each
// change. Lines differ by dash pattern as well as colour and are named at
// their end, so the charts read in greyscale.

// historyInk are the lines of the parties of one timeline: dark colours
// apart in hue and in grey, each with its own dash pattern.
var historyInk = []struct {
	c    rgb
	dash []float64
}{
	{rgb{0x1f, 0x3a, 0x5f}, nil},
	{rgb{0xb3, 0x5c, 0x1e}, []float64{1.6, 0.8}},
	{rgb{0x3b, 0x6e, 0x3b}, []float64{0.5, 0.6}},
	{rgb{0x9b, 0x1c, 0x1c}, []float64{2.4, 0.8, 0.5, 0.8}},
	{rgb{0x6a, 0x3d, 0x7a}, []float64{3.2, 1.2}},
	{rgb{0x57, 0x60, 0x6a}, []float64{0.9, 0.9}},
}

// historySection writes "How positions moved", or the sentence saying why
// there is nothing to draw.
func (b *briefing) historySection() {
	h := b.opt.History
	const title = "How positions moved"
	if len(h.States) < 2 {
		b.sectionHeading(title)
		s := "The workbook holds no dated snapshot, so there is no history to draw: keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week to see how positions move."
		if len(h.States) == 1 {
			s = fmt.Sprintf("The workbook holds one dated matrix (%s) and no earlier snapshot, so there is no history to draw: keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week to see how positions move.", date(h.States[0].Date))
		}
		b.para(s, bodySize, "", colInk)
		b.pdf.Ln(4)
		return
	}
	b.ensure(lineH(15) + 6 + 3*lineH(bodySize) + 60)
	b.sectionHeading(title)
	first, last := h.States[0].Date, h.States[len(h.States)-1].Date
	cells := h.MovedCells()
	issues := map[int]bool{}
	for _, c := range cells {
		issues[c[0]] = true
	}
	intro := fmt.Sprintf("%s from %s to %s: %s in %s on %s.", export.Plural(len(h.States), "dated matrix", "dated matrices"), date(first), date(last),
		export.Plural(len(h.Moves), "change of stance", "changes of stance"), export.Plural(len(cells), "cell", "cells"), export.Plural(len(issues), "issue", "issues"))
	if len(h.Moves) == 0 {
		intro = fmt.Sprintf("%s from %s to %s: no stance changed.", export.Plural(len(h.States), "dated matrix", "dated matrices"), date(first), date(last))
	}
	if n := len(h.Events); n > 0 {
		intro += fmt.Sprintf(" %s appeared, disappeared or were renamed (see `stancematrix history`).", export.Plural(n, "party or issue", "parties or issues"))
	}
	b.para(intro, bodySize, "", colInk)
	b.pdf.Ln(2)
	b.agreementTrend()
	if len(h.Moves) == 0 {
		return
	}
	drawn, changed := export.HistoryIssues(h)
	b.subheading("Timelines of the changed issues")
	cover := fmt.Sprintf("Each chart follows, on one issue, the parties whose stance moved: their score on the scale at each date as a step line, the new stance's symbol at each change; a gap is a date without a scored stance. %s.", coverIssues(len(drawn), changed))
	b.caption(cover)
	b.pdf.Ln(2)
	var boxes []labelBox
	for _, hi := range drawn {
		boxes = append(boxes, b.timeline(hi)...)
	}
	b.record("history", boxes)
	b.pdf.Ln(2)
}

func coverIssues(drawn, changed int) string {
	if drawn == changed {
		if changed == 1 {
			return "The one issue that moved"
		}
		return fmt.Sprintf("All %d issues that moved, most moves first", changed)
	}
	return fmt.Sprintf("The %d issues with the most moves of the %d that moved; `stancematrix history` lists every move", drawn, changed)
}

// historyX places the dates of the history across [ax, ax+aw] by time.
func (b *briefing) historyX(ax, aw float64) func(d int) float64 {
	return func(d int) float64 { return ax + aw*export.HistoryPlace(b.opt.History, d) }
}

// dateTicks writes the dates under a chart at y, leaving out those that
// would touch the one before (the last date is always written).
func (b *briefing) dateTicks(x func(int) float64, y float64) {
	pdf := b.pdf
	st := b.opt.History.States
	b.font("", smallSize-1.5)
	b.color(colMuted)
	label := func(t time.Time) string { return t.Format("2 Jan") }
	if st[0].Date.Year() != st[len(st)-1].Date.Year() {
		label = func(t time.Time) string { return t.Format("Jan 2006") }
	}
	right := math.Inf(-1)
	lastX := x(len(st) - 1)
	lastW := pdf.GetStringWidth(label(st[len(st)-1].Date))
	prev := ""
	for d := range st {
		s := label(st[d].Date)
		w := pdf.GetStringWidth(s)
		cx := x(d)
		if s == prev || cx-w/2 < right+4 || (d < len(st)-1 && cx+w/2 > lastX-lastW/2-4) {
			continue
		}
		pdf.Text(cx-w/2, y+lineH(smallSize-1.5)*0.8, s)
		right, prev = cx+w/2, s
		b.draw(colMuted)
		pdf.SetLineWidth(0.15)
		pdf.Line(cx, y-1.2, cx, y-0.2)
	}
	b.color(colInk)
}

// agreementTrend draws the mean agreement per date with its reading aid.
func (b *briefing) agreementTrend() {
	pdf := b.pdf
	h := b.opt.History
	w, _ := b.pageWH()
	textW := w - 2*margin
	const plotH = 32.0
	b.ensure(14 + plotH + 8 + 3*lineH(smallSize))
	b.subheading("Is the room coming together?")
	ax, aw := margin+12, textW-12-14
	y0 := pdf.GetY() + 2
	vlo, vhi, step := export.HistoryAxis(h)
	yAt := func(v float64) float64 { return y0 + plotH*(vhi-v)/(vhi-vlo) }
	x := b.historyX(ax, aw)
	// The axis spans the figures, not 0 to 100 %, so that a move of a few
	// points shows; its grid is labelled.
	b.font("", smallSize-1.5)
	for k := 0; ; k++ {
		v := vlo + float64(k)*step
		if v > vhi+1e-9 {
			break
		}
		b.draw(colRule)
		pdf.SetLineWidth(0.1)
		pdf.Line(ax, yAt(v), ax+aw, yAt(v))
		b.color(colMuted)
		s := fmt.Sprintf("%.0f%%", 100*v)
		pdf.Text(ax-2-pdf.GetStringWidth(s), yAt(v)+1, s)
	}
	b.draw(colAccent)
	b.fill(colAccent)
	pdf.SetLineWidth(0.5)
	prev := -1
	for d, a := range h.Agreement {
		if !a.OK {
			prev = -1
			continue
		}
		if prev >= 0 {
			pdf.Line(x(prev), yAt(h.Agreement[prev].Mean), x(d), yAt(a.Mean))
		}
		prev = d
	}
	r := 0.7
	if len(h.States) > 20 {
		r = 0.45
	}
	for d, a := range h.Agreement {
		if a.OK {
			pdf.Circle(x(d), yAt(a.Mean), r, "F")
		}
	}
	// The first and last figures, beside their points.
	n, f, l := export.HistoryCoverage(h)
	b.font("B", smallSize-1)
	b.color(colAccent)
	// The first figure above and right of its point, the last above and
	// left of it, inside the plot.
	label := func(d int, right bool) {
		a := h.Agreement[d]
		s := fmt.Sprintf("%.0f%%", 100*a.Mean)
		tx := x(d) + 1.2
		if !right {
			tx = x(d) - 1.2 - pdf.GetStringWidth(s)
		}
		ty := yAt(a.Mean) - 1.6
		if ty < y0+2.5 {
			ty = yAt(a.Mean) + 3.6
		}
		pdf.Text(tx, ty, s)
	}
	if n > 0 {
		label(indexOf(h, f.Date), true)
	}
	if n > 1 {
		label(indexOf(h, l.Date), false)
	}
	b.dateTicks(x, y0+plotH+1.5)
	pdf.SetY(y0 + plotH + 1.5 + lineH(smallSize-1.5) + 1.5)
	b.record("agreement", []labelBox{{Party: -1, X: ax - 12, Y: y0 - 1, W: aw + 26, H: plotH + 4 + lineH(smallSize-1.5)}})
	aid := fmt.Sprintf("Mean agreement per date over the pairs of parties that share at least %d scored issues (100%% is every pair always on the same stance; the axis spans %.0f%% to %.0f%%). ", matrix.MinShared, 100*vlo, 100*vhi)
	switch {
	case n == 0:
		aid += fmt.Sprintf("None of the %d dates has such a pair, so no line is drawn.", len(h.States))
	case n == 1:
		aid += fmt.Sprintf("Only 1 of the %d dates has a figure (%.0f%% on %s).", len(h.States), 100*f.Mean, date(f.Date))
	default:
		dir := "about unchanged"
		switch d := math.Round(100*l.Mean) - math.Round(100*f.Mean); {
		case d > 0:
			dir = "the room came closer"
		case d < 0:
			dir = "the room drew apart"
		}
		aid += fmt.Sprintf("%d of the %d dates have a figure, from %.0f%% on %s to %.0f%% on %s: %s.", n, len(h.States), 100*f.Mean, date(f.Date), 100*l.Mean, date(l.Date), dir)
	}
	b.caption(aid)
	pdf.Ln(3)
}

func indexOf(h *matrix.History, t time.Time) int {
	for d, st := range h.States {
		if st.Date.Equal(t) {
			return d
		}
	}
	return -1
}

// timeline draws the chart of one changed issue and returns its box.
func (b *briefing) timeline(hi export.HistoryIssue) []labelBox {
	pdf := b.pdf
	h := b.opt.History
	m := b.m
	w, _ := b.pageWH()
	textW := w - 2*margin
	lo, hi2, ok := m.Scale.Bounds()
	if !ok {
		return nil
	}
	scored := m.Scale.Scored()
	const labelW, nameW = 26.0, 34.0
	plotH := math.Max(22, math.Min(34, 5.5*float64(len(scored))))
	titleH := lineH(smallSize + 0.5)
	b.ensure(titleH + 2 + plotH + 6)
	y := pdf.GetY()
	// Title: the issue, and how many moves by how many parties.
	b.font("B", smallSize+0.5)
	b.color(colInk)
	name := b.fonts.clean(h.Issues[hi.Issue].Name)
	rest := fmt.Sprintf("  %s by %s", export.Plural(hi.Moves, "move", "moves"), export.Plural(hi.Moved, "party", "parties"))
	if hi.Moved > len(hi.Parties) {
		rest += fmt.Sprintf(", the %d that moved most drawn", len(hi.Parties))
	}
	b.font("", smallSize-0.5)
	rw := pdf.GetStringWidth(rest)
	b.font("B", smallSize+0.5)
	name = b.fitEllipsis(name, textW-rw-1)
	pdf.Text(margin, y+titleH*0.8, name)
	nw := pdf.GetStringWidth(name)
	b.font("", smallSize-0.5)
	b.color(colMuted)
	pdf.Text(margin+nw, y+titleH*0.8, rest)
	y0 := y + titleH + 2
	ax, aw := margin+labelW, textW-labelW-nameW
	yAt := func(s float64) float64 { return y0 + 2 + (plotH-4)*(hi2-s)/(hi2-lo) }
	// The dates sit 3 mm inside the band, so that a stance mark at the
	// first date does not cover the scale's symbols beside it.
	x := b.historyX(ax+3, aw-6)
	// The scale: a rule and the symbol and label of each scored stance.
	b.fill(colBand)
	pdf.Rect(ax, y0, aw, plotH, "F")
	for _, st := range scored {
		sy := yAt(st.Score)
		b.draw(colRule)
		pdf.SetLineWidth(0.15)
		pdf.Line(ax, sy, ax+aw, sy)
		b.font("B", smallSize-1.5)
		b.color(colInk)
		sym := b.fonts.clean(st.Symbol)
		pdf.Text(ax-1.5-pdf.GetStringWidth(sym), sy+1, sym)
		b.font("", smallSize-1.5)
		b.color(colMuted)
		pdf.Text(margin, sy+1, b.fitEllipsis(b.fonts.clean(st.Label), labelW-6))
	}
	// One step line per party, set off a little from the others so that
	// parties on the same stance stay apart.
	var ends []export.LineEnd
	names := make([]string, len(hi.Parties))
	n := len(hi.Parties)
	for k, p := range hi.Parties {
		ink := historyInk[k%len(historyInk)]
		off := (float64(k) - float64(n-1)/2) * 0.8
		score := func(d int) (float64, matrix.Stance, bool) {
			st, ok := export.HistoryStance(h, hi.Issue, p, d)
			if !ok || !st.HasScore {
				return 0, st, false
			}
			return yAt(math.Max(lo, math.Min(hi2, st.Score))) + off, st, true
		}
		b.draw(ink.c)
		pdf.SetLineWidth(0.45)
		pdf.SetDashPattern(ink.dash, 0)
		lastY, have := 0.0, false
		for d := range h.States {
			sy, _, ok := score(d)
			if !ok {
				have = false
				continue
			}
			if have {
				pdf.Line(x(d-1), lastY, x(d), lastY)
				if sy != lastY {
					pdf.Line(x(d), lastY, x(d), sy)
				}
			}
			lastY, have = sy, true
		}
		pdf.SetDashPattern(nil, 0)
		// The stance's symbol where it changed, and at the first date.
		for _, d := range export.HistoryChanges(h, hi.Issue, p) {
			if sy, st, ok := score(d); ok {
				b.stanceMark(x(d), sy, st.Symbol, ink.c)
			}
		}
		// The name at the line's last score; a party without a scored
		// stance at the last date says why.
		last := len(h.States) - 1
		names[k] = export.HistoryEndName(h, hi.Issue, p)
		ey := yAt(lo) + off
		for d := last; d >= 0; d-- {
			if sy, _, ok := score(d); ok {
				ey = sy
				break
			}
		}
		ends = append(ends, export.LineEnd{Y: ey, Line: k})
	}
	// Names at the line ends, pushed apart to stay readable.
	export.SpreadEnds(ends, 2.7, y0+plotH+1)
	b.font("", smallSize-1)
	for _, e := range ends {
		ink := historyInk[e.Line%len(historyInk)]
		b.draw(ink.c)
		pdf.SetLineWidth(0.45)
		pdf.SetDashPattern(ink.dash, 0)
		pdf.Line(ax+aw+1.5, e.Y, ax+aw+5, e.Y)
		pdf.SetDashPattern(nil, 0)
		b.color(ink.c)
		pdf.Text(ax+aw+6, e.Y+1, b.fitEllipsis(b.fonts.clean(names[e.Line]), nameW-7))
	}
	b.dateTicks(x, y0+plotH+1.5)
	bottomY := y0 + plotH + 1.5 + lineH(smallSize-1.5)
	pdf.SetY(bottomY + 3)
	b.color(colInk)
	return []labelBox{{Party: -1, Text: h.Issues[hi.Issue].Name, X: margin, Y: y, W: textW, H: bottomY - y}}
}

// stanceMark draws a stance's symbol in a small disc of the line's colour.
func (b *briefing) stanceMark(x, y float64, symbol string, c rgb) {
	pdf := b.pdf
	const r = 1.5
	b.fill(colBlankBG)
	b.draw(c)
	pdf.SetLineWidth(0.3)
	pdf.Circle(x, y, r, "FD")
	s := b.fonts.clean(symbol)
	if s == "" {
		return
	}
	b.font("B", 5)
	b.color(c)
	pdf.Text(x-pdf.GetStringWidth(s)/2, y+0.65, s)
}
