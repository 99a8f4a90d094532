package xlsxfile

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Cell is one non-empty cell of a sheet.
type Cell struct {
	Col int // 1-based
	Val string
	Num bool // a number cell (Excel dates are numbers), not text
}

// Row is one row holding at least one non-empty cell.
type Row struct {
	Row   int // 1-based
	Cells []Cell
}

// Grid is the non-empty content of one sheet, rows in order.
type Grid struct {
	Sheet string
	Rows  []Row
}

// StreamOptions tune StreamSheet.
type StreamOptions struct {
	// Reuse lets StreamSheet reuse a row's Cells slice for the next row:
	// emit must not keep it.
	Reuse bool
	// RowsHint, when set, receives the last row of the sheet's declared
	// used range (bounded by the size of its part) before its rows are read.
	RowsHint func(rows int)
}

// ReadSheet reads the non-empty cells of a worksheet, rows and cells sorted.
// Cells with formulas but no cached value and cells over the character
// limit are left out and returned in probs, each an *Error or a *LimitError
// naming its cell; a sheet over the cell limit or with damaged XML is an
// error.
func (wb *File) ReadSheet(s Sheet) (g *Grid, probs []error, err error) {
	g = &Grid{Sheet: s.Name}
	// Each row's cells are copied into blocks shared by many rows, each
	// row's slice clipped to its cells, instead of kept in the slice the
	// row was read into: one allocation for many rows, and no room left
	// over from growing a slice cell by cell (the 6,000 rows of an Issues
	// sheet took 2.8 MB that way, 1 MB this way).
	var block []Cell
	probs, err = wb.StreamSheet(s, StreamOptions{Reuse: true}, func(r Row) {
		n := len(r.Cells)
		if cap(block)-len(block) < n {
			block = make([]Cell, 0, max(n, cellBlock))
		}
		start := len(block)
		block = append(block, r.Cells...)
		r.Cells = block[start:len(block):len(block)]
		g.Rows = append(g.Rows, r)
	})
	if err != nil {
		return nil, nil, err
	}
	sortGrid(g)
	return g, probs, nil
}

// cellBlock is the number of cells in each block of a Grid's cells.
const cellBlock = 1024

