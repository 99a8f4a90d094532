package json

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/stancematrix/stancematrix/matrix"
)

// analysis writes the analysis members shared by Write and Analysis.
func (o *out) analysis(m *matrix.Matrix, an *matrix.Analysis, contested []int) {
	pairs := agreementPairs(m, an)
	o.key("", "agreement", false)
	o.list("  ", len(pairs), func(i int) {
		p := pairs[i]
		a := pair{A: m.Parties[p.A].Name, B: m.Parties[p.B].Name, Shared: p.Shared}
		if p.OK {
			a.Agreement = figure(p.Agreement)
		}
		o.val(a, "    ")
	})
	names := make([]string, 0, len(contested))
	for _, k := range contested {
		names = append(names, m.Issues[k].Name)
	}
	o.key("", "contested", false)
	o.val(names, "  ")
	order := similarityOrder(m, an)
	parties := make([]string, 0, len(order))
	for _, p := range order {
		parties = append(parties, m.Parties[p].Name)
	}
	o.key("", "similarity_order", false)
	o.val(parties, "  ")
	o.partyMap(m, an)
	o.key("", "blocs", false)
	o.val(blocsOf(m, an), "  ")
	o.key("", "blocs_summary", false)
	o.val(an.Blocs.Summary, "")
	o.key("", "category_profiles", false)
	o.val(categoryProfilesOf(m, an.Categories), "  ")
	authors := make([]authorFinding, 0, len(m.Findings))
	for _, f := range m.Findings {
		a := authorFinding{Text: f.Text, Parties: append([]string{}, f.Parties...)}
		if f.Issue != "" {
			a.Issue = &f.Issue
		}
		if f.HasOrder {
			order := f.Order
			a.Order = &order
		}
		authors = append(authors, a)
	}
	o.key("", "author_findings", false)
	o.list("  ", len(authors), func(i int) { o.val(authors[i], "    ") })
	findings := append([]string{}, an.Findings...)
	o.key("", "key_findings", false)
	o.val(findings, "  ")
}

// authorFinding is one of the author's own key findings (the workbook's
// Findings sheet), in the order the briefings show them.
type authorFinding struct {
	Text    string   `json:"text"`
	Issue   *string  `json:"issue"`
	Parties []string `json:"parties"`
	Order   *float64 `json:"order"`
}

// issueStats are matrix.IssueStats with counts by label and null for the
// figures that do not exist.
type issueStats struct {
	Positions int          `json:"positions"`
	Scored    int          `json:"scored"`
	Counts    stanceCounts `json:"counts"`
	// Weights is the parties' Weight per stance, keyed like Counts.
	Weights stanceCounts `json:"weights"`
	// Spread and Range are null with fewer than two scored stances.
	Spread    *float64 `json:"spread"`
	Range     *float64 `json:"range"`
	Consensus *float64 `json:"consensus"`
	Median    *float64 `json:"median"`
	// ContestedRank is 1 for the most contested issue.
	ContestedRank *int `json:"contested_rank"`
}

func issuesOf(m *matrix.Matrix, stats []*matrix.IssueStats, contested []int) []issue {
	rank := make([]int, len(m.Issues))
	for r, k := range contested {
		rank[k] = r + 1
	}
	out := make([]issue, 0, len(m.Issues))
	for i, is := range m.Issues {
		ji := issue{Name: is.Name, Short: is.Short, Category: is.Category,
			Weight: number(is.Weight), Description: is.Description}
		if st := stats[i]; st != nil {
			s := &issueStats{Positions: st.Positions, Scored: st.Scored, Counts: countsOf(m.Scale, st.Counts),
				Weights: weightsOf(m.Scale, st.Weights)}
			if st.Scored >= 2 {
				s.Spread = figure(st.Spread)
				s.Range = figure(st.Range)
			}
			if st.HasConsensus {
				s.Consensus = figure(st.Consensus)
			}
			if st.HasMedian {
				s.Median = figure(st.Median)
			}
			if rank[i] > 0 {
				r := rank[i]
				s.ContestedRank = &r
			}
			ji.Statistics = s
		}
		out = append(out, ji)
	}
	return out
}

