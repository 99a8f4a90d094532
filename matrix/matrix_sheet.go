package matrix

import (
	"sort"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// matrixSheet is a Matrix sheet as read for readMatrix: each row's cells as
// a column and the index of its text, the texts interned (a matrix repeats
// a handful of stances), instead of a grid of strings. At 200 × 6,000 it
// holds 10 MB where the grid held 111 MB.
type matrixSheet struct {
	rows  []sheetRow
	cells []sheetCell // the cells of row k are cells[rows[k].start:rows[k+1].start]
	texts []string    // by id
	ids   map[string]int32
}

type sheetRow struct {
	row   int32 // 1-based
	start int32 // index of its first cell in cells
}

type sheetCell struct {
	col int32 // 1-based
	id  int32 // index in texts
}

// streamMatrix reads sheet s into a matrixSheet with its cell problems; nil
// when it cannot be read. Rows and cells come out sorted, a cell written
// twice the last one, as ReadSheet gives them.
func (rd *reader) streamMatrix(s sheetRef) *matrixSheet {
	ms := &matrixSheet{ids: map[string]int32{}}
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
			ms.cells = make([]sheetCell, 0, min(hint*len(r.Cells), rd.opt.MaxCells))
		}
		if len(ms.rows) > 0 && r.Row <= lastRow {
			sorted = false
		}
		lastRow = r.Row
		ms.rows = append(ms.rows, sheetRow{row: int32(r.Row), start: int32(len(ms.cells))})
		for k, c := range r.Cells {
			if k > 0 && c.Col <= r.Cells[k-1].Col {
				sorted = false
			}
			ms.cells = append(ms.cells, sheetCell{col: int32(c.Col), id: ms.intern(c.Val)})
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
	if id, ok := ms.ids[v]; ok {
		return id
	}
	id := int32(len(ms.texts))
	ms.texts = append(ms.texts, v)
	ms.ids[v] = id
	return id
}

// row returns the row number and cells of row k.
func (ms *matrixSheet) row(k int) (int, []sheetCell) {
	end := len(ms.cells)
	if k+1 < len(ms.rows) {
		end = int(ms.rows[k+1].start)
	}
	return int(ms.rows[k].row), ms.cells[ms.rows[k].start:end]
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
		for _, c := range cs {
			r[c.col] = c.id
		}
	}
	rows := make([]int32, 0, len(byRow))
	for rn := range byRow {
		rows = append(rows, rn)
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a] < rows[b] })
	ms.rows, ms.cells = ms.rows[:0], ms.cells[:0]
	for _, rn := range rows {
		ms.rows = append(ms.rows, sheetRow{row: rn, start: int32(len(ms.cells))})
		cols := make([]int32, 0, len(byRow[rn]))
		for c := range byRow[rn] {
			cols = append(cols, c)
		}
		sort.Slice(cols, func(a, b int) bool { return cols[a] < cols[b] })
		for _, c := range cols {
			ms.cells = append(ms.cells, sheetCell{col: c, id: byRow[rn][c]})
		}
	}
}
