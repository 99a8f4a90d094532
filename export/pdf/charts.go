package pdf

import (
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file draws the section "Who stands with whom" (issue 14): the
// agreement heatmap, the party map and the blocs in words, from the
// document's Analysis. Everything is drawn as vectors and reads in
// greyscale: the heatmap prints its percentages, the map marks each bloc
// with a shape as well as a colour.

// blocColors colour the blocs on the map, in the order of the blocs; they
// repeat after the last, with the shapes (blocShape) telling them apart.
var blocColors = []rgb{colAccent, colBanner, {0x21, 0x66, 0xac}, {0xb3, 0x5c, 0x1e}, {0x3b, 0x6e, 0x3b}, {0x6a, 0x3d, 0x7a}}

// alignmentSection writes "Who stands with whom".
func (b *briefing) alignmentSection() {
	if len(b.m.Parties) < 2 {
		b.sectionHeading("Who stands with whom")
		b.para("There is nothing to compare: the matrix has fewer than two parties.", bodySize, "", colMuted)
		return
	}
	// The heading stays with the heatmap.
	hl := b.layoutHeatmap()
	b.ensure(lineH(15) + 6 + hl.height())
	b.sectionHeading("Who stands with whom")
	b.blocOf = make([]int, len(b.m.Parties))
	for p := range b.blocOf {
		b.blocOf[p] = -1
	}
	for g, ps := range b.an.Blocs.Groups {
		for _, p := range ps {
			b.blocOf[p] = g
		}
	}
	b.heatmap(hl)
	b.partyMap()
	b.blocsInWords()
}

// chartTitle starts a chart with its bookmark.
func (b *briefing) chartTitle(title string, need float64) {
	b.ensure(need)
	b.pdf.Bookmark(title, 1, -1)
	b.para(title, 11, "B", colAccent)
	b.pdf.Ln(1)
}

// caption writes a one-line reading aid in small muted type.
func (b *briefing) caption(s string) {
	b.para(s, smallSize, "", colMuted)
}

// known reports whether the pair p, q shares enough scored issues to count.
func (b *briefing) known(p, q int) (matrix.Pair, bool) { return b.an.Known(p, q) }

// mix returns the colour t of the way from white to c.
func mix(c rgb, t float64) rgb {
	f := func(v int) int { return int(math.Round(255 - (255-float64(v))*t)) }
	return rgb{f(c.r), f(c.g), f(c.b)}
}

// marker draws a party's point: the bloc's shape in its colour, or a
// hollow circle for a party in no bloc.
func (b *briefing) marker(x, y, r float64, bloc int) {
	pdf := b.pdf
	pdf.SetLineWidth(0.25)
	if bloc < 0 {
		b.draw(colMuted)
		b.fill(colBlankBG)
		pdf.Circle(x, y, r*0.85, "FD")
		return
	}
	c := blocColors[bloc%len(blocColors)]
	b.fill(c)
	b.draw(darker(c))
	switch bloc % 5 {
	case 0:
		pdf.Circle(x, y, r, "FD")
	case 1:
		pdf.Rect(x-r*0.85, y-r*0.85, 1.7*r, 1.7*r, "FD")
	case 2:
		pdf.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y + r*0.8}, {X: x - r, Y: y + r*0.8}}, "FD")
	case 3:
		pdf.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, "FD")
	default:
		pdf.Polygon([]fpdf.PointType{{X: x - r, Y: y - r*0.8}, {X: x + r, Y: y - r*0.8}, {X: x, Y: y + r}}, "FD")
	}
}

// blocsInWords writes the blocs' summary and lists them.
func (b *briefing) blocsInWords() {
	pdf := b.pdf
	m := b.m
	bl := b.an.Blocs
	b.chartTitle("Blocs", 24)
	b.para(bl.Summary, bodySize, "", colInk)
	pdf.Ln(1.5)
	w, _ := b.pageWH()
	textW := w - 2*margin
	lh := lineH(bodySize)
	for g, ps := range bl.Groups {
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = m.Parties[p].Name
		}
		var sum float64
		k := 0
		for i, p := range ps {
			for _, q := range ps[i+1:] {
				if pr, ok := b.known(p, q); ok {
					sum += pr.Agreement
					k++
				}
			}
		}
		head := fmt.Sprintf("Bloc %s (%d parties", export.BlocLetter(g), len(ps))
		if k > 0 {
			head += ", " + matrix.Percent(sum/float64(k)) + " agreement on average"
		}
		head += "):"
		b.ensure(lh + 2)
		y := pdf.GetY()
		b.marker(margin+1.6, y+lh/2, 1.3, g)
		pdf.SetXY(margin+5, y)
		b.flow(margin+5, textW-5, lh, []span{
			{text: head, style: "B", size: bodySize, color: colInk},
			plain(" "+strings.Join(names, ", "), bodySize),
		})
		pdf.Ln(1)
	}
	var rest []string
	for p, g := range b.blocOf {
		if g < 0 {
			rest = append(rest, m.Parties[p].Name)
		}
	}
	if len(rest) > 0 && len(bl.Groups) > 0 {
		b.ensure(lh + 2)
		y := pdf.GetY()
		b.marker(margin+1.6, y+lh/2, 1.3, -1)
		pdf.SetXY(margin+5, y)
		b.flow(margin+5, textW-5, lh, []span{
			{text: fmt.Sprintf("In no bloc (%d):", len(rest)), style: "B", size: bodySize, color: colInk},
			plain(" "+strings.Join(rest, ", "), bodySize),
		})
	}
	if len(rest) > 0 && len(bl.Groups) == 0 {
		pdf.SetX(margin)
		b.flow(margin, textW, lh, []span{
			{text: "Parties:", style: "B", size: bodySize, color: colInk},
			plain(" "+strings.Join(rest, ", "), bodySize),
		})
	}
	pdf.Ln(4)
}