// StreamSheet reads the non-empty cells of a worksheet and passes each row
// with at least one of them to emit, in the order of the file (which may
// list rows and cells out of order). See ReadSheet.
func (wb *File) StreamSheet(s Sheet, opt StreamOptions, emit func(Row)) (probs []error, err error) {
	before := wb.unzipped
	r, done, err := wb.open(s.Part)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, &Error{Sheet: s.Name, Msg: fmt.Sprintf("the sheet's part %s is missing; the file is damaged", s.Part)}
	}
	defer done()
	var (
		sc      = newScanner(r)
		rowNum  int
		colNum  int
		cur     Row
		count   int
		lastCol int // column and row of the last cell read, for messages
		lastRow int
	)
	flush := func() {
		if len(cur.Cells) > 0 {
			emit(cur)
		}
		if opt.Reuse {
			cur = Row{Cells: cur.Cells[:0]}
		} else {
			cur = Row{}
		}
	}
	fail := func(err error) ([]error, error) {
		if err == errSyntax {
			err = wb.syntaxError(s.Part, before)
		}
		if e := ours(err); e != nil {
			return nil, inSheet(e, s.Name)
		}
		where := ""
		if lastCol > 0 {
			where = " after cell " + CellName(lastCol, lastRow)
		}
		return nil, &Error{Sheet: s.Name, Msg: fmt.Sprintf("the sheet's XML is damaged%s (%s)", where, Printable(err.Error())), Hint: "open the file in Excel or LibreOffice and save it again"}
	}
	// inCell names the cell being read in an error of the part's reader
	// that stopped it: a run of text too long for any cell.
	inCell := func(err error, col, row int) error {
		if le, ok := err.(*LimitError); ok && le.Name == LimitCellChars && le.Cell == "" {
			le.Cell = CellName(col, row)
			le.Msg = fmt.Sprintf("cell holds more than %d bytes of text, far over the limit of %d characters in a cell", r.maxRun(), wb.lim.CellChars)
		}
		return err
	}
	var pc plainCell
	// cell reads the cell whose r and t attributes are ref and typ, its
	// content from pc when whole (read at once by sc.cell), else from sc;
	// done stops the read with err.
	cell := func(ref, typ []byte, whole bool) (done bool, err error) {
		colNum++
		if len(ref) > 0 {
			c, rr, ok := parseRef(string(ref))
			if !ok {
				_, err := fail(fmt.Errorf("bad cell reference %q", ref))
				return true, err
			}
			colNum = c
			if rowNum == 0 {
				rowNum = rr
			}
		}
		if rowNum == 0 {
			rowNum = 1
		}
		lastCol, lastRow = colNum, rowNum
		t := cellType(typ)
		var (
			val, formula string
			hasF, hasV   bool
		)
		if whole {
			val, err = wb.value(t, pc.v, pc.is)
			hasV = pc.hasV
		} else {
			val, formula, hasF, hasV, err = wb.cellValue(sc, t)
		}
		if err != nil {
			_, err := fail(inCell(err, colNum, rowNum))
			return true, err
		}
		if hasF && val == "" && !hasV {
			f := "a formula"
			if formula != "" {
				if utf8.RuneCountInString(formula) > 40 {
					formula = string([]rune(formula)[:40]) + "…"
				}
				f = "formula =" + Printable(formula)
			}
			probs = append(probs, &Error{Sheet: s.Name, Cell: CellName(colNum, rowNum),
				Msg:  f + " has no saved value (the tool does not compute formulas)",
				Hint: "open the workbook in Excel or LibreOffice, let it calculate, and save it; or type the value instead of the formula"})
			return false, nil
		}
		if val == "" {
			return false, nil
		}
		if len(val) > wb.lim.CellChars {
			if n := utf8.RuneCountInString(val); n > wb.lim.CellChars {
				probs = append(probs, &LimitError{Name: LimitCellChars, Limit: int64(wb.lim.CellChars), Sheet: s.Name, Cell: CellName(colNum, rowNum),
					Msg: fmt.Sprintf("cell holds %d characters, more than the limit of %d", n, wb.lim.CellChars)})
				return false, nil
			}
		}
		count++
		if count > wb.lim.Cells {
			return true, &LimitError{Name: LimitCells, Limit: int64(wb.lim.Cells), Sheet: s.Name,
				Msg: fmt.Sprintf("the sheet has more than %d non-empty cells (the limit)", wb.lim.Cells)}
		}
		if cur.Row != rowNum {
			flush()
			cur.Row = rowNum
		}
		cur.Cells = append(cur.Cells, Cell{Col: colNum, Val: val, Num: (t == typeNone || t == typeN) && !hasF})
		return false, nil
	}
	for {
		if sc.cell(&pc) {
			// A whole plain cell, read at once.
			if done, err := cell(pc.ref, pc.typ, true); done {
				return nil, err
			}
			continue
		}
		tok, err := sc.next()
		if err != nil {
			return fail(err)
		}
		if tok == tokEOF {
			break
		}
		if tok != tokStart {
			continue
		}
		switch string(local(sc.name)) {
		case "dimension":
			// The used range, e.g. "A1:I200001": a hint of the row count.
			for _, a := range sc.attrs {
				if string(local(a.name)) == "ref" && opt.RowsHint != nil {
					if i := bytes.IndexByte(a.value, ':'); i >= 0 {
						if _, last, ok := parseRef(string(a.value[i+1:])); ok {
							// A row takes more than 100 bytes of XML: do not
							// trust a range the part is too small to hold.
							opt.RowsHint(int(min(uint64(last), r.f.UncompressedSize64/100)))
						}
					}
				}
			}
		case "row":
			rowNum++
			for _, a := range sc.attrs {
				if string(local(a.name)) == "r" {
					if n, ok := atoiBytes(a.value); ok && n > 0 {
						rowNum = n
					} else if n, err := strconv.Atoi(string(a.value)); err == nil && n > 0 {
						rowNum = n
					}
				}
			}
			if rowNum > excelize.TotalRows {
				return nil, &Error{Sheet: s.Name, Msg: fmt.Sprintf("row number %d is beyond Excel's last row; the file is damaged", rowNum)}
			}
			colNum = 0
			flush()
		case "c":
			var ref, typ []byte
			for _, a := range sc.attrs {
				switch string(local(a.name)) {
				case "r":
					ref = a.value
				case "t":
					typ = a.value
				}
			}
			if done, err := cell(ref, typ, false); done {
				return nil, err
			}
		}
	}
	flush()
	return probs, nil
}

// sortGrid puts rows and cells in order; files written by hand-rolled tools
// sometimes list them out of order or twice (the last one wins).
func sortGrid(g *Grid) {
	sorted := true
	for i := range g.Rows {
		if i > 0 && g.Rows[i].Row <= g.Rows[i-1].Row {
			sorted = false
		}
		cs := g.Rows[i].Cells
		for j := 1; j < len(cs); j++ {
			if cs[j].Col <= cs[j-1].Col {
				sorted = false
			}
		}
	}
	if sorted {
		return
	}
	rows := map[int]map[int]Cell{}
	for _, r := range g.Rows {
		if rows[r.Row] == nil {
			rows[r.Row] = map[int]Cell{}
		}
		for _, c := range r.Cells {
			rows[r.Row][c.Col] = c
		}
	}
	g.Rows = g.Rows[:0]
	for _, rn := range sortedKeys(rows) {
		gr := Row{Row: rn}
		for _, cn := range sortedKeys(rows[rn]) {
			gr.Cells = append(gr.Cells, rows[rn][cn])
		}
		g.Rows = append(g.Rows, gr)
	}
}

