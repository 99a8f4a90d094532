package csv_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
	exportcsv "github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// TestHistoryWeekly writes the history of 52 weekly 50 × 200 matrices:
// exactly dates × parties × issues rows, and each change of the series is
// the stance of its row on its date.
func TestHistoryWeekly(t *testing.T) {
	series, changes := matrixtest.WeeklySeries(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Seed: 7}, 52, 25)
	h, err := matrix.NewHistory(series)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := exportcsv.History(&b, h, export.Options{}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b.Bytes())
	if got := strings.Join(recs[0], ","); got != "date,party,issue,stance,score" {
		t.Errorf("header %q", got)
	}
	if got, want := len(recs)-1, 52*50*200; got != want {
		t.Fatalf("%d rows, want 52 × 50 × 200 = %d", got, want)
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[0]+"|"+r[1]+"|"+r[2]] = r
	}
	if len(rows) != 52*50*200 {
		t.Errorf("%d distinct date, party and issue, want %d", len(rows), 52*50*200)
	}
	for _, c := range changes {
		r := rows[c.Date.Format(time.DateOnly)+"|"+c.PartyName+"|"+c.IssueName]
		if r == nil || r[3] != c.New {
			t.Fatalf("change %+v: row %q", c, r)
		}
		if sc, ok := matrix.DefaultScale().Score(c.New); ok != (r[4] != "") || (ok && r[4] != strconv.FormatFloat(sc, 'f', -1, 64)) {
			t.Fatalf("change %+v: score %q", c, r[4])
		}
	}
}

// TestHistoryRows writes rows only for the cells in the matrix of their
// date, under the tracks' names, formula-guarded.
func TestHistoryRows(t *testing.T) {
	mk := func(asOf string, parties []matrix.Party, stances ...string) *matrix.Matrix {
		m := &matrix.Matrix{Source: "t.xlsx", Scale: matrix.DefaultScale(), Parties: parties,
			Issues: []matrix.Issue{{Name: "Cease, fire", Weight: 1}}}
		m.About.AsOf, _ = time.Parse(time.DateOnly, asOf)
		row := make([]matrix.Cell, len(parties))
		for p := range row {
			row[p].Stance = stances[p]
		}
		m.SetCells([][]matrix.Cell{row})
		return m
	}
	old := mk("2025-04-16", []matrix.Party{{Name: "RF", Weight: 1}}, "Opposes")
	cur := mk("2025-04-23", []matrix.Party{{Name: "=Russia", Aliases: "RF", Weight: 1}, {Name: "EU", Weight: 1}}, "Unclear", "")
	h, err := matrix.NewHistory([]*matrix.Matrix{cur, old})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := exportcsv.History(&b, h, export.Options{ByteOrderMark: true}); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFdate,party,issue,stance,score\n" +
		"2025-04-16,'=Russia,\"Cease, fire\",Opposes,-2\n" +
		"2025-04-23,'=Russia,\"Cease, fire\",Unclear,\n" +
		"2025-04-23,EU,\"Cease, fire\",,\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
