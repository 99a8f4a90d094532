package matrix

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// MaxFindings is the most sentences KeyFindings returns.
const MaxFindings = 6

// MinPositions is the number of parties an issue finding needs: an issue
// is called contested only when at least MinPositions parties have a scored
// stance on it, and agreed by all only when at least MinPositions parties
// have a position on it. (Two parties make one pair: a single comparison
// is not a finding about the room.)
const MinPositions = 3

// KeyFindings returns a handful of plain sentences about the matrix (and the
// changes, when ch is non-nil) for a briefing's first page, at most
// MaxFindings, in this order. Each sentence states its coverage (how many of
// the parties, pairs or cells it rests on); a finding whose data is too thin
// is not made, and one sentence says why instead:
//
//   - the most contested issues: the (up to) two issues of lowest consensus
//     below 100% among those with at least MinPositions scored parties,
//     with their consensus and how many parties it rests on; when every
//     issue short of full agreement has fewer scored parties, a sentence
//     saying so;
//   - the issues where every party with a position takes the same scored
//     stance, with at least MinPositions parties, up to three named; when
//     only thinner issues agree (two parties), a sentence saying so;
//   - the closest and the furthest pair of parties by agreement, among the
//     pairs sharing at least MinShared scored issues and at least half as
//     many as the pair that shares most (so that a pair agreeing on a
//     single issue does not lead), with how many pairs of all that is; ties
//     go to the pair sharing more issues, then to workbook order; when no
//     pair shares that many, a sentence saying so;
//   - with ch, the biggest moves: the (up to) two changed cells that moved
//     furthest on the scale (then other label changes, then changes from or
//     to no position, each in the order of ch.Cells), and the number of
//     changes out of the cells both versions have; or that nothing moved.
//
// Names are full party and issue names as written; percentages are rounded
// to whole numbers. The same input gives the same sentences.
func KeyFindings(m *Matrix, ch *Changes) []string {
	stats := IssueStatistics(m)
	return keyFindings(m, ch, stats, RankContested(stats), AgreementMatrix(m))
}

func keyFindings(m *Matrix, ch *Changes, stats, ranked []IssueStats, ag [][]Pair) []string {
	var out []string
	if s := contestedFinding(m, ranked); s != "" {
		out = append(out, s)
	}
	if s := unanimousFinding(m, stats); s != "" {
		out = append(out, s)
	}
	out = append(out, pairFindings(m, ag)...)
	if ch != nil {
		out = append(out, moveFindings(m, ch, MaxFindings-len(out))...)
	}
	if len(out) > MaxFindings {
		out = out[:MaxFindings]
	}
	return out
}

// partiesOf returns "3 of 7 parties", "all 4 parties" or "both parties".
func partiesOf(n, total int) string {
	switch {
	case n == total && n == 2:
		return "both parties"
	case n == total:
		return fmt.Sprintf("all %d parties", n)
	}
	return fmt.Sprintf("%d of %d parties", n, total)
}

// Percent writes a share from 0 to 1 as a whole percentage, "94%", as the
// findings and the charts print agreement.
func Percent(x float64) string { return fmt.Sprintf("%d%%", int(math.Round(x*100))) }

