package matrix

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// MaxFindings is the most sentences KeyFindings returns.
const MaxFindings = 6

// KeyFindings returns a handful of plain sentences about the matrix (and the
// changes, when ch is non-nil) for a briefing's first page, at most
// MaxFindings, in this order:
//
//   - the most contested issues: the (up to) two issues of lowest consensus
//     below 100%, with their consensus as a percentage;
//   - the issues where every party with a position takes the same scored
//     stance (at least two parties), up to three named;
//   - the closest and the furthest pair of parties by agreement, among the
//     pairs sharing at least half as many scored issues as the pair that
//     shares most (so that a pair agreeing on a single issue does not lead);
//     ties go to the pair sharing more issues, then to workbook order;
//   - with ch, the biggest moves: the (up to) two changed cells that moved
//     furthest on the scale (then other label changes, then changes from or
//     to no position, each in the order of ch.Cells), and the number of
//     changes in all when more changed than is shown; or that nothing moved.
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

func percent(x float64) string { return fmt.Sprintf("%d%%", int(math.Round(x*100))) }

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
	for _, s := range ranked {
		if len(top) == 2 || !s.HasConsensus || math.Round(s.Consensus*100) >= 100 {
			break
		}
		top = append(top, s)
	}
	switch len(top) {
	case 1:
		return fmt.Sprintf("The most contested issue is %s (%s agreement between parties).", m.Issues[top[0].Issue].Name, percent(top[0].Consensus))
	case 2:
		return fmt.Sprintf("The most contested issues are %s (%s agreement between parties) and %s (%s).",
			m.Issues[top[0].Issue].Name, percent(top[0].Consensus), m.Issues[top[1].Issue].Name, percent(top[1].Consensus))
	}
	return ""
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
	for _, s := range stats {
		if k, ok := unanimous(m, s); ok {
			all = append(all, agreed{s.Issue, k, s.Positions})
		}
	}
	switch len(all) {
	case 0:
		return ""
	case 1:
		a := all[0]
		who := fmt.Sprintf("All %d parties", a.n)
		if a.n == 2 {
			who = "Both parties"
		}
		return fmt.Sprintf("%s with a position on %s take the same stance: %s.",
			who, m.Issues[a.issue].Name, m.Scale.Stances[a.stance].Label)
	}
	var items []string
	for _, a := range all[:min(3, len(all))] {
		items = append(items, fmt.Sprintf("%s (%s)", m.Issues[a.issue].Name, m.Scale.Stances[a.stance].Label))
	}
	if len(all) > 3 {
		items = append(items, fmt.Sprintf("%d more", len(all)-3))
	}
	return fmt.Sprintf("Every party with a position takes the same stance on %d issues: %s.", len(all), joinAnd(items))
}

func pairFindings(m *Matrix, ag [][]Pair) []string {
	maxShared := 0
	for a := range ag {
		for b := a + 1; b < len(ag); b++ {
			if pr := ag[a][b]; pr.OK {
				maxShared = max(maxShared, pr.Shared)
			}
		}
	}
	if maxShared == 0 {
		return nil
	}
	minShared := (maxShared + 1) / 2
	key := func(p Pair) float64 { return math.Round(p.Agreement * 1e9) }
	// better reports whether p should be chosen over q when looking for the
	// highest (sign 1) or lowest (sign −1) agreement.
	better := func(p, q Pair, sign float64) bool {
		if kp, kq := key(p), key(q); kp != kq {
			return sign*kp > sign*kq
		}
		if p.Shared != q.Shared {
			return p.Shared > q.Shared
		}
		return false // keep the earlier pair in workbook order
	}
	var closest, furthest Pair
	eligible := 0 // pairs sharing at least minShared issues
	for a := range ag {
		for b := a + 1; b < len(ag); b++ {
			pr := ag[a][b]
			if !pr.OK || pr.Shared < minShared {
				continue
			}
			if eligible == 0 || better(pr, closest, 1) {
				closest = pr
			}
			if eligible == 0 || better(pr, furthest, -1) {
				furthest = pr
			}
			eligible++
		}
	}
	say := func(p Pair, how string) string {
		return fmt.Sprintf("%s and %s agree %s: %s over %s.", m.Parties[p.A].Name, m.Parties[p.B].Name, how,
			percent(p.Agreement), plural(p.Shared, "shared issue", "shared issues"))
	}
	if eligible > 1 && key(closest) == key(furthest) {
		return []string{fmt.Sprintf("Every pair of parties sharing at least %s agrees %s.",
			plural(minShared, "scored issue", "scored issues"), percent(closest.Agreement))}
	}
	if eligible == 1 {
		p := closest
		return []string{fmt.Sprintf("%s and %s agree %s over %s.", m.Parties[p.A].Name, m.Parties[p.B].Name,
			percent(p.Agreement), plural(p.Shared, "shared issue", "shared issues"))}
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
		return []string{fmt.Sprintf("No position has changed %s.", since(ch))}
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
	show := min(2, len(moves), room)
	summary := len(moves) > show
	if summary && show+1 > room {
		show = room - 1
	}
	var out []string
	for _, mv := range moves[:max(show, 0)] {
		out = append(out, fmt.Sprintf("%s moved from %s to %s on %s %s.", mv.c.Party,
			stanceName(mv.c.Old), stanceName(mv.c.New), mv.c.Issue, since(ch)))
	}
	if summary && room > 0 {
		out = append(out, fmt.Sprintf("In all, %s changed %s.", plural(len(moves), "position", "positions"), since(ch)))
	}
	return out
}
