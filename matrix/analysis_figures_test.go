package matrix_test

import (
	"crypto/sha256"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// anFiguresDigest is the SHA-256 of every figure Analyze returns (floats in
// their shortest exact form) for the matrices of TestAnalyzeFiguresUnchanged,
// taken with the analysis as it was before the agreement table, the issue
// figures, the profiles and the party map's eigenvectors were made faster
// (2026-12-04). Those changes are meant to give the same bits.
const anFiguresDigest = "1d0a6ba702a06cee21f1607dca2182b578538cde78046ea551ee1ec9f93fb24f"

// anWideRandom is anRandomMatrix with more issues than fit one 64-bit word,
// and issue weights that form several groups, some not integers.
func anWideRandom(r *rand.Rand) *matrix.Matrix {
	var sc matrix.Scale
	for k := range 1 + r.IntN(14) { // up to 14 scores: more than 8 thresholds too
		st := matrix.Stance{Label: fmt.Sprintf("L%d", k)}
		switch r.IntN(4) {
		case 0: // off the axis
		case 1, 2: // any real score: unequal gaps between scores
			st.Score, st.HasScore = math.Round(r.Float64()*1000-500)/100, true
		default:
			st.Score, st.HasScore = float64(r.IntN(5)-2), true
		}
		sc.Stances = append(sc.Stances, st)
	}
	weights := []float64{0, 0.3, 0.5, 1, 1, 1, 2, 3, 1.7}
	ps := make([]matrix.Party, 3+r.IntN(40))
	for p := range ps {
		ps[p] = matrix.Party{Name: fmt.Sprintf("P%d", p), Weight: weights[r.IntN(len(weights))]}
	}
	is := make([]matrix.Issue, r.IntN(300))
	for i := range is {
		is[i] = matrix.Issue{Name: fmt.Sprintf("I%d", i), Weight: weights[r.IntN(len(weights))],
			Category: fmt.Sprintf("C%d", r.IntN(4))}
	}
	blank := r.IntN(60)
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

// TestAnalyzeFiguresUnchanged checks that Analyze gives exactly the figures
// it gave before it was made faster, on random matrices of many shapes and
// scales, on the synthetic matrices of the benchmarks and on the fixtures.
func TestAnalyzeFiguresUnchanged(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	var ms []*matrix.Matrix
	for range 200 {
		ms = append(ms, anRandomMatrix(r))
	}
	wide := 0 // scales of more than 8 scores, which the table builds word by word
	for range 60 {
		m := anWideRandom(r)
		scores := map[float64]bool{}
		for _, st := range m.Scale.Stances {
			if st.HasScore {
				scores[st.Score] = true
			}
		}
		if len(scores) > 8 && len(m.Issues) > 64 {
			wide++
		}
		ms = append(ms, m)
	}
	if wide < 3 {
		t.Fatalf("only %d matrices with more than 8 scores and 64 issues", wide)
	}
	ms = append(ms, anFixture(), anEurope(), anEuropeBefore())
	for _, sz := range matrixtest.ScaleSizes[:2] {
		ms = append(ms, sz.Matrix())
	}
	ms = append(ms, matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 200, Issues: 1000, Seed: 1}))
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%v\n", *matrix.Analyze(m, nil))
	}
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != anFiguresDigest {
		t.Errorf("the figures of Analyze changed: digest %s, want %s", got, anFiguresDigest)
	}
}
