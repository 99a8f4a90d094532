package matrix

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// Default limits for reading a workbook. A real stance matrix is far below
// each; a flag raises them.
const (
	DefaultMaxFileSize  = 64 << 20  // bytes of the .xlsx file
	DefaultMaxUnzipSize = 512 << 20 // bytes once decompressed, all parts
	DefaultMaxCells     = 2_000_000 // non-empty cells per sheet
	DefaultMaxCellChars = 32_767    // characters in one cell (Excel's own limit)
)

// ReadOptions tune how a workbook is read. Zero values mean the defaults.
type ReadOptions struct {
	Password     string
	MaxFileSize  int64
	MaxUnzipSize int64
	MaxCells     int
	MaxCellChars int
}

// withDefaults fills zero limits with the defaults.
func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if o.MaxCells <= 0 {
		o.MaxCells = DefaultMaxCells
	}
	if o.MaxCellChars <= 0 {
		o.MaxCellChars = DefaultMaxCellChars
	}
	return o
}

// limits are the options' limits for xlsxfile.
func (o ReadOptions) limits() xlsxfile.Limits {
	return xlsxfile.Limits{FileSize: o.MaxFileSize, UnzipSize: o.MaxUnzipSize, Cells: o.MaxCells, CellChars: o.MaxCellChars}
}

// ReadFile reads and validates the workbook at path. See Read.
func ReadFile(path string, opt ReadOptions) (*Matrix, Problems) {
	f, err := os.Open(path)
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil && fi.IsDir() {
			err = errors.New("is a directory, not a file")
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		var ps Problems
		ps.Errorf(path, "", "", "cannot open: %v", err)
		return nil, ps
	}
	defer f.Close()
	return Read(f, path, opt)
}

// Read reads and validates a workbook from r; name is used in messages. It
// returns every problem found, errors and warnings, sorted. The matrix is nil
// when the file could not be read as a stance-matrix workbook at all; it may
// be non-nil alongside errors (e.g. an unknown stance leaves that cell blank),
// but callers must not export when ps.Err() != nil.
func Read(r io.Reader, name string, opt ReadOptions) (m *Matrix, ps Problems) {
	rd := &reader{file: name, opt: opt.withDefaults()}
	defer func() {
		if v := recover(); v != nil {
			rd.ps.Add(Problem{File: name, Severity: Error,
				Msg:  fmt.Sprintf("cannot read the workbook (internal error: %v)", v),
				Hint: "please report this with the file attached"})
			m = nil
		}
		rd.ps.Sort()
		ps = rd.ps
	}()
	m = rd.read(r)
	return m, rd.ps
}

var reSnapshot = regexp.MustCompile(`^matrix\s+(\d{4}-\d{1,2}-\d{1,2})$`)

// reader holds the state of one Read.
type reader struct {
	file string
	opt  ReadOptions
	ps   Problems
	p    *xlsxfile.File

	sheets    map[string]sheetRef // known sheet (lower case) → sheet
	snapshots []snapshotRef
	scale     Scale
	parties   []listEntry // from the Parties sheet; nil without one
	issues    []listEntry
	partyIdx  entryIndex // finds rows of parties by name or short name
	issueIdx  entryIndex
	hasPList  bool
	hasIList  bool
	about     About

	evidenceStanceCol int
	denseCells        int // cells of the matrices read so far
	stanceCache       map[string]string
}

type snapshotRef struct {
	sheetRef
	Date time.Time
}

// listEntry is one row of the Parties or Issues sheet.
type listEntry struct {
	Party Party
	Issue Issue
	Name  string
	Short string
	Row   int
	Used  bool // named by the current Matrix sheet
}

func (rd *reader) errorf(sheet, cell, format string, args ...any) {
	rd.ps.Errorf(rd.file, sheet, cell, format, args...)
}

func (rd *reader) warnf(sheet, cell, format string, args ...any) {
	rd.ps.Warnf(rd.file, sheet, cell, format, args...)
}

// addFileError adds an error of xlsxfile as a problem, with its place and
// hint.
func (rd *reader) addFileError(err error) {
	p := Problem{File: rd.file, Severity: Error, Msg: err.Error(), Err: err}
	var le *xlsxfile.LimitError
	var fe *xlsxfile.Error
	switch {
	case errors.As(err, &le):
		p.Sheet, p.Cell = le.Sheet, le.Cell
	case errors.As(err, &fe):
		p.Sheet, p.Cell, p.Hint = fe.Sheet, fe.Cell, fe.Hint
	}
	rd.ps.Add(p)
}

