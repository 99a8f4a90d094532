package matrix

import (
	"fmt"
	"math"
	"strings"
)

// MinCategories is the number of issue categories the profiles by category
// need: with one category a party's profile is a single figure, which the
// matrix already shows better.
const MinCategories = 2

// CategoryProfiles are each party's mean score per issue category: the
// data of the chart "Party profiles by category".
type CategoryProfiles struct {
	// Categories are in the order of their first issue in the workbook.
	Categories []Category
	// Uncategorised is the number of issues of positive weight without a
	// category, which no profile counts.
	Uncategorised int
	// Reason says, in one sentence, why there are no profiles to show;
	// "" when there are.
	Reason string
}

// Category is one issue category and the parties' mean scores on it.
type Category struct {
	Name string
	// Issues are the category's issues of positive finite weight, in
	// workbook order; issues of weight 0 count nowhere, as in Agreement.
	Issues []int
	// Means is parallel to the matrix's parties.
	Means []CategoryMean
}

// CategoryMean is one party's mean score on one category.
type CategoryMean struct {
	// Mean is the issue-weighted mean of the party's scores over the
	// category's issues where it has a scored stance; meaningful when
	// Scored > 0.
	Mean float64
	// Scored is how many of the category's issues the mean rests on.
	Scored int
}

// ProfileCategories returns each party's mean score per issue category:
//
//	mean(p, c) = Σ wᵢ sₚ,ᵢ / Σ wᵢ
//
// over the issues i of category c (the issue's Category, spaces trimmed;
// compared exactly) of positive finite Weight wᵢ where party p has a
// scored stance sₚ,ᵢ. Blank cells and stances without a score are left
// out, as everywhere in the analysis; a party with no scored stance in a
// category has no mean there (Scored 0). Issues without a category are
// counted in Uncategorised and left out.
//
// The profiles are too thin to show, and Reason says why, when there are
// fewer than MinCategories categories, or when no party has a mean in
// MinCategories or more of them (no profile to compare across
// categories).
func ProfileCategories(m *Matrix) CategoryProfiles {
	sc := codesOf(m)
	return profileCategories(m, &sc)
}

