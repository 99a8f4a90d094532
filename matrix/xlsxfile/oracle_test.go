package xlsxfile

// The reader of the worksheets and of the shared string table as it was
// before the scanner, with encoding/xml's Decoder: the oracle that the
// differential tests and FuzzSheetScanner compare the scanner with.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// streamSheetXML is StreamSheet as it was before the scanner, with
// encoding/xml's Decoder: the oracle of the differential tests. It reads the non-empty cells of a worksheet and passes each row
// with at least one of them to emit, in the order of the file (which may
// list rows and cells out of order). See ReadSheet.
func (wb *File) streamSheetXML(s Sheet, opt StreamOptions, emit func(Row)) (probs []error, err error) {
	r, done, err := wb.open(s.Part)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, &Error{Sheet: s.Name, Msg: fmt.Sprintf("the sheet's part %s is missing; the file is damaged", s.Part)}
	}
	defer done()
	var (
		d       = xml.NewDecoder(r)
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
				if a.Name.Local == "ref" && opt.RowsHint != nil {
					if i := strings.IndexByte(a.Value, ':'); i >= 0 {
						if _, last, ok := parseRef(a.Value[i+1:]); ok {
							// A row takes more than 100 bytes of XML: do not
							// trust a range the part is too small to hold.
							opt.RowsHint(int(min(uint64(last), r.f.UncompressedSize64/100)))
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
				return nil, &Error{Sheet: s.Name, Msg: fmt.Sprintf("row number %d is beyond Excel's last row; the file is damaged", rowNum)}
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
			val, formula, hasF, hasV, err := wb.cellValueXML(d, typ)
			if err != nil {
				return fail(inCell(err, colNum, rowNum))
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
				continue
			}
			if val == "" {
				continue
			}
			if len(val) > wb.lim.CellChars {
				if n := utf8.RuneCountInString(val); n > wb.lim.CellChars {
					probs = append(probs, &LimitError{Name: LimitCellChars, Limit: int64(wb.lim.CellChars), Sheet: s.Name, Cell: CellName(colNum, rowNum),
						Msg: fmt.Sprintf("cell holds %d characters, more than the limit of %d", n, wb.lim.CellChars)})
					continue
				}
			}
			count++
			if count > wb.lim.Cells {
				return nil, &LimitError{Name: LimitCells, Limit: int64(wb.lim.Cells), Sheet: s.Name,
					Msg: fmt.Sprintf("the sheet has more than %d non-empty cells (the limit)", wb.lim.Cells)}
			}
			if cur.Row != rowNum {
				flush()
				cur.Row = rowNum
			}
			cur.Cells = append(cur.Cells, Cell{Col: colNum, Val: val, Num: (typ == "" || typ == "n") && !hasF})
		}
	}
	flush()
	return probs, nil
}

// cellValueXML reads the content of a <c> element up to its end and returns
// its value as text: shared and inline strings resolved, numbers as written,
// booleans as TRUE/FALSE; hasF and hasV report a formula and a cached
// value (<v>, even an empty one). Its buffers are reused from cell to cell.
func (wb *File) cellValueXML(d *xml.Decoder, typ string) (val, formula string, hasF, hasV bool, err error) {
	v, f, is := wb.vbuf[:0], wb.fbuf[:0], wb.isbuf[:0]
	defer func() { wb.vbuf, wb.fbuf, wb.isbuf = v, f, is }()
	var (
		in   byte // 'v', 'f' or 't' (inside is)
		inIS bool
		phon int
	)
	for {
		tok, err := d.Token()
		if err != nil {
			return "", "", false, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
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
		v = bytes.TrimSpace(v)
		if len(v) == 0 {
			// <v/>: an empty cached value, a blank cell to Excel,
			// LibreOffice, POI and calamine.
			return "", formula, hasF, hasV, nil
		}
		i, ok := atoiBytes(v)
		if !ok || i >= len(wb.strings) {
			return "", "", false, false, fmt.Errorf("shared string index %q out of range", v)
		}
		return wb.strings[i], formula, hasF, hasV, nil
	case "inlineStr":
		if len(v) > 0 && len(is) == 0 {
			return unescape(string(v)), formula, hasF, hasV, nil
		}
		return unescape(string(is)), formula, hasF, hasV, nil
	case "b":
		switch string(bytes.TrimSpace(v)) {
		case "1":
			return "TRUE", formula, hasF, hasV, nil
		case "0":
			return "FALSE", formula, hasF, hasV, nil
		}
	}
	return string(v), formula, hasF, hasV, nil
}

// loadSharedStringsXML is loadSharedStrings with encoding/xml's Decoder,
// the oracle of the differential tests.
func (wb *File) loadSharedStringsXML(part string) error {
	r, done, err := wb.open(part)
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
							wb.strings = make([]string, 0, min(n, 4*wb.lim.Cells, limit))
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
				if len(wb.strings) >= 4*wb.lim.Cells {
					return &LimitError{Name: LimitSharedStrings, Limit: 4 * int64(wb.lim.Cells),
						Msg: fmt.Sprintf("the shared string table has more than %d entries (4 × the cell limit)", 4*wb.lim.Cells)}
				}
				wb.strings = append(wb.strings, unescape(b.String()))
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

// legacyCommentsXML is legacyComments with encoding/xml's Decoder, the
// oracle of the differential tests. It reads a comments part: the notes by cell, and the cells
// whose note is the legacy copy of a threaded comment.
func (wb *File) legacyCommentsXML(part string) (map[Pos]string, map[Pos]bool, error) {
	r, done, err := wb.open(part)
	if err != nil || r == nil {
		return nil, nil, err
	}
	defer done()
	var (
		threaded = map[Pos]bool{}
		d        = xml.NewDecoder(r)
		authors  []string
		out      = map[Pos]string{}
		b        strings.Builder
		ref      string
		author   int
		inText   bool
		inT      bool
		inAuth   bool
		phon     int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, threaded, nil
		}
		if err != nil {
			return nil, nil, decodeErr(part, err)
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
				if i := strings.IndexByte(ref, ':'); i >= 0 {
					ref = ref[:i]
				}
				if c, r, ok := parseRef(ref); ok {
					out[Pos{c, r}] = cleanComment(b.String(), name)
					if t := strings.TrimSpace(b.String()); strings.HasPrefix(t, "[Threaded comment]") ||
						(name != "" && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(t, name+":")), "[Threaded comment]")) {
						threaded[Pos{c, r}] = true
					}
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
