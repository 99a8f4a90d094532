package matrix_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// build returns a matrix with the given scale, parties and issues; rows[i][p]
// is the stance label of issue i and party p ("" for blank).
func anBuild(scale matrix.Scale, parties []matrix.Party, issues []matrix.Issue, rows [][]string) *matrix.Matrix {
	m := &matrix.Matrix{Source: "test.xlsx", Scale: scale, Parties: parties, Issues: issues}
	m.InitCells()
	for i := range issues {
		for p := range parties {
			m.SetCell(i, p, matrix.Cell{Stance: rows[i][p]})
		}
	}
	return m
}

func anParties(names ...string) []matrix.Party {
	out := make([]matrix.Party, len(names))
	for i, n := range names {
		out[i] = matrix.Party{Name: n, Weight: 1}
	}
	return out
}

func anIssues(names ...string) []matrix.Issue {
	out := make([]matrix.Issue, len(names))
	for i, n := range names {
		out[i] = matrix.Issue{Name: n, Weight: 1}
	}
	return out
}

const anEps = 1e-12

func anNear(a, b float64) bool { return math.Abs(a-b) < anEps }

// Short names for the default scale's labels, with their scores.
const (
	anS  = "Supports"      // 2
	anLS = "Leans support" // 1
	anC  = "Conditional"   // 0
	anLO = "Leans oppose"  // -1
	anO  = "Opposes"       // -2
	anU  = "Unclear"       // no score
)

// fixture is the hand-worked matrix of the agreement, statistics and
// similarity tests. Default scale: scores 2 … −2, range R = 4.
//
//	issue (weight)  A (w1)   B (w2)   C (w1)   D (w3)
//	I1 (1)          S  2     S  2     O −2     .
//	I2 (1)          LS 1     O −2     U        .
//	I3 (2)          C  0     LO −1    .        .
//	I4 (1)          .        S  2     S  2     .
//	I5 (0)          S  2     O −2     S  2     .
//	I6 (1)          .        .        .        .
//	I7 (1)          LS 1     O −2     .        .
//
// D has no position at all; I5 has weight 0 (left out of agreement, not of
// issue statistics); I6 is blank; C's Unclear on I2 is off the axis.
func anFixture() *matrix.Matrix {
	ps := anParties("A", "B", "C", "D")
	ps[1].Weight, ps[3].Weight = 2, 3
	is := anIssues("I1", "I2", "I3", "I4", "I5", "I6", "I7")
	is[2].Weight, is[4].Weight = 2, 0
	return anBuild(matrix.DefaultScale(), ps, is, [][]string{
		{anS, anS, anO, ""},
		{anLS, anO, anU, ""},
		{anC, anLO, "", ""},
		{"", anS, anS, ""},
		{anS, anO, anS, ""},
		{"", "", "", ""},
		{anLS, anO, "", ""},
	})
}

func TestAgreement(t *testing.T) {
	m := anFixture()
	tests := []struct {
		name   string
		a, b   int
		want   float64
		shared int
		ok     bool
	}{
		// A–B: I1 |2−2|=0 → 1; I2 |1+2|=3 → 1−3/4 = .25; I3 |0+1|=1 → .75
		// at weight 2; I4 A blank; I5 weight 0; I7 as I2 → .25.
		// (1 + .25 + 2·.75 + .25) / (1+1+2+1) = 3 / 5 = .6 over 4 issues.
		{"weighted", 0, 1, 0.6, 4, true},
		{"symmetric", 1, 0, 0.6, 4, true},
		// A–C: I1 |2+2|=4 → 0; I2 C is Unclear (off the axis); I5 weight 0.
		{"off-axis and zero weight left out", 0, 2, 0, 1, true},
		// B–C: I1 → 0, I4 → 1: (0+1)/2 = .5.
		{"half", 1, 2, 0.5, 2, true},
		// D has no position: no figure, not 0.
		{"party without positions", 0, 3, 0, 0, false},
		{"itself without positions", 3, 3, 0, 0, false},
		// A with itself: I1, I2, I3, I7 all agree fully.
		{"itself", 0, 0, 1, 4, true},
		// B with itself: I1, I2, I3, I4, I7.
		{"itself B", 1, 1, 1, 5, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matrix.Agreement(m, tc.a, tc.b)
			if got.A != tc.a || got.B != tc.b || got.OK != tc.ok || got.Shared != tc.shared || !anNear(got.Agreement, tc.want) {
				t.Errorf("Agreement(%d, %d) = %+v, want agreement %v shared %d ok %v", tc.a, tc.b, got, tc.want, tc.shared, tc.ok)
			}
		})
	}
}

