package matrix_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// weekly is the series of issue 17: 52 weekly states of a 50 × 200 matrix,
// 25 cells changed a week.
func weekly() ([]*matrix.Matrix, []matrixtest.SeriesChange) {
	return matrixtest.WeeklySeries(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Seed: 7}, 52, 25)
}

// checkMoves compares the moves of h with the changes of a generated series.
func checkMoves(t *testing.T, h *matrix.History, want []matrixtest.SeriesChange) {
	t.Helper()
	if len(h.Moves) != len(want) {
		t.Errorf("%d moves, want %d", len(h.Moves), len(want))
	}
	for k := 0; k < min(len(h.Moves), len(want)); k++ {
		mv, w := h.Moves[k], want[k]
		got := fmt.Sprintf("%s %s/%s %q→%q", mv.Date.Format(time.DateOnly), h.Issues[mv.Issue].Name, h.Parties[mv.Party].Name, mv.Old, mv.New)
		exp := fmt.Sprintf("%s %s/%s %q→%q", w.Date.Format(time.DateOnly), w.IssueName, w.PartyName, w.Old, w.New)
		if got != exp {
			t.Fatalf("move %d: %s, want %s", k, got, exp)
		}
		if !mv.From.Equal(w.Date.AddDate(0, 0, -7)) {
			t.Fatalf("move %d from %s, want the week before", k, mv.From.Format(time.DateOnly))
		}
	}
}

// TestHistoryWeekly finds every change of 52 weekly 50 × 200 matrices,
// with its date, from the matrices and from one workbook holding them as
// snapshots.
func TestHistoryWeekly(t *testing.T) {
	series, want := weekly()
	if len(want) != 51*25 {
		t.Fatalf("the series changes %d cells, want %d", len(want), 51*25)
	}
	h, err := matrix.NewHistory(series)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.States) != 52 || len(h.Parties) != 50 || len(h.Issues) != 200 || len(h.Events) != 0 {
		t.Fatalf("%d states, %d parties, %d issues, %d events", len(h.States), len(h.Parties), len(h.Issues), len(h.Events))
	}
	checkMoves(t, h, want)
	moves := 0
	for _, pm := range h.PartyMoves {
		moves += pm.Moves
	}
	if moves != len(want) {
		t.Errorf("party moves sum to %d, want %d", moves, len(want))
	}
	if testing.Short() {
		return
	}
	b, err := matrixtest.SeriesWorkbook(series)
	if err != nil {
		t.Fatal(err)
	}
	m, ps := matrix.Read(bytes.NewReader(b), "weekly.xlsx", matrix.ReadOptions{})
	if ps.Err() != nil {
		t.Fatal(ps)
	}
	h, err = matrix.NewHistory([]*matrix.Matrix{m})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.States) != 52 {
		t.Fatalf("%d states from the workbook, want 52", len(h.States))
	}
	checkMoves(t, h, want)
}

// BenchmarkHistoryWeekly reads the 52 weekly 50 × 200 states kept as
// snapshots in one workbook (read), builds their history from the matrices
// read (history), and does both, as `stancematrix history` does
// (read+history). Issue 17 asks read+history within 1.5 × read.
func BenchmarkHistoryWeekly(b *testing.B) {
	series, _ := weekly()
	book, err := matrixtest.SeriesWorkbook(series)
	if err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B) *matrix.Matrix {
		m, ps := matrix.Read(bytes.NewReader(book), "weekly.xlsx", matrix.ReadOptions{})
		if ps.Err() != nil {
			b.Fatal(ps)
		}
		return m
	}
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			read(b)
		}
	})
	m := read(b)
	b.Run("history", func(b *testing.B) {
		for b.Loop() {
			if _, err := matrix.NewHistory([]*matrix.Matrix{m}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read+history", func(b *testing.B) {
		for b.Loop() {
			if _, err := matrix.NewHistory([]*matrix.Matrix{read(b)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
