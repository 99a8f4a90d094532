package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

func (b *briefing) profilesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Party profiles")
	w, _ := b.pageWH()
	textW := w - 2*margin
	for p, party := range m.Parties {
		if p > 0 {
			b.ensure(30)
			pdf.Ln(4)
		}
		pdf.Bookmark(outlineText(party.Name), 1, -1)
		b.para(party.Name, 12.5, "B", colAccent)
		var meta []string
		if party.Short != "" {
			meta = append(meta, party.Short)
		}
		if party.Group != "" {
			meta = append(meta, party.Group)
		}
		if len(meta) > 0 {
			b.para(strings.Join(meta, "  ·  "), smallSize+0.5, "", colMuted)
		}
		if party.Description != "" {
			pdf.Ln(1)
			b.para(party.Description, bodySize, "", colInk)
		}
		pdf.Ln(2)
		var blank []string
		for i, iss := range m.Issues {
			c := m.Cell(i, p)
			if c.Blank() {
				blank = append(blank, iss.Name)
				continue
			}
			b.ensure(8)
			y := pdf.GetY()
			if st, ok := b.stanceOf(c.Stance); ok {
				b.swatch(margin, y+0.3, 6, 4.2, st, minSize+0.5)
			}
			x0 := margin + 9
			pdf.SetXY(x0, y)
			b.flow(x0, textW-9, lineH(bodySize), []span{
				{text: iss.Name, size: bodySize, color: colInk, link: b.issueLink[i]},
				{text: "  " + c.Stance, size: bodySize, color: colMuted},
			})
			if c.Note != "" {
				b.flow(x0, textW-9, lineH(smallSize+0.5), []span{{text: c.Note, style: "I", size: smallSize + 0.5, color: colMuted}})
			}
			pdf.Ln(1.2)
		}
		if len(blank) > 0 {
			b.para("No recorded position on: "+strings.Join(blank, ", "), smallSize+0.5, "I", colMuted)
		}
	}
}

func (b *briefing) changesSection() {
	pdf := b.pdf
	ch := b.opt.Changes
	b.sectionHeading("Changes since the last snapshot")
	from := ch.Old
	if !ch.OldDate.IsZero() {
		from = joinNonEmpty(", ", from, date(ch.OldDate))
	}
	to := ch.New
	if !ch.NewDate.IsZero() {
		to = joinNonEmpty(", ", to, date(ch.NewDate))
	}
	b.para(fmt.Sprintf("From %s to %s.", firstNonEmpty(from, "the older matrix"), firstNonEmpty(to, "this matrix")), bodySize, "", colMuted)
	pdf.Ln(3)
	if ch.Empty() {
		b.para("Nothing changed.", bodySize, "", colInk)
		return
	}
	w, _ := b.pageWH()
	textW := w - 2*margin
	lh := lineH(bodySize)
	if len(ch.Cells) > 0 {
		b.subheading(fmt.Sprintf("Changed positions (%d)", len(ch.Cells)))
		for _, c := range ch.Cells {
			b.ensure(7)
			pdf.SetX(margin)
			sp := []span{
				{text: c.Party, style: "B", size: bodySize, color: colInk},
				plain(" on "+c.Issue+": "+firstNonEmpty(c.Old, "no position")+" → "+firstNonEmpty(c.New, "no position"), bodySize),
			}
			if d := c.Direction; d != matrix.Moved {
				sp = append(sp, span{text: " (" + d.String() + ")", size: bodySize, color: colMuted})
			}
			b.flow(margin, textW, lh, sp)
			pdf.Ln(1)
		}
		pdf.Ln(2)
	}
	lists := []struct {
		title string
		names []string
	}{
		{"Parties added", ch.PartiesAdded}, {"Parties removed", ch.PartiesRemoved},
		{"Issues added", ch.IssuesAdded}, {"Issues removed", ch.IssuesRemoved},
	}
	for _, l := range lists {
		if len(l.names) == 0 {
			continue
		}
		b.ensure(10)
		pdf.SetX(margin)
		b.flow(margin, textW, lh, []span{
			{text: l.title + ":", style: "B", size: bodySize, color: colInk},
			plain(" "+strings.Join(l.names, ", "), bodySize),
		})
		pdf.Ln(2)
	}
	if len(ch.NewEvidence) > 0 {
		pdf.Ln(2)
		b.subheading(fmt.Sprintf("New evidence (%d)", len(ch.NewEvidence)))
		size := smallSize + 0.5
		for _, e := range ch.NewEvidence {
			b.ensure(7)
			pdf.SetX(margin)
			txt := firstNonEmpty(e.Summary, e.Quote, e.Source)
			if !e.Date.IsZero() {
				txt = date(e.Date) + ", " + txt
			}
			b.flow(margin, textW, lineH(size), []span{
				{text: e.Party + " on " + e.Issue + ":", style: "B", size: size, color: colInk},
				plain(" "+txt, size),
			})
			pdf.Ln(0.8)
		}
	}
	b.editsList(ch.Edits, textW)
}