func profileCategories(m *Matrix, sc *stanceCodes) CategoryProfiles {
	var cp CategoryProfiles
	index := map[string]int{}
	for i, is := range m.Issues {
		if !usableWeight(is.Weight) {
			continue
		}
		name := strings.TrimSpace(is.Category)
		if name == "" {
			cp.Uncategorised++
			continue
		}
		k, ok := index[name]
		if !ok {
			k = len(cp.Categories)
			index[name] = k
			cp.Categories = append(cp.Categories, Category{Name: name})
		}
		cp.Categories[k].Issues = append(cp.Categories[k].Issues, i)
	}
	// Per stance code + 1 (0 for a blank cell): its score, 1 for a scored
	// stance, 0 else. The loop over the parties then has no branch on the
	// (unpredictable) stances: a party adds +0 where it has no score,
	// which leaves every sum's bits as they were.
	ns := len(m.Scale.Stances)
	score, on, one := make([]float64, ns+1), make([]float64, ns+1), make([]int, ns+1)
	for k, st := range m.Scale.Stances {
		if st.HasScore {
			score[k+1], on[k+1], one[k+1] = st.Score, 1, 1
		}
	}
	// With whole scores (the default scale's −2 … +2) and issues of one
	// weight, every sum is a whole number, exact in floating point in any
	// order: the parties' stances are then counted, one increment a cell,
	// and the sums taken from the counts, with the same bits as summing.
	whole := true
	for _, st := range m.Scale.Stances {
		if st.HasScore && (st.Score != math.Trunc(st.Score) || math.Abs(st.Score) > 1<<20) {
			whole = false
		}
	}
	stride := ns + 1
	var tally []int32
	best := 0 // the most categories any party has a mean in
	counts := make([]int, len(m.Parties))
	for k := range cp.Categories {
		c := &cp.Categories[k]
		c.Means = make([]CategoryMean, len(m.Parties))
		sums := make([]float64, len(m.Parties))
		wsum := make([]float64, len(m.Parties))
		// Weights relative to the largest, so that huge weights cannot
		// overflow the sums.
		wmax := 0.0
		for _, i := range c.Issues {
			wmax = max(wmax, m.Issues[i].Weight)
		}
		uniform := whole
		for _, i := range c.Issues {
			uniform = uniform && m.Issues[i].Weight == wmax
		}
		if uniform {
			if tally == nil {
				tally = make([]int32, len(m.Parties)*stride)
			} else {
				clear(tally)
			}
			for _, i := range c.Issues {
				row := sc.issue(i)
				t := tally[:len(row)*stride]
				for p, k := range row {
					t[p*stride+int(k)+1]++
				}
			}
			for p := range m.Parties {
				var sum, n int64
				for k1, t := range tally[p*stride : (p+1)*stride] {
					sum += int64(t) * int64(score[k1])
					n += int64(t) * int64(one[k1])
				}
				sums[p], wsum[p] = float64(sum), float64(n)
				c.Means[p].Scored = int(n)
			}
		} else {
			for _, i := range c.Issues {
				w := m.Issues[i].Weight / wmax
				for p, k := range sc.issue(i) {
					k1 := int(k) + 1
					sums[p] += w * score[k1]
					wsum[p] += w * on[k1]
					c.Means[p].Scored += one[k1]
				}
			}
		}
		for p := range m.Parties {
			if c.Means[p].Scored > 0 {
				c.Means[p].Mean = sums[p] / wsum[p]
				counts[p]++
				best = max(best, counts[p])
			}
		}
	}
	switch {
	case len(cp.Categories) == 0:
		cp.Reason = "No profiles by category: the issues have no categories."
	case len(cp.Categories) < MinCategories:
		cp.Reason = fmt.Sprintf("No profiles by category: every categorised issue is in one category, %s, and a profile needs at least %d.",
			cp.Categories[0].Name, MinCategories)
	case best < MinCategories:
		cp.Reason = fmt.Sprintf("No profiles by category: no party has a scored stance in %d or more of the %d categories.",
			MinCategories, len(cp.Categories))
	}
	return cp
}

// MaxSplitIssues is how many of the most contested issues the chart
// "Where the issues split" shows, in the PDF and in the XLSX report.
const MaxSplitIssues = 15

// SplitIssues returns the most contested issues of an, the analysis of m,
// that the chart "Where the issues split" can show: those with a consensus
// figure and at least MinPositions parties with a scored stance (the rule
// of the key finding "most contested"), up to max, most contested first;
// how many issues qualify in all; and how many issues with a position were
// left out for having fewer scored parties.
func SplitIssues(m *Matrix, an *Analysis, max int) (shown []IssueStats, qualifying, thin int) {
	n := len(m.Scale.Stances)
	for _, st := range an.Contested {
		if st.Issue < 0 || st.Issue >= len(m.Issues) || len(st.Counts) != n || len(st.Weights) != n || st.Positions == 0 {
			continue
		}
		if !st.HasConsensus || st.Scored < MinPositions {
			thin++
			continue
		}
		qualifying++
		if len(shown) < max {
			shown = append(shown, st)
		}
	}
	return shown, qualifying, thin
}

// WeightsDiffer reports whether the parties' weights differ, counting a
// weight that is not a positive finite number as 0: when they do, the
// charts divide the parties' weight as well as their number.
func (m *Matrix) WeightsDiffer() bool {
	first := 0.0
	for p, pt := range m.Parties {
		w := pt.Weight
		if !usableWeight(w) {
			w = 0
		}
		if p == 0 {
			first = w
		} else if w != first {
			return true
		}
	}
	return false
}
