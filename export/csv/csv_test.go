package csv_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	exportcsv "github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v\n%s", err, b)
	}
	return recs
}

// column returns the index of a CSV column.
func column(t *testing.T, name string) int {
	t.Helper()
	for i, h := range exportcsv.Header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q", name)
	return -1
}

func TestCSVContent(t *testing.T) {
	m := exporttest.Fixture()
	out := exporttest.Bytes(t, exportcsv.Write, m, export.Options{})
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Errorf("output starts with a byte order mark")
	}
	recs := readCSV(t, out)
	if got := strings.Join(recs[0], ","); got != "issue,issue_short,category,party,party_short,group,stance,score,symbol,note,evidence_count,evidence_date,evidence_source,evidence_url" {
		t.Errorf("header = %s", got)
	}
	if len(recs) != 1+15 {
		t.Fatalf("%d records, want 16", len(recs))
	}
	row := func(issue, party int) []string { return recs[1+issue*len(m.Parties)+party] }
	for _, tc := range []struct {
		name          string
		issue, party  int
		column, value string
	}{
		{"issue-major order", 0, 1, "party", "Ελλάδα"},
		{"issue short", 0, 1, "issue_short", "Ceasefire"},
		{"category", 2, 0, "category", "Economy"},
		{"party short", 1, 2, "party_short", "RU"},
		{"group", 0, 3, "group", "Coalition of the willing"},
		{"stance", 0, 0, "stance", "Conditional"},
		{"zero score", 0, 0, "score", "0"},
		{"negative score stays a number", 0, 2, "score", "-2"},
		{"positive score", 0, 1, "score", "2"},
		{"symbol starting with + is neutralised", 0, 1, "symbol", "'++"},
		{"off-axis stance", 1, 1, "stance", "Unclear"},
		{"off-axis has no score", 1, 1, "score", ""},
		{"off-axis symbol", 1, 1, "symbol", "?"},
		{"blank stance", 1, 3, "stance", ""},
		{"blank score", 1, 3, "score", ""},
		{"blank symbol", 1, 3, "symbol", ""},
		{"note with line break", 0, 2, "note", "Demands withdrawal\nfirst"},
		{"formula note neutralised", 2, 2, "note", `'=HYPERLINK("http://evil")`},
		{"evidence count", 0, 0, "evidence_count", "2"},
		{"newest evidence date", 0, 0, "evidence_date", "2025-04-20"},
		{"newest evidence source", 0, 0, "evidence_source", "Укрінформ"},
		{"newest evidence url", 0, 0, "evidence_url", "https://example.org/ua/news (1)?a=1&b=2"},
		{"undated evidence", 1, 1, "evidence_date", ""},
		{"undated evidence count", 1, 1, "evidence_count", "1"},
		{"no evidence", 2, 4, "evidence_count", "0"},
		{"no evidence source", 2, 4, "evidence_source", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := row(tc.issue, tc.party)[column(t, tc.column)]; got != tc.value {
				t.Errorf("%s = %q, want %q", tc.column, got, tc.value)
			}
		})
	}
}

