package matrix_test

import (
	"reflect"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// The compact cells read back what was set: stances from a table shared by
// the cells, notes and their levels only where set, references only for a
// matrix placed on a sheet, blanks outside the matrix.
func TestCells(t *testing.T) {
	m := &matrix.Matrix{Parties: anParties("A", "B", "C"), Issues: anIssues("I", "J")}
	m.InitCells()
	m.SetCell(0, 0, matrix.Cell{Stance: "Supports", Note: "said so", Release: "INTERNAL"})
	m.SetStance(0, 2, "Any text at all")
	m.SetStance(1, 1, "Supports")
	m.SetNote(1, 2, "", "RESTRICTED")
	want := [][]matrix.Cell{
		{{Stance: "Supports", Note: "said so", Release: "INTERNAL"}, {}, {Stance: "Any text at all"}},
		{{}, {Stance: "Supports"}, {Release: "RESTRICTED"}},
	}
	if got := m.Cells(); !reflect.DeepEqual(got, want) {
		t.Fatalf("cells\n got %+v\nwant %+v", got, want)
	}
	var noted [][2]int
	m.NoteCells(func(i, p int) { noted = append(noted, [2]int{i, p}) })
	if want := [][2]int{{0, 0}, {1, 2}}; !reflect.DeepEqual(noted, want) {
		t.Errorf("NoteCells %v, want %v", noted, want)
	}
	if c := m.Cell(2, 0); c != (matrix.Cell{}) || m.HasCell(2, 0) || m.HasCell(0, 3) || !m.HasCell(1, 2) {
		t.Errorf("outside the matrix: %+v, HasCell %v %v", c, m.HasCell(2, 0), m.HasCell(0, 3))
	}
	if ref := m.CellRef(0, 0); ref != "" {
		t.Errorf("CellRef of a matrix built in code = %q, want none", ref)
	}
	m.SetCellPlaces("Matrix 2025-04-16", []int{2, 28, 4}, []int{7, 9})
	if ref := m.CellRef(1, 1); ref != "Matrix 2025-04-16!AB9" {
		t.Errorf("CellRef(1, 1) = %q", ref)
	}

	// A clone's cells are its own.
	c := m.Clone()
	c.SetCell(0, 0, matrix.Cell{Stance: "Opposes"})
	c.SetNote(1, 2, "", "")
	if got := m.Cells(); !reflect.DeepEqual(got, want) {
		t.Errorf("setting a clone's cells changed the original's:\n got %+v\nwant %+v", got, want)
	}
	if c.Cell(0, 0) != (matrix.Cell{Stance: "Opposes"}) || c.HasNote(1, 2) || c.CellRef(1, 1) != "Matrix 2025-04-16!AB9" {
		t.Errorf("clone: %+v, note %v, ref %q", c.Cell(0, 0), c.HasNote(1, 2), c.CellRef(1, 1))
	}

	// A ragged literal holds the longest row's width; the rest are blank.
	r := (&matrix.Matrix{Parties: anParties("A", "B")}).SetCells([][]matrix.Cell{{{Stance: "Supports"}}, {{}, {}, {Stance: "Opposes"}}})
	if got, want := r.Cells(), [][]matrix.Cell{{{Stance: "Supports"}, {}, {}}, {{}, {}, {Stance: "Opposes"}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("ragged cells %+v, want %+v", got, want)
	}
}

// Reordering keeps each cell's note, level and reference with its party.
func TestCellsReorder(t *testing.T) {
	m := &matrix.Matrix{Scale: matrix.DefaultScale(), Parties: anParties("A", "B"), Issues: anIssues("I")}
	m.SetCells([][]matrix.Cell{{{Stance: "Supports"}, {Stance: "Opposes", Note: "n", Release: "INTERNAL"}}})
	m.SetCellPlaces("Matrix", []int{2, 3}, []int{2})
	got := m.Reorder([]int{1, 0})
	if c := got.Cell(0, 0); c != (matrix.Cell{Stance: "Opposes", Note: "n", Release: "INTERNAL"}) || got.CellRef(0, 0) != "Matrix!C2" {
		t.Errorf("reordered cell %+v at %q", c, got.CellRef(0, 0))
	}
	if c := got.Cell(0, 1); c != (matrix.Cell{Stance: "Supports"}) || got.CellRef(0, 1) != "Matrix!B2" {
		t.Errorf("reordered cell %+v at %q", c, got.CellRef(0, 1))
	}
}
