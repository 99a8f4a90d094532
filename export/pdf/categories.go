package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file draws "Party profiles by category" (issue 14, chart 4): a dot
// plot with one row per party and one panel per issue category, the dot
// at the party's mean score on the category's issues, on the scale's axis
// marked with the stances' symbols, and beside it how many of the
// category's issues the mean rests on. A hollow dot rests on fewer than
// half of them.

// minPanelW is the narrowest a category's panel is drawn; more categories
// than fit side by side at this width go into further blocks of panels,
// each repeating the party names.
const minPanelW = 30.0

// categoriesSection writes "Party profiles by category", or the sentence
// saying why there is none.
func (b *briefing) categoriesSection() {
	pdf := b.pdf
	m := b.m
	cp := b.an.Categories
	const title = "Party profiles by category"
	lo, hi, _ := m.Scale.Bounds()
	if reason := export.CategoriesNone(m, b.an); reason != "" {
		b.sectionHeading(title)
		b.para(reason, bodySize, "", colInk)
		pdf.Ln(4)
		return
	}
	order := b.an.Order
	if len(order) != len(m.Parties) {
		order = everyParty(len(m.Parties))
	}
	w, _ := b.pageWH()
	textW := w - 2*margin
	n := len(m.Parties)
	fs, rowH := 7.0, 4.0
	if n > 60 {
		fs, rowH = 6.0, 3.1
	}
	// The party column: names as long as 30% of the width allows; a
	// longer name gives way to its short name, else it is cut, and the
	// names in full are listed under the chart.
	b.font("", fs)
	nameW := 0.0
	for _, p := range order {
		nameW = math.Max(nameW, pdf.GetStringWidth(b.fonts.clean(m.Parties[p].Name)))
	}
	lw := math.Min(nameW+2, textW*0.3)
	labels := make([]string, n)
	var full []string
	for p := range m.Parties {
		name := b.fonts.clean(m.Parties[p].Name)
		labels[p] = name
		if pdf.GetStringWidth(name) > lw-2 {
			labels[p] = b.fonts.clean(strings.TrimSpace(m.Parties[p].Short))
			if labels[p] == "" || pdf.GetStringWidth(labels[p]) > lw-2 {
				labels[p] = b.fitEllipsis(name, lw-2)
			}
			full = append(full, labels[p]+": "+name)
		}
	}
	if len(full) > 0 { // the column as wide as the labels now need
		used := 0.0
		for _, l := range labels {
			used = math.Max(used, pdf.GetStringWidth(l))
		}
		lw = used + 2
	}
	cats := cp.Categories
	// As many panels side by side as fit, the blocks balanced: six
	// categories where five fit make two blocks of three, thirteen where
	// four fit, blocks of 4, 3, 3 and 3.
	perBlock := max(1, min(len(cats), int((textW-lw)/minPanelW)))
	blocks := (len(cats) + perBlock - 1) / perBlock
	var blockOf [][]matrix.Category
	for k, start := 0, 0; k < blocks; k++ {
		size := len(cats) / blocks
		if k < len(cats)%blocks {
			size++
		}
		blockOf = append(blockOf, cats[start:start+size])
		start += size
	}
	perBlock = len(blockOf[0])
	pw := (textW - lw) / float64(perBlock)
	b.font("", 5.5)
	covW := pdf.GetStringWidth(fmt.Sprintf("%d/%d", maxIssues(cats), maxIssues(cats))) + 1.5
	headH := 3*lineH(fs) + lineH(6) + 1.5 // category name on two lines, its size, the axis symbols
	// The section heading stays with the key and the first rows.
	b.ensure(lineH(15) + 6 + 12 + headH + min(float64(n), 8)*rowH)
	b.sectionHeading(title)
	b.caption(export.CategoriesAid(b.fonts.clean(b.labelAtScore(lo)), b.fonts.clean(b.labelAtScore(hi))))
	pdf.Ln(1)
	var boxes []labelBox
	for k, blk := range blockOf {
		y := pdf.GetY()
		if k > 0 {
			y += 3
		}
		if y+headH+3*rowH > b.bottom() {
			b.addPage(b.textOrientation())
			y = pdf.GetY()
		}
		top := y
		y = b.categoryHeads(blk, lw, pw, covW, y, fs, lo, hi)
		for r, p := range order {
			if y+rowH > b.bottom() {
				boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top, W: textW, H: y - top})
				b.addPage(b.textOrientation())
				top = pdf.GetY()
				y = b.categoryHeads(blk, lw, pw, covW, top, fs, lo, hi)
			}
			if r%2 == 1 {
				b.fill(rgb{0xf4, 0xf6, 0xf8})
				pdf.Rect(margin, y, textW, rowH, "F")
			}
			b.font("", fs)
			b.color(colInk)
			pdf.Text(margin, y+rowH/2+fs*mmPerPt*0.35, labels[p])
			for k, c := range blk {
				b.categoryDot(c, p, margin+lw+float64(k)*pw, pw, covW, y, rowH, lo, hi)
			}
			y += rowH
		}
		boxes = append(boxes, labelBox{Party: -1, X: margin, Y: top, W: textW, H: y - top})
		pdf.SetY(y + 1.5)
	}
	b.record("categories", boxes)
	b.caption(export.CategoriesCover(cp))
	if len(full) > 0 {
		b.caption("Names in full: " + strings.Join(full, " · "))
	}
	pdf.Ln(4)
}

