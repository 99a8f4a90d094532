package xlsx

import "testing"

// TestUsedRange checks the range written into a sheet's <dimension>
// element, from the cells the sheet part holds.
func TestUsedRange(t *testing.T) {
	tests := []struct{ name, sheet, want string }{
		{"no cells", `<worksheet><dimension ref="A1"/><sheetData></sheetData></worksheet>`, `<worksheet><dimension ref="A1"/><sheetData></sheetData></worksheet>`},
		{"one cell", `<worksheet><dimension ref="A1"></dimension><sheetData><row r="3"><c r="C3" t="s"><v>0</v></c></row></sheetData></worksheet>`,
			`<worksheet><dimension ref="C3"></dimension><sheetData><row r="3"><c r="C3" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"span", `<worksheet><dimension ref="A1"/><cols><col min="1" max="2" width="9"/></cols><sheetData><row r="1"><c r="B1"/><c r="AA1"/></row><row r="1200"><c r="A1200" s="1"/></row></sheetData></worksheet>`,
			`<worksheet><dimension ref="A1:AA1200"/><cols><col min="1" max="2" width="9"/></cols><sheetData><row r="1"><c r="B1"/><c r="AA1"/></row><row r="1200"><c r="A1200" s="1"/></row></sheetData></worksheet>`},
		{"no dimension element", `<worksheet><sheetPr/><sheetViews/><sheetData><row r="2"><c r="B2"/><c r="D5"/></row></sheetData></worksheet>`,
			`<worksheet><sheetPr/><dimension ref="B2:D5"/><sheetViews/><sheetData><row r="2"><c r="B2"/><c r="D5"/></row></sheetData></worksheet>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := withDimension([]byte(tc.sheet), usedRange([]byte(tc.sheet)))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