// joinAnd joins items as "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func contestedFinding(m *Matrix, ranked []IssueStats) string {
	var top []IssueStats
	thin := 0 // issues short of full agreement left out for too few scored parties
	for _, s := range ranked {
		if !s.HasConsensus || math.Round(s.Consensus*100) >= 100 {
			break
		}
		if s.Scored < MinPositions {
			thin++
			continue
		}
		if len(top) < 2 {
			top = append(top, s)
		}
	}
	n := len(m.Parties)
	left := ""
	if thin > 0 && len(top) > 0 {
		left = fmt.Sprintf("; %s with fewer than %d scored parties %s not ranked", plural(thin, "issue", "issues"), MinPositions, isAre(thin))
	}
	switch len(top) {
	case 0:
		switch {
		case thin == 1:
			return fmt.Sprintf("No issue is named the most contested: the only issue short of full agreement has fewer than %d parties with a scored stance.", MinPositions)
		case thin > 1:
			return fmt.Sprintf("No issue is named the most contested: the %d issues short of full agreement have fewer than %d parties with a scored stance each.",
				thin, MinPositions)
		}
	case 1:
		return fmt.Sprintf("The most contested issue is %s (%s agreement among %s)%s.", m.Issues[top[0].Issue].Name,
			Percent(top[0].Consensus), partiesOf(top[0].Scored, n), left)
	case 2:
		return fmt.Sprintf("The most contested issues are %s (%s agreement among %s) and %s (%s among %s)%s.",
			m.Issues[top[0].Issue].Name, Percent(top[0].Consensus), partiesOf(top[0].Scored, n),
			m.Issues[top[1].Issue].Name, Percent(top[1].Consensus), partiesOf(top[1].Scored, n), left)
	}
	return ""
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// unanimous returns the stance index every party with a position on the
// issue takes, when there are at least two and the stance is scored.
func unanimous(m *Matrix, s IssueStats) (int, bool) {
	if s.Positions < 2 {
		return 0, false
	}
	for k, c := range s.Counts {
		if c == s.Positions && m.Scale.Stances[k].HasScore {
			return k, true
		}
	}
	return 0, false
}

func unanimousFinding(m *Matrix, stats []IssueStats) string {
	type agreed struct{ issue, stance, n int }
	var all []agreed
	thin := 0 // issues where the only two parties with a position agree
	for _, s := range stats {
		if k, ok := unanimous(m, s); ok {
			if s.Positions < MinPositions {
				thin++
				continue
			}
			all = append(all, agreed{s.Issue, k, s.Positions})
		}
	}
	n := len(m.Parties)
	switch len(all) {
	case 0:
		if thin == 0 {
			return ""
		}
		return fmt.Sprintf("No issue is named agreed by all: where every party with a position takes the same stance (%s), only 2 of %d parties have one, and such a finding needs at least %d.",
			plural(thin, "issue", "issues"), n, MinPositions)
	case 1:
		a := all[0]
		if a.n == n {
			return fmt.Sprintf("All %d parties take the same stance on %s: %s.", a.n, m.Issues[a.issue].Name, m.Scale.Stances[a.stance].Label)
		}
		return fmt.Sprintf("All %d parties with a position on %s (%d of %d) take the same stance: %s.",
			a.n, m.Issues[a.issue].Name, a.n, n, m.Scale.Stances[a.stance].Label)
	}
	var items []string
	for _, a := range all[:min(3, len(all))] {
		items = append(items, fmt.Sprintf("%s (%s, %s)", m.Issues[a.issue].Name, m.Scale.Stances[a.stance].Label, partiesOf(a.n, n)))
	}
	if len(all) > 3 {
		items = append(items, fmt.Sprintf("%d more", len(all)-3))
	}
	return fmt.Sprintf("Every party with a position takes the same stance on %d issues: %s.", len(all), joinAnd(items))
}

