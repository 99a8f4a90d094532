package matrix

import (
	"sort"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// matrixSlot is a party column or issue row of a Matrix sheet.
type matrixSlot struct {
	pos   int // column (party) or row (issue) in the sheet
	order int // index in the Parties/Issues sheet, or header order
	party Party
	issue Issue
}

// readMatrix reads a Matrix sheet (the current one, or a snapshot); nil when
// the matrix is over the size limit.
func (rd *reader) readMatrix(g *grid, s sheetRef, current bool) *Matrix {
	m := &Matrix{Source: rd.file, Scale: rd.scale}
	sheet := s.Name
	if len(g.Rows) == 0 {
		rd.errorf(sheet, "", "the sheet is empty: row 1 should name the parties (from column B) and column A the issues (from row 2)")
		return m
	}
	hdr := g.Rows[0]
	// The issue column is the leftmost column used below the header row;
	// without issues, the column left of the first party.
	issueCol := max(1, hdr.Cells[0].Col-1)
	if hdr.Cells[0].Col == 1 {
		issueCol = 1
	}
	for k, r := range g.Rows[1:] {
		if c := r.Cells[0].Col; k == 0 || c < issueCol {
			issueCol = c
		}
	}
	if issueCol > hdr.Cells[0].Col {
		issueCol = hdr.Cells[0].Col
	}
	notes, err := rd.p.Comments(s)
	if err != nil {
		rd.addFileError(err)
	}

	// Parties across the header row.
	var pslots []matrixSlot
	pcol := map[int]int{} // sheet column → index in pslots
	seenP := map[string]string{}
	hdrCols := map[int]bool{}
	for _, c := range hdr.Cells {
		if c.Col <= issueCol {
			continue
		}
		name := strings.TrimSpace(c.Val)
		if name == "" {
			continue
		}
		hdrCols[c.Col] = true
		cn := cellName(c.Col, hdr.Row)
		sl := matrixSlot{pos: c.Col, order: len(pslots)}
		if rd.hasPList {
			i := rd.partyIdx.find(name)
			if i < 0 {
				rd.errorf(sheet, cn, "party %q is not in the Parties sheet%s", name, didYouMean(name, entryNames(rd.parties)))
				continue
			}
			if current {
				rd.parties[i].Used = true
			}
			sl.order, sl.party = i, rd.parties[i].Party
		} else {
			sl.party = Party{Name: name, Weight: 1, Ref: sheet + "!" + cn}
		}
		key := normLabel(sl.party.Name)
		if prev, dup := seenP[key]; dup {
			rd.errorf(sheet, cn, "duplicate party %q (also in %s)", name, prev)
			continue
		}
		seenP[key] = cn
		pcol[c.Col] = len(pslots)
		pslots = append(pslots, sl)
	}

	// Issues down the first column, and their cells.
	var islots []matrixSlot
	type rawCell struct {
		slot   int // index in pslots
		stance string
	}
	var rows [][]rawCell // parallel to islots
	seenI := map[string]string{}
	stanceNames := rd.stanceNames()
	for _, r := range g.Rows[1:] {
		name := ""
		if r.Cells[0].Col == issueCol {
			name = strings.TrimSpace(r.Cells[0].Val)
		}
		cn := cellName(issueCol, r.Row)
		var sl matrixSlot
		ok := name != ""
		if !ok {
			rd.errorf(sheet, cn, "row %d has stances but no issue name in column %s", r.Row, colName(issueCol))
		} else if rd.hasIList {
			i := rd.issueIdx.find(name)
			if i < 0 {
				rd.errorf(sheet, cn, "issue %q is not in the Issues sheet%s", name, didYouMean(name, entryNames(rd.issues)))
				ok = false
			} else {
				if current {
					rd.issues[i].Used = true
				}
				sl = matrixSlot{pos: r.Row, order: i, issue: rd.issues[i].Issue}
			}
		} else {
			sl = matrixSlot{pos: r.Row, order: len(islots), issue: Issue{Name: name, Weight: 1, Ref: sheet + "!" + cn}}
		}
		if ok {
			key := normLabel(sl.issue.Name)
			if prev, dup := seenI[key]; dup {
				rd.errorf(sheet, cn, "duplicate issue %q (also in %s)", name, prev)
				ok = false
			} else {
				seenI[key] = cn
			}
		}
		var cells []rawCell
		for _, c := range r.Cells {
			if c.Col <= issueCol {
				continue
			}
			v := strings.TrimSpace(c.Val)
			if v == "" {
				continue
			}
			pi, has := pcol[c.Col]
			if !has {
				if !hdrCols[c.Col] {
					rd.errorf(sheet, cellName(c.Col, r.Row), "%q is in a column with no party name in row %d", v, hdr.Row)
				}
				continue
			}
			if !ok {
				continue
			}
			label, found := rd.lookupStance(v)
			if !found {
				rd.errorf(sheet, cellName(c.Col, r.Row), "unknown stance %q%s", v, didYouMean(v, stanceNames))
				continue
			}
			cells = append(cells, rawCell{slot: pi, stance: label})
		}
		if ok {
			islots = append(islots, sl)
			rows = append(rows, cells)
		}
	}

	// The matrix is dense: a sparse sheet with many parties and many issues
	// would otherwise allocate parties × issues cells.
	if n := len(pslots) * len(islots); n > rd.opt.MaxCells {
		rd.limitErrorf(sheet, int64(rd.opt.MaxCells), "the matrix has %d parties × %d issues = %d cells, more than the limit of %d",
			len(pslots), len(islots), n, rd.opt.MaxCells)
		return nil
	}
	rd.denseCells += len(pslots) * len(islots)
	if rd.denseCells > 4*rd.opt.MaxCells {
		rd.limitErrorf(sheet, int64(rd.opt.MaxCells), "the current matrix and its snapshots hold more than %d cells in all (4 × the limit)", 4*rd.opt.MaxCells)
		return nil
	}

	// Display order: the Parties/Issues sheet order when there is one.
	pord := make([]int, len(pslots))
	for i := range pord {
		pord[i] = i
	}
	sort.SliceStable(pord, func(a, b int) bool { return pslots[pord[a]].order < pslots[pord[b]].order })
	pnew := make([]int, len(pslots)) // slot → display index
	for d, sidx := range pord {
		pnew[sidx] = d
		m.Parties = append(m.Parties, pslots[sidx].party)
	}
	iord := make([]int, len(islots))
	for i := range iord {
		iord[i] = i
	}
	sort.SliceStable(iord, func(a, b int) bool { return islots[iord[a]].order < islots[iord[b]].order })
	// Refs are built from precomputed column letters and row numbers: one
	// allocation per cell.
	prefix := sheet + "!"
	colLetters := make([]string, len(pslots))
	for pi, sl := range pslots {
		colLetters[pi] = prefix + colName(sl.pos)
	}
	m.Cells = make([][]Cell, len(islots))
	all := make([]Cell, len(islots)*len(pslots))
	for d, iidx := range iord {
		m.Issues = append(m.Issues, islots[iidx].issue)
		row := all[d*len(pslots) : (d+1)*len(pslots) : (d+1)*len(pslots)]
		rowNum := strconv.Itoa(islots[iidx].pos)
		for pi, sl := range pslots {
			c := &row[pnew[pi]]
			c.Ref = colLetters[pi] + rowNum
			if len(notes) > 0 {
				c.Note = notes[xlsxfile.Pos{Col: sl.pos, Row: islots[iidx].pos}]
			}
		}
		for _, rc := range rows[iidx] {
			row[pnew[rc.slot]].Stance = rc.stance
		}
		m.Cells[d] = row
	}

	noParties := len(pslots) == 0 && len(hdrCols) == 0
	noIssues := len(islots) == 0 && len(g.Rows) == 1
	switch {
	case noParties && noIssues && current:
		// A sheet with nothing in it yet is the blank template of `init`:
		// valid, but there is nothing to export until it is filled in.
		rd.warnf(sheet, cellName(issueCol, hdr.Row), "the matrix is empty: name one party per column in row %d from column %s on, and one issue per row in column %s from row %d on", hdr.Row, colName(issueCol+1), colName(issueCol), hdr.Row+1)
	default:
		if noParties {
			rd.errorf(sheet, cellName(issueCol+1, hdr.Row), "no parties: row %d should name one party per column from column %s on", hdr.Row, colName(issueCol+1))
		}
		if noIssues {
			rd.errorf(sheet, cellName(issueCol, hdr.Row+1), "no issues: column %s should name one issue per row from row %d on", colName(issueCol), hdr.Row+1)
		}
	}
	if current {
		rd.warnUnused(rd.parties, "party", "Parties")
		rd.warnUnused(rd.issues, "issue", "Issues")
	}
	return m
}

// lookupStance returns the canonical label for a cell's text, remembering
// the answer for each distinct text (a matrix repeats a handful of them).
func (rd *reader) lookupStance(v string) (string, bool) {
	if rd.stanceCache == nil {
		rd.stanceCache = map[string]string{}
	}
	if label, ok := rd.stanceCache[v]; ok {
		return label, label != ""
	}
	st, ok := rd.scale.Lookup(v)
	if len(rd.stanceCache) < 10000 {
		rd.stanceCache[v] = st.Label
	}
	return st.Label, ok
}

// stanceNames lists labels first, then aliases, for suggestions.
func (rd *reader) stanceNames() []string {
	var out []string
	for _, st := range rd.scale.Stances {
		out = append(out, st.Label)
	}
	for _, st := range rd.scale.Stances {
		out = append(out, st.Aliases...)
	}
	return out
}
