package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file draws the matrix of a summary-first briefing as an overview: a
// compact heatmap of every cell, issues down and parties across, each cell
// filled with its stance's colour and, where the cell is large enough, its
// symbol, so that it reads in black and white. Issue names label the rows;
// parties label the columns by name where a rotated name fits, else by
// number with a key under the overview.

// Overview geometry, in points and millimetres.
const (
	ovMinSize = 5.0  // smallest label type
	ovMaxSize = 7.0  // largest label type
	ovMaxColW = 8.0  // widest party column
	ovMaxRowH = 4.2  // tallest row, when the issues fit on one page
	ovMaxHead = 30.0 // tallest column label
	ovFirst   = 36.0 // heading, reading aid and legend on the first page
)

// overviewPage is one page of the overview as drawn: the box around its
// labels and cells, and the page's size.
type overviewPage struct {
	box      labelBox
	w, h     float64
	from, to int // the issues on it, to not included
}

// overviewLayout is how the overview fits on pages of one orientation.
type overviewLayout struct {
	orient       string
	w, h         float64
	fs           float64 // label size in points
	rowH, colW   float64
	labelW       float64 // issue labels
	headH        float64 // party labels, rotated
	numbered     bool    // the columns carry party numbers (see the key)
	step         int     // every step-th column is labelled
	symbols      bool    // a symbol in each cell
	symFs        float64 // the symbols' size in points
	first, other int     // rows on the first page and on the others
	pages        int
}

// layoutOverview sizes the overview on pages of orientation orient with
// labels of fs points; nameW and partyW are the widest issue and party
// names set at 1 pt, symW the widest symbol at 1 pt bold.
func (b *briefing) layoutOverview(orient string, fs, nameW, partyW, symW float64) overviewLayout {
	m := b.m
	L := overviewLayout{orient: orient, w: b.pageSize.Wd, h: b.pageSize.Ht, fs: fs}
	if orient == "L" {
		L.w, L.h = L.h, L.w
	}
	n := len(m.Parties)
	maxLabel := 50.0
	if orient == "L" {
		maxLabel = 65
	}
	L.rowH = fs * mmPerPt * 1.25
	L.labelW = math.Min(nameW*fs, maxLabel) + 3
	L.colW = math.Min(ovMaxColW, (L.w-2*margin-L.labelW)/float64(n))
	need := fs * mmPerPt * 1.2 // the width a rotated label takes
	L.numbered = L.colW < need
	L.step = 1
	if L.numbered {
		b.font("", fs)
		L.headH = b.pdf.GetStringWidth(strconv.Itoa(n)) + 2
		L.step = int(math.Ceil(need / L.colW))
	} else {
		L.headH = math.Min(partyW*fs, ovMaxHead) + 2
	}
	// Symbols as large as the labels, or smaller down to 4.5 pt where
	// the columns are narrow.
	L.symFs = math.Min(fs, (L.colW-0.7)/math.Max(symW, 0.01))
	L.symbols = L.symFs >= 4.5 && L.rowH >= 2
	avail := L.h - top - bottom - L.headH - 3
	// A few issues get taller rows, up to ovMaxRowH, where they still fit
	// on the first page.
	if room := (avail - ovFirst) / float64(len(m.Issues)); room > L.rowH {
		L.rowH = math.Min(room, ovMaxRowH)
	}
	L.first = max(1, int((avail-ovFirst)/L.rowH))
	L.other = max(1, int(avail/L.rowH))
	L.pages = 1
	if rest := len(m.Issues) - L.first; rest > 0 {
		L.pages += (rest + L.other - 1) / L.other
	}
	return L
}

// chooseOverview picks the orientation and label size: the fewest pages,
// counting a party key for numbered columns as one more; then names over
// numbers, then upright pages; in each orientation the largest type that
// needs no more pages than the smallest.
func (b *briefing) chooseOverview() overviewLayout {
	m := b.m
	// Issue names measured bold, as the issues given in detail are set.
	b.font("B", 1)
	nameW, partyW := 0.0, 0.0
	for _, is := range m.Issues {
		nameW = math.Max(nameW, b.pdf.GetStringWidth(b.fonts.clean(is.Name)))
	}
	b.font("", 1)
	for _, p := range m.Parties {
		partyW = math.Max(partyW, b.pdf.GetStringWidth(b.fonts.clean(p.Name)))
	}
	b.font("B", 1)
	symW := 0.0
	for _, st := range m.Scale.Stances {
		symW = math.Max(symW, b.pdf.GetStringWidth(b.fonts.clean(st.Symbol)))
	}
	orients := []string{"P", "L"}
	switch b.opt.Orientation {
	case "portrait":
		orients = []string{"P"}
	case "landscape":
		orients = []string{"L"}
	}
	cost := func(L overviewLayout) int {
		if L.numbered {
			return L.pages + 1
		}
		return L.pages
	}
	var best overviewLayout
	for k, o := range orients {
		least := b.layoutOverview(o, ovMinSize, nameW, partyW, symW)
		L := least
		for fs := ovMaxSize; fs > ovMinSize; fs -= 0.5 {
			if c := b.layoutOverview(o, fs, nameW, partyW, symW); cost(c) <= cost(least) {
				L = c
				break
			}
		}
		if k == 0 || cost(L) < cost(best) {
			best = L
		}
	}
	return best
}

