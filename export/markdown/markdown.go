// Package markdown writes the matrix as a GitHub-flavoured Markdown
// document for wikis and pull requests; user text never becomes markup.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// ShortNamesAbove is the number of parties above which the Markdown
// matrix heads its columns with the parties' short names (where they have
// one) and adds a key below the table.
const ShortNamesAbove = 6

// Write writes m as a GitHub-flavoured Markdown document for wikis and
// pull requests: the title and metadata, the matrix as a table (issues down,
// parties across, symbol and label in each cell, changed cells marked when
// opt.Changes is set), the scale, the key findings, who stands with whom
// (the agreement heatmap as a table, the blocs and the party map's fit),
// one section per issue
// (description, each party's stance with its note and the newest evidence:
// quote, speaker, date and source link), the changes when opt.Changes is set,
// and every evidence row (with its summary and quote), numbered.
//
// User text is data, never markup: Markdown punctuation is escaped with a
// backslash, <, > and & become entities, line breaks become <br>, and only
// http(s) URLs become links, percent-encoded so that they cannot break out of
// the link.
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	md := &doc{w: bw, m: m, opt: opt, ev: export.EvidenceByCell(m), changed: export.ChangesByCell(opt.Changes)}
	md.header()
	md.table()
	md.findings()
	md.alignment()
	md.issues()
	md.changes()
	md.sources()
	if f := escape(m.About.Footer); f != "" {
		md.printf("---\n\n%s\n", f)
	}
	return bw.Flush() // bufio errors are sticky: any write error shows here
}

type doc struct {
	w       *bufio.Writer
	m       *matrix.Matrix
	opt     export.Options
	ev      map[export.CellKey][]int
	changed map[export.CellKey]matrix.CellChange
}

func (d *doc) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func (d *doc) header() {
	m := d.m
	d.printf("# %s\n\n", escape(export.Title(m, d.opt)))
	if s := escape(m.About.Subtitle); s != "" {
		d.printf("*%s*\n\n", s)
	}
	if c := escape(m.About.Classification); c != "" {
		d.printf("> **%s**\n\n", c)
	}
	var meta []string
	add := func(k, v string) {
		if v := escape(v); v != "" {
			meta = append(meta, fmt.Sprintf("- %s: %s\n", k, v))
		}
	}
	add("As of", export.ISODate(m.About.AsOf))
	add("Author", m.About.Author)
	add("Organisation", m.About.Organisation)
	add("Source", export.SourceName(m))
	add("Source SHA-256", m.SHA256)
	if d.opt.Version != "" {
		add("Made with", "stancematrix "+d.opt.Version)
	}
	if len(meta) > 0 {
		d.printf("%s\n", strings.Join(meta, ""))
	}
	if n := escape(m.About.Notes); n != "" {
		d.printf("%s\n\n", n)
	}
}

// partyHeads returns the column heads of the matrix table and whether they
// are short names that need a key.
func (d *doc) partyHeads() ([]string, bool) {
	short := len(d.m.Parties) > ShortNamesAbove
	heads := make([]string, len(d.m.Parties))
	for i, p := range d.m.Parties {
		heads[i] = p.Name
		if short && p.Short != "" {
			heads[i] = p.Short
		}
	}
	return heads, short
}

func (d *doc) table() {
	m := d.m
	d.printf("## Matrix\n\n")
	heads, short := d.partyHeads()
	d.w.WriteString("| Issue |")
	for _, h := range heads {
		d.printf(" %s |", escape(h))
	}
	d.w.WriteString("\n| --- |")
	for range heads {
		d.w.WriteString(" --- |")
	}
	d.w.WriteString("\n")
	for i, is := range m.Issues {
		d.printf("| %s |", escape(is.Name))
		for p, pa := range m.Parties {
			c := m.Cell(i, p)
			s := stanceText(m.Scale, c.Stance)
			if ch, ok := d.changed[export.CellKey{Party: pa.Name, Issue: is.Name}]; ok {
				s += " " + directionMark(ch.Direction)
			}
			d.printf(" %s |", s)
		}
		d.w.WriteString("\n")
	}
	d.w.WriteString("\n")

	var legend []string
	for _, st := range m.Scale.Stances {
		legend = append(legend, stanceText(m.Scale, st.Label))
	}
	if len(legend) > 0 {
		d.printf("Scale: %s; a blank cell is no recorded position.\n\n", strings.Join(legend, " · "))
	}
	if short {
		var key []string
		for i, p := range m.Parties {
			if heads[i] != p.Name {
				key = append(key, fmt.Sprintf("%s = %s", escape(heads[i]), escape(p.Name)))
			}
		}
		if len(key) > 0 {
			d.printf("Parties: %s.\n\n", strings.Join(key, " · "))
		}
	}
	if d.opt.Changes != nil && len(d.changed) > 0 {
		d.printf("Changed since %s: ↑ towards support, ↓ towards opposition, • other change.\n\n",
			escape(changesSince(d.opt.Changes)))
	}
}

