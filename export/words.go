package export

import (
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// Plural returns n with the word for one or for many: "1 party", "7
// parties", "0 parties".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// AuthorMark marks the author's own key findings (the workbook's Findings
// sheet) in every format that shows them, before the computed ones.
const AuthorMark = "Author's judgement"

// FindingConcerns returns what an author's finding concerns, as
// "Issue: Crimea; parties: Ukraine, Russia", or "" when it names neither.
func FindingConcerns(f matrix.Finding) string {
	var parts []string
	if f.Issue != "" {
		parts = append(parts, "Issue: "+f.Issue)
	}
	if len(f.Parties) > 0 {
		what := "parties: "
		if len(parts) == 0 {
			what = "Parties: "
		}
		if len(f.Parties) == 1 {
			what = strings.Replace(what, "arties", "arty", 1)
		}
		parts = append(parts, what+strings.Join(f.Parties, ", "))
	}
	return strings.Join(parts, "; ")
}

// AuthorFinding returns an author's finding as one line without the mark:
// its text, then what it concerns in brackets, e.g. "Talks will stall.
// (Issue: Ceasefire; parties: Ukraine, Russia)".
func AuthorFinding(f matrix.Finding) string {
	if c := FindingConcerns(f); c != "" {
		return f.Text + " (" + c + ")"
	}
	return f.Text
}

// BlocLetter names bloc g (counted from 0) in every format: A, B, …, Z,
// AA, AB, …
func BlocLetter(g int) string {
	if g < 26 {
		return string(rune('A' + g))
	}
	return BlocLetter(g/26-1) + string(rune('A'+g%26))
}
