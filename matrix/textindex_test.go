package matrix

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveHasText is withheld.hasText as it was before textIndex: every
// text compared with every withheld text. It is the oracle.
func naiveHasText(w withheld, ts ...string) bool {
	for _, t := range ts {
		t = normLabel(t)
		if t == "" {
			continue
		}
		if w.texts[t] {
			return true
		}
		if len(t) < minContained {
			continue
		}
		for k := range w.texts {
			if len(k) >= minContained && (strings.Contains(t, k) || strings.Contains(k, t)) {
				return true
			}
		}
	}
	return false
}

// randText is a text over a tiny alphabet (NUL included), so that texts
// often hold one another.
func randText(r *rand.Rand, maxLen int) string {
	const alphabet = "ab\x00"
	b := make([]byte, r.IntN(maxLen+1))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func TestTextIndexMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	hits := 0
	for round := 0; round < 300; round++ {
		w := newWithheld()
		for range r.IntN(12) {
			w.addText(randText(r, 2*minContained+8))
		}
		var ks []string
		for k := range w.texts {
			ks = append(ks, k)
		}
		slices.Sort(ks) // the same cases every run
		for range 40 {
			t1, t2 := randText(r, 3*minContained), randText(r, minContained+4)
			if len(ks) > 0 && r.IntN(2) == 0 {
				// Near a withheld text: a piece of it, or it inside more.
				k := ks[r.IntN(len(ks))]
				i := r.IntN(len(k) + 1)
				j := i + r.IntN(len(k)-i+1)
				t1, t2 = k[i:j], randText(r, 4)+k+randText(r, 4)
				if r.IntN(2) == 0 {
					t1, t2 = t2, t1
				}
			}
			want := naiveHasText(w, t1, t2)
			if got := w.hasText(t1, t2); got != want {
				t.Fatalf("hasText(%q, %q) with %v = %v, want %v", t1, t2, w.texts, got, want)
			}
			if want {
				hits++
			}
		}
		// A text added after the index was built is found too.
		extra := strings.Repeat("b", minContained+1)
		w.addText(extra)
		if !w.hasText("a" + extra) {
			t.Fatalf("a text added after the index was built is not found")
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d of 12,000 cases related: the test does not exercise containment", hits)
	}
}

func TestTextIndexWords(t *testing.T) {
	w := newWithheld()
	w.addText("Qorvania's envoy said the corridor stays closed", "short text")
	for _, c := range []struct {
		t    string
		want bool
	}{
		{"qorvania's envoy said the corridor stays closed", true},          // the same, normalised
		{"Update: Qorvania's envoy said the corridor stays closed.", true}, // holds it
		{"the corridor stays closed", true},                                // held in it
		{"the corridor stays open", false},
		{"short text", true}, // exactly
		{"a short text here", false},
		{"", false},
	} {
		if got := w.hasText(c.t); got != c.want {
			t.Errorf("hasText(%q) = %v, want %v", c.t, got, c.want)
		}
		if got := naiveHasText(w, c.t); got != c.want {
			t.Errorf("oracle(%q) = %v, want %v", c.t, got, c.want)
		}
	}
	var zero withheld
	if zero.hasText("anything at all, at least twenty bytes") {
		t.Error("the zero withheld has a text")
	}
}

// BenchmarkWithheldTexts is hasText on an edition's withheld texts: n
// restricted notes withheld, asked of n other notes (a snapshot of the
// same size), with the index and with the oracle's scan.
//
//	go test ./matrix -run '^$' -bench '^BenchmarkWithheldTexts$' -count 5
func BenchmarkWithheldTexts(b *testing.B) {
	note := func(k int) string {
		return fmt.Sprintf("Note %d: the delegation said on day %d that the position on item %d is under review", k, k%31, k*7)
	}
	for _, n := range []int{100, 1000, 5000} {
		w := newWithheld()
		for k := range n {
			w.addText(note(k))
		}
		asked := make([]string, n)
		for k := range asked {
			asked[k] = note(k+n) + " (unrestricted)"
		}
		b.Run(fmt.Sprintf("index/%d", n), func(b *testing.B) {
			for b.Loop() {
				w.idx.ix = nil // the index is built once per edition
				for _, t := range asked {
					w.hasText(t)
				}
			}
		})
		if n > 1000 {
			continue // the oracle takes seconds
		}
		b.Run(fmt.Sprintf("scan/%d", n), func(b *testing.B) {
			for b.Loop() {
				for _, t := range asked {
					naiveHasText(w, t)
				}
			}
		})
	}
}
