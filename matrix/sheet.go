package matrix

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// This file reads the parts of an .xlsx package (workbook, relationships,
// shared strings, worksheets and comments) with a streaming XML decoder.
// excelize's Rows iterator would do for valid files, but it drops XML
// errors (a damaged sheet reads as a short one), cannot tell a formula
// without a cached value from a blank cell, and its OpenReader decompresses
// every part into memory; reading the parts here lets every problem name its
// place and keeps memory to the parts in use.

// pkg is an opened .xlsx package.
type pkg struct {
	file     string // file name for messages
	zr       *zip.Reader
	parts    map[string]*zip.File // by lower-case name
	opt      ReadOptions
	unzipped int64 // bytes decompressed so far, all parts
	date1904 bool
	sheets   []sheetRef
	strings  []string // shared strings

	vbuf, fbuf, isbuf []byte // scratch buffers of cellValue

	// rowsHint, when set, receives the last row of a sheet's declared used
	// range before its rows are read.
	rowsHint func(rows int)
}

// sheetRef is one worksheet of the workbook.
type sheetRef struct {
	Name string // as written
	Part string // part name, e.g. "xl/worksheets/sheet1.xml"
}

// readError is a problem that stops reading the whole file or sheet; Sheet
// and Cell give its place when known.
type readError struct {
	Sheet, Cell string
	Msg, Hint   string
}

func (e *readError) Error() string { return e.Msg }

func (p *pkg) part(name string) *zip.File {
	return p.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// countingReader counts the bytes decompressed from a part against the
// package's limit; archive/zip itself refuses an entry that yields more than
// its header declares.
type countingReader struct {
	p    *pkg
	f    *zip.File
	r    io.Reader
	read int64
	run  int64 // bytes since the last '<' or '>'
}

// maxRun is the longest run of bytes without markup a part may hold: a cell
// of MaxCellChars characters written with the longest character references
// (&#x10FFFF;), and at least 1 MiB. It stops one giant text or attribute from
// being buffered whole by the XML decoder before the cell limit can see it.
func (c *countingReader) maxRun() int64 {
	return max(10*int64(c.p.opt.MaxCellChars)+1024, 1<<20)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if i := bytes.LastIndexAny(b[:n], "<>"); i >= 0 {
		c.run = int64(n - 1 - i)
	} else {
		c.run += int64(n)
	}
	if c.run > c.maxRun() {
		return n, &readError{Msg: fmt.Sprintf("part %s holds more than %d bytes of text in one place, far over the limit of %d characters in a cell; raise it with --max-cell-chars if this is intended", c.f.Name, c.maxRun(), c.p.opt.MaxCellChars)}
	}
	c.read += int64(n)
	c.p.unzipped += int64(n)
	if c.p.unzipped > c.p.opt.MaxUnzipSize {
		return n, &readError{Msg: fmt.Sprintf("decompresses to more than the limit of %s (a decompression bomb?); raise it with --max-unzip-size if the file is genuine", byteSize(c.p.opt.MaxUnzipSize))}
	}
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip's only ErrFormat while reading: more data than declared.
		return n, &readError{Msg: fmt.Sprintf("part %s holds more data than its zip header declares (%d bytes): a decompression bomb or a damaged file", c.f.Name, c.f.UncompressedSize64)}
	}
	if err != nil && err != io.EOF {
		return n, &readError{Msg: fmt.Sprintf("part %s is damaged (%v); the file may be truncated or corrupt", c.f.Name, err)}
	}
	return n, err
}

// open returns a reader for the named part, or nil when it does not exist.
func (p *pkg) open(name string) (*countingReader, func(), error) {
	zf := p.part(name)
	if zf == nil {
		return nil, nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, nil, &readError{Msg: fmt.Sprintf("part %s cannot be read (%v); the file may be damaged", zf.Name, err)}
	}
	return &countingReader{p: p, f: zf, r: rc}, func() { rc.Close() }, nil
}

// decodeErr turns an error from the XML decoder into a readError.
func decodeErr(part string, err error) error {
	var re *readError
	if errors.As(err, &re) {
		return re
	}
	return &readError{Msg: fmt.Sprintf("part %s is not well-formed XML (%v); the file is damaged", part, err)}
}

// relationships reads a .rels part: Id → (Type, Target resolved against base).
type rel struct{ Type, Target string }

