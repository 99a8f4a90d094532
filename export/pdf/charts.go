package pdf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
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

// labelBox is a label placed on the party map, in page millimetres: X, Y
// is its top left corner.
type labelBox struct {
	Party      int
	Also       []int // parties at the same place, named by the same label
	Text       string
	X, Y, W, H float64
	far        bool // set off from its point, with a leader line
}

func (a labelBox) overlaps(c labelBox) bool {
	return a.X < c.X+c.W && c.X < a.X+a.W && a.Y < c.Y+c.H && c.Y < a.Y+a.H
}

// mapLayout is the party map as drawn: the plot area and the labels, kept
// for tests.
type mapLayout struct {
	plot   labelBox // the plot area
	labels []labelBox
	marks  []labelBox // the markers' boxes
	pageW  float64
	pageH  float64
	page   int
}

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
func (b *briefing) known(p, q int) (matrix.Pair, bool) {
	ag := b.an.Agreement
	if p >= len(ag) || q >= len(ag[p]) {
		return matrix.Pair{}, false
	}
	pr := ag[p][q]
	return pr, pr.OK && pr.Shared >= matrix.MinShared
}

// mix returns the colour t of the way from white to c.
func mix(c rgb, t float64) rgb {
	f := func(v int) int { return int(math.Round(255 - (255-float64(v))*t)) }
	return rgb{f(c.r), f(c.g), f(c.b)}
}

// heatLayout is the geometry of the heatmap, in millimetres and points.
type heatLayout struct {
	order    []int   // the parties, in similarity order
	fs       float64 // label size in points
	lw, colH float64 // widths of the row labels and the column labels
	c        float64 // cell size
	numbered bool    // labels are party numbers (see the key)
}

// height is the heatmap's height with its title, axis line and reading aid.
func (l heatLayout) height() float64 {
	return lineH(11) + 1 + 2*lineH(smallSize) + l.colH + l.c*float64(len(l.order)) + 6
}

// layoutHeatmap sizes the heatmap: one page at most. Names label the rows
// while they can be set at 5 pt or more; beyond that, party numbers.
func (b *briefing) layoutHeatmap() heatLayout {
	pdf := b.pdf
	m := b.m
	n := len(m.Parties)
	order := b.an.Order
	if len(order) != n {
		order = make([]int, n)
		for i := range order {
			order[i] = i
		}
	}
	w, h := b.pageWH()
	textW := w - 2*margin
	const labelMax = 42.0
	fs := 7.0
	b.font("", fs)
	nameW, colW := 0.0, 0.0
	for _, p := range order {
		nameW = math.Max(nameW, pdf.GetStringWidth(b.fonts.clean(m.Parties[p].Name)))
		colW = math.Max(colW, pdf.GetStringWidth(b.colLabel(p)))
	}
	lw, colH := math.Min(nameW, labelMax)+1.5, math.Min(colW, 20)+1.5
	availH := h - top - bottom - 40
	c := math.Min(9, math.Min((textW-lw)/float64(n), (availH-colH)/float64(n)))
	numbered := c < 5*mmPerPt*1.15
	if numbered {
		fs = 5
		b.font("", fs)
		lw = pdf.GetStringWidth(strconv.Itoa(n)) + 1.5
		colH = lw
		c = math.Min((textW-lw)/float64(n), (availH-colH)/float64(n))
	} else {
		fs = math.Min(7, c/(mmPerPt*1.15))
		b.font("", fs)
		nameW, colW = 0, 0
		for _, p := range order {
			nameW = math.Max(nameW, pdf.GetStringWidth(b.fonts.clean(m.Parties[p].Name)))
			colW = math.Max(colW, pdf.GetStringWidth(b.colLabel(p)))
		}
		lw, colH = math.Min(nameW, labelMax)+1.5, math.Min(colW, 20)+1.5
	}
	return heatLayout{order: order, fs: fs, lw: lw, colH: colH, c: c, numbered: numbered}
}

