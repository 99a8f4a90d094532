package matrix_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
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

// A matrix's codes take a byte each until its 257th distinct stance string,
// which widens them: every cell reads back what was set before and after
// the widening, through Clone, Reorder and Select, and the analysis, which
// reads the codes directly, sees the same stances as on a matrix that never
// widened (strings not on the scale count as blank there).
func TestCellsManyStances(t *testing.T) {
	const issues, parties = 12, 40 // 480 cells, some 320 with a stance of their own
	names := make([]string, parties)
	for p := range names {
		names[p] = string(rune('A'+p%26)) + string(rune('a'+p/26))
	}
	inames := make([]string, issues)
	for i := range inames {
		inames[i] = "Issue " + string(rune('A'+i))
	}
	scale := matrix.DefaultScale().Labels()
	stance := func(i, p int) string {
		if (i+p)%3 == 0 {
			return scale[(i*7+p)%len(scale)]
		}
		return "odd " + inames[i] + " " + names[p]
	}
	wide := &matrix.Matrix{Scale: matrix.DefaultScale(), Parties: anParties(names...), Issues: anIssues(inames...)}
	narrow := &matrix.Matrix{Scale: matrix.DefaultScale(), Parties: anParties(names...), Issues: anIssues(inames...)}
	wide.InitCells()
	narrow.InitCells()
	for i := range issues {
		for p := range parties {
			wide.SetStance(i, p, stance(i, p))
			if s := stance(i, p); !strings.HasPrefix(s, "odd ") {
				narrow.SetStance(i, p, s)
			}
		}
	}
	wide.SetNote(3, 4, "a note", "INTERNAL")
	checkWith := func(what string, m *matrix.Matrix, is, ps []int, stance func(i, p int) string) {
		t.Helper()
		for k, i := range is {
			for j, p := range ps {
				if got := m.Stance(k, j); got != stance(i, p) {
					t.Fatalf("%s: cell (%d, %d) is %q, want %q", what, k, j, got, stance(i, p))
				}
			}
		}
	}
	check := func(what string, m *matrix.Matrix, is, ps []int) { t.Helper(); checkWith(what, m, is, ps, stance) }
	all := func(n int) []int {
		out := make([]int, n)
		for k := range out {
			out[k] = k
		}
		return out
	}
	check("set", wide, all(issues), all(parties))
	check("clone", wide.Clone(), all(issues), all(parties))
	order := all(parties)
	slices.Reverse(order)
	check("reordered", wide.Reorder(order), all(issues), order)
	sel, err := wide.Select([]string{names[2], names[5]}, []string{inames[1], inames[9]})
	if err != nil {
		t.Fatal(err)
	}
	check("selected", sel, []int{1, 9}, []int{2, 5})
	if c := wide.Clone().Cell(3, 4); c.Note != "a note" || c.Release != "INTERNAL" {
		t.Errorf("the note after the widening: %+v", c)
	}
	// Read back from a workbook: the reader sets the codes itself, and
	// leaves blank (with an error each) the stances not on the scale.
	var buf bytes.Buffer
	if err := xlsx.Workbook(&buf, wide, export.Options{}); err != nil {
		t.Fatal(err)
	}
	read, _ := matrix.Read(bytes.NewReader(buf.Bytes()), "many.xlsx", matrix.ReadOptions{})
	if read == nil {
		t.Fatal("no matrix read back")
	}
	checkWith("read back", read, all(issues), all(parties), narrow.Stance)
	if got, want := matrix.AgreementMatrix(wide), matrix.AgreementMatrix(narrow); !reflect.DeepEqual(got, want) {
		t.Errorf("the agreement of the widened matrix differs from the narrow one's")
	}
	if got, want := matrix.IssueStatistics(wide), matrix.IssueStatistics(narrow); !reflect.DeepEqual(got, want) {
		t.Errorf("the issue figures of the widened matrix differ from the narrow one's")
	}
}
