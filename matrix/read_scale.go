package matrix

import (
	"fmt"
	"strings"
)

// MaxStances is the most stances a Scale sheet may list. A scale is a
// handful of positions; the bound keeps a hostile sheet from making every
// stance lookup slow (each compares with every label and alias).
const MaxStances = 100

// readScale reads the Scale sheet into rd.scale.
func (rd *reader) readScale(g *grid) {
	t, ok := rd.readTable(g, ScaleColumns)
	if len(g.Rows) == 0 {
		rd.warnf(g.Sheet, "", "the Scale sheet is empty; the default scale applies")
		return
	}
	if !ok {
		return
	}
	sc := Scale{}
	owner := map[string]string{} // normalised label or alias → "label (cell)"
	for _, r := range t.Rows {
		if t.blank(r) {
			continue
		}
		label, lc := t.get(r, "Label")
		if label == "" {
			rd.warnf(g.Sheet, lc, "row %d has no Label; it is ignored", r.Row)
			continue
		}
		if len(sc.Stances) == MaxStances {
			rd.errorf(g.Sheet, lc, "the scale has more than %d stances (from %q on); a scale is a handful of positions, the default has %d",
				MaxStances, label, len(DefaultScale().Stances))
			break
		}
		if prev, dup := owner[normLabel(label)]; dup {
			rd.errorf(g.Sheet, lc, "stance %q is listed twice (also %s)", label, prev)
			continue
		}
		owner[normLabel(label)] = fmt.Sprintf("%q in %s", label, lc)
		st := Stance{Label: label}
		if v, c := t.get(r, "Score"); v != "" {
			f, err := parseNumber(v)
			if err != nil {
				rd.errorf(g.Sheet, c, "score %q is not a number", v)
			} else {
				st.Score, st.HasScore = f, true
			}
		}
		if v, c := t.get(r, "Color"); v != "" {
			if col, ok := parseColor(v); ok {
				st.Color = col
			} else {
				rd.errorf(g.Sheet, c, "color %q is not of the form #RRGGBB", v)
			}
		}
		st.Symbol, _ = t.get(r, "Symbol")
		st.Description, _ = t.get(r, "Description")
		sc.Stances = append(sc.Stances, st)
	}
	// Aliases once all labels are known, so an alias that names another
	// stance's label is caught whatever the row order.
	idx := 0
	for _, r := range t.Rows {
		label, _ := t.get(r, "Label")
		if label == "" || idx >= len(sc.Stances) || sc.Stances[idx].Label != label {
			continue
		}
		st := &sc.Stances[idx]
		idx++
		v, c := t.get(r, "Aliases")
		for _, a := range strings.Split(v, ",") {
			a = strings.TrimSpace(a)
			if a == "" || normLabel(a) == normLabel(label) {
				continue
			}
			if prev, dup := owner[normLabel(a)]; dup {
				rd.errorf(g.Sheet, c, "alias %q of %q is already used by %s", a, label, prev)
				continue
			}
			owner[normLabel(a)] = fmt.Sprintf("%q (alias in %s)", label, c)
			st.Aliases = append(st.Aliases, a)
		}
	}
	if len(sc.Stances) == 0 {
		rd.errorf(g.Sheet, cellName(t.HeaderCol, t.HeaderRow), "the Scale sheet lists no stances below the header row")
		return
	}
	fillColors(&sc)
	rd.scale = sc
}

// fillColors gives stances without a colour one from the default palette by
// their place on the axis, and grey when off the axis.
func fillColors(sc *Scale) {
	def := DefaultScale().Stances
	lo, hi, ok := sc.Bounds()
	for i := range sc.Stances {
		st := &sc.Stances[i]
		if st.Color != "" {
			continue
		}
		if !st.HasScore {
			st.Color = def[5].Color
			continue
		}
		k := 2
		if ok {
			// highest score → Supports (0), lowest → Opposes (4)
			k = int((hi-st.Score)/(hi-lo)*4 + 0.5)
		}
		st.Color = def[k].Color
	}
}
