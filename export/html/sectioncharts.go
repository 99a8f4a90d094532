package html

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// This file lays out the PDF's three chart sections as inline SVG:
// "Where the issues split" (a stacked bar per contested issue, by count
// and by weight), "Party profiles by category" (a dot plot with k/n
// coverage) and "What moved" (an arrow per changed cell). Each prints
// values or symbols, so that it reads without colour, has a <title> and a
// <desc>, and its figures in a data table beside it; the sentences under
// them and those that replace a chart whose data is too thin are the
// PDF's (export/charts.go).

// chartFont is the size of the charts' text, in px.
const chartFont = 11.0

// splitView is "Where the issues split".
type splitView struct {
	None     string // the sentence in place of the chart
	W, H     string
	Desc     string
	Weighted bool
	Rows     []splitRow
	Ticks    []tick
	Grid     []line
	Aid      string
	Cover    string
	Stances  []stanceView // the table's columns
}

type splitRow struct {
	Issue, Label string // the issue's name, and as drawn
	LX, LY       string
	Link         string
	Segs         []segView
	WSegs        []segView
	NoWeight     bool
	NWX, NWY     string
	Cov, CX, CY  string
	WX, WY       string // "by weight"
	Cells        []string
	Of           string // "4 of 7"
}

type segView struct {
	X, Y, W, H, Fill, Stroke string
	Text, TX, TY, Ink        string
	Title                    string
}

type tick struct{ X, Y, Text string }

type line struct{ X1, Y1, X2, Y2 string }

func splitOf(m *matrix.Matrix, an *matrix.Analysis, linked func(issue int) bool) *splitView {
	shown, qualifying, thin := matrix.SplitIssues(m, an, matrix.MaxSplitIssues)
	if len(shown) == 0 {
		return &splitView{None: export.SplitNone(m, an)}
	}
	weighted := m.WeightsDiffer()
	const labelW, barW, covW, barH, wbarH, gap = 230.0, 400.0, 64.0, 22.0, 13.0, 10.0
	v := &splitView{Weighted: weighted, Aid: export.SplitAid(len(m.Parties), weighted), Cover: export.SplitCover(len(shown), qualifying, thin)}
	for k, st := range m.Scale.Stances {
		v.Stances = append(v.Stances, stanceView{Class: "s" + strconv.Itoa(k), Label: st.Label, Symbol: st.Symbol})
	}
	rowH := barH
	if weighted {
		rowH += 2 + wbarH
	}
	bx := labelW + 8
	y := 4.0
	for _, st := range shown {
		is := m.Issues[st.Issue]
		r := splitRow{Issue: is.Name, Label: ellipsis(is.Name, 36), LX: f(labelW), LY: f(y + barH/2 + 4),
			Of: fmt.Sprintf("%d of %d", st.Positions, len(m.Parties))}
		if linked(st.Issue) {
			r.Link = issueID(st.Issue)
		}
		r.Cov, r.CX, r.CY = r.Of, f(bx+barW+6), r.LY
		counts := make([]float64, len(st.Counts))
		for j, c := range st.Counts {
			counts[j] = float64(c)
		}
		r.Segs = segments(m, counts, bx, y, barW, barH, true)
		if weighted {
			wy := y + barH + 2
			r.WX, r.WY = f(bx+barW+6), f(wy+wbarH/2+4)
			if r.WSegs = segments(m, st.Weights, bx, wy, barW, wbarH, false); r.WSegs == nil {
				r.NoWeight, r.NWX, r.NWY = true, f(bx), f(wy+wbarH/2+4)
			}
		}
		total := 0.0
		for _, w := range st.Weights {
			if w > 0 {
				total += w
			}
		}
		for j, c := range st.Counts {
			cell := strconv.Itoa(c)
			if weighted && total > 0 {
				cell += " (" + strconv.Itoa(int(math.Round(100*st.Weights[j]/total))) + "% of the weight)"
			}
			r.Cells = append(r.Cells, cell)
		}
		v.Rows = append(v.Rows, r)
		y += rowH + gap
	}
	bottom := y - gap + 4
	for q := 0; q <= 4; q++ {
		x := bx + barW*float64(q)/4
		v.Grid = append(v.Grid, line{X1: f(x), Y1: "2", X2: f(x), Y2: f(bottom)})
		v.Ticks = append(v.Ticks, tick{X: f(x), Y: f(bottom + 13), Text: strconv.Itoa(25*q) + "%"})
	}
	v.W, v.H = f(bx+barW+covW+6), f(bottom+18)
	v.Desc = fmt.Sprintf("%s %s The same figures are in the data table.", v.Aid, v.Cover)
	return v
}

