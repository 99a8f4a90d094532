package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

func (b *briefing) headerBlock() {
	pdf := b.pdf
	a := b.m.About
	pdf.Bookmark(outlineText(b.title), 0, -1)
	pdf.SetY(top + 6)
	b.para(b.title, 22, "B", colAccent)
	if a.Subtitle != "" {
		pdf.Ln(1.5)
		b.para(a.Subtitle, 13, "", colInk)
	}
	pdf.Ln(3)
	var meta []string
	if !a.AsOf.IsZero() {
		meta = append(meta, "As of "+date(a.AsOf))
	}
	if s := joinNonEmpty(" · ", a.Author, a.Organisation); s != "" {
		meta = append(meta, s)
	}
	if len(meta) > 0 {
		b.para(strings.Join(meta, "  ·  "), 10, "", colMuted)
	}
	counts := fmt.Sprintf("%s · %s · %s", export.Plural(len(b.m.Parties), "party", "parties"),
		export.Plural(len(b.m.Issues), "issue", "issues"), export.Plural(b.sourceCount(), "source", "sources"))
	b.para(counts, 10, "", colMuted)
	if a.Notes != "" {
		pdf.Ln(2)
		b.para(a.Notes, bodySize, "I", colInk)
	}
	pdf.Ln(4)
	w, _ := b.pageWH()
	b.draw(colRule)
	pdf.SetLineWidth(0.3)
	pdf.Line(margin, pdf.GetY(), w-margin, pdf.GetY())
	pdf.Ln(8)
}

func (b *briefing) findingsSection() {
	pdf := b.pdf
	b.sectionHeading("Key findings")
	w, _ := b.pageWH()
	// The author's own findings come first, each with a hollow square and
	// the mark in bold; the computed ones follow with a filled square.
	for k, f := range b.findings {
		b.ensure(12)
		y := pdf.GetY()
		author := k < b.authorFindings
		if author {
			b.draw(colInk)
			pdf.SetLineWidth(0.35)
			pdf.Rect(margin+1, y+1.3, 1.6, 1.6, "D")
		} else {
			b.fill(colAccent)
			pdf.Rect(margin+1, y+1.3, 1.6, 1.6, "F")
		}
		b.font("", 10.5)
		pdf.SetXY(margin+6, y)
		if author {
			b.font("B", 10.5)
			mark := b.fonts.clean(export.AuthorMark + ": ")
			pdf.Write(lineH(10.5), mark)
			b.font("", 10.5)
			// The text goes on after the mark and wraps at the margin
			// like the others.
			pdf.SetLeftMargin(margin + 6)
			pdf.Write(lineH(10.5), b.fonts.clean(f))
			pdf.SetLeftMargin(margin)
			pdf.Ln(lineH(10.5))
		} else {
			pdf.MultiCell(w-2*margin-6, lineH(10.5), b.fonts.clean(f), "", "L", false)
		}
		pdf.Ln(2)
	}
	pdf.Ln(4)
}

// stanceOf returns the scale stance of a cell and whether it has one.
func (b *briefing) stanceOf(label string) (matrix.Stance, bool) {
	i, ok := b.stance[label]
	if !ok {
		return matrix.Stance{}, false
	}
	return b.m.Scale.Stances[i], true
}

// swatch draws a stance tile with its symbol at x, y.
func (b *briefing) swatch(x, y, w, h float64, st matrix.Stance, size float64) {
	pdf := b.pdf
	c := parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
	b.fill(c)
	b.draw(darker(c))
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, w, h, "FD")
	if st.Symbol != "" {
		b.font("B", size)
		b.color(contrastText(c))
		s := b.fonts.clean(st.Symbol)
		sw := pdf.GetStringWidth(s)
		pdf.Text(x+(w-sw)/2, y+h/2+size*mmPerPt*0.35, s)
		b.color(colInk)
	}
}

func (b *briefing) issuesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Issue by issue")
	if b.sum != nil {
		b.detailNote()
	}
	w, _ := b.pageWH()
	textW := w - 2*margin
	for k, i := range b.detailIssues() {
		is := m.Issues[i]
		if k > 0 {
			b.ensure(34)
			y := pdf.GetY() + 2
			b.draw(colRule)
			pdf.SetLineWidth(0.2)
			pdf.Line(margin, y, w-margin, y)
			pdf.SetY(y + 5)
		} else {
			b.ensure(30)
		}
		pdf.Bookmark(outlineText(is.Name), 1, -1)
		if l := b.issueLink[i]; l != 0 {
			pdf.SetLink(l, pdf.GetY()-2, -1)
		}
		b.para(is.Name, 12.5, "B", colAccent)
		var meta []string
		if is.Category != "" {
			meta = append(meta, is.Category)
		}
		meta = append(meta, b.statsLine(i)...)
		if len(meta) > 0 {
			pdf.Ln(0.5)
			b.para(strings.Join(meta, "  ·  "), smallSize+0.5, "", colMuted)
		}
		if is.Description != "" {
			pdf.Ln(1.5)
			b.para(is.Description, bodySize, "", colInk)
		}
		pdf.Ln(3)
		order, blank := b.issueOrder(i)
		for _, p := range order {
			b.stanceEntry(i, p, textW)
		}
		if len(blank) > 0 {
			b.ensure(8)
			pdf.Ln(0.5)
			b.para("No recorded position: "+strings.Join(blank, ", "), smallSize+0.5, "I", colMuted)
		}
	}
}

