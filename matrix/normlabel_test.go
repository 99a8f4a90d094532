package matrix

import (
	"math/rand/v2"
	"testing"
)

// normLabel's one-pass ASCII way gives what the general way gives.
func TestNormLabel(t *testing.T) {
	cases := []string{"", " ", "   ", "a", "A", " a", "a ", "a  b", "a\tb", "Issue 17", "issue 17",
		"  Mixed\n\tCASE  words ", "\v\f\r", "x\u00a0y", "É tat", "ÄÖ  ü", "a\u0085b", "ok", "o k", "O K "}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{" ", "\t", "\n", "\v", "\f", "\r", "a", "Z", "m", "0", "-", "\u00a0", "é", "Σ", "\u0085"}
	for range 20000 {
		s := ""
		for range r.IntN(8) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		if got, want := normLabel(s), normLabelSlow(s); got != want {
			t.Fatalf("normLabel(%q) = %q, want %q", s, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { normLabel("already normal") }); n != 0 {
		t.Errorf("normLabel of a normal label: %v allocations, want 0", n)
	}
}

func FuzzNormLabel(f *testing.F) {
	f.Add("  Mixed\n\tCASE  words ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normLabel(s), normLabelSlow(s); got != want {
			t.Fatalf("normLabel(%q) = %q, want %q", s, got, want)
		}
	})
}
