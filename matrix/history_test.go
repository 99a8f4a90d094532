package matrix_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// dated builds a matrix of the default scale from cells[issue][party]
// ("" blank); asOf "" leaves the About date unset.
func dated(source, asOf string, parties, issues []string, cells [][]string) *matrix.Matrix {
	m := &matrix.Matrix{Source: source, Scale: matrix.DefaultScale()}
	if asOf != "" {
		m.About.AsOf, _ = time.Parse(time.DateOnly, asOf)
	}
	for _, p := range parties {
		name, aliases, _ := strings.Cut(p, "|")
		m.Parties = append(m.Parties, matrix.Party{Name: name, Aliases: matrix.Aliases(aliases), Weight: 1})
	}
	for _, is := range issues {
		name, aliases, _ := strings.Cut(is, "|")
		m.Issues = append(m.Issues, matrix.Issue{Name: name, Aliases: matrix.Aliases(aliases), Weight: 1})
	}
	m.InitCells()
	for i := range issues {
		for p := range parties {
			m.SetStance(i, p, cells[i][p])
		}
	}
	return m
}

func ymd(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestHistoryKnownAnswers checks every figure of a three-date series
// worked out by hand (default scale, R = 4), given out of order, one file
// dated by its name only.
func TestHistoryKnownAnswers(t *testing.T) {
	ps, is := []string{"A", "B", "C"}, []string{"I1", "I2", "I3"}
	const S, C, O = "Supports", "Conditional", "Opposes"
	d1 := dated("talks-2025-04-16.xlsx", "", ps, is, [][]string{{S, O, S}, {S, O, O}, {S, O, C}})
	d2 := dated("b.xlsx", "2025-04-23", ps, is, [][]string{{S, C, S}, {S, C, O}, {S, O, C}})
	d3 := dated("c.xlsx", "2025-04-30", ps, is, [][]string{{S, S, S}, {S, C, O}, {S, "", C}})
	h, err := matrix.NewHistory([]*matrix.Matrix{d3, d1, d2})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, st := range h.States {
		dates = append(dates, st.Date.Format(time.DateOnly)+" "+st.Source)
	}
	if got, want := strings.Join(dates, "; "), "2025-04-16 talks-2025-04-16.xlsx; 2025-04-23 b.xlsx; 2025-04-30 c.xlsx"; got != want {
		t.Errorf("states %q, want %q", got, want)
	}
	var moves []string
	for _, mv := range h.Moves {
		moves = append(moves, fmt.Sprintf("%s %s/%s %q→%q %s %v%v", mv.Date.Format(time.DateOnly), h.Issues[mv.Issue].Name, h.Parties[mv.Party].Name, mv.Old, mv.New, mv.Direction, mv.Delta, mv.HasDelta))
	}
	want := []string{
		`2025-04-23 I1/B "Opposes"→"Conditional" towards support 2true`,
		`2025-04-23 I2/B "Opposes"→"Conditional" towards support 2true`,
		`2025-04-30 I1/B "Conditional"→"Supports" towards support 2true`,
		`2025-04-30 I3/B "Opposes"→"" off-axis 0false`,
	}
	if strings.Join(moves, "\n") != strings.Join(want, "\n") {
		t.Errorf("moves:\n%s\nwant:\n%s", strings.Join(moves, "\n"), strings.Join(want, "\n"))
	}
	if !h.Moved() || len(h.Events) != 0 {
		t.Errorf("Moved %v, events %v; want true, none", h.Moved(), h.Events)
	}
	b := h.PartyMoves[1]
	if b.Moves != 4 || !near(b.Distance, 6) || !near(b.Net, 6) {
		t.Errorf("B moved %d times, distance %v, net %v; want 4, 6, 6", b.Moves, b.Distance, b.Net)
	}
	if a := h.PartyMoves[0]; a.Moves != 0 || a.Distance != 0 {
		t.Errorf("A moved %d times, distance %v; want 0, 0", a.Moves, a.Distance)
	}
	// A–B: 0 on 04-16, 1/3 on 04-23; on 04-30 they share 2 scored issues,
	// fewer than MinShared: no figure, so the last figure is of 04-23.
	var ab *matrix.PartnerShift
	for k, s := range h.PartyMoves[0].Partners {
		if s.Other == 1 {
			ab = &h.PartyMoves[0].Partners[k]
		}
	}
	if ab == nil || !near(ab.From, 0) || !near(ab.To, 1.0/3) || !near(ab.Change, 1.0/3) || ab.ToDate != ymd("2025-04-23") {
		t.Fatalf("A–B shift %+v, want 0 → 1/3 by 2025-04-23", ab)
	}
	if a := h.PartyMoves[0]; a.Closer != 1 || a.Further != 0 || len(a.Partners) != 2 {
		t.Errorf("A: closer %d, further %d, partners %d; want 1, 0, 2", a.Closer, a.Further, len(a.Partners))
	}
	// Mean agreement per date: (0 + ½ + ½)/3, (⅓ + ½ + ½)/3, and A–C only.
	for d, w := range []struct {
		mean  float64
		pairs int
	}{{1.0 / 3, 3}, {4.0 / 9, 3}, {0.5, 1}} {
		if g := h.Agreement[d]; !g.OK || !near(g.Mean, w.mean) || g.Pairs != w.pairs {
			t.Errorf("agreement on date %d = %+v, want %v over %d pairs", d, g, w.mean, w.pairs)
		}
	}
	// I1: consensus ⅓ → 1, converged; I2: ⅓ → ⅓, steady; I3: ⅓ → ½ (B
	// blank), converged.
	for i, w := range []struct {
		from, to float64
		trend    matrix.Trend
	}{{1.0 / 3, 1, matrix.Converged}, {1.0 / 3, 1.0 / 3, matrix.Steady}, {1.0 / 3, 0.5, matrix.Converged}} {
		g := h.IssueTrends[i]
		if !g.OK || !near(g.ConsensusFrom, w.from) || !near(g.ConsensusTo, w.to) || g.Trend != w.trend {
			t.Errorf("issue %s trend %+v, want %v → %v %v", h.Issues[i].Name, g, w.from, w.to, w.trend)
		}
	}
	if g := h.IssueTrends[1]; !near(g.SpreadFrom, math.Sqrt(32.0/9)) || !near(g.SpreadTo, math.Sqrt(8.0/3)) {
		t.Errorf("I2 spread %v → %v, want √(32/9) → √(8/3)", g.SpreadFrom, g.SpreadTo)
	}
	if st, ok := h.Stance(2, 1, 2); !ok || st != "" {
		t.Errorf("I3/B on 04-30 = %q, %v; want blank, in the matrix", st, ok)
	}
}

// TestHistoryMatching matches a renamed party through an alias and reports
// the parties that appear and disappear.
func TestHistoryMatching(t *testing.T) {
	is := []string{"Ceasefire"}
	d1 := dated("w1.xlsx", "2025-04-16", []string{"Russian Federation", "Ukraine"}, is, [][]string{{"Opposes", "Supports"}})
	d2 := dated("w2.xlsx", "2025-04-23", []string{"Russia|Russian Federation, RF", "Ukraine", "EU"}, is, [][]string{{"Leans oppose", "Supports", "Supports"}})
	d3 := dated("w3.xlsx", "2025-04-30", []string{"EU", "Russia|RF"}, is, [][]string{{"Supports", "Conditional"}})
	h, err := matrix.NewHistory([]*matrix.Matrix{d1, d2, d3})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range h.Parties {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, ", "); got != "EU, Russia, Ukraine" {
		t.Errorf("parties %q, want EU, Russia, Ukraine (newest order, then the gone)", got)
	}
	var evs []string
	for _, e := range h.Events {
		evs = append(evs, fmt.Sprintf("%s %v %s %s→%s", e.Date.Format(time.DateOnly), e.Kind, e.Name, e.Old, e.New))
	}
	want := "2025-04-23 appeared EU →; 2025-04-23 renamed Russia Russian Federation→Russia; 2025-04-30 disappeared Ukraine →"
	if got := strings.Join(evs, "; "); got != want {
		t.Errorf("events %q\nwant %q", got, want)
	}
	if len(h.Moves) != 2 || h.Parties[h.Moves[0].Party].Name != "Russia" || h.Moves[1].New != "Conditional" {
		t.Errorf("moves %+v, want Russia's two", h.Moves)
	}
	if _, ok := h.Stance(0, 0, 0); ok {
		t.Error("EU is in the matrix of 04-16")
	}
}

// TestHistoryErrors lists the series a history refuses, with the message.
func TestHistoryErrors(t *testing.T) {
	is := []string{"Ceasefire"}
	one := [][]string{{"Supports"}}
	two := [][]string{{"Supports", "Opposes"}}
	tests := []struct {
		name string
		ms   []*matrix.Matrix
		want string
	}{
		{"undated", []*matrix.Matrix{dated("dir/talks-2025-04-16.xlsx", "", []string{"A"}, is, one), dated("dir/talks.xlsx", "", []string{"A"}, is, one)},
			`dir/talks.xlsx: no date: the About sheet has no "As of" and the file name holds no YYYY-MM-DD date`},
		{"same day", []*matrix.Matrix{dated("a.xlsx", "2025-04-16", []string{"A"}, is, one), dated("b-2025-04-16.xlsx", "", []string{"A"}, is, one)},
			"a.xlsx and b-2025-04-16.xlsx are both dated 2025-04-16; a history holds one matrix per day"},
		{"alias matches two", []*matrix.Matrix{dated("a.xlsx", "2025-04-16", []string{"A", "B"}, is, two), dated("b.xlsx", "2025-04-23", []string{"AB|A, B"}, is, one)},
			`b.xlsx: party "AB" matches both "A" and "B" of earlier dates by name or alias; a history does not merge them`},
		{"two match one", []*matrix.Matrix{dated("a.xlsx", "2025-04-16", []string{"A|B"}, is, one), dated("b.xlsx", "2025-04-23", []string{"A", "B"}, is, two)},
			`b.xlsx: parties "A" and "B" both match "A" by name or alias; a history does not merge them`},
		{"issue alias matches two", []*matrix.Matrix{dated("a.xlsx", "2025-04-16", []string{"A"}, []string{"X", "Y"}, [][]string{{""}, {""}}), dated("b.xlsx", "2025-04-23", []string{"A"}, []string{"Z|x,y"}, one)},
			`b.xlsx: issue "Z" matches both "X" and "Y" of earlier dates by name or alias; a history does not merge them`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := matrix.NewHistory(tc.ms)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v\nwant  %s", err, tc.want)
			}
			var ue *matrix.UndatedError
			if errors.As(err, &ue) != (tc.name == "undated") {
				t.Errorf("UndatedError %v for %s", ue, tc.name)
			}
		})
	}
}

