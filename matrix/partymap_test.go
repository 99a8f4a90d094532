package matrix_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// mapDistance is the distance between two points of a map.
func mapDistance(a, b matrix.Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// checkSigns checks the sign rule: the first point off the centre line of
// each axis lies on its negative side.
func checkSigns(t *testing.T, pts []matrix.Point) {
	t.Helper()
	for _, axis := range []struct {
		name string
		of   func(matrix.Point) float64
	}{{"x", func(p matrix.Point) float64 { return p.X }}, {"y", func(p matrix.Point) float64 { return p.Y }}} {
		for _, p := range pts {
			if v := axis.of(p); math.Abs(v) > 1e-9 {
				if v > 0 {
					t.Errorf("first party off the centre, %d, has %s = %g > 0", p.Party, axis.name, v)
				}
				break
			}
		}
	}
}

func TestScaleDistances(t *testing.T) {
	// Points whose distances are Euclidean in the plane come back at the
	// same distances, with no stress.
	tests := []struct {
		name      string
		at        [][2]float64
		explained [2]float64
		// turned: the first two axes explain the same, so the plane is
		// turned to put the first point on the negative x axis.
		turned bool
	}{
		{"line", [][2]float64{{0, 0}, {0.25, 0}, {0.5, 0}, {1, 0}}, [2]float64{1, 0}, false},
		{"line, uneven", [][2]float64{{0.9, 0}, {0.1, 0}, {0.3, 0}, {0.35, 0}, {0, 0}}, [2]float64{1, 0}, false},
		{"square", [][2]float64{{0, 0}, {0.5, 0}, {0.5, 0.5}, {0, 0.5}}, [2]float64{0.5, 0.5}, true},
		{"square, crosswise", [][2]float64{{0, 0}, {0.5, 0.5}, {0.5, 0}, {0, 0.5}}, [2]float64{0.5, 0.5}, true},
		// Rectangle 0.6 × 0.3: variance 0.09 per point across, 0.0225
		// along: 80% and 20%.
		{"rectangle", [][2]float64{{0, 0.3}, {0.6, 0.3}, {0.6, 0}, {0, 0}}, [2]float64{0.8, 0.2}, false},
		{"equilateral triangle", [][2]float64{{0, 0}, {0.5, 0}, {0.25, 0.25 * math.Sqrt(3)}}, [2]float64{0.5, 0.5}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.at)
			d := make([][]float64, n)
			for i := range d {
				d[i] = make([]float64, n)
				for j := range d[i] {
					d[i][j] = math.Hypot(tc.at[i][0]-tc.at[j][0], tc.at[i][1]-tc.at[j][1])
				}
			}
			pts, explained, ok := matrix.ScaleDistances(d)
			if !ok || len(pts) != n {
				t.Fatalf("ScaleDistances = %v, %v", pts, ok)
			}
			for i := range pts {
				if pts[i].Party != i {
					t.Errorf("point %d is party %d", i, pts[i].Party)
				}
				for j := range pts {
					if got := mapDistance(pts[i], pts[j]); math.Abs(got-d[i][j]) > 1e-9 {
						t.Errorf("distance %d–%d = %.12f, want %.12f", i, j, got, d[i][j])
					}
				}
			}
			for k := range explained {
				if math.Abs(explained[k]-tc.explained[k]) > 1e-9 {
					t.Errorf("explained = %v, want %v", explained, tc.explained)
				}
			}
			if s := matrix.MapStress(pts, d); s > 1e-9 {
				t.Errorf("stress = %g, want 0", s)
			}
			checkSigns(t, pts)
			if tc.turned && (pts[0].X >= 0 || math.Abs(pts[0].Y) > 1e-9) {
				t.Errorf("first point at (%g, %g), want on the negative x axis", pts[0].X, pts[0].Y)
			}
		})
	}
}

