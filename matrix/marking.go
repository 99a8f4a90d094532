package matrix

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marking is one release level: a row of the Markings sheet, or one of
// DefaultMarkings.
type Marking struct {
	Name   string  // e.g. "INTERNAL", as written
	Order  float64 // low to high
	Banner string  // the banner an edition at this level carries; Name when empty
	Color  string  // "#RRGGBB" or empty
}

// BannerText returns the banner of the level: Banner, or Name without one.
func (mk Marking) BannerText() string {
	if mk.Banner != "" {
		return mk.Banner
	}
	return mk.Name
}

// DefaultMarkings are the levels of a workbook without a Markings sheet,
// lowest first.
func DefaultMarkings() []Marking {
	return []Marking{{Name: "PUBLIC", Order: 1}, {Name: "INTERNAL", Order: 2}, {Name: "RESTRICTED", Order: 3}}
}

// readMarkings reads the Markings sheet into rd.markings, lowest first.
func (rd *reader) readMarkings(g *grid) {
	t, ok := rd.readTable(g, MarkingsColumns)
	if !ok {
		return
	}
	var out []Marking
	seen := map[string]string{}
	for k, r := range t.Rows {
		if t.blank(r) {
			continue
		}
		name, nc := t.get(r, "Level")
		if name == "" {
			rd.errorf(g.Sheet, nc, "marking row %d has no level name", r.Row)
			continue
		}
		if prev, dup := seen[normLabel(name)]; dup {
			rd.errorf(g.Sheet, nc, "level %q is defined twice (first in %s)", name, prev)
			continue
		}
		seen[normLabel(name)] = g.Sheet + "!" + nc
		mk := Marking{Name: name, Order: float64(k + 1)}
		if v, c := t.get(r, "Order"); v != "" {
			f, err := parseNumber(v)
			if err != nil {
				rd.errorf(g.Sheet, c, "order %q is not a number", v)
				continue
			}
			mk.Order = f
		}
		mk.Banner, _ = t.get(r, "Banner")
		if v, c := t.get(r, "Color"); v != "" {
			if col, ok := parseColor(v); ok {
				mk.Color = col
			} else {
				rd.errorf(g.Sheet, c, "color %q is not of the form #RRGGBB", v)
			}
		}
		out = append(out, mk)
	}
	if len(out) == 0 {
		rd.errorf(g.Sheet, "", "the Markings sheet defines no level")
		return
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	for i := 1; i < len(out); i++ {
		if out[i].Order == out[i-1].Order {
			rd.errorf(g.Sheet, "", "levels %q and %q have the same order", out[i-1].Name, out[i].Name)
		}
	}
	rd.markings, rd.marked = out, true
}

// release reads a Release value written at sheet!cell: the level's name as
// defined, "" for an empty value. An unknown level is an error naming the
// cell, and the row is taken as the highest level, so that a typo never
// publishes it.
func (rd *reader) release(sheet, cell, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	rd.marked = true
	if mk, ok := findMarking(rd.markings, v); ok {
		return mk.Name
	}
	var names []string
	for _, mk := range rd.markings {
		names = append(names, mk.Name)
	}
	rd.errorf(sheet, cell, "unknown release level %q%s; the levels are %s", v, didYouMean(v, names), strings.Join(names, ", "))
	return rd.markings[len(rd.markings)-1].Name
}

// findMarking finds the level named name (case-insensitive).
func findMarking(ms []Marking, name string) (Marking, bool) {
	for _, mk := range ms {
		if normLabel(mk.Name) == normLabel(name) {
			return mk, true
		}
	}
	return Marking{}, false
}

// knownMarkings are words commonly used as security markings. In brackets
// in a note they must be one of the workbook's levels: "[SECRET]" in a
// workbook without that level is an error, never the note's own text.
var knownMarkings = []string{"PUBLIC", "INTERNAL", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET",
	"OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "SENSITIVE", "CLASSIFIED", "UNCLASSIFIED",
	"NOFORN", "EYES ONLY", "LIMITED", "LIMITED DISTRIBUTION", "NOT FOR PUBLICATION", "DO NOT CITE"}

// noteMarker finds the release level of a note: the highest level named
// in brackets anywhere in it ("[INTERNAL] text", "public part\n[RESTRICTED]
// …") or as a line's first word before a colon ("Internal: text"). It
// returns the level's name ("" for none) and the text without a marker
// that opens the note. A bracketed word close to a level's name, or a
// common marking that is not one of the workbook's levels ("[SECRET]"),
// is an error, and the note is taken as the highest level; any other
// bracket ("[sic]") is the note's own text.
func (rd *reader) noteMarker(sheet, cell, note string) (string, string) {
	level, text := "", note
	raise := func(name string) {
		if level == "" || rd.levelRank(name) > rd.levelRank(level) {
			level = name
		}
	}
	if strings.HasPrefix(note, "[") {
		if end := strings.IndexByte(note, ']'); end > 0 {
			if mk, ok := findMarking(rd.markings, strings.TrimSpace(note[1:end])); ok {
				raise(mk.Name)
				text = strings.TrimSpace(note[end+1:])
			}
		}
	}
	var names []string
	for _, mk := range rd.markings {
		names = append(names, mk.Name)
	}
	highest := rd.markings[len(rd.markings)-1].Name
	for rest := note; ; {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], ']')
		if end < 0 {
			break
		}
		word := strings.TrimSpace(rest[open+1 : open+end])
		rest = rest[open+end+1:]
		if mk, ok := findMarking(rd.markings, word); ok {
			raise(mk.Name)
			continue
		}
		if sug := Suggest(word, names); sug != "" {
			rd.errorf(sheet, cell, "the note's marker [%s] is not a release level (did you mean %q?)", word, sug)
			raise(highest)
			continue
		}
		for _, km := range knownMarkings {
			if normLabel(word) == normLabel(km) {
				rd.errorf(sheet, cell, "the note's marker [%s] is not a release level of this workbook; the levels are %s", word, strings.Join(names, ", "))
				raise(highest)
				break
			}
		}
	}
	for _, line := range strings.Split(note, "\n") {
		if head, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			if mk, ok := findMarking(rd.markings, head); ok {
				raise(mk.Name)
			}
		}
	}
	if level != "" {
		rd.marked = true
	}
	return level, text
}

