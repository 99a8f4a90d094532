package pdf

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// cellMode is how a matrix cell shows its stance: its symbol, or the symbol
// over the label.
type cellMode int

// matrixLayout is how the matrix fits on pages of one orientation.
type matrixLayout struct {
	orient    string // "P" or "L"
	w, h      float64
	labelW    float64
	colW      float64
	mode      cellMode
	blocks    [][]int // party indices per column block
	head      []string
	headLines [][]string
	rotated   bool
	headH     float64
	groups    bool
	keyed     bool // some party header is abbreviated: print a key
	rowLines  [][]string
	rowH      []float64
}

// stanceMetrics caches the widths of each stance's symbol and label.
type stanceMetrics struct {
	symW, labW map[string]float64
	symMax     float64
	labMax     float64
}

func (b *briefing) measureStances() stanceMetrics {
	sm := stanceMetrics{symW: map[string]float64{}, labW: map[string]float64{}}
	for _, st := range b.m.Scale.Stances {
		b.font("B", mxSymSize)
		sw := b.pdf.GetStringWidth(b.fonts.clean(st.Symbol))
		b.font("", mxCellSize)
		lw := b.pdf.GetStringWidth(b.fonts.clean(st.Label))
		sm.symW[st.Label], sm.labW[st.Label] = sw, lw
		sm.symMax = math.Max(sm.symMax, sw)
		sm.labMax = math.Max(sm.labMax, lw)
	}
	return sm
}

// fitsLines reports whether s wraps into at most n lines of width w without
// breaking a word.
func (b *briefing) fitsLines(s string, w float64, n int) bool {
	for _, word := range strings.Fields(s) {
		if b.pdf.GetStringWidth(word) > w {
			return false
		}
	}
	return len(b.pdf.SplitText(s, w)) <= n
}

func (b *briefing) layoutMatrix(orient string, sm stanceMetrics) *matrixLayout {
	m := b.m
	L := &matrixLayout{orient: orient, w: b.pageSize.Wd, h: b.pageSize.Ht}
	if orient == "L" {
		L.w, L.h = L.h, L.w
	}
	content := L.w - 2*margin

	// Issue label column: as wide as the longest label, within bounds.
	b.font("", mxLabelSize)
	longest := 0.0
	for _, is := range m.Issues {
		longest = math.Max(longest, b.pdf.GetStringWidth(b.fonts.clean(is.Name)))
	}
	maxLabel := 56.0
	if orient == "L" {
		maxLabel = 70
	}
	L.labelW = math.Min(math.Max(longest+4, 36), maxLabel)
	avail := content - L.labelW

	n := len(m.Parties)
	symW := math.Max(sm.symMax+3.5, 7.5)
	stackW := math.Max(sm.labMax, sm.symMax) + 4
	switch {
	case n == 0:
		L.colW = symW
	case float64(n)*stackW <= avail:
		L.mode = cellStacked
		L.colW = math.Min(avail/float64(n), math.Max(stackW, 26))
	case float64(n)*symW <= avail:
		L.colW = math.Min(avail/float64(n), mxMaxColW)
	default:
		per := int(avail / symW)
		if per < 1 {
			per = 1
		}
		nb := (n + per - 1) / per
		per = (n + nb - 1) / nb // balance the blocks
		L.colW = math.Min(avail/float64(per), mxMaxColW)
	}
	per := n
	if L.mode == cellSymbol && n > 0 {
		per = int((avail + 1e-6) / L.colW)
		if per < 1 {
			per = 1
		}
		nb := (n + per - 1) / per
		per = (n + nb - 1) / nb
	}
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		blk := make([]int, 0, end-start)
		for p := start; p < end; p++ {
			blk = append(blk, p)
		}
		L.blocks = append(L.blocks, blk)
	}

	// Party headers: horizontal when every name fits in three lines,
	// otherwise rotated; a name too long for a rotated header gives way
	// to its short name (or its number), explained in the party key.
	b.font("", mxHeadSize)
	lh := lineH(mxHeadSize)
	L.head = make([]string, n)
	L.headLines = make([][]string, n)
	horizontal := true
	for _, party := range m.Parties {
		if !b.fitsLines(b.fonts.clean(party.Name), L.colW-1.5, 3) {
			horizontal = false
			break
		}
	}
	if horizontal {
		maxLines := 1
		for p, party := range m.Parties {
			L.head[p] = b.fonts.clean(party.Name)
			L.headLines[p] = b.pdf.SplitText(b.fonts.clean(party.Name), L.colW-1.5)
			maxLines = max(maxLines, len(L.headLines[p]))
		}
		L.headH = float64(maxLines)*lh + 2.5
	} else {
		L.rotated = true
		// One rotated line each: two-line rotated names read poorly and
		// make the header tall.
		room := mxMaxHead - 3
		lines := 1
		tallest := 0.0
		for p, party := range m.Parties {
			cands := []string{party.Name, party.Short, "#" + strconv.Itoa(p+1)}
			for _, c := range cands {
				c = b.fonts.clean(strings.TrimSpace(c))
				if c == "" || !b.fitsLines(c, room, lines) {
					continue
				}
				L.head[p] = c
				L.headLines[p] = b.pdf.SplitText(c, room)
				break
			}
			if L.head[p] == "" { // even the number does not fit: use it anyway
				L.head[p] = strconv.Itoa(p + 1)
				L.headLines[p] = []string{L.head[p]}
			}
			for _, l := range L.headLines[p] {
				tallest = math.Max(tallest, b.pdf.GetStringWidth(l))
			}
		}
		L.headH = math.Max(math.Min(tallest+3, mxMaxHead), 12)
		// Short names that all fit across read better unrotated.
		across := true
		for p := range m.Parties {
			if !b.fitsLines(L.head[p], L.colW-1.5, 1) {
				across = false
				break
			}
		}
		if across {
			L.rotated = false
			for p := range m.Parties {
				L.headLines[p] = []string{L.head[p]}
			}
			L.headH = lh + 2.5
		}
	}
	for p, party := range m.Parties {
		if L.head[p] != b.fonts.clean(party.Name) {
			L.keyed = true
		}
		if party.Group != "" {
			L.groups = true
		}
	}

	// Rows: wrapped issue labels.
	b.font("", mxLabelSize)
	minH := 6.8
	if L.mode == cellStacked {
		minH = 8.8
	}
	llh := lineH(mxLabelSize)
	maxRow := L.h - top - bottom - L.headH - 2*mxBandH - 20
	L.rowLines = make([][]string, len(m.Issues))
	L.rowH = make([]float64, len(m.Issues))
	for i, is := range m.Issues {
		lines := b.pdf.SplitText(b.fonts.clean(is.Name), L.labelW-3)
		if len(lines) == 0 {
			lines = []string{""}
		}
		if h := float64(len(lines))*llh + 2.4; h > maxRow {
			// Absurdly long label: keep what fits; the issue section has it all.
			keep := max(1, int((maxRow-2.4)/llh))
			lines = append(lines[:keep-1:keep-1], b.fitEllipsis(lines[keep-1]+" …", L.labelW-3))
		}
		L.rowLines[i] = lines
		L.rowH[i] = math.Max(minH, float64(len(lines))*llh+2.4)
	}
	return L
}

