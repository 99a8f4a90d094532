package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file draws "Where the issues split" (issue 14, chart 3): for the
// most contested issues, one bar per issue dividing the parties with a
// position between the stances, and, when the parties' weights differ, a
// second bar dividing their weight. Segments are in the stances' colours
// and print the stance's symbol and the number of parties, so that the
// bars read in black and white.

// splitSection writes "Where the issues split", or the sentence saying why
// there is nothing to draw.
func (b *briefing) splitSection() {
	pdf := b.pdf
	m := b.m
	shown, qualifying, thin := matrix.SplitIssues(b.m, b.an, matrix.MaxSplitIssues)
	const title = "Where the issues split"
	if len(shown) == 0 {
		b.sectionHeading(title)
		b.para(export.SplitNone(m, b.an), bodySize, "", colInk)
		pdf.Ln(4)
		return
	}
	weighted := b.m.WeightsDiffer()
	w, _ := b.pageWH()
	textW := w - 2*margin
	const (
		labelSize = 7.5
		barH      = 5.5 // the bar by count
		wbarH     = 3.2 // the bar by weight
		gapRow    = 2.6
	)
	lh := lineH(labelSize)
	b.font("", labelSize)
	covW := pdf.GetStringWidth(fmt.Sprintf("%d of %d", len(m.Parties), len(m.Parties))) + 2
	// The label column: as wide as the longest name needs, within limits.
	lw := 0.0
	for _, st := range shown {
		lw = math.Max(lw, pdf.GetStringWidth(b.fonts.clean(m.Issues[st.Issue].Name))+2)
	}
	lw = math.Max(25, math.Min(lw, math.Min(58, textW*0.34)))
	bx, bw := margin+lw+2, textW-lw-2-covW-2
	// Each issue's label on up to two lines.
	labels := make([][]string, len(shown))
	rowH := make([]float64, len(shown))
	for k, st := range shown {
		name := b.fonts.clean(m.Issues[st.Issue].Name)
		lines := pdf.SplitText(name, lw)
		if len(lines) > 2 {
			lines = []string{lines[0], b.fitEllipsis(strings.Join(lines[1:], " "), lw)}
		}
		labels[k] = lines
		bars := barH
		if weighted {
			bars += 0.8 + wbarH
		}
		rowH[k] = math.Max(bars, float64(len(lines))*lh)
	}
	height := 0.0
	for _, h := range rowH {
		height += h + gapRow
	}
	keyH := 7.0
	axisH := lineH(smallSize) + 3
	// The whole chart on one page when it fits on one, else at least the
	// heading, the key and three rows.
	whole := lineH(15) + 6 + keyH + height + axisH + 4*lineH(smallSize)
	if _, h := b.pageWH(); whole > h-top-bottom-2 {
		whole = lineH(15) + 6 + keyH + 3*(rowH[0]+gapRow)
	}
	b.ensure(whole)
	b.sectionHeading(title)
	b.stanceKey()
	y := pdf.GetY()
	top0 := y
	var boxes []labelBox
	// Grid lines every quarter, drawn row by row under the bars.
	grid := func(y0, y1 float64) {
		b.draw(colRule)
		pdf.SetLineWidth(0.15)
		for q := 0; q <= 4; q++ {
			x := bx + bw*float64(q)/4
			pdf.Line(x, y0, x, y1)
		}
	}
	axis := func(y float64) float64 {
		b.font("", smallSize-1)
		b.color(colMuted)
		for q := 0; q <= 4; q++ {
			s := strconv.Itoa(25*q) + "%"
			x := bx + bw*float64(q)/4 - pdf.GetStringWidth(s)/2
			pdf.Text(x, y+lineH(smallSize-1)*0.8, s)
		}
		b.color(colInk)
		return y + lineH(smallSize-1) + 1
	}
	for k, st := range shown {
		if y+rowH[k] > b.bottom() {
			boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top0, W: textW, H: y - top0})
			b.addPage(b.textOrientation())
			y = pdf.GetY()
			top0 = y
		}
		// The label, top-aligned with the bars.
		b.font("", labelSize)
		b.color(colInk)
		for j, l := range labels[k] {
			pdf.Text(margin, y+float64(j)*lh+labelSize*mmPerPt*0.95, l)
		}
		counts := make([]float64, len(st.Counts))
		for j, c := range st.Counts {
			counts[j] = float64(c)
		}
		grid(y-gapRow/2, y+rowH[k]+gapRow/2)
		b.splitBar(bx, y, bw, barH, counts, true)
		b.font("", labelSize)
		b.color(colMuted)
		pdf.Text(bx+bw+2, y+barH/2+labelSize*mmPerPt*0.35, fmt.Sprintf("%d of %d", st.Positions, len(m.Parties)))
		if weighted {
			wy := y + barH + 0.8
			if sumOf(st.Weights) > 0 {
				b.splitBar(bx, wy, bw, wbarH, st.Weights, false)
			} else {
				b.font("I", smallSize-1)
				pdf.Text(bx, wy+wbarH*0.8, "no party of positive weight")
			}
			b.font("", smallSize-1)
			b.color(colMuted)
			pdf.Text(bx+bw+2, wy+wbarH/2+(smallSize-1)*mmPerPt*0.35, "by weight")
		}
		b.color(colInk)
		y += rowH[k] + gapRow
	}
	y = axis(y - gapRow/2 + 0.5)
	boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top0, W: textW, H: y - top0})
	b.record("split", boxes)
	pdf.SetY(y + 1)
	b.caption(export.SplitAid(len(m.Parties), weighted))
	b.caption(export.SplitCover(len(shown), qualifying, thin))
	pdf.Ln(4)
}

