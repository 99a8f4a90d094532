package xlsx_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/matrix"
)

// TestXLSXHistory checks the History sheet: dates × parties × issues rows
// in long format with their stances and scores, the mean agreement per
// date beside them, and a line chart that reads those cells; a report
// without a history has no such sheet and stays as it was; two runs are
// the same bytes.
func TestXLSXHistory(t *testing.T) {
	m, h := exporttest.Weekly(t, 5, 7, 4, 3)
	data := report(t, m, export.Options{History: h})
	// Two streamed sheets (Evidence and History) came out of excelize in
	// map order, one run in a few: compare many runs.
	for k := range 20 {
		if again := report(t, m, export.Options{History: h}); !bytes.Equal(data, again) {
			t.Fatalf("run %d differs from the first", k+2)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("History")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "Date,Party,Issue,Stance,Score,,Date,Mean agreement,Pairs" {
		t.Errorf("header %q", got)
	}
	n := 0
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] != "" {
			n++
		}
	}
	if want := len(h.States) * 5 * 7; n != want {
		t.Errorf("%d long rows, want dates × parties × issues = %d", n, want)
	}
	// Every cell's stance and score, at every date.
	row := 2
	for d, st := range h.States {
		for p := range h.Parties {
			for i := range h.Issues {
				label, _ := h.Stance(i, p, d)
				get := func(col string) string { v, _ := f.GetCellValue("History", fmt.Sprintf("%s%d", col, row)); return v }
				if get("A") != export.HistoryDay(st.Date) || get("B") != h.Parties[p].Name || get("C") != h.Issues[i].Name || get("D") != label {
					t.Fatalf("row %d: %s %s %s %s, want %s %s %s %s", row, get("A"), get("B"), get("C"), get("D"),
						export.HistoryDay(st.Date), h.Parties[p].Name, h.Issues[i].Name, label)
				}
				if sc, ok := st.Matrix.Scale.Score(label); ok != (get("E") != "") || (ok && get("E") != fmt.Sprint(sc)) {
					t.Fatalf("row %d: score %q, want %v (%v)", row, get("E"), sc, ok)
				}
				row++
			}
		}
	}
	for d, a := range h.Agreement {
		v, _ := f.GetCellValue("History", fmt.Sprintf("G%d", d+2))
		if v != export.HistoryDay(h.States[d].Date) {
			t.Errorf("G%d = %q", d+2, v)
		}
		raw, _ := f.GetCellValue("History", fmt.Sprintf("H%d", d+2), excelize.Options{RawCellValue: true})
		if a.OK && raw != fmt.Sprint(export.Round(a.Mean)) {
			t.Errorf("H%d = %q, want %v", d+2, raw, export.Round(a.Mean))
		}
	}
	// The line chart reads the History sheet's own cells.
	var line string
	for _, part := range chartParts(t, data) {
		if strings.Contains(part, "<lineChart>") {
			line = part
		}
	}
	if line == "" {
		t.Fatal("no line chart")
	}
	sheets, cells := chartRefs(t, line)
	last := fmt.Sprint(len(h.States) + 1)
	want := [][]string{{"H1"}, {"G2", "G" + last}, {"H2", "H" + last}}
	if len(sheets) != 3 {
		t.Fatalf("chart formulas %q %q", sheets, cells)
	}
	for k, s := range sheets {
		if s != "History" || cells[k][0] != want[k][0] || cells[k][len(cells[k])-1] != want[k][len(want[k])-1] {
			t.Errorf("chart formula %d reads %s!%q, want History!%q", k, s, cells[k], want[k])
		}
	}
	// Without a history: no History sheet.
	plain := report(t, m, export.Options{})
	pf, err := excelize.OpenReader(bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	if idx, _ := pf.GetSheetIndex("History"); idx >= 0 {
		t.Error("a History sheet without --history")
	}
}

// BenchmarkXLSXHistory is the report's cost with and without the History
// sheet of 52 weekly snapshots of a 50 × 200 matrix (520,000 long rows).
func BenchmarkXLSXHistory(b *testing.B) {
	m, h := exporttest.Weekly(b, 50, 200, 52, 40)
	for _, tc := range []struct {
		name string
		h    *matrix.History
	}{{"without", nil}, {"with", h}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				report(b, m, export.Options{History: tc.h})
			}
		})
	}
}