// better reports whether layout a reads better than b: fewer column
// blocks, then labels in the cells.
func (a *matrixLayout) better(o *matrixLayout) bool {
	if len(a.blocks) != len(o.blocks) {
		return len(a.blocks) < len(o.blocks)
	}
	return a.mode > o.mode
}

func (b *briefing) chooseLayout(sm stanceMetrics) *matrixLayout {
	switch b.opt.Orientation {
	case "portrait":
		return b.layoutMatrix("P", sm)
	case "landscape":
		return b.layoutMatrix("L", sm)
	}
	p := b.layoutMatrix("P", sm)
	if len(p.blocks) <= 1 && p.mode == cellStacked {
		return p
	}
	l := b.layoutMatrix("L", sm)
	// Fewer pages first: a matrix on one page beats labels in the cells.
	if pl, pp := b.matrixPages(l), b.matrixPages(p); pl != pp {
		if pl < pp {
			return l
		}
		return p
	}
	if l.better(p) {
		return l
	}
	return p
}

// matrixPages returns how many pages the matrix takes in layout L, each
// block starting on a new page, following matrixSection's page breaks.
func (b *briefing) matrixPages(L *matrixLayout) int {
	bottom := L.h - bottom
	pages := 0
	for bi := range L.blocks {
		pages++
		y := top
		if bi == 0 {
			y += 16 + b.legendHeight(L.w) // heading and legend
		}
		if len(L.blocks) > 1 {
			y += lineH(smallSize+0.5) + 1.5
		}
		header := L.headH + 0.8
		if L.groups {
			header += mxBandH + 0.8
		}
		y += header
		prev := ""
		for i, is := range b.m.Issues {
			band := is.Category != "" && is.Category != prev
			need := L.rowH[i]
			if band {
				need += mxBandH + 0.6
			}
			if y+need > bottom {
				pages++
				y = top + header
				if !band && is.Category != "" {
					y += mxBandH + 0.6
				}
			}
			y += need
			prev = is.Category
		}
	}
	return pages
}

// fitEllipsis shortens s with "…" until it fits w (current font).
func (b *briefing) fitEllipsis(s string, w float64) string {
	if b.pdf.GetStringWidth(s) <= w {
		return s
	}
	// The longest prefix that fits with the ellipsis, by binary search: the
	// width of a (trimmed) prefix never shrinks as it grows, and measuring
	// every prefix of a long name would take time quadratic in its length.
	r := []rune(s)
	cut := func(k int) string { return strings.TrimSpace(string(r[:k])) + "…" }
	k := sort.Search(len(r), func(k int) bool { return b.pdf.GetStringWidth(cut(k)) > w })
	// k is the shortest prefix whose cut is too wide (len(r) when none of
	// them is): keep the one before it, or nothing when even "…" is too wide.
	if k == 0 {
		return ""
	}
	return cut(k - 1)
}

const (
	cellSymbol  cellMode = iota // symbol only
	cellStacked                 // symbol over label
)
