package matrix_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// TestProfileCategories checks the parties' mean scores per category on
// hand-worked matrices (default scale: S 2, LS 1, C 0, LO −1, O −2, U
// unscored).
func TestProfileCategories(t *testing.T) {
	type mean struct {
		category string
		party    int
		mean     float64
		scored   int
	}
	tests := []struct {
		name       string
		categories []string  // per issue
		weights    []float64 // per issue
		rows       [][]string
		wantCats   []string // categories with their issue counts, "Name:n"
		uncat      int
		want       []mean
		reason     string // a part of Reason; "" for none
	}{
		{
			name:       "plain means",
			categories: []string{"Security", "Economy", "Security", "Economy"},
			weights:    []float64{1, 1, 1, 1},
			rows:       [][]string{{anS, anO}, {anLS, ""}, {anC, anO}, {anLO, anU}},
			wantCats:   []string{"Security:2", "Economy:2"},
			want: []mean{
				{"Security", 0, 1, 2}, {"Security", 1, -2, 2},
				{"Economy", 0, 0, 2}, {"Economy", 1, 0, 0}, // B: blank and Unclear: no mean
			},
		},
		{
			// Security for A: (3·2 + 1·(−1)) / 4 = 1.25; the weight-0
			// issue counts nowhere, not even in the category's size.
			name:       "issue weights and zero weight",
			categories: []string{"Security", "Security", "Security", "Economy"},
			weights:    []float64{3, 1, 0, 2},
			rows:       [][]string{{anS, anS}, {anLO, ""}, {anO, anO}, {anC, anLS}},
			wantCats:   []string{"Security:2", "Economy:1"},
			want:       []mean{{"Security", 0, 1.25, 2}, {"Security", 1, 2, 1}, {"Economy", 0, 0, 1}, {"Economy", 1, 1, 1}},
		},
		{
			// Huge weights must not overflow: 1e308 · 2 is beyond float64.
			name:       "huge weights",
			categories: []string{"A", "A", "B"},
			weights:    []float64{1e308, 1e308, 1},
			rows:       [][]string{{anS, ""}, {anS, ""}, {anO, ""}},
			wantCats:   []string{"A:2", "B:1"},
			want:       []mean{{"A", 0, 2, 2}, {"B", 0, -2, 1}},
		},
		{
			name:       "uncategorised issues left out, names trimmed",
			categories: []string{" Security ", "", "Security", "Economy", "  "},
			weights:    []float64{1, 1, 1, 1, 1},
			rows:       [][]string{{anS, anS}, {anO, anO}, {anLS, anS}, {anC, anC}, {anO, anO}},
			wantCats:   []string{"Security:2", "Economy:1"},
			uncat:      2,
			want:       []mean{{"Security", 0, 1.5, 2}, {"Security", 1, 2, 2}},
		},
		{
			name:       "no categories",
			categories: []string{"", ""},
			weights:    []float64{1, 1},
			rows:       [][]string{{anS, anO}, {anS, anO}},
			uncat:      2,
			reason:     "the issues have no categories",
		},
		{
			name:       "one category",
			categories: []string{"Security", "Security"},
			weights:    []float64{1, 1},
			rows:       [][]string{{anS, anO}, {anS, anO}},
			wantCats:   []string{"Security:2"},
			want:       []mean{{"Security", 0, 2, 2}},
			reason:     "every categorised issue is in one category, Security",
		},
		{
			// Two categories, but no party is scored in both: nothing to
			// compare across categories.
			name:       "no party in two categories",
			categories: []string{"Security", "Economy"},
			weights:    []float64{1, 1},
			rows:       [][]string{{anS, ""}, {anU, anO}},
			wantCats:   []string{"Security:1", "Economy:1"},
			want:       []mean{{"Security", 0, 2, 1}, {"Economy", 0, 0, 0}, {"Economy", 1, -2, 1}},
			reason:     "no party has a scored stance in 2 or more of the 2 categories",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			is := anIssues(make([]string, len(tc.categories))...)
			for i := range is {
				is[i].Name = "I" + string(rune('1'+i))
				is[i].Category = tc.categories[i]
				is[i].Weight = tc.weights[i]
			}
			m := anBuild(matrix.DefaultScale(), anParties("A", "B"), is, tc.rows)
			cp := matrix.ProfileCategories(m)
			var cats []string
			for _, c := range cp.Categories {
				cats = append(cats, c.Name+":"+string(rune('0'+len(c.Issues))))
				if len(c.Means) != len(m.Parties) {
					t.Errorf("%s: %d means for %d parties", c.Name, len(c.Means), len(m.Parties))
				}
			}
			if strings.Join(cats, ",") != strings.Join(tc.wantCats, ",") {
				t.Errorf("categories %v, want %v", cats, tc.wantCats)
			}
			if cp.Uncategorised != tc.uncat {
				t.Errorf("Uncategorised = %d, want %d", cp.Uncategorised, tc.uncat)
			}
			for _, w := range tc.want {
				var got *matrix.CategoryMean
				for _, c := range cp.Categories {
					if c.Name == w.category {
						got = &c.Means[w.party]
					}
				}
				if got == nil {
					t.Errorf("no category %q", w.category)
					continue
				}
				if got.Scored != w.scored || (w.scored > 0 && math.Abs(got.Mean-w.mean) > 1e-12) {
					t.Errorf("%s, party %d: mean %v over %d, want %v over %d", w.category, w.party, got.Mean, got.Scored, w.mean, w.scored)
				}
			}
			if tc.reason == "" && cp.Reason != "" {
				t.Errorf("Reason = %q, want none", cp.Reason)
			}
			if tc.reason != "" && !strings.Contains(cp.Reason, tc.reason) {
				t.Errorf("Reason = %q, want it to say %q", cp.Reason, tc.reason)
			}
		})
	}
}

// TestAnalyzeCategories checks that Analyze fills the profiles.
func TestAnalyzeCategories(t *testing.T) {
	m := anFixture()
	for i := range m.Issues {
		m.Issues[i].Category = []string{"X", "Y"}[i%2]
	}
	an := matrix.Analyze(m, nil)
	want := matrix.ProfileCategories(m)
	if len(an.Categories.Categories) != 2 || an.Categories.Reason != want.Reason {
		t.Errorf("Analyze's categories %+v, want %+v", an.Categories, want)
	}
}