func pairFindings(m *Matrix, ag [][]Pair) []string {
	maxShared, sharing := 0, 0
	for a := range ag {
		for b := a + 1; b < len(ag); b++ {
			if pr := ag[a][b]; pr.OK {
				maxShared = max(maxShared, pr.Shared)
				sharing++
			}
		}
	}
	if maxShared == 0 {
		return nil
	}
	n := len(m.Parties)
	pairs := n * (n - 1) / 2
	if maxShared < MinShared {
		return []string{fmt.Sprintf("No closest or furthest pair is named: no two parties share %d or more scored issues (%d of %d pairs share at least one, at most %s).",
			MinShared, sharing, pairs, plural(maxShared, "issue", "issues"))}
	}
	minShared := max(MinShared, (maxShared+1)/2)
	key := func(p Pair) float64 { return math.Round(p.Agreement * 1e9) }
	// A pair is chosen over the one held when its key is higher (for the
	// closest) or lower (for the furthest), or equal with more shared
	// issues; else the earlier pair in workbook order is kept. Each
	// pair's key is computed once, and the held pairs' keys are kept.
	var closest, furthest Pair
	var kc, kf float64 // their keys
	eligible := 0      // pairs sharing at least minShared issues
	for a := range ag {
		for _, pr := range ag[a][a+1:] {
			if !pr.OK || pr.Shared < minShared {
				continue
			}
			k := key(pr)
			if eligible == 0 || k > kc || k == kc && pr.Shared > closest.Shared {
				closest, kc = pr, k
			}
			if eligible == 0 || k < kf || k == kf && pr.Shared > furthest.Shared {
				furthest, kf = pr, k
			}
			eligible++
		}
	}
	among := fmt.Sprintf("%d of %d pairs share at least %s", eligible, pairs, plural(minShared, "scored issue", "scored issues"))
	say := func(p Pair, how string) string {
		return fmt.Sprintf("%s and %s agree %s: %s over %s (%s).", m.Parties[p.A].Name, m.Parties[p.B].Name, how,
			Percent(p.Agreement), plural(p.Shared, "shared issue", "shared issues"), among)
	}
	if eligible > 1 && key(closest) == key(furthest) {
		return []string{fmt.Sprintf("Every pair of parties sharing at least %s agrees %s (%d of %d pairs).",
			plural(minShared, "scored issue", "scored issues"), Percent(closest.Agreement), eligible, pairs)}
	}
	if eligible == 1 {
		p := closest
		return []string{fmt.Sprintf("%s and %s agree %s over %s (the only pair of %d sharing at least %s).", m.Parties[p.A].Name, m.Parties[p.B].Name,
			Percent(p.Agreement), plural(p.Shared, "shared issue", "shared issues"), pairs, plural(minShared, "scored issue", "scored issues"))}
	}
	return []string{say(closest, "most"), say(furthest, "least")}
}

// since returns "since 16 April 2025", or "since Matrix 2025-04-16" when the
// older date is unknown.
func since(ch *Changes) string {
	if !ch.OldDate.IsZero() {
		return "since " + ch.OldDate.Format("2 January 2006")
	}
	if ch.Old != "" {
		return "since " + ch.Old
	}
	return "since the earlier version"
}

func stanceName(label string) string {
	if label == "" {
		return "no recorded position"
	}
	return label
}

func moveFindings(m *Matrix, ch *Changes, room int) []string {
	if len(ch.Cells) == 0 {
		return []string{fmt.Sprintf("No position has changed %s (%s compared).", since(ch), plural(comparedCells(m, ch), "cell", "cells"))}
	}
	type move struct {
		c    CellChange
		rank int     // 0 along the axis, 1 other label change, 2 off the axis
		size float64 // distance moved, as a fraction of the scale's range
		at   int
	}
	moves := make([]move, len(ch.Cells))
	for k, c := range ch.Cells {
		mv := move{c: c, rank: 2, at: k}
		switch c.Direction {
		case TowardsSupport, TowardsOpposition:
			mv.rank = 0
			po, ok1 := position(m.Scale, c.Old)
			pn, ok2 := position(m.Scale, c.New)
			if ok1 && ok2 {
				mv.size = math.Abs(pn - po)
			}
		case Moved:
			mv.rank = 1
		}
		moves[k] = mv
	}
	sort.SliceStable(moves, func(x, y int) bool {
		a, b := moves[x], moves[y]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if ka, kb := math.Round(a.size*1e9), math.Round(b.size*1e9); ka != kb {
			return ka > kb
		}
		return a.at < b.at
	})
	// The count comes last, with the cells both versions have, whenever
	// there is room for it.
	show := min(2, len(moves), room)
	if show+1 > room {
		show = room - 1
	}
	var out []string
	for _, mv := range moves[:max(show, 0)] {
		out = append(out, fmt.Sprintf("%s moved from %s to %s on %s %s.", mv.c.Party,
			stanceName(mv.c.Old), stanceName(mv.c.New), mv.c.Issue, since(ch)))
	}
	if room > 0 {
		out = append(out, fmt.Sprintf("In all, %d of the %s both versions have changed %s.", len(moves),
			plural(comparedCells(m, ch), "cell", "cells"), since(ch)))
	}
	return out
}

// comparedCells returns the number of cells of m (the newer matrix) that the
// older version also has: issues and parties in both.
func comparedCells(m *Matrix, ch *Changes) int {
	return max(len(m.Issues)-len(ch.IssuesAdded), 0) * max(len(m.Parties)-len(ch.PartiesAdded), 0)
}
