package matrix_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// europe is the findings test's matrix (default scale, R = 4, all weights 1).
//
//	                     France  Germany  Poland  Hungary
//	Sanctions on Russia  S  2    S  2     S  2    O −2
//	Troops for Ukraine   LS 1    LO −1    S  2    O −2
//	Reconstruction fund  S  2    S  2     S  2    .
//	Energy embargo       C  0    LO −1    S  2    U
//
// Consensus (mean over pairs of 1 − |Δ|/4):
//
//	Sanctions: FG 1, FP 1, GP 1, FH 0, GH 0, PH 0 → 3/6 = 50%
//	Troops: FG .5, FP .75, FH .25, GP .25, GH .75, PH 0 → 2.5/6 = 42%
//	Reconstruction: all 2 → 100%
//	Energy: FG .75, FP .5, GP .25 (Hungary unclear) → 1.5/3 = 50%, tied
//	with Sanctions, which comes first in the workbook.
//
// Agreement between parties (mean over shared issues):
//
//	France–Germany: 1, .5, 1, .75 → 3.25/4 = 81% over 4
//	France–Poland: 1, .75, 1, .5 → 3.25/4 = 81% over 4 (tied: France–Germany
//	comes first)
//	France–Hungary: 0, .25 → 13% over 2
//	Germany–Poland: 1, .25, 1, .25 → 63% over 4
//	Germany–Hungary: 0, .75 → 38% over 2
//	Poland–Hungary: 0, 0 → 0% over 2 (the least)
//
// Every pair shares at least 2 issues, half of the most shared (4): all
// count.
func anEurope() *matrix.Matrix {
	m := anBuild(matrix.DefaultScale(), anParties("France", "Germany", "Poland", "Hungary"),
		anIssues("Sanctions on Russia", "Troops for Ukraine", "Reconstruction fund", "Energy embargo"),
		[][]string{
			{anS, anS, anS, anO},
			{anLS, anLO, anS, anO},
			{anS, anS, anS, ""},
			{anC, anLO, anS, anU},
		})
	m.About.AsOf = anDay("2025-04-23")
	return m
}

// europeBefore is europe on 16 April 2025 with three cells different:
// Germany Opposes (not Leans oppose) and Hungary Supports (not Opposes) on
// troops, and Hungary blank (not Unclear) on the embargo.
func anEuropeBefore() *matrix.Matrix {
	m := anEurope()
	m.SetStance(1, 1, anO)
	m.SetStance(1, 3, anS)
	m.SetStance(3, 3, "")
	m.About.AsOf = anDay("2025-04-16")
	return m
}