func TestAgreementMatrix(t *testing.T) {
	m := anFixture()
	am := matrix.AgreementMatrix(m)
	if len(am) != 4 {
		t.Fatalf("got %d rows, want 4", len(am))
	}
	for a := range am {
		for b := range am[a] {
			if got, want := am[a][b], matrix.Agreement(m, a, b); got != want {
				t.Errorf("AgreementMatrix[%d][%d] = %+v, Agreement gives %+v", a, b, got, want)
			}
		}
	}
}

// threePoint is the Wahl-O-Mat's scale: agree, neutral, disagree.
func anThreePoint() matrix.Scale {
	return matrix.Scale{Stances: []matrix.Stance{
		{Label: "Agree", Score: 1, HasScore: true},
		{Label: "Neutral", Score: 0, HasScore: true},
		{Label: "Disagree", Score: -1, HasScore: true},
	}}
}

// wahlOMat scores a party against a voter by the Wahl-O-Mat's rule: 2
// points for the same answer, 1 when one of the two is neutral and the other
// not, 0 for opposite answers; a thesis marked important counts twice;
// skipped theses are left out. The result is points / maximum points.
func anWahlOMat(voter, party []string, important []bool) (float64, bool) {
	var pts, maxPts float64
	for i := range voter {
		if voter[i] == "" || party[i] == "" {
			continue
		}
		p := 0.0
		switch {
		case voter[i] == party[i]:
			p = 2
		case voter[i] == "Neutral" || party[i] == "Neutral":
			p = 1
		}
		w := 1.0
		if important[i] {
			w = 2
		}
		pts += w * p
		maxPts += w * 2
	}
	return pts / maxPts, maxPts > 0
}

func TestAgreementIsWahlOMat(t *testing.T) {
	labels := []string{"Agree", "Neutral", "Disagree", ""}
	// A worked example first: theses 1–4, thesis 2 marked important.
	//   voter:  Agree    Neutral   Agree     Disagree
	//   party:  Agree    Disagree  Disagree  (skipped)
	//   points: 2        1 (×2)    0         —
	// 2 + 2 + 0 = 4 of 2 + 4 + 2 = 8 → 50%. Agreement: 1·1 + 2·(1 − 1/2) +
	// 1·(1 − 2/2) = 2 over weights 4 → 50%.
	cases := []struct {
		voter, party []string
		important    []bool
	}{{
		voter:     []string{"Agree", "Neutral", "Agree", "Disagree"},
		party:     []string{"Agree", "Disagree", "Disagree", ""},
		important: []bool{false, true, false, false},
	}}
	// Then every combination of answers on three theses, with each thesis
	// important or not.
	for code := 0; code < 4*4*4*4*4*4; code++ {
		c := code
		v, p := make([]string, 3), make([]string, 3)
		for i := 0; i < 3; i++ {
			v[i], c = labels[c%4], c/4
			p[i], c = labels[c%4], c/4
		}
		for imp := 0; imp < 8; imp++ {
			cases = append(cases, struct {
				voter, party []string
				important    []bool
			}{v, p, []bool{imp&1 != 0, imp&2 != 0, imp&4 != 0}})
		}
	}
	for n, tc := range cases {
		is := anIssues(make([]string, len(tc.voter))...)
		for i := range is {
			is[i].Name = string(rune('a' + i))
			if tc.important[i] {
				is[i].Weight = 2
			}
		}
		rows := make([][]string, len(tc.voter))
		for i := range rows {
			rows[i] = []string{tc.voter[i], tc.party[i]}
		}
		m := anBuild(anThreePoint(), anParties("Voter", "Party"), is, rows)
		got := matrix.Agreement(m, 0, 1)
		want, ok := anWahlOMat(tc.voter, tc.party, tc.important)
		if got.OK != ok || (ok && !anNear(got.Agreement, want)) {
			t.Fatalf("case %d: voter %q party %q important %v: agreement %+v, Wahl-O-Mat %v (ok %v)", n, tc.voter, tc.party, tc.important, got, want, ok)
		}
		if n == 0 && !anNear(got.Agreement, 0.5) {
			t.Fatalf("worked example: agreement %v, want 0.5", got.Agreement)
		}
	}
}

