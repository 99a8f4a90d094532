package matrix

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// The reader's names for what xlsxfile reads.
type (
	sheetRef = xlsxfile.Sheet
	grid     = xlsxfile.Grid
	gridRow  = xlsxfile.Row
	gridCell = xlsxfile.Cell
)

// table is a sheet read as a header row and data rows.
type table struct {
	Sheet     string
	HeaderRow int            // 1-based row of the header
	HeaderCol int            // first column of the header row
	Col       map[string]int // field name → column
	Rows      []gridRow      // data rows below the header, non-empty
}

// cellName returns "C7" for column 3, row 7.
func cellName(col, row int) string { return xlsxfile.CellName(col, row) }

// normHeader normalises a header or key: lower case, spaces collapsed.
func normHeader(s string) string { return normLabel(s) }

// readTable reads g as a table with the given fields. The header row is the
// first non-empty row. Missing required columns are errors naming the header
// row; unknown headers close to a field name are warnings.
func (rd *reader) readTable(g *grid, fields Columns) (*table, bool) {
	if len(g.Rows) == 0 {
		return &table{Sheet: g.Sheet, Col: map[string]int{}}, false
	}
	t, ok := rd.tableFromHeader(g.Sheet, g.Rows[0], fields)
	t.Rows = g.Rows[1:]
	if takesRelease(fields) {
		for _, r := range t.Rows {
			rd.ignoredLevels(t, r)
		}
	}
	return t, ok
}

// tableFromHeader reads the header row hdr of a sheet with the given fields.
func (rd *reader) tableFromHeader(sheet string, hdr gridRow, fields Columns) (*table, bool) {
	g := &grid{Sheet: sheet}
	t := &table{Sheet: sheet, Col: map[string]int{}}
	t.HeaderRow = hdr.Row
	t.HeaderCol = hdr.Cells[0].Col
	names, byHeader := fields.Names(), fields.byName()
	for _, c := range hdr.Cells {
		h := strings.TrimSpace(c.Val)
		f, ok := byHeader[normHeader(h)]
		if !ok {
			if s := Suggest(h, names); s != "" {
				rd.warnf(g.Sheet, cellName(c.Col, hdr.Row), "column %q is ignored (did you mean %q?)", h, s)
			}
			continue
		}
		if prev, dup := t.Col[f]; dup {
			rd.warnf(g.Sheet, cellName(c.Col, hdr.Row), "second %q column is ignored (the first is column %s)", h, colName(prev))
			continue
		}
		t.Col[f] = c.Col
	}
	ok := true
	for _, f := range fields {
		if _, has := t.Col[f.Name]; has || !f.Required {
			continue
		}
		ok = false
		also := ""
		if len(f.Aliases) > 0 {
			also = " (or " + strings.Join(f.Aliases, ", ") + ")"
		}
		rd.errorf(g.Sheet, cellName(t.HeaderCol, hdr.Row), "no %q column%s in the header row (row %d)", f.Name, also, hdr.Row)
	}
	return t, ok
}

// colName returns "C" for 3.
func colName(col int) string {
	s, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return fmt.Sprint(col)
	}
	return s
}

// get returns the trimmed value of field f in row r, and its cell name.
func (t *table) get(r gridRow, f string) (string, string) {
	col, ok := t.Col[f]
	if !ok {
		return "", ""
	}
	name := cellName(col, r.Row)
	for _, c := range r.Cells {
		if c.Col == col {
			return strings.TrimSpace(c.Val), name
		}
		if c.Col > col {
			break
		}
	}
	return "", name
}

// cell returns the cell of field f in row r, if it is not empty.
func (t *table) cell(r gridRow, f string) (gridCell, bool) {
	col, ok := t.Col[f]
	if !ok {
		return gridCell{}, false
	}
	for _, c := range r.Cells {
		if c.Col == col {
			return c, true
		}
		if c.Col > col {
			break
		}
	}
	return gridCell{}, false
}

// val returns the trimmed value of field f in row r.
func (t *table) val(r gridRow, f string) string {
	c, _ := t.cell(r, f)
	return strings.TrimSpace(c.Val)
}

// at returns the cell name of field f in row r ("" without the column).
func (t *table) at(r gridRow, f string) string {
	col, ok := t.Col[f]
	if !ok {
		return ""
	}
	return cellName(col, r.Row)
}

// blank reports whether every known field of the row is empty.
func (t *table) blank(r gridRow) bool {
	for f := range t.Col {
		if t.val(r, f) != "" {
			return false
		}
	}
	return true
}