// segments lays out a bar of vals, one segment per stance in scale order;
// counts print the symbol and the count where they fit, else the count,
// the weight bar its share. Nil when vals sum to nothing.
func segments(m *matrix.Matrix, vals []float64, x, y, w, h float64, counts bool) []segView {
	total := 0.0
	for _, v := range vals {
		if v > 0 {
			total += v
		}
	}
	if total <= 0 {
		return nil
	}
	var out []segView
	cx := x
	for k, val := range vals {
		if !(val > 0) {
			continue
		}
		st := m.Scale.Stances[k]
		sw := w * val / total
		c, ok := export.ParseRGB(st.Color)
		if !ok {
			c = export.RGB{R: 0xbd, G: 0xbd, B: 0xbd}
		}
		s := segView{X: f(cx), Y: f(y), W: f(sw), H: f(h), Fill: "#" + c.Hex(), Stroke: "#" + darker(c).Hex(), Ink: "#111111"}
		if export.LightText(c) {
			s.Ink = "#ffffff"
		}
		share := strconv.Itoa(int(math.Round(100*val/total))) + "%"
		var texts []string
		if counts {
			n := strconv.Itoa(int(val))
			s.Title = st.Label + ": " + export.Plural(int(val), "party", "parties")
			if st.Symbol != "" {
				texts = append(texts, st.Symbol+" "+n)
			}
			texts = append(texts, n)
		} else {
			s.Title = st.Label + ": " + share + " of the weight"
			texts = append(texts, share)
		}
		size := chartFont
		if !counts {
			size = 9
		}
		for _, t := range texts {
			if tw := textWidth(t, size) + 4; tw <= sw {
				s.Text, s.TX, s.TY = t, f(cx+sw/2), f(y+h/2+size*0.35)
				break
			}
		}
		out = append(out, s)
		cx += sw
	}
	return out
}

// categoriesView is "Party profiles by category".
type categoriesView struct {
	None   string
	Aid    string
	Cover  string
	Blocks []catBlock
	Names  []string // the table's columns: the categories
	Rows   []catRow
}

type catBlock struct {
	ID, W, H string
	Desc     string
	Heads    []catHead
	Rows     []catRowSVG
}

type catHead struct {
	Name, Label, X, Y string
	Size, SX, SY      string
	Ticks             []tick
	Edge              line
	Grid              []line // a line at each score, down all the rows
}

type catRowSVG struct {
	Band                bool
	BY, BW, BH          string
	Name, Label, LX, LY string
	Dots                []catDot
}

type catDot struct {
	X, Y         string
	Hollow, None bool
	Cov, CX, CY  string
	Title        string
}

type catRow struct {
	Party string
	Cells []string
}

