package pdf

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/stancematrix/stancematrix/matrix"
)

// Matrix typography, in points, and geometry, in millimetres.
const (
	mxLabelSize = 8.0 // issue labels
	mxHeadSize  = 7.5 // party headers and bands
	mxSymSize   = 9.0 // stance symbol in a cell
	mxCellSize  = minSize
	mxMaxHead   = 40.0 // tallest party header
	mxBandH     = 5.2
	mxMaxColW   = 16.0 // widest symbol-only column
	mxGap       = 0.45 // white gap around a tile
)

func (b *briefing) matrixSection() {
	m := b.m
	pdf := b.pdf
	sm := b.measureStances()
	L := b.chooseLayout(sm)
	if len(m.Parties) == 0 || len(m.Issues) == 0 {
		b.addPage(b.textOrientation())
		b.sectionHeading("The matrix")
		b.para("The matrix is empty.", bodySize, "", colMuted)
		return
	}
	var cutGroups []string // "CotW = Coalition of the willing", in order of appearance
	for bi, blk := range L.blocks {
		if bi > 0 || !b.fitsHere(L) {
			b.addPage(L.orient)
		} else {
			pdf.Ln(4)
		}
		if bi == 0 {
			b.sectionHeading("The matrix")
			b.legend()
		}
		if len(L.blocks) > 1 {
			caption := "Parties " + strconv.Itoa(blk[0]+1) + "–" + strconv.Itoa(blk[len(blk)-1]+1) +
				" of " + strconv.Itoa(len(m.Parties)) + " (part " + strconv.Itoa(bi+1) + " of " + strconv.Itoa(len(L.blocks)) + ")"
			pdf.Bookmark(caption, 1, -1)
			b.font("B", smallSize+0.5)
			b.color(colMuted)
			pdf.SetX(margin)
			pdf.MultiCell(0, lineH(smallSize+0.5), caption, "", "L", false)
			b.color(colInk)
			pdf.Ln(1.5)
		}
		y := pdf.GetY()
		if y+L.headH+2*mxBandH+L.rowH[0] > b.bottom() {
			b.addPage(L.orient)
			y = pdf.GetY()
		}
		y, cut := b.matrixHeader(L, blk, y)
		for _, c := range cut {
			if !slices.Contains(cutGroups, c) {
				cutGroups = append(cutGroups, c)
			}
		}
		prevCat := ""
		for i, is := range m.Issues {
			band := is.Category != "" && is.Category != prevCat
			need := L.rowH[i]
			if band {
				need += mxBandH + 0.6
			}
			if y+need > b.bottom() {
				b.addPage(L.orient)
				y, _ = b.matrixHeader(L, blk, pdf.GetY())
				if !band && is.Category != "" {
					y = b.categoryBand(L, blk, is.Category+" (continued)", y)
				}
			}
			if band {
				y = b.categoryBand(L, blk, is.Category, y)
			}
			b.matrixRow(L, blk, i, y, sm)
			y += L.rowH[i]
			prevCat = is.Category
		}
		pdf.SetY(y + 2)
	}
	switch {
	case L.keyed:
		b.partyKey(L)
	case len(cutGroups) > 0:
		pdf.SetX(margin)
		b.flow(margin, L.w-2*margin, lineH(smallSize), []span{
			{text: "Groups:", style: "B", size: smallSize, color: colInk},
			plain(" "+strings.Join(cutGroups, "; "), smallSize),
		})
	}
}

// legendHeight returns the height legend takes on a page w mm wide.
func (b *briefing) legendHeight(w float64) float64 {
	return b.legendAt(w, 0, false)
}

// legend draws the stance scale as tiles with symbols and labels.
func (b *briefing) legend() {
	w, _ := b.pageWH()
	y := b.legendAt(w, b.pdf.GetY(), true)
	b.pdf.SetY(y)
}