// levelRank returns the place of the level named name in the workbook's
// ladder, the highest place for an unknown one.
func (rd *reader) levelRank(name string) int {
	for i, mk := range rd.markings {
		if normLabel(mk.Name) == normLabel(name) {
			return i
		}
	}
	return len(rd.markings) - 1
}

// mention is a name of a party or issue above the lowest level, for
// warnMentions.
type mention struct {
	kind, name, word string // "party" or "issue", its name, the word looked for
	rank             int
	fold             bool // match ignoring case (names and aliases, not short names)
}

// warnMentions warns about the texts of a marked workbook that name a
// party or issue of a higher level than their own: a public finding that
// says "Qorvania wavers" is published in the public edition, the
// restricted party's name with it. The text is the author's, so it is a
// warning, not an error; the edition removes rows by their markings only.
func (rd *reader) warnMentions(m *Matrix) {
	var ms []mention
	add := func(kind, name, short string, aliases Aliases, release string) {
		r := m.rank(release)
		if r == 0 {
			return
		}
		ms = append(ms, mention{kind, name, name, r, true})
		if len([]rune(short)) >= 2 {
			ms = append(ms, mention{kind, name, short, r, false})
		}
		for _, a := range aliases.List() {
			ms = append(ms, mention{kind, name, a, r, true})
		}
	}
	for _, p := range m.Parties {
		add("party", p.Name, p.Short, p.Aliases, p.Release)
	}
	for _, is := range m.Issues {
		add("issue", is.Name, is.Short, is.Aliases, is.Release)
	}
	if len(ms) == 0 {
		return
	}
	names := m.levelNames()
	check := func(sheet, cell, what string, rank int, texts ...string) {
		for _, mn := range ms {
			if mn.rank <= rank {
				continue
			}
			for _, t := range texts {
				if containsWord(t, mn.word, mn.fold) {
					rd.warnf(sheet, cell, "%s (%s) names the %s %s %q; it is published in the %s edition with it", what, names[rank], names[mn.rank], mn.kind, mn.name, names[rank])
					break
				}
			}
		}
	}
	level := func(rs ...string) int {
		r := 0
		for _, s := range rs {
			r = max(r, m.rank(s))
		}
		return r
	}
	partyRel := func(name string) string {
		if p := m.PartyIndex(name); p >= 0 {
			return m.Parties[p].Release
		}
		return ""
	}
	issueRel := func(name string) string {
		if i := m.IssueIndex(name); i >= 0 {
			return m.Issues[i].Release
		}
		return ""
	}
	for _, f := range m.Findings {
		rs := []string{f.Release, issueRel(f.Issue)}
		for _, p := range f.Parties {
			rs = append(rs, partyRel(p))
		}
		check(f.Sheet, "", fmt.Sprintf("row %d: the finding", f.Row), level(rs...), f.Text)
	}
	for _, e := range m.Evidence {
		check(e.Sheet, "", fmt.Sprintf("row %d: the evidence row", e.Row), level(e.Release, partyRel(e.Party), issueRel(e.Issue)), e.Summary, e.Quote, e.Speaker, e.Source)
	}
	m.NoteCells(func(i, p int) {
		if c := m.Cell(i, p); c.Note != "" {
			sheet, cell, _ := strings.Cut(m.CellRef(i, p), "!")
			check(sheet, cell, "the note", m.noteRank(i, p), c.Note)
		}
	})
	for _, p := range m.Parties {
		check("Parties", "", fmt.Sprintf("the description of %q", p.Name), m.rank(p.Release), p.Description)
	}
	for _, is := range m.Issues {
		check("Issues", "", fmt.Sprintf("the description of %q", is.Name), m.rank(is.Release), is.Description)
	}
	a := m.About
	check("About", "", "the About sheet", 0, a.Title, a.Subtitle, a.Footer, a.Notes, a.Classification)
}

