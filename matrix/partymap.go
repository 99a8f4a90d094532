package matrix

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// This file holds the party map (classical multidimensional scaling) and
// the blocs (average-linkage clustering) of issue 14. Both start from the
// same distances between parties; the rules are documented in the README
// section "Analysis".

// MinShared is the number of scored issues two parties must share for their
// distance to count in the party map, the blocs and the similarity order.
// A pair sharing fewer is missing: a figure over one or two issues says
// little.
const MinShared = 3

// BlocAgreement is the agreement at which the bloc tree is cut: a bloc's
// parties agree this much or more on average (distance 1 − BlocAgreement
// or less).
const BlocAgreement = 0.7

// Point is one party's place on the party map.
type Point struct {
	Party int // party index
	X, Y  float64
}

// LeftOut is a party that is not on the party map, and why.
type LeftOut struct {
	Party  int
	Reason string // a phrase: "no scored stance", "shares fewer than 3 …"
}

// PartyMap is a placement of the parties in two dimensions whose distances
// approximate 1 − Agreement, by classical multidimensional scaling.
type PartyMap struct {
	// Points are the mapped parties in matrix order, coordinates rounded
	// to 4 decimals; empty when there is no map.
	Points []Point
	// Explained is the share of the variation each axis shows: its
	// eigenvalue over the sum of the absolute eigenvalues.
	Explained [2]float64
	// Stress is the normalised stress of the map's distances against
	// 1 − Agreement over the mapped pairs: 0 is a perfect fit, 1 a map
	// that shows none of the distances (all its points in one place).
	Stress float64
	// LeftOut lists, in matrix order, the parties the rules leave out
	// (see MapParties): those without a scored stance, and, unless the map
	// was given up before, those missing pairs.
	LeftOut []LeftOut
	// Pairs is the number of pairs of the matrix's parties, n(n−1)/2, the
	// denominator every output prints (as the key findings do); Known of
	// them share at least MinShared scored issues.
	Pairs, Known int
	// Reason says, in one sentence, why there is no map; empty when there
	// is one.
	Reason string
}

// Blocs are the groups of parties that agree BlocAgreement or more, from
// average-linkage clustering.
type Blocs struct {
	// Groups are the blocs of two or more parties, each in similarity
	// order, the blocs in the order they come in the similarity order.
	Groups [][]int
	// Summary says in one sentence how many blocs there are, at what
	// agreement, which parties they hold and how many parties they cover.
	Summary string
}

// distances returns 1 − Agreement for the pairs that share at least
// MinShared scored issues and NaN (missing) for the others; the diagonal is
// 0.
func distances(ag [][]Pair) [][]float64 {
	n := len(ag)
	d := make([][]float64, n)
	for a := range d {
		d[a] = make([]float64, n)
		for b := range d[a] {
			if pr := ag[a][b]; a != b && !(pr.OK && pr.Shared >= MinShared) {
				d[a][b] = math.NaN()
			} else if a != b {
				d[a][b] = 1 - pr.Agreement
			}
		}
	}
	return d
}

// linkageKey is a linkage distance rounded to nine decimals, so that ties
// do not depend on the last bits of floating-point sums.
func linkageKey(x float64) int64 { return int64(math.Round(x * 1e9)) }

// tree is the result of clustering: the leaf order and the clusters at the
// bloc cut.
type tree struct {
	order []int
	blocs [][]int // every cluster at the cut, singletons included
}

