package matrix

import "time"

// This file is the contract for the analysis work (issue 5); bodies are
// filled in there.

// Pair is the agreement between two parties.
type Pair struct {
	A, B      int     // party indices
	Agreement float64 // in [0, 1]; meaningful only when OK
	Shared    int     // issues where both have a scored stance
	OK        bool    // false when there is no shared issue ("no figure")
}

// Agreement returns the agreement between parties a and b: over the issues
// where both have a scored stance, the (issue-weighted) mean of
// 1 − |score_a − score_b| / R, R being the scale's range.
func Agreement(m *Matrix, a, b int) Pair { return Pair{A: a, B: b} }

// AgreementMatrix returns Agreement for every pair, indexed [a][b].
func AgreementMatrix(m *Matrix) [][]Pair { return nil }

// IssueStats are the figures for one issue.
type IssueStats struct {
	Issue     int   // issue index
	Positions int   // parties with any stance (including off-axis ones)
	Scored    int   // parties with a scored stance
	Counts    []int // parallel to m.Scale.Stances
	// Spread is the population standard deviation of the scored stances,
	// Range their max − min; both 0 with fewer than two scores.
	Spread, Range float64
	// Consensus is the mean pairwise agreement on this issue, pairs weighted
	// by the product of party weights; meaningful when HasConsensus.
	Consensus    float64
	HasConsensus bool
	// Median is the weighted median score (party weights); meaningful when
	// HasMedian.
	Median    float64
	HasMedian bool
}

// IssueStatistics returns the figures for every issue, in issue order.
func IssueStatistics(m *Matrix) []IssueStats { return nil }

// RankContested orders issue statistics from most contested to most agreed,
// deterministically on ties (workbook order).
func RankContested(stats []IssueStats) []IssueStats { return stats }

// SimilarityOrder returns a permutation of party indices that puts parties
// that agree next to each other; deterministic on ties.
func SimilarityOrder(m *Matrix) []int {
	out := make([]int, len(m.Parties))
	for i := range out {
		out[i] = i
	}
	return out
}

// Direction says which way a cell moved on the scale.
type Direction int

const (
	Moved             Direction = iota // label changed, no direction on the axis
	TowardsSupport                     // score went up
	TowardsOpposition                  // score went down
	OffAxis                            // from or to a stance without a score, or blank
)

// CellChange is one cell whose stance differs between two matrices.
type CellChange struct {
	Issue, Party string // canonical names (of the newer matrix)
	Old, New     string // canonical labels; "" for blank
	Direction    Direction
	Ref          string // the cell in the newer matrix, e.g. "Matrix!C7"
}

// Changes is what differs between an older and a newer matrix.
type Changes struct {
	Old, New         string    // descriptions, e.g. "Matrix 2025-04-16" or a file name
	OldDate, NewDate time.Time // zero when unknown
	Cells            []CellChange
	PartiesAdded     []string
	PartiesRemoved   []string
	IssuesAdded      []string
	IssuesRemoved    []string
	NewEvidence      []Evidence // evidence in the newer matrix dated after OldDate
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return c == nil || len(c.Cells)+len(c.PartiesAdded)+len(c.PartiesRemoved)+len(c.IssuesAdded)+len(c.IssuesRemoved)+len(c.NewEvidence) == 0
}

// Changed returns the change of the cell at issue and party, if any.
func (c *Changes) Changed(issue, party string) (CellChange, bool) {
	if c == nil {
		return CellChange{}, false
	}
	for _, cc := range c.Cells {
		if cc.Issue == issue && cc.Party == party {
			return cc, true
		}
	}
	return CellChange{}, false
}

// Diff compares an older and a newer matrix.
func Diff(old, new *Matrix) *Changes { return &Changes{} }

// KeyFindings returns a handful of plain sentences about the matrix (and the
// changes, when ch is non-nil) for a briefing's first page.
func KeyFindings(m *Matrix, ch *Changes) []string { return nil }
