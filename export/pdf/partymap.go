package pdf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

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
	base := 1.3
	if n > 60 {
		base = 0.8
	}
	size, sizesVary := export.MarkerSize(m, mp.Points)
	radius := func(p int) float64 { return base * size(p) }
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
	xt := fmt.Sprintf("First axis: %s of the variation", matrix.Percent(mp.Explained[0]))
	pdf.Text(px+(pw-pdf.GetStringWidth(xt))/2, py+ph+lineH(smallSize), xt)
	yt := fmt.Sprintf("Second axis: %s of the variation", matrix.Percent(mp.Explained[1]))
	pdf.TransformBegin()
	pdf.TransformRotate(90, px-2, py+(ph+pdf.GetStringWidth(yt))/2)
	pdf.Text(px-2, py+(ph+pdf.GetStringWidth(yt))/2, yt)
	pdf.TransformEnd()
	b.color(colInk)
	pdf.SetY(py + ph + lineH(smallSize) + 1.5)

	// Reading aid, fit and key.
	b.caption(export.MapCaption(b.an, sizesVary))
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
