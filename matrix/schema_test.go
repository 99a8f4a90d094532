package matrix_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// headers returns the columns' headers, each its k-th alias (k ≥ 0) where it has
// one and its name otherwise.
func headers(cs matrix.Columns, k int) []any {
	var out []any
	for _, c := range cs {
		h := c.Name
		if k >= 0 && k < len(c.Aliases) {
			h = c.Aliases[k]
		}
		out = append(out, h)
	}
	return out
}

// TestSchemaAliases reads workbooks whose sheets use the schema's names, then
// each of its aliases, for every column and About key: each is read as the
// column it stands for.
func TestSchemaAliases(t *testing.T) {
	for k := -1; k < 2; k++ {
		name := "names"
		if k >= 0 {
			name = "alias " + string(rune('1'+k))
		}
		t.Run(name, func(t *testing.T) {
			about := [][]any{}
			for i, h := range headers(matrix.AboutKeys, k) {
				v := any("v" + matrix.AboutKeys[i].Name)
				switch matrix.AboutKeys[i].Name {
				case "As of":
					v = "2025-04-23"
				case "Language":
					v = "en_gb"
				}
				about = append(about, row(h, v))
			}
			b := book(t,
				sheet{Name: matrix.SheetMatrix, Rows: [][]any{row(nil, "UA"), row("C", "Y")}},
				sheet{Name: matrix.SheetScale, Rows: [][]any{headers(matrix.ScaleColumns, k), row("Yes", 1, "#112233", "+", "Y", "agrees")}},
				sheet{Name: matrix.SheetParties, Rows: [][]any{headers(matrix.PartiesColumns, k), row("Ukraine", "UA", "G", "#445566", 2, "a party")}},
				sheet{Name: matrix.SheetIssues, Rows: [][]any{headers(matrix.IssuesColumns, k), row("Ceasefire", "C", "War", "an issue", 3)}},
				sheet{Name: matrix.SheetEvidence, Rows: [][]any{headers(matrix.EvidenceColumns, k),
					row("UA", "C", "Yes", "2025-04-20", "sum", "quote", "Zelenskyy", "Kyiv Post", "https://example.org/a")}},
				sheet{Name: matrix.SheetAbout, Rows: about},
			)
			m := mustReadBook(t, b)
			st := m.Scale.Stances[0]
			p, is, e, a := m.Parties[0], m.Issues[0], m.Evidence[0], m.About
			got := []any{st.Label, st.Score, st.Color, st.Symbol, st.Aliases[0], st.Description,
				p.Name, p.Short, p.Group, p.Color, p.Weight, p.Description,
				is.Name, is.Short, is.Category, is.Description, is.Weight,
				e.Party, e.Issue, e.Stance, e.Date, e.Summary, e.Quote, e.Speaker, e.Source, e.URL,
				a.Title, a.Subtitle, a.AsOf, a.Author, a.Organisation, a.Classification, a.Footer, a.Notes, a.Language,
				m.Stance(0, 0)}
			want := []any{"Yes", 1.0, "#112233", "+", "Y", "agrees",
				"Ukraine", "UA", "G", "#445566", 2.0, "a party",
				"Ceasefire", "C", "War", "an issue", 3.0,
				"Ukraine", "Ceasefire", "Yes", utcDate(2025, 4, 20), "sum", "quote", "Zelenskyy", "Kyiv Post", "https://example.org/a",
				"vTitle", "vSubtitle", utcDate(2025, 4, 23), "vAuthor", "vOrganisation", "vClassification", "vFooter", "vNotes", "en-GB",
				"Yes"}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("value %d: got %v, want %v", i, got[i], want[i])
				}
			}
		})
	}
}