// issueOrder returns the parties listed under issue i, from the most
// supportive stance down (workbook order within a stance), and the names of
// the parties with neither a position nor evidence.
func (b *briefing) issueOrder(i int) (order []int, blank []string) {
	m := b.m
	for p := range m.Parties {
		if m.Cell(i, p).Blank() && len(b.ev[evKey{m.Parties[p].Name, m.Issues[i].Name}]) == 0 {
			blank = append(blank, m.Parties[p].Name)
			continue
		}
		order = append(order, p)
	}
	sort.SliceStable(order, func(x, y int) bool {
		return b.stanceRank(m.Stance(i, order[x])) < b.stanceRank(m.Stance(i, order[y]))
	})
	return order, blank
}

// stanceRank orders stances as the scale lists them; unknown labels last.
func (b *briefing) stanceRank(label string) int {
	if i, ok := b.stance[label]; ok {
		return i
	}
	return len(b.stance)
}

func (b *briefing) statsLine(i int) []string {
	if b.stats == nil {
		return nil
	}
	s := b.stats[i]
	var out []string
	out = append(out, fmt.Sprintf("%d of %d parties with a position", s.Positions, len(b.m.Parties)))
	if s.HasConsensus {
		out = append(out, fmt.Sprintf("consensus %.0f%%", 100*s.Consensus))
	}
	if s.HasMedian {
		if lbl := b.labelAtScore(s.Median); lbl != "" {
			out = append(out, "weighted median: "+lbl)
		}
	}
	return out
}

func (b *briefing) labelAtScore(score float64) string {
	for _, st := range b.m.Scale.Stances {
		if st.HasScore && st.Score == score {
			return st.Label
		}
	}
	return ""
}

// stanceEntry writes one party's stance on issue i: a tile, the party and
// stance, the note, the newest evidence with its citation and older
// evidence in brief.
func (b *briefing) stanceEntry(i, p int, textW float64) {
	pdf := b.pdf
	m := b.m
	c := m.Cell(i, p)
	party := m.Parties[p]
	const tile, indent = 6.0, 9.0
	b.ensure(14)
	y := pdf.GetY()
	if st, ok := b.stanceOf(c.Stance); ok {
		b.swatch(margin, y+0.3, tile, 4.6, st, minSize+0.5)
	}
	x0, w := margin+indent, textW-indent
	pdf.SetXY(x0, y)
	head := []span{
		{text: party.Name, style: "B", size: bodySize, color: colInk},
		{text: "  " + firstNonEmpty(c.Stance, "no recorded position"), size: bodySize, color: colMuted},
	}
	if ch, ok := b.changed[evKey{party.Name, m.Issues[i].Name}]; ok {
		head = append(head, span{text: "  (changed from " + firstNonEmpty(ch.Old, "no position") + ")", style: "I", size: smallSize + 0.5, color: colMuted})
	}
	b.flow(x0, w, lineH(bodySize), head)
	if c.Note != "" {
		b.flow(x0, w, lineH(smallSize+0.5), []span{{text: c.Note, style: "I", size: smallSize + 0.5, color: colMuted}})
	}
	for k, ei := range b.ev[evKey{party.Name, m.Issues[i].Name}] {
		e := m.Evidence[ei]
		if k == 0 {
			b.evidenceFull(x0, w, e, b.srcNum[ei])
		} else {
			b.evidenceBrief(x0, w, e, b.srcNum[ei], k == 1)
		}
	}
	pdf.Ln(2.2)
}

// cite returns the citation mark [n], linked to the source when the
// sources section is there.
func (b *briefing) cite(n int) []span {
	if n == 0 {
		return nil
	}
	return []span{{text: " [" + strconv.Itoa(n) + "]", size: smallSize + 0.5, color: colAccent, link: b.srcLink[n-1]}}
}

func (b *briefing) evidenceFull(x0, w float64, e matrix.Evidence, n int) {
	size := bodySize - 0.5
	lh := lineH(size)
	if e.Summary != "" {
		sp := []span{plain(e.Summary, size)}
		if e.Quote == "" {
			sp = append(sp, b.attribution(e, size)...)
			sp = append(sp, b.cite(n)...)
		}
		b.flow(x0, w, lh, sp)
	}
	if e.Quote != "" {
		sp := []span{{text: "“" + e.Quote + "”", style: "I", size: size, color: colInk}}
		sp = append(sp, b.attribution(e, size)...)
		sp = append(sp, b.cite(n)...)
		b.flow(x0, w, lh, sp)
	}
	if e.Summary == "" && e.Quote == "" {
		sp := []span{plain("Source:", size)}
		sp = append(sp, b.attribution(e, size)...)
		sp = append(sp, b.cite(n)...)
		b.flow(x0, w, lh, sp)
	}
}

func (b *briefing) attribution(e matrix.Evidence, size float64) []span {
	var parts []string
	if e.Speaker != "" {
		parts = append(parts, e.Speaker)
	}
	if !e.Date.IsZero() {
		parts = append(parts, date(e.Date))
	}
	if len(parts) == 0 {
		return nil
	}
	return []span{{text: " — " + strings.Join(parts, ", "), size: size, color: colMuted}}
}

func (b *briefing) evidenceBrief(x0, w float64, e matrix.Evidence, n int, first bool) {
	size := smallSize + 0.5
	lead := ""
	if first {
		lead = "Earlier: "
	}
	if !e.Date.IsZero() {
		lead += date(e.Date) + ", "
	}
	txt := firstNonEmpty(e.Summary, e.Quote)
	if e.Summary != "" && e.Quote != "" {
		txt = e.Summary + ": “" + e.Quote + "”"
	}
	sp := []span{{text: lead + txt, size: size, color: colMuted}}
	if e.Speaker != "" {
		sp = append(sp, span{text: " — " + e.Speaker, size: size, color: colMuted})
	}
	b.flow(x0, w, lineH(size), append(sp, b.cite(n)...))
}
