package matrix_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
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
	m.Cells[1][1].Stance = anO
	m.Cells[1][3].Stance = anS
	m.Cells[3][3].Stance = ""
	m.About.AsOf = anDay("2025-04-16")
	return m
}

func TestKeyFindings(t *testing.T) {
	base := []string{
		"The most contested issues are Troops for Ukraine (42% agreement between parties) and Sanctions on Russia (50%).",
		"All 3 parties with a position on Reconstruction fund take the same stance: Supports.",
		"France and Germany agree most: 81% over 4 shared issues.",
		"Poland and Hungary agree least: 0% over 2 shared issues.",
	}
	twoChanges := anEuropeBefore()
	twoChanges.Cells[3][3].Stance = anU
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
			"In all, 3 positions changed since 16 April 2025.")},
		// Two changes: both shown, the bigger move first.
		{"two changes", anEurope(), matrix.Diff(twoChanges, anEurope()), append(slices.Clone(base),
			"Hungary moved from Supports to Opposes on Troops for Ukraine since 16 April 2025.",
			"Germany moved from Opposes to Leans oppose on Troops for Ukraine since 16 April 2025.")},
		{"nothing changed", anEurope(), matrix.Diff(anEurope(), anEurope()), append(slices.Clone(base),
			// europe() compared with itself has the same date.
			"No position has changed since 23 April 2025.")},
		// The analysis fixture: I5 (20%) and I2 (25%) are the most
		// contested; on I4 B and C both support; A–C (0% over 1 issue)
		// shares fewer than half of A–B's 4 issues and is left out, so
		// the least agreeing pair is B–C at 50% over 2.
		{"fixture", anFixture(), nil, []string{
			"The most contested issues are I5 (20% agreement between parties) and I2 (25%).",
			"Both parties with a position on I4 take the same stance: Supports.",
			"A and B agree most: 60% over 4 shared issues.",
			"B and C agree least: 50% over 2 shared issues.",
		}},
		// One pair, one issue, full agreement: nothing contested.
		{"one pair", anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anS, anS}}), nil, []string{
			"Both parties with a position on I take the same stance: Supports.",
			"A and B agree 100% over 1 shared issue.",
		}},
		// Several unanimous issues, and all pairs equally far apart.
		{"several unanimous", anBuild(matrix.DefaultScale(), anParties("A", "B", "C"), anIssues("I1", "I2", "I3", "I4", "I5"), [][]string{
			{anS, anS, anS}, {anO, anO, ""}, {anLS, anLS, anLS}, {anC, "", anC}, {anU, anU, anU},
		}), nil, []string{
			"Every party with a position takes the same stance on 4 issues: I1 (Supports), I2 (Opposes), I3 (Leans support) and 1 more.",
			"Every pair of parties sharing at least 2 scored issues agrees 100%.",
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