// stanceCounts are a figure per stance (the number of parties, or their
// weight), written as an object whose keys are the scale's labels in
// scale order.
type stanceCounts []count

type count struct {
	Label string
	N     any // int, or *float64 (null when not finite)
}

// bySum sums vals per label, in scale order: a repeated label would
// repeat a key.
func bySum(s matrix.Scale, vals func(k int) float64) ([]string, []float64) {
	var labels []string
	var sums []float64
	for k, st := range s.Stances {
		j := slices.Index(labels, st.Label)
		if j < 0 {
			labels = append(labels, st.Label)
			sums = append(sums, 0)
			j = len(sums) - 1
		}
		sums[j] += vals(k)
	}
	return labels, sums
}

func countsOf(s matrix.Scale, counts []int) stanceCounts {
	labels, sums := bySum(s, func(k int) float64 {
		if k < len(counts) {
			return float64(counts[k])
		}
		return 0
	})
	out := make(stanceCounts, len(labels))
	for j := range labels {
		out[j] = count{labels[j], int(sums[j])}
	}
	return out
}

// weightsOf is countsOf for the parties' weight per stance.
func weightsOf(s matrix.Scale, weights []float64) stanceCounts {
	labels, sums := bySum(s, func(k int) float64 {
		if k < len(weights) {
			return weights[k]
		}
		return 0
	})
	out := make(stanceCounts, len(labels))
	for j := range labels {
		out[j] = count{labels[j], figure(sums[j])}
	}
	return out
}

// categoryProfiles are matrix.CategoryProfiles by name.
type categoryProfiles struct {
	Categories    []category `json:"categories"`
	Uncategorised int        `json:"uncategorised"`
	MinCategories int        `json:"min_categories"`
	// Reason says why the profiles are too thin to show; null when they
	// are not.
	Reason *string `json:"reason"`
}

type category struct {
	Category string         `json:"category"`
	Issues   int            `json:"issues"`
	Means    []categoryMean `json:"means"`
}

type categoryMean struct {
	Party  string   `json:"party"`
	Mean   *float64 `json:"mean"`
	Scored int      `json:"scored"`
}

func categoryProfilesOf(m *matrix.Matrix, cp matrix.CategoryProfiles) categoryProfiles {
	out := categoryProfiles{Categories: make([]category, 0, len(cp.Categories)), Uncategorised: cp.Uncategorised,
		MinCategories: matrix.MinCategories}
	if cp.Reason != "" {
		r := cp.Reason
		out.Reason = &r
	}
	for _, c := range cp.Categories {
		jc := category{Category: c.Name, Issues: len(c.Issues), Means: make([]categoryMean, 0, len(m.Parties))}
		for p, pt := range m.Parties {
			jm := categoryMean{Party: pt.Name}
			if p < len(c.Means) {
				jm.Scored = c.Means[p].Scored
				if jm.Scored > 0 {
					jm.Mean = figure(c.Means[p].Mean)
				}
			}
			jc.Means = append(jc.Means, jm)
		}
		out.Categories = append(out.Categories, jc)
	}
	return out
}

// MarshalJSON writes the counts as an object in scale order.
func (c stanceCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, n := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(n.Label); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // the newline Encode adds
		b.WriteByte(':')
		if err := enc.Encode(n.N); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type pair struct {
	A         string   `json:"a"`
	B         string   `json:"b"`
	Agreement *float64 `json:"agreement"`
	Shared    int      `json:"shared"`
}

// agreementPairs returns the agreement for every unordered pair a < b in
// display order. It uses the analysis's agreement matrix when that is full,
// and matrix.Agreement pair by pair otherwise.
func agreementPairs(m *matrix.Matrix, an *matrix.Analysis) []matrix.Pair {
	n := len(m.Parties)
	am := an.Agreement
	full := len(am) == n
	for _, row := range am {
		if len(row) != n {
			full = false
		}
	}
	out := make([]matrix.Pair, 0, n*(n-1)/2)
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			var p matrix.Pair
			if full {
				p = am[a][b]
			} else {
				p = matrix.Agreement(m, a, b)
			}
			p.A, p.B = a, b
			out = append(out, p)
		}
	}
	return out
}

