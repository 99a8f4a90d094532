package matrix

import (
	"math"
	"sort"
)

// This file holds the numeric analysis of one matrix (issue 5): agreement
// between parties, figures per issue, and the party order by similarity.
// Every formula is documented in the README section "Analysis"; the sources
// are named next to each function.

// Pair is the agreement between two parties.
type Pair struct {
	A, B      int     // party indices
	Agreement float64 // in [0, 1]; meaningful only when OK
	Shared    int     // issues where both have a scored stance (issues of weight 0 excluded)
	OK        bool    // false when there is no shared issue ("no figure")
}

// scoreTable holds the scores of the matrix by party, looked up once, laid
// out for the agreement loop: for party p and issue i, score[p][i] is the
// score and mask[p][i] is 1 when p has a scored stance on i and the issue's
// weight is positive, else 0 (and score 0).
type scoreTable struct {
	score, mask [][]float64
	weight      []float64 // issue weights, 0 when not positive
	r           float64   // the scale's range; 0 when it has fewer than two scores
}

func newScoreTable(m *Matrix) scoreTable {
	t := scoreTable{score: make([][]float64, len(m.Parties)), mask: make([][]float64, len(m.Parties)),
		weight: make([]float64, len(m.Issues)), r: m.Scale.Range()}
	lookup := make(map[string]float64, len(m.Scale.Stances))
	for _, st := range m.Scale.Stances {
		if _, dup := lookup[st.Label]; st.HasScore && !dup && st.Label != "" {
			lookup[st.Label] = st.Score
		}
	}
	for i, is := range m.Issues {
		if is.Weight > 0 {
			t.weight[i] = is.Weight
		}
	}
	for p := range m.Parties {
		t.score[p] = make([]float64, len(m.Issues))
		t.mask[p] = make([]float64, len(m.Issues))
		for i := range m.Issues {
			if s, ok := lookup[cellAt(m, i, p).Stance]; ok && t.weight[i] > 0 {
				t.score[p][i], t.mask[p][i] = s, 1
			}
		}
	}
	return t
}

// closeness is the agreement of two scores on an axis of range r:
// 1 − |x − y| / r, and 1 when the axis has a single score.
func closeness(x, y, r float64) float64 {
	if r <= 0 {
		return 1
	}
	return 1 - math.Abs(x-y)/r
}