// maxEdits is the number of other edits the changes section lists; the
// rest are counted, with the command that lists them all.
const maxEdits = 40

// editsList lists the edits other than stances: notes, evidence rows,
// names, the scale, About and the author's findings.
func (b *briefing) editsList(edits []matrix.Edit, textW float64) {
	if len(edits) == 0 {
		return
	}
	pdf := b.pdf
	pdf.Ln(2)
	b.subheading(fmt.Sprintf("Other edits (%d)", len(edits)))
	size := smallSize + 0.5
	for k, e := range edits {
		if k == maxEdits {
			b.para(fmt.Sprintf("… and %d more; stancematrix diff lists them all.", len(edits)-maxEdits), size, "I", colMuted)
			break
		}
		b.ensure(7)
		pdf.SetX(margin)
		sp := []span{plain(e.String(), size)}
		if e.Ref != "" {
			sp = append(sp, span{text: " (" + e.Ref + ")", size: size, color: colMuted})
		}
		b.flow(margin, textW, lineH(size), sp)
		pdf.Ln(0.8)
	}
}

func (b *briefing) subheading(s string) {
	b.ensure(14)
	b.para(s, 11, "B", colAccent)
	b.pdf.Ln(1.5)
}

func (b *briefing) sourcesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Sources")
	b.sourcesNote()
	if len(b.sources) == 0 {
		if b.sourceCount() == 0 {
			b.para("No evidence is recorded.", bodySize, "", colMuted)
		}
		return
	}
	size := smallSize + 0.5
	lh := lineH(size)
	b.font("B", size)
	numW := b.pdf.GetStringWidth("["+strconv.Itoa(len(b.sources))+"]") + 2.5
	w, _ := b.pageWH()
	textW := w - 2*margin
	for n, ei := range b.sources {
		e := m.Evidence[ei]
		b.ensure(lh * 2.2)
		y := pdf.GetY()
		if l := b.srcLink[n]; l != 0 {
			pdf.SetLink(l, y, -1)
		}
		b.font("B", size)
		b.color(colAccent)
		pdf.Text(margin, y+lh*0.78, "["+strconv.Itoa(n+1)+"]")
		b.color(colInk)
		pdf.SetXY(margin+numW, y)
		var rest []string
		if e.Speaker != "" {
			rest = append(rest, e.Speaker)
		}
		if !e.Date.IsZero() {
			rest = append(rest, date(e.Date))
		}
		sp := []span{{text: firstNonEmpty(e.Source, "Untitled source"), style: "B", size: size, color: colInk}}
		if len(rest) > 0 {
			sp = append(sp, plain(". "+strings.Join(rest, ", "), size))
		}
		sp = append(sp, plain(".", size))
		if e.URL != "" {
			u := span{text: " " + e.URL, size: size, color: colAccent}
			if httpURL(e.URL) {
				u.url = e.URL
			}
			sp = append(sp, u)
		}
		b.flow(margin+numW, textW-numW, lh, sp)
		pdf.Ln(1.2)
	}
}

// outlineText prepares s for a bookmark or the document information, which
// the PDF library encodes as UTF-16 by hand: it panics on invalid UTF-8 (a
// truncated sequence) and garbles characters beyond U+FFFF, so both become
// U+FFFD.
func outlineText(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func httpURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// date formats a date as "23 April 2025".
func date(t time.Time) string { return t.Format("2 January 2006") }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// parseRGB reads "#RRGGBB", or returns def.
// parseRGB reads a workbook colour, or gives def when there is none.
func parseRGB(s string, def rgb) rgb {
	c, ok := export.ParseRGB(s)
	if !ok {
		return def
	}
	return rgb{int(c.R), int(c.G), int(c.B)}
}

// contrastText returns white or near-black, whichever export.LightText
// picks for bg.
func contrastText(bg rgb) rgb {
	if export.LightText(export.RGB{R: uint8(bg.r), G: uint8(bg.g), B: uint8(bg.b)}) {
		return rgb{0xff, 0xff, 0xff}
	}
	return rgb{0x11, 0x11, 0x11}
}

func darker(c rgb) rgb {
	return rgb{c.r * 7 / 10, c.g * 7 / 10, c.b * 7 / 10}
}