// categoryHeads draws a block's panel heads from y: the category's name,
// its number of issues, and the axis with the stances' symbols; it
// returns the y below them.
func (b *briefing) categoryHeads(blk []matrix.Category, lw, pw, covW, y, fs, lo, hi float64) float64 {
	pdf := b.pdf
	for k, c := range blk {
		x := margin + lw + float64(k)*pw
		// The name on up to two lines, bottom-aligned over its size.
		b.font("B", fs)
		b.color(colAccent)
		lines := pdf.SplitText(b.fonts.clean(c.Name), pw-2)
		if len(lines) > 2 {
			lines = []string{lines[0], b.fitEllipsis(strings.Join(lines[1:], " "), pw-2)}
		}
		for j, l := range lines {
			pdf.Text(x+1, y+lineH(fs)*(0.8+float64(2-len(lines)+j)), l)
		}
		b.font("", fs-1)
		b.color(colMuted)
		pdf.Text(x+1, y+lineH(fs)*2.75, export.Plural(len(c.Issues), "issue", "issues"))
		// The symbols at their scores.
		b.font("B", 6)
		b.color(colInk)
		ax, aw := b.panelAxis(x, pw, covW)
		for _, st := range b.m.Scale.Stances {
			if !st.HasScore {
				continue
			}
			s := b.fonts.clean(st.Symbol)
			if s == "" {
				s = strconv.FormatFloat(st.Score, 'f', -1, 64)
			}
			sx := ax + aw*(st.Score-lo)/(hi-lo)
			pdf.Text(sx-pdf.GetStringWidth(s)/2, y+3*lineH(fs)+lineH(6)*0.75, s)
		}
	}
	b.color(colInk)
	return y + 3*lineH(fs) + lineH(6) + 1.5
}

// panelAxis returns the x and width of a panel's axis: inset from its
// edges, with room for the coverage on the right.
func (b *briefing) panelAxis(x, pw, covW float64) (float64, float64) {
	return x + 2.5, pw - 5 - covW
}

// categoryDot draws party p's row of the panel of category c at x: the
// panel's edge, a faint line at each score of the scale, the dot and the
// coverage.
func (b *briefing) categoryDot(c matrix.Category, p int, x, pw, covW, y, rowH, lo, hi float64) {
	pdf := b.pdf
	if p >= len(c.Means) {
		return
	}
	mean := c.Means[p]
	ax, aw := b.panelAxis(x, pw, covW)
	b.scaleGrid(ax, aw, y, rowH, lo, hi)
	pdf.SetLineWidth(0.25)
	pdf.Line(x, y, x, y+rowH)
	cy := y + rowH/2
	b.font("", 5.5)
	b.color(colMuted)
	cov := fmt.Sprintf("%d/%d", mean.Scored, len(c.Issues))
	pdf.Text(x+pw-1-pdf.GetStringWidth(cov), cy+5.5*mmPerPt*0.35, cov)
	b.color(colInk)
	if mean.Scored == 0 {
		return
	}
	mx := ax + aw*(math.Max(lo, math.Min(hi, mean.Mean))-lo)/(hi-lo)
	r := math.Min(1.1, rowH*0.3)
	pdf.SetLineWidth(0.3)
	b.draw(colAccent)
	if !export.Hollow(mean, len(c.Issues)) {
		b.fill(colAccent)
		pdf.Circle(mx, cy, r, "FD")
	} else {
		b.fill(colBlankBG)
		pdf.Circle(mx, cy, r, "FD")
	}
}

// maxIssues is the most issues any category has.
func maxIssues(cats []matrix.Category) int {
	n := 0
	for _, c := range cats {
		n = max(n, len(c.Issues))
	}
	return n
}

// categorised counts the issues in the categories.
func categorised(cats []matrix.Category) int {
	n := 0
	for _, c := range cats {
		n += len(c.Issues)
	}
	return n
}

// everyParty is 0, 1, …, n−1.
func everyParty(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// scaleGrid draws a thin vertical line at each score of the scale, on an
// axis from ax to ax+aw (lo to hi), from y down rowH.
func (b *briefing) scaleGrid(ax, aw, y, rowH, lo, hi float64) {
	b.draw(colRule)
	b.pdf.SetLineWidth(0.1)
	for _, st := range b.m.Scale.Stances {
		if st.HasScore {
			sx := ax + aw*(st.Score-lo)/(hi-lo)
			b.pdf.Line(sx, y, sx, y+rowH)
		}
	}
}