func TestAgreementSingleScoreScale(t *testing.T) {
	// A scale with one scored label has range 0: every shared issue is full
	// agreement.
	sc := matrix.Scale{Stances: []matrix.Stance{{Label: "Yes", Score: 1, HasScore: true}, {Label: "Unclear"}}}
	m := anBuild(sc, anParties("A", "B"), anIssues("I1", "I2"), [][]string{{"Yes", "Yes"}, {"Yes", "Unclear"}})
	got := matrix.Agreement(m, 0, 1)
	if !got.OK || got.Shared != 1 || got.Agreement != 1 {
		t.Errorf("got %+v, want agreement 1 over 1 shared issue", got)
	}
}

func TestIssueStatistics(t *testing.T) {
	m := anFixture()
	// Counts are parallel to the default scale: S, LS, C, LO, O, U.
	want := []matrix.IssueStats{
		// I1: scores 2, 2, −2; mean 2/3; deviations 4/3, 4/3, −8/3;
		// variance (16+16+64)/9/3 = 32/9; SD = √32/3; range 4.
		// Pairs (weight, agreement): A–B (1·2, 1), A–C (1·1, 0), B–C
		// (2·1, 0): consensus 2/5 = .4.
		// Median: −2 (C, 1), 2 (A, 1), 2 (B, 2); total 4, half 2; the
		// cumulative weight is 1 at −2 and reaches 2 at A's 2 → 2.
		{Issue: 0, Positions: 3, Scored: 3, Counts: []int{2, 0, 0, 0, 1, 0}, Weights: []float64{3, 0, 0, 0, 1, 0},
			Spread: math.Sqrt(32) / 3, Range: 4, Consensus: 0.4, HasConsensus: true, Median: 2, HasMedian: true},
		// I2: C is Unclear: a position, not a score. Scores 1, −2: mean
		// −.5, SD 1.5, range 3. One pair A–B (weight 2), 1 − 3/4 = .25.
		// Median: −2 (B, 2), 1 (A, 1); half of 3 is 1.5, reached at −2.
		{Issue: 1, Positions: 3, Scored: 2, Counts: []int{0, 1, 0, 0, 1, 1}, Weights: []float64{0, 1, 0, 0, 2, 1},
			Spread: 1.5, Range: 3, Consensus: 0.25, HasConsensus: true, Median: -2, HasMedian: true},
		// I3: scores 0, −1: SD .5, range 1; A–B 1 − 1/4 = .75. Median:
		// −1 (B, 2) reaches 1.5 → −1. (Issue weight plays no part here.)
		{Issue: 2, Positions: 2, Scored: 2, Counts: []int{0, 0, 1, 1, 0, 0}, Weights: []float64{0, 0, 1, 2, 0, 0},
			Spread: 0.5, Range: 1, Consensus: 0.75, HasConsensus: true, Median: -1, HasMedian: true},
		// I4: B and C both 2: SD 0, range 0, consensus 1, median 2.
		{Issue: 3, Positions: 2, Scored: 2, Counts: []int{2, 0, 0, 0, 0, 0}, Weights: []float64{3, 0, 0, 0, 0, 0},
			Spread: 0, Range: 0, Consensus: 1, HasConsensus: true, Median: 2, HasMedian: true},
		// I5 (issue weight 0, still described): scores 2, −2, 2 as I1.
		// Pairs A–B (2, 0), A–C (1, 1), B–C (2, 0): 1/5 = .2. Median: −2
		// (B, 2) already reaches half of 4 → −2, the first such score.
		{Issue: 4, Positions: 3, Scored: 3, Counts: []int{2, 0, 0, 0, 1, 0}, Weights: []float64{2, 0, 0, 0, 2, 0},
			Spread: math.Sqrt(32) / 3, Range: 4, Consensus: 0.2, HasConsensus: true, Median: -2, HasMedian: true},
		// I6: nobody: no consensus, no median.
		{Issue: 5, Positions: 0, Scored: 0, Counts: []int{0, 0, 0, 0, 0, 0}, Weights: []float64{0, 0, 0, 0, 0, 0}},
		// I7: as I2 without C's Unclear.
		{Issue: 6, Positions: 2, Scored: 2, Counts: []int{0, 1, 0, 0, 1, 0}, Weights: []float64{0, 1, 0, 0, 2, 0},
			Spread: 1.5, Range: 3, Consensus: 0.25, HasConsensus: true, Median: -2, HasMedian: true},
	}
	got := matrix.IssueStatistics(m)
	if len(got) != len(want) {
		t.Fatalf("got %d issues, want %d", len(got), len(want))
	}
	for i, w := range want {
		t.Run(m.Issues[i].Name, func(t *testing.T) {
			g := got[i]
			if g.Issue != w.Issue || g.Positions != w.Positions || g.Scored != w.Scored || !slices.Equal(g.Counts, w.Counts) || !slices.Equal(g.Weights, w.Weights) ||
				!anNear(g.Spread, w.Spread) || !anNear(g.Range, w.Range) || g.HasConsensus != w.HasConsensus || !anNear(g.Consensus, w.Consensus) ||
				g.HasMedian != w.HasMedian || !anNear(g.Median, w.Median) {
				t.Errorf("got  %+v\nwant %+v", g, w)
			}
		})
	}
}