func categoriesOf(m *matrix.Matrix, an *matrix.Analysis) *categoriesView {
	if s := export.CategoriesNone(m, an); s != "" {
		return &categoriesView{None: s}
	}
	lo, hi, _ := m.Scale.Bounds()
	cp := an.Categories
	v := &categoriesView{Aid: export.CategoriesAid(export.LabelAtScore(m.Scale, lo), export.LabelAtScore(m.Scale, hi)), Cover: export.CategoriesCover(cp)}
	order := an.Order
	if len(order) != len(m.Parties) {
		order = make([]int, len(m.Parties))
		for i := range order {
			order[i] = i
		}
	}
	lw := 0.0
	labels := make([]string, len(m.Parties))
	for p, pa := range m.Parties {
		labels[p] = ellipsis(pa.Name, 26)
		lw = math.Max(lw, textWidth(labels[p], chartFont))
	}
	lw += 10
	const panelW, rowH, perBlock = 150.0, 20.0, 4
	headH := 3*14.0 + 4
	cats := cp.Categories
	blocks := (len(cats) + perBlock - 1) / perBlock
	for k, start := 0, 0; k < blocks; k++ {
		size := len(cats) / blocks
		if k < len(cats)%blocks {
			size++
		}
		blk := cats[start : start+size]
		start += size
		b := catBlock{ID: "cat-" + strconv.Itoa(k+1), W: f(lw + float64(len(blk))*panelW + 2), H: f(headH + float64(len(order))*rowH + 4)}
		var names []string
		for j, c := range blk {
			x := lw + float64(j)*panelW
			ax, aw := x+10, panelW-52
			h := catHead{Name: c.Name, Label: ellipsis(c.Name, 22), X: f(x + 6), Y: "14", Size: export.Plural(len(c.Issues), "issue", "issues"), SX: f(x + 6), SY: "28",
				Edge: line{X1: f(x), Y1: "2", X2: f(x), Y2: f(headH + float64(len(order))*rowH)}}
			for _, st := range m.Scale.Stances {
				if st.HasScore {
					s := st.Symbol
					if s == "" {
						s = strconv.FormatFloat(st.Score, 'g', -1, 64)
					}
					sx := f(ax + aw*(st.Score-lo)/(hi-lo))
					h.Ticks = append(h.Ticks, tick{X: sx, Y: f(headH - 6), Text: s})
					h.Grid = append(h.Grid, line{X1: sx, Y1: f(headH), X2: sx, Y2: f(headH + float64(len(order))*rowH)})
				}
			}
			b.Heads = append(b.Heads, h)
			names = append(names, c.Name)
		}
		for r, p := range order {
			y := headH + float64(r)*rowH
			row := catRowSVG{Band: r%2 == 1, BY: f(y), BW: f(lw + float64(len(blk))*panelW), BH: f(rowH), Name: m.Parties[p].Name, Label: labels[p], LX: "4", LY: f(y + rowH/2 + 4)}
			for j, c := range blk {
				x := lw + float64(j)*panelW
				ax, aw := x+10, panelW-52
				mean := c.Means[p]
				d := catDot{Cov: fmt.Sprintf("%d/%d", mean.Scored, len(c.Issues)), CX: f(x + panelW - 6), CY: f(y + rowH/2 + 4), Y: f(y + rowH/2)}
				if mean.Scored == 0 {
					d.None = true
					d.Title = fmt.Sprintf("%s, %s: no scored stance (0 of %d issues)", m.Parties[p].Name, c.Name, len(c.Issues))
				} else {
					d.X = f(ax + aw*(math.Max(lo, math.Min(hi, mean.Mean))-lo)/(hi-lo))
					d.Hollow = export.Hollow(mean, len(c.Issues))
					d.Title = fmt.Sprintf("%s, %s: mean %s over %d of %d issues", m.Parties[p].Name, c.Name, meanText(mean.Mean), mean.Scored, len(c.Issues))
				}
				row.Dots = append(row.Dots, d)
			}
			b.Rows = append(b.Rows, row)
		}
		b.Desc = fmt.Sprintf("Dot plot of each party's mean score on the issues of %s. %s The same figures are in the data table.", strings.Join(names, ", "), v.Aid)
		v.Blocks = append(v.Blocks, b)
	}
	for _, c := range cats {
		v.Names = append(v.Names, c.Name)
	}
	for _, p := range order {
		r := catRow{Party: m.Parties[p].Name}
		for _, c := range cats {
			mean := c.Means[p]
			if mean.Scored == 0 {
				r.Cells = append(r.Cells, fmt.Sprintf("— (0/%d)", len(c.Issues)))
				continue
			}
			r.Cells = append(r.Cells, fmt.Sprintf("%s (%d/%d)", meanText(mean.Mean), mean.Scored, len(c.Issues)))
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

// meanText is a mean score with at most two decimals.
func meanText(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// movedView is "What moved".
type movedView struct {
	None   string
	W, H   string
	Desc   string
	Aid    string
	Cover  string
	Ticks  []tick
	Ends   []tick // the scale's end labels
	Rows   []moveRow
	HeadY  string
	HeadX2 string
}

type moveRow struct {
	Band                      bool
	BY, BW, BH                string
	Party, Issue, Label       string
	LX, LY                    string
	Grid                      []line
	Kind                      string // arrow, ring, new, old
	X1, X2, Y, HeadPts, Color string
	Note, NX                  string
	Old, New, Direction       string
}

var (
	towardsSupport    = "#2166AC"
	towardsOpposition = "#B2182B"
)

func movedOf(m *matrix.Matrix, ch *matrix.Changes, listed bool) *movedView {
	lo, hi, ok := m.Scale.Bounds()
	if s := export.MovedNone(ch, ok); s != "" {
		return &movedView{None: s}
	}
	mv := export.Moves(ch)
	all := len(mv)
	if len(mv) > export.MaxMoves {
		mv = mv[:export.MaxMoves]
	}
	const lw, aw, nw, rowH = 300.0, 240.0, 220.0, 20.0
	ax := lw + 14
	v := &movedView{Aid: export.MovedAid(ch), W: f(ax + aw + 14 + nw), HeadX2: f(ax + aw + 14)}
	for _, st := range m.Scale.Stances {
		if st.HasScore {
			s := st.Symbol
			if s == "" {
				s = strconv.FormatFloat(st.Score, 'g', -1, 64)
			}
			v.Ticks = append(v.Ticks, tick{X: f(ax + aw*(st.Score-lo)/(hi-lo)), Y: "14", Text: s})
		}
	}
	v.Ends = []tick{{X: f(ax), Y: "28", Text: export.LabelAtScore(m.Scale, lo)}, {X: f(ax + aw), Y: "28", Text: export.LabelAtScore(m.Scale, hi)}}
	v.HeadY = "28"
	at := func(s float64) float64 { return ax + aw*(math.Max(lo, math.Min(hi, s))-lo)/(hi-lo) }
	y := 36.0
	for r, c := range mv {
		row := moveRow{Band: r%2 == 1, BY: f(y), BW: f(ax + aw + 14 + nw), BH: f(rowH), Party: c.Party, Issue: c.Issue,
			Label: ellipsis(c.Party, 22) + ": " + ellipsis(c.Issue, max(8, 46-min(22, len([]rune(c.Party))))), LX: "4", LY: f(y + rowH/2 + 4),
			Old: orBlank(c.Old), New: orBlank(c.New), NX: f(ax + aw + 14), Y: f(y + rowH/2)}
		row.Note = ellipsis(firstNonEmpty(c.Old, "no position")+" → "+firstNonEmpty(c.New, "no position"), 34)
		for _, st := range m.Scale.Stances {
			if st.HasScore {
				sx := f(at(st.Score))
				row.Grid = append(row.Grid, line{X1: sx, Y1: f(y + 2), X2: sx, Y2: f(y + rowH - 2)})
			}
		}
		cy := y + rowH/2
		switch {
		case c.OldScored && c.NewScored && c.OldScore != c.NewScore:
			row.Kind, row.Color, row.Direction = "arrow", towardsSupport, "towards support"
			if c.NewScore < c.OldScore {
				row.Color, row.Direction = towardsOpposition, "towards opposition"
			}
			ox, nx := at(c.OldScore), at(c.NewScore)
			dir := 1.0
			if nx < ox {
				dir = -1
			}
			const head = 7.0
			row.HeadPts = f(nx) + "," + f(cy) + " " + f(nx-dir*head*1.4) + "," + f(cy-head*0.6) + " " + f(nx-dir*head*1.4) + "," + f(cy+head*0.6)
			row.X1 = f(ox)
			row.X2 = f(nx - dir*head)
		case c.OldScored && c.NewScored:
			row.Kind, row.X1, row.Direction = "ring", f(at(c.NewScore)), "same score"
		case c.NewScored:
			row.Kind, row.X1, row.Direction = "new", f(at(c.NewScore)), "from no score"
		default:
			row.Kind, row.X1, row.Direction = "old", f(at(c.OldScore)), "to no score"
		}
		v.Rows = append(v.Rows, row)
		y += rowH
	}
	v.H = f(y + 4)
	v.Cover = export.MovedCover(ch, len(mv), all, listed)
	v.Desc = fmt.Sprintf("%s %s The same moves are in the data table.", v.Aid, v.Cover)
	return v
}

// darker is c at 70% of its brightness, the edge of a segment in c.
func darker(c export.RGB) export.RGB {
	d := func(v uint8) uint8 { return uint8(math.Round(float64(v) * 0.7)) }
	return export.RGB{R: d(c.R), G: d(c.G), B: d(c.B)}
}
