package matrix

import (
	"fmt"
	"slices"
	"strings"
)

// listEntry is one row of the Parties or Issues sheet. Party (of the
// Parties sheet) or Issue (of the Issues sheet) is set, the other nil: an
// entry holding both took 330 bytes, 2 MB for 6,000 issues alive through
// the whole read, where it now takes 1.3 MB.
type listEntry struct {
	Party   *Party
	Issue   *Issue
	Name    string
	Short   string
	Aliases []string
	Row     int
	Used    bool // named by the current Matrix sheet
}

// listOwner is the row that uses a name of a Parties or Issues sheet: the
// row's Name, the cell, and how the row uses the name ("", "short name " or
// "alias ").
type listOwner struct{ name, cell, as string }

// String is how a message names the owner: "Kyiv" in A2, or "Kyiv"
// (short name in B2).
func (o listOwner) String() string {
	if o.as == "" {
		return fmt.Sprintf("%q in %s", o.name, o.cell)
	}
	return fmt.Sprintf("%q (%sin %s)", o.name, o.as, o.cell)
}

// readList reads the Parties (parties true) or Issues sheet.
func (rd *reader) readList(g *grid, parties bool) ([]listEntry, bool) {
	kind, fields := "issue", IssuesColumns
	if parties {
		kind, fields = "party", PartiesColumns
	}
	fields = append(slices.Clip(fields), ListAliasesColumn, ReleaseColumn)
	if len(g.Rows) == 0 {
		rd.warnf(g.Sheet, "", "the sheet is empty; it is ignored")
		return nil, false
	}
	t, ok := rd.readTable(g, fields)
	if !ok {
		return nil, false
	}
	// Sized once: an entry is some 300 bytes, and growing the slice by
	// doubling allocated 9 MB for 6,000 issues where 2 MB are kept.
	out := make([]listEntry, 0, len(t.Rows))
	// owner holds, for every name, short name and alias seen so far, the
	// row that uses it, formatted only when a later row repeats it: two
	// strings formatted per row were 2 MB for 6,000 issues.
	owner := make(map[string]listOwner, len(t.Rows))
	for _, r := range t.Rows {
		if t.blank(r) {
			continue
		}
		name, nc := t.get(r, "Name")
		if name == "" {
			rd.warnf(g.Sheet, nc, "row %d has no Name; it is ignored", r.Row)
			continue
		}
		short, sc := t.get(r, "Short")
		if prev, dup := owner[normLabel(name)]; dup {
			rd.errorf(g.Sheet, nc, "duplicate %s %q (also %s)", kind, name, prev)
			continue
		}
		if short != "" && normLabel(short) != normLabel(name) {
			if prev, dup := owner[normLabel(short)]; dup {
				rd.errorf(g.Sheet, sc, "short name %q of %s %q is already used by %s", short, kind, name, prev)
				short = ""
			}
		}
		owner[normLabel(name)] = listOwner{name, nc, ""}
		if short != "" {
			owner[normLabel(short)] = listOwner{name, sc, "short name "}
		}
		weight := 1.0
		if v, c := t.get(r, "Weight"); v != "" {
			f, err := parseNumber(v)
			switch {
			case err != nil:
				rd.errorf(g.Sheet, c, "weight %q is not a number", v)
			case f < 0:
				rd.errorf(g.Sheet, c, "weight %s is negative; a weight is 0 or more", v)
			default:
				weight = f
			}
		}
		desc, _ := t.get(r, "Description")
		e := listEntry{Name: name, Short: short, Row: r.Row}
		rel := rd.release(g.Sheet, t.at(r, "Release"), t.val(r, "Release"))
		ref := g.Sheet + "!" + nc
		if parties {
			group, _ := t.get(r, "Group")
			color := ""
			if v, c := t.get(r, "Color"); v != "" {
				if col, ok := parseColor(v); ok {
					color = col
				} else {
					rd.errorf(g.Sheet, c, "color %q is not of the form #RRGGBB", v)
				}
			}
			e.Party = &Party{Name: name, Short: short, Group: group, Color: color, Weight: weight, Description: desc, Ref: ref, Release: rel}
		} else {
			cat, _ := t.get(r, "Category")
			e.Issue = &Issue{Name: name, Short: short, Category: cat, Description: desc, Weight: weight, Ref: ref, Release: rel}
		}
		out = append(out, e)
	}
	// Aliases once all names and short names are known, so that an alias
	// naming another row is caught whatever the row order.
	k := 0
	for _, r := range t.Rows {
		name, _ := t.get(r, "Name")
		if k >= len(out) || r.Row != out[k].Row || name != out[k].Name {
			continue
		}
		e := &out[k]
		k++
		v, c := t.get(r, "Aliases")
		for _, a := range strings.Split(v, ",") {
			a = strings.Join(strings.Fields(a), " ")
			if a == "" || normLabel(a) == normLabel(e.Name) || (e.Short != "" && normLabel(a) == normLabel(e.Short)) ||
				slices.ContainsFunc(e.Aliases, func(b string) bool { return normLabel(a) == normLabel(b) }) {
				continue // its own name, or written twice
			}
			if prev, dup := owner[normLabel(a)]; dup {
				rd.errorf(g.Sheet, c, "alias %q of %s %q is already used by %s", a, kind, e.Name, prev)
				continue
			}
			owner[normLabel(a)] = listOwner{e.Name, c, "alias "}
			e.Aliases = append(e.Aliases, a)
		}
		if parties {
			e.Party.Aliases = Aliases(strings.Join(e.Aliases, ", "))
		} else {
			e.Issue.Aliases = Aliases(strings.Join(e.Aliases, ", "))
		}
	}
	return out, true
}