// heatmap draws the party × party agreement in similarity order.
func (b *briefing) heatmap(hl heatLayout) {
	pdf := b.pdf
	m := b.m
	n := len(m.Parties)
	order, fs, lw, colH, c, numbered := hl.order, hl.fs, hl.lw, hl.colH, hl.c, hl.numbered
	size := c * float64(n)
	b.chartTitle("Agreement between parties", hl.height())
	b.caption("Rows and columns: the parties in similarity order.")
	pdf.Ln(1)
	x0 := margin + lw
	y0 := pdf.GetY() + colH
	// Every k-th label when numbered, so that numbers do not touch.
	step := 1
	if numbered {
		step = int(math.Ceil(fs * mmPerPt * 1.1 / c))
	}
	b.color(colInk)
	for i, p := range order {
		if i%step != 0 {
			continue
		}
		cy := y0 + (float64(i)+0.5)*c
		base := cy + fs*mmPerPt*0.35
		b.font("", fs)
		var row, col string
		if numbered {
			row, col = strconv.Itoa(p+1), strconv.Itoa(p+1)
		} else {
			row, col = b.fitEllipsis(b.fonts.clean(m.Parties[p].Name), lw-1.5), b.fitEllipsis(b.colLabel(p), colH-1.5)
		}
		pdf.Text(x0-1-pdf.GetStringWidth(row), base, row)
		cx := x0 + (float64(i)+0.5)*c + fs*mmPerPt*0.35
		pdf.TransformBegin()
		pdf.TransformRotate(90, cx, y0-1)
		pdf.Text(cx, y0-1, col)
		pdf.TransformEnd()
	}
	// Cells.
	// Percentages at up to 7 pt, smaller where "100" would not fit, and
	// none below 4.5 pt.
	b.font("", 7)
	pfs := math.Min(7, math.Min(c*0.55/mmPerPt, 7*(c-0.8)/pdf.GetStringWidth("100")))
	showPct := pfs >= 4.5
	if showPct {
		b.font("", pfs)
	}
	gap := 0.0
	if c > 2.5 {
		gap = 0.25
	}
	pdf.SetLineWidth(0.15)
	for i, p := range order {
		for j, q := range order {
			x, y := x0+float64(j)*c, y0+float64(i)*c
			if p == q {
				b.fill(colBand)
				pdf.Rect(x+gap/2, y+gap/2, c-gap, c-gap, "F")
				if c > 2.5 { // a party with itself: struck through
					b.draw(colRule)
					pdf.Line(x+gap, y+c-gap, x+c-gap, y+gap)
				}
				continue
			}
			pr, ok := b.known(p, q)
			if !ok {
				if c > 2.5 {
					b.draw(colRule)
					pdf.Rect(x+gap/2+0.1, y+gap/2+0.1, c-gap-0.2, c-gap-0.2, "D")
				}
				continue
			}
			bg := mix(colAccent, pr.Agreement)
			b.fill(bg)
			pdf.Rect(x+gap/2, y+gap/2, c-gap, c-gap, "F")
			if showPct {
				s := strconv.Itoa(int(math.Round(pr.Agreement * 100)))
				b.color(contrastText(bg))
				pdf.Text(x+(c-pdf.GetStringWidth(s))/2, y+c/2+pfs*mmPerPt*0.35, s)
			}
		}
	}
	b.color(colInk)
	// The frame and the blocs.
	b.draw(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x0, y0, size, size, "D")
	pos := make([]int, n)
	for i, p := range order {
		pos[p] = i
	}
	b.draw(colInk)
	pdf.SetLineWidth(0.6)
	for _, g := range b.an.Blocs.Groups {
		s, e := n, -1
		for _, p := range g {
			s, e = min(s, pos[p]), max(e, pos[p])
		}
		pdf.Rect(x0+float64(s)*c, y0+float64(s)*c, float64(e-s+1)*c, float64(e-s+1)*c, "D")
	}
	b.heatBox = labelBox{Party: -1, X: margin, Y: y0 - colH, W: lw + size, H: colH + size}
	pdf.SetY(y0 + size + 2)
	mp := b.an.Map
	aid := fmt.Sprintf("Darker = agree more; a blank cell: fewer than %d shared scored issues; %d of %s share enough.",
		matrix.MinShared, mp.Known, export.Plural(mp.Pairs, "pair", "pairs"))
	if showPct {
		aid = "Figures: % agreement. " + aid
	}
	if len(b.an.Blocs.Groups) > 0 {
		aid += fmt.Sprintf(" Framed: the blocs (%s or more).", pct(matrix.BlocAgreement))
	}
	b.caption(aid)
	if numbered {
		keys := make([]string, n)
		for p := range keys {
			keys[p] = strconv.Itoa(p+1) + " " + m.Parties[p].Name
		}
		b.caption("Party numbers: " + strings.Join(keys, " · "))
		b.numbered = true
	}
	pdf.Ln(4)
}

// colLabel is a party's column label: its short name, else its number.
func (b *briefing) colLabel(p int) string {
	if s := b.fonts.clean(strings.TrimSpace(b.m.Parties[p].Short)); s != "" {
		return s
	}
	return strconv.Itoa(p + 1)
}

