package html

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file lays out "Who stands with whom" as inline SVG, from the
// document's Analysis, as the PDF draws it: the agreement heatmap in
// similarity order with the blocs framed, the party map with a shape and a
// colour per bloc, and the blocs in words. Each chart has a <title> and a
// <desc>, and a data table beside it.

// accent is the heatmap's colour at full agreement.
var accent = export.RGB{R: 0x1f, G: 0x3a, B: 0x5f}

// blocColors colour the blocs on the map, as in the PDF.
var blocColors = []string{"#1F3A5F", "#9B1C1C", "#2166AC", "#B35C1E", "#3B6E3B", "#6A3D7A"}

type alignView struct {
	TooFew  bool
	Heat    *heatView
	Map     *mapView
	NoMap   string
	Blocs   []blocView
	Rest    []string
	Summary string
}

type heatView struct {
	W, H, Size string
	Desc       string
	Labels     []heatLabel
	// Fills are the cells, one path per colour (blank cells: Blank), in
	// the order the colours first come, row by row: a <rect> per cell made
	// the 50 × 50 heatmap of a large matrix a third of the page's time.
	Fills   []heatFill
	Frames  []rect
	Caption string
	// Table is the data table: the parties in similarity order, each row
	// with its figures.
	Heads []string
	Rows  []heatRow
}

type heatLabel struct {
	Text, Col  string
	X, Y       string
	Full       string
	ColX, ColY string
}

// heatFill is the cells of one colour: D, the path of their squares, and
// their figures, in Ink, each drawn after the path it stands on.
type heatFill struct {
	Fill, Ink string
	Blank     bool
	D         string
	Texts     []heatText
}

type heatText struct{ X, Y, Text string }

type rect struct{ X, Y, W, H string }

type heatRow struct {
	Party string
	Cells []string
}

type mapView struct {
	W, H        string
	Desc        string
	Frame       rect
	Right       string // the frame's right and bottom edges
	Bottom      string
	AxisX       string // x of the vertical axis line, "" when outside
	AxisY       string
	Marks       []markView
	Labels      []mapLabel
	XTitle      string
	YTitle      string
	XTX, XTY    string
	YTX, YTY    string
	Caption     string
	LeftOut     string
	Crowded     string
	Key         string
	Rows        []mapRow
	Explained   [2]string
	StressValue string
}

type markView struct {
	Shape          string // circle, square, triangle, diamond, down, hollow
	X, Y, R        string
	Points         string
	Fill, Stroke   string
	Title          string
	RX, RY, RW, RH string
}

// mapLabel is a label of the party map; W is its measured width, which the
// browser fits the text to (textLength), whatever its font.
type mapLabel struct{ Text, X, Y, W string }

type mapRow struct {
	Party, Label, X, Y, Bloc string
}

type blocView struct {
	Letter, Head string
	Parties      []string
	Mark         markView
}

// f formats a coordinate with one decimal.
func f(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// appendF appends f(x) to b.
func appendF(b []byte, x float64) []byte {
	return strconv.AppendFloat(b, math.Round(x*10)/10, 'f', -1, 64)
}

func mix(c export.RGB, t float64) export.RGB {
	g := func(v uint8) uint8 { return uint8(math.Round(255 - (255-float64(v))*t)) }
	return export.RGB{R: g(c.R), G: g(c.G), B: g(c.B)}
}

// ellipsis shortens s to at most n characters.
func ellipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func blocOf(m *matrix.Matrix, an *matrix.Analysis) []int {
	out := make([]int, len(m.Parties))
	for p := range out {
		out[p] = -1
	}
	for g, ps := range an.Blocs.Groups {
		for _, p := range ps {
			if p < len(out) {
				out[p] = g
			}
		}
	}
	return out
}

func alignOf(m *matrix.Matrix, an *matrix.Analysis) *alignView {
	a := &alignView{}
	if len(m.Parties) < 2 {
		a.TooFew = true
		return a
	}
	bloc := blocOf(m, an)
	a.Heat = heatmapOf(m, an)
	if len(an.Map.Points) > 0 {
		a.Map = mapOf(m, an, bloc)
	} else {
		a.NoMap = an.Map.Reason
	}
	a.Summary = an.Blocs.Summary
	for g, ps := range an.Blocs.Groups {
		var sum float64
		k := 0
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = m.Parties[p].Name
			for _, q := range ps[i+1:] {
				if pr, ok := known(an, p, q); ok {
					sum += pr.Agreement
					k++
				}
			}
		}
		head := fmt.Sprintf("Bloc %s (%d parties", blocLetter(g), len(ps))
		if k > 0 {
			head += ", " + matrix.Percent(sum/float64(k)) + " agreement on average"
		}
		head += "):"
		a.Blocs = append(a.Blocs, blocView{Letter: blocLetter(g), Head: head, Parties: names, Mark: marker(7, 7, 5, g, "")})
	}
	for p, g := range bloc {
		if g < 0 {
			a.Rest = append(a.Rest, m.Parties[p].Name)
		}
	}
	return a
}