// TestHistorySnapshots builds a history from one workbook's snapshots and
// another workbook of a snapshot's day: the workbook wins, the snapshot is
// listed as skipped.
func TestHistorySnapshots(t *testing.T) {
	ps, is := []string{"A", "B", "C"}, []string{"I"}
	cur := dated("talks.xlsx", "2025-04-30", ps, is, [][]string{{"Supports", "Supports", "Supports"}})
	s1 := dated("talks.xlsx", "2025-04-16", ps, is, [][]string{{"Opposes", "Supports", "Supports"}})
	s2 := dated("talks.xlsx", "2025-04-23", ps, is, [][]string{{"Conditional", "Supports", "Supports"}})
	cur.Snapshots = []matrix.Snapshot{{Date: ymd("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: s1}, {Date: ymd("2025-04-23"), Sheet: "Matrix 2025-04-23", Matrix: s2}}
	other := dated("old-2025-04-23.xlsx", "", ps, is, [][]string{{"Leans oppose", "Supports", "Supports"}})
	h, err := matrix.NewHistory([]*matrix.Matrix{cur, other})
	if err != nil {
		t.Fatal(err)
	}
	var src []string
	for _, st := range h.States {
		src = append(src, st.Source)
	}
	if got := strings.Join(src, "; "); got != "talks.xlsx: Matrix 2025-04-16; old-2025-04-23.xlsx; talks.xlsx" {
		t.Errorf("states %q", got)
	}
	if len(h.Skipped) != 1 || h.Skipped[0] != "talks.xlsx: Matrix 2025-04-23 (old-2025-04-23.xlsx is of the same day)" {
		t.Errorf("skipped %q", h.Skipped)
	}
	if len(h.Moves) != 2 || h.Moves[0].New != "Leans oppose" {
		t.Errorf("moves %+v", h.Moves)
	}
	// One state: nothing moved.
	h, err = matrix.NewHistory([]*matrix.Matrix{other})
	if err != nil || h.Moved() || len(h.Agreement) != 1 {
		t.Errorf("one state: %v, moved %v", err, h != nil && h.Moved())
	}
}