func TestIssueStatisticsWeights(t *testing.T) {
	tests := []struct {
		name         string
		weights      []float64
		row          []string
		consensus    float64
		hasConsensus bool
		median       float64
		hasMedian    bool
	}{
		// Scores 2, 0, −2; weights 1, 1, 1. Pairs: (2,0) .5, (2,−2) 0,
		// (0,−2) .5: 1/3. Median: −2 (1), 0 (2) reaches 1.5 → 0.
		{"equal weights", []float64{1, 1, 1}, []string{anS, anC, anO}, 1.0 / 3, true, 0, true},
		// Weights 1, 1, 4: pairs (2,0) 1·1·.5, (2,−2) 1·4·0, (0,−2) 1·4·.5:
		// (.5 + 2) / (1 + 4 + 4) = 2.5/9. Median: −2 (4) reaches 3 → −2.
		{"heavy opponent", []float64{1, 1, 4}, []string{anS, anC, anO}, 2.5 / 9, true, -2, true},
		// Weight 0 leaves a party out of consensus and median: only (2, 0).
		{"zero weight", []float64{1, 1, 0}, []string{anS, anC, anO}, 0.5, true, 0, true},
		// One weighted party: no pair, but a median.
		{"single weighted party", []float64{0, 0, 2}, []string{anS, anC, anO}, 0, false, -2, true},
		// Even split: weights 1, 1 on 2 and −2; half of 2 is 1, reached at
		// −2 (the lower median).
		{"tie at half", []float64{1, 1, 0}, []string{anS, anO, ""}, 0, true, -2, true},
		// Only off-axis stances: no figures.
		{"only unclear", []float64{1, 1, 1}, []string{anU, anU, ""}, 0, false, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := anParties("A", "B", "C")
			for p := range ps {
				ps[p].Weight = tc.weights[p]
			}
			m := anBuild(matrix.DefaultScale(), ps, anIssues("I"), [][]string{tc.row})
			s := matrix.IssueStatistics(m)[0]
			if s.HasConsensus != tc.hasConsensus || !anNear(s.Consensus, tc.consensus) || s.HasMedian != tc.hasMedian || !anNear(s.Median, tc.median) {
				t.Errorf("got consensus %v (%v), median %v (%v); want %v (%v), %v (%v)",
					s.Consensus, s.HasConsensus, s.Median, s.HasMedian, tc.consensus, tc.hasConsensus, tc.median, tc.hasMedian)
			}
		})
	}
}