// limitErrorf adds an error over the cell limit at sheet.
func (rd *reader) limitErrorf(sheet string, limit int64, format string, args ...any) {
	rd.addFileError(&xlsxfile.LimitError{Name: xlsxfile.LimitCells, Limit: limit, Sheet: sheet, Msg: fmt.Sprintf(format, args...)})
}

func (rd *reader) read(r io.Reader) *Matrix {
	p, err := xlsxfile.Open(r, rd.opt.limits(), rd.opt.Password)
	if err != nil {
		rd.addFileError(err)
		return nil
	}
	rd.p = p
	rd.classifySheets()

	rd.scale = DefaultScale()
	if s, ok := rd.sheets["scale"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readScale(g)
		}
	}
	if s, ok := rd.sheets["about"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readAbout(g)
		}
	}
	if s, ok := rd.sheets["parties"]; ok {
		if g := rd.grid(s); g != nil {
			rd.parties, rd.hasPList = rd.readList(g, true)
			rd.partyIdx = newEntryIndex(rd.parties)
		}
	}
	if s, ok := rd.sheets["issues"]; ok {
		if g := rd.grid(s); g != nil {
			rd.issues, rd.hasIList = rd.readList(g, false)
			rd.issueIdx = newEntryIndex(rd.issues)
		}
	}
	ms, ok := rd.sheets["matrix"]
	if !ok {
		var names []string
		for _, s := range rd.p.Sheets() {
			names = append(names, strings.TrimSpace(s.Name))
		}
		rd.ps.Add(Problem{File: rd.file, Severity: Error,
			Msg:  `the workbook has no "Matrix" sheet` + didYouMean("Matrix", names),
			Hint: "the stance matrix must be on a sheet named Matrix (parties across row 1, issues down column A)"})
		return nil
	}
	g := rd.grid(ms)
	if g == nil {
		return nil
	}
	m := rd.readMatrix(g, ms, true)
	if m == nil {
		return nil
	}
	m.About = rd.about
	for _, sn := range rd.snapshots {
		sg := rd.grid(sn.sheetRef)
		if sg == nil {
			continue
		}
		sm := rd.readMatrix(sg, sn.sheetRef, false)
		if sm == nil {
			continue
		}
		sm.About = rd.about
		sm.About.AsOf = sn.Date
		m.Snapshots = append(m.Snapshots, Snapshot{Date: sn.Date, Sheet: sn.Name, Matrix: sm})
	}
	if s, ok := rd.sheets["evidence"]; ok {
		rd.readEvidence(s, m)
	}
	rd.checkEvidence(m)
	return m
}

// grid reads a sheet with its cell problems; nil when it cannot be read.
func (rd *reader) grid(s sheetRef) *grid {
	g, probs, err := rd.p.ReadSheet(s)
	for _, cp := range probs {
		rd.addFileError(cp)
	}
	if err != nil {
		rd.addFileError(err)
		return nil
	}
	return g
}

// classifySheets finds the known sheets and the snapshots, and warns about
// near-miss names of sheets that are missing.
func (rd *reader) classifySheets() {
	rd.sheets = map[string]sheetRef{}
	var unknown []sheetRef
	seenSnap := map[time.Time]string{}
	for _, s := range rd.p.Sheets() {
		n := normHeader(s.Name)
		known := ""
		for _, k := range Sheets {
			if strings.EqualFold(k, n) {
				known = strings.ToLower(k)
			}
		}
		switch {
		case known != "":
			if prev, dup := rd.sheets[known]; dup {
				rd.errorf(s.Name, "", "a second sheet named %q is ignored (sheet %q comes first)", strings.TrimSpace(s.Name), prev.Name)
				continue
			}
			rd.sheets[known] = s
		case reSnapshot.MatchString(n):
			ds := reSnapshot.FindStringSubmatch(n)[1]
			d, err := parseDate(ds, false, false)
			if err != nil || !reISO.MatchString(ds) {
				rd.errorf(s.Name, "", "the snapshot sheet's name has an invalid date %q; name it Matrix YYYY-MM-DD", ds)
				continue
			}
			if prev, dup := seenSnap[d]; dup {
				rd.errorf(s.Name, "", "a second snapshot of %s is ignored (sheet %q comes first)", d.Format("2006-01-02"), prev)
				continue
			}
			seenSnap[d] = s.Name
			rd.snapshots = append(rd.snapshots, snapshotRef{sheetRef: s, Date: d})
		default:
			unknown = append(unknown, s)
		}
	}
	var missing []string
	for _, k := range Sheets {
		if _, ok := rd.sheets[strings.ToLower(k)]; !ok {
			missing = append(missing, k)
		}
	}
	for _, s := range unknown {
		if sug := Suggest(strings.TrimSpace(s.Name), missing); sug != "" {
			if sug == "Matrix" {
				continue // reported as the missing Matrix sheet, with the suggestion
			}
			rd.warnf(s.Name, "", "sheet %q is ignored (did you mean %q?)", strings.TrimSpace(s.Name), sug)
		}
	}
	sort.SliceStable(rd.snapshots, func(i, j int) bool { return rd.snapshots[i].Date.Before(rd.snapshots[j].Date) })
}

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

