package matrix_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

func TestReadFindings(t *testing.T) {
	mx := sheet{Name: "Matrix", Rows: [][]any{row(nil, "Ukraine", "Russia", "Coalition, the"), row("Ceasefire", "Supports", "Opposes", ""), row("Crimea", "Opposes", "Supports", "")}}
	parties := sheet{Name: "Parties", Rows: [][]any{row("Name", "Short"), row("Ukraine", "UA"), row("Russia", "RU"), row("Coalition, the", "CW")}}
	findings := func(rows ...[]any) sheet {
		return sheet{Name: "Findings", Rows: append([][]any{row("Text", "Issue", "Parties", "Order")}, rows...)}
	}
	f := func(text, issue string, order float64, has bool, rowNo int, parties ...string) matrix.Finding {
		return matrix.Finding{Text: text, Issue: issue, Parties: parties, Order: order, HasOrder: has, Sheet: "Findings", Row: rowNo}
	}
	tests := []struct {
		name             string
		sheets           []sheet
		want             []matrix.Finding
		problems         []string
		errors, warnings int
	}{
		{
			name:   "no sheet",
			sheets: []sheet{mx},
		},
		{
			name:   "text only",
			sheets: []sheet{mx, findings(row("Talks will stall."))},
			want:   []matrix.Finding{f("Talks will stall.", "", 0, false, 2)},
		},
		{
			name: "issue and parties by name or short name, in any case",
			sheets: []sheet{mx, parties, findings(
				row("Crimea divides them.", "crimea", "UA, russia"),
				row("The coalition stands apart.", nil, "Coalition, the"),
				row("Said twice.", nil, "UA, Ukraine"),
			)},
			want: []matrix.Finding{
				f("Crimea divides them.", "Crimea", 0, false, 2, "Ukraine", "Russia"),
				f("The coalition stands apart.", "", 0, false, 3, "Coalition, the"),
				f("Said twice.", "", 0, false, 4, "Ukraine"),
			},
		},
		{
			name: "order: numbered first, lowest first, then sheet order",
			sheets: []sheet{mx, findings(
				row("C", nil, nil, nil),
				row("B", nil, nil, 2),
				row("A", nil, nil, "1,5"),
				row("D", nil, nil, nil),
			)},
			want: []matrix.Finding{f("A", "", 1.5, true, 4), f("B", "", 2, true, 3), f("C", "", 0, false, 2), f("D", "", 0, false, 5)},
		},
		{
			name: "bad cells are warnings naming the cell",
			sheets: []sheet{mx, findings(
				row("Unknown issue.", "Ceasfire"),
				row("Unknown party.", nil, "Ukraine, Rusia"),
				row("Bad order.", nil, nil, "first"),
				row(nil, "Crimea", "Ukraine"),
				row(),
			)},
			want: []matrix.Finding{
				f("Unknown issue.", "", 0, false, 2),
				f("Unknown party.", "", 0, false, 3, "Ukraine"),
				f("Bad order.", "", 0, false, 4),
			},
			problems: []string{
				`t.xlsx: Findings!B2: warning: unknown issue "Ceasfire"; the finding is kept without it (did you mean "Ceasefire"?)`,
				`t.xlsx: Findings!C3: warning: unknown party "Rusia"; the finding is kept without it (did you mean "Russia"?)`,
				`t.xlsx: Findings!D4: warning: order "first" is not a number; the finding follows the numbered ones`,
				`t.xlsx: Findings!A5: warning: finding row 5 has no text; it is ignored`,
			},
			warnings: 4,
		},
		{
			name:     "no Text column",
			sheets:   []sheet{mx, sheet{Name: "Findings", Rows: [][]any{row("Txt", "Issue"), row("Something.", "Crimea")}}},
			problems: []string{`t.xlsx: Findings!A1: no "Text" column (or Finding) in the header row (row 1)`, `t.xlsx: Findings!A1: warning: column "Txt" is ignored (did you mean "Text"?)`},
			errors:   1, warnings: 1,
		},
		{
			name:   "header alias and a sheet name in odd case",
			sheets: []sheet{mx, sheet{Name: " findings ", Rows: [][]any{row("Finding", "Party"), row("Russia holds out.", " russia ")}}},
			want:   []matrix.Finding{{Text: "Russia holds out.", Parties: []string{"Russia"}, Sheet: " findings ", Row: 2}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ps := readBook(t, book(t, tc.sheets...))
			got := problemLines(ps)
			for _, w := range tc.problems {
				if !contains(got, w) {
					t.Errorf("missing problem\n  %s\ngot:\n%s", w, got)
				}
			}
			if e, w := len(ps.Errors()), len(ps.Warnings()); e != tc.errors || w != tc.warnings {
				t.Errorf("%d errors and %d warnings, want %d and %d:\n%s", e, w, tc.errors, tc.warnings, got)
			}
			if tc.errors > 0 {
				return
			}
			if m == nil {
				t.Fatalf("no matrix:\n%s", got)
			}
			if !reflect.DeepEqual(m.Findings, tc.want) {
				t.Errorf("findings:\ngot  %+v\nwant %+v", m.Findings, tc.want)
			}
		})
	}
}

func contains(lines, line string) bool { return slices.Contains(strings.Split(lines, "\n"), line) }