// TestIssueStatisticsStanceWeights checks the party weight on each stance:
// off-axis stances carry weight too, and parties whose weight is not a
// positive finite number count but weigh nothing.
func TestIssueStatisticsStanceWeights(t *testing.T) {
	tests := []struct {
		name    string
		weights []float64
		row     []string
		counts  []int     // S, LS, C, LO, O, U
		want    []float64 // likewise
	}{
		{"equal", []float64{1, 1, 1, 1}, []string{anS, anS, anO, ""}, []int{2, 0, 0, 0, 1, 0}, []float64{2, 0, 0, 0, 1, 0}},
		{"differing", []float64{0.5, 3, 2, 1}, []string{anS, anLS, anS, anO}, []int{2, 1, 0, 0, 1, 0}, []float64{2.5, 3, 0, 0, 1, 0}},
		{"off-axis", []float64{2, 1, 1, 1}, []string{anU, anU, anC, ""}, []int{0, 0, 1, 0, 0, 2}, []float64{0, 0, 1, 0, 0, 3}},
		{"zero and unusable weights", []float64{0, math.NaN(), math.Inf(1), -2}, []string{anS, anS, anO, anO}, []int{2, 0, 0, 0, 2, 0}, []float64{0, 0, 0, 0, 0, 0}},
		{"blank", []float64{1, 1, 1, 1}, []string{"", "", "", ""}, []int{0, 0, 0, 0, 0, 0}, []float64{0, 0, 0, 0, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := anParties("A", "B", "C", "D")
			for p := range ps {
				ps[p].Weight = tc.weights[p]
			}
			s := matrix.IssueStatistics(anBuild(matrix.DefaultScale(), ps, anIssues("I"), [][]string{tc.row}))[0]
			if !slices.Equal(s.Counts, tc.counts) || !slices.Equal(s.Weights, tc.want) {
				t.Errorf("counts %v, weights %v; want %v, %v", s.Counts, s.Weights, tc.counts, tc.want)
			}
		})
	}
}

func TestRankContested(t *testing.T) {
	m := anFixture()
	stats := matrix.IssueStatistics(m)
	before := slices.Clone(stats)
	ranked := matrix.RankContested(stats)
	var got []string
	for _, s := range ranked {
		got = append(got, m.Issues[s.Issue].Name)
	}
	// Consensus: I5 .2, I2 .25, I7 .25 (tie: workbook order), I1 .4, I3
	// .75, I4 1, then I6 without a figure.
	want := []string{"I5", "I2", "I7", "I1", "I3", "I4", "I6"}
	if !slices.Equal(got, want) {
		t.Errorf("RankContested = %v, want %v", got, want)
	}
	for i := range stats {
		if stats[i].Issue != before[i].Issue {
			t.Fatalf("RankContested changed its input")
		}
	}
}