func sortedKeys[V any](m map[int]V) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}

// The types of a cell (its t attribute) that cellValue tells apart.
const (
	typeNone   = iota // no t attribute
	typeN             // "n"
	typeS             // "s"
	typeInline        // "inlineStr"
	typeB             // "b"
	typeOther
)

func cellType(t []byte) int {
	switch string(t) {
	case "":
		return typeNone
	case "n":
		return typeN
	case "s":
		return typeS
	case "inlineStr":
		return typeInline
	case "b":
		return typeB
	}
	return typeOther
}

// cellValue reads the content of a <c> element up to its end and returns
// its value as text: shared and inline strings resolved, numbers as written,
// booleans as TRUE/FALSE; hasF and hasV report a formula and a cached
// value (<v>, even an empty one). Its buffers are reused from cell to cell.
func (wb *File) cellValue(sc *scanner, typ int) (val, formula string, hasF, hasV bool, err error) {
	v, f, is := wb.vbuf[:0], wb.fbuf[:0], wb.isbuf[:0]
	defer func() { wb.vbuf, wb.fbuf, wb.isbuf = v, f, is }()
	var (
		in   byte // 'v', 'f' or 't' (inside is)
		inIS bool
		phon int
	)
	for {
		tok, err := sc.next()
		if err == nil && tok == tokEOF {
			err = errSyntax // unexpected EOF: the Decoder's Token never ends inside an element
		}
		if err != nil {
			return "", "", false, false, err
		}
		switch tok {
		case tokStart:
			switch string(local(sc.name)) {
			case "v":
				in, hasV = 'v', true
			case "f":
				in, hasF = 'f', true
			case "is":
				inIS = true
			case "rPh":
				phon++
			case "t":
				if inIS && phon == 0 {
					in = 't'
				}
			}
		case tokEnd:
			switch string(local(sc.name)) {
			case "c":
				goto done
			case "is":
				inIS = false
			case "rPh":
				phon--
			}
			in = 0
		case tokText:
			switch in {
			case 'v':
				v = append(v, sc.text...)
			case 'f':
				f = append(f, sc.text...)
			case 't':
				is = append(is, sc.text...)
			}
		}
	}
done:
	if hasF {
		formula = string(f)
	}
	val, err = wb.value(typ, v, is)
	if err != nil {
		return "", "", false, false, err
	}
	return val, formula, hasF, hasV, nil
}

// value returns the value of a cell of type typ whose <v> holds v and
// whose inline string holds is.
func (wb *File) value(typ int, v, is []byte) (string, error) {
	switch typ {
	case typeS:
		v = bytes.TrimSpace(v)
		if len(v) == 0 {
			// <v/>: an empty cached value, a blank cell to Excel,
			// LibreOffice, POI and calamine.
			return "", nil
		}
		i, ok := atoiBytes(v)
		if !ok || i >= len(wb.strings) {
			return "", fmt.Errorf("shared string index %q out of range", v)
		}
		return wb.strings[i], nil
	case typeInline:
		if len(v) > 0 && len(is) == 0 {
			is = v
		}
		if bytes.Contains(is, []byte("_x")) {
			return unescape(string(is)), nil
		}
		return wb.text(is), nil
	case typeB:
		switch string(bytes.TrimSpace(v)) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
	}
	return wb.text(v), nil
}

// Bounds of File.texts.
const (
	maxTexts   = 4096
	maxTextLen = 32
)

// text returns b as a string, the same string each time for short texts
// (stances, numbers) up to maxTexts of them, so that a sheet of a few
// distinct values does not allocate a string a cell.
func (wb *File) text(b []byte) string {
	if len(b) > maxTextLen {
		return string(b)
	}
	if t, ok := wb.texts[string(b)]; ok {
		return t
	}
	t := string(b)
	if len(wb.texts) < maxTexts {
		if wb.texts == nil {
			wb.texts = make(map[string]string)
		}
		wb.texts[t] = t
	}
	return t
}

// atoiBytes parses a non-negative decimal integer.
func atoiBytes(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseRef parses a cell reference like "AB12" (also "$AB$12") without
// allocating.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > excelize.MaxColumns {
			return 0, 0, false
		}
	}
	if col == 0 {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > excelize.TotalRows {
			return 0, 0, false
		}
	}
	return col, row, row > 0
}

// CellName returns "C7" for column 3, row 7.
func CellName(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return s
}
