package matrix

import (
	"sort"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// partySlot is a party column of a Matrix sheet, issueSlot an issue row.
// An issueSlot holds no Issue (see slotIssue): the slots of 6,000 issues
// take 0.1 MB, where with an Issue and a Party each they took 1.6 MB.
type partySlot struct {
	pos   int // column in the sheet
	order int // index in the Parties sheet, or header order
	party Party
}

type issueSlot struct {
	pos   int    // row in the sheet
	order int    // index in the Issues sheet (rd.issues), or row order
	name  string // the name on the sheet, without an Issues sheet
}

// slotIssue is the issue of slot sl of a Matrix sheet whose issues are in
// column issueCol: the Issues sheet's row, or one made from the name.
func (rd *reader) slotIssue(sl issueSlot, sheet string, issueCol int) Issue {
	if rd.hasIList {
		return *rd.issues[sl.order].Issue
	}
	return Issue{Name: sl.name, Weight: 1, Ref: sheet + "!" + cellName(issueCol, sl.pos)}
}

// readMatrix reads a Matrix sheet (the current one, or a snapshot); nil when
// the matrix is over the size limit.
func (rd *reader) readMatrix(g *matrixSheet, s sheetRef, current bool) *Matrix {
	m := &Matrix{Source: rd.file, Scale: rd.scale}
	sheet := s.Name
	if len(g.rows) == 0 {
		rd.errorf(sheet, "", "the sheet is empty: row 1 should name the parties (from column B) and column A the issues (from row 2)")
		return m
	}
	hdrRow, hdr := g.row(0)
	// The issue column is the leftmost column used below the header row;
	// without issues, the column left of the first party.
	hdrCol := int(hdr.first().col)
	issueCol := max(1, hdrCol-1)
	if hdrCol == 1 {
		issueCol = 1
	}
	for k := 1; k < len(g.rows); k++ {
		_, cs := g.row(k)
		if c := int(cs.first().col); k == 1 || c < issueCol {
			issueCol = c
		}
	}
	if issueCol > hdrCol {
		issueCol = hdrCol
	}
	notes, threaded, err := rd.p.AllComments(s)
	if err != nil {
		rd.addFileError(err)
	}

	// Parties across the header row. pcol maps a sheet column to its index
	// in pslots, or -1; hdrCol marks the columns with a name.
	var pslots []partySlot
	maxCol := g.maxCol
	pcol := make([]int32, maxCol+1)
	for k := range pcol {
		pcol[k] = -1
	}
	hdrCols := make([]bool, maxCol+1)
	nHdr := 0
	seenP := map[string]string{}
	for c := range hdr.cells {
		col := int(c.col)
		if col <= issueCol {
			continue
		}
		name := strings.TrimSpace(g.texts[c.id])
		if name == "" {
			continue
		}
		hdrCols[col] = true
		nHdr++
		cn := cellName(col, hdrRow)
		sl := partySlot{pos: col, order: len(pslots)}
		if rd.hasPList {
			i := rd.partyIdx.find(name)
			if i < 0 {
				rd.errorf(sheet, cn, "party %q is not in the Parties sheet%s", name, didYouMean(name, entryNames(rd.parties)))
				continue
			}
			if current {
				rd.parties[i].Used = true
			}
			sl.order, sl.party = i, *rd.parties[i].Party
		} else {
			sl.party = Party{Name: name, Weight: 1, Ref: sheet + "!" + cn}
		}
		key := normLabel(sl.party.Name)
		if prev, dup := seenP[key]; dup {
			rd.errorf(sheet, cn, "duplicate party %q (also in %s)", name, prev)
			continue
		}
		seenP[key] = cn
		pcol[col] = int32(len(pslots))
		pslots = append(pslots, sl)
	}

	// Issues down the first column, and their cells' stances, each text
	// looked up once.
	const (
		textUnseen = iota
		textBlank
		textStance
		textUnknown
	)
	state := make([]uint8, len(g.texts))
	label := make([]string, len(g.texts))
	islots := make([]issueSlot, 0, len(g.rows)-1)
	irows := make([]int, 0, len(g.rows)-1) // parallel to islots: the row's index in g
	seenI := map[string]int{}              // normalised name → row
	stanceNames := rd.stanceNames()
	for k := 1; k < len(g.rows); k++ {
		rowNum, cs := g.row(k)
		name := ""
		if c := cs.first(); int(c.col) == issueCol {
			name = strings.TrimSpace(g.texts[c.id])
		}
		cn := cellName(issueCol, rowNum)
		var sl issueSlot
		ok := name != ""
		if !ok {
			rd.errorf(sheet, cn, "row %d has stances but no issue name in column %s", rowNum, colName(issueCol))
		} else if rd.hasIList {
			i := rd.issueIdx.find(name)
			if i < 0 {
				rd.errorf(sheet, cn, "issue %q is not in the Issues sheet%s", name, didYouMean(name, entryNames(rd.issues)))
				ok = false
			} else {
				if current {
					rd.issues[i].Used = true
				}
				sl = issueSlot{pos: rowNum, order: i}
			}
		} else {
			sl = issueSlot{pos: rowNum, order: len(islots), name: name}
		}
		if ok {
			key := normLabel(name)
			if rd.hasIList {
				key = normLabel(rd.issues[sl.order].Name)
			}
			if prev, dup := seenI[key]; dup {
				rd.errorf(sheet, cn, "duplicate issue %q (also in %s)", name, cellName(issueCol, prev))
				ok = false
			} else {
				seenI[key] = rowNum
			}
		}
		for c := range cs.cells {
			col := int(c.col)
			if col <= issueCol {
				continue
			}
			st := state[c.id]
			if st == textUnseen {
				v := strings.TrimSpace(g.texts[c.id])
				switch l, found := rd.lookupStance(v); {
				case v == "":
					st = textBlank
				case found:
					st, label[c.id] = textStance, l
				default:
					st = textUnknown
				}
				state[c.id] = st
			}
			if st == textBlank {
				continue
			}
			if pcol[col] < 0 {
				if !hdrCols[col] {
					rd.errorf(sheet, cellName(col, rowNum), "%q is in a column with no party name in row %d", strings.TrimSpace(g.texts[c.id]), hdrRow)
				}
				continue
			}
			if !ok {
				continue
			}
			if st == textUnknown {
				rd.unknownStance(sheet, cellName(col, rowNum), strings.TrimSpace(g.texts[c.id]), stanceNames)
			}
		}
		if ok {
			islots = append(islots, sl)
			irows = append(irows, k)
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
	m.Issues = make([]Issue, 0, len(iord))
	for _, iidx := range iord {
		m.Issues = append(m.Issues, rd.slotIssue(islots[iidx], sheet, issueCol))
	}
	m.InitCells()
	// Where each cell is, for CellRef: a column per party, a row per issue.
	cols := make([]int, len(pslots))
	for pi, sl := range pslots {
		cols[pnew[pi]] = sl.pos
	}
	rowAt := make([]int, len(islots))
	inew := make(map[int]int, len(islots)) // sheet row → display index
	for d, iidx := range iord {
		rowAt[d] = islots[iidx].pos
		inew[islots[iidx].pos] = d
	}
	m.SetCellPlaces(sheet, cols, rowAt)
	// The stances: a second pass over the rows kept, each text's code in
	// the matrix's table looked up once.
	code := make([]int32, len(g.texts))
	for k := range code {
		code[k] = -1
	}
	// slotCol maps a sheet column to the display index of its party, or -1.
	slotCol := make([]int32, len(pcol))
	for col, pi := range pcol {
		slotCol[col] = -1
		if pi >= 0 {
			slotCol[col] = int32(pnew[pi])
		}
	}
	stride := len(pslots)
	for d, iidx := range iord {
		_, cs := g.row(irows[iidx])
		at := d * stride
		for c := range cs.cells {
			if int(c.col) <= issueCol || state[c.id] != textStance {
				continue
			}
			p := slotCol[c.col]
			if p < 0 {
				continue
			}
			if code[c.id] < 0 {
				code[c.id] = int32(m.cells.code(label[c.id]))
			}
			m.cells.set(at+int(p), uint16(code[c.id]))
		}
	}
	// Notes and threaded comments: few, placed from their maps in the
	// order of the cells (by issue, then the party's column), so that the
	// problems they raise come in that order.
	type noted struct{ d, slot int }
	var at []noted
	place := func(pos xlsxfile.Pos) {
		if d, ok := inew[pos.Row]; ok && pos.Col >= 0 && pos.Col < len(pcol) && pcol[pos.Col] >= 0 {
			at = append(at, noted{d, int(pcol[pos.Col])})
		}
	}
	for pos := range notes {
		place(pos)
	}
	for pos, t := range threaded {
		if _, has := notes[pos]; !has && t {
			place(pos)
		}
	}
	sort.Slice(at, func(a, b int) bool {
		if at[a].d != at[b].d {
			return at[a].d < at[b].d
		}
		return at[a].slot < at[b].slot
	})
	for _, n := range at {
		pos := xlsxfile.Pos{Col: pslots[n.slot].pos, Row: rowAt[n.d]}
		note := notes[pos]
		if threaded[pos] {
			rd.threadedAt(sheet, cellName(pos.Col, pos.Row), current)
			if !rd.opt.IncludeComments {
				note = ""
			}
		}
		if note != "" {
			release, text := rd.noteMarker(sheet, cellName(pos.Col, pos.Row), note)
			m.setNote(n.d, pnew[n.slot], text, release)
		}
	}

	noParties := len(pslots) == 0 && nHdr == 0
	noIssues := len(islots) == 0 && len(g.rows) == 1
	switch {
	case noParties && noIssues && current:
		// A sheet with nothing in it yet is the blank template of `init`:
		// valid, but there is nothing to export until it is filled in.
		rd.warnf(sheet, cellName(issueCol, hdrRow), "the matrix is empty: name one party per column in row %d from column %s on, and one issue per row in column %s from row %d on", hdrRow, colName(issueCol+1), colName(issueCol), hdrRow+1)
	default:
		if noParties {
			rd.errorf(sheet, cellName(issueCol+1, hdrRow), "no parties: row %d should name one party per column from column %s on", hdrRow, colName(issueCol+1))
		}
		if noIssues {
			rd.errorf(sheet, cellName(issueCol, hdrRow+1), "no issues: column %s should name one issue per row from row %d on", colName(issueCol), hdrRow+1)
		}
	}
	if current {
		rd.warnUnused(rd.parties, "party", "Parties")
		rd.warnUnused(rd.issues, "issue", "Issues")
	}
	return m
}

// stanceLookup is what the reader remembers of stance lookups: the label
// for each distinct cell text (a matrix repeats a handful of them), and the
// suggestion for each unknown one.
type stanceLookup struct {
	labels      map[string]string // text → label; "" when unknown
	suggestions map[string]string // unknown text → " (did you mean …?)" or ""
}

// stanceMemory is the most distinct texts remembered.
const stanceMemory = 10000

// lookupStance returns the canonical label for a cell's text.
func (rd *reader) lookupStance(v string) (string, bool) {
	if rd.stances.labels == nil {
		rd.stances.labels = map[string]string{}
	}
	if label, ok := rd.stances.labels[v]; ok {
		return label, label != ""
	}
	st, ok := rd.scale.Lookup(v)
	if len(rd.stances.labels) < stanceMemory {
		rd.stances.labels[v] = st.Label
	}
	return st.Label, ok
}

// unknownStance reports text v at sheet!cell that is no stance of the
// scale. A score or symbol of the scale ("2", "--") is told the stance it
// stands for, a typo the closest of names; any other text gets a hint with
// the scale's labels, which Read keeps on the first in the file only.
func (rd *reader) unknownStance(sheet, cell, v string, names []string) {
	if rd.stances.suggestions == nil {
		rd.stances.suggestions = map[string]string{}
	}
	sug, ok := rd.stances.suggestions[v]
	if !ok {
		if st, isCode := rd.scale.ForCode(v); isCode {
			sug = ` (did you mean "` + st.Label + `"?)`
		} else {
			sug = didYouMean(v, names)
		}
		if len(rd.stances.suggestions) < stanceMemory {
			rd.stances.suggestions[v] = sug
		}
	}
	p := Problem{File: rd.file, Sheet: sheet, Cell: cell, Severity: Error,
		Msg: "unknown stance " + strconv.Quote(v) + sug, Kind: KindUnknownStance}
	if sug == "" {
		p.Hint = labelsHint(rd.scale)
	}
	rd.ps.Add(p)
}

// firstHintOnly keeps the hint of the problems of kind on the first of them
// only: the hint is said once per file.
func (ps Problems) firstHintOnly(kind string) {
	seen := map[string]bool{}
	for i := range ps {
		if ps[i].Kind != kind || ps[i].Hint == "" {
			continue
		}
		if seen[ps[i].File] {
			ps[i].Hint = ""
		}
		seen[ps[i].File] = true
	}
}

// labelsHint lists the labels of the scale for the hint of an unknown
// stance.
func labelsHint(s Scale) string {
	ls := s.Labels()
	switch len(ls) {
	case 0:
		return ""
	case 1:
		return "the only stance of the scale is " + ls[0]
	}
	return "the stances of the scale are " + strings.Join(ls[:len(ls)-1], ", ") + " and " + ls[len(ls)-1]
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