func TestSimilarityOrder(t *testing.T) {
	tests := []struct {
		name string
		m    *matrix.Matrix
		want []int
	}{
		// Distances (1 − agreement): A–B .4 over 4 issues; A–C (1
		// issue) and B–C (2) share fewer than MinShared issues and are
		// missing. D has no scored stance at all: not clustered, last. A
		// and B merge; C cannot join them and comes after them.
		{"fixture", anFixture(), []int{0, 1, 2, 3}},
		// A–C share too few issues and are missing; A–B are at 1 (full
		// disagreement) and B–C at .25 over three issues each: B and C
		// merge first, then A joins through A–B alone.
		{"missing figure", anBuild(matrix.DefaultScale(), anParties("A", "B", "C"), anIssues("I1", "I2", "I3", "I4"),
			[][]string{{anS, anO, anLO}, {anS, anO, anLO}, {anS, anO, ""}, {"", anLO, anLO}}), []int{0, 1, 2}},
		// No pair shares enough issues: nothing merges, workbook order.
		{"only missing figures", anBuild(matrix.DefaultScale(), anParties("A", "B", "C"), anIssues("I1", "I2", "I3"),
			[][]string{{"", "", anS}, {"", anO, ""}, {anS, "", ""}}), []int{0, 1, 2}},
		// Nobody has a scored stance: workbook order.
		{"no scores", anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"),
			[][]string{{anU, ""}}), []int{0, 1}},
		{"no parties", anBuild(matrix.DefaultScale(), nil, nil, nil), []int{}},
		{"one party", anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anS}}), []int{0}},
		// Two blocs, interleaved in the workbook: A, C support; B, D
		// oppose. A–C and B–D are at distance 0; A–C merges first (tie with
		// B–D, A comes first), then B–D, then the two blocs.
		{"blocs", anBuild(matrix.DefaultScale(), anParties("A", "B", "C", "D"), anIssues("I1", "I2", "I3"),
			[][]string{{anS, anO, anS, anO}, {anLS, anO, anLS, anO}, {anS, anLO, anS, anLO}}), []int{0, 2, 1, 3}},
		// Two groups with no pair sharing enough issues between them: side
		// by side, in the order of their first parties; E has positions
		// but no partner and stays where its index puts it.
		{"two islands", anBuild(matrix.DefaultScale(), anParties("A", "B", "C", "D", "E"), anIssues("I1", "I2", "I3", "I4", "I5", "I6"),
			[][]string{
				{anS, anO, "", "", anS}, {anS, anO, "", "", ""}, {anS, anLO, "", "", ""},
				{"", "", anO, anS, ""}, {"", "", anO, anS, ""}, {"", "", anO, anLS, ""},
			}), []int{0, 1, 2, 3, 4}},
		// All equal: workbook order.
		{"all ties", anBuild(matrix.DefaultScale(), anParties("A", "B", "C"), anIssues("I"),
			[][]string{{anS, anS, anS}}), []int{0, 1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := matrix.SimilarityOrder(tc.m); !slices.Equal(got, tc.want) {
				t.Errorf("SimilarityOrder = %v, want %v", got, tc.want)
			}
		})
	}
}

// randomMatrix returns a matrix with a random scale (possibly with
// unscored labels, repeated scores or a single score), parties and issues of
// random weights (some 0) and random blanks.
func anRandomMatrix(r *rand.Rand) *matrix.Matrix {
	var sc matrix.Scale
	for k := range 1 + r.IntN(7) {
		st := matrix.Stance{Label: fmt.Sprintf("L%d", k)}
		switch r.IntN(6) {
		case 0: // off the axis
		case 1: // any real score: unequal gaps between scores
			st.Score, st.HasScore = math.Round(r.Float64()*1000-500)/100, true
		default:
			st.Score, st.HasScore = float64(r.IntN(5)-2), true
		}
		sc.Stances = append(sc.Stances, st)
	}
	weights := []float64{0, 0.5, 1, 1, 1, 2, 3}
	ps := make([]matrix.Party, r.IntN(13))
	for p := range ps {
		ps[p] = matrix.Party{Name: fmt.Sprintf("P%d", p), Weight: weights[r.IntN(len(weights))]}
	}
	is := make([]matrix.Issue, r.IntN(16))
	for i := range is {
		is[i] = matrix.Issue{Name: fmt.Sprintf("I%d", i), Weight: weights[r.IntN(len(weights))]}
	}
	blank := r.IntN(101)
	rows := make([][]string, len(is))
	for i := range rows {
		rows[i] = make([]string, len(ps))
		for p := range rows[i] {
			if r.IntN(100) >= blank {
				rows[i][p] = sc.Stances[r.IntN(len(sc.Stances))].Label
			}
		}
	}
	return anBuild(sc, ps, is, rows)
}

