package matrix

import (
	"slices"
	"sort"
	"strings"
)

// readFindings reads the Findings sheet into m.Findings: the author's own
// key findings, one a row, with the issue and parties each concerns. It runs
// after the Matrix sheet, so that names are checked against the matrix. An
// unknown issue or party is a warning naming the cell (the finding is kept
// without it); a row without text is skipped, with a warning when it holds
// something else.
func (rd *reader) readFindings(g *grid, m *Matrix) {
	t, ok := rd.readTable(g, append(slices.Clip(FindingsColumns), ReleaseColumn))
	if !ok {
		return
	}
	// Built at the first row, not before: a Findings sheet with a header
	// only (as `init` writes it) then costs nothing, where at 6,000 issues
	// the indexes took 1 MB at the end of the read.
	var (
		pnames, inames []string
		pidx, iidx     map[string]int
	)
	for _, r := range t.Rows {
		if t.blank(r) {
			continue
		}
		if pidx == nil {
			pidx, iidx = m.nameIndexes()
			for _, p := range m.Parties {
				pnames = append(pnames, p.Name)
			}
			for _, is := range m.Issues {
				inames = append(inames, is.Name)
			}
		}
		text, tc := t.get(r, "Text")
		if text == "" {
			rd.warnf(g.Sheet, tc, "finding row %d has no text; it is ignored", r.Row)
			continue
		}
		f := Finding{Text: text, Sheet: g.Sheet, Row: r.Row}
		f.Release = rd.release(g.Sheet, t.at(r, "Release"), t.val(r, "Release"))
		if v, c := t.get(r, "Issue"); v != "" {
			if i, found := iidx[normLabel(v)]; found {
				f.Issue = m.Issues[i].Name
			} else {
				rd.warnf(g.Sheet, c, "unknown issue %q; the finding is kept without it%s", v, didYouMean(v, inames))
			}
		}
		if v, c := t.get(r, "Parties"); v != "" {
			names := []string{v} // a name with a comma in it, written alone
			if _, found := pidx[normLabel(v)]; !found {
				names = strings.Split(v, ",")
			}
			seen := map[int]bool{}
			for _, n := range names {
				n = strings.TrimSpace(n)
				if n == "" {
					continue
				}
				i, found := pidx[normLabel(n)]
				switch {
				case !found:
					rd.warnf(g.Sheet, c, "unknown party %q; the finding is kept without it%s", n, didYouMean(n, pnames))
				case !seen[i]:
					seen[i] = true
					f.Parties = append(f.Parties, m.Parties[i].Name)
				}
			}
		}
		if v, c := t.get(r, "Order"); v != "" {
			if o, err := parseNumber(v); err != nil {
				rd.warnf(g.Sheet, c, "order %q is not a number; the finding follows the numbered ones", v)
			} else {
				f.Order, f.HasOrder = o, true
			}
		}
		m.Findings = append(m.Findings, f)
	}
	SortFindings(m.Findings)
}

// SortFindings puts findings in the order the briefings show them: those
// with an Order first, lowest first, then the others; ties keep their
// order.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(a, b int) bool {
		if fs[a].HasOrder != fs[b].HasOrder {
			return fs[a].HasOrder
		}
		return fs[a].HasOrder && fs[a].Order < fs[b].Order
	})
}