// legendAt lays out the legend from y on a page w mm wide, drawing it when
// draw is set, and returns the y below it (its height when y is 0).
func (b *briefing) legendAt(w, y float64, draw bool) float64 {
	pdf := b.pdf
	x := margin
	const tw, th = 9.0, 5.5
	lh := th + 2
	item := func(label string, drawTile func(x, y float64)) {
		b.font("", smallSize)
		lw := pdf.GetStringWidth(label)
		if x+tw+2+lw > w-margin && x > margin {
			x, y = margin, y+lh
		}
		if draw {
			drawTile(x, y)
			b.font("", smallSize)
			b.color(colInk)
			pdf.Text(x+tw+1.8, y+th/2+smallSize*mmPerPt*0.35, label)
		}
		x += tw + 1.8 + lw + 6
	}
	for _, st := range b.m.Scale.Stances {
		item(b.fonts.clean(st.Label), func(x, y float64) { b.swatch(x, y, tw, th, st, mxSymSize-1) })
	}
	item("No recorded position", func(x, y float64) {
		b.fill(colBlankBG)
		b.draw(colRule)
		pdf.SetLineWidth(0.2)
		pdf.Rect(x, y, tw, th, "FD")
	})
	if b.opt.Changes != nil {
		label := "Changed"
		if since := firstNonEmpty(b.opt.Changes.Old, dateOrEmpty(b.opt.Changes.OldDate)); since != "" {
			label = "Changed since " + b.fonts.clean(since)
		}
		item(label, func(x, y float64) {
			b.fill(colBlankBG)
			b.draw(colRule)
			pdf.SetLineWidth(0.2)
			pdf.Rect(x, y, tw, th, "FD")
			b.changedMark(x, y, tw, th)
		})
	}
	y += lh
	if b.sec["issues"] {
		if draw {
			b.font("I", smallSize)
			b.color(colMuted)
			pdf.Text(margin, y+2.2, "Symbols repeat the colours for black-and-white print. Select a cell or an issue to open its section.")
			b.color(colInk)
		}
		y += 4
	}
	return y + 3
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return date(t)
}

// changedMark draws the mark of a changed cell: a bold frame and a corner
// triangle.
func (b *briefing) changedMark(x, y, w, h float64) {
	// A black frame on the tile's edge with a white line inside it shows
	// on light and dark fills alike.
	pdf := b.pdf
	b.draw(colInk)
	pdf.SetLineWidth(0.6)
	pdf.Rect(x, y, w, h, "D")
	b.draw(rgb{0xff, 0xff, 0xff})
	pdf.SetLineWidth(0.25)
	pdf.Rect(x+0.55, y+0.55, w-1.1, h-1.1, "D")
	b.fill(colInk)
	t := math.Min(3.2, math.Min(w, h)/2)
	pdf.Polygon([]fpdf.PointType{{X: x + w - t, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + t}}, "F")
}

