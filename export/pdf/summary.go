package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
)

// This file decides when a briefing is summary-first (issue 14) and says
// on its pages what that leaves out. A matrix above the size a reader can
// take in gets the matrix as an overview (overview.go), the issue-by-issue
// detail of its most contested issues only, and the sources those cite.

// The size a reader can take in. Measured on generated matrices (A4): 60
// issues take 4 matrix pages with 8 parties and 12 with 40, which split
// into two column blocks (a landscape page holds about 32 party columns
// beside the issue labels), and the issue by issue of 40 × 60 takes 75
// pages. Past either bound the full briefing grows by a page every few
// issues and a run of column blocks every 30 or so parties: a 200 × 1,000
// matrix took 6,432 pages.
//
// The bounds themselves (export.MaxFullIssues, export.MaxFullParties,
// export.SummaryIssues) and the rule (export.SummaryFirst) are shared with
// the HTML page, in export/detail.go.

// checkDetail checks export.Options.Detail.
func checkDetail(d string) error {
	switch d {
	case "", "auto", "summary", "full":
		return nil
	}
	return fmt.Errorf("unknown detail %q (want auto, summary or full)", d)
}

// summary is what a summary-first briefing prints and leaves out.
type summary struct {
	detail     []int // the issues given in detail, most contested first
	sourcesAll int   // the sources the full briefing would list
	plan       *overviewPlan
}

// newSummary returns the summary of b's matrix when its briefing is
// summary-first, or nil. It needs b.an when the issue section is there.
func (b *briefing) newSummary() *summary {
	if !export.SummaryFirst(b.m, b.opt) {
		return nil
	}
	return &summary{detail: export.DetailIssues(b.m, b.an)}
}

// countSources sets how many sources the full briefing would list, once
// the evidence is indexed; nothing in a full briefing. The full briefing
// cites every evidence row of a party and an issue of the matrix (a party
// with evidence is listed under the issue even without a stance), so the
// count needs no issue's order, as numberSources does.
func (b *briefing) countSources() {
	if b.sum == nil {
		return
	}
	m := b.m
	parties := make(map[string]bool, len(m.Parties))
	for _, p := range m.Parties {
		parties[p.Name] = true
	}
	issues := make(map[string]bool, len(m.Issues))
	for _, is := range m.Issues {
		issues[is.Name] = true
	}
	seen := map[string]bool{}
	for i, e := range m.Evidence {
		if parties[e.Party] && issues[e.Issue] {
			seen[sourceKey(m, i)] = true
		}
	}
	b.sum.sourcesAll = len(seen)
}

// allIssues returns the indices of every issue, in workbook order.
func (b *briefing) allIssues() []int {
	out := make([]int, len(b.m.Issues))
	for i := range out {
		out[i] = i
	}
	return out
}

// detailIssues returns the issues the issue-by-issue section gives: every
// issue in workbook order, or in a summary-first briefing the most
// contested, most contested first.
func (b *briefing) detailIssues() []int {
	if b.sum != nil {
		return b.sum.detail
	}
	return b.allIssues()
}

// sourceCount is the number of sources the header states: all of them,
// also when a summary-first briefing lists fewer.
func (b *briefing) sourceCount() int {
	if b.sum != nil {
		return b.sum.sourcesAll
	}
	return len(b.sources)
}

// leftOut lists, as clauses, exactly what the summary-first briefing
// leaves out of the sections it has.
func (b *briefing) leftOut() []string {
	m := b.m
	var out []string
	n, cells := len(m.Issues), len(m.Issues)*len(m.Parties)
	if b.sec["matrix"] && cells > 0 {
		what := fmt.Sprintf("the matrix cell by cell (%s), shown instead as an overview in colour",
			export.Plural(cells, "cell", "cells"))
		if p := b.sum.plan; p != nil && p.Folded {
			what += fmt.Sprintf(" of the %d most contested issues, the other %d counted by category", len(p.Issues), n-len(p.Issues))
		}
		out = append(out, what)
	}
	if b.sec["issues"] && len(b.sum.detail) < n {
		out = append(out, fmt.Sprintf("the issue-by-issue detail of %d of the %s (the %d most contested are given)",
			n-len(b.sum.detail), export.Plural(n, "issue", "issues"), len(b.sum.detail)))
	}
	if b.sec["sources"] && len(b.sources) < b.sum.sourcesAll {
		out = append(out, fmt.Sprintf("%d of the %s, those that only the issues not given in detail cite",
			b.sum.sourcesAll-len(b.sources), export.Plural(b.sum.sourcesAll, "source", "sources")))
	}
	return out
}

