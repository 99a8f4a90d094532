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
	PageW, PageH             float64
}

// Charts writes m and returns the layout of its charts.
func Charts(m *matrix.Matrix, opt export.Options) (ChartLayout, error) {
	b, err := write(io.Discard, m, opt)
	if err != nil {
		return ChartLayout{}, err
	}
	c := ChartLayout{Heatmap: b.heatBox, Split: b.drawn["split"], Categories: b.drawn["categories"], Moved: b.drawn["moved"]}
	c.PageW, c.PageH = b.pageWH()
	if L := b.mapLayout; L != nil {
		c.Plot, c.Labels, c.Marks = L.plot, L.labels, L.marks
	}
	return c, nil
}