// matrixHeader draws the group band and the party headers of a block at y
// and returns the y below them, and the group names it shortened, as
// "initials = name".
func (b *briefing) matrixHeader(L *matrixLayout, blk []int, y float64) (float64, []string) {
	pdf := b.pdf
	m := b.m
	x0 := margin + L.labelW
	var cut []string
	if L.groups {
		b.font("B", mxHeadSize)
		for s := 0; s < len(blk); {
			e := s
			g := m.Parties[blk[s]].Group
			for e+1 < len(blk) && m.Parties[blk[e+1]].Group == g {
				e++
			}
			if g != "" {
				x := x0 + float64(s)*L.colW
				wd := float64(e-s+1) * L.colW
				b.fill(colBand)
				pdf.Rect(x+mxGap, y, wd-2*mxGap, mxBandH, "F")
				full := b.fonts.clean(g)
				txt := full
				if pdf.GetStringWidth(full) > wd-2 {
					// Too narrow for the name: its initials, spelled out in
					// the party key.
					txt = b.fitEllipsis(initials(full), wd-1)
					cut = append(cut, txt+" = "+full)
				}
				b.color(colAccent)
				tw := pdf.GetStringWidth(txt)
				pdf.Text(x+(wd-tw)/2, y+mxBandH/2+mxHeadSize*mmPerPt*0.35, txt)
			}
			s = e + 1
		}
		y += mxBandH + 0.8
	}
	b.font("B", mxHeadSize)
	b.color(colMuted)
	pdf.Text(margin+1, y+L.headH-1.8, "Issue")
	b.font("", mxHeadSize)
	b.color(colInk)
	lh := lineH(mxHeadSize)
	for j, p := range blk {
		x := x0 + float64(j)*L.colW
		lines := L.headLines[p]
		if L.rotated {
			xs := x + (L.colW-float64(len(lines))*lh)/2
			for k, l := range lines {
				bx := xs + float64(k)*lh + 0.78*lh
				by := y + L.headH - 1.8
				pdf.TransformBegin()
				pdf.TransformRotate(90, bx, by)
				pdf.Text(bx, by, l)
				pdf.TransformEnd()
			}
		} else {
			top := y + L.headH - 1.8 - float64(len(lines))*lh
			for k, l := range lines {
				tw := pdf.GetStringWidth(l)
				pdf.Text(x+(L.colW-tw)/2, top+float64(k)*lh+0.78*lh, l)
			}
		}
		if c := m.Parties[p].Color; c != "" {
			col := parseRGB(c, colRule)
			b.fill(col)
			pdf.Rect(x+mxGap, y+L.headH-1, L.colW-2*mxGap, 1, "F")
		}
	}
	y += L.headH
	b.draw(colMuted)
	pdf.SetLineWidth(0.3)
	pdf.Line(margin, y+0.2, x0+float64(len(blk))*L.colW, y+0.2)
	return y + 0.8, cut
}

func (b *briefing) categoryBand(L *matrixLayout, blk []int, cat string, y float64) float64 {
	pdf := b.pdf
	wd := L.labelW + float64(len(blk))*L.colW
	b.fill(colBand)
	pdf.Rect(margin, y+0.3, wd, mxBandH, "F")
	b.font("B", mxHeadSize)
	b.color(colAccent)
	pdf.Text(margin+1.2, y+0.3+mxBandH/2+mxHeadSize*mmPerPt*0.35, b.fitEllipsis(b.fonts.clean(cat), wd-2.4))
	b.color(colInk)
	return y + mxBandH + 0.6
}

func (b *briefing) matrixRow(L *matrixLayout, blk []int, i int, y float64, sm stanceMetrics) {
	pdf := b.pdf
	m := b.m
	h := L.rowH[i]
	x0 := margin + L.labelW
	// Issue label, vertically centred.
	b.font("", mxLabelSize)
	b.color(colInk)
	llh := lineH(mxLabelSize)
	lines := L.rowLines[i]
	top := y + (h-float64(len(lines))*llh)/2
	for k, l := range lines {
		pdf.Text(margin+1, top+float64(k)*llh+0.78*llh, l)
	}
	link := b.issueLink[i]
	if link != 0 {
		pdf.Link(margin, y, L.labelW, h, link)
	}
	b.draw(colRule)
	pdf.SetLineWidth(0.15)
	pdf.Line(margin, y+h, x0, y+h)
	issue := m.Issues[i].Name
	for j, p := range blk {
		x := x0 + float64(j)*L.colW
		c := m.Cell(i, p)
		tx, ty, tw, th := x+mxGap, y+mxGap, L.colW-2*mxGap, h-2*mxGap
		if c.Blank() {
			b.fill(colBlankBG)
			b.draw(colRule)
			pdf.SetLineWidth(0.2)
			pdf.Rect(tx, ty, tw, th, "FD")
		} else {
			st, ok := b.stanceOf(c.Stance)
			if !ok {
				st = matrix.Stance{Label: c.Stance, Color: "#BDBDBD", Symbol: "?"}
			}
			bg := parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
			b.fill(bg)
			b.draw(darker(bg))
			pdf.SetLineWidth(0.2)
			pdf.Rect(tx, ty, tw, th, "FD")
			fg := contrastText(bg)
			b.color(fg)
			cy := ty + th/2
			sym := b.fonts.clean(st.Symbol)
			symW, ok := sm.symW[st.Label]
			if !ok {
				b.font("B", mxSymSize)
				symW = pdf.GetStringWidth(sym)
			}
			if L.mode == cellStacked {
				b.font("B", mxSymSize)
				pdf.Text(tx+(tw-symW)/2, cy-0.5, sym)
				b.font("", mxCellSize)
				lw, ok := sm.labW[st.Label]
				lbl := b.fonts.clean(st.Label)
				if !ok {
					lw = pdf.GetStringWidth(lbl)
				}
				pdf.Text(tx+(tw-lw)/2, cy+3, lbl)
			} else {
				b.font("B", mxSymSize)
				pdf.Text(tx+(tw-symW)/2, cy+mxSymSize*mmPerPt*0.35, sym)
			}
			b.color(colInk)
		}
		if _, changed := b.changed[evKey{m.Parties[p].Name, issue}]; changed {
			b.changedMark(tx, ty, tw, th)
		}
		if link != 0 {
			pdf.Link(tx, ty, tw, th, link)
		}
	}
}

