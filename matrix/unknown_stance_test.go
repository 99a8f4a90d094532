package matrix_test

import (
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

func TestScaleForCode(t *testing.T) {
	def := matrix.DefaultScale()
	custom := matrix.Scale{Stances: []matrix.Stance{
		{Label: "Yes", Score: 1, HasScore: true, Symbol: "Y"},
		{Label: "No", Score: -1, HasScore: true, Symbol: "N"},
		{Label: "Abstains", Symbol: "○"},
	}}
	tests := []struct {
		scale matrix.Scale
		code  string
		want  string // "" when not a code
	}{
		{def, "2", "Supports"},
		{def, "-2", "Opposes"},
		{def, "−2", "Opposes"},
		{def, "+1", "Leans support"},
		{def, "0", "Conditional"},
		{def, "1.0", "Leans support"},
		{def, "1,0", "Leans support"},
		{def, "++", "Supports"},
		{def, "−−", "Opposes"},
		{def, "--", "Opposes"},
		{def, " – ", "Leans oppose"},
		{def, "+", "Leans support"},
		{def, "~", "Conditional"},
		{def, "?", "Unclear"},
		{def, "3", ""},
		{def, "Maybe", ""},
		{def, "", ""},
		{custom, "1", "Yes"},
		{custom, "-1", "No"},
		{custom, "y", "Yes"},
		{custom, "○", "Abstains"},
		{custom, "2", ""},
		{custom, "++", ""},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			st, ok := tc.scale.ForCode(tc.code)
			if ok != (tc.want != "") || st.Label != tc.want {
				t.Errorf("ForCode(%q) = %q, %v; want %q", tc.code, st.Label, ok, tc.want)
			}
		})
	}
}

func TestUnknownStanceSuggestions(t *testing.T) {
	mx := sheet{Name: "Matrix", Rows: [][]any{
		row(nil, "UA", "RU", "US"),
		row("Ceasefire", "2", "-2", "Maybe"),
		row("Crimea", "++", "−−", "Perhaps"),
		row("Sanctions", "Suports", "?", "Maybe"),
	}}
	evidence := sheet{Name: "Evidence", Rows: [][]any{row("Party", "Issue", "Stance"), row("UA", "Crimea", "Sometimes")}}
	scale := sheet{Name: "Scale", Rows: [][]any{
		row("Label", "Score", "Symbol"),
		row("Backs", 1, "B"),
		row("Rejects", -1, "R"),
	}}
	tests := []struct {
		name   string
		sheets []sheet
		want   []string
	}{
		{"default scale", []sheet{mx, evidence}, []string{
			`t.xlsx: Evidence!C2: unknown stance "Sometimes"`,
			`hint: the stances of the scale are Supports, Leans support, Conditional, Leans oppose, Opposes and Unclear`,
			`t.xlsx: Matrix!B2: unknown stance "2" (did you mean "Supports"?)`,
			`t.xlsx: Matrix!C2: unknown stance "-2" (did you mean "Opposes"?)`,
			`t.xlsx: Matrix!D2: unknown stance "Maybe"`,
			`t.xlsx: Matrix!B3: unknown stance "++" (did you mean "Supports"?)`,
			`t.xlsx: Matrix!C3: unknown stance "−−" (did you mean "Opposes"?)`,
			`t.xlsx: Matrix!D3: unknown stance "Perhaps"`,
			`t.xlsx: Matrix!B4: unknown stance "Suports" (did you mean "Supports"?)`,
			`t.xlsx: Matrix!C4: unknown stance "?" (did you mean "Unclear"?)`,
			`t.xlsx: Matrix!D4: unknown stance "Maybe"`,
		}},
		{"custom scale", []sheet{scale, {Name: "Matrix", Rows: [][]any{
			row(nil, "UA", "RU", "US"),
			row("Ceasefire", "1", "r", "++"),
		}}}, []string{
			`t.xlsx: Matrix!B2: unknown stance "1" (did you mean "Backs"?)`,
			`t.xlsx: Matrix!C2: unknown stance "r" (did you mean "Rejects"?)`,
			`t.xlsx: Matrix!D2: unknown stance "++"`,
			`hint: the stances of the scale are Backs and Rejects`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := readBook(t, book(t, tc.sheets...))
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
				if p.Hint != "" {
					got = append(got, "hint: "+p.Hint)
				}
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tc.want, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}