// cluster runs agglomerative hierarchical clustering with average linkage
// (UPGMA, Sokal and Michener 1958) on the distances d, NaN meaning missing.
// The linkage between two clusters is the mean of the known distances
// between their members (Lance and Williams 1967, with missing pairs left
// out); two clusters without a known pair between them do not merge. At
// each step the two clusters with the smallest linkage (to nine decimals)
// merge; on ties the pair whose first parties come first in matrix order
// merges first. The cluster holding the party that comes first goes left.
// When no two clusters can merge, the clusters are laid side by side in
// the order of their first parties, and the parties without a scored
// stance (scored[p] false) come last, in matrix order.
//
// The linkage never decreases from one merge to the next (each new linkage
// is a mean of linkages no smaller than the merged one), so the clusters
// present before the first merge above the cut are the blocs. Keeping each
// cluster's nearest later neighbour, it takes O(n²) time in the usual case
// (O(n³) at worst, as the naive scan of all pairs at every merge) and
// O(n²) memory for n parties.
func cluster(d [][]float64, scored []bool, cut float64) tree {
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
	// nn[a] is the nearest neighbour of cluster a among the active
	// clusters after it (the first on ties), nk[a] its key; the best pair
	// is then the first cluster of least nk with its nn, the pair the
	// naive scan of every pair would find (Müllner 2011, "generic"
	// algorithm). Only the rows a merge touches are scanned again.
	nn := make([]int, n)
	nk := make([]int64, n)
	nearest := func(x int) { // x: a position in active
		a := active[x]
		nn[a], nk[a] = -1, none
		row := key[a]
		for _, c := range active[x+1:] {
			if k := row[c]; k < nk[a] {
				nn[a], nk[a] = c, k
			}
		}
	}
	for x := range active {
		nearest(x)
	}
	for len(active) > 1 {
		bx := -1
		best := int64(none)
		for x, a := range active {
			if nk[a] < best {
				best, bx = nk[a], x
			}
		}
		if bx < 0 {
			break
		}
		if best > cutKey {
			snapshot()
		}
		a, b := active[bx], nn[active[bx]] // a < b: a's first party comes first
		by := slices.Index(active, b)
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
		// Rows before b held b; rows before a hold a's new key.
		for x, c := range active[:by] {
			switch {
			case c == a:
				nearest(x)
			case nn[c] == a || nn[c] == b:
				nearest(x)
			case c < a && (key[c][a] < nk[c] || key[c][a] == nk[c] && a < nn[c]):
				nn[c], nk[c] = a, key[c][a]
			}
		}
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

func scoredParties(ag [][]Pair) []bool {
	scored := make([]bool, len(ag))
	for p := range ag {
		scored[p] = ag[p][p].OK
	}
	return scored
}

// FindBlocs returns the blocs of m: the clusters of the similarity order's
// tree (see SimilarityOrder) before its first merge at a linkage above
// 1 − BlocAgreement, those of two or more parties. Every pair of parties
// in a bloc is joined by pairs sharing at least MinShared scored issues,
// and the parties of a bloc agree BlocAgreement or more on average over
// those pairs.
func FindBlocs(m *Matrix) Blocs {
	ag := AgreementMatrix(m)
	return blocsOf(m, cluster(distances(ag), scoredParties(ag), BlocAgreement))
}

func blocsOf(m *Matrix, t tree) Blocs {
	b := Blocs{Groups: [][]int{}}
	var names []string
	covered := 0
	for _, g := range t.blocs {
		if len(g) < 2 {
			continue
		}
		b.Groups = append(b.Groups, g)
		covered += len(g)
		ns := make([]string, len(g))
		for i, p := range g {
			ns[i] = m.Parties[p].Name
		}
		names = append(names, joinAnd(ns))
	}
	level := Percent(BlocAgreement)
	switch len(b.Groups) {
	case 0:
		b.Summary = fmt.Sprintf("No blocs: no two parties agree %s or more over at least %d shared scored issues.", level, MinShared)
	default:
		what := "blocs"
		if len(b.Groups) == 1 {
			what = "bloc"
		}
		b.Summary = fmt.Sprintf("%s %s at %s agreement or more, covering %d of %d parties: %s.",
			countWord(len(b.Groups)), what, level, covered, len(m.Parties), strings.Join(names, "; "))
	}
	return b
}

// countWord writes small counts as words at the start of a sentence.
func countWord(n int) string {
	words := []string{"No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"}
	if n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// MapParties returns the party map of m by classical multidimensional
// scaling of the distances 1 − Agreement. The rules, in order:
//
//   - a pair of parties sharing fewer than MinShared scored issues is
//     missing; parties without any scored stance are left out;
//   - with fewer than 3 parties with a scored stance, or with fewer than
//     half of the pairs of those parties known, there is no map;
//   - while a pair of the remaining parties is missing, the party missing
//     the most pairs (the later one in matrix order on ties) is left out;
//   - with fewer than 3 parties remaining, or all of them at distance 0,
//     there is no map.
//
// Without a map Points is empty and Reason says why. The axes' signs are
// fixed as scale2 describes, so a matrix always gives the same picture.
func MapParties(m *Matrix) PartyMap {
	ag := AgreementMatrix(m)
	return partyMap(m, ag, distances(ag))
}

func partyMap(m *Matrix, ag [][]Pair, d [][]float64) PartyMap {
	n := len(ag)
	pm := PartyMap{Points: []Point{}, LeftOut: []LeftOut{}}
	var scored []int
	for p := 0; p < n; p++ {
		if ag[p][p].OK {
			scored = append(scored, p)
		}
	}
	pm.Pairs = n * (n - 1) / 2
	scoredPairs := 0
	missing := make([]int, n) // pairs of p sharing too few issues, among scored parties
	for x, a := range scored {
		for _, b := range scored[x+1:] {
			scoredPairs++
			if math.IsNaN(d[a][b]) {
				missing[a]++
				missing[b]++
			} else {
				pm.Known++
			}
		}
	}
	for p := 0; p < n; p++ {
		if !ag[p][p].OK {
			pm.LeftOut = append(pm.LeftOut, LeftOut{p, "no scored stance"})
		}
	}
	switch {
	case len(scored) < 3:
		pm.Reason = fmt.Sprintf("No party map: only %d of %d parties have a scored stance, and a map needs at least 3.", len(scored), n)
		return pm
	case 2*pm.Known < scoredPairs:
		which := fmt.Sprintf("%d pairs of parties", scoredPairs)
		if scoredPairs != pm.Pairs {
			which = fmt.Sprintf("the %d pairs of the %d parties with a scored stance", scoredPairs, len(scored))
		}
		pm.Reason = fmt.Sprintf("No party map: only %d of %s share %d or more scored issues, fewer than half.",
			pm.Known, which, MinShared)
		return pm
	}
	// Leave out, one at a time, the party missing the most pairs (the
	// later one on ties) until every remaining pair is known.
	kept := append([]int(nil), scored...)
	out := make([]bool, n)
	for {
		worst, wx, most := -1, -1, 0
		for x, a := range kept {
			c := 0
			for _, b := range kept {
				if a != b && math.IsNaN(d[a][b]) {
					c++
				}
			}
			if c > 0 && c >= most {
				worst, wx, most = a, x, c
			}
		}
		if worst < 0 {
			break
		}
		out[worst] = true
		kept = append(kept[:wx], kept[wx+1:]...)
	}
	pm.LeftOut = pm.LeftOut[:0]
	for p := 0; p < n; p++ {
		switch {
		case !ag[p][p].OK:
			pm.LeftOut = append(pm.LeftOut, LeftOut{p, "no scored stance"})
		case out[p]:
			pm.LeftOut = append(pm.LeftOut, LeftOut{p, fmt.Sprintf("shares fewer than %d scored issues with %d of the %d other parties",
				MinShared, missing[p], len(scored)-1)})
		}
	}
	if len(kept) < 3 {
		pm.Reason = fmt.Sprintf("No party map: only %d parties share %d or more scored issues with each other.", len(kept), MinShared)
		return pm
	}
	pts, explained, ok := scale2(kept, d)
	if !ok {
		pm.Reason = "No party map: the parties agree fully on every issue they share, so they would all be one point."
		return pm
	}
	pm.Points, pm.Explained = pts, explained
	pm.Stress = round4(stress(pts, d))
	for i := range pm.Points {
		pm.Points[i].X, pm.Points[i].Y = round4(pm.Points[i].X), round4(pm.Points[i].Y)
	}
	pm.Explained = [2]float64{round4(explained[0]), round4(explained[1])}
	return pm
}

// scale2 places the parties ps (in matrix order) in two dimensions by
// classical multidimensional scaling (Torgerson 1952; Gower 1966): the
// doubly centred matrix B = −½ J D⁽²⁾ J of the squared distances, and its
// two largest eigenvalues λ₁ ≥ λ₂ with unit eigenvectors v₁, v₂; the
// coordinates are vₖ √max(λₖ, 0). It reports false when λ₁ is zero (all
// distances 0). The signs are fixed so that the first party off the centre
// line of each axis lies on its negative side; when λ₁ = λ₂ (to nine
// digits) the plane has no preferred direction and is turned so that the
// first party off the centre lies on the negative x axis.
func scale2(ps []int, d [][]float64) ([]Point, [2]float64, bool) {
	k := len(ps)
	sq := make([]float64, k*k)
	for i, a := range ps {
		for j, b := range ps {
			sq[i*k+j] = d[a][b] * d[a][b]
		}
	}
	// Double centring: b_ij = −½ (s_ij − row_i − col_j + all).
	row := make([]float64, k)
	var all float64
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			row[i] += sq[i*k+j]
		}
		all += row[i]
		row[i] /= float64(k)
	}
	all /= float64(k * k)
	// The two leading eigenpairs by leading2, or, when it cannot answer
	// (eigenvalues too close for their vectors to be well determined), by
	// the full solver.
	a := make([]float64, k*k)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			a[i*k+j] = -0.5 * (sq[i*k+j] - row[i] - row[j] + all)
			a[j*k+i] = a[i*k+j]
		}
	}
	vals, v1, v2, ok := leading2(k, append([]float64(nil), a...))
	if !ok {
		var es mat.EigenSym
		if !es.Factorize(mat.NewSymDense(k, a), true) {
			return nil, [2]float64{}, false
		}
		vals = es.Values(nil) // ascending
		var vecs mat.Dense
		es.VectorsTo(&vecs)
		v1, v2 = mat.Col(nil, k-1, &vecs), mat.Col(nil, k-2, &vecs)
	}
	var total float64
	for _, v := range vals {
		total += math.Abs(v)
	}
	l1, l2 := vals[k-1], vals[k-2]
	if !(l1 > 1e-12) {
		return nil, [2]float64{}, false
	}
	pts := make([]Point, k)
	s1, s2 := math.Sqrt(l1), math.Sqrt(math.Max(l2, 0))
	for i, p := range ps {
		pts[i] = Point{Party: p, X: v1[i] * s1, Y: v2[i] * s2}
	}
	const zero = 1e-9 // a coordinate this close to 0 is on the centre line
	if l1-l2 <= 1e-9*l1 {
		for _, pt := range pts {
			if r := math.Hypot(pt.X, pt.Y); r > zero {
				c, s := -pt.X/r, pt.Y/r // turn (x, y) onto (−r, 0)
				for i := range pts {
					x, y := pts[i].X, pts[i].Y
					pts[i].X, pts[i].Y = float64(c*x)-float64(s*y), float64(s*x)+float64(c*y)
				}
				break
			}
		}
	}
	for _, axis := range []func(*Point) *float64{
		func(p *Point) *float64 { return &p.X },
		func(p *Point) *float64 { return &p.Y },
	} {
		for i := range pts {
			v := *axis(&pts[i])
			if math.Abs(v) <= zero {
				continue
			}
			if v > 0 {
				for j := range pts {
					*axis(&pts[j]) = -*axis(&pts[j])
				}
			}
			break
		}
	}
	return pts, [2]float64{l1 / total, math.Max(l2, 0) / total}, true
}

