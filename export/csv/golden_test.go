package csv_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	exportcsv "github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func TestGolden(t *testing.T) {
	m := exporttest.Fixture()
	matrixtest.Golden(t, "testdata/matrix.csv", exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
	matrixtest.Golden(t, "testdata/changes.csv", exporttest.Bytes(t, exportcsv.Write, m, export.Options{Changes: exporttest.FixtureChanges(), Title: "Briefing [draft]"}))
}

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, exportcsv.Write) }

// FuzzCSV exports a matrix of fuzzed texts: the CSV reads back with one
// record per cell, every record has the header's fields, and no text field
// starts a formula.
func FuzzCSV(f *testing.F) {
	exporttest.AddTextSeeds(f)
	f.Fuzz(func(t *testing.T, party, issue, note, quote, url string) {
		m := exporttest.TextMatrix(party, issue, note, quote, url)
		opt := export.Options{Changes: exporttest.FuzzChanges(party, issue, note)}
		out := exporttest.Bytes(t, exportcsv.Write, m, opt)
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("csv does not parse back: %v", err)
		}
		if want := 1 + len(m.Issues)*len(m.Parties); len(recs) != want {
			t.Fatalf("csv has %d records, want %d", len(recs), want)
		}
		score, count := column(t, "score"), column(t, "evidence_count")
		for i, r := range recs {
			if len(r) != len(exportcsv.Header) {
				t.Fatalf("csv record %d has %d fields, want %d", i, len(r), len(exportcsv.Header))
			}
			for j, f := range r {
				if i > 0 && j != score && j != count && f != "" && strings.ContainsRune("=+-@\t\r\x00", rune(f[0])) {
					t.Fatalf("csv record %d, %s = %q starts a formula", i, exportcsv.Header[j], f)
				}
			}
		}
	})
}
