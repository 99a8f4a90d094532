package matrix

import (
	"sort"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// matrixSheet is a Matrix sheet as read for readMatrix: each row's cells as
// a column and the index of its text, instead of a grid of strings. It is
// made small for the usual sheet, where it is the largest thing alive while
// the matrix is built (at 200 × 6,000, 1.2 MB where a column and a 16-bit
// index a cell held 4.8 MB, and the grid of strings 111 MB):
//
//   - A row whose cells are in consecutive columns (a filled-in row of a
//     dense matrix) keeps only its first column. A blank cell within a row
//     (no cell in the file) takes a slot of its own marked absent, while
//     the row's absent slots are at most its cells (and a few more): a
//     byte each instead of two bytes of column for every cell. Other rows
//     (sparse, or written out of order) keep a column a cell, in cols.
//   - Each row's first cell (the name, nearly always distinct) is
//     kept apart, its text not interned. The other cells' texts are
//     interned: a party's name, a handful of stances, so that their indexes
//     fit in a byte, or in 16 or 32 bits as needed (cellIDs).
type matrixSheet struct {
	rows   []sheetRow
	cols   []uint16 // columns of the cells of the rows that keep them
	ids    cellIDs  // index in texts of each slot but the rows' first, in order; absent for a blank
	texts  []string // by index, from 1 (absent is no text); once read, the rows' first cells' texts come last
	index  map[string]int32
	leads  []string // while reading: the texts of the rows' first cells, by row
	maxCol int      // the rightmost column of any cell
}

// absent is the text index of a blank slot: no cell in the file.
const absent = 0

// padSlack is how many absent slots a row may hold beyond its number of
// cells before it keeps its columns instead.
const padSlack = 16

type sheetRow struct {
	row   int32 // 1-based
	start int32 // index in ids of its second slot
	n     int32 // number of slots, the first included
	pad   int32 // number of absent slots
	col0  int32 // column of its first cell (1-based)
	cols  int32 // index in cols of its first cell's column; -1 while slot j is column col0+j
	lead  int32 // text index of its first cell (in leads while reading)
}

// sheetCell is one cell of a matrixSheet.
type sheetCell struct {
	col int32 // 1-based
	id  int32 // index in texts
}

// cellSpan is the cells of one row of a matrixSheet.
type cellSpan struct {
	g *matrixSheet
	r sheetRow
}

// first returns the row's first cell.
func (s cellSpan) first() sheetCell { return sheetCell{col: s.r.col0, id: s.r.lead} }

// cells yields the row's cells in order, absent slots skipped.
func (s cellSpan) cells(yield func(sheetCell) bool) {
	if !yield(s.first()) {
		return
	}
	for j := int32(1); j < s.r.n; j++ {
		c := sheetCell{col: s.r.col0 + j, id: s.g.ids.at(int(s.r.start + j - 1))}
		if s.r.cols >= 0 {
			c.col = int32(s.g.cols[s.r.cols+j])
		} else if c.id == absent {
			continue
		}
		if !yield(c) {
			return
		}
	}
}

// cellIDs are text indexes, a byte each while every index fits, then 16,
// then 32 bits: the slice is widened (copied once) by the first index that
// does not fit.
type cellIDs struct {
	width int // 1, 2 or 4 bytes an index; 0 is 1
	b     []uint8
	h     []uint16
	w     []int32
}

func (c *cellIDs) len() int {
	switch c.width {
	case 2:
		return len(c.h)
	case 4:
		return len(c.w)
	}
	return len(c.b)
}

func (c *cellIDs) at(k int) int32 {
	switch c.width {
	case 2:
		return int32(c.h[k])
	case 4:
		return c.w[k]
	}
	return int32(c.b[k])
}

// truncate keeps the first n indexes.
func (c *cellIDs) truncate(n int) {
	switch c.width {
	case 2:
		c.h = c.h[:n]
	case 4:
		c.w = c.w[:n]
	default:
		c.b = c.b[:n]
	}
}

func (c *cellIDs) add(id int32) {
	switch {
	case id > 0xFFFF && c.width != 4:
		w := make([]int32, c.len(), max(cap(c.b), cap(c.h), 16))
		for k := range w {
			w[k] = c.at(k)
		}
		c.b, c.h, c.w, c.width = nil, nil, w, 4
	case id > 0xFF && c.width <= 1:
		h := make([]uint16, len(c.b), max(cap(c.b), 16))
		for k, v := range c.b {
			h[k] = uint16(v)
		}
		c.b, c.h, c.width = nil, h, 2
	}
	switch c.width {
	case 2:
		c.h = append(c.h, uint16(id))
	case 4:
		c.w = append(c.w, id)
	default:
		c.b = append(c.b, uint8(id))
	}
}

// startRow begins row rn with its first cell, at col with text index lead.
func (ms *matrixSheet) startRow(rn, col int, lead int32) {
	ms.rows = append(ms.rows, sheetRow{row: int32(rn), start: int32(ms.ids.len()), n: 1, col0: int32(col), cols: -1, lead: lead})
	ms.maxCol = max(ms.maxCol, col)
}

// add appends a cell, not the first, to the last row.
func (ms *matrixSheet) add(col int, id int32) {
	r := &ms.rows[len(ms.rows)-1]
	ms.maxCol = max(ms.maxCol, col)
	if r.cols < 0 {
		gap := int32(col) - (r.col0 + r.n)
		if gap >= 0 && r.pad+gap <= r.n-r.pad+padSlack {
			for range gap {
				ms.ids.add(absent)
			}
			ms.ids.add(id)
			r.n += gap + 1
			r.pad += gap
			return
		}
		ms.keepCols(r)
	}
	ms.cols = append(ms.cols, uint16(col))
	ms.ids.add(id)
	r.n++
}

// keepCols makes row r, the last, keep a column a cell: its cells so far
// are written out again without their absent slots.
func (ms *matrixSheet) keepCols(r *sheetRow) {
	type cell struct{ col, id int32 }
	var cells []cell
	for j := int32(1); j < r.n; j++ {
		if id := ms.ids.at(int(r.start + j - 1)); id != absent {
			cells = append(cells, cell{r.col0 + j, id})
		}
	}
	ms.ids.truncate(int(r.start))
	r.cols = int32(len(ms.cols))
	ms.cols = append(ms.cols, uint16(r.col0))
	for _, c := range cells {
		ms.cols = append(ms.cols, uint16(c.col))
		ms.ids.add(c.id)
	}
	r.n, r.pad = int32(len(cells))+1, 0
}

// finish appends the rows' first cells' texts to texts and points the rows
// at them; once read, every index is one in texts.
func (ms *matrixSheet) finish() {
	base := int32(len(ms.texts))
	ms.texts = append(ms.texts, ms.leads...)
	ms.leads = nil
	for k := range ms.rows {
		ms.rows[k].lead += base
	}
}

// streamMatrix reads sheet s into a matrixSheet with its cell problems; nil
// when it cannot be read. Rows and cells come out sorted, a cell written
// twice the last one, as ReadSheet gives them.
func (rd *reader) streamMatrix(s sheetRef) *matrixSheet {
	ms := newMatrixSheet()
	sorted := true
	lastRow, hint := 0, 0
	probs, err := rd.p.StreamSheet(s, xlsxfile.StreamOptions{
		Reuse:    true,
		RowsHint: func(n int) { hint = n; ms.rows = make([]sheetRow, 0, n); ms.leads = make([]string, 0, n) },
	}, func(r xlsxfile.Row) {
		if len(ms.rows) == 0 && hint > 0 {
			// As many cells as the header row's in every row of the used
			// range: one allocation instead of a growing slice copied
			// again and again (a dense matrix fills its rows).
			ms.ids.b = make([]uint8, 0, min(hint*len(r.Cells), rd.opt.MaxCells))
		}
		if len(ms.rows) > 0 && r.Row <= lastRow {
			sorted = false
		}
		lastRow = r.Row
		// StreamSheet emits no row without cells.
		ms.startRow(r.Row, r.Cells[0].Col, int32(len(ms.leads)))
		ms.leads = append(ms.leads, r.Cells[0].Val)
		for k, c := range r.Cells[1:] {
			if c.Col <= r.Cells[k].Col {
				sorted = false
			}
			ms.add(c.Col, ms.intern(c.Val))
		}
	})
	if err != nil {
		rd.addFileError(err)
		return nil
	}
	for _, cp := range probs {
		rd.addFileError(cp)
	}
	ms.finish()
	if !sorted {
		ms.sort()
	}
	return ms
}

func newMatrixSheet() *matrixSheet {
	return &matrixSheet{texts: []string{absent: ""}, index: map[string]int32{}}
}

func (ms *matrixSheet) intern(v string) int32 {
	if id, ok := ms.index[v]; ok {
		return id
	}
	id := int32(len(ms.texts))
	ms.texts = append(ms.texts, v)
	ms.index[v] = id
	return id
}

// row returns the row number and cells of row k.
func (ms *matrixSheet) row(k int) (int, cellSpan) {
	return int(ms.rows[k].row), cellSpan{g: ms, r: ms.rows[k]}
}

// sort puts rows and cells in order, the last of a cell written twice
// winning, as xlsxfile's ReadSheet does for files written out of order.
// It is called after finish: the indexes it keeps are those in texts.
func (ms *matrixSheet) sort() {
	byRow := map[int32]map[int32]int32{}
	for k := range ms.rows {
		rn, cs := ms.row(k)
		r := byRow[int32(rn)]
		if r == nil {
			r = map[int32]int32{}
			byRow[int32(rn)] = r
		}
		for c := range cs.cells {
			r[c.col] = c.id
		}
	}
	rows := make([]int32, 0, len(byRow))
	for rn := range byRow {
		rows = append(rows, rn)
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a] < rows[b] })
	ms.rows, ms.cols, ms.ids = ms.rows[:0], ms.cols[:0], cellIDs{}
	for _, rn := range rows {
		cols := make([]int32, 0, len(byRow[rn]))
		for c := range byRow[rn] {
			cols = append(cols, c)
		}
		sort.Slice(cols, func(a, b int) bool { return cols[a] < cols[b] })
		ms.startRow(int(rn), int(cols[0]), byRow[rn][cols[0]])
		for _, c := range cols[1:] {
			ms.add(int(c), byRow[rn][c])
		}
	}
}