// stress is the normalised stress √(Σ (dᵢⱼ − δᵢⱼ)² / Σ δᵢⱼ²) of the map's
// distances d against the input distances δ over the pairs of points.
// Divided by the input's distances rather than the map's (Kruskal's
// stress-1), it reads as a share: a projection of distances that points in
// space can hold never lengthens one, so it runs from 0 (a perfect fit) to
// 1 (nothing shown), and agreement distances stay close to that.
func stress(pts []Point, d [][]float64) float64 {
	var num, den float64
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			dm := math.Hypot(pts[i].X-pts[j].X, pts[i].Y-pts[j].Y)
			e := dm - d[pts[i].Party][pts[j].Party]
			num += float64(e * e)
			den += float64(d[pts[i].Party][pts[j].Party] * d[pts[i].Party][pts[j].Party])
		}
	}
	if den == 0 {
		return 0
	}
	return math.Sqrt(num / den)
}

// The float64 conversions above keep the compiler from fusing a multiply
// and an add (as it may on arm64), so that every platform computes the
// same bits; gonum's solver is the one source of platform differences
// left, far below the 4 decimals kept.

// round4 rounds to 4 decimals, without −0.
func round4(x float64) float64 {
	x = math.Round(x*1e4) / 1e4
	if x == 0 {
		return 0
	}
	return x
}

// Known returns the agreement of parties p and q and whether it counts:
// both in range, and sharing at least MinShared scored issues, the rule of
// the map, the blocs and the heatmaps.
func (a *Analysis) Known(p, q int) (Pair, bool) {
	if p < 0 || q < 0 || p >= len(a.Agreement) || q >= len(a.Agreement[p]) {
		return Pair{}, false
	}
	pr := a.Agreement[p][q]
	return pr, pr.OK && pr.Shared >= MinShared
}