// naiveAgreement is Agreement computed issue by issue.
func naiveAgreement(m *matrix.Matrix, a, b int) (float64, int, bool) {
	r := m.Scale.Range()
	var num, den float64
	shared := 0
	for i, is := range m.Issues {
		sa, oka := m.Scale.Score(m.Stance(i, a))
		sb, okb := m.Scale.Score(m.Stance(i, b))
		if !oka || !okb || !(is.Weight > 0) {
			continue
		}
		c := 1.0
		if r > 0 {
			c = 1 - math.Abs(sa-sb)/r
		}
		num += is.Weight * c
		den += is.Weight
		shared++
	}
	if shared == 0 {
		return 0, 0, false
	}
	return num / den, shared, true
}

// naiveConsensus is the consensus of issue i computed pair by pair.
func anNaiveConsensus(m *matrix.Matrix, i int) (float64, bool) {
	r := m.Scale.Range()
	var num, den float64
	for p := range m.Parties {
		for q := p + 1; q < len(m.Parties); q++ {
			sp, okp := m.Scale.Score(m.Stance(i, p))
			sq, okq := m.Scale.Score(m.Stance(i, q))
			w := m.Parties[p].Weight * m.Parties[q].Weight
			if !okp || !okq || w == 0 {
				continue
			}
			a := 1.0
			if r > 0 {
				a = 1 - math.Abs(sp-sq)/r
			}
			num += w * a
			den += w
		}
	}
	if den == 0 {
		return 0, false
	}
	return num / den, true
}

