package matrix_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// TestReadAliases reads the Aliases columns of the Parties and Issues
// sheets: a Matrix sheet, current or snapshot, may name a party or issue by
// an alias, which stands for the row's name.
func TestReadAliases(t *testing.T) {
	b := book(t,
		sheet{Name: "Matrix", Rows: [][]any{row(nil, "Russia", "Ukraine"), row("Truce", "Opposes", "Supports")}},
		sheet{Name: "Matrix 2025-04-16", Rows: [][]any{row(nil, "Russian Federation", "Ukraine"), row("Ceasefire", "Leans oppose", "Supports")}},
		sheet{Name: "Parties", Rows: [][]any{row("Name", "Short", "Aliases"), row("Russia", "RU", " Russian  Federation , RF,,Russia, rf"), row("Ukraine", "UA", "")}},
		sheet{Name: "Issues", Rows: [][]any{row("Issue", "Alias"), row("Ceasefire", "Truce")}},
	)
	m, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{})
	if ps.Err() != nil || len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	if got, want := m.Parties[0].Aliases.List(), []string{"Russian Federation", "RF"}; !slices.Equal(got, want) {
		t.Errorf("party aliases = %q, want %q", got, want)
	}
	if m.Parties[1].Aliases != "" {
		t.Errorf("Ukraine's aliases = %q, want none", m.Parties[1].Aliases)
	}
	if got := m.Issues[0]; got.Name != "Ceasefire" || !slices.Equal(got.Aliases.List(), []string{"Truce"}) {
		t.Errorf("issue = %q %q, want Ceasefire [Truce]", got.Name, got.Aliases)
	}
	if got := m.Cell(0, 0).Stance; got != "Opposes" {
		t.Errorf("Truce / Russia = %q, want Opposes", got)
	}
	sn := m.Snapshots[0].Matrix
	if sn.Parties[0].Name != "Russia" || sn.Cell(0, 0).Stance != "Leans oppose" {
		t.Errorf("snapshot: party %q, cell %q; want Russia, Leans oppose", sn.Parties[0].Name, sn.Cell(0, 0).Stance)
	}
}
