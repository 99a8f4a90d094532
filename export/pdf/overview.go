package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
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

// MaxOverviewPages is the most pages the overview's grid takes: past it,
// the overview draws the most contested issues that fit and counts the
// others by category.
const MaxOverviewPages = 3

// overviewPlan is the layout of the overview and what it draws.
type overviewPlan struct {
	layout overviewLayout
	export.Overview
	from, to int // the pages the overview took, once drawn
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
// rows is the number of issue rows to draw.
func (b *briefing) layoutOverview(orient string, fs, nameW, partyW, symW float64, rows int) overviewLayout {
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
	if room := (avail - ovFirst) / float64(rows); room > L.rowH {
		L.rowH = math.Min(room, ovMaxRowH)
	}
	L.first = max(1, int((avail-ovFirst)/L.rowH))
	L.other = max(1, int(avail/L.rowH))
	L.pages = 1
	if rest := rows - L.first; rest > 0 {
		L.pages += (rest + L.other - 1) / L.other
	}
	return L
}

// chooseOverview picks the orientation and label size: the fewest pages,
// counting a party key for numbered columns as one more; then names over
// numbers, then upright pages; in each orientation the largest type that
// needs no more pages than the smallest.
func (b *briefing) chooseOverview() overviewLayout {
	nameW, partyW, symW := b.overviewWidths()
	cost := func(L overviewLayout) int {
		if L.numbered {
			return L.pages + 1
		}
		return L.pages
	}
	rows := len(b.m.Issues)
	var best overviewLayout
	for k, o := range b.overviewOrients() {
		least := b.layoutOverview(o, ovMinSize, nameW, partyW, symW, rows)
		L := least
		for fs := ovMaxSize; fs > ovMinSize; fs -= 0.5 {
			if c := b.layoutOverview(o, fs, nameW, partyW, symW, rows); cost(c) <= cost(least) {
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

// overviewWidths returns the widest issue name (bold), party name and
// symbol (bold), set at 1 pt.
func (b *briefing) overviewWidths() (nameW, partyW, symW float64) {
	m := b.m
	// Issue names measured bold, as the issues given in detail are set.
	b.font("B", 1)
	for _, is := range m.Issues {
		nameW = math.Max(nameW, b.pdf.GetStringWidth(b.fonts.clean(is.Name)))
	}
	b.font("", 1)
	for _, p := range m.Parties {
		partyW = math.Max(partyW, b.pdf.GetStringWidth(b.fonts.clean(p.Name)))
	}
	b.font("B", 1)
	for _, st := range m.Scale.Stances {
		symW = math.Max(symW, b.pdf.GetStringWidth(b.fonts.clean(st.Symbol)))
	}
	return nameW, partyW, symW
}

// foldOverview picks the layout of an overview that does not draw every
// issue: labels of ovMaxSize points, on the orientation that names the
// parties rather than numbering them, then the one that holds more issues
// in MaxOverviewPages pages, then upright pages; and how many issues it
// holds.
func (b *briefing) foldOverview() (overviewLayout, int) {
	nameW, partyW, symW := b.overviewWidths()
	var best overviewLayout
	bestRows := 0
	for k, o := range b.overviewOrients() {
		L := b.layoutOverview(o, ovMaxSize, nameW, partyW, symW, math.MaxInt32)
		rows := L.first + (MaxOverviewPages-1)*L.other
		if k == 0 || (best.numbered && !L.numbered) || (best.numbered == L.numbered && rows > bestRows) {
			best, bestRows = L, rows
		}
	}
	best.pages = MaxOverviewPages
	return best, bestRows
}

// planOverview decides, for a summary-first briefing with the matrix, the
// overview's layout and the issues it draws: every issue when they fit on
// MaxOverviewPages pages, else the most contested that do. It is called
// before the first page, so that its measuring leaves nothing on a page,
// and the first page's statement can say what the overview leaves out.
func (b *briefing) planOverview() {
	if b.sum == nil || !b.sec["matrix"] || len(b.m.Parties) == 0 || len(b.m.Issues) == 0 {
		return
	}
	defer b.font("", bodySize)
	m := b.m
	p := &overviewPlan{layout: b.chooseOverview()}
	p.Overview = export.FoldOverview(m, nil, len(m.Issues))
	if p.layout.pages > MaxOverviewPages {
		an := b.an
		if an == nil {
			an = b.opt.AnalysisOf(m)
		}
		L, rows := b.foldOverview()
		if ov := export.FoldOverview(m, an, rows); ov.Folded {
			// The statement of coverage, the party key and the table
			// by category take rows of the grid's pages.
			cut := int(math.Ceil(b.overviewExtraH(L, len(ov.Categories)) / L.rowH))
			rows = max(rows-cut, min(rows, 20))
			p.layout, p.Overview = L, export.FoldOverview(m, an, rows)
		}
	}
	b.sum.plan = p
}

// partyNumbers is the key to numbered party columns.
func (b *briefing) partyNumbers() string {
	keys := make([]string, len(b.m.Parties))
	for p := range keys {
		keys[p] = strconv.Itoa(p+1) + " " + b.m.Parties[p].Name
	}
	return "Party numbers: " + strings.Join(keys, " · ")
}

// overviewExtraH is the height a folded overview of layout L with cats
// categories takes beyond an overview of every issue: the statement of
// coverage and a longer reading aid above the grid, the party key (when
// the columns are numbered) and the table by category after it.
func (b *briefing) overviewExtraH(L overviewLayout, cats int) float64 {
	h := 3*lineH(bodySize-0.5) + 1.5 + lineH(smallSize)
	if L.numbered {
		b.font("", smallSize)
		h += float64(len(b.pdf.SplitText(b.fonts.clean(b.partyNumbers()), L.w-2*margin))) * lineH(smallSize)
	}
	rows := min(cats, maxOverviewCategories) + 2
	return h + 3 + lineH(11) + 1 + 3*lineH(smallSize) + 1.5 + float64(rows)*(lineH(smallSize)+1) + 4
}

// overviewOrients returns the orientations the overview may take.
func (b *briefing) overviewOrients() []string {
	switch b.opt.Orientation {
	case "portrait":
		return []string{"P"}
	case "landscape":
		return []string{"L"}
	}
	return []string{"P", "L"}
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
	L := b.chooseOverview() // measured again: the type it sets is on this page
	plan := b.sum.plan
	if plan.Folded {
		L = plan.layout
	}
	rows := plan.Issues
	order := b.allParties()
	similar := false
	if b.an != nil && len(b.an.Order) == n {
		order, similar = b.an.Order, true
	}
	// Each cell's stance, as its index in the scale; −1 blank, len(scale)
	// for a label not on it.
	ns := len(m.Scale.Stances)
	idx := make([][]int16, len(rows))
	for r, i := range rows {
		idx[r] = make([]int16, n)
		for j, p := range order {
			c := m.Cell(i, p)
			switch k, ok := b.stance[c.Stance]; {
			case c.Blank():
				idx[r][j] = -1
			case ok:
				idx[r][j] = int16(k)
			default:
				idx[r][j] = int16(ns)
			}
		}
	}
	fills := make([]rgb, ns+1)
	for k, st := range m.Scale.Stances {
		fills[k] = parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
	}
	fills[ns] = colBand

	b.addPage(L.orient)
	plan.from = pdf.PageNo()
	b.sectionHeading("The matrix at a glance")
	across := "parties across in the workbook's order"
	if similar {
		across = "parties across in similarity order (parties that agree side by side)"
	}
	aid := "Every cell of the matrix: issues down in the workbook's order, " + across + ", each cell in its stance's colour; white: no recorded position."
	if plan.Folded {
		aid = fmt.Sprintf("The %d most contested of the %s, most contested first (lowest consensus first), %s, each cell in its stance's colour; white: no recorded position.",
			len(rows), export.Plural(len(m.Issues), "issue", "issues"), across)
	}
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
	if plan.Folded {
		b.overviewCoverage(plan)
	}
	for start := 0; start < len(rows); {
		if start > 0 {
			b.addPage(L.orient)
		}
		y0 := pdf.GetY() + lineH(smallSize) + 1 + L.headH
		fit := max(1, int((b.bottom()-y0)/L.rowH))
		end := min(start+fit, len(rows))
		b.font("B", smallSize)
		b.color(colMuted)
		pdf.SetX(margin)
		head := fmt.Sprintf("Issues %d–%d of %d", start+1, end, len(m.Issues))
		if plan.Folded {
			head = fmt.Sprintf("Most contested issues %d–%d of the %d shown", start+1, end, len(rows))
		}
		pdf.MultiCell(0, lineH(smallSize), head, "", "L", false)
		b.color(colInk)
		x0 := margin + L.labelW
		b.overviewHead(L, order, x0, y0)
		b.overviewRows(L, rows, idx, fills, start, end, x0, y0)
		b.overview = append(b.overview, overviewPage{
			box: labelBox{Party: -1, X: margin, Y: y0 - L.headH, W: L.labelW + gridW, H: L.headH + float64(end-start)*L.rowH},
			w:   L.w, h: L.h, from: start, to: end,
		})
		pdf.SetY(y0 + float64(end-start)*L.rowH + 2)
		start = end
	}
	if L.numbered {
		b.ensure(lineH(smallSize) * 3)
		b.caption(b.partyNumbers())
	}
	if plan.Folded {
		b.overviewCategories(plan)
	}
	plan.to = pdf.PageNo()
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
// rows are the issues the overview draws, idx their cells.
func (b *briefing) overviewRows(L overviewLayout, rows []int, idx [][]int16, fills []rgb, start, end int, x0, y0 float64) {
	pdf := b.pdf
	m := b.m
	detail := map[int]bool{}
	if b.sum != nil && b.sec["issues"] {
		for _, i := range b.sum.detail {
			detail[i] = true
		}
	}
	for r := start; r < end; r++ {
		i := rows[r]
		y := y0 + float64(r-start)*L.rowH
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

// overviewCoverage says, above a folded overview, which issues it draws
// and where the others are.
func (b *briefing) overviewCoverage(plan *overviewPlan) {
	n, k := len(b.m.Issues), len(plan.Issues)
	restore := firstNonEmpty(b.opt.FullDetail, "the full briefing has them all")
	txt := fmt.Sprintf("Showing the %d most contested of the %s. The other %d are counted by category after the overview; every cell is in the XLSX report and the full briefing (%s).",
		k, export.Plural(n, "issue", "issues"), n-k, restore)
	b.para(txt, bodySize-0.5, "B", colAccent)
	b.pdf.Ln(1.5)
}

// maxOverviewCategories is the most categories the table after a folded
// overview lists one by one; the others share a row.
const maxOverviewCategories = 25

// overviewCategories counts every issue of a folded overview by category
// and consensus band: how many the overview draws, and how many split the
// room, are divided or are broadly agreed.
func (b *briefing) overviewCategories(plan *overviewPlan) {
	pdf := b.pdf
	cats := plan.Categories
	rows := make([]export.OverviewCategory, 0, min(len(cats), maxOverviewCategories)+1)
	if len(cats) > maxOverviewCategories {
		rows = append(rows, cats[:maxOverviewCategories-1]...)
		other := export.SumCategories(cats[maxOverviewCategories-1:])
		other.Name = fmt.Sprintf("%d other categories", len(cats)-maxOverviewCategories+1)
		rows = append(rows, other)
	} else {
		rows = append(rows, cats...)
	}
	total := export.SumCategories(cats)
	total.Name = "All issues"
	size := smallSize
	rowH := lineH(size) + 1
	heads := []string{"Category", "Issues", "Drawn above", "Split", "Divided", "Agreed", "No figure"}
	w, _ := b.pageWH()
	numW := 20.0
	catW := math.Min(w-2*margin-float64(len(heads)-1)*numW, 80)
	need := float64(min(len(rows), 6)+2)*rowH + 2*lineH(11) + 3*lineH(smallSize)
	pdf.Ln(3)
	b.chartTitle(fmt.Sprintf("All %s by category", export.Plural(total.Issues, "issue", "issues")), need)
	b.caption(fmt.Sprintf("Consensus is the mean agreement of the parties on an issue (see the issue by issue). Split: below %s; divided: %s to %s; agreed: %s or more; no figure: fewer than two parties with a scored stance.",
		matrix.Percent(export.SplitBelow), matrix.Percent(export.SplitBelow), matrix.Percent(export.AgreedFrom-0.01), matrix.Percent(export.AgreedFrom)))
	pdf.Ln(1.5)
	line := func(cells []string, style string, band bool) {
		b.ensure(rowH)
		y := pdf.GetY()
		if band {
			b.fill(colBand)
			pdf.Rect(margin, y, catW+float64(len(cells)-1)*numW, rowH, "F")
		}
		b.font(style, size)
		b.color(colInk)
		pdf.SetXY(margin+1, y)
		pdf.CellFormat(catW-1, rowH, b.fitEllipsis(b.fonts.clean(cells[0]), catW-2), "", 0, "L", false, 0, "")
		for _, c := range cells[1:] {
			pdf.CellFormat(numW, rowH, c, "", 0, "R", false, 0, "")
		}
		pdf.SetXY(margin, y+rowH)
	}
	counts := func(c export.OverviewCategory) []string {
		name := c.Name
		if name == "" {
			name = "No category"
		}
		out := []string{name, strconv.Itoa(c.Issues), strconv.Itoa(c.Shown)}
		for _, v := range c.Bands {
			out = append(out, strconv.Itoa(v))
		}
		return out
	}
	line(heads, "B", false)
	b.draw(colRule)
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, pdf.GetY(), margin+catW+float64(len(heads)-1)*numW, pdf.GetY())
	for k, c := range rows {
		line(counts(c), "", k%2 == 1)
	}
	b.draw(colRule)
	pdf.Line(margin, pdf.GetY(), margin+catW+float64(len(heads)-1)*numW, pdf.GetY())
	line(counts(total), "B", false)
}
