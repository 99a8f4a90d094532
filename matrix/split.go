package matrix

import "fmt"

// By names the sides of a matrix that a selection or a split cuts down:
// ByParty, ByIssue, or for a selection both (ByParty|ByIssue).
type By int

const (
	ByParty By = 1 << iota // the parties
	ByIssue                // the issues
)

// String returns "party", "issue", "party|issue" or "" for none.
func (b By) String() string {
	switch b {
	case 0:
		return ""
	case ByParty:
		return "party"
	case ByIssue:
		return "issue"
	case ByParty | ByIssue:
		return "party|issue"
	}
	return fmt.Sprintf("By(%d)", int(b))
}

// Select returns the changes that concern sel, a selection of the newer
// matrix (as Matrix.Select returns it) cut down on the sides by names.
// With ByParty, cell changes and new evidence of parties not in sel go, so
// do added parties not in sel, and removed parties all go; likewise for
// issues with ByIssue. A side not in by is left as it is, and with neither
// (or c nil) Select returns c itself. Otherwise the result is a new
// Changes; c is not changed.
func (c *Changes) Select(sel *Matrix, by By) *Changes {
	byParty, byIssue := by&ByParty != 0, by&ByIssue != 0
	if c == nil || (!byParty && !byIssue) {
		return c
	}
	keep := func(party, issue string) bool {
		return (!byParty || sel.PartyIndex(party) >= 0) && (!byIssue || sel.IssueIndex(issue) >= 0)
	}
	out := *c
	out.Cells, out.NewEvidence, out.Edits = nil, nil, nil
	for _, e := range c.Edits {
		// An edit that names no party (or issue) concerns the whole
		// workbook and stays.
		if (!byParty || e.Party == "" || sel.PartyIndex(e.Party) >= 0) && (!byIssue || e.Issue == "" || sel.IssueIndex(e.Issue) >= 0) {
			out.Edits = append(out.Edits, e)
		}
	}
	for _, cc := range c.Cells {
		if keep(cc.Party, cc.Issue) {
			out.Cells = append(out.Cells, cc)
		}
	}
	for _, ev := range c.NewEvidence {
		if keep(ev.Party, ev.Issue) {
			out.NewEvidence = append(out.NewEvidence, ev)
		}
	}
	if byParty {
		out.PartiesAdded, out.PartiesRemoved = nil, nil
		for _, p := range c.PartiesAdded {
			if sel.PartyIndex(p) >= 0 {
				out.PartiesAdded = append(out.PartiesAdded, p)
			}
		}
	}
	if byIssue {
		out.IssuesAdded, out.IssuesRemoved = nil, nil
		for _, is := range c.IssuesAdded {
			if sel.IssueIndex(is) >= 0 {
				out.IssuesAdded = append(out.IssuesAdded, is)
			}
		}
	}
	return &out
}

// Part is one document of a split: the matrix of one party or one issue
// and the changes that concern it.
type Part struct {
	Name    string // the party's or the issue's name
	Matrix  *Matrix
	Changes *Changes // nil when the changes given to Split were nil
}

// Split returns one Part per party (by ByParty) or per issue (ByIssue) of
// m, in m's order: Select of that one name, and ch.Select of it. A name
// that Select resolves to another party or issue (because it is also that
// one's short name) is an error, as is any other by.
func (m *Matrix) Split(by By, ch *Changes) ([]Part, error) {
	var names []string
	switch by {
	case ByParty:
		names = partyNames(m)
	case ByIssue:
		names = issueNames(m)
	default:
		return nil, fmt.Errorf("cannot split by %v: want party or issue", by)
	}
	parts := make([]Part, 0, len(names))
	for _, name := range names {
		var sub *Matrix
		var err error
		if by == ByParty {
			sub, err = m.Select([]string{name}, nil)
		} else {
			sub, err = m.Select(nil, []string{name})
		}
		if err != nil {
			return nil, err
		}
		// Select matches short names too; make sure it found this one.
		if (by == ByParty && (len(sub.Parties) != 1 || sub.Parties[0].Name != name)) ||
			(by == ByIssue && (len(sub.Issues) != 1 || sub.Issues[0].Name != name)) {
			return nil, fmt.Errorf("%q is ambiguous (it is also another's short name); cannot split by %v", name, by)
		}
		parts = append(parts, Part{Name: name, Matrix: sub, Changes: ch.Select(sub, by)})
	}
	return parts, nil
}
