package matrix

import (
	"sort"
	"strings"
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

// noteMarker splits a note that starts with a bracketed level, "[INTERNAL]
// text", into the level's name and the text. A bracketed word close to a
// level's name is an error (the note is taken as the highest level); any
// other bracket is the note's own text.
func (rd *reader) noteMarker(sheet, cell, note string) (string, string) {
	if !strings.HasPrefix(note, "[") {
		return "", note
	}
	end := strings.IndexByte(note, ']')
	if end < 0 {
		return "", note
	}
	word := strings.TrimSpace(note[1:end])
	rest := strings.TrimSpace(note[end+1:])
	if mk, ok := findMarking(rd.markings, word); ok {
		rd.marked = true
		return mk.Name, rest
	}
	var names []string
	for _, mk := range rd.markings {
		names = append(names, mk.Name)
	}
	if s := Suggest(word, names); s != "" {
		rd.errorf(sheet, cell, "the note's marker [%s] is not a release level (did you mean %q?)", word, s)
		rd.marked = true
		return rd.markings[len(rd.markings)-1].Name, rest
	}
	return "", note
}