// readList reads the Parties (parties true) or Issues sheet.
func (rd *reader) readList(g *grid, parties bool) ([]listEntry, bool) {
	kind, fields := "issue", IssuesColumns
	if parties {
		kind, fields = "party", PartiesColumns
	}
	if len(g.Rows) == 0 {
		rd.warnf(g.Sheet, "", "the sheet is empty; it is ignored")
		return nil, false
	}
	t, ok := rd.readTable(g, fields)
	if !ok {
		return nil, false
	}
	var out []listEntry
	owner := map[string]string{}
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
		owner[normLabel(name)] = fmt.Sprintf("%q in %s", name, nc)
		if short != "" {
			owner[normLabel(short)] = fmt.Sprintf("%q (short name in %s)", name, sc)
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
			e.Party = Party{Name: name, Short: short, Group: group, Color: color, Weight: weight, Description: desc, Ref: ref}
		} else {
			cat, _ := t.get(r, "Category")
			e.Issue = Issue{Name: name, Short: short, Category: cat, Description: desc, Weight: weight, Ref: ref}
		}
		out = append(out, e)
	}
	return out, true
}

// aboutKeys maps the About sheet's keys (and spellings people use),
// normalised, to their names.
var aboutKeys = AboutKeys.byName()

// readAbout reads the About sheet: key in the first column, value in the
// next.
func (rd *reader) readAbout(g *grid) {
	if len(g.Rows) == 0 {
		return
	}
	keyCol := g.Rows[0].Cells[0].Col
	for _, r := range g.Rows {
		if c := r.Cells[0].Col; c < keyCol {
			keyCol = c
		}
	}
	names := AboutKeys.Names()
	seen := map[string]string{}
	for _, r := range g.Rows {
		var key, val string
		var num bool
		for _, c := range r.Cells {
			switch c.Col {
			case keyCol:
				key = strings.TrimSpace(c.Val)
			case keyCol + 1:
				val, num = strings.TrimSpace(c.Val), c.Num
			}
		}
		kc, vc := cellName(keyCol, r.Row), cellName(keyCol+1, r.Row)
		if key == "" {
			if val != "" {
				rd.warnf(g.Sheet, vc, "value %q has no key in %s; it is ignored", val, kc)
			}
			continue
		}
		k, ok := aboutKeys[normHeader(strings.TrimSuffix(key, ":"))]
		if !ok {
			if nk := normHeader(key); nk == "key" || nk == "field" || nk == "property" {
				continue // a header row
			}
			if s := Suggest(key, names); s != "" {
				rd.warnf(g.Sheet, kc, "key %q is ignored (did you mean %q?)", key, s)
			}
			continue
		}
		if prev, dup := seen[k]; dup {
			rd.warnf(g.Sheet, kc, "second %q is ignored (the first is in %s)", key, prev)
			continue
		}
		seen[k] = kc
		a := &rd.about
		switch k {
		case "Title":
			a.Title = val
		case "Subtitle":
			a.Subtitle = val
		case "As of":
			if val != "" {
				d, err := parseDate(val, num, rd.p.Date1904())
				if err != nil {
					rd.errorf(g.Sheet, vc, "%v", err)
				}
				a.AsOf = d
			}
		case "Author":
			a.Author = val
		case "Organisation":
			a.Organisation = val
		case "Classification":
			a.Classification = val
		case "Footer":
			a.Footer = val
		case "Notes":
			a.Notes = val
		}
	}
}

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

func (rd *reader) warnUnused(list []listEntry, kind, sheetKey string) {
	s := rd.sheets[strings.ToLower(sheetKey)]
	for _, e := range list {
		if !e.Used {
			ref := e.Party.Ref
			if kind == "issue" {
				ref = e.Issue.Ref
			}
			rd.warnf(s.Name, strings.TrimPrefix(ref, s.Name+"!"), "%s %q is not in the Matrix sheet; it is left out", kind, e.Name)
		}
	}
}

// entryIndex finds the row of a Parties or Issues list by its name or, failing
// that, its short name (ignoring case and spacing, the first row of each),
// in one map look-up: a Matrix sheet with thousands of issues must not
// search the whole list for each.
type entryIndex struct{ byName, byShort map[string]int }

