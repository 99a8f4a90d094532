package matrix

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestClusterMatchesNaive compares cluster with clusterNaive, the
// algorithm it replaced (every pair scanned at every merge), kept here as
// the oracle: on random distance matrices with many ties, missing pairs and
// parties without a scored stance, the leaf order and the blocs must be the
// same.
func TestClusterMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 6000))
	for _, tc := range []struct {
		name    string
		levels  int     // distinct distances: few means many ties
		missing float64 // share of missing pairs
		silent  float64 // share of parties without a scored stance
	}{
		{"all equal", 1, 0, 0},
		{"two levels", 2, 0, 0},
		{"few levels", 4, 0.1, 0.05},
		{"many levels", 1000, 0, 0},
		{"sparse", 3, 0.6, 0.1},
		{"mostly missing", 5, 0.9, 0},
		{"continuous", 0, 0.2, 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for trial := range 60 {
				n := 1 + rng.IntN(40)
				if trial%10 == 0 {
					n = 120
				}
				d := make([][]float64, n)
				for a := range d {
					d[a] = make([]float64, n)
				}
				for a := range n {
					for b := a + 1; b < n; b++ {
						x := rng.Float64()
						if tc.levels > 0 {
							x = float64(rng.IntN(tc.levels)) / float64(max(tc.levels-1, 1)) * 0.6
						}
						if rng.Float64() < tc.missing {
							x = math.NaN()
						}
						d[a][b], d[b][a] = x, x
					}
				}
				scored := make([]bool, n)
				for p := range scored {
					scored[p] = rng.Float64() >= tc.silent
				}
				for _, cut := range []float64{BlocAgreement, 0.5, 1, 0} {
					got, want := cluster(d, scored, cut), clusterNaive(d, scored, cut)
					if !slices.Equal(got.order, want.order) || fmt.Sprint(got.blocs) != fmt.Sprint(want.blocs) {
						t.Fatalf("trial %d, %d parties, cut %v:\norder %v\nwant  %v\nblocs %v\nwant  %v",
							trial, n, cut, got.order, want.order, got.blocs, want.blocs)
					}
				}
			}
		})
	}
}

// clusterNaive is cluster as it was before issue 14's speed-up: at every
// merge it scans every pair of active clusters, O(n³) in all. It is the
// oracle of TestClusterMatchesNaive.
func clusterNaive(d [][]float64, scored []bool, cut float64) tree {
	const none = math.MaxInt64 // the key of a pair of clusters that cannot merge
	n := len(d)
	sum := make([][]float64, n)
	cnt := make([][]int, n)
	key := make([][]int64, n) // linkageKey of sum/cnt, or none
	leaves := make([][]int, n)
	var active, silent []int
	for a := 0; a < n; a++ {
		sum[a] = make([]float64, n)
		cnt[a] = make([]int, n)
		key[a] = make([]int64, n)
		for b := 0; b < n; b++ {
			key[a][b] = none
			if a != b && !math.IsNaN(d[a][b]) {
				sum[a][b], cnt[a][b], key[a][b] = d[a][b], 1, linkageKey(d[a][b])
			}
		}
		leaves[a] = []int{a}
		if scored[a] {
			active = append(active, a)
		} else {
			silent = append(silent, a)
		}
	}
	cutKey := linkageKey(1 - cut)
	var blocs [][]int
	snapshot := func() {
		if blocs == nil {
			blocs = make([][]int, 0, len(active))
			for _, a := range active {
				blocs = append(blocs, append([]int(nil), leaves[a]...))
			}
		}
	}
	for len(active) > 1 {
		bx, by := -1, -1
		best := int64(none)
		for x := 0; x < len(active); x++ {
			row := key[active[x]]
			for y := x + 1; y < len(active); y++ {
				if k := row[active[y]]; k < best {
					best, bx, by = k, x, y
				}
			}
		}
		if bx < 0 {
			break
		}
		if best > cutKey {
			snapshot()
		}
		a, b := active[bx], active[by] // a < b: a's first party comes first
		for _, c := range active {
			if c == a || c == b {
				continue
			}
			s, k := sum[a][c]+sum[b][c], cnt[a][c]+cnt[b][c]
			sum[a][c], sum[c][a], cnt[a][c], cnt[c][a] = s, s, k, k
			if k > 0 {
				key[a][c] = linkageKey(s / float64(k))
				key[c][a] = key[a][c]
			}
		}
		leaves[a] = append(leaves[a], leaves[b]...)
		leaves[b] = nil
		active = append(active[:by], active[by+1:]...)
	}
	snapshot()
	order := make([]int, 0, n)
	for _, a := range active {
		order = append(order, leaves[a]...)
	}
	order = append(order, silent...)
	// The blocs in leaf order: each is a run of the order, already in
	// leaf order inside.
	pos := make([]int, n)
	for i, p := range order {
		pos[p] = i
	}
	slices.SortFunc(blocs, func(g, h []int) int { return pos[g[0]] - pos[h[0]] })
	return tree{order: order, blocs: blocs}
}
