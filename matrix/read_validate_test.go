package matrix_test

import (
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// Broken workbooks and the problems each must produce: every listed line
// must be among the problems (printed as "file: Sheet!Cell: message"), and
// the count of errors and warnings must match.
func TestReadValidation(t *testing.T) {
	mx := func(rows ...[]any) sheet { return sheet{Name: "Matrix", Rows: rows} }
	basic := mx(row(nil, "Ukraine", "Russia"), row("Ceasefire", "Supports", "Opposes"))
	parties := sheet{Name: "Parties", Rows: [][]any{row("Name", "Short"), row("Ukraine", "UA"), row("Russia", "RU")}}
	evidence := func(rows ...[]any) sheet {
		return sheet{Name: "Evidence", Rows: append([][]any{row("Party", "Issue", "Stance", "Date", "URL")}, rows...)}
	}
	tests := []struct {
		name             string
		sheets           []sheet
		want             []string
		errors, warnings int
	}{
		{
			name:   "unknown stance",
			sheets: []sheet{mx(row(nil, "Ukraine"), row("Ceasefire", "Suports"), row("Crimea", "Maybe so"))},
			want: []string{
				`t.xlsx: Matrix!B2: unknown stance "Suports" (did you mean "Supports"?)`,
				`t.xlsx: Matrix!B3: unknown stance "Maybe so"`,
			},
			errors: 2,
		},
		{
			name:   "duplicate party",
			sheets: []sheet{mx(row(nil, "Ukraine", " ukraine"), row("Ceasefire", "Supports", "Opposes"))},
			want:   []string{`t.xlsx: Matrix!C1: duplicate party "ukraine" (also in B1)`},
			errors: 1,
		},
		{
			name:   "duplicate party by short name",
			sheets: []sheet{mx(row(nil, "Ukraine", "UA"), row("Ceasefire", "Supports", "Opposes")), parties},
			want:   []string{`t.xlsx: Matrix!C1: duplicate party "UA" (also in B1)`, `t.xlsx: Parties!A3: warning: party "Russia" is not in the Matrix sheet; it is left out`},
			errors: 1, warnings: 1,
		},
		{
			name: "party alias is another party's name",
			sheets: []sheet{basic, {Name: "Parties", Rows: [][]any{row("Name", "Short", "Aliases"),
				row("Ukraine", "UA", "Kyiv, Russia"), row("Russia", "RU", "")}}},
			want:   []string{`t.xlsx: Parties!C2: alias "Russia" of party "Ukraine" is already used by "Russia" in A3`},
			errors: 1,
		},
		{
			name: "party alias is another party's alias",
			sheets: []sheet{basic, {Name: "Parties", Rows: [][]any{row("Name", "Aliases"),
				row("Ukraine", "Kyiv"), row("Russia", "Moscow, kyiv")}}},
			want:   []string{`t.xlsx: Parties!B3: alias "kyiv" of party "Russia" is already used by "Ukraine" (alias in B2)`},
			errors: 1,
		},
		{
			name: "issue alias is another issue's short name",
			sheets: []sheet{mx(row(nil, "Ukraine"), row("Ceasefire", "Supports"), row("Crimea", "Opposes")),
				{Name: "Issues", Rows: [][]any{row("Name", "Short", "Aliases"), row("Ceasefire", "CF", "Truce"), row("Crimea", "CR", "cf")}}},
			want:   []string{`t.xlsx: Issues!C3: alias "cf" of issue "Crimea" is already used by "Ceasefire" (short name in B2)`},
			errors: 1,
		},
		{
			name:   "duplicate issue",
			sheets: []sheet{mx(row(nil, "Ukraine"), row("Ceasefire", "Supports"), row("CEASEFIRE", "Opposes"))},
			want:   []string{`t.xlsx: Matrix!A3: duplicate issue "CEASEFIRE" (also in A2)`},
			errors: 1,
		},
		{
			name:   "header not in Parties sheet",
			sheets: []sheet{mx(row(nil, "Ukriane", "Russia"), row("Ceasefire", "Supports", "Opposes")), parties},
			want: []string{
				`t.xlsx: Matrix!B1: party "Ukriane" is not in the Parties sheet (did you mean "Ukraine"?)`,
				`t.xlsx: Parties!A2: warning: party "Ukraine" is not in the Matrix sheet; it is left out`,
			},
			errors: 1, warnings: 1,
		},
		{
			name:   "issue not in Issues sheet, and one absent",
			sheets: []sheet{basic, sheet{Name: "Issues", Rows: [][]any{row("Issue"), row("Ceasefires"), row("Crimea")}}},
			want: []string{
				`t.xlsx: Matrix!A2: issue "Ceasefire" is not in the Issues sheet (did you mean "Ceasefires"?)`,
				`t.xlsx: Issues!A2: warning: issue "Ceasefires" is not in the Matrix sheet; it is left out`,
				`t.xlsx: Issues!A3: warning: issue "Crimea" is not in the Matrix sheet; it is left out`,
			},
			errors: 1, warnings: 2,
		},
		{
			name:   "duplicate in Parties sheet",
			sheets: []sheet{basic, sheet{Name: "Parties", Rows: [][]any{row("Name", "Short"), row("Ukraine", "UA"), row("Russia", "RU"), row("ukraine", ""), row("Rusia", "ru")}}},
			want: []string{
				`t.xlsx: Parties!A4: duplicate party "ukraine" (also "Ukraine" in A2)`,
				`t.xlsx: Parties!B5: short name "ru" of party "Rusia" is already used by "Russia" (short name in B3)`,
				`t.xlsx: Parties!A5: warning: party "Rusia" is not in the Matrix sheet; it is left out`,
			},
			errors: 2, warnings: 1,
		},
		{
			name: "evidence party, issue and stance unknown",
			sheets: []sheet{basic, evidence(
				row("Ukrain", "Ceasefire", "Supports", "2025-04-23", ""),
				row("Russia", "Ceasefir", "Oposes", "", ""),
				row("", "", "", "", "https://example.org"),
			)},
			want: []string{
				`t.xlsx: Evidence!A2: unknown party "Ukrain" (did you mean "Ukraine"?)`,
				`t.xlsx: Evidence!B3: unknown issue "Ceasefir" (did you mean "Ceasefire"?)`,
				`t.xlsx: Evidence!C3: unknown stance "Oposes" (did you mean "Opposes"?)`,
				`t.xlsx: Evidence!A4: evidence row 4 names no party`,
				`t.xlsx: Evidence!B4: evidence row 4 names no issue`,
			},
			errors: 5,
		},
		{
			name: "evidence of a party or issue listed but not in the matrix",
			sheets: []sheet{basic,
				sheet{Name: "Parties", Rows: [][]any{row("Name", "Short"), row("Ukraine", "UA"), row("Russia", "RU"), row("Poland", "PL")}},
				sheet{Name: "Issues", Rows: [][]any{row("Name"), row("Ceasefire"), row("Crimea")}},
				evidence(row("PL", "Ceasefire", "", "", ""), row("Ukraine", "Crimea", "", "", "")),
			},
			want: []string{
				`t.xlsx: Evidence!A2: warning: party "PL" is not in the Matrix sheet; the evidence row is ignored`,
				`t.xlsx: Evidence!B3: warning: issue "Crimea" is not in the Matrix sheet; the evidence row is ignored`,
				`t.xlsx: Parties!A4: warning: party "Poland" is not in the Matrix sheet; it is left out`,
				`t.xlsx: Issues!A3: warning: issue "Crimea" is not in the Matrix sheet; it is left out`,
			},
			warnings: 4,
		},
		{
			name: "newest evidence differs from the matrix",
			sheets: []sheet{mx(row(nil, "Ukraine", "Russia"), row("Ceasefire", "Conditional", "")), evidence(
				row("Ukraine", "Ceasefire", "Supports", "2025-04-01", ""),
				row("Ukraine", "Ceasefire", "Opposes", "2025-04-23", ""),
				row("Ukraine", "Ceasefire", "Conditional", "", ""),
				row("Russia", "Ceasefire", "Opposes", "", ""),
			)},
			want: []string{
				`t.xlsx: Evidence!C3: warning: evidence of 2025-04-23 says Opposes, matrix says Conditional`,
				`t.xlsx: Evidence!C5: warning: newest evidence says Opposes, matrix cell Matrix!C2 is blank`,
			},
			warnings: 2,
		},
		{
			name: "dates",
			sheets: []sheet{basic, evidence(
				row("Ukraine", "Ceasefire", "", "04/05/2025", ""),
				row("Ukraine", "Ceasefire", "", "soon", ""),
				row("Ukraine", "Ceasefire", "", "31 April 2025", ""),
				row("Ukraine", "Ceasefire", "", "23 April 2025", ""),
				row("Ukraine", "Ceasefire", "", "23/04/2025", ""),
				row("Ukraine", "Ceasefire", "", "2025", ""),
			)},
			want: []string{
				`t.xlsx: Evidence!D7: date "2025" is not a date the tool can read unambiguously; write it as YYYY-MM-DD`,
				`t.xlsx: Evidence!D2: date "04/05/2025" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD, e.g. 2025-05-04`,
				`t.xlsx: Evidence!D3: date "soon" is not a date the tool can read unambiguously; write it as YYYY-MM-DD`,
				`t.xlsx: Evidence!D4: date "31 April 2025" is not a valid date; write it as YYYY-MM-DD`,
			},
			errors: 4,
		},
		{
			name: "URLs",
			sheets: []sheet{basic, evidence(
				row("Ukraine", "Ceasefire", "", "", "ftp://example.org/x"),
				row("Ukraine", "Ceasefire", "", "", "javascript:alert(1)"),
				row("Ukraine", "Ceasefire", "", "", "www.example.org"),
				row("Ukraine", "Ceasefire", "", "", "HTTPS://example.org/ok"),
			)},
			want: []string{
				`t.xlsx: Evidence!E2: URL "ftp://example.org/x" is not an http(s) link`,
				`t.xlsx: Evidence!E3: URL "javascript:alert(1)" is not an http(s) link`,
				`t.xlsx: Evidence!E4: URL "www.example.org" is not an http(s) link`,
			},
			errors: 3,
		},
		{
			name: "party colour and weight",
			sheets: []sheet{basic, sheet{Name: "Parties", Rows: [][]any{
				row("Name", "Color", "Weight"), row("Ukraine", "blue", "heavy"), row("Russia", "#12345", -1),
			}}},
			want: []string{
				`t.xlsx: Parties!B2: color "blue" is not of the form #RRGGBB`,
				`t.xlsx: Parties!C2: weight "heavy" is not a number`,
				`t.xlsx: Parties!B3: color "#12345" is not of the form #RRGGBB`,
				`t.xlsx: Parties!C3: weight -1 is negative; a weight is 0 or more`,
			},
			errors: 4,
		},
		{
			name:   "issue weight",
			sheets: []sheet{basic, sheet{Name: "Issues", Rows: [][]any{row("Name", "Weight"), row("Ceasefire", "NaN")}}},
			want:   []string{`t.xlsx: Issues!B2: weight "NaN" is not a number`},
			errors: 1,
		},
		{
			name: "scale problems",
			sheets: []sheet{basic, sheet{Name: "Scale", Rows: [][]any{
				row("Label", "Score", "Color", "Aliases"),
				row("Supports", "two", "#00F", "Yes, For"),
				row("Opposes", -2, "", "No, yes"),
				row("supports", 1, "", ""),
				row("Unclear", "", "", "Opposes"),
			}}},
			want: []string{
				`t.xlsx: Scale!B2: score "two" is not a number`,
				`t.xlsx: Scale!C2: color "#00F" is not of the form #RRGGBB`,
				`t.xlsx: Scale!D3: alias "yes" of "Opposes" is already used by "Supports" (alias in D2)`,
				`t.xlsx: Scale!A4: stance "supports" is listed twice (also "Supports" in A2)`,
				`t.xlsx: Scale!D5: alias "Opposes" of "Unclear" is already used by "Opposes" in A3`,
			},
			errors: 5,
		},
		{
			name:   "empty Scale sheet",
			sheets: []sheet{basic, sheet{Name: "Scale", Rows: [][]any{row("Label", "Score")}}},
			want:   []string{`t.xlsx: Scale!A1: the Scale sheet lists no stances below the header row`},
			errors: 1,
		},
		{
			name:     "near-miss sheet names",
			sheets:   []sheet{basic, sheet{Name: "Partys", Rows: [][]any{row("Name"), row("Ukraine")}}, sheet{Name: "evidense", Rows: [][]any{row("x")}}, sheet{Name: "Sheet2"}},
			want:     []string{`t.xlsx: Partys: warning: sheet "Partys" is ignored (did you mean "Parties"?)`, `t.xlsx: evidense: warning: sheet "evidense" is ignored (did you mean "Evidence"?)`},
			warnings: 2,
		},
		{
			name:   "missing Matrix sheet with a near miss",
			sheets: []sheet{sheet{Name: "Matix", Rows: [][]any{row(nil, "Ukraine"), row("Ceasefire", "Supports")}}},
			want:   []string{`t.xlsx: the workbook has no "Matrix" sheet (did you mean "Matix"?)`},
			errors: 1,
		},
		{
			name:   "missing Matrix sheet",
			sheets: []sheet{sheet{Name: "Data", Rows: [][]any{row("x")}}},
			want:   []string{`t.xlsx: the workbook has no "Matrix" sheet`},
			errors: 1,
		},
		{
			name:   "empty Matrix sheet",
			sheets: []sheet{sheet{Name: "Matrix"}},
			want:   []string{`t.xlsx: Matrix: the sheet is empty: row 1 should name the parties (from column B) and column A the issues (from row 2)`},
			errors: 1,
		},
		{
			name:     "template not filled in yet",
			sheets:   []sheet{mx(row("Issue \\ Party"))},
			want:     []string{`t.xlsx: Matrix!A1: warning: the matrix is empty: name one party per column in row 1 from column B on, and one issue per row in column A from row 2 on`},
			warnings: 1,
		},
		{
			name:   "no parties",
			sheets: []sheet{mx(row("Issue"), row("Ceasefire"), row("Crimea"))},
			want:   []string{`t.xlsx: Matrix!B1: no parties: row 1 should name one party per column from column B on`},
			errors: 1,
		},
		{
			name:   "no issues",
			sheets: []sheet{mx(row(nil, "Ukraine", "Russia"))},
			want:   []string{`t.xlsx: Matrix!A2: no issues: column A should name one issue per row from row 2 on`},
			errors: 1,
		},
		{
			name:   "stance without party or issue",
			sheets: []sheet{mx(row(nil, "Ukraine", nil), row("Ceasefire", "Supports", "Opposes"), row(nil, "Supports"))},
			want: []string{
				`t.xlsx: Matrix!C2: "Opposes" is in a column with no party name in row 1`,
				`t.xlsx: Matrix!A3: row 3 has stances but no issue name in column A`,
			},
			errors: 2,
		},
		{
			name: "missing required columns",
			sheets: []sheet{basic,
				sheet{Name: "Parties", Rows: [][]any{row("Short", "Group"), row("UA", "x")}},
				sheet{Name: "Issues", Rows: [][]any{nil, row(nil, "Category"), row(nil, "x")}},
				sheet{Name: "Evidence", Rows: [][]any{row("Party", "Isue", "Stance"), row("Ukraine", "Ceasefire", "Supports")}},
				sheet{Name: "Scale", Rows: [][]any{row("Labels", "Score"), row("Yes", 1)}},
			},
			want: []string{
				`t.xlsx: Parties!A1: no "Name" column (or Party, Actor) in the header row (row 1)`,
				`t.xlsx: Issues!B2: no "Name" column (or Issue, Topic) in the header row (row 2)`,
				`t.xlsx: Evidence!A1: no "Issue" column in the header row (row 1)`,
				`t.xlsx: Evidence!B1: warning: column "Isue" is ignored (did you mean "Issue"?)`,
				`t.xlsx: Scale!A1: no "Label" column in the header row (row 1)`,
				`t.xlsx: Scale!A1: warning: column "Labels" is ignored (did you mean "Label"?)`,
			},
			errors: 4, warnings: 2,
		},
		{
			name: "About sheet",
			sheets: []sheet{basic, sheet{Name: "About", Rows: [][]any{
				row("Titel", "x"), row("As of", "04/05/2025"), row("Author", "me"), row("author", "you"),
			}}},
			want: []string{
				`t.xlsx: About!A1: warning: key "Titel" is ignored (did you mean "Title"?)`,
				`t.xlsx: About!B2: date "04/05/2025" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD, e.g. 2025-05-04`,
				`t.xlsx: About!A4: warning: second "author" is ignored (the first is in A3)`,
			},
			errors: 1, warnings: 2,
		},
		{
			name:   "snapshot with a bad date",
			sheets: []sheet{basic, sheet{Name: "Matrix 2025-13-01", Rows: [][]any{row(nil, "Ukraine"), row("Ceasefire", "Supports")}}},
			want:   []string{`t.xlsx: Matrix 2025-13-01: the snapshot sheet's name has an invalid date "2025-13-01"; name it Matrix YYYY-MM-DD`},
			errors: 1,
		},
		{
			name:   "snapshot with an unknown stance",
			sheets: []sheet{basic, sheet{Name: "Matrix 2025-04-16", Rows: [][]any{row(nil, "Ukraine"), row("Ceasefire", "Suports")}}},
			want:   []string{`t.xlsx: Matrix 2025-04-16!B2: unknown stance "Suports" (did you mean "Supports"?)`},
			errors: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := readBook(t, book(t, tc.sheets...))
			got := problemLines(ps)
			for _, w := range tc.want {
				if !strings.Contains("\n"+got+"\n", "\n"+w+"\n") {
					t.Errorf("missing problem\n  %s\ngot:\n%s", w, got)
				}
			}
			if e, w := len(ps.Errors()), len(ps.Warnings()); e != tc.errors || w != tc.warnings {
				t.Errorf("%d errors and %d warnings, want %d and %d:\n%s", e, w, tc.errors, tc.warnings, got)
			}
		})
	}
}

func TestProblemsSorted(t *testing.T) {
	_, ps := readBook(t, book(t,
		sheet{Name: "Matrix", Rows: [][]any{row(nil, "A", "B"), row("X", "Bad", "Bad"), row("Y", "Bad", "Bad")}},
		sheet{Name: "Evidence", Rows: [][]any{row("Party", "Issue", "Stance"), row("A", "X", "Bad")}},
	))
	var places []string
	for _, p := range ps {
		places = append(places, p.Place())
	}
	want := "Evidence!C2 Matrix!B2 Matrix!C2 Matrix!B3 Matrix!C3"
	if got := strings.Join(places, " "); got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	if ps.Err() == nil {
		t.Errorf("Err() is nil")
	}
}

var _ = matrix.Read