// containsWord reports whether text holds word as a whole word (not
// inside a longer one), ignoring case when fold is set.
func containsWord(text, word string, fold bool) bool {
	if word == "" {
		return false
	}
	if fold {
		text, word = strings.ToLower(text), strings.ToLower(word)
	}
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ignoredLevels makes an error of a cell of row r, on a sheet that takes
// a Release column, that is in no column the reader knows and holds a
// release level or a common marking ("RESTRICTED" under a header
// "Classification", or "Relase"): the column would be ignored and the row
// published at every level. Each column is reported once.
func (rd *reader) ignoredLevels(t *table, r gridRow) {
	for _, c := range r.Cells {
		v := strings.TrimSpace(c.Val)
		if v == "" || v[0] == '[' || len(v) > 40 {
			continue
		}
		known := false
		for _, col := range t.Col {
			known = known || col == c.Col
		}
		if known {
			continue
		}
		_, level := findMarking(rd.markings, v)
		for _, km := range knownMarkings {
			level = level || normLabel(v) == normLabel(km)
		}
		key := t.Sheet + "!" + colName(c.Col)
		if !level || rd.ignoredCols[key] {
			continue
		}
		if rd.ignoredCols == nil {
			rd.ignoredCols = map[string]bool{}
		}
		rd.ignoredCols[key] = true
		rd.errorf(t.Sheet, cellName(c.Col, r.Row), "%q looks like a release level, but the column is not read (only a column headed Release marks a row): the row would be published at every level; head the column Release, or clear it", v)
	}
}

// takesRelease reports whether fields hold the Release column.
func takesRelease(fields Columns) bool {
	for _, f := range fields {
		if f.Name == ReleaseColumn.Name {
			return true
		}
	}
	return false
}