// blocLetter names bloc g: A, B, …, Z, AA, AB, …
func blocLetter(g int) string {
	if g < 26 {
		return string(rune('A' + g))
	}
	return blocLetter(g/26-1) + string(rune('A'+g%26))
}

func heatmapOf(m *matrix.Matrix, an *matrix.Analysis) *heatView {
	n := len(m.Parties)
	order := an.Order
	if len(order) != n {
		order = make([]int, n)
		for i := range order {
			order[i] = i
		}
	}
	const fs = 11.0
	c := math.Max(12, math.Min(44, 640/float64(n)))
	lw, colH := 0.0, 0.0
	rowText := make([]string, n)
	colText := make([]string, n)
	for i, p := range order {
		rowText[i] = ellipsis(m.Parties[p].Name, 28)
		colText[i] = ellipsis(firstNonEmpty(strings.TrimSpace(m.Parties[p].Short), strconv.Itoa(p+1)), 12)
		lw = math.Max(lw, textWidth(rowText[i], fs))
		colH = math.Max(colH, textWidth(colText[i], fs))
	}
	lw += 6
	colH += 6
	size := c * float64(n)
	h := &heatView{W: f(lw + size + 2), H: f(colH + size + 2), Size: f(size)}
	x0, y0 := lw, colH
	for i, p := range order {
		cy := y0 + (float64(i)+0.5)*c
		cx := x0 + (float64(i)+0.5)*c
		h.Labels = append(h.Labels, heatLabel{Text: rowText[i], Col: colText[i], Full: m.Parties[p].Name, X: f(x0 - 4), Y: f(cy + fs*0.35), ColX: f(cx + fs*0.35), ColY: f(y0 - 4)})
	}
	showPct := c >= 18
	side := f(c - 1)
	// fills maps a colour (kind heatBlank for blank cells, heatSelf for a
	// party with itself) to its index in h.Fills; d are the paths of
	// h.Fills as they grow.
	type fillKey struct {
		kind  int
		color export.RGB
	}
	const heatKnown, heatBlank, heatSelf = 0, 1, 2
	fills := map[fillKey]int{}
	var d [][]byte
	for i, p := range order {
		for j, q := range order {
			x, y := x0+float64(j)*c, y0+float64(i)*c
			key := fillKey{kind: heatBlank}
			var bg export.RGB
			pr, ok := known(an, p, q)
			switch {
			case p == q:
				key.kind = heatSelf
			case ok:
				bg = mix(accent, pr.Agreement)
				key = fillKey{heatKnown, bg}
			}
			k, seen := fills[key]
			if !seen {
				k = len(h.Fills)
				fills[key] = k
				hf := heatFill{}
				switch key.kind {
				case heatBlank:
					hf.Blank = true
				case heatSelf:
					hf.Fill = "#E9EDF2"
				default:
					hf.Fill = "#" + bg.Hex()
					hf.Ink = "#111111"
					if export.LightText(bg) {
						hf.Ink = "#ffffff"
					}
				}
				h.Fills = append(h.Fills, hf)
				d = append(d, nil)
			}
			b := append(appendF(append(d[k], 'M'), x+0.5), ' ')
			b = append(append(appendF(b, y+0.5), 'h'), side...)
			b = append(append(append(append(b, 'v'), side...), "h-"...), side...)
			d[k] = append(b, 'z')
			if showPct && key.kind == heatKnown {
				h.Fills[k].Texts = append(h.Fills[k].Texts, heatText{X: f(x + c/2), Y: f(y + c/2 + 3.5), Text: strconv.Itoa(int(math.Round(pr.Agreement * 100)))})
			}
		}
	}
	for k := range h.Fills {
		h.Fills[k].D = string(d[k])
		if !showPct {
			h.Fills[k].Ink = ""
		}
	}
	pos := make([]int, n)
	for i, p := range order {
		pos[p] = i
	}
	for _, g := range an.Blocs.Groups {
		s, e := n, -1
		for _, p := range g {
			s, e = min(s, pos[p]), max(e, pos[p])
		}
		h.Frames = append(h.Frames, rect{X: f(x0 + float64(s)*c), Y: f(y0 + float64(s)*c), W: f(float64(e-s+1) * c), H: f(float64(e-s+1) * c)})
	}
	mp := an.Map
	aid := fmt.Sprintf("Darker = agree more; a blank cell: fewer than %d shared scored issues; %d of %s share enough.",
		matrix.MinShared, mp.Known, export.Plural(mp.Pairs, "pair", "pairs"))
	if showPct {
		aid = "Figures: % agreement. " + aid
	}
	if len(an.Blocs.Groups) > 0 {
		aid += fmt.Sprintf(" Framed: the blocs (%s or more).", matrix.Percent(matrix.BlocAgreement))
	}
	h.Caption = aid
	h.Desc = fmt.Sprintf("Agreement between each pair of the %d parties, in similarity order. %s The same figures are in the data table.", n, aid)
	for _, p := range order {
		h.Heads = append(h.Heads, m.Parties[p].Name)
	}
	// The table's figures, each pair's made once for both of its cells.
	figures := make([]string, n*n)
	for _, p := range order {
		r := heatRow{Party: m.Parties[p].Name, Cells: make([]string, 0, n)}
		for _, q := range order {
			fig := figures[q*n+p]
			switch pr, ok := known(an, p, q); {
			case p == q:
				fig = "—"
			case !ok:
				fig = "too few shared"
			case fig == "":
				fig = matrix.Percent(pr.Agreement) + " over " + strconv.Itoa(pr.Shared)
				figures[p*n+q] = fig
			}
			r.Cells = append(r.Cells, fig)
		}
		h.Rows = append(h.Rows, r)
	}
	return h
}

