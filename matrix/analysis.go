package matrix

import (
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
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

// agreementTable holds the cells of some parties as bit sets, laid out for
// counting: the agreement of two parties comes from a few AND, XOR and
// population counts per 64 issues instead of arithmetic per issue.
//
// The scale's distinct scores v₀ < v₁ < … < v_T cut the axis at T
// thresholds; a score x is above threshold t when x ≥ v_{t+1}, and for any
// two scores |x − y| = Σ_t (v_{t+1} − v_t)·[x and y on different sides of t].
// Issues are grouped by weight (in order of first appearance), so that
// Σ w·|x − y| over shared issues is Σ_groups w Σ_t gap_t·count_t, every
// count an exact integer.
type agreementTable struct {
	r      float64   // the scale's range; 0 when it has fewer than two scores
	gaps   []float64 // v_{t+1} − v_t
	groups []weightGroup
	// rows[p] holds, group after group and 64 issues after 64 issues, a
	// block of 1 + T words: the mask (issues where p has a scored stance)
	// and then, threshold after threshold, the issues where p's score is
	// above the threshold; nil for parties not asked for. The words of
	// one block are read together, so a pair of rows is read once.
	rows [][]uint64
}

type weightGroup struct {
	w      float64
	issues []int // the group's issues, in workbook order
	words  int   // blocks of 64 issues
	offset int   // of the group's first word in a row
}

// usableWeight reports whether an issue weight counts: positive and finite.
func usableWeight(w float64) bool { return w > 0 && !math.IsInf(w, 1) }

// newAgreementTable returns the table of the parties asked for, their cells'
// stances taken from sc, or looked up when sc is nil.
func newAgreementTable(m *Matrix, parties []int, sc *stanceCodes) *agreementTable {
	t := &agreementTable{r: m.Scale.Range(), rows: make([][]uint64, len(m.Parties))}
	// Distinct scores and, per label, the thresholds its score is above.
	var vals []float64
	for _, st := range m.Scale.Stances {
		if st.HasScore && !slices.Contains(vals, st.Score) {
			vals = append(vals, st.Score)
		}
	}
	slices.Sort(vals)
	for k := 1; k < len(vals); k++ {
		t.gaps = append(t.gaps, vals[k]-vals[k-1])
	}
	// bitsOf[k+1] is how many words of a block stance k sets: 0 without a
	// score, else the mask and the thresholds its score is above;
	// bitsOf[0] is for a blank cell or a label not on the scale.
	labels := m.Scale.Labels()
	bitsOf := make([]int, 1+len(m.Scale.Stances))
	for k, st := range m.Scale.Stances {
		if st.HasScore && st.Label != "" {
			bitsOf[k+1] = 1 + slices.Index(vals, st.Score)
		}
	}
	// Issues into weight groups.
	stride := 1 + len(t.gaps)
	byWeight := map[float64]int{}
	for i, is := range m.Issues {
		if !usableWeight(is.Weight) {
			continue
		}
		g, ok := byWeight[is.Weight]
		if !ok {
			g = len(t.groups)
			byWeight[is.Weight] = g
			t.groups = append(t.groups, weightGroup{w: is.Weight})
		}
		t.groups[g].issues = append(t.groups[g].issues, i)
	}
	size := 0
	for g := range t.groups {
		t.groups[g].words = (len(t.groups[g].issues) + 63) / 64
		t.groups[g].offset = size
		size += t.groups[g].words * stride
	}
	var want []int
	for _, p := range parties {
		if t.rows[p] == nil {
			t.rows[p] = make([]uint64, size)
			want = append(want, p)
		}
	}
	// 64 issues at a time, party after party: the codes of 64 issues stay
	// in the cache while each party's block is built.
	build := func(parties []int) {
		var set [64]int // bitsOf each issue of a block
		for _, gr := range t.groups {
			for w := range gr.words {
				chunk := gr.issues[w*64 : min(w*64+64, len(gr.issues))]
				at := gr.offset + w*stride
				for _, p := range parties {
					for j, i := range chunk {
						k := -1
						if sc != nil {
							k = int(sc.issue(i)[p])
						} else if c := cellAt(m, i, p); c.Stance != "" {
							k = labelIndex(labels, c.Stance)
						}
						set[j] = bitsOf[k+1]
					}
					block := t.rows[p][at : at+stride : at+stride]
					if stride <= 8 {
						// Eight issues at a time: byte j of x holds
						// the words issue j sets (bits 0 … set[j]−1),
						// and its transpose holds in byte th the
						// issues that set word th.
						// (The shift counts are masked to 63, which
						// they never exceed, so that Go compiles the
						// shifts without a check for counts of 64 or
						// more.)
						clear(block)
						for lo := 0; lo < len(chunk); lo += 8 {
							var x uint64
							for j := lo; j < min(lo+8, len(chunk)); j++ {
								x |= lowBits[set[j]&15] << (8 * (j - lo) & 63)
							}
							x = transpose8(x)
							for th := range block {
								block[th] |= (x >> (8 * th & 63) & 0xff) << (lo & 63)
							}
						}
						continue
					}
					for th := range block {
						// Bit j is set when th < set[j], without a
						// branch on the (unpredictable) stances: the
						// sign bit of th − set[j].
						var word uint64
						for j := range chunk {
							word |= uint64(th-set[j]) >> 63 << (j & 63)
						}
						block[th] = word
					}
				}
			}
		}
	}
	// With the codes at hand and at most 8 words a block (scales of up
	// to 8 scores), 8 issues at a time, issue after issue along the
	// codes: byte j of acc[x] gets the words issue j sets for party x
	// (bits 0 … bitsOf−1), and the transpose of acc[x] holds in byte th
	// the issues that set word th.
	pat := make([]uint64, len(bitsOf))
	for k, b := range bitsOf {
		pat[k] = lowBits[b&15]
	}
	byIssue := func(parties []int) {
		acc := make([]uint64, len(parties))
		for _, gr := range t.groups {
			for lo := 0; lo < len(gr.issues); lo += 8 {
				clear(acc)
				for j, i := range gr.issues[lo:min(lo+8, len(gr.issues))] {
					codes := sc.issue(i)
					for x, p := range parties {
						acc[x] |= pat[int(codes[p])+1] << (8 * j & 63)
					}
				}
				at := gr.offset + lo/64*stride
				for x, p := range parties {
					y := transpose8(acc[x])
					block := t.rows[p][at : at+stride : at+stride]
					for th := range block {
						block[th] |= (y >> (8 * th & 63) & 0xff) << (lo % 64 & 63)
					}
				}
			}
		}
	}
	if sc != nil && stride <= 8 {
		build = byIssue
	}
	workers := min(runtime.GOMAXPROCS(0), max(len(want)/32, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { build(want[w*len(want)/workers : (w+1)*len(want)/workers]) })
	}
	wg.Wait()
	return t
}

// lowBits[b] has the b lowest bits set.
var lowBits = [16]uint64{0, 1, 3, 7, 15, 31, 63, 127, 255}

// transpose8 transposes the 8×8 bit matrix x, row i in byte i (bit 8i+j
// is row i, column j): bit 8i+j goes to bit 8j+i. It swaps the
// off-diagonal halves of the 2×2, then the 4×4, then the 8×8 blocks
// (Warren, Hacker's Delight, 2nd ed., section 7–3, transpose8rS64).
func transpose8(x uint64) uint64 {
	t := (x ^ x>>7) & 0x00AA00AA00AA00AA
	x ^= t ^ t<<7
	t = (x ^ x>>14) & 0x0000CCCC0000CCCC
	x ^= t ^ t<<14
	t = (x ^ x>>28) & 0x00000000F0F0F0F0
	return x ^ t ^ t<<28
}

// scratch returns the space pair needs, one per goroutine.
func (t *agreementTable) scratch() []int { return make([]int, 1+len(t.gaps)) }

// pair computes Σ w (1 − |d|/R) / Σ w as 1 − (Σ w|d|) / (R Σ w); count is
// t.scratch().
func (t *agreementTable) pair(a, b int, count []int) Pair {
	pr := Pair{A: a, B: b}
	ra, rb := t.rows[a], t.rows[b]
	stride := 1 + len(t.gaps)
	count = count[:stride] // per threshold th ≥ 1, the shared issues it separates
	var wsum, dsum float64
	for _, g := range t.groups {
		shared := 0
		clear(count)
		end := g.offset + g.words*stride
		if stride == 5 { // five scores, as the default scale: the loop below unrolled
			var c1, c2, c3, c4 int
			for o := g.offset; o < end; o += 5 {
				xa, xb := ra[o:o+5:o+5], rb[o:o+5:o+5]
				both := xa[0] & xb[0]
				shared += bits.OnesCount64(both)
				c1 += bits.OnesCount64((xa[1] ^ xb[1]) & both)
				c2 += bits.OnesCount64((xa[2] ^ xb[2]) & both)
				c3 += bits.OnesCount64((xa[3] ^ xb[3]) & both)
				c4 += bits.OnesCount64((xa[4] ^ xb[4]) & both)
			}
			count[1], count[2], count[3], count[4] = c1, c2, c3, c4
		} else {
			for o := g.offset; o < end; o += stride {
				xa, xb := ra[o:o+stride:o+stride], rb[o:o+stride:o+stride]
				both := xa[0] & xb[0]
				shared += bits.OnesCount64(both)
				for th := 1; th < stride; th++ {
					count[th] += bits.OnesCount64((xa[th] ^ xb[th]) & both)
				}
			}
		}
		if shared == 0 {
			continue
		}
		var d float64
		for th, gap := range t.gaps {
			d += gap * float64(count[1+th])
		}
		pr.Shared += shared
		wsum += g.w * float64(shared)
		dsum += g.w * d
	}
	if pr.Shared > 0 && wsum > 0 {
		pr.OK = true
		pr.Agreement = 1
		if t.r > 0 {
			pr.Agreement = clamp01(1 - dsum/(t.r*wsum))
		}
	}
	return pr
}

// closeness is the agreement of two scores on an axis of range r:
// 1 − |x − y| / r, and 1 when the axis has a single score.
func closeness(x, y, r float64) float64 {
	if r <= 0 {
		return 1
	}
	return 1 - math.Abs(x-y)/r
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// stanceCodes holds the stance of every cell as its index in the scale,
// looked up once for the agreement table, the issue figures and the
// category profiles instead of once by each.
type stanceCodes struct {
	n     int     // parties per issue
	codes []int16 // issue i, party p at i·n + p: −1 blank or not on the scale
}

// codesOf returns the stance codes of m: for each cell, the index of the
// first stance of m.Scale with the cell's label, or −1. The matrix's own
// codes are remapped through its table of stance strings, looked up in the
// scale once per string rather than once per cell.
func codesOf(m *Matrix) stanceCodes {
	n := len(m.Parties)
	labels := m.Scale.Labels()
	s := &m.cells
	remap := make([]int16, len(s.labels))
	for k, l := range s.labels {
		remap[k] = -1
		if l != "" {
			remap[k] = int16(labelIndex(labels, l))
		}
	}
	c := stanceCodes{n: n, codes: make([]int16, len(m.Issues)*n)}
	w := min(n, s.stride)
	for i := range m.Issues {
		out := c.codes[i*n : (i+1)*n]
		k := 0
		if lo, hi := i*s.stride, i*s.stride+w; i < s.rows && s.wide != nil {
			k = remapCodes(out, s.wide[lo:hi], remap)
		} else if i < s.rows {
			k = remapCodes(out, s.narrow[lo:hi], remap)
		}
		for ; k < n; k++ {
			out[k] = -1
		}
	}
	return c
}

// remapCodes sets out[k] to remap[src[k]] for each of the cell store's
// codes src, one or two bytes each, and returns len(src).
func remapCodes[T uint8 | uint16](out []int16, src []T, remap []int16) int {
	for k, code := range src {
		out[k] = remap[code]
	}
	return len(src)
}

// labelIndex returns the index of the first of labels equal to s, or −1.
// A scale has a handful of labels, and the cells share the scale's label
// strings, so a search in order beats a map.
func labelIndex(labels []string, s string) int {
	for k, l := range labels {
		if len(l) == len(s) && l == s {
			return k
		}
	}
	return -1
}

// issue returns the codes of issue i, one per party.
func (c stanceCodes) issue(i int) []int16 { return c.codes[i*c.n : (i+1)*c.n] }

// Agreement returns the agreement between parties a and b: over the issues
// where both have a scored stance, the mean of 1 − |score_a − score_b| / R,
// R being the scale's range (highest minus lowest score), each issue counted
// with its Weight. Issues of weight 0 (or not a positive finite number),
// blank cells and stances without a score (e.g. "Unclear") are left out.
// With no shared issue the result has OK false: there is no figure, which
// is not the same as 0. This is Gower's general similarity coefficient for
// quantitative characters with weights, missing values left out (Gower
// 1971).
//
// On a three-step scale (agree 1, neutral 0, disagree −1; R = 2) the per-issue
// term is 1, ½ or 0, i.e. the Wahl-O-Mat's 2, 1 or 0 points divided by the
// maximum of 2, and an issue of weight 2 counts twice as the Wahl-O-Mat
// counts a thesis marked important (Bundeszentrale für politische Bildung,
// "Wahl-O-Mat: Rechenmodell"). When every stance has the same score (R = 0),
// every shared issue counts as full agreement.
func Agreement(m *Matrix, a, b int) Pair {
	t := newAgreementTable(m, []int{a, b}, nil)
	return t.pair(a, b, t.scratch())
}

// AgreementMatrix returns Agreement for every pair, indexed [a][b]. It is
// symmetric: [a][b] and [b][a] hold the same figures with A and B swapped.
func AgreementMatrix(m *Matrix) [][]Pair {
	sc := codesOf(m)
	return agreementMatrix(m, &sc)
}

func agreementMatrix(m *Matrix, sc *stanceCodes) [][]Pair {
	n := len(m.Parties)
	t := newAgreementTable(m, everything(n), sc)
	out := make([][]Pair, n)
	all := make([]Pair, n*n)
	for a := range out {
		out[a] = all[a*n : (a+1)*n : (a+1)*n]
	}
	// Row a and its mirror column are one worker's; rows go to the
	// workers in turn, so that the long first rows and the short last
	// ones are shared out.
	workers := min(runtime.GOMAXPROCS(0), max(n/32, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			count := t.scratch()
			for a := w; a < n; a += workers {
				for b := a; b < n; b++ {
					pr := t.pair(a, b, count)
					out[a][b] = pr
					pr.A, pr.B = b, a
					out[b][a] = pr
				}
			}
		})
	}
	wg.Wait()
	return out
}

// IssueStats are the figures for one issue.
type IssueStats struct {
	Issue     int   // issue index
	Positions int   // parties with any stance (including off-axis ones)
	Scored    int   // parties with a scored stance
	Counts    []int // parallel to m.Scale.Stances
	// Weights is the total Weight of the parties on each stance, parallel
	// to Counts; parties whose weight is not a positive finite number are
	// left out, so that Counts[k] > 0 with Weights[k] == 0 is possible.
	Weights []float64
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
// one issue, averaged over pairs; equivalently 1 − G/R, G being the
// (weighted) Gini mean difference of the scores (Gini 1912). It is computed
// from the weight on each stance, in O(stances²) per issue.
//
// Median is the weighted median: the scores sorted from lowest to highest,
// the first score at which the cumulative party weight reaches half the
// total — the position of the "weighted median voter" (Black 1948), the
// starting point of weighted-power forecasts of negotiations (Bueno de
// Mesquita 1994).
func IssueStatistics(m *Matrix) []IssueStats {
	sc := codesOf(m)
	return issueStatistics(m, &sc)
}

func issueStatistics(m *Matrix, sc *stanceCodes) []IssueStats {
	stances := m.Scale.Stances
	ns := len(stances)
	r := m.Scale.Range()
	out := make([]IssueStats, len(m.Issues))
	// One backing array each for every issue's counts and weights.
	counts := make([]int, len(m.Issues)*ns)
	weights := make([]float64, len(m.Issues)*ns)
	pw := make([]float64, len(m.Parties)) // usable party weights, else 0
	for p, pt := range m.Parties {
		if usableWeight(pt.Weight) {
			pw[p] = pt.Weight
		}
	}
	// The scored stances from lowest to highest score (stable), for the
	// weighted median.
	var byScore []int
	for k, st := range stances {
		if st.HasScore {
			byScore = append(byScore, k)
		}
	}
	slices.SortStableFunc(byScore, func(x, y int) int {
		switch a, b := stances[x].Score, stances[y].Score; {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	// Per stance code + 1 (0 for a blank cell): the count and weight on
	// this issue, and 1 for a scored stance, 0 else. The loop over the
	// parties then has no branch on the (unpredictable) stances: a blank
	// cell counts in slot 0, which is dropped, and a party adds +0 where
	// it does not count, which leaves every sum's bits as they were.
	cnt := make([]int, ns+1)
	wt := make([]float64, ns+1)
	on := make([]float64, ns+1)
	for k, st := range stances {
		if st.HasScore {
			on[k+1] = 1
		}
	}
	for i := range m.Issues {
		s := IssueStats{Issue: i,
			Counts:  counts[i*ns : (i+1)*ns : (i+1)*ns],
			Weights: weights[i*ns : (i+1)*ns : (i+1)*ns]}
		weight := s.Weights // party weight per stance on this issue
		// Consensus needs Σ_{p<q} w_p w_q = ((Σw)² − Σw²)/2 over the
		// scored parties of positive weight; the sums are in party order,
		// as the figures have always been computed.
		var tw, tw2 float64
		clear(cnt)
		clear(wt)
		for p, k := range sc.issue(i) {
			k1 := int(k) + 1
			cnt[k1]++
			wt[k1] += pw[p]
			x := pw[p] * on[k1] // pw[p] ≥ 0
			tw += x
			tw2 += x * x
		}
		copy(s.Counts, cnt[1:])
		copy(weight, wt[1:])
		// Spread and range, unweighted, from the counts.
		var n, sum float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for k, st := range stances {
			s.Positions += s.Counts[k]
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
		// Consensus: the disagreement term only involves pairs on
		// different stances.
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
		s.Median, s.HasMedian = weightedMedian(stances, byScore, weight, tw)
		out[i] = s
	}
	return out
}

// weightedMedian returns the first score, from lowest to highest, at which
// the cumulative weight reaches half of total; byScore lists the scored
// stances from lowest to highest score.
func weightedMedian(stances []Stance, byScore []int, weight []float64, total float64) (float64, bool) {
	if !(total > 0) {
		return 0, false
	}
	var cum float64
	last := -1
	for _, k := range byScore {
		if weight[k] <= 0 {
			continue
		}
		last = k
		cum += weight[k]
		if cum >= total/2 {
			return stances[k].Score, true
		}
	}
	return stances[last].Score, true
}

// RankContested returns the issue statistics ordered from most contested to
// most agreed: lowest consensus first; issues without a consensus figure
// last; ties (consensus equal to nine decimals) in workbook order. The input
// is not changed.
func RankContested(stats []IssueStats) []IssueStats {
	out := make([]IssueStats, len(stats))
	if keys, ok := packedContested(stats); ok {
		slices.Sort(keys)
		for x, k := range keys {
			out[x] = stats[k&(1<<32-1)]
		}
		return out
	}
	// Sort positions with their keys rather than the figures themselves.
	type entry struct {
		key   float64 // consensus to nine decimals; +Inf without one
		issue int
		at    int // in stats
	}
	es := make([]entry, len(stats))
	for x, s := range stats {
		es[x] = entry{math.Inf(1), s.Issue, x}
		if s.HasConsensus {
			es[x].key = math.Round(s.Consensus * 1e9)
		}
	}
	// Ties broken by position too: a total order, sorted as a stable
	// sort would.
	slices.SortFunc(es, func(a, b entry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		if a.issue != b.issue {
			return a.issue - b.issue
		}
		return a.at - b.at
	})
	for x, e := range es {
		out[x] = stats[e.at]
	}
	return out
}

// packedContested returns, for the usual input of RankContested (each
// issue's figures at its own index, as IssueStatistics returns them, and
// every consensus in [0, 1]), one uint64 per issue that sorts as
// RankContested orders: the key (consensus to nine decimals, at most 10⁹;
// 2³¹ without a consensus) in the high 32 bits, the index in the low 32.
// Issue and position are then the same tie-break, and sorting plain
// integers takes a fraction of the time of sorting with a comparison
// function (a sixth, for 6,000 issues). It reports false for any other
// input, which the general sort handles.
func packedContested(stats []IssueStats) ([]uint64, bool) {
	if uint64(len(stats)) >= 1<<31 {
		return nil, false
	}
	keys := make([]uint64, len(stats))
	for x, s := range stats {
		if s.Issue != x {
			return nil, false
		}
		key := uint64(1) << 31
		if s.HasConsensus {
			k := math.Round(s.Consensus * 1e9)
			if !(k >= 0 && k <= 1e9) { // NaN too
				return nil, false
			}
			key = uint64(k)
		}
		keys[x] = key<<32 | uint64(x)
	}
	return keys, true
}

// SimilarityOrder returns a permutation of party indices that puts parties
// that agree next to each other, so that blocs show in the matrix.
//
// It is the leaf order of agglomerative hierarchical clustering with
// average linkage (UPGMA, Sokal and Michener 1958) on the distance
// 1 − Agreement, counting only pairs that share at least MinShared scored
// issues (see cluster for the rules and tie-breaks): parties that can be
// joined through such pairs come together, other groups side by side in
// the order of their first parties, and parties without any scored stance
// (on an issue of positive weight) last, in matrix order. The naive
// algorithm takes O(n³) time and O(n²) memory for n parties (about 1.3
// million comparisons for 200 parties), after the O(n²·issues) agreement
// matrix.
func SimilarityOrder(m *Matrix) []int {
	ag := AgreementMatrix(m)
	return cluster(distances(ag), scoredParties(ag), BlocAgreement).order
}

// Analysis is everything the briefings show about one matrix, computed
// once: the outputs (PDF, XLSX, JSON, Markdown, the analyze command) use
// no analysis figure beyond these fields, so one Analysis of each document
// (after selection, reordering or splitting) can be handed to all of them.
// Each field equals what the function named beside it returns for the
// matrix; Order is a permutation of its parties.
type Analysis struct {
	Agreement [][]Pair     // AgreementMatrix
	Issues    []IssueStats // IssueStatistics, in issue order
	Contested []IssueStats // RankContested: most contested first
	Order     []int        // SimilarityOrder
	Findings  []string     // KeyFindings
	Map       PartyMap     // MapParties
	Blocs     Blocs        // FindBlocs
	// Categories are the parties' mean scores per issue category
	// (ProfileCategories).
	Categories CategoryProfiles
}

// Analyze returns the agreement matrix, the issue figures and ranking, the
// similarity order, the key findings (with the changes ch, which may be
// nil), the party map, the blocs and the category profiles, computing the agreement matrix and the
// clustering only once.
func Analyze(m *Matrix, ch *Changes) *Analysis {
	sc := codesOf(m)
	return analyze(m, &sc, ch)
}

// analyze is Analyze on the stance codes sc of m.
func analyze(m *Matrix, sc *stanceCodes, ch *Changes) *Analysis {
	a := &Analysis{}
	// The figures per issue and the profiles by category need nothing of
	// the agreement matrix, the map and the blocs: on a machine with more
	// than one core they are computed beside them, as the map is beside
	// the clustering. Each part writes its own fields, so the result is
	// the same either way.
	var wg sync.WaitGroup
	wg.Go(func() {
		a.Issues = issueStatistics(m, sc)
		a.Contested = RankContested(a.Issues)
		a.Categories = profileCategories(m, sc)
	})
	a.Agreement = agreementMatrix(m, sc)
	d := distances(a.Agreement)
	// The map and the clustering only read the distances.
	wg.Go(func() { a.Map = partyMap(m, a.Agreement, d) })
	t := cluster(d, scoredParties(a.Agreement), BlocAgreement)
	a.Order = t.order
	a.Blocs = blocsOf(m, t)
	wg.Wait()
	a.Findings = keyFindings(m, ch, a.Issues, a.Contested, a.Agreement)
	return a
}
