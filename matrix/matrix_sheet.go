package matrix

import (
	"sort"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// matrixSheet is a Matrix sheet as read for readMatrix: each row's cells as
// a column and the index of its text, the texts interned (a matrix repeats
// a handful of stances), instead of a grid of strings. A cell takes 4 bytes
// (its column and text index as uint16) while the sheet has at most 65,536
// distinct texts, 6 bytes past that. At 200 × 6,000 it holds 5 MB where
// the grid held 111 MB.
type matrixSheet struct {
	rows  []sheetRow
	cols  []uint16 // column of each cell (1-based); the cells of row k are [rows[k].start, rows[k+1].start)
	ids   []uint16 // index in texts of each cell, while len(texts) <= 1<<16
	wide  []int32  // index in texts of each cell, once ids could not hold it (ids is then nil)
	texts []string // by id
	index map[string]int32
}

type sheetRow struct {
	row   int32 // 1-based
	start int32 // index of its first cell
}

// sheetCell is one cell of a matrixSheet.
type sheetCell struct {
	col int32 // 1-based
	id  int32 // index in texts
}

// cellSpan is the cells of one row of a matrixSheet.
type cellSpan struct {
	g          *matrixSheet
	start, end int
}

// len is the number of cells in the row.
func (s cellSpan) len() int { return s.end - s.start }

// at returns the row's j-th cell.
func (s cellSpan) at(j int) sheetCell {
	k := s.start + j
	return sheetCell{col: int32(s.g.cols[k]), id: s.g.id(k)}
}

// id returns the text index of cell k.
func (ms *matrixSheet) id(k int) int32 {
	if ms.wide != nil {
		return ms.wide[k]
	}
	return int32(ms.ids[k])
}

// add appends a cell to the last row.
func (ms *matrixSheet) add(col int, id int32) {
	ms.cols = append(ms.cols, uint16(col))
	if ms.wide == nil && id > 0xFFFF {
		ms.wide = make([]int32, len(ms.ids), cap(ms.ids))
		for k, v := range ms.ids {
			ms.wide[k] = int32(v)
		}
		ms.ids = nil
	}
	if ms.wide != nil {
		ms.wide = append(ms.wide, id)
	} else {
		ms.ids = append(ms.ids, uint16(id))
	}
}

// ncells is the number of cells read.
func (ms *matrixSheet) ncells() int { return len(ms.cols) }

// streamMatrix reads sheet s into a matrixSheet with its cell problems; nil
// when it cannot be read. Rows and cells come out sorted, a cell written
// twice the last one, as ReadSheet gives them.
func (rd *reader) streamMatrix(s sheetRef) *matrixSheet {
	ms := &matrixSheet{index: map[string]int32{}}
	sorted := true
	lastRow, hint := 0, 0
	probs, err := rd.p.StreamSheet(s, xlsxfile.StreamOptions{
		Reuse:    true,
		RowsHint: func(n int) { hint = n; ms.rows = make([]sheetRow, 0, n) },
	}, func(r xlsxfile.Row) {
		if len(ms.rows) == 0 && hint > 0 {
			// As many cells as the header row's in every row of the used
			// range: one allocation instead of a growing slice copied
			// again and again (a dense matrix fills its rows).
			n := min(hint*len(r.Cells), rd.opt.MaxCells)
			ms.cols, ms.ids = make([]uint16, 0, n), make([]uint16, 0, n)
		}
		if len(ms.rows) > 0 && r.Row <= lastRow {
			sorted = false
		}
		lastRow = r.Row
		ms.rows = append(ms.rows, sheetRow{row: int32(r.Row), start: int32(ms.ncells())})
		for k, c := range r.Cells {
			if k > 0 && c.Col <= r.Cells[k-1].Col {
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
	if !sorted {
		ms.sort()
	}
	return ms
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
	end := ms.ncells()
	if k+1 < len(ms.rows) {
		end = int(ms.rows[k+1].start)
	}
	return int(ms.rows[k].row), cellSpan{g: ms, start: int(ms.rows[k].start), end: end}
}

// sort puts rows and cells in order, the last of a cell written twice
// winning, as xlsxfile's ReadSheet does for files written out of order.
func (ms *matrixSheet) sort() {
	byRow := map[int32]map[int32]int32{}
	for k := range ms.rows {
		rn, cs := ms.row(k)
		r := byRow[int32(rn)]
		if r == nil {
			r = map[int32]int32{}
			byRow[int32(rn)] = r
		}
		for j := range cs.len() {
			c := cs.at(j)
			r[c.col] = c.id
		}
	}
	rows := make([]int32, 0, len(byRow))
	for rn := range byRow {
		rows = append(rows, rn)
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a] < rows[b] })
	ms.rows, ms.cols, ms.ids, ms.wide = ms.rows[:0], ms.cols[:0], ms.ids[:0], ms.wide[:0]
	if ms.wide != nil {
		ms.ids = nil
	}
	for _, rn := range rows {
		ms.rows = append(ms.rows, sheetRow{row: rn, start: int32(ms.ncells())})
		cols := make([]int32, 0, len(byRow[rn]))
		for c := range byRow[rn] {
			cols = append(cols, c)
		}
		sort.Slice(cols, func(a, b int) bool { return cols[a] < cols[b] })
		for _, c := range cols {
			ms.add(int(c), byRow[rn][c])
		}
	}
}
