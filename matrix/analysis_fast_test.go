package matrix_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// rankContestedSimply is RankContested as documented, written the
// straightforward way: a stable sort on the consensus to nine decimals
// (no consensus last), then the issue.
func rankContestedSimply(stats []matrix.IssueStats) []matrix.IssueStats {
	key := func(s matrix.IssueStats) float64 {
		if !s.HasConsensus {
			return math.Inf(1)
		}
		return math.Round(s.Consensus * 1e9)
	}
	out := slices.Clone(stats)
	slices.SortStableFunc(out, func(a, b matrix.IssueStats) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.Issue, b.Issue))
	})
	return out
}

// TestRankContestedFastPath compares RankContested, whose usual input is
// sorted as packed integers, with the straightforward sort, on inputs with
// many ties, without consensus figures, with figures outside [0, 1] and
// with issues not at their own index (the general sort's inputs).
func TestRankContestedFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 6))
	for trial := range 400 {
		n := r.IntN(70)
		if trial%50 == 0 {
			n = 0
		}
		stats := make([]matrix.IssueStats, n)
		levels := 1 + r.IntN(6) // few distinct figures: many ties
		for x := range stats {
			s := &stats[x]
			s.Issue = x
			s.HasConsensus = r.IntN(5) > 0
			if s.HasConsensus {
				s.Consensus = float64(r.IntN(levels)) / float64(levels)
				if r.IntN(4) == 0 { // equal to nine decimals, not in the last bits
					s.Consensus += (r.Float64() - 0.5) * 1e-12
					s.Consensus = math.Max(0, math.Min(1, s.Consensus))
				}
			}
		}
		switch trial % 4 {
		case 1: // one figure out of [0, 1]
			if n > 0 {
				stats[r.IntN(n)].Consensus, stats[r.IntN(n)].HasConsensus = 1.5-3*float64(r.IntN(2)), true
			}
		case 2: // issues not at their index, some repeated
			for x := range stats {
				stats[x].Issue = r.IntN(n)
			}
		}
		got, want := matrix.RankContested(stats), rankContestedSimply(stats)
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d figures, want %d", trial, len(got), len(want))
		}
		for x := range got {
			if got[x].Issue != want[x].Issue || got[x].Consensus != want[x].Consensus || got[x].HasConsensus != want[x].HasConsensus {
				t.Fatalf("trial %d: at %d issue %d (%v %v), want issue %d (%v %v)", trial, x,
					got[x].Issue, got[x].Consensus, got[x].HasConsensus, want[x].Issue, want[x].Consensus, want[x].HasConsensus)
			}
		}
	}
}

// TestTableFromCodes compares the agreement table the agreement matrix
// builds from the stance codes, 8 issues at a time along the codes, with
// the one built cell by cell, word for word, on random matrices (scales of up to
// 14 scores, issue weights in several groups, up to 300 issues: blocks of
// 64 issues cut short) and on edge cases: no party, one party, every cell
// blank.
func TestTableFromCodes(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 8))
	for trial := range 400 {
		var m *matrix.Matrix
		if trial%2 == 0 {
			m = anRandomMatrix(r)
		} else {
			m = anWideRandom(r)
		}
		if trial%7 == 0 && len(m.Parties) > 0 { // one party
			one, err := m.Select([]string{m.Parties[r.IntN(len(m.Parties))].Name}, nil)
			if err != nil {
				t.Fatal(err)
			}
			m = one
		}
		if trial%11 == 0 { // every cell blank
			for i := range m.Issues {
				for p := range m.Parties {
					m.SetStance(i, p, "")
				}
			}
		}
		if trial%13 == 0 { // a party more than the cells hold: its cells blank
			m.Parties = append(m.Parties, matrix.Party{Name: "Added", Weight: 1})
			stored := m.Clone().SetCells(m.Cells()) // the cells stored with the party
			if got, want := fmt.Sprint(*matrix.Analyze(m, nil)), fmt.Sprint(*matrix.Analyze(stored, nil)); got != want {
				t.Fatalf("trial %d: Analyze with a party the cells do not hold\n%s, want\n%s", trial, got, want)
			}
		}
		codes, cells := matrix.TableRows(m)
		if len(codes) != len(cells) {
			t.Fatalf("trial %d: %d rows, want %d", trial, len(codes), len(cells))
		}
		for p := range codes {
			if !slices.Equal(codes[p], cells[p]) {
				t.Fatalf("trial %d (%d parties, %d issues, %d stances): party %d's row\n%x, want\n%x",
					trial, len(m.Parties), len(m.Issues), len(m.Scale.Stances), p, codes[p], cells[p])
			}
		}
	}
}
