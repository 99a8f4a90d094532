package pdf

import (
	"io"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// LabelBox is a box drawn on a chart, in page millimetres.
type LabelBox = labelBox

// ChartLayout is what the section "Who stands with whom" drew.
type ChartLayout struct {
	Heatmap LabelBox   // the heatmap with its labels; zero without one
	Plot    LabelBox   // the party map's plot area; zero without a map
	Labels  []LabelBox // the map's labels
	Marks   []LabelBox // the map's markers
	// Split, Categories and Moved are the charts "Where the issues
	// split", "Party profiles by category" and "What moved": each page's
	// piece of the chart with its labels; nil when the chart is not drawn.
	Split, Categories, Moved []LabelBox
	// Agreement and History are the agreement trend and the timelines of
	// "How positions moved"; nil when not drawn.
	Agreement, History []LabelBox
	PageW, PageH       float64
}

// Charts writes m and returns the layout of its charts.
func Charts(m *matrix.Matrix, opt export.Options) (ChartLayout, error) {
	b, err := write(io.Discard, m, opt)
	if err != nil {
		return ChartLayout{}, err
	}
	c := ChartLayout{Heatmap: b.heatBox, Split: b.drawn["split"], Categories: b.drawn["categories"], Moved: b.drawn["moved"],
		Agreement: b.drawn["agreement"], History: b.drawn["history"]}
	c.PageW, c.PageH = b.pageWH()
	if L := b.mapLayout; L != nil {
		c.Plot, c.Labels, c.Marks = L.plot, L.labels, L.marks
	}
	return c, nil
}

// OverviewPage is one page of the overview of a summary-first briefing:
// the box around its labels and cells, the page's size and the issues it
// shows (From up to but not including To).
type OverviewPage struct {
	Box          LabelBox
	PageW, PageH float64
	From, To     int
}

// SummaryLayout is what a briefing drew of its summary-first parts.
type SummaryLayout struct {
	Summary  bool  // the briefing is summary-first
	Pages    int   // pages in all
	Detail   []int // the issues given in detail, in the order given
	Overview []OverviewPage
	// OverviewIssues are the issues the overview draws, in order (From
	// and To count in it); OverviewFolded says it leaves some out.
	OverviewIssues []int
	OverviewFolded bool
	// OverviewFrom and OverviewTo are the overview's first and last
	// pages, its party key and table by category included.
	OverviewFrom, OverviewTo int
	// SourceIssues are the issues of the sources listed, by their first
	// evidence row; SourcesAll is how many the full briefing lists.
	SourceIssues []string
	SourcesAll   int
}

// Summary writes m and returns what it drew of the summary-first parts.
func Summary(m *matrix.Matrix, opt export.Options) (SummaryLayout, error) {
	b, err := write(io.Discard, m, opt)
	if err != nil {
		return SummaryLayout{}, err
	}
	s := SummaryLayout{Summary: b.sum != nil, Pages: b.pdf.PageCount(), Detail: b.detailIssues(), SourcesAll: b.sourceCount()}
	if b.sum != nil && b.sum.plan != nil {
		s.OverviewIssues, s.OverviewFolded = b.sum.plan.Issues, b.sum.plan.Folded
		s.OverviewFrom, s.OverviewTo = b.sum.plan.from, b.sum.plan.to
	}
	for _, p := range b.overview {
		s.Overview = append(s.Overview, OverviewPage{Box: p.box, PageW: p.w, PageH: p.h, From: p.from, To: p.to})
	}
	for _, e := range b.sources {
		s.SourceIssues = append(s.SourceIssues, m.Evidence[e].Issue)
	}
	return s, nil
}