// pair computes Σ w (1 − |d|/R) / Σ w as 1 − (Σ w|d|) / (R Σ w), without
// branches in the loop over issues.
func (t scoreTable) pair(a, b int) Pair {
	pr := Pair{A: a, B: b}
	sa, sb, ma, mb := t.score[a], t.score[b], t.mask[a], t.mask[b]
	w := t.weight[:len(sa)]
	sb, ma, mb = sb[:len(sa)], ma[:len(sa)], mb[:len(sa)]
	// Two sets of sums, for even and odd issues, let the processor overlap
	// the additions.
	var wsum, dsum, shared, wsum2, dsum2, shared2 float64
	n := len(sa) &^ 1
	for i := 0; i < n; i += 2 {
		both, both2 := ma[i]*mb[i], ma[i+1]*mb[i+1]
		wi, wi2 := w[i]*both, w[i+1]*both2
		wsum += wi
		wsum2 += wi2
		dsum += wi * math.Abs(sa[i]-sb[i])
		dsum2 += wi2 * math.Abs(sa[i+1]-sb[i+1])
		shared += both
		shared2 += both2
	}
	if n < len(sa) {
		both := ma[n] * mb[n]
		wsum += w[n] * both
		dsum += w[n] * both * math.Abs(sa[n]-sb[n])
		shared += both
	}
	wsum, dsum, shared = wsum+wsum2, dsum+dsum2, shared+shared2
	pr.Shared = int(shared)
	if pr.Shared > 0 && wsum > 0 {
		pr.OK = true
		pr.Agreement = 1
		if t.r > 0 {
			pr.Agreement = clamp01(1 - dsum/(t.r*wsum))
		}
	}
	return pr
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// Agreement returns the agreement between parties a and b: over the issues
// where both have a scored stance, the mean of 1 − |score_a − score_b| / R,
// R being the scale's range (highest minus lowest score), each issue counted
// with its Weight. Issues of weight 0, blank cells and stances without a
// score (e.g. "Unclear") are left out. With no shared issue the result has
// OK false: there is no figure, which is not the same as 0.
//
// On a three-step scale (agree 1, neutral 0, disagree −1; R = 2) the per-issue
// term is 1, ½ or 0, i.e. the Wahl-O-Mat's 2, 1 or 0 points divided by the
// maximum of 2, and an issue of weight 2 counts twice as the Wahl-O-Mat
// counts a thesis marked important (Bundeszentrale für politische Bildung,
// "Wahl-O-Mat: Rechenmodell"). When every stance has the same score (R = 0),
// every shared issue counts as full agreement.
func Agreement(m *Matrix, a, b int) Pair {
	return newScoreTable(m).pair(a, b)
}

// AgreementMatrix returns Agreement for every pair, indexed [a][b]. It is
// symmetric: [a][b] and [b][a] hold the same figures with A and B swapped.
func AgreementMatrix(m *Matrix) [][]Pair {
	t := newScoreTable(m)
	n := len(m.Parties)
	out := make([][]Pair, n)
	for a := range out {
		out[a] = make([]Pair, n)
	}
	for a := 0; a < n; a++ {
		for b := a; b < n; b++ {
			pr := t.pair(a, b)
			out[a][b] = pr
			pr.A, pr.B = b, a
			out[b][a] = pr
		}
	}
	return out
}

// IssueStats are the figures for one issue.
type IssueStats struct {
	Issue     int   // issue index
	Positions int   // parties with any stance (including off-axis ones)
	Scored    int   // parties with a scored stance
	Counts    []int // parallel to m.Scale.Stances
	// Spread is the population standard deviation of the scored stances,
	// Range their max − min; both 0 with fewer than two scores. Both are
	// unweighted.
	Spread, Range float64
	// Consensus is the mean pairwise agreement on this issue, pairs weighted
	// by the product of party weights; meaningful when HasConsensus (at least
	// one pair of parties with scores and positive weights).
	Consensus    float64
	HasConsensus bool
	// Median is the weighted median score (party weights); meaningful when
	// HasMedian (at least one scored party of positive weight).
	Median    float64
	HasMedian bool
}

// IssueStatistics returns the figures for every issue, in issue order.
//
// Consensus on issue i is
//
//	Σ_{p<q} w_p·w_q·(1 − |s_p − s_q| / R) / Σ_{p<q} w_p·w_q
//
// over the pairs of distinct parties that both have a scored stance on i,
// w being party weights: the pairwise agreement of Agreement restricted to
// one issue, averaged over pairs. It is computed from the weight on each
// stance, in O(stances²) per issue.
//
// Median is the weighted median: the scores sorted from lowest to highest,
// the first score at which the cumulative party weight reaches half the
// total — the position of the "weighted median voter" (Black 1948), the
// starting point of weighted-power forecasts of negotiations (Bueno de
// Mesquita 1994).
func IssueStatistics(m *Matrix) []IssueStats {
	stances := m.Scale.Stances
	r := m.Scale.Range()
	out := make([]IssueStats, len(m.Issues))
	weight := make([]float64, len(stances)) // party weight per stance on one issue
	index := make(map[string]int, len(stances))
	for k, st := range stances {
		if _, dup := index[st.Label]; !dup {
			index[st.Label] = k
		}
	}
	for i := range m.Issues {
		s := IssueStats{Issue: i, Counts: make([]int, len(stances))}
		clear(weight)
		var row []Cell
		if i < len(m.Cells) {
			row = m.Cells[i]
		}
		for p := range m.Parties {
			if p >= len(row) || row[p].Blank() {
				continue
			}
			k, ok := index[row[p].Stance]
			if !ok {
				continue
			}
			s.Positions++
			s.Counts[k]++
			if w := m.Parties[p].Weight; w > 0 {
				weight[k] += w
			}
		}
		// Spread and range, unweighted, from the counts.
		var n, sum float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for k, st := range stances {
			if !st.HasScore || s.Counts[k] == 0 {
				continue
			}
			c := float64(s.Counts[k])
			s.Scored += s.Counts[k]
			n += c
			sum += c * st.Score
			lo, hi = math.Min(lo, st.Score), math.Max(hi, st.Score)
		}
		if s.Scored >= 2 {
			mean := sum / n
			var ss float64
			for k, st := range stances {
				if st.HasScore && s.Counts[k] > 0 {
					d := st.Score - mean
					ss += float64(s.Counts[k]) * d * d
				}
			}
			s.Spread = math.Sqrt(ss / n)
			s.Range = hi - lo
		}
		// Consensus: Σ_{p<q} w_p w_q = ((Σw)² − Σw²)/2 over parties; the
		// disagreement term only involves pairs on different stances.
		var tw, tw2 float64
		for p := range m.Parties {
			if p >= len(row) {
				continue
			}
			k, ok := index[row[p].Stance]
			if !ok || !stances[k].HasScore {
				continue
			}
			if w := m.Parties[p].Weight; w > 0 {
				tw += w
				tw2 += w * w
			}
		}
		pairs := (tw*tw - tw2) / 2
		if pairs > 1e-12*tw*tw && pairs > 0 {
			var dis float64 // Σ_{p<q} w_p w_q (1 − closeness)
			for k := range stances {
				if !stances[k].HasScore || weight[k] == 0 {
					continue
				}
				for l := k + 1; l < len(stances); l++ {
					if !stances[l].HasScore || weight[l] == 0 {
						continue
					}
					dis += weight[k] * weight[l] * (1 - closeness(stances[k].Score, stances[l].Score, r))
				}
			}
			s.Consensus = clamp01(1 - dis/pairs)
			s.HasConsensus = true
		}
		s.Median, s.HasMedian = weightedMedian(stances, weight, tw)
		out[i] = s
	}
	return out
}

// weightedMedian returns the first score, from lowest to highest, at which
// the cumulative weight reaches half of total.
func weightedMedian(stances []Stance, weight []float64, total float64) (float64, bool) {
	if !(total > 0) {
		return 0, false
	}
	order := make([]int, 0, len(stances))
	for k, st := range stances {
		if st.HasScore && weight[k] > 0 {
			order = append(order, k)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return stances[order[x]].Score < stances[order[y]].Score })
	var cum float64
	for _, k := range order {
		cum += weight[k]
		if cum >= total/2 {
			return stances[k].Score, true
		}
	}
	return stances[order[len(order)-1]].Score, true
}

// RankContested returns the issue statistics ordered from most contested to
// most agreed: lowest consensus first; issues without a consensus figure
// last; ties (consensus equal to nine decimals) in workbook order. The input
// is not changed.
func RankContested(stats []IssueStats) []IssueStats {
	out := append([]IssueStats(nil), stats...)
	key := func(s IssueStats) float64 { return math.Round(s.Consensus * 1e9) }
	sort.SliceStable(out, func(x, y int) bool {
		a, b := out[x], out[y]
		if a.HasConsensus != b.HasConsensus {
			return a.HasConsensus
		}
		if a.HasConsensus {
			if ka, kb := key(a), key(b); ka != kb {
				return ka < kb
			}
		}
		return a.Issue < b.Issue
	})
	return out
}

// MissingDistance is the distance SimilarityOrder assumes between two
// parties without a shared scored issue: halfway between full agreement and
// full disagreement, as nothing is known.
const MissingDistance = 0.5

// SimilarityOrder returns a permutation of party indices that puts parties
// that agree next to each other, so that blocs show in the matrix.
//
// It is agglomerative hierarchical clustering with average linkage (UPGMA,
// Sokal and Michener 1958) on the distance 1 − Agreement (MissingDistance
// when a pair has no figure). At each step the two closest clusters merge;
// the distance from the merged cluster to another is the size-weighted mean
// of the two distances (Lance and Williams 1967). The order is the leaves of
// the tree read left to right, where at each merge the cluster holding the
// party that comes first in the workbook goes left. Ties between equally
// close pairs go to the pair whose first parties come first in the
// workbook, so the result is deterministic. Parties without any scored
// stance (on an issue of positive weight) are not clustered: they come
// last, in workbook order. The naive algorithm takes
// O(n³) time and O(n²) memory for n parties (about 1.3 million comparisons
// for 200 parties), after the O(n²·issues) agreement matrix.
func SimilarityOrder(m *Matrix) []int {
	return similarityOrder(AgreementMatrix(m))
}

func similarityOrder(ag [][]Pair) []int {
	n := len(ag)
	if n == 0 {
		return []int{}
	}
	d := make([][]float64, n)
	for a := range d {
		d[a] = make([]float64, n)
		for b := range d[a] {
			if a == b {
				continue
			}
			if pr := ag[a][b]; pr.OK {
				d[a][b] = 1 - pr.Agreement
			} else {
				d[a][b] = MissingDistance
			}
		}
	}
	// Cluster slot a holds the cluster whose first party (in workbook
	// order) is a; leaves[a] lists its parties in leaf order. Parties
	// without any scored stance are left out and go last.
	leaves := make([][]int, n)
	var active, silent []int
	for a := range leaves {
		leaves[a] = []int{a}
		if ag[a][a].OK {
			active = append(active, a)
		} else {
			silent = append(silent, a)
		}
	}
	if len(active) == 0 {
		return silent
	}
	for len(active) > 1 {
		bx, by := 0, 1
		best := d[active[0]][active[1]]
		for x := 0; x < len(active); x++ {
			row := d[active[x]]
			for y := x + 1; y < len(active); y++ {
				if v := row[active[y]]; v < best {
					best, bx, by = v, x, y
				}
			}
		}
		a, b := active[bx], active[by] // a < b: a's first party comes first
		na, nb := float64(len(leaves[a])), float64(len(leaves[b]))
		for _, c := range active {
			if c == a || c == b {
				continue
			}
			v := (na*d[a][c] + nb*d[b][c]) / (na + nb)
			d[a][c], d[c][a] = v, v
		}
		leaves[a] = append(leaves[a], leaves[b]...)
		leaves[b] = nil
		active = append(active[:by], active[by+1:]...)
	}
	return append(leaves[active[0]], silent...)
}

// Analysis is everything the briefings show about one matrix, computed
// once.
type Analysis struct {
	Agreement [][]Pair     // AgreementMatrix
	Issues    []IssueStats // IssueStatistics, in issue order
	Contested []IssueStats // RankContested: most contested first
	Order     []int        // SimilarityOrder
	Findings  []string     // KeyFindings
}

// Analyze returns the agreement matrix, the issue figures and ranking, the
// similarity order and the key findings (with the changes ch, which may be
// nil), computing the agreement matrix only once.
func Analyze(m *Matrix, ch *Changes) *Analysis {
	a := &Analysis{Agreement: AgreementMatrix(m), Issues: IssueStatistics(m)}
	a.Contested = RankContested(a.Issues)
	a.Order = similarityOrder(a.Agreement)
	a.Findings = keyFindings(m, ch, a.Issues, a.Contested, a.Agreement)
	return a
}
