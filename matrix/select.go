package matrix

import (
	"errors"
	"fmt"
	"strings"
)

// Select returns a copy of m with only the named parties and issues (by Name
// or Short, case-insensitive), keeping the workbook order; nil (or an empty
// list) keeps all. A name given twice is kept once. Every unknown name is an
// error, with a suggestion when one is close; the errors are joined, one per
// line. Evidence is kept for the selected parties and issues only. Each
// snapshot is cut down to the selected parties and issues it has, in the
// order of the selection (a snapshot keeps all its parties, in its own
// order, when parties is empty; likewise for issues). The copy shares no
// slices with m.
func (m *Matrix) Select(parties, issues []string) (*Matrix, error) {
	var errs []error
	keepP := pick(len(m.Parties), parties, m.PartyIndex, func() []string { return names(partyNames(m), shortsP(m)) }, "party", m.Source, &errs)
	keepI := pick(len(m.Issues), issues, m.IssueIndex, func() []string { return names(issueNames(m), shortsI(m)) }, "issue", m.Source, &errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := m.subset(keepP, keepI)
	if len(m.Snapshots) > 0 {
		out.Snapshots = make([]Snapshot, len(m.Snapshots))
		for k, s := range m.Snapshots {
			out.Snapshots[k] = s
			if sm := s.Matrix; sm != nil {
				sp, si := everything(len(sm.Parties)), everything(len(sm.Issues))
				if len(parties) > 0 {
					sp = follow(partyNames(out), partyNames(sm), false)
				}
				if len(issues) > 0 {
					si = follow(issueNames(out), issueNames(sm), false)
				}
				out.Snapshots[k].Matrix = sm.subset(sp, si)
			}
		}
	}
	out.Evidence = nil
	selP, selI := foldIndex(partyNames(out)), foldIndex(issueNames(out))
	for _, e := range m.Evidence {
		_, okP := selP[strings.ToLower(e.Party)]
		_, okI := selI[strings.ToLower(e.Issue)]
		if (okP || len(parties) == 0) && (okI || len(issues) == 0) {
			out.Evidence = append(out.Evidence, e)
		}
	}
	return out, nil
}

// pick returns the selected indices in workbook order.
func pick(n int, want []string, index func(string) int, candidates func() []string, kind, source string, errs *[]error) []int {
	if len(want) == 0 {
		return everything(n)
	}
	sel := make([]bool, n)
	for _, w := range want {
		i := index(strings.TrimSpace(w))
		if i < 0 {
			in := ""
			if source != "" {
				in = " in " + source
			}
			*errs = append(*errs, fmt.Errorf("no %s %q%s%s", kind, w, in, didYouMean(w, candidates())))
			continue
		}
		sel[i] = true
	}
	var out []int
	for i, ok := range sel {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

func names(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func shortsP(m *Matrix) []string {
	out := make([]string, len(m.Parties))
	for i, p := range m.Parties {
		out[i] = p.Short
	}
	return out
}

func shortsI(m *Matrix) []string {
	out := make([]string, len(m.Issues))
	for i, is := range m.Issues {
		out[i] = is.Short
	}
	return out
}

// subset copies m with the parties and issues at the given indices, in that
// order, and all of m's evidence and author's findings, without snapshots.
func (m *Matrix) subset(ps, is []int) *Matrix {
	out := &Matrix{Source: m.Source, SHA256: m.SHA256, About: m.About, Scale: copyScale(m.Scale),
		Markings: m.Markings, Marked: m.Marked, Threaded: m.Threaded, withheld: m.withheld}
	out.Parties = make([]Party, len(ps))
	for k, p := range ps {
		out.Parties[k] = m.Parties[p]
	}
	out.Issues = make([]Issue, len(is))
	for k, i := range is {
		out.Issues[k] = m.Issues[i]
	}
	out.cells = m.cells.subset(is, ps)
	out.Evidence = append([]Evidence(nil), m.Evidence...)
	out.Findings = append([]Finding(nil), m.Findings...)
	return out
}

// everything returns 0 … n−1.
func everything(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// follow returns the indices in have of the names in want, in want's order
// (ignoring case); with rest, the indices of have's other names follow in
// their own order.
func follow(want, have []string, rest bool) []int {
	idx := foldIndex(have)
	used := make([]bool, len(have))
	var out []int
	for _, w := range want {
		if i, ok := idx[strings.ToLower(w)]; ok && !used[i] {
			used[i] = true
			out = append(out, i)
		}
	}
	if rest {
		for i, u := range used {
			if !u {
				out = append(out, i)
			}
		}
	}
	return out
}

func copyScale(s Scale) Scale {
	out := Scale{Default: s.Default, Stances: make([]Stance, len(s.Stances))}
	for i, st := range s.Stances {
		st.Aliases = append([]string(nil), st.Aliases...)
		out.Stances[i] = st
	}
	if s.Stances == nil {
		out.Stances = nil
	}
	return out
}

// Reorder returns a copy of m with parties in the given order (a permutation
// of party indices), issues and evidence unchanged. Each snapshot's parties
// follow the same order by name; a snapshot's parties absent from m come
// after, in their own order. The copy shares no slices with m. Reorder
// panics when order is not a permutation of 0 … len(m.Parties)−1.
func (m *Matrix) Reorder(order []int) *Matrix {
	if len(order) != len(m.Parties) {
		panic(fmt.Sprintf("matrix: Reorder: %d indices for %d parties", len(order), len(m.Parties)))
	}
	seen := make([]bool, len(order))
	for _, p := range order {
		if p < 0 || p >= len(order) || seen[p] {
			panic(fmt.Sprintf("matrix: Reorder: %v is not a permutation", order))
		}
		seen[p] = true
	}
	out := m.subset(order, everything(len(m.Issues)))
	if len(m.Snapshots) > 0 {
		out.Snapshots = make([]Snapshot, len(m.Snapshots))
		for k, s := range m.Snapshots {
			out.Snapshots[k] = s
			if sm := s.Matrix; sm != nil {
				out.Snapshots[k].Matrix = sm.subset(follow(partyNames(out), partyNames(sm), true), everything(len(sm.Issues)))
			}
		}
	}
	return out
}