func (d *doc) findings() {
	f := d.opt.AnalysisOf(d.m).Findings
	if len(f)+len(d.m.Findings) == 0 {
		return
	}
	d.printf("## Key findings\n\n")
	// The author's own findings first, marked as such.
	for _, a := range d.m.Findings {
		d.printf("- **%s:** %s\n", export.AuthorMark, escape(export.AuthorFinding(a)))
	}
	for _, s := range f {
		d.printf("- %s\n", escape(s))
	}
	d.w.WriteString("\n")
}

// alignment writes "Who stands with whom": the agreement heatmap of the
// PDF as a table (parties in similarity order, each with its bloc), the
// blocs in words, and the party map's fit or the reason there is none.
func (d *doc) alignment() {
	m := d.m
	if len(m.Parties) < 2 {
		return
	}
	an := d.opt.AnalysisOf(m)
	d.printf("## Who stands with whom\n\n")
	heads, _ := d.partyHeads()
	bloc := make([]string, len(m.Parties))
	for g, ps := range an.Blocs.Groups {
		for _, p := range ps {
			if p >= 0 && p < len(bloc) {
				bloc[p] = export.BlocLetter(g)
			}
		}
	}
	var order []int
	for _, p := range an.Order {
		if p >= 0 && p < len(m.Parties) {
			order = append(order, p)
		}
	}
	d.w.WriteString("| Party | Bloc |")
	for _, p := range order {
		d.printf(" %s |", escape(heads[p]))
	}
	d.w.WriteString("\n| --- | --- |")
	for range order {
		d.w.WriteString(" --- |")
	}
	d.w.WriteString("\n")
	for _, p := range order {
		d.printf("| %s | %s |", escape(heads[p]), bloc[p])
		for _, q := range order {
			switch pr, ok := an.Known(p, q); {
			case p == q:
				d.w.WriteString(" · |")
			case ok:
				d.printf(" %s |", matrix.Percent(pr.Agreement))
			default:
				d.w.WriteString(" — |")
			}
		}
		d.w.WriteString("\n")
	}
	pm := an.Map
	d.printf("\nFigures: %% agreement over the issues both parties score; parties in similarity order; "+
		"— : fewer than %d shared scored issues (%d of %s share enough).\n\n",
		matrix.MinShared, pm.Known, export.Plural(pm.Pairs, "pair", "pairs"))
	d.printf("%s\n\n", escape(an.Blocs.Summary))
	if pm.Reason != "" {
		d.printf("%s\n\n", escape(pm.Reason))
	} else {
		d.printf("The party map (in the PDF and the JSON's `map`) places %d of %d parties; "+
			"axis 1 shows %s of the variation, axis 2 %s; stress %.2f (0 = a perfect fit).\n\n",
			len(pm.Points), len(m.Parties), matrix.Percent(pm.Explained[0]), matrix.Percent(pm.Explained[1]), pm.Stress)
	}
}

func (d *doc) issues() {
	m := d.m
	if len(m.Issues) == 0 {
		return
	}
	d.printf("## Issues\n\n")
	for i, is := range m.Issues {
		d.printf("### %s\n\n", name(is.Name))
		if c := escape(is.Category); c != "" {
			d.printf("Category: %s\n\n", c)
		}
		if s := escape(is.Description); s != "" {
			d.printf("%s\n\n", s)
		}
		for p, pa := range m.Parties {
			c := m.Cell(i, p)
			stance := "no recorded position"
			if !c.Blank() {
				stance = stanceText(m.Scale, c.Stance)
			}
			d.printf("- **%s**: %s", name(pa.Name), stance)
			if ch, ok := d.changed[export.CellKey{Party: pa.Name, Issue: is.Name}]; ok {
				d.printf(" (was %s)", oldStance(m.Scale, ch.Old))
			}
			if n := escape(c.Note); n != "" {
				d.printf(" — %s", n)
			}
			d.w.WriteString("\n")
			if list := d.ev[export.CellKey{Party: pa.Name, Issue: is.Name}]; len(list) > 0 {
				d.evidence(m.Evidence[list[0]])
			}
		}
		d.w.WriteString("\n")
	}
}