// splitBar draws one bar of width w from x, y: a segment per stance in
// scale order, as wide as its share of vals. Segments of the count bar
// print the symbol and the count where they fit, else the count; the
// weight bar prints the share where it fits.
func (b *briefing) splitBar(x, y, w, h float64, vals []float64, counts bool) {
	pdf := b.pdf
	total := 0.0
	for _, v := range vals {
		if v > 0 {
			total += v
		}
	}
	if total <= 0 {
		return
	}
	size := smallSize - 1
	if !counts {
		size = 5.5
	}
	cx := x
	for k, v := range vals {
		if !(v > 0) {
			continue
		}
		st := b.m.Scale.Stances[k]
		sw := w * v / total
		c := parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
		b.fill(c)
		b.draw(darker(c))
		pdf.SetLineWidth(0.15)
		pdf.Rect(cx, y, sw, h, "FD")
		var texts []string
		if counts {
			n := strconv.Itoa(int(v))
			if sym := b.fonts.clean(st.Symbol); sym != "" {
				texts = append(texts, sym+" "+n)
			}
			texts = append(texts, n)
		} else {
			texts = append(texts, strconv.Itoa(int(math.Round(100*v/total)))+"%")
		}
		b.font("B", size)
		for _, t := range texts {
			if tw := pdf.GetStringWidth(t); tw+0.8 <= sw {
				b.color(contrastText(c))
				pdf.Text(cx+(sw-tw)/2, y+h/2+size*mmPerPt*0.35, t)
				break
			}
		}
		cx += sw
	}
	b.color(colInk)
}

// record keeps the boxes a chart drew, for tests.
func (b *briefing) record(section string, boxes []labelBox) {
	if b.drawn == nil {
		b.drawn = map[string][]labelBox{}
	}
	b.drawn[section] = boxes
}

// stanceKey draws the scale's stances as small tiles with their symbols
// and labels, on one or more lines.
func (b *briefing) stanceKey() {
	pdf := b.pdf
	w, _ := b.pageWH()
	const tw, th = 6.5, 4.2
	x, y := margin, pdf.GetY()
	for _, st := range b.m.Scale.Stances {
		label := b.fonts.clean(st.Label)
		b.font("", smallSize)
		lw := pdf.GetStringWidth(label)
		if x+tw+1.5+lw > w-margin && x > margin {
			x, y = margin, y+th+1.5
		}
		b.swatch(x, y, tw, th, st, smallSize-1)
		b.font("", smallSize)
		b.color(colInk)
		pdf.Text(x+tw+1.5, y+th/2+smallSize*mmPerPt*0.35, label)
		x += tw + 1.5 + lw + 5
	}
	pdf.SetY(y + th + 2.5)
}

func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		if x > 0 {
			s += x
		}
	}
	return s
}