// overviewSection writes the matrix as an overview.
func (b *briefing) overviewSection() {
	pdf := b.pdf
	m := b.m
	n := len(m.Parties)
	if n == 0 || len(m.Issues) == 0 {
		b.addPage(b.textOrientation())
		b.sectionHeading("The matrix at a glance")
		b.para("The matrix is empty.", bodySize, "", colMuted)
		return
	}
	L := b.chooseOverview()
	order := b.allParties()
	similar := false
	if b.an != nil && len(b.an.Order) == n {
		order, similar = b.an.Order, true
	}
	// Each cell's stance, as its index in the scale; −1 blank, len(scale)
	// for a label not on it.
	ns := len(m.Scale.Stances)
	idx := make([][]int16, len(m.Issues))
	for i := range idx {
		idx[i] = make([]int16, n)
		for j, p := range order {
			c := m.Cells[i][p]
			switch k, ok := b.stance[c.Stance]; {
			case c.Blank():
				idx[i][j] = -1
			case ok:
				idx[i][j] = int16(k)
			default:
				idx[i][j] = int16(ns)
			}
		}
	}
	fills := make([]rgb, ns+1)
	for k, st := range m.Scale.Stances {
		fills[k] = parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
	}
	fills[ns] = colBand

	b.addPage(L.orient)
	b.sectionHeading("The matrix at a glance")
	across := "parties across in the workbook's order"
	if similar {
		across = "parties across in similarity order (parties that agree side by side)"
	}
	aid := "Every cell of the matrix: issues down in the workbook's order, " + across + ", each cell in its stance's colour; white: no recorded position."
	if L.symbols {
		aid += " The symbols repeat the colours for black-and-white print."
	} else {
		aid += " The cells are too small for the symbols: the shades follow the legend, and the issues given in detail name each stance."
	}
	if b.sum != nil && b.sec["issues"] {
		aid += " In bold, and linked: the issues given in detail."
	}
	b.caption(aid)
	pdf.Ln(1.5)
	b.overviewLegend()
	pdf.Ln(2)

	gridW := float64(n) * L.colW
	for start := 0; start < len(m.Issues); {
		if start > 0 {
			b.addPage(L.orient)
		}
		y0 := pdf.GetY() + lineH(smallSize) + 1 + L.headH
		rows := max(1, int((b.bottom()-y0)/L.rowH))
		end := min(start+rows, len(m.Issues))
		b.font("B", smallSize)
		b.color(colMuted)
		pdf.SetX(margin)
		pdf.MultiCell(0, lineH(smallSize), fmt.Sprintf("Issues %d–%d of %d", start+1, end, len(m.Issues)), "", "L", false)
		b.color(colInk)
		x0 := margin + L.labelW
		b.overviewHead(L, order, x0, y0)
		b.overviewRows(L, idx, fills, start, end, x0, y0)
		b.overview = append(b.overview, overviewPage{
			box: labelBox{Party: -1, X: margin, Y: y0 - L.headH, W: L.labelW + gridW, H: L.headH + float64(end-start)*L.rowH},
			w:   L.w, h: L.h, from: start, to: end,
		})
		pdf.SetY(y0 + float64(end-start)*L.rowH + 2)
		start = end
	}
	if L.numbered {
		keys := make([]string, n)
		for p := range keys {
			keys[p] = strconv.Itoa(p+1) + " " + m.Parties[p].Name
		}
		b.ensure(lineH(smallSize) * 3)
		b.caption("Party numbers: " + strings.Join(keys, " · "))
	}
	pdf.Ln(4)
}

// allParties returns the indices of every party, in workbook order.
func (b *briefing) allParties() []int {
	out := make([]int, len(b.m.Parties))
	for i := range out {
		out[i] = i
	}
	return out
}