func (p *pkg) rels(relsPart, baseDir string) (map[string]rel, error) {
	r, done, err := p.open(relsPart)
	if err != nil || r == nil {
		return nil, err
	}
	defer done()
	out := map[string]rel{}
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, decodeErr(relsPart, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var id, typ, target, mode string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if strings.EqualFold(mode, "External") {
			continue
		}
		target = strings.ReplaceAll(target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = path.Clean(target[1:])
		} else {
			target = path.Join(baseDir, target)
		}
		out[id] = rel{Type: typ, Target: target}
	}
}

// relsPartFor returns the .rels part name for a part.
func relsPartFor(part string) string {
	dir, base := path.Split(part)
	return dir + "_rels/" + base + ".rels"
}

// loadWorkbook finds the workbook part and reads the sheet list, the date
// system and the shared strings.
func (p *pkg) loadWorkbook() error {
	wbPart := "xl/workbook.xml"
	root, err := p.rels("_rels/.rels", "")
	if err != nil {
		return err
	}
	for _, r := range root {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPart = r.Target
			break
		}
	}
	if p.part(wbPart) == nil {
		return &readError{Msg: "is a zip archive but not an Excel workbook (it has no xl/workbook.xml)", Hint: "save the file as an Excel workbook (.xlsx)"}
	}
	wbRels, err := p.rels(relsPartFor(wbPart), path.Dir(wbPart))
	if err != nil {
		return err
	}
	r, done, err := p.open(wbPart)
	if err != nil {
		return err
	}
	defer done()
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return decodeErr(wbPart, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					p.date1904 = a.Value == "1" || strings.EqualFold(a.Value, "true")
				}
			}
		case "sheet":
			var name, id string
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					id = a.Value
				}
			}
			if rl, ok := wbRels[id]; ok && strings.HasSuffix(rl.Type, "/worksheet") {
				p.sheets = append(p.sheets, sheetRef{Name: name, Part: rl.Target})
			}
		}
	}
	for _, rl := range wbRels {
		if strings.HasSuffix(rl.Type, "/sharedStrings") {
			return p.loadSharedStrings(rl.Target)
		}
	}
	return nil
}