func TestScaleDistancesAllEqual(t *testing.T) {
	d := [][]float64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}
	if pts, _, ok := matrix.ScaleDistances(d); ok {
		t.Errorf("ScaleDistances of three points at distance 0 = %v, want none", pts)
	}
}

// rowsOf builds the cells of a matrix from one string per party, a letter
// per issue: S, s (leans support), c, o (leans oppose), O, u (unclear),
// . (blank); rows are issues.
func rowsOf(parties ...string) [][]string {
	labels := map[byte]string{'S': anS, 's': anLS, 'c': anC, 'o': anLO, 'O': anO, 'u': anU, '.': ""}
	rows := make([][]string, len(parties[0]))
	for i := range rows {
		rows[i] = make([]string, len(parties))
		for p, s := range parties {
			rows[i][p] = labels[s[i]]
		}
	}
	return rows
}

func mapMatrix(names string, parties ...string) *matrix.Matrix {
	is := make([]string, len(parties[0]))
	for i := range is {
		is[i] = "I" + string(rune('1'+i))
	}
	return anBuild(matrix.DefaultScale(), anParties(strings.Split(names, " ")...), anIssues(is...), rowsOf(parties...))
}

func TestMapParties(t *testing.T) {
	type want struct {
		mapped    []int      // parties on the map, in order; nil: no map
		explained [2]float64 // checked when there is a map
		stress    float64    // upper bound
		leftOut   []matrix.LeftOut
		reason    string // a part of Reason
	}
	tests := []struct {
		name string
		m    *matrix.Matrix
		want want
	}{
		// Each party takes one score on every issue: the distances are
		// |score difference| / 4, points on a line.
		{"line", mapMatrix("A B C D", "SSSS", "ssss", "cccc", "OOOO"),
			want{mapped: []int{0, 1, 2, 3}, explained: [2]float64{1, 0}}},
		// E shares two issues with the others: left out, with the rule.
		{"one party short of issues", mapMatrix("A B C D E", "SSSS", "ssss", "cccc", "OOOO", "S..O"),
			want{mapped: []int{0, 1, 2, 3}, explained: [2]float64{1, 0},
				leftOut: []matrix.LeftOut{{Party: 4, Reason: "shares fewer than 3 scored issues with 4 of the 4 other parties"}}}},
		// U has no scored stance; the rest is a line.
		{"a party without a scored stance", mapMatrix("A U B C", "SSSS", "uu..", "ssss", "OOOO"),
			want{mapped: []int{0, 2, 3}, explained: [2]float64{1, 0},
				leftOut: []matrix.LeftOut{{Party: 1, Reason: "no scored stance"}}}},
		// Every party has positions on two issues, no two on the same
		// three: no pair is known.
		{"sparse", mapMatrix("A B C D E F G H",
			"SS......", ".OO.....", "..ss....", "...OO...", "....cc..", ".....SS.", "......oo", "O......O"),
			want{reason: "No party map: only 0 of 28 pairs of parties share 3 or more scored issues, fewer than half."}},
		// U and V have no scored stance: the rule counts the pairs of the
		// other four and says so.
		{"sparse with parties without a scored stance", mapMatrix("A B U C D V",
			"SS..", ".OO.", "uu..", "..ss", "S..S", "...."),
			want{reason: "No party map: only 0 of the 6 pairs of the 4 parties with a scored stance share 3 or more scored issues, fewer than half.",
				leftOut: []matrix.LeftOut{{Party: 2, Reason: "no scored stance"}, {Party: 5, Reason: "no scored stance"}}}},
		// A shares three issues with each of B, C and D, who share none:
		// D, then C are left out, and two parties are too few.
		{"a star", mapMatrix("A B C D", "SSSSSSSSS", "sss......", "...OOO...", "......ccc"),
			want{reason: "No party map: only 2 parties share 3 or more scored issues with each other.",
				leftOut: []matrix.LeftOut{
					{Party: 2, Reason: "shares fewer than 3 scored issues with 2 of the 3 other parties"},
					{Party: 3, Reason: "shares fewer than 3 scored issues with 2 of the 3 other parties"}}}},
		{"two parties", mapMatrix("A B", "SSS", "OOO"),
			want{reason: "No party map: only 2 of 2 parties have a scored stance, and a map needs at least 3."}},
		{"everyone agrees", mapMatrix("A B C", "SsO", "SsO", "SsO"),
			want{reason: "No party map: the parties agree fully on every issue they share, so they would all be one point."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pm := matrix.MapParties(tc.m)
			// Every pair count a reader sees is out of all pairs, as
			// in the key findings.
			if n := len(tc.m.Parties); pm.Pairs != n*(n-1)/2 {
				t.Errorf("Pairs = %d, want all %d pairs of %d parties", pm.Pairs, n*(n-1)/2, n)
			}
			if tc.want.leftOut == nil {
				tc.want.leftOut = []matrix.LeftOut{}
			}
			if !reflect.DeepEqual(pm.LeftOut, tc.want.leftOut) {
				t.Errorf("LeftOut = %+v, want %+v", pm.LeftOut, tc.want.leftOut)
			}
			if tc.want.mapped == nil {
				if len(pm.Points) != 0 || pm.Reason != tc.want.reason {
					t.Errorf("map %+v, reason %q; want no map, reason %q", pm.Points, pm.Reason, tc.want.reason)
				}
				return
			}
			if pm.Reason != "" {
				t.Fatalf("no map: %s", pm.Reason)
			}
			var mapped []int
			for _, p := range pm.Points {
				mapped = append(mapped, p.Party)
			}
			if !slices.Equal(mapped, tc.want.mapped) {
				t.Fatalf("mapped %v, want %v", mapped, tc.want.mapped)
			}
			ag := matrix.AgreementMatrix(tc.m)
			for _, a := range pm.Points {
				for _, b := range pm.Points {
					want := 1 - ag[a.Party][b.Party].Agreement
					// Coordinates are rounded to 4 decimals.
					if got := mapDistance(a, b); math.Abs(got-want) > 2e-4 {
						t.Errorf("distance %d–%d = %.5f, want %.5f", a.Party, b.Party, got, want)
					}
				}
			}
			if pm.Explained != tc.want.explained {
				t.Errorf("Explained = %v, want %v", pm.Explained, tc.want.explained)
			}
			if pm.Stress > tc.want.stress {
				t.Errorf("Stress = %v, want at most %v", pm.Stress, tc.want.stress)
			}
			checkSigns(t, pm.Points)
		})
	}
}