// TestAnalysisProperties checks, over random and synthetic matrices, that
// agreement is symmetric, in [0, 1] and 1 for a party with itself; that the
// similarity order is a permutation and the same on every run and on a copy;
// that the issue figures are consistent; and that a matrix does not differ
// from itself or from a reordering of its parties.
func TestAnalysisProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var ms []*matrix.Matrix
	for range 300 {
		ms = append(ms, anRandomMatrix(r))
	}
	for seed := range uint64(10) {
		ms = append(ms, matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 3 + int(seed)*4, Issues: 5 + int(seed)*7, Blank: 5 + int(seed)*9, Seed: seed}))
	}
	for n, m := range ms {
		am := matrix.AgreementMatrix(m)
		for a := range m.Parties {
			// Does a have a scored stance on an issue of positive weight?
			scored := false
			for i := range m.Issues {
				if _, ok := m.Scale.Score(m.Stance(i, a)); ok && m.Issues[i].Weight > 0 {
					scored = true
				}
			}
			if self := am[a][a]; self.OK != scored || (scored && self.Agreement != 1) {
				t.Fatalf("matrix %d: party %d with itself: %+v (scored %v)", n, a, self, scored)
			}
			for b := range m.Parties {
				ab, ba := am[a][b], am[b][a]
				if ab.Agreement != ba.Agreement || ab.Shared != ba.Shared || ab.OK != ba.OK || ab.A != a || ab.B != b {
					t.Fatalf("matrix %d: not symmetric: %+v and %+v", n, ab, ba)
				}
				if ab.Agreement < 0 || ab.Agreement > 1 || (!ab.OK && (ab.Agreement != 0 || ab.Shared != 0)) {
					t.Fatalf("matrix %d: out of range: %+v", n, ab)
				}
				if want, shared, ok := naiveAgreement(m, a, b); ok != ab.OK || shared != ab.Shared || math.Abs(want-ab.Agreement) > 1e-9 {
					t.Fatalf("matrix %d: %+v, issue by issue %v over %d (%v)", n, ab, want, shared, ok)
				}
				if one := matrix.Agreement(m, a, b); one != ab {
					t.Fatalf("matrix %d: Agreement %+v, AgreementMatrix %+v", n, one, ab)
				}
			}
		}

		order := matrix.SimilarityOrder(m)
		sorted := slices.Sorted(slices.Values(order))
		for i, p := range sorted {
			if p != i {
				t.Fatalf("matrix %d: SimilarityOrder %v is not a permutation of %d parties", n, order, len(m.Parties))
			}
		}
		if len(order) != len(m.Parties) {
			t.Fatalf("matrix %d: SimilarityOrder %v for %d parties", n, order, len(m.Parties))
		}
		cp, err := m.Select(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if again := matrix.SimilarityOrder(cp); !slices.Equal(again, order) {
				t.Fatalf("matrix %d: SimilarityOrder %v, then %v", n, order, again)
			}
		}

		lo, hi, _ := m.Scale.Bounds()
		for _, s := range matrix.IssueStatistics(m) {
			sum := 0
			for _, c := range s.Counts {
				sum += c
			}
			if sum != s.Positions || s.Scored > s.Positions || s.Range < 0 || s.Spread < 0 || s.Spread > s.Range/2+1e-9 {
				t.Fatalf("matrix %d: inconsistent counts or spread: %+v", n, s)
			}
			if s.HasMedian && (s.Median < lo || s.Median > hi) {
				t.Fatalf("matrix %d: median off the scale: %+v", n, s)
			}
			want, ok := anNaiveConsensus(m, s.Issue)
			if ok != s.HasConsensus || math.Abs(want-s.Consensus) > 1e-9 || s.Consensus < 0 || s.Consensus > 1 {
				t.Fatalf("matrix %d issue %d: consensus %v (%v), pair by pair %v (%v)", n, s.Issue, s.Consensus, s.HasConsensus, want, ok)
			}
		}

		if ch := matrix.Diff(m, cp); !ch.Empty() {
			t.Fatalf("matrix %d: differs from its copy: %+v", n, ch)
		}
		perm := r.Perm(len(m.Parties))
		if ch := matrix.Diff(m, m.Reorder(perm)); len(ch.Cells) != 0 {
			t.Fatalf("matrix %d: differs from its reordering %v: %+v", n, perm, ch.Cells)
		}
		if f := matrix.KeyFindings(m, nil); len(f) > matrix.MaxFindings || !slices.Equal(f, matrix.KeyFindings(cp, nil)) {
			t.Fatalf("matrix %d: findings %q", n, f)
		}
	}
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name string
		m    *matrix.Matrix
		ch   *matrix.Changes
	}{
		{"fixture", anFixture(), nil},
		{"with changes", anEurope(), matrix.Diff(anEuropeBefore(), anEurope())},
		{"empty", anBuild(matrix.DefaultScale(), nil, nil, nil), nil},
		{"a selection, reordered", anSelected(t), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := matrix.Analyze(tc.m, tc.ch)
			stats := matrix.IssueStatistics(tc.m)
			want := &matrix.Analysis{
				Agreement:  matrix.AgreementMatrix(tc.m),
				Issues:     stats,
				Contested:  matrix.RankContested(stats),
				Order:      matrix.SimilarityOrder(tc.m),
				Findings:   matrix.KeyFindings(tc.m, tc.ch),
				Map:        matrix.MapParties(tc.m),
				Blocs:      matrix.FindBlocs(tc.m),
				Categories: matrix.ProfileCategories(tc.m),
			}
			if !reflect.DeepEqual(a, want) {
				t.Errorf("Analyze:\ngot  %+v\nwant %+v", a, want)
			}
		})
	}
}

// anSelected is a document as export builds it: the fixture cut down to
// three parties and five issues, in similarity order.
func anSelected(t *testing.T) *matrix.Matrix {
	t.Helper()
	sel, err := anFixture().Select([]string{"C", "A", "B"}, []string{"I1", "I2", "I4", "I5", "I7"})
	if err != nil {
		t.Fatal(err)
	}
	return sel.Reorder(matrix.SimilarityOrder(sel))
}