// marker is a party's mark: the bloc's shape in its colour, or a hollow
// circle for a party in no bloc.
func marker(x, y, r float64, bloc int, title string) markView {
	mk := markView{X: f(x), Y: f(y), R: f(r), Title: title}
	if bloc < 0 {
		mk.Shape, mk.Fill, mk.Stroke, mk.R = "circle", "#FFFFFF", "#57606A", f(r*0.85)
		return mk
	}
	mk.Fill = blocColors[bloc%len(blocColors)]
	mk.Stroke = "#111111"
	pts := func(ps ...float64) string {
		var s []string
		for i := 0; i < len(ps); i += 2 {
			s = append(s, f(ps[i])+","+f(ps[i+1]))
		}
		return strings.Join(s, " ")
	}
	switch bloc % 5 {
	case 0:
		mk.Shape = "circle"
	case 1:
		mk.Shape = "square"
		mk.RX, mk.RY, mk.RW, mk.RH = f(x-r*0.85), f(y-r*0.85), f(1.7*r), f(1.7*r)
	case 2:
		mk.Shape, mk.Points = "poly", pts(x, y-r, x+r, y+r*0.8, x-r, y+r*0.8)
	case 3:
		mk.Shape, mk.Points = "poly", pts(x, y-r, x+r, y, x, y+r, x-r, y)
	default:
		mk.Shape, mk.Points = "poly", pts(x-r, y-r*0.8, x+r, y-r*0.8, x, y+r)
	}
	return mk
}

type box struct{ X, Y, W, H float64 }

func (a box) overlaps(c box) bool {
	return a.X < c.X+c.W && c.X < a.X+a.W && a.Y < c.Y+c.H && c.Y < a.Y+a.H
}