// plantedBlocs has two blocs interleaved in the workbook: A, C, E lean to
// support, B, D, F to oppose, each with some variation of its own.
func plantedBlocs() *matrix.Matrix {
	return mapMatrix("A B C D E F",
		"SSsSsSSs", "OOoOoOcO", "SsSScSSS", "oOOOOoOO", "sSSsSSsS", "OOooOOOo")
}

func TestPlantedBlocs(t *testing.T) {
	m := plantedBlocs()
	an := matrix.Analyze(m, nil)
	for _, p := range an.Map.Points {
		if left := p.X < 0; left != (p.Party%2 == 0) {
			t.Errorf("party %s at x = %g: the blocs are not split on the first axis", m.Parties[p.Party].Name, p.X)
		}
	}
	if an.Map.Explained[0] < 0.9 {
		t.Errorf("the first axis explains %v, want most", an.Map.Explained[0])
	}
	want := [][]int{{0, 2, 4}, {1, 5, 3}}
	if !reflect.DeepEqual(an.Blocs.Groups, want) {
		t.Errorf("Blocs.Groups = %v, want %v", an.Blocs.Groups, want)
	}
	if want := []int{0, 2, 4, 1, 5, 3}; !slices.Equal(an.Order, want) {
		t.Errorf("Order = %v, want %v", an.Order, want)
	}
	const summary = "Two blocs at 70% agreement or more, covering 6 of 6 parties: A, C and E; B, F and D."
	if an.Blocs.Summary != summary {
		t.Errorf("Summary = %q, want %q", an.Blocs.Summary, summary)
	}
}