// evidence writes the newest evidence of a list item as a quote inside it.
func (d *doc) evidence(e matrix.Evidence) {
	text := escape(e.Quote)
	if text == "" {
		text = escape(e.Summary)
	}
	if text != "" {
		d.printf("  > %s\n", text)
	}
	var by []string
	if s := escape(e.Speaker); s != "" {
		by = append(by, s)
	}
	if s := export.ISODate(e.Date); s != "" {
		by = append(by, s)
	}
	if s := source(e.Source, e.URL); s != "" {
		by = append(by, s)
	}
	if len(by) == 0 {
		return
	}
	if text != "" {
		d.w.WriteString("  >\n")
	}
	d.printf("  > — %s\n", strings.Join(by, ", "))
}

func (d *doc) changes() {
	ch := d.opt.Changes
	if ch == nil {
		return
	}
	d.printf("## Changes since %s\n\n", escape(changesSince(ch)))
	if ch.Empty() {
		d.printf("No changes.\n\n")
		return
	}
	if len(ch.Cells) > 0 {
		d.printf("| Issue | Party | Was | Now | Direction |\n| --- | --- | --- | --- | --- |\n")
		for _, c := range ch.Cells {
			d.printf("| %s | %s | %s | %s | %s |\n", escape(c.Issue), escape(c.Party),
				oldStance(d.m.Scale, c.Old), oldStance(d.m.Scale, c.New),
				directionMark(c.Direction)+" "+c.Direction.String())
		}
		d.w.WriteString("\n")
	}
	list := func(title string, names []string) {
		if len(names) == 0 {
			return
		}
		esc := make([]string, len(names))
		for i, n := range names {
			esc[i] = name(n)
		}
		d.printf("%s: %s.\n\n", title, strings.Join(esc, ", "))
	}
	list("Parties added", ch.PartiesAdded)
	list("Parties removed", ch.PartiesRemoved)
	list("Issues added", ch.IssuesAdded)
	list("Issues removed", ch.IssuesRemoved)
	if len(ch.NewEvidence) > 0 {
		d.printf("New evidence:\n\n")
		for _, e := range ch.NewEvidence {
			d.printf("- %s\n", evidenceLine(e))
		}
		d.w.WriteString("\n")
	}
	if len(ch.Edits) > 0 {
		d.printf("Other edits (notes, evidence rows, names, scale, About, findings):\n\n")
		for _, e := range ch.Edits {
			line := escape(e.String())
			if e.Ref != "" {
				line += " (" + escape(e.Ref) + ")"
			}
			d.printf("- %s\n", line)
		}
		d.w.WriteString("\n")
	}
}

// sources lists every evidence row, numbered: by issue and party in display
// order, newest first; rows naming no known issue or party come last, in
// workbook order.
func (d *doc) sources() {
	m := d.m
	if len(m.Evidence) == 0 {
		return
	}
	d.printf("## Sources\n\n")
	used := make([]bool, len(m.Evidence))
	n := 0
	item := func(k int) {
		n++
		used[k] = true
		d.printf("%d. %s\n", n, evidenceLine(m.Evidence[k]))
	}
	for _, is := range m.Issues {
		for _, pa := range m.Parties {
			for _, k := range d.ev[export.CellKey{Party: pa.Name, Issue: is.Name}] {
				if !used[k] {
					item(k)
				}
			}
		}
	}
	for k := range m.Evidence {
		if !used[k] {
			item(k)
		}
	}
	d.w.WriteString("\n")
}

// evidenceLine describes one evidence row on one line: party, issue, date,
// stance, source (a link for an http(s) URL), summary, quote and speaker.
func evidenceLine(e matrix.Evidence) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** on %s", name(e.Party), name(e.Issue))
	if s := export.ISODate(e.Date); s != "" {
		b.WriteString(", " + s)
	}
	if s := escape(e.Stance); s != "" {
		b.WriteString(" (" + s + ")")
	}
	b.WriteString(":")
	if s := source(e.Source, e.URL); s != "" {
		b.WriteString(" " + s)
	}
	sum := escape(e.Summary)
	if sum != "" {
		b.WriteString(" — " + sum)
	}
	if s := escape(e.Quote); s != "" && sum != "" {
		b.WriteString(": “" + s + "”")
	} else if s != "" {
		b.WriteString(" — “" + s + "”")
	}
	if s := escape(e.Speaker); s != "" {
		b.WriteString(" (" + s + ")")
	}
	return b.String()
}

