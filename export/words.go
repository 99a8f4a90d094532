package export

import (
	"fmt"
	"math"
	"slices"
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

// MarkerSize returns the size of a party's marker on the party map, as a
// factor of the normal size: 1 for every party when the mapped parties'
// weights are all the same; otherwise 0.6 + 0.8·√(weight / largest
// weight), so that the area grows with the weight, and 0.6 for a party
// without a positive weight.
func MarkerSize(m *matrix.Matrix, pts []matrix.Point) (size func(p int) float64, varies bool) {
	usable := func(w float64) bool { return w > 0 && !math.IsInf(w, 1) }
	wmax, wmin := 0.0, math.Inf(1)
	for _, pt := range pts {
		if pt.Party >= 0 && pt.Party < len(m.Parties) {
			if wt := m.Parties[pt.Party].Weight; usable(wt) {
				wmax, wmin = math.Max(wmax, wt), math.Min(wmin, wt)
			}
		}
	}
	varies = wmax > 0 && wmax > wmin
	return func(p int) float64 {
		if !varies {
			return 1
		}
		if wt := m.Parties[p].Weight; usable(wt) {
			return 0.6 + 0.8*math.Sqrt(wt/wmax)
		}
		return 0.6
	}, varies
}

// MapCaption is the reading aid under the party map in every format: what
// closeness means, the shared issues the distances rest on, the fit, the
// marks, and, when sizes vary (MarkerSize), that larger marks weigh more.
func MapCaption(an *matrix.Analysis, sizesVary bool) string {
	pts := an.Map.Points
	var ks []int
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if pr, ok := an.Known(pts[i].Party, pts[j].Party); ok {
				ks = append(ks, pr.Shared)
			}
		}
	}
	based := "based on 0 shared scored issues"
	if len(ks) > 0 {
		slices.Sort(ks)
		lo, hi, med := ks[0], ks[len(ks)-1], ks[len(ks)/2]
		based = fmt.Sprintf("based on %d shared scored issues", lo)
		if hi > lo {
			based = fmt.Sprintf("based on %d to %d shared scored issues per pair (median %d)", lo, hi, med)
		}
	}
	s := fmt.Sprintf("Closer = agree more; %s. Fit: stress %.2f (0 = the distances shown exactly, 1 = not at all). "+
		"Shapes mark the blocs; hollow circles, parties in no bloc.", based, an.Map.Stress)
	if sizesVary {
		s += " Larger marks: parties of more weight."
	}
	return s
}
