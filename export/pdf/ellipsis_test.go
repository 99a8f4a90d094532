package pdf

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFitEllipsis checks the binary search in fitEllipsis against cutting
// one letter at a time, the obvious (and, for long names, quadratic) way.
func TestFitEllipsis(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 10)
	b := &briefing{pdf: pdf}
	oneByOne := func(s string, w float64) string {
		if pdf.GetStringWidth(s) <= w {
			return s
		}
		r := []rune(s)
		for len(r) > 0 {
			r = r[:len(r)-1]
			if t := strings.TrimSpace(string(r)) + "…"; pdf.GetStringWidth(t) <= w {
				return t
			}
		}
		return ""
	}
	texts := []string{"", "a", "Security guarantees for Ukraine", "Withdrawal   of   foreign forces ",
		"WWWWW iiiii WWWWW", strings.Repeat("Withdrawal of foreign forces ", 30)}
	for _, s := range texts {
		for _, w := range []float64{0, 1, 2.5, 5, 10, 20, 33.3, 60, 200} {
			if got, want := b.fitEllipsis(s, w), oneByOne(s, w); got != want {
				t.Errorf("fitEllipsis(%.20q…, %v) = %q, want %q", s, w, got, want)
			}
		}
	}
}