// loadSharedStrings reads the shared string table.
func (p *pkg) loadSharedStrings(part string) error {
	r, done, err := p.open(part)
	if err != nil || r == nil {
		return err
	}
	defer done()
	d := xml.NewDecoder(r)
	var (
		b            strings.Builder
		inSI, inT    bool
		phoneticDeep int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return decodeErr(part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sst":
				// Size the table once from its declared count (bounded:
				// the count is only a hint).
				for _, a := range t.Attr {
					if a.Name.Local == "uniqueCount" {
						if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
							limit := int(min(r.f.UncompressedSize64/10, 1<<20))
							p.strings = make([]string, 0, min(n, 4*p.opt.MaxCells, limit))
						}
					}
				}
			case "si":
				inSI = true
				b.Reset()
			case "rPh":
				phoneticDeep++
			case "t":
				inT = inSI && phoneticDeep == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				if len(p.strings) >= 4*p.opt.MaxCells {
					return &readError{Msg: fmt.Sprintf("the shared string table has more than %d entries (4 × the cell limit); raise it with --max-cells if the file is genuine", 4*p.opt.MaxCells)}
				}
				p.strings = append(p.strings, b.String())
			case "rPh":
				phoneticDeep--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
}

// gridCell is one non-empty cell of a sheet.
type gridCell struct {
	Col int // 1-based
	Val string
	Num bool // a number cell (Excel dates are numbers), not text
}

// gridRow is one row holding at least one non-empty cell.
type gridRow struct {
	Row   int // 1-based
	Cells []gridCell
}

// grid is the non-empty content of one sheet.
type grid struct {
	Sheet string
	Rows  []gridRow
}

// cellProblem is a problem at one cell found while reading a sheet.
type cellProblem struct {
	Cell string
	Msg  string
	Hint string
}

// readSheet reads the non-empty cells of a worksheet. Cells with formulas
// but no cached value and cells over the size limit are reported in probs
// and left out; a sheet over the cell limit or with damaged XML is an error.
func (p *pkg) readSheet(s sheetRef) (*grid, []cellProblem, error) {
	g := &grid{Sheet: s.Name}
	probs, err := p.streamSheet(s, false, func(r gridRow) { g.Rows = append(g.Rows, r) })
	if err != nil {
		return nil, nil, err
	}
	sortGrid(g)
	return g, probs, nil
}

// streamSheet reads the non-empty cells of a worksheet and passes each row
// with at least one of them to emit, in the order of the file. With reuse,
// the row's Cells slice is reused for the next row: emit must not keep it.
// See readSheet.
func (p *pkg) streamSheet(s sheetRef, reuse bool, emit func(gridRow)) ([]cellProblem, error) {
	r, done, err := p.open(s.Part)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, &readError{Sheet: s.Name, Msg: fmt.Sprintf("the sheet's part %s is missing; the file is damaged", s.Part)}
	}
	defer done()
	var (
		probs   []cellProblem
		d       = xml.NewDecoder(r)
		rowNum  int
		colNum  int
		cur     gridRow
		count   int
		lastCol int // column and row of the last cell read, for messages
		lastRow int
	)
	flush := func() {
		if len(cur.Cells) > 0 {
			emit(cur)
		}
		if reuse {
			cur = gridRow{Cells: cur.Cells[:0]}
		} else {
			cur = gridRow{}
		}
	}
	fail := func(err error) ([]cellProblem, error) {
		var re *readError
		if errors.As(err, &re) {
			re.Sheet = s.Name
			return nil, re
		}
		where := ""
		if lastCol > 0 {
			where = " after cell " + cellName(lastCol, lastRow)
		}
		return nil, &readError{Sheet: s.Name, Msg: fmt.Sprintf("the sheet's XML is damaged%s (%v)", where, err), Hint: "open the file in Excel or LibreOffice and save it again"}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "dimension":
			// The used range, e.g. "A1:I200001": a hint of the row count.
			for _, a := range se.Attr {
				if a.Name.Local == "ref" && p.rowsHint != nil {
					if i := strings.IndexByte(a.Value, ':'); i >= 0 {
						if _, last, ok := parseRef(a.Value[i+1:]); ok {
							// A row takes more than 100 bytes of XML: do not
							// trust a range the part is too small to hold.
							p.rowsHint(int(min(uint64(last), r.f.UncompressedSize64/100)))
						}
					}
				}
			}
		case "row":
			rowNum++
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
						rowNum = n
					}
				}
			}
			if rowNum > excelize.TotalRows {
				return nil, &readError{Sheet: s.Name, Msg: fmt.Sprintf("row number %d is beyond Excel's last row; the file is damaged", rowNum)}
			}
			colNum = 0
			flush()
		case "c":
			colNum++
			var ref, typ string
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "r":
					ref = a.Value
				case "t":
					typ = a.Value
				}
			}
			if ref != "" {
				c, rr, ok := parseRef(ref)
				if !ok {
					return fail(fmt.Errorf("bad cell reference %q", ref))
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
			val, formula, hasF, err := p.cellValue(d, typ)
			if err != nil {
				return fail(err)
			}
			if hasF && val == "" {
				f := "a formula"
				if formula != "" {
					if utf8.RuneCountInString(formula) > 40 {
						formula = string([]rune(formula)[:40]) + "…"
					}
					f = "formula =" + formula
				}
				probs = append(probs, cellProblem{Cell: cellName(colNum, rowNum),
					Msg:  f + " has no saved value (the tool does not compute formulas)",
					Hint: "open the workbook in Excel or LibreOffice, let it calculate, and save it; or type the value instead of the formula"})
				continue
			}
			if val == "" {
				continue
			}
			if len(val) > p.opt.MaxCellChars {
				if n := utf8.RuneCountInString(val); n > p.opt.MaxCellChars {
					probs = append(probs, cellProblem{Cell: cellName(colNum, rowNum),
						Msg: fmt.Sprintf("cell holds %d characters, more than the limit of %d; raise it with --max-cell-chars if this is intended", n, p.opt.MaxCellChars)})
					continue
				}
			}
			count++
			if count > p.opt.MaxCells {
				return nil, &readError{Sheet: s.Name, Msg: fmt.Sprintf("the sheet has more than %d non-empty cells (the limit); raise it with --max-cells if this is intended", p.opt.MaxCells)}
			}
			if cur.Row != rowNum {
				flush()
				cur.Row = rowNum
			}
			cur.Cells = append(cur.Cells, gridCell{Col: colNum, Val: val, Num: (typ == "" || typ == "n") && !hasF})
		}
	}
	flush()
	return probs, nil
}

