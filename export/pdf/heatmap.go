package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

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
		aid += fmt.Sprintf(" Framed: the blocs (%s or more).", matrix.Percent(matrix.BlocAgreement))
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