func newEntryIndex(list []listEntry) entryIndex {
	x := entryIndex{byName: make(map[string]int, len(list)), byShort: make(map[string]int, len(list))}
	for i, e := range list {
		if n := normLabel(e.Name); x.byName[n] == 0 {
			x.byName[n] = i + 1
		}
		if n := normLabel(e.Short); e.Short != "" && x.byShort[n] == 0 {
			x.byShort[n] = i + 1
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

// readEvidence reads the Evidence sheet into m.Evidence. The sheet is
// streamed row by row: it is the one sheet that grows large.
func (rd *reader) readEvidence(s sheetRef, m *Matrix) {
	var pnames, inames []string
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
	stanceNames := rd.stanceNames()
	// Name lookups by normalised name, so that a large sheet costs one map
	// lookup per row rather than a scan of the parties.
	pidx, iidx := map[string]int{}, map[string]int{}
	for i := len(m.Parties) - 1; i >= 0; i-- {
		if p := m.Parties[i]; p.Short != "" {
			pidx[normLabel(p.Short)] = i
		}
	}
	for i := len(m.Parties) - 1; i >= 0; i-- {
		pidx[normLabel(m.Parties[i].Name)] = i
	}
	for i := len(m.Issues) - 1; i >= 0; i-- {
		if is := m.Issues[i]; is.Short != "" {
			iidx[normLabel(is.Short)] = i
		}
	}
	for i := len(m.Issues) - 1; i >= 0; i-- {
		iidx[normLabel(m.Issues[i].Name)] = i
	}
	// Exact spellings first: most rows repeat the names as written.
	pexact, iexact := map[string]int{}, map[string]int{}
	for i := len(m.Parties) - 1; i >= 0; i-- {
		pexact[m.Parties[i].Name] = i
	}
	for i := len(m.Issues) - 1; i >= 0; i-- {
		iexact[m.Issues[i].Name] = i
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
	hint := func(rows int) {
		if m.Evidence == nil && rows > 1 {
			m.Evidence = make([]Evidence, 0, min(rows-1, rd.opt.MaxCells, 1<<20))
		}
	}
	probs, err := rd.p.StreamSheet(s, xlsxfile.StreamOptions{Reuse: true, RowsHint: hint}, func(r gridRow) {
		if t == nil {
			t, ok = rd.tableFromHeader(sheet, r, EvidenceColumns)
			rd.evidenceStanceCol = t.Col["Stance"]
			return
		}
		if !ok || t.blank(r) {
			return
		}
		keep := true
		e := Evidence{Sheet: sheet, Row: r.Row}
		party, issue := t.val(r, "Party"), t.val(r, "Issue")
		if party == "" {
			rd.errorf(sheet, t.at(r, "Party"), "evidence row %d names no party", r.Row)
			keep = false
		} else if i, found := findP(party); found {
			e.Party = m.Parties[i].Name
		} else if j := rd.partyIdx.find(party); j >= 0 {
			rd.warnf(sheet, t.at(r, "Party"), "party %q is not in the Matrix sheet; the evidence row is ignored", party)
			keep = false
		} else {
			rd.errorf(sheet, t.at(r, "Party"), "unknown party %q%s", party, didYouMean(party, pnames))
			keep = false
		}
		if issue == "" {
			rd.errorf(sheet, t.at(r, "Issue"), "evidence row %d names no issue", r.Row)
			keep = false
		} else if i, found := findI(issue); found {
			e.Issue = m.Issues[i].Name
		} else if j := rd.issueIdx.find(issue); j >= 0 {
			rd.warnf(sheet, t.at(r, "Issue"), "issue %q is not in the Matrix sheet; the evidence row is ignored", issue)
			keep = false
		} else {
			rd.errorf(sheet, t.at(r, "Issue"), "unknown issue %q%s", issue, didYouMean(issue, inames))
			keep = false
		}
		if v := t.val(r, "Stance"); v != "" {
			c := t.at(r, "Stance")
			if label, found := rd.lookupStance(v); found {
				e.Stance = label
			} else {
				rd.errorf(sheet, c, "unknown stance %q%s", v, didYouMean(v, stanceNames))
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
		cell := m.Cells[ii][pi]
		if cell.Stance == e.Stance {
			continue
		}
		what := "newest evidence"
		if !e.Date.IsZero() {
			what = "evidence of " + e.Date.Format("2006-01-02")
		}
		says := "matrix says " + cell.Stance
		if cell.Stance == "" {
			says = "matrix cell " + cell.Ref + " is blank"
		}
		rd.warnf(e.Sheet, rd.evidenceStanceCell(e), "%s says %s, %s", what, e.Stance, says)
	}
}

// evidenceStanceCell returns the Stance cell of an evidence row.
func (rd *reader) evidenceStanceCell(e Evidence) string {
	return cellName(rd.evidenceStanceCol, e.Row)
}
