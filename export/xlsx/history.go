package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
)

// sheetHistory is the report's sheet of how positions moved (export
// --history, issue 17).
const sheetHistory = "History"

// historySheet writes the History sheet: in columns A to E the history in
// long format, one row per date, party and issue (Date, Party, Issue,
// Stance, Score; the rows of `stancematrix history --format csv`), and in
// G to I the mean agreement per date, which the sheet's line chart plots
// from those cells.
func (b *book) historySheet() {
	h := b.opt.History
	s := sheetHistory
	b.addSheet(s)
	b.headerRow(s, []string{"Date", "Party", "Issue", "Stance", "Score", "", "Date", "Mean agreement", "Pairs"},
		[]float64{12, 24, 40, 16, 8, 3, 12, 16, 8})
	r := 2
	for d, st := range h.States {
		day := export.HistoryDay(st.Date)
		for p := range h.Parties {
			if !h.Parties[p].Present(d) {
				continue
			}
			for i := range h.Issues {
				label, ok := h.Stance(i, p, d)
				if !ok {
					continue
				}
				b.str(s, 1, r, day)
				b.str(s, 2, r, h.Parties[p].Names[d])
				b.str(s, 3, r, h.Issues[i].Names[d])
				b.str(s, 4, r, label)
				if sc, ok := st.Matrix.Scale.Score(label); ok {
					b.num(s, 5, r, sc)
				}
				r++
			}
		}
	}
	if r > 2 {
		b.fail(b.f.AutoFilter(s, "A1:"+ref(5, r-1), nil))
	}
	pct := b.newStyle("historypct", &excelize.Style{NumFmt: 9})
	for d, st := range h.States {
		b.str(s, 7, d+2, export.HistoryDay(st.Date))
		if a := h.Agreement[d]; a.OK {
			b.num(s, 8, d+2, export.Round(a.Mean))
		}
		b.num(s, 9, d+2, float64(h.Agreement[d].Pairs))
	}
	b.style(s, 8, 2, 8, len(h.States)+1, pct)
	n, f, l := export.HistoryCoverage(h)
	note := fmt.Sprintf("Mean agreement per date over the pairs of parties sharing at least 3 scored issues; %d of %d dates have a figure", n, len(h.States))
	if n > 1 {
		note += fmt.Sprintf(", from %s (%s) to %s (%s)", pctText(f.Mean), export.HistoryDay(f.Date), pctText(l.Mean), export.HistoryDay(l.Date))
	}
	b.str(s, 7, len(h.States)+3, note+".")
	if len(h.States) < 2 {
		b.str(s, 7, len(h.States)+4, "One date: no trend to chart; keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week.")
		b.printSetup(s, false, "$1:$1", "")
		return
	}
	last := len(h.States) + 1
	zero, one := 0.0, 1.0
	b.fail(b.f.AddChart(s, ref(11, 2), &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{
			Name:       absRef(s, 8, 1),
			Categories: absRange(s, 7, 2, 7, last),
			Values:     absRange(s, 8, 2, 8, last),
			Line:       excelize.LineOptions{Width: 2},
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		}},
		Title:     chartTitle("Is the room coming together? Mean agreement per date"),
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: &zero, Maximum: &one, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		Format:    excelize.GraphicOptions{ScaleX: 1, ScaleY: 1},
	}))
	b.printSetup(s, false, "$1:$1", "")
}
