package matrix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// TestScaleTooManyStances: a Scale sheet of more than MaxStances stances
// is an error at the first one over, and the stances before it are read.
func TestScaleTooManyStances(t *testing.T) {
	rows := [][]any{row("Label", "Score")}
	for k := range matrix.MaxStances + 50 {
		rows = append(rows, row(fmt.Sprintf("S%d", k+1), k%5-2))
	}
	b := book(t,
		sheet{Name: "Matrix", Rows: [][]any{row(nil, "Ukraine"), row("Ceasefire", "S7")}},
		sheet{Name: "Scale", Rows: rows})
	m, ps := readBook(t, b)
	want := fmt.Sprintf(`t.xlsx: Scale!A%d: the scale has more than %d stances (from "S%d" on)`, matrix.MaxStances+2, matrix.MaxStances, matrix.MaxStances+1)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), want) {
		t.Fatalf("problems:\n%s\nwant one starting %s", problemLines(ps), want)
	}
	if m == nil || len(m.Scale.Stances) != matrix.MaxStances || m.Stance(0, 0) != "S7" {
		t.Fatalf("the stances before the limit are not read")
	}
}
