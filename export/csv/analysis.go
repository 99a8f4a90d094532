package csv

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// Tables returns the names of the analysis tables Analysis writes: the data
// behind the briefing's charts, as tidy tables for pandas or R.
//
//   - "pairs": one row per pair of parties (the agreement heatmap);
//   - "parties": one row per party, with its place in the similarity order,
//     its bloc and its point on the party map;
//   - "issues": one row per issue with its figures and rank (the contested
//     issues);
//   - "split": one row per issue and stance, with the count and share of
//     parties taking it, and their weight and its share (where the issues
//     split);
//   - "categories": one row per party and issue category, with the party's
//     mean score there and the issues it rests on (party profiles by
//     category).
func Tables() []string { return []string{"pairs", "parties", "issues", "split", "categories"} }

// Analysis writes one table of the analysis of m (opt.AnalysisOf) as CSV,
// with the quoting, formula guard, byte order mark and provenance comment of
// Write. Numbers are
// rounded to 4 decimals; a figure that does not exist (no shared issue, not
// on the map) is an empty field, never 0.
func Analysis(w io.Writer, m *matrix.Matrix, table string, opt export.Options) error {
	an := opt.AnalysisOf(m)
	bw := bufio.NewWriterSize(w, 64<<10)
	start(bw, m, opt)
	switch table {
	case "pairs":
		pairsTable(bw, m, an)
	case "parties":
		partiesTable(bw, m, an)
	case "issues":
		issuesTable(bw, m, an)
	case "split":
		splitTable(bw, m, an)
	case "categories":
		categoriesTable(bw, m, an)
	default:
		return fmt.Errorf("unknown analysis table %q (valid: %s)", table, strings.Join(Tables(), ", "))
	}
	return bw.Flush()
}

// num formats a figure rounded to 4 decimals; NaN and infinities are empty.
func num(x float64) string {
	if !export.Finite(x) {
		return ""
	}
	r := export.Round(x)
	if r == 0 {
		r = 0 // no -0
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// numIf is num(x) when ok, else empty.
func numIf(x float64, ok bool) string {
	if !ok {
		return ""
	}
	return num(x)
}

func boolText(b bool) string { return strconv.FormatBool(b) }

// pairsTable: party_a, party_b (workbook order, a before b), agreement
// (empty without a shared scored issue), shared (scored issues both take a
// position on) and counts (true when the pair shares at least
// matrix.MinShared of them, the rule of the heatmap, map and blocs).
func pairsTable(w *bufio.Writer, m *matrix.Matrix, an *matrix.Analysis) {
	record(w, []string{"party_a", "party_b", "agreement", "shared", "counts"})
	n := min(len(m.Parties), len(an.Agreement))
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			pr := an.Agreement[a][b]
			_, ok := an.Known(a, b)
			record(w, []string{text(m.Parties[a].Name), text(m.Parties[b].Name),
				numIf(pr.Agreement, pr.OK), strconv.Itoa(pr.Shared), boolText(ok)})
		}
	}
}

// partiesTable: party, party_short, group, weight, order (1-based place in
// the similarity order), bloc (letter; empty in no bloc), x and y (empty
// when not on the map) and left_out (why the party is not on the map).
func partiesTable(w *bufio.Writer, m *matrix.Matrix, an *matrix.Analysis) {
	record(w, []string{"party", "party_short", "group", "weight", "order", "bloc", "x", "y", "left_out"})
	n := len(m.Parties)
	order := make([]string, n)
	for k, p := range an.Order {
		if p >= 0 && p < n {
			order[p] = strconv.Itoa(k + 1)
		}
	}
	bloc := make([]string, n)
	for g, ps := range an.Blocs.Groups {
		for _, p := range ps {
			if p >= 0 && p < n {
				bloc[p] = export.BlocLetter(g)
			}
		}
	}
	x, y := make([]string, n), make([]string, n)
	for _, pt := range an.Map.Points {
		if pt.Party >= 0 && pt.Party < n {
			x[pt.Party], y[pt.Party] = num(pt.X), num(pt.Y)
		}
	}
	left := make([]string, n)
	for _, l := range an.Map.LeftOut {
		if l.Party >= 0 && l.Party < n {
			left[l.Party] = l.Reason
		}
	}
	for p, pa := range m.Parties {
		if an.Map.Reason != "" && left[p] == "" {
			left[p] = an.Map.Reason
		}
		record(w, []string{text(pa.Name), text(pa.Short), text(pa.Group), num(pa.Weight),
			order[p], bloc[p], x[p], y[p], text(left[p])})
	}
}