// overviewLegend draws the stances' colours with their symbols and labels
// in one line (wrapping when needed).
func (b *briefing) overviewLegend() {
	pdf := b.pdf
	w, _ := b.pageWH()
	const tw, th = 7.0, 4.2
	x, y := margin, pdf.GetY()
	item := func(label string, tile func(x, y float64)) {
		b.font("", smallSize)
		lw := pdf.GetStringWidth(label)
		if x+tw+1.5+lw > w-margin && x > margin {
			x, y = margin, y+th+1.5
		}
		tile(x, y)
		b.font("", smallSize)
		b.color(colInk)
		pdf.Text(x+tw+1.5, y+th/2+smallSize*mmPerPt*0.35, label)
		x += tw + 1.5 + lw + 5
	}
	for _, st := range b.m.Scale.Stances {
		item(b.fonts.clean(st.Label), func(x, y float64) { b.swatch(x, y, tw, th, st, minSize) })
	}
	item("No recorded position", func(x, y float64) {
		b.fill(colBlankBG)
		b.draw(colRule)
		pdf.SetLineWidth(0.2)
		pdf.Rect(x, y, tw, th, "FD")
	})
	pdf.SetY(y + th + 1.5)
}

// overviewHead draws the party labels over the columns, rotated.
func (b *briefing) overviewHead(L overviewLayout, order []int, x0, y0 float64) {
	pdf := b.pdf
	b.font("", L.fs)
	b.color(colInk)
	for j, p := range order {
		if j%L.step != 0 {
			continue
		}
		label := strconv.Itoa(p + 1)
		if !L.numbered {
			label = b.fitEllipsis(b.fonts.clean(b.m.Parties[p].Name), L.headH-2)
		}
		cx := x0 + (float64(j)+0.5)*L.colW + L.fs*mmPerPt*0.35
		pdf.TransformBegin()
		pdf.TransformRotate(90, cx, y0-1)
		pdf.Text(cx, y0-1, label)
		pdf.TransformEnd()
	}
}

// overviewRows draws the issues start to end: their labels, and their
// cells stance by stance, runs of one stance in a row as one box when the
// cells carry no symbol.
func (b *briefing) overviewRows(L overviewLayout, idx [][]int16, fills []rgb, start, end int, x0, y0 float64) {
	pdf := b.pdf
	m := b.m
	detail := map[int]bool{}
	if b.sum != nil && b.sec["issues"] {
		for _, i := range b.sum.detail {
			detail[i] = true
		}
	}
	for i := start; i < end; i++ {
		y := y0 + float64(i-start)*L.rowH
		style := ""
		if detail[i] {
			style = "B"
		}
		b.font(style, L.fs)
		s := b.fitEllipsis(b.fonts.clean(m.Issues[i].Name), L.labelW-1.5)
		pdf.Text(margin, y+L.rowH/2+L.fs*mmPerPt*0.35, s)
		if l := b.issueLink[i]; l != 0 && detail[i] {
			pdf.Link(margin, y, L.labelW-2, L.rowH, l)
		}
	}
	gapY := 0.0
	if L.rowH >= 1.8 {
		gapY = 0.25
	}
	gapX := 0.0
	if L.symbols {
		gapX = 0.3
	}
	n := len(m.Parties)
	for k, c := range fills {
		b.fill(c)
		// A fill close to white (as Conditional's is) is framed, so that
		// it does not read as a blank cell.
		op := "F"
		if pale(c) {
			op = "FD"
			b.draw(rgb{0x8c, 0x93, 0x9b})
			pdf.SetLineWidth(0.1)
		}
		for i := start; i < end; i++ {
			y := y0 + float64(i-start)*L.rowH
			for j := 0; j < n; {
				if int(idx[i][j]) != k {
					j++
					continue
				}
				e := j + 1
				if !L.symbols {
					for e < n && int(idx[i][e]) == k {
						e++
					}
				}
				pdf.Rect(x0+float64(j)*L.colW+gapX/2, y+gapY/2, float64(e-j)*L.colW-gapX, L.rowH-gapY, op)
				j = e
			}
		}
	}
	if L.symbols {
		b.font("B", L.symFs)
		for k, st := range m.Scale.Stances {
			sym := b.fonts.clean(st.Symbol)
			if sym == "" {
				continue
			}
			sw := pdf.GetStringWidth(sym)
			b.color(contrastText(fills[k]))
			for i := start; i < end; i++ {
				y := y0 + float64(i-start)*L.rowH + L.rowH/2 + L.symFs*mmPerPt*0.35
				for j := range n {
					if int(idx[i][j]) == k {
						pdf.Text(x0+(float64(j)+0.5)*L.colW-sw/2, y, sym)
					}
				}
			}
		}
		b.color(colInk)
	}
	b.draw(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x0, y0, float64(n)*L.colW, float64(end-start)*L.rowH, "D")
}

// pale reports whether c is too close to white to tell from a blank cell.
func pale(c rgb) bool {
	return c.r+c.g+c.b > 3*0xe8
}
