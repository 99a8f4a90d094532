package pdf

import (
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file draws "What moved" (issue 14, chart 5): one row per changed
// cell, an arrow along the scale from the old stance to the new one; a
// cell from or to no position or a stance without a score shows the one
// stance it has as a dot. The arrowhead gives the direction in black and
// white, and the old and new labels are printed beside each row.

var (
	colTowardsSupport    = rgb{0x21, 0x66, 0xac}
	colTowardsOpposition = rgb{0xb2, 0x18, 0x2b}
)

// movedSection writes "What moved", or the sentence saying why nothing is
// drawn.
func (b *briefing) movedSection() {
	pdf := b.pdf
	m := b.m
	ch := b.opt.Changes
	const title = "What moved"
	mv := export.Moves(ch)
	lo, hi, ok := m.Scale.Bounds()
	if s := export.MovedNone(ch, ok); s != "" {
		b.sectionHeading(title)
		b.para(s, bodySize, "", colInk)
		pdf.Ln(4)
		return
	}
	all := len(mv)
	if len(mv) > export.MaxMoves {
		mv = mv[:export.MaxMoves]
	}
	w, _ := b.pageWH()
	textW := w - 2*margin
	const fs, rowH = 7.0, 4.4
	lw := textW * 0.36
	nw := textW * 0.22
	ax, aw := margin+lw+4, textW-lw-nw-8
	headH := lineH(6.5) + lineH(smallSize-1) + 1
	b.ensure(lineH(15) + 6 + headH + min(float64(len(mv)), 6)*rowH + 2*lineH(smallSize))
	b.sectionHeading(title)
	var boxes []labelBox
	head := func(y float64) float64 {
		b.font("B", 6.5)
		b.color(colInk)
		for _, st := range m.Scale.Stances {
			if !st.HasScore {
				continue
			}
			s := b.fonts.clean(st.Symbol)
			if s == "" {
				s = strconv.FormatFloat(st.Score, 'f', -1, 64)
			}
			pdf.Text(ax+aw*(st.Score-lo)/(hi-lo)-pdf.GetStringWidth(s)/2, y+lineH(6.5)*0.8, s)
		}
		b.font("", smallSize-1)
		b.color(colMuted)
		l, r := b.fonts.clean(b.labelAtScore(lo)), b.fonts.clean(b.labelAtScore(hi))
		pdf.Text(ax-1, y+lineH(6.5)+lineH(smallSize-1)*0.8, l)
		pdf.Text(ax+aw+1-pdf.GetStringWidth(r), y+lineH(6.5)+lineH(smallSize-1)*0.8, r)
		b.font("B", smallSize-1)
		pdf.Text(margin, y+lineH(6.5)+lineH(smallSize-1)*0.8, "Party: issue")
		pdf.Text(ax+aw+4, y+lineH(6.5)+lineH(smallSize-1)*0.8, "Old → new stance")
		b.color(colInk)
		return y + headH
	}
	y := pdf.GetY()
	top := y
	y = head(y)
	for r, c := range mv {
		if y+rowH > b.bottom() {
			boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top, W: textW, H: y - top})
			b.addPage(b.textOrientation())
			top = pdf.GetY()
			y = head(top)
		}
		if r%2 == 1 {
			b.fill(rgb{0xf4, 0xf6, 0xf8})
			pdf.Rect(margin, y, textW, rowH, "F")
		}
		b.moveRow(c, y, rowH, fs, lw, ax, aw, nw, lo, hi)
		y += rowH
	}
	boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top, W: textW, H: y - top})
	b.record("moved", boxes)
	pdf.SetY(y + 1.5)
	b.caption(export.MovedAid(ch))
	b.caption(export.MovedCover(ch, len(mv), all, b.sec["changes"]))
	pdf.Ln(4)
}

// moveRow draws one changed cell from y.
func (b *briefing) moveRow(c matrix.CellChange, y, rowH, fs, lw, ax, aw, nw, lo, hi float64) {
	pdf := b.pdf
	base := y + rowH/2 + fs*mmPerPt*0.35
	// Party: issue.
	b.font("B", fs)
	b.color(colInk)
	// The party's name, else its short name, else the name cut.
	party := b.fonts.clean(c.Party)
	if pdf.GetStringWidth(party) > lw*0.55 {
		short := ""
		if p := b.m.PartyIndex(c.Party); p >= 0 {
			short = b.fonts.clean(strings.TrimSpace(b.m.Parties[p].Short))
		}
		if short != "" && pdf.GetStringWidth(short) <= lw*0.55 {
			party = short
		} else {
			party = b.fitEllipsis(party, lw*0.55)
		}
	}
	pdf.Text(margin, base, party)
	pw := pdf.GetStringWidth(party + ": ")
	pdf.Text(margin+pdf.GetStringWidth(party), base, ":")
	b.font("", fs)
	pdf.Text(margin+pw, base, b.fitEllipsis(b.fonts.clean(c.Issue), lw-pw))
	b.scaleGrid(ax, aw, y, rowH, lo, hi)
	at := func(s float64) float64 { return ax + aw*(math.Max(lo, math.Min(hi, s))-lo)/(hi-lo) }
	cy := y + rowH/2
	r := 0.8
	switch {
	case c.OldScored && c.NewScored && c.OldScore != c.NewScore:
		col := colTowardsSupport
		if c.NewScore < c.OldScore {
			col = colTowardsOpposition
		}
		ox, nx := at(c.OldScore), at(c.NewScore)
		dir := 1.0
		if nx < ox {
			dir = -1
		}
		const head = 1.6
		b.draw(col)
		b.fill(colBlankBG)
		pdf.SetLineWidth(0.45)
		pdf.Line(ox+dir*r, cy, nx-dir*head, cy)
		pdf.SetLineWidth(0.3)
		pdf.Circle(ox, cy, r, "FD")
		b.fill(col)
		pdf.Polygon([]fpdf.PointType{{X: nx, Y: cy}, {X: nx - dir*head*1.6, Y: cy - head*0.75}, {X: nx - dir*head*1.6, Y: cy + head*0.75}}, "FD")
	case c.OldScored && c.NewScored:
		b.draw(colInk)
		b.fill(colBlankBG)
		pdf.SetLineWidth(0.3)
		pdf.Circle(at(c.NewScore), cy, r*1.5, "D")
		b.fill(colInk)
		pdf.Circle(at(c.NewScore), cy, r*0.6, "F")
	case c.NewScored:
		b.draw(colInk)
		b.fill(colInk)
		pdf.SetLineWidth(0.3)
		pdf.Circle(at(c.NewScore), cy, r, "FD")
	case c.OldScored:
		b.draw(colInk)
		b.fill(colBlankBG)
		pdf.SetLineWidth(0.3)
		pdf.Circle(at(c.OldScore), cy, r, "FD")
	}
	// Old → new.
	b.font("", fs-1)
	b.color(colMuted)
	note := b.fonts.clean(firstNonEmpty(c.Old, "no position") + " → " + firstNonEmpty(c.New, "no position"))
	pdf.Text(ax+aw+4, y+rowH/2+(fs-1)*mmPerPt*0.35, b.fitEllipsis(note, nw))
	b.color(colInk)
}