// TestCSVInjection puts every formula-starting character into every text
// column and checks that each is neutralised with a leading quote, that other
// text is left alone, and that scores are never touched.
func TestCSVInjection(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"equals", "=1+2", "'=1+2"},
		{"plus", "+SUM(A1:A9)", "'+SUM(A1:A9)"},
		{"minus", "-2+3", "'-2+3"},
		{"at", "@SUM(1)", "'@SUM(1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"nul", "\x00=1", "'\x00=1"},
		{"semicolon inside", "a;=1+2", "a;=1+2"},
		{"hyperlink", `=HYPERLINK("http://evil","click")`, `'=HYPERLINK("http://evil","click")`},
		{"dde", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"inner equals untouched", "a=1", "a=1"},
		{"leading space untouched", " =1", " =1"},
		{"quote doubled", "'already", "''already"},
		{"quote and formula", "'=1+2", "''=1+2"},
		{"cyrillic untouched", "Україна", "Україна"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.in
			m := &matrix.Matrix{Scale: matrix.DefaultScale()}
			m.Parties = []matrix.Party{{Name: s, Short: s, Group: s, Weight: 1}}
			m.Issues = []matrix.Issue{{Name: s, Short: s, Category: s, Weight: 1}}
			m.SetCells([][]matrix.Cell{{{Stance: "Opposes", Note: s}}})
			m.Evidence = []matrix.Evidence{{Party: s, Issue: s, Source: s, URL: s, Date: exporttest.Date("2025-01-01")}}
			recs := readCSV(t, exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
			if len(recs) != 2 {
				t.Fatalf("%d records, want 2", len(recs))
			}
			for _, col := range []string{"issue", "issue_short", "category", "party", "party_short", "group", "note", "evidence_source", "evidence_url"} {
				if got := recs[1][column(t, col)]; got != tc.want {
					t.Errorf("%s = %q, want %q", col, got, tc.want)
				}
			}
			if got := recs[1][column(t, "score")]; got != "-2" {
				t.Errorf("score = %q, want -2 untouched", got)
			}
		})
	}

	t.Run("scale labels and symbols", func(t *testing.T) {
		m := &matrix.Matrix{Scale: matrix.Scale{Stances: []matrix.Stance{
			{Label: "-Against", Score: -1, HasScore: true, Symbol: "--"},
			{Label: "+For", Score: 1, HasScore: true, Symbol: "=+"},
		}}}
		m.Parties = []matrix.Party{{Name: "A", Weight: 1}}
		m.Issues = []matrix.Issue{{Name: "I", Weight: 1}}
		m.SetCells([][]matrix.Cell{{{Stance: "-Against"}}})
		recs := readCSV(t, exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
		r := recs[1]
		if r[column(t, "stance")] != "'-Against" || r[column(t, "symbol")] != "'--" || r[column(t, "score")] != "-1" {
			t.Errorf("stance, symbol, score = %q %q %q", r[column(t, "stance")], r[column(t, "symbol")], r[column(t, "score")])
		}
	})

	// A spreadsheet that splits on semicolons or tabs (Excel in many
	// European locales) must still see one cell: such fields are quoted, so
	// that "a;=1+2" cannot start a new cell with a formula.
	t.Run("other separators are quoted", func(t *testing.T) {
		for _, s := range []string{"a;=1+2", "a\t=1+2", "a,=1+2", "trailing "} {
			m := &matrix.Matrix{Scale: matrix.DefaultScale()}
			m.Parties = []matrix.Party{{Name: "P", Weight: 1}}
			m.Issues = []matrix.Issue{{Name: "I", Weight: 1}}
			m.SetCells([][]matrix.Cell{{{Stance: "Supports", Note: s}}})
			out := string(exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
			if !strings.Contains(out, ","+"\""+s+"\",") {
				t.Errorf("note %q is not quoted in:\n%s", s, out)
			}
			if got := readCSV(t, []byte(out))[1][column(t, "note")]; got != s {
				t.Errorf("note %q reads back as %q", s, got)
			}
		}
	})

	// Removing one leading quote gives every text back exactly.
	t.Run("lossless", func(t *testing.T) {
		for _, s := range append(exporttest.TextHostile, "'", "''", "'=x", "'plain") {
			m := &matrix.Matrix{Scale: matrix.DefaultScale()}
			m.Parties = []matrix.Party{{Name: "P", Weight: 1}}
			m.Issues = []matrix.Issue{{Name: "I", Weight: 1}}
			m.SetCells([][]matrix.Cell{{{Stance: "Supports", Note: s}}})
			got := readCSV(t, exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))[1][column(t, "note")]
			// encoding/csv reads "\r\n" inside a quoted field as "\n".
			if want := strings.ReplaceAll(s, "\r\n", "\n"); strings.TrimPrefix(got, "'") != want {
				t.Errorf("note %q reads back as %q", s, got)
			}
		}
	})

	t.Run("no text field starts a formula", func(t *testing.T) {
		m := exporttest.TextMatrix("=a", "+b", "-c", "@d", "\te")
		recs := readCSV(t, exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
		score, count := column(t, "score"), column(t, "evidence_count")
		for i, r := range recs[1:] {
			for j, f := range r {
				if j == score || j == count || f == "" {
					continue
				}
				if strings.ContainsRune("=+-@\t\r", rune(f[0])) {
					t.Errorf("record %d, %s = %q starts a formula", i+1, exportcsv.Header[j], f)
				}
			}
		}
	})
}

// TestCSVShapes checks the row count of matrices of several shapes.
func TestCSVShapes(t *testing.T) {
	for _, tc := range []struct {
		name            string
		parties, issues int
		wantRecords     int
	}{
		{"empty", 0, 0, 1},
		{"no parties", 0, 3, 1},
		{"one cell", 1, 1, 2},
		{"12 × 30", 12, 30, 1 + 12*30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: tc.parties, Issues: tc.issues, Evidence: tc.parties * tc.issues, Seed: 3})
			recs := readCSV(t, exporttest.Bytes(t, exportcsv.Write, m, export.Options{}))
			if len(recs) != tc.wantRecords {
				t.Errorf("%d records, want %d", len(recs), tc.wantRecords)
			}
		})
	}
}

func TestGolden(t *testing.T) { exporttest.Golden(t, exportcsv.Write, "csv") }

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, exportcsv.Write) }

// FuzzCSV exports a matrix of fuzzed texts: the CSV reads back with one
// record per cell, every record has the header's fields, and no text field
// starts a formula.
func FuzzCSV(f *testing.F) {
	exporttest.FuzzText(f, exportcsv.Write, func(t *testing.T, _ exporttest.TextInput, m *matrix.Matrix, _ export.Options, out []byte) {
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