// changesSince names the older side of a comparison.
func changesSince(ch *matrix.Changes) string {
	if s := export.ISODate(ch.OldDate); s != "" && ch.Old == "" {
		return s
	}
	if ch.Old != "" {
		return ch.Old
	}
	return "the earlier matrix"
}

// stanceText is "symbol label" for a canonical label, escaped; "" for blank.
func stanceText(s matrix.Scale, label string) string {
	if label == "" {
		return ""
	}
	if st, ok := s.Stance(label); ok && st.Symbol != "" {
		return escape(st.Symbol + " " + label)
	}
	return escape(label)
}

// oldStance is stanceText with "blank" for no position.
func oldStance(s matrix.Scale, label string) string {
	if label == "" {
		return "blank"
	}
	return stanceText(s, label)
}

func directionMark(d matrix.Direction) string {
	switch d {
	case matrix.TowardsSupport:
		return "↑"
	case matrix.TowardsOpposition:
		return "↓"
	default:
		return "•"
	}
}

// name is escape, with a placeholder for an empty name (so that "**" never
// stands alone).
func name(s string) string {
	if t := escape(s); t != "" {
		return t
	}
	return "(unnamed)"
}

// escape makes user text safe to place anywhere inline in the document,
// including a table cell, a heading, a list item and a block quote: it is
// shown as written and never read as markup. Invalid UTF-8 becomes U+FFFD;
// tabs and other control characters become spaces; surrounding space is
// trimmed; line breaks (CR, LF, CRLF, U+2028, U+2029) become <br>; &, < and >
// become entities; the Markdown punctuation \ ` * _ [ ] | ~ # $ is
// backslash-escaped; and a leading -, +, = or "1." that could start a list or
// heading line is escaped too.
func escape(s string) string {
	// Control characters become spaces before trimming, so that text that
	// starts with one cannot begin a line with spaces and a list marker.
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\r' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD")))
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF: the LF writes the break
			}
			b.WriteString("<br>")
		case '\n', '\u2028', '\u2029':
			b.WriteString("<br>")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		}
	}
	t := b.String()
	switch t[0] {
	case '-', '+', '=':
		return "\\" + t
	}
	// "1." or "1)" at the start of a line begins an ordered list.
	if j := strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (t[j] == '.' || t[j] == ')') {
		return t[:j] + "\\" + t[j:]
	}
	return t
}

// source is a link to an http(s) URL labelled with the source name (or the
// URL's host), or the escaped source name and URL as plain text when the URL
// is not http(s).
func source(source, raw string) string {
	if dest, host, ok := linkURL(raw); ok {
		label := escape(source)
		if label == "" {
			label = escape(host)
		}
		if label == "" {
			label = "link"
		}
		return "[" + label + "](" + dest + ")"
	}
	src, u := escape(source), escape(raw)
	switch {
	case src != "" && u != "":
		return src + " (" + u + ")"
	case src != "":
		return src
	default:
		return u
	}
}

// linkURL returns raw as a link destination when it is an absolute http(s) URL
// with a host: every byte outside a conservative set (letters, digits and
// -._~:/?#@!$&*+,;=%[]) is percent-encoded, so that spaces, parentheses,
// angle brackets, quotes, backslashes and control characters cannot end the
// link or start markup, and an & that would read as an entity is written as
// &amp;.
func linkURL(raw string) (dest, host string, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || !utf8.ValidString(raw) {
		return "", "", false
	}
	u, err := url.Parse(raw)
	if err != nil || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) || u.Host == "" {
		return "", "", false
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '&' && entityAt(raw[i+1:]):
			b.WriteString("&amp;")
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~:/?#@!$&*+,;=%[]", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
		}
	}
	return b.String(), u.Hostname(), true
}

// entityAt reports whether s (what follows an &) would make a character
// reference: "#123;", "#x1F;" or "name;".
func entityAt(s string) bool {
	j := strings.IndexByte(s, ';')
	if j <= 0 || j > 32 {
		return false
	}
	for _, c := range []byte(strings.TrimPrefix(s[:j], "#")) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return j > 1 || s[0] != '#'
}