// sortGrid puts rows and cells in order; files written by hand-rolled tools
// sometimes list them out of order or twice (the last one wins).
func sortGrid(g *grid) {
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
	rows := map[int]map[int]gridCell{}
	for _, r := range g.Rows {
		if rows[r.Row] == nil {
			rows[r.Row] = map[int]gridCell{}
		}
		for _, c := range r.Cells {
			rows[r.Row][c.Col] = c
		}
	}
	g.Rows = g.Rows[:0]
	for _, rn := range sortedKeys(rows) {
		gr := gridRow{Row: rn}
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

// cellValue reads the content of a <c> element up to its end and returns
// its value as text: shared and inline strings resolved, numbers as written,
// booleans as TRUE/FALSE. Its buffers are reused from cell to cell.
func (p *pkg) cellValue(d *xml.Decoder, typ string) (val, formula string, hasF bool, err error) {
	v, f, is := p.vbuf[:0], p.fbuf[:0], p.isbuf[:0]
	defer func() { p.vbuf, p.fbuf, p.isbuf = v, f, is }()
	var (
		in   byte // 'v', 'f' or 't' (inside is)
		inIS bool
		phon int
	)
	for {
		tok, err := d.Token()
		if err != nil {
			return "", "", false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				in = 'v'
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
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				goto done
			case "is":
				inIS = false
			case "rPh":
				phon--
			}
			in = 0
		case xml.CharData:
			switch in {
			case 'v':
				v = append(v, t...)
			case 'f':
				f = append(f, t...)
			case 't':
				is = append(is, t...)
			}
		}
	}
done:
	if hasF {
		formula = string(f)
	}
	switch typ {
	case "s":
		i, ok := atoiBytes(bytes.TrimSpace(v))
		if !ok || i >= len(p.strings) {
			return "", "", false, fmt.Errorf("shared string index %q out of range", v)
		}
		return p.strings[i], formula, hasF, nil
	case "inlineStr":
		if len(v) > 0 && len(is) == 0 {
			return string(v), formula, hasF, nil
		}
		return string(is), formula, hasF, nil
	case "b":
		switch string(bytes.TrimSpace(v)) {
		case "1":
			return "TRUE", formula, hasF, nil
		case "0":
			return "FALSE", formula, hasF, nil
		}
	}
	return string(v), formula, hasF, nil
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

// comments reads the cell comments of a sheet: cell name → text, with the
// author prefix Excel puts into the text removed.
func (p *pkg) comments(s sheetRef) (map[string]string, error) {
	sheetRels, err := p.rels(relsPartFor(s.Part), path.Dir(s.Part))
	if err != nil {
		return nil, err
	}
	var part string
	for _, r := range sheetRels {
		if strings.HasSuffix(r.Type, "/comments") {
			part = r.Target
		}
	}
	if part == "" {
		return nil, nil
	}
	r, done, err := p.open(part)
	if err != nil || r == nil {
		return nil, err
	}
	defer done()
	var (
		d       = xml.NewDecoder(r)
		authors []string
		out     = map[string]string{}
		b       strings.Builder
		ref     string
		author  int
		inText  bool
		inT     bool
		inAuth  bool
		phon    int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, decodeErr(part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "author":
				inAuth = true
				b.Reset()
			case "comment":
				ref, author = "", -1
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "ref":
						ref = a.Value
					case "authorId":
						author, _ = strconv.Atoi(a.Value)
					}
				}
				b.Reset()
			case "text":
				inText = true
			case "rPh":
				phon++
			case "t":
				inT = inText && phon == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "author":
				inAuth = false
				authors = append(authors, b.String())
			case "comment":
				name := ""
				if author >= 0 && author < len(authors) {
					name = authors[author]
				}
				if ref != "" {
					if i := strings.IndexByte(ref, ':'); i >= 0 {
						ref = ref[:i]
					}
					out[strings.ToUpper(ref)] = cleanComment(b.String(), name)
				}
			case "text":
				inText = false
			case "rPh":
				phon--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT || inAuth {
				b.Write(t)
			}
		}
	}
}

// cleanComment removes what Excel adds around a note's text: the
// "Author:" first line and, for threaded comments, the legacy preamble.
func cleanComment(text, author string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i := strings.Index(text, "\nComment:\n"); i >= 0 && strings.HasPrefix(text, "[Threaded comment]") {
		text = text[i+len("\nComment:\n"):]
		if j := strings.Index(text, "\nReply:"); j >= 0 {
			text = text[:j]
		}
	}
	t := strings.TrimSpace(text)
	if author != "" && strings.HasPrefix(t, author+":") {
		t = t[len(author)+1:]
	}
	return strings.TrimSpace(t)
}

// byteSize prints a size in MiB or KiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