// issuesTable: issue, issue_short, category, weight, contested_rank (1 =
// most contested; empty when unranked), positions, scored, consensus,
// spread, range and median (empty where they do not exist).
func issuesTable(w *bufio.Writer, m *matrix.Matrix, an *matrix.Analysis) {
	record(w, []string{"issue", "issue_short", "category", "weight", "contested_rank",
		"positions", "scored", "consensus", "spread", "range", "median"})
	rank := make([]string, len(m.Issues))
	for k, s := range an.Contested {
		if s.Issue >= 0 && s.Issue < len(rank) {
			rank[s.Issue] = strconv.Itoa(k + 1)
		}
	}
	for _, s := range an.Issues {
		if s.Issue < 0 || s.Issue >= len(m.Issues) {
			continue
		}
		is := m.Issues[s.Issue]
		record(w, []string{text(is.Name), text(is.Short), text(is.Category), num(is.Weight), rank[s.Issue],
			strconv.Itoa(s.Positions), strconv.Itoa(s.Scored), numIf(s.Consensus, s.HasConsensus),
			numIf(s.Spread, s.Scored > 0), numIf(s.Range, s.Scored > 0), numIf(s.Median, s.HasMedian)})
	}
}

// splitTable: issue, stance, symbol, score (empty off the axis), parties
// (how many take the stance), share (of the parties with a position on the
// issue), weight (the parties' total Weight on the stance; parties of no
// positive weight count nowhere) and weight_share (of the weight of the
// parties with a position), one row per issue and stance of the scale,
// issues in workbook order, stances in scale order.
func splitTable(w *bufio.Writer, m *matrix.Matrix, an *matrix.Analysis) {
	record(w, []string{"issue", "stance", "symbol", "score", "parties", "share", "weight", "weight_share"})
	for _, s := range an.Issues {
		if s.Issue < 0 || s.Issue >= len(m.Issues) {
			continue
		}
		var total float64
		for _, x := range s.Weights {
			total += x
		}
		for k, st := range m.Scale.Stances {
			c, wt := 0, 0.0
			if k < len(s.Counts) {
				c = s.Counts[k]
			}
			if k < len(s.Weights) {
				wt = s.Weights[k]
			}
			share := ""
			if s.Positions > 0 {
				share = num(float64(c) / float64(s.Positions))
			}
			record(w, []string{text(m.Issues[s.Issue].Name), text(st.Label), text(st.Symbol),
				numIf(st.Score, st.HasScore && !math.IsNaN(st.Score)), strconv.Itoa(c), share,
				num(wt), numIf(wt/total, total > 0)})
		}
	}
}

// categoriesTable: party, category, mean (the party's issue-weighted mean
// score on the category's issues; empty without a scored stance there),
// scored (the issues the mean rests on) and issues (the category's issues
// of positive weight), one row per party and category, parties in
// workbook order, categories in the order of their first issue; no rows
// when there are no categories.
func categoriesTable(w *bufio.Writer, m *matrix.Matrix, an *matrix.Analysis) {
	record(w, []string{"party", "category", "mean", "scored", "issues"})
	for p, pa := range m.Parties {
		for _, c := range an.Categories.Categories {
			if p >= len(c.Means) {
				continue
			}
			cm := c.Means[p]
			record(w, []string{text(pa.Name), text(c.Name), numIf(cm.Mean, cm.Scored > 0), strconv.Itoa(cm.Scored), strconv.Itoa(len(c.Issues))})
		}
	}
}