// warnUnused warns about the rows of a Parties or Issues list that the
// Matrix sheet does not name.
func (rd *reader) warnUnused(list []listEntry, kind, sheetKey string) {
	s := rd.sheets[strings.ToLower(sheetKey)]
	for _, e := range list {
		if !e.Used {
			var ref string
			if e.Party != nil {
				ref = e.Party.Ref
			} else {
				ref = e.Issue.Ref
			}
			rd.warnf(s.Name, strings.TrimPrefix(ref, s.Name+"!"), "%s %q is not in the Matrix sheet; it is left out", kind, e.Name)
		}
	}
}

// entryIndex finds the row of a Parties or Issues list by its name or, failing
// that, its short name, or failing that one of its aliases (ignoring case and
// spacing, the first row of each), in one map look-up: a Matrix sheet with
// thousands of issues must not search the whole list for each.
type entryIndex struct{ byName, byShort, byAlias map[string]int }

func newEntryIndex(list []listEntry) entryIndex {
	x := entryIndex{byName: make(map[string]int, len(list)), byShort: make(map[string]int, len(list)), byAlias: map[string]int{}}
	for i, e := range list {
		if n := normLabel(e.Name); x.byName[n] == 0 {
			x.byName[n] = i + 1
		}
		if n := normLabel(e.Short); e.Short != "" && x.byShort[n] == 0 {
			x.byShort[n] = i + 1
		}
		for _, a := range e.Aliases {
			if n := normLabel(a); x.byAlias[n] == 0 {
				x.byAlias[n] = i + 1
			}
		}
	}
	return x
}

// find returns the index of name in the list, or -1.
func (x entryIndex) find(name string) int {
	n := normLabel(name)
	if i := x.byName[n]; i > 0 {
		return i - 1
	}
	if i := x.byShort[n]; i > 0 {
		return i - 1
	}
	if i := x.byAlias[n]; i > 0 {
		return i - 1
	}
	return -1
}

func entryNames(list []listEntry) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Name)
	}
	for _, e := range list {
		if e.Short != "" {
			out = append(out, e.Short)
		}
	}
	return out
}