func TestKeyFindings(t *testing.T) {
	base := []string{
		"The most contested issues are Troops for Ukraine (42% agreement among all 4 parties) and Sanctions on Russia (50% among all 4 parties).",
		"All 3 parties with a position on Reconstruction fund (3 of 4) take the same stance: Supports.",
		// Pairs with Hungary share 2 issues, fewer than MinShared: left out.
		"France and Germany agree most: 81% over 4 shared issues (3 of 6 pairs share at least 3 scored issues).",
		"Germany and Poland agree least: 63% over 4 shared issues (3 of 6 pairs share at least 3 scored issues).",
	}
	twoChanges := anEuropeBefore()
	twoChanges.SetStance(3, 3, anU)
	tests := []struct {
		name string
		m    *matrix.Matrix
		ch   *matrix.Changes
		want []string
	}{
		{"no changes given", anEurope(), nil, base},
		// Changes in Diff order: troops/Germany (−2 → −1, a quarter of the
		// range), troops/Hungary (2 → −2, the whole range), embargo/Hungary
		// (off the axis). Room is left for one move and the count.
		{"three changes", anEurope(), matrix.Diff(anEuropeBefore(), anEurope()), append(slices.Clone(base),
			"Hungary moved from Supports to Opposes on Troops for Ukraine since 16 April 2025.",
			"In all, 3 of the 16 cells both versions have changed since 16 April 2025.")},
		// Two changes: room for the bigger move and the count.
		{"two changes", anEurope(), matrix.Diff(twoChanges, anEurope()), append(slices.Clone(base),
			"Hungary moved from Supports to Opposes on Troops for Ukraine since 16 April 2025.",
			"In all, 2 of the 16 cells both versions have changed since 16 April 2025.")},
		{"nothing changed", anEurope(), matrix.Diff(anEurope(), anEurope()), append(slices.Clone(base),
			// europe() compared with itself has the same date.
			"No position has changed since 23 April 2025 (16 cells compared).")},
		// The analysis fixture: I5 (20%) and I1 (40%) are the most
		// contested with 3 scored parties; I2 (25%) and two others have
		// only 2 and are not ranked. On I4 B and C both support, too few
		// for a finding. Only A–B shares MinShared issues.
		{"fixture", anFixture(), nil, []string{
			"The most contested issues are I5 (20% agreement among 3 of 4 parties) and I1 (40% among 3 of 4 parties); 3 issues with fewer than 3 scored parties are not ranked.",
			"No issue is named agreed by all: where every party with a position takes the same stance (1 issue), only 2 of 4 parties have one, and such a finding needs at least 3.",
			"A and B agree 60% over 4 shared issues (the only pair of 6 sharing at least 3 scored issues).",
		}},
		// One pair, one issue, full agreement: too thin for any finding;
		// each sentence says why.
		{"one pair", anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anS, anS}}), nil, []string{
			"No issue is named agreed by all: where every party with a position takes the same stance (1 issue), only 2 of 2 parties have one, and such a finding needs at least 3.",
			"No closest or furthest pair is named: no two parties share 3 or more scored issues (1 of 1 pairs share at least one, at most 1 issue).",
		}},
		// Several unanimous issues (I2 and I4 with two parties only, left
		// out), and all pairs equally far apart.
		{"several unanimous", anBuild(matrix.DefaultScale(), anParties("A", "B", "C"), anIssues("I1", "I2", "I3", "I4", "I5"), [][]string{
			{anS, anS, anS}, {anO, anO, ""}, {anLS, anLS, anLS}, {anC, "", anC}, {anU, anU, anU},
		}), nil, []string{
			"Every party with a position takes the same stance on 2 issues: I1 (Supports, all 3 parties) and I3 (Leans support, all 3 parties).",
			"Every pair of parties sharing at least 3 scored issues agrees 100% (2 of 3 pairs).",
		}},
		{"more than three unanimous", anBuild(matrix.DefaultScale(), anParties("A", "B", "C", "D"), anIssues("I1", "I2", "I3", "I4", "I5"), [][]string{
			{anS, anS, anS, anS}, {anO, anO, anO, ""}, {anLS, anLS, anLS, anLS}, {anC, anC, anC, ""}, {anO, anO, anO, anO},
		}), nil, []string{
			"Every party with a position takes the same stance on 5 issues: I1 (Supports, all 4 parties), I2 (Opposes, 3 of 4 parties), I3 (Leans support, all 4 parties) and 2 more.",
			"Every pair of parties sharing at least 3 scored issues agrees 100% (6 of 6 pairs).",
		}},
		{"empty", anBuild(matrix.DefaultScale(), nil, nil, nil), nil, nil},
		{"party without positions only", anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{""}}), nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matrix.KeyFindings(tc.m, tc.ch)
			if !slices.Equal(got, tc.want) {
				t.Errorf("KeyFindings:\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(got) > matrix.MaxFindings {
				t.Errorf("%d findings, at most %d", len(got), matrix.MaxFindings)
			}
			if again := matrix.KeyFindings(tc.m, tc.ch); !slices.Equal(got, again) {
				t.Errorf("second call differs: %q", again)
			}
		})
	}
}

func TestKeyFindingsUndatedChanges(t *testing.T) {
	old := anEuropeBefore()
	old.About.AsOf = anDay("0001-01-01")
	old.Source = "before.xlsx"
	new := anEurope()
	new.Source = "after.xlsx"
	got := matrix.KeyFindings(new, matrix.Diff(old, new))
	want := "Hungary moved from Supports to Opposes on Troops for Ukraine since before.xlsx."
	if !slices.Contains(got, want) {
		t.Errorf("KeyFindings = %q, want it to contain %q", got, want)
	}
}

// coverage matches the words by which a key finding states what it rests
// on, or says why it is not made.
var coverage = regexp.MustCompile(`\d+ of (the )?\d+|(?i:all \d+ parties)|both parties|the only pair of \d+|cells compared|^No `)

// TestKeyFindingsThinData checks that matrices where most pairs share fewer
// than MinShared scored issues give no unqualified finding: every sentence
// states its coverage or says why the finding is not made.
func TestKeyFindingsThinData(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 20, Blank: 85, Seed: seed})
		ag := matrix.AgreementMatrix(m)
		thin, pairs := 0, 0
		for a := range ag {
			for b := a + 1; b < len(ag); b++ {
				pairs++
				if ag[a][b].Shared < matrix.MinShared {
					thin++
				}
			}
		}
		if 2*thin <= pairs {
			t.Fatalf("seed %d: only %d of %d pairs share fewer than %d issues; the matrix is not sparse", seed, thin, pairs, matrix.MinShared)
		}
		f := matrix.KeyFindings(m, nil)
		if len(f) == 0 {
			t.Errorf("seed %d: no findings and no reason given", seed)
		}
		for _, s := range f {
			if !coverage.MatchString(s) {
				t.Errorf("seed %d: finding without coverage: %q", seed, s)
			}
		}
		t.Logf("seed %d: %q", seed, f)
	}
}