func TestFindBlocs(t *testing.T) {
	tests := []struct {
		name    string
		m       *matrix.Matrix
		groups  [][]int
		summary string
	}{
		{"planted", plantedBlocs(), [][]int{{0, 2, 4}, {1, 5, 3}},
			"Two blocs at 70% agreement or more, covering 6 of 6 parties: A, C and E; B, F and D."},
		// A–B agree 75%, C is at 25% from both: one bloc, C alone.
		{"one bloc", mapMatrix("A B C", "SSS", "sss", "OOO"), [][]int{{0, 1}},
			"One bloc at 70% agreement or more, covering 2 of 3 parties: A and B."},
		// Agreement of A–B 62.5%: below the cut.
		{"below the cut", mapMatrix("A B", "SSSS", "cSsc"), [][]int{},
			"No blocs: no two parties agree 70% or more over at least 3 shared scored issues."},
		// A and B agree fully, but over two issues only.
		{"too few shared issues", mapMatrix("A B", "SS.", "SSS"), [][]int{},
			"No blocs: no two parties agree 70% or more over at least 3 shared scored issues."},
		{"sparse", mapMatrix("A B C D", "SS..", ".SS.", "..SS", "S..S"), [][]int{},
			"No blocs: no two parties agree 70% or more over at least 3 shared scored issues."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := matrix.FindBlocs(tc.m)
			if !reflect.DeepEqual(b.Groups, tc.groups) {
				t.Errorf("Groups = %v, want %v", b.Groups, tc.groups)
			}
			if b.Summary != tc.summary {
				t.Errorf("Summary = %q, want %q", b.Summary, tc.summary)
			}
		})
	}
}

// TestMapDeterministic checks that the map and the blocs are the same on
// every run, that the signs follow the rule, and that the map's distances
// do not depend on the order of the parties.
func TestMapDeterministic(t *testing.T) {
	for _, n := range []int{3, 12, 40} {
		m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: n, Issues: 50, Seed: uint64(n)})
		a, b := matrix.Analyze(m, nil), matrix.Analyze(m, nil)
		if !reflect.DeepEqual(a.Map, b.Map) || !reflect.DeepEqual(a.Blocs, b.Blocs) || !slices.Equal(a.Order, b.Order) {
			t.Fatalf("%d parties: two runs differ", n)
		}
		if a.Map.Reason != "" {
			t.Fatalf("%d parties: no map: %s", n, a.Map.Reason)
		}
		checkSigns(t, a.Map.Points)
		if s := a.Map.Stress; !(s >= 0 && s <= 1) {
			t.Errorf("%d parties: stress %v", n, s)
		}
		if e := a.Map.Explained; !(e[0] >= e[1] && e[1] >= 0 && e[0]+e[1] <= 1) {
			t.Errorf("%d parties: explained %v", n, e)
		}
		rev := make([]int, n)
		for i := range rev {
			rev[i] = n - 1 - i
		}
		r := matrix.MapParties(m.Reorder(rev))
		if len(r.Points) != n {
			t.Fatalf("%d parties reversed: %d points", n, len(r.Points))
		}
		at := func(pts []matrix.Point, p int) matrix.Point {
			return pts[slices.IndexFunc(pts, func(q matrix.Point) bool { return q.Party == p })]
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				d1 := mapDistance(at(a.Map.Points, p), at(a.Map.Points, q))
				d2 := mapDistance(at(r.Points, n-1-p), at(r.Points, n-1-q))
				if math.Abs(d1-d2) > 1e-3 {
					t.Errorf("%d parties: distance %d–%d is %.4f, reversed %.4f", n, p, q, d1, d2)
				}
			}
		}
	}
}
