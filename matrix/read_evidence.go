package matrix

import (
	"slices"
	"strings"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// readEvidence reads the Evidence sheet into m.Evidence. The sheet is
// streamed row by row: it is the one sheet that grows large.
func (rd *reader) readEvidence(s sheetRef, m *Matrix) {
	// The names and indexes below are built at the first row that needs
	// them: an Evidence sheet with no rows (a header only, as `init`
	// writes it) then costs nothing, where at 6,000 issues they took 2 MB
	// at the end of the read, when the heap is at its largest.
	var (
		built          bool
		pnames, inames []string
		pidx, iidx     map[string]int
		pexact, iexact map[string]int
		stanceNames    []string
	)
	build := func() {
		if built {
			return
		}
		built = true
		for _, p := range m.Parties {
			pnames = append(pnames, p.Name)
		}
		for _, p := range m.Parties {
			if p.Short != "" {
				pnames = append(pnames, p.Short)
			}
		}
		for _, is := range m.Issues {
			inames = append(inames, is.Name)
		}
		for _, is := range m.Issues {
			if is.Short != "" {
				inames = append(inames, is.Short)
			}
		}
		stanceNames = rd.stanceNames()
		// Name lookups by normalised name, so that a large sheet costs one
		// map lookup per row rather than a scan of the parties.
		pidx, iidx = m.nameIndexes()
		// Exact spellings first: most rows repeat the names as written.
		pexact, iexact = map[string]int{}, map[string]int{}
		for i := len(m.Parties) - 1; i >= 0; i-- {
			pexact[m.Parties[i].Name] = i
		}
		for i := len(m.Issues) - 1; i >= 0; i-- {
			iexact[m.Issues[i].Name] = i
		}
	}
	findP := func(s string) (int, bool) {
		if i, ok := pexact[s]; ok {
			return i, true
		}
		i, ok := pidx[normLabel(s)]
		return i, ok
	}
	findI := func(s string) (int, bool) {
		if i, ok := iexact[s]; ok {
			return i, true
		}
		i, ok := iidx[normLabel(s)]
		return i, ok
	}
	sheet := s.Name
	var t *table
	ok := false
	// named finds the party or issue (kind) that row r names in column col
	// in the matrix, or reports why the row is left out.
	named := func(r gridRow, col, kind string, find func(string) (int, bool), listed entryIndex, names []string) (int, bool) {
		v := t.val(r, col)
		if v != "" {
			if i, found := find(v); found {
				return i, true
			}
		}
		switch c := t.at(r, col); {
		case v == "":
			rd.errorf(sheet, c, "evidence row %d names no %s", r.Row, kind)
		case listed.find(v) >= 0:
			rd.warnf(sheet, c, "%s %q is not in the Matrix sheet; the evidence row is ignored", kind, v)
		default:
			rd.errorf(sheet, c, "unknown %s %q%s", kind, v, didYouMean(v, names))
		}
		return 0, false
	}
	hint := func(rows int) {
		if m.Evidence == nil && rows > 1 {
			m.Evidence = make([]Evidence, 0, min(rows-1, rd.opt.MaxCells, 1<<20))
		}
	}
	probs, err := rd.p.StreamSheet(s, xlsxfile.StreamOptions{Reuse: true, RowsHint: hint}, func(r gridRow) {
		if t == nil {
			t, ok = rd.tableFromHeader(sheet, r, append(slices.Clip(EvidenceColumns), ReleaseColumn))
			rd.evidenceStanceCol = t.Col["Stance"]
			return
		}
		if !ok || t.blank(r) {
			return
		}
		build()
		e := Evidence{Sheet: sheet, Row: r.Row}
		e.Release = rd.release(sheet, t.at(r, "Release"), t.val(r, "Release"))
		rd.ignoredLevels(t, r)
		pi, pok := named(r, "Party", "party", findP, rd.partyIdx, pnames)
		if pok {
			e.Party = m.Parties[pi].Name
		}
		ii, iok := named(r, "Issue", "issue", findI, rd.issueIdx, inames)
		if iok {
			e.Issue = m.Issues[ii].Name
		}
		keep := pok && iok
		if v := t.val(r, "Stance"); v != "" {
			c := t.at(r, "Stance")
			if label, found := rd.lookupStance(v); found {
				e.Stance = label
			} else {
				rd.unknownStance(sheet, c, v, stanceNames)
			}
		}
		if dc, _ := t.cell(r, "Date"); strings.TrimSpace(dc.Val) != "" {
			v, c := strings.TrimSpace(dc.Val), t.at(r, "Date")
			d, err := parseDate(v, dc.Num, rd.p.Date1904())
			if err != nil {
				rd.errorf(sheet, c, "%v", err)
			}
			e.Date = d
		}
		if v := t.val(r, "URL"); v != "" {
			c := t.at(r, "URL")
			if msg := checkURL(v); msg != "" {
				rd.errorf(sheet, c, "%s", msg)
			} else {
				e.URL = v
			}
		}
		e.Summary = t.val(r, "Summary")
		e.Quote = t.val(r, "Quote")
		e.Speaker = t.val(r, "Speaker")
		e.Source = t.val(r, "Source")
		if keep {
			m.Evidence = append(m.Evidence, e)
		}
	})
	if len(m.Evidence) == 0 {
		m.Evidence = nil
	}
	for _, cp := range probs {
		rd.addFileError(cp)
	}
	if err != nil {
		rd.addFileError(err)
	}
}

// checkEvidence warns where the newest evidence row for a cell gives a
// stance other than the cell's. The newest row is the one with the latest
// date (the lowest on the sheet among rows of that date); without dates,
// the lowest row on the sheet.
func (rd *reader) checkEvidence(m *Matrix) {
	type key struct{ p, i string }
	newest := map[key]int{}
	var order []key
	for k, e := range m.Evidence {
		kk := key{e.Party, e.Issue}
		j, seen := newest[kk]
		if !seen {
			order = append(order, kk)
			newest[kk] = k
			continue
		}
		cur := m.Evidence[j].Date
		if e.Date.IsZero() && !cur.IsZero() {
			continue // a dated row beats an undated one
		}
		if cur.IsZero() || !e.Date.Before(cur) {
			newest[kk] = k // later date, or same date lower on the sheet
		}
	}
	if len(order) == 0 {
		return // no evidence: no indexes of 6,000 issues to build
	}
	pidx, iidx := map[string]int{}, map[string]int{}
	for i, p := range m.Parties {
		pidx[p.Name] = i
	}
	for i, is := range m.Issues {
		iidx[is.Name] = i
	}
	for _, kk := range order {
		e := m.Evidence[newest[kk]]
		if e.Stance == "" {
			continue
		}
		pi, pok := pidx[e.Party]
		ii, iok := iidx[e.Issue]
		if !pok || !iok {
			continue
		}
		cell := m.Cell(ii, pi)
		if cell.Stance == e.Stance {
			continue
		}
		what := "newest evidence"
		if !e.Date.IsZero() {
			what = "evidence of " + e.Date.Format("2006-01-02")
		}
		says := "matrix says " + cell.Stance
		if cell.Stance == "" {
			says = "matrix cell " + m.CellRef(ii, pi) + " is blank"
		}
		rd.warnf(e.Sheet, rd.evidenceStanceCell(e), "%s says %s, %s", what, e.Stance, says)
	}
}

// evidenceStanceCell returns the Stance cell of an evidence row.
func (rd *reader) evidenceStanceCell(e Evidence) string {
	return cellName(rd.evidenceStanceCol, e.Row)
}

// nameIndexes index the parties and the issues of m by normalised name,
// short name and alias: a name wins over a short name, a short name over an
// alias, an earlier row over a later.
func (m *Matrix) nameIndexes() (parties, issues map[string]int) {
	parties = nameIndex(m.Parties, func(p Party) (string, string, Aliases) { return p.Name, p.Short, p.Aliases })
	issues = nameIndex(m.Issues, func(is Issue) (string, string, Aliases) { return is.Name, is.Short, is.Aliases })
	return parties, issues
}

func nameIndex[T any](items []T, names func(T) (name, short string, aliases Aliases)) map[string]int {
	idx := make(map[string]int, 2*len(items))
	for i := len(items) - 1; i >= 0; i-- {
		if _, _, aliases := names(items[i]); aliases != "" {
			for _, a := range aliases.List() {
				idx[normLabel(a)] = i
			}
		}
	}
	for i := len(items) - 1; i >= 0; i-- {
		if _, short, _ := names(items[i]); short != "" {
			idx[normLabel(short)] = i
		}
	}
	for i := len(items) - 1; i >= 0; i-- {
		name, _, _ := names(items[i])
		idx[normLabel(name)] = i
	}
	return idx
}
