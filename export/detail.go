package export

import "github.com/stancematrix/stancematrix/matrix"

// This file decides, for the briefings (the PDF and the HTML page), when a
// matrix is too large to set out in full and which issues a summary-first
// briefing gives in detail (issue 14, "a briefing that scales"). The
// measurements behind the bounds are in export/pdf/summary.go and the
// README ("Summary-first briefings of large matrices").

const (
	// MaxFullIssues is the most issues a briefing sets out in full by
	// default.
	MaxFullIssues = 60
	// MaxFullParties is the most parties a briefing sets out in full by
	// default.
	MaxFullParties = 40
	// SummaryIssues is how many of the most contested issues a
	// summary-first briefing gives in detail.
	SummaryIssues = 10
)

// Large reports whether a matrix of this size is beyond what a reader can
// take in: more than MaxFullParties parties or more than MaxFullIssues
// issues.
func Large(parties, issues int) bool {
	return parties > MaxFullParties || issues > MaxFullIssues
}

// SummaryFirst reports whether the briefing of m is summary-first under
// opt.Detail: "summary" always, "full" never, and "auto" (or "") when m is
// Large.
func SummaryFirst(m *matrix.Matrix, opt Options) bool {
	switch opt.Detail {
	case "full":
		return false
	case "summary":
		return true
	}
	return Large(len(m.Parties), len(m.Issues))
}

// DetailIssues returns the issues a summary-first briefing gives in
// detail: the SummaryIssues most contested of an (the analysis of m),
// most contested first; the first issues in workbook order when an has no
// figures for every issue.
func DetailIssues(m *matrix.Matrix, an *matrix.Analysis) []int {
	n := min(SummaryIssues, len(m.Issues))
	out := make([]int, 0, n)
	if an != nil && len(an.Contested) == len(m.Issues) {
		for _, st := range an.Contested[:n] {
			out = append(out, st.Issue)
		}
		return out
	}
	for i := range n {
		out = append(out, i)
	}
	return out
}