// statsByIssue returns the statistics of every issue indexed by issue
// (nil where the analysis gave none) and the issue indices from most
// contested to most agreed.
func statsByIssue(m *matrix.Matrix, an *matrix.Analysis) (byIssue []*matrix.IssueStats, contested []int) {
	stats := an.Issues
	byIssue = make([]*matrix.IssueStats, len(m.Issues))
	for i := range stats {
		if k := stats[i].Issue; k >= 0 && k < len(byIssue) && byIssue[k] == nil {
			byIssue[k] = &stats[i]
		}
	}
	ranked := an.Contested
	seen := make([]bool, len(m.Issues))
	contested = make([]int, 0, len(ranked))
	for _, st := range ranked {
		if k := st.Issue; k >= 0 && k < len(seen) && !seen[k] {
			seen[k] = true
			contested = append(contested, k)
		}
	}
	return byIssue, contested
}

// similarityOrder returns the analysis's similarity order with indices that
// are out of range or repeated left out.
func similarityOrder(m *matrix.Matrix, an *matrix.Analysis) []int {
	order := an.Order
	seen := make([]bool, len(m.Parties))
	out := make([]int, 0, len(order))
	for _, p := range order {
		if p >= 0 && p < len(seen) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

type point struct {
	Party string   `json:"party"`
	X     *float64 `json:"x"`
	Y     *float64 `json:"y"`
}

type mapFit struct {
	// Explained and Stress are null when there is no map.
	Explained  []*float64 `json:"explained"`
	Stress     *float64   `json:"stress"`
	MinShared  int        `json:"min_shared"`
	Pairs      int        `json:"pairs"`
	PairsKnown int        `json:"pairs_known"`
	LeftOut    []leftOut  `json:"left_out"`
	// Reason says why there is no map; null when there is one.
	Reason *string `json:"reason"`
}

type leftOut struct {
	Party  string `json:"party"`
	Reason string `json:"reason"`
}

// partyMap writes the members map and map_fit. Parties out of range are
// left out.
func (o *out) partyMap(m *matrix.Matrix, an *matrix.Analysis) {
	pm := an.Map
	valid := func(p int) bool { return p >= 0 && p < len(m.Parties) }
	pts := make([]point, 0, len(pm.Points))
	for _, p := range pm.Points {
		if valid(p.Party) {
			pts = append(pts, point{Party: m.Parties[p.Party].Name, X: figure(p.X), Y: figure(p.Y)})
		}
	}
	fit := mapFit{MinShared: matrix.MinShared, Pairs: pm.Pairs, PairsKnown: pm.Known, LeftOut: []leftOut{}}
	for _, l := range pm.LeftOut {
		if valid(l.Party) {
			fit.LeftOut = append(fit.LeftOut, leftOut{Party: m.Parties[l.Party].Name, Reason: l.Reason})
		}
	}
	if pm.Reason != "" {
		r := pm.Reason
		fit.Reason = &r
	} else {
		fit.Explained = []*float64{figure(pm.Explained[0]), figure(pm.Explained[1])}
		fit.Stress = figure(pm.Stress)
	}
	o.key("", "map", false)
	o.list("  ", len(pts), func(i int) { o.val(pts[i], "    ") })
	o.key("", "map_fit", false)
	o.val(fit, "  ")
}

// blocsOf returns the blocs as lists of party names; parties out of range
// are left out, and so are blocs left with fewer than two.
func blocsOf(m *matrix.Matrix, an *matrix.Analysis) [][]string {
	out := [][]string{}
	for _, g := range an.Blocs.Groups {
		var names []string
		for _, p := range g {
			if p >= 0 && p < len(m.Parties) {
				names = append(names, m.Parties[p].Name)
			}
		}
		if len(names) >= 2 {
			out = append(out, names)
		}
	}
	return out
}
