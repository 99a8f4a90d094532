package matrix

import (
	"index/suffixarray"
	"sort"
	"strings"
)

// textIndex finds, for a text t of at least minContained bytes, whether a
// withheld text of at least minContained bytes holds t or is held in t —
// what withheld.hasText asks — in time that grows with t, not with the
// number of withheld texts:
//
//   - "a withheld text holds t": one lookup of t in a suffix array of all
//     the long withheld texts, joined by NUL bytes (a text holding a NUL is
//     compared with each instead, so that no match spans two texts);
//   - "t holds a withheld text": each minContained-byte window of t is
//     looked up among the withheld texts' first minContained bytes, and
//     each text starting so is compared with t there.
type textIndex struct {
	long     []string           // the texts of at least minContained bytes, sorted
	byPrefix map[string][]int32 // first minContained bytes → indexes in long
	joined   *suffixarray.Index // "\x00" + long joined by "\x00" + "\x00"
}

// textIndexCache holds a withheld's index and the number of texts it was
// built from.
type textIndexCache struct {
	ix *textIndex
	n  int
}

func newTextIndex(texts map[string]bool) *textIndex {
	ix := &textIndex{byPrefix: map[string][]int32{}}
	for k := range texts {
		if len(k) >= minContained {
			ix.long = append(ix.long, k)
		}
	}
	sort.Strings(ix.long)
	for n, k := range ix.long {
		p := k[:minContained]
		ix.byPrefix[p] = append(ix.byPrefix[p], int32(n))
	}
	if len(ix.long) > 0 {
		ix.joined = suffixarray.New([]byte("\x00" + strings.Join(ix.long, "\x00") + "\x00"))
	}
	return ix
}

// related reports whether t (at least minContained bytes) holds one of the
// long texts or is held in one.
func (ix *textIndex) related(t string) bool {
	if len(ix.long) == 0 {
		return false
	}
	for j := 0; j+minContained <= len(t); j++ {
		for _, n := range ix.byPrefix[t[j:j+minContained]] {
			if strings.HasPrefix(t[j:], ix.long[n]) {
				return true
			}
		}
	}
	if strings.IndexByte(t, 0) >= 0 {
		for _, k := range ix.long {
			if strings.Contains(k, t) {
				return true
			}
		}
		return false
	}
	return len(ix.joined.Lookup([]byte(t), 1)) > 0
}