func pct(x float64) string { return strconv.Itoa(int(math.Round(x*100))) + "%" }

// partyMap draws the party map, or says why there is none.
func (b *briefing) partyMap() {
	pdf := b.pdf
	m := b.m
	mp := b.an.Map
	w, h := b.pageWH()
	textW := w - 2*margin
	n := len(mp.Points)
	ph := textW * 0.62
	if n > 40 {
		ph = math.Min(textW, h-top-bottom-45)
	}
	if n == 0 {
		b.chartTitle("Party map", 20)
		b.para(mp.Reason, bodySize, "", colInk)
		pdf.Ln(4)
		return
	}
	b.chartTitle("Party map", ph+30)
	pw := textW - 7
	px, py := margin+7, pdf.GetY()
	L := &mapLayout{plot: labelBox{Party: -1, X: px, Y: py, W: pw, H: ph}, pageW: w, pageH: h, page: pdf.PageNo()}

	// Scale: the same on both axes, so distances read true.
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, pt := range mp.Points {
		xmin, xmax = math.Min(xmin, pt.X), math.Max(xmax, pt.X)
		ymin, ymax = math.Min(ymin, pt.Y), math.Max(ymax, pt.Y)
	}
	// Room at the edges for a label beside an outer point; a label can
	// also go to the inner side, so dense maps keep less.
	padX, padY := math.Min(24, pw*0.14), math.Min(10, ph*0.1)
	if n > 40 {
		padX, padY = 12, 6
	}
	s := math.Inf(1)
	if xmax > xmin {
		s = (pw - 2*padX) / (xmax - xmin)
	}
	if ymax > ymin {
		s = math.Min(s, (ph-2*padY)/(ymax-ymin))
	}
	if math.IsInf(s, 1) {
		s = 1
	}
	cx, cy := px+pw/2, py+ph/2
	mx, my := (xmin+xmax)/2, (ymin+ymax)/2
	at := func(pt matrix.Point) (float64, float64) {
		return cx + (pt.X-mx)*s, cy - (pt.Y-my)*s // y up
	}

	// Frame and the axes through the centre of the parties.
	b.draw(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Rect(px, py, pw, ph, "D")
	pdf.SetDashPattern([]float64{0.8, 0.8}, 0)
	zx, zy := at(matrix.Point{})
	if zx > px && zx < px+pw {
		pdf.Line(zx, py, zx, py+ph)
	}
	if zy > py && zy < py+ph {
		pdf.Line(px, zy, px+pw, zy)
	}
	pdf.SetDashPattern(nil, 0)

	// Markers, sized by weight when weights differ.
	wmax, wmin := 0.0, math.Inf(1)
	for _, pt := range mp.Points {
		if wt := m.Parties[pt.Party].Weight; usable(wt) {
			wmax, wmin = math.Max(wmax, wt), math.Min(wmin, wt)
		}
	}
	base := 1.3
	if n > 60 {
		base = 0.8
	}
	radius := func(p int) float64 {
		if wmax <= 0 || wmax == wmin {
			return base
		}
		if wt := m.Parties[p].Weight; usable(wt) {
			return base * (0.6 + 0.8*math.Sqrt(wt/wmax))
		}
		return base * 0.6
	}
	for _, pt := range mp.Points {
		x, y := at(pt)
		r := radius(pt.Party)
		b.marker(x, y, r, b.blocOf[pt.Party])
		L.marks = append(L.marks, labelBox{Party: pt.Party, X: x - r, Y: y - r, W: 2 * r, H: 2 * r})
	}

	// Labels: the name, else the short name, else the number, in the
	// first free place around the point; further out for numbers.
	fs := 7.0
	if n > 60 {
		fs = 6
	}
	b.font("", fs)
	th := fs * mmPerPt
	keyed := map[int]string{}
	// The most crowded places first: points near the middle of the plot
	// take what room there is, and points further out, with room around
	// them, keep their full names.
	seq := make([]int, n)
	for k := range seq {
		seq[k] = k
	}
	dist := func(k int) float64 {
		x, y := at(mp.Points[k])
		return math.Hypot(x-cx, y-cy)
	}
	slices.SortStableFunc(seq, func(a, c int) int {
		da, dc := dist(a), dist(c)
		switch {
		case da < dc:
			return -1
		case da > dc:
			return 1
		}
		return 0
	})
	// Parties at the same place (within half a millimetre) share one
	// label, "Ukraine, Turkey", held by the first of them in matrix order.
	with := make([][]int, n) // per point: the points sharing its label, itself first; nil when another holds it
	for k := range mp.Points {
		with[k] = []int{k}
	}
	for k := range mp.Points {
		if with[k] == nil {
			continue
		}
		for j := k + 1; j < n; j++ {
			xk, yk := at(mp.Points[k])
			xj, yj := at(mp.Points[j])
			if with[j] != nil && len(with[j]) == 1 && math.Hypot(xj-xk, yj-yk) < 0.5 {
				with[k] = append(with[k], j)
				with[j] = nil
			}
		}
	}
	for _, k := range seq {
		if with[k] == nil {
			continue
		}
		pt := mp.Points[k]
		x, y := at(pt)
		r := L.marks[k].W / 2
		p := pt.Party
		var names, shorts, nums []string
		for _, j := range with[k] {
			q := mp.Points[j].Party
			names = append(names, b.fonts.clean(m.Parties[q].Name))
			sh := b.fonts.clean(strings.TrimSpace(m.Parties[q].Short))
			if sh == "" {
				sh = strconv.Itoa(q + 1)
			}
			shorts = append(shorts, sh)
			nums = append(nums, strconv.Itoa(q+1))
		}
		texts := []string{strings.Join(names, ", ")}
		if t := strings.Join(shorts, ", "); t != texts[0] {
			texts = append(texts, t)
		}
		if t := strings.Join(nums, ", "); t != texts[len(texts)-1] {
			texts = append(texts, t)
		}
		placed := false
		for ti, t := range texts {
			tw := pdf.GetStringWidth(t)
			rings := 1
			if ti == len(texts)-1 {
				rings = 6
			}
			for ring := 1; ring <= rings && !placed; ring++ {
				d := r + 0.5 + float64(ring-1)*(th+0.4)
				for _, c := range candidates(x, y, d, tw, th) {
					box := labelBox{Party: p, Text: t, X: c[0], Y: c[1], W: tw, H: th, far: ring > 1}
					for _, j := range with[k][1:] {
						box.Also = append(box.Also, mp.Points[j].Party)
					}
					if b.free(L, box) {
						L.labels = append(L.labels, box)
						placed = true
						if ti > 0 {
							for _, j := range with[k] {
								q := mp.Points[j].Party
								if ti == 1 && len(texts) == 3 {
									keyed[q] = shorts[slices.Index(with[k], j)]
								} else {
									keyed[q] = nums[slices.Index(with[k], j)]
								}
							}
						}
						break
					}
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			for _, j := range with[k] {
				keyed[mp.Points[j].Party] = ""
			}
		}
	}
	// Leader lines from the points to the labels set off from them.
	b.draw(colMuted)
	pdf.SetLineWidth(0.1)
	centre := map[int][3]float64{} // per party: x, y and radius of its mark
	for _, mk := range L.marks {
		centre[mk.Party] = [3]float64{mk.X + mk.W/2, mk.Y + mk.H/2, mk.W / 2}
	}
	for _, lb := range L.labels {
		if !lb.far {
			continue
		}
		c := centre[lb.Party]
		// The nearest point of the label's box, and the edge of the mark.
		tx, ty := math.Max(lb.X, math.Min(c[0], lb.X+lb.W)), math.Max(lb.Y, math.Min(c[1], lb.Y+lb.H))
		d, r := math.Hypot(tx-c[0], ty-c[1]), c[2]
		if d > r+0.3 {
			pdf.Line(c[0]+(tx-c[0])*r/d, c[1]+(ty-c[1])*r/d, tx, ty)
		}
	}
	b.color(colInk)
	for _, lb := range L.labels {
		pdf.Text(lb.X, lb.Y+lb.H*0.8, lb.Text)
	}
	b.mapLayout = L

	// Axis titles.
	b.font("", smallSize)
	b.color(colMuted)
	xt := fmt.Sprintf("First axis: %s of the variation", pct(mp.Explained[0]))
	pdf.Text(px+(pw-pdf.GetStringWidth(xt))/2, py+ph+lineH(smallSize), xt)
	yt := fmt.Sprintf("Second axis: %s of the variation", pct(mp.Explained[1]))
	pdf.TransformBegin()
	pdf.TransformRotate(90, px-2, py+(ph+pdf.GetStringWidth(yt))/2)
	pdf.Text(px-2, py+(ph+pdf.GetStringWidth(yt))/2, yt)
	pdf.TransformEnd()
	b.color(colInk)
	pdf.SetY(py + ph + lineH(smallSize) + 1.5)

	// Reading aid, fit and key.
	lo, hi, med := sharedRange(b, mp.Points)
	based := fmt.Sprintf("based on %d shared scored issues", lo)
	if hi > lo {
		based = fmt.Sprintf("based on %d to %d shared scored issues per pair (median %d)", lo, hi, med)
	}
	b.caption(fmt.Sprintf("Closer = agree more; %s. Fit: stress %.2f (0 = the distances shown exactly, 1 = not at all). Shapes mark the blocs; hollow circles, parties in no bloc.",
		based, mp.Stress) + b.sizeNote(wmin, wmax))
	if len(mp.LeftOut) > 0 {
		var out []string
		for _, lo := range mp.LeftOut {
			out = append(out, m.Parties[lo.Party].Name+" ("+lo.Reason+")")
		}
		b.caption(fmt.Sprintf("Not on the map (%d of %d parties): %s.", len(mp.LeftOut), len(m.Parties), strings.Join(out, "; ")))
	}
	if len(keyed) > 0 {
		var ks []string
		var bare []string
		for _, pt := range mp.Points {
			t, ok := keyed[pt.Party]
			switch {
			case !ok:
			case t == "":
				bare = append(bare, m.Parties[pt.Party].Name)
			case b.numbered && t == strconv.Itoa(pt.Party+1):
				// in the party numbers under the heatmap
			default:
				ks = append(ks, t+" "+m.Parties[pt.Party].Name)
			}
		}
		if b.numbered {
			ks = append(ks, "numbers as under the heatmap")
		}
		if len(ks) > 0 {
			b.caption("Key: " + strings.Join(ks, " · "))
		}
		if len(bare) > 0 {
			b.caption(fmt.Sprintf("Too crowded to label (%d): %s.", len(bare), strings.Join(bare, ", ")))
		}
	}
	pdf.Ln(4)
}

// usable reports whether a party weight can size a mark: positive and
// finite.
func usable(w float64) bool { return w > 0 && !math.IsInf(w, 1) }

func (b *briefing) sizeNote(wmin, wmax float64) string {
	if wmax > wmin {
		return " Larger marks: parties of more weight."
	}
	return ""
}

// sharedRange returns the fewest, most and median shared scored issues
// over the pairs of mapped parties.
func sharedRange(b *briefing, pts []matrix.Point) (lo, hi, med int) {
	var ks []int
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if pr, ok := b.known(pts[i].Party, pts[j].Party); ok {
				ks = append(ks, pr.Shared)
			}
		}
	}
	if len(ks) == 0 {
		return 0, 0, 0
	}
	slices.Sort(ks)
	return ks[0], ks[len(ks)-1], ks[len(ks)/2]
}

// candidates returns the top left corners of a tw × th label around the
// point x, y at distance d: right, left, above, below, then the corners.
func candidates(x, y, d, tw, th float64) [][2]float64 {
	return [][2]float64{
		{x + d, y - th/2},
		{x - d - tw, y - th/2},
		{x - tw/2, y - d - th},
		{x - tw/2, y + d},
		{x + d*0.7, y - d*0.7 - th},
		{x - d*0.7 - tw, y - d*0.7 - th},
		{x + d*0.7, y + d*0.7},
		{x - d*0.7 - tw, y + d*0.7},
	}
}

// free reports whether box lies inside the plot and clear of the labels
// and markers placed so far.
func (b *briefing) free(L *mapLayout, box labelBox) bool {
	const pad = 0.3
	p := L.plot
	if box.X < p.X+pad || box.Y < p.Y+pad || box.X+box.W > p.X+p.W-pad || box.Y+box.H > p.Y+p.H-pad {
		return false
	}
	g := labelBox{X: box.X - pad, Y: box.Y - pad, W: box.W + 2*pad, H: box.H + 2*pad}
	for _, o := range L.labels {
		if g.overlaps(o) {
			return false
		}
	}
	for _, o := range L.marks {
		if box.overlaps(o) {
			return false
		}
	}
	return true
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

// blocLetter names bloc g: A, B, …, Z, AA, AB, …
func blocLetter(g int) string {
	if g < 26 {
		return string(rune('A' + g))
	}
	return blocLetter(g/26-1) + string(rune('A'+g%26))
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
		head := fmt.Sprintf("Bloc %s (%d parties", blocLetter(g), len(ps))
		if k > 0 {
			head += ", " + pct(sum/float64(k)) + " agreement on average"
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