// omissionNote states, in a framed box near the top of the first page,
// that the briefing is summary-first, exactly what it leaves out and how to
// get the full one. It is called only when leftOut has something.
func (b *briefing) omissionNote() {
	pdf := b.pdf
	m := b.m
	txt := "This briefing was asked for in short."
	if b.opt.Detail != "summary" {
		txt = fmt.Sprintf("The matrix has %s and %s, more than a briefing can set out in full (over %d parties or %d issues).",
			export.Plural(len(m.Parties), "party", "parties"), export.Plural(len(m.Issues), "issue", "issues"), export.MaxFullParties, export.MaxFullIssues)
	}
	txt += " Left out: " + strings.Join(b.leftOut(), "; ") + "."
	restore := firstNonEmpty(b.opt.FullDetail, "the full briefing has it all")
	r, n := utf8.DecodeRuneInString(restore)
	txt += " " + string(unicode.ToUpper(r)) + restore[n:] + "."
	w, _ := b.pageWH()
	size := bodySize - 0.5
	lh := lineH(size)
	b.font("", size)
	lines := len(pdf.SplitText(b.fonts.clean(txt), w-2*margin-8))
	b.ensure(float64(lines)*lh + 8)
	y := pdf.GetY()
	h := float64(lines)*lh + 5
	b.fill(colBand)
	b.draw(colAccent)
	pdf.SetLineWidth(0.4)
	pdf.Rect(margin, y, w-2*margin, h, "F")
	pdf.Line(margin, y, margin, y+h)
	pdf.SetXY(margin+4, y+2.5)
	b.flow(margin+4, w-2*margin-8, lh, []span{
		{text: "Summary first: not everything is printed. ", style: "B", size: size, color: colAccent},
		plain(txt, size),
	})
	pdf.SetY(y + h + 6)
}

// detailNote opens the issue-by-issue section of a summary-first briefing
// with what it gives and leaves out.
func (b *briefing) detailNote() {
	n, k := len(b.m.Issues), len(b.sum.detail)
	txt := fmt.Sprintf("The %d most contested of the %s (lowest consensus first).", k, export.Plural(n, "issue", "issues"))
	if k == n {
		txt = fmt.Sprintf("All %s, most contested first (lowest consensus first).", export.Plural(n, "issue", "issues"))
	} else {
		if n-k == 1 {
			txt += " The other one is left out here"
		} else {
			txt += fmt.Sprintf(" The other %d are left out here", n-k)
		}
		if b.opt.FullDetail != "" {
			txt += "; " + b.opt.FullDetail
		}
		txt += "."
	}
	b.para(txt, smallSize+0.5, "I", colMuted)
	b.pdf.Ln(3)
}

// sourcesNote opens the sources of a summary-first briefing, which lists
// only the sources its issues cite.
func (b *briefing) sourcesNote() {
	if b.sum == nil || len(b.sources) == b.sum.sourcesAll {
		return
	}
	txt := fmt.Sprintf("Only the %s that the issues given in detail cite, of %d.",
		export.Plural(len(b.sources), "source", "sources"), b.sum.sourcesAll)
	if len(b.sources) == 0 {
		txt = fmt.Sprintf("The issues given in detail cite none of the %s; the others do.", export.Plural(b.sum.sourcesAll, "source", "sources"))
	}
	b.para(txt, smallSize+0.5, "I", colMuted)
	b.pdf.Ln(2)
}