// partyKey lists every party with its header text, full name and group.
func (b *briefing) partyKey(L *matrixLayout) {
	pdf := b.pdf
	m := b.m
	size := smallSize
	lh := lineH(size)
	b.font("B", size)
	keyW := 0.0
	for p := range m.Parties {
		keyW = math.Max(keyW, pdf.GetStringWidth(L.head[p]))
	}
	keyW = math.Min(keyW+3, 30)
	w, _ := b.pageWH()
	content := w - 2*margin
	cols := max(1, int(content/90))
	colW := content / float64(cols)
	b.ensure(20)
	pdf.Ln(3)
	b.font("B", 10)
	b.color(colAccent)
	pdf.SetX(margin)
	pdf.MultiCell(0, lineH(10), "Party key", "", "L", false)
	b.color(colInk)
	pdf.Ln(1)
	y := pdf.GetY()
	for start := 0; start < len(m.Parties); start += cols {
		// One row of the key: up to cols entries side by side.
		type entry struct {
			key   []string
			lines []string
		}
		var row []entry
		rowH := 0.0
		for p := start; p < min(start+cols, len(m.Parties)); p++ {
			party := m.Parties[p]
			txt := b.fonts.clean(party.Name)
			if party.Group != "" {
				txt += " · " + b.fonts.clean(party.Group)
			}
			b.font("B", size)
			key := pdf.SplitText(L.head[p], keyW-2)
			b.font("", size)
			lines := pdf.SplitText(txt, colW-keyW-4)
			row = append(row, entry{key, lines})
			rowH = math.Max(rowH, float64(max(len(lines), len(key)))*lh)
		}
		if y+rowH > b.bottom() {
			b.addPage(L.orient)
			y = pdf.GetY()
		}
		for k, e := range row {
			x := margin + float64(k)*colW
			b.font("B", size)
			for n, l := range e.key {
				pdf.Text(x, y+float64(n)*lh+0.78*lh, l)
			}
			b.font("", size)
			for n, l := range e.lines {
				pdf.Text(x+keyW, y+float64(n)*lh+0.78*lh, l)
			}
		}
		y += rowH + 1
	}
	pdf.SetY(y + 2)
}

// initials returns the first letter of each word: "Coalition of the
// willing" → "CotW".
func initials(s string) string {
	var out []rune
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		out = append(out, r[0])
	}
	return string(out)
}

// fitsHere reports whether the whole matrix (one block) fits in what is
// left of the current page, in the same orientation.
func (b *briefing) fitsHere(L *matrixLayout) bool {
	if b.pdf.PageCount() == 0 || len(L.blocks) != 1 {
		return false
	}
	w, h := b.pageWH()
	if (w > h) != (L.orient == "L") {
		return false
	}
	need := 16.0 + 22 + L.headH // heading, legend, header
	if L.groups {
		need += mxBandH + 0.8
	}
	prev := ""
	for i, is := range b.m.Issues {
		need += L.rowH[i]
		if is.Category != "" && is.Category != prev {
			need += mxBandH + 0.6
		}
		prev = is.Category
	}
	return b.pdf.GetY()+need < b.bottom()
}