func mapOf(m *matrix.Matrix, an *matrix.Analysis, bloc []int) *mapView {
	mp := an.Map
	n := len(mp.Points)
	const pw, ph, px, py, fs = 640.0, 400.0, 24.0, 4.0, 11.0
	v := &mapView{W: f(px + pw + 2), H: f(py + ph + 24)}
	v.Frame = rect{X: f(px), Y: f(py), W: f(pw), H: f(ph)}
	v.Right, v.Bottom = f(px+pw), f(py+ph)
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, pt := range mp.Points {
		xmin, xmax = math.Min(xmin, pt.X), math.Max(xmax, pt.X)
		ymin, ymax = math.Min(ymin, pt.Y), math.Max(ymax, pt.Y)
	}
	padX, padY := 90.0, 24.0
	s := math.Inf(1)
	if xmax > xmin {
		s = (pw - 2*padX) / (xmax - xmin)
	}
	if ymax > ymin {
		s = math.Min(s, (ph-2*padY)/(ymax-ymin))
	}
	if math.IsInf(s, 1) || math.IsNaN(s) {
		s = 1
	}
	cx, cy := px+pw/2, py+ph/2
	mx, my := (xmin+xmax)/2, (ymin+ymax)/2
	at := func(pt matrix.Point) (float64, float64) { return cx + (pt.X-mx)*s, cy - (pt.Y-my)*s }
	if zx, _ := at(matrix.Point{}); zx > px && zx < px+pw {
		v.AxisX = f(zx)
	}
	if _, zy := at(matrix.Point{}); zy > py && zy < py+ph {
		v.AxisY = f(zy)
	}
	base := 5.0
	if n > 60 {
		base = 3.5
	}
	size, sizesVary := export.MarkerSize(m, mp.Points)
	radius := func(p int) float64 { return base * size(p) }
	var marks, labels []box
	plot := box{px, py, pw, ph}
	for _, pt := range mp.Points {
		x, y := at(pt)
		r := radius(pt.Party)
		name := m.Parties[pt.Party].Name
		v.Marks = append(v.Marks, marker(x, y, r, bloc[pt.Party], name))
		marks = append(marks, box{x - r, y - r, 2 * r, 2 * r})
	}
	free := func(b box) bool {
		if b.X < plot.X+2 || b.Y < plot.Y+2 || b.X+b.W > plot.X+plot.W-2 || b.Y+b.H > plot.Y+plot.H-2 {
			return false
		}
		g := box{b.X - 2, b.Y - 1, b.W + 4, b.H + 2}
		for _, o := range labels {
			if g.overlaps(o) {
				return false
			}
		}
		for _, o := range marks {
			if b.overlaps(o) {
				return false
			}
		}
		return true
	}
	// The most crowded places first, as in the PDF.
	seq := make([]int, n)
	for k := range seq {
		seq[k] = k
	}
	dist := func(k int) float64 { x, y := at(mp.Points[k]); return math.Hypot(x-cx, y-cy) }
	slices.SortStableFunc(seq, func(a, b int) int {
		switch da, db := dist(a), dist(b); {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	keyed := map[int]string{}
	var crowded []string
	// A label's box is as tall as the text's ascent and descent in any
	// common sans-serif (Liberation Sans 1.12 em, DejaVu Sans 1.16 em), its
	// baseline 0.95 em down.
	th := fs * 1.2
	for _, k := range seq {
		pt := mp.Points[k]
		x, y := at(pt)
		r := radius(pt.Party)
		pa := m.Parties[pt.Party]
		texts := []string{pa.Name}
		if sh := strings.TrimSpace(pa.Short); sh != "" && sh != pa.Name {
			texts = append(texts, sh)
		}
		texts = append(texts, strconv.Itoa(pt.Party+1))
		placed := false
		for ti, t := range texts {
			tw := textWidth(t, fs)
			d := r + 3
			for _, c := range [][2]float64{{x + d, y - th/2}, {x - d - tw, y - th/2}, {x - tw/2, y - d - th}, {x - tw/2, y + d},
				{x + d*0.7, y - d*0.7 - th}, {x - d*0.7 - tw, y - d*0.7 - th}, {x + d*0.7, y + d*0.7}, {x - d*0.7 - tw, y + d*0.7}} {
				b := box{c[0], c[1], tw, th}
				if free(b) {
					labels = append(labels, b)
					v.Labels = append(v.Labels, mapLabel{Text: t, X: f(b.X), Y: f(b.Y + fs*0.95), W: f(tw)})
					if ti > 0 {
						keyed[pt.Party] = t
					}
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			keyed[pt.Party] = ""
		}
	}
	var ks []string
	for _, pt := range mp.Points {
		switch t, ok := keyed[pt.Party]; {
		case !ok:
		case t == "":
			crowded = append(crowded, m.Parties[pt.Party].Name)
		default:
			ks = append(ks, t+" "+m.Parties[pt.Party].Name)
		}
	}
	if len(ks) > 0 {
		v.Key = "Key: " + strings.Join(ks, " · ")
	}
	if len(crowded) > 0 {
		v.Crowded = fmt.Sprintf("Too crowded to label (%d): %s.", len(crowded), strings.Join(crowded, ", "))
	}
	v.XTitle = fmt.Sprintf("First axis: %s of the variation", matrix.Percent(mp.Explained[0]))
	v.YTitle = fmt.Sprintf("Second axis: %s of the variation", matrix.Percent(mp.Explained[1]))
	v.XTX, v.XTY = f(px+pw/2), f(py+ph+16)
	v.YTX, v.YTY = f(px-8), f(py+ph/2)

	v.Caption = export.MapCaption(an, sizesVary)
	if len(mp.LeftOut) > 0 {
		var out []string
		for _, lo := range mp.LeftOut {
			out = append(out, m.Parties[lo.Party].Name+" ("+lo.Reason+")")
		}
		v.LeftOut = fmt.Sprintf("Not on the map (%d of %d parties): %s.", len(mp.LeftOut), len(m.Parties), strings.Join(out, "; "))
	}
	v.Desc = fmt.Sprintf("The %d parties on the map as points, closer for more agreement. %s The coordinates are in the data table.", n, v.Caption)
	for _, pt := range mp.Points {
		r := mapRow{Party: m.Parties[pt.Party].Name, X: strconv.FormatFloat(pt.X, 'f', 3, 64), Y: strconv.FormatFloat(pt.Y, 'f', 3, 64), Bloc: "none"}
		if g := bloc[pt.Party]; g >= 0 {
			r.Bloc = blocLetter(g)
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}
