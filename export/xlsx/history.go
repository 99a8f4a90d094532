package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// sheetHistory is the report's sheet of how positions moved (export
// --history, issue 17).
const sheetHistory = "History"

// historySheet writes the History sheet: in columns A to E the history in
// long format, one row per date, party and issue (Date, Party, Issue,
// Stance, Score; the rows of `stancematrix history --format csv`), and in
// G to I the mean agreement per date, which the sheet's line chart plots
// from those cells.
//
// The long table is by far the largest sheet (52 weekly dates of a 50 ×
// 200 matrix: 520,000 rows), so the sheet is streamed row by row, as the
// Evidence sheet is; the autofilter, the print setup and the chart come
// first, since the stream takes what precedes its rows when it starts.
func (b *book) historySheet() {
	h := b.opt.History
	s := sheetHistory
	b.addSheet(s)
	headers := []string{"Date", "Party", "Issue", "Stance", "Score", "", "Date", "Mean agreement", "Pairs"}
	widths := []float64{12, 24, 40, 16, 8, 3, 12, 16, 8}
	rows := 0
	for d := range h.States {
		for p := range h.Parties {
			if !h.Parties[p].Present(d) {
				continue
			}
			for i := range h.Issues {
				if _, ok := h.Stance(i, p, d); ok {
					rows++
				}
			}
		}
	}
	if rows > 0 {
		b.fail(b.f.AutoFilter(s, "A1:"+ref(5, rows+1), nil))
	}
	b.printSetup(s, false, "$1:$1", "")
	last := len(h.States) + 1
	if len(h.States) >= 2 {
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
	}
	if b.err != nil {
		return
	}
	sw := b.streamSheet(s, headers, widths)
	if sw == nil {
		return
	}

	// Beside the long rows: the mean agreement per date from row 2, then
	// the reading aid.
	pct := b.newStyle("historypct", &excelize.Style{NumFmt: 9})
	n, f, l := export.HistoryCoverage(h)
	note := fmt.Sprintf("Mean agreement per date over the pairs of parties sharing at least %d scored issues; %d of %d dates have a figure", matrix.MinShared, n, len(h.States))
	if n > 1 {
		note += fmt.Sprintf(", from %s (%s) to %s (%s)", pctText(f.Mean), export.HistoryDay(f.Date), pctText(l.Mean), export.HistoryDay(l.Date))
	}
	note += "."
	if len(h.States) < 2 {
		note += " One date: no trend to chart; keep a \"Matrix YYYY-MM-DD\" snapshot sheet each week."
	}
	row := make([]any, len(headers))
	r := 2
	side := func() {
		row[6], row[7], row[8] = nil, nil, nil
		switch d := r - 2; {
		case d < len(h.States):
			row[6] = export.HistoryDay(h.States[d].Date)
			if a := h.Agreement[d]; a.OK {
				row[7] = excelize.Cell{StyleID: pct, Value: export.Round(a.Mean)}
			}
			row[8] = h.Agreement[d].Pairs
		case d == len(h.States)+1:
			row[6] = note
		}
	}
	put := func() bool {
		if err := sw.SetRow(ref(1, r), row, excelize.RowOpts{}); err != nil {
			b.fail(err)
			return false
		}
		r++
		return true
	}
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
				row[0], row[1], row[2], row[3], row[4] = day, cellValue(h.Parties[p].Names[d]), cellValue(h.Issues[i].Names[d]), cellValue(label), nil
				if sc, ok := st.Matrix.Scale.Score(label); ok {
					row[4] = sc
				}
				side()
				if !put() {
					return
				}
			}
		}
	}
	clear(row)
	for r <= len(h.States)+3 {
		side()
		if !put() {
			return
		}
	}
	b.fail(sw.Flush())
}
