package matrix

import (
	"strconv"
	"testing"
)

// The compact Matrix sheet gives back every cell's column and text, also
// past 65,536 distinct texts (where a cell's text index no longer fits in
// 16 bits) and after sorting rows written out of order, the last of a cell
// written twice winning.
func TestMatrixSheetCells(t *testing.T) {
	const texts = 70_000
	type cell struct {
		row, col int
		text     string
	}
	var want []cell
	ms := &matrixSheet{index: map[string]int32{}}
	// Rows 3, 1, 2 (out of order), 100 columns each; row 3 first, so
	// that the switch to wide indexes happens mid-sheet.
	n := 0
	for _, row := range []int{3, 1, 2} {
		ms.rows = append(ms.rows, sheetRow{row: int32(row), start: int32(ms.ncells())})
		for col := 1; col <= texts/3+1; col++ {
			v := "t" + strconv.Itoa(n%texts)
			n++
			ms.add(col, ms.intern(v))
			want = append(want, cell{row, col, v})
		}
	}
	// Row 1 column 1 written again, out of order in its row.
	ms.rows = append(ms.rows, sheetRow{row: 1, start: int32(ms.ncells())})
	ms.add(1, ms.intern("again"))
	got := func() []cell {
		var out []cell
		for k := range ms.rows {
			rn, cs := ms.row(k)
			for j := range cs.len() {
				c := cs.at(j)
				out = append(out, cell{rn, int(c.col), ms.texts[c.id]})
			}
		}
		return out
	}
	g := got()
	if len(g) != len(want)+1 {
		t.Fatalf("%d cells, want %d", len(g), len(want)+1)
	}
	for k, c := range want {
		if g[k] != c {
			t.Fatalf("cell %d: %+v, want %+v", k, g[k], c)
		}
	}
	if ms.wide == nil || ms.ids != nil {
		t.Fatalf("%d texts: still 16-bit indexes", len(ms.texts))
	}
	ms.sort()
	g = got()
	per := texts/3 + 1
	if len(g) != len(want) {
		t.Fatalf("sorted: %d cells, want %d", len(g), len(want))
	}
	for k, c := range g {
		row, col := k/per+1, k%per+1
		w := want[(map[int]int{3: 0, 1: 1, 2: 2})[row]*per+col-1].text
		if row == 1 && col == 1 {
			w = "again"
		}
		if c != (cell{row, col, w}) {
			t.Fatalf("sorted cell %d: %+v, want %+v", k, c, cell{row, col, w})
		}
	}
}
