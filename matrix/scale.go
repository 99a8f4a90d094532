package matrix

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Stance is one step of the scale: a label with its score, colour, symbol
// and aliases.
type Stance struct {
	Label string
	// Score is the position on the ordinal axis; meaningful only when
	// HasScore is true. A stance without a score (e.g. "Unclear") is shown
	// but left out of numeric analysis.
	Score       float64
	HasScore    bool
	Color       string // "#RRGGBB"
	Symbol      string
	Aliases     []string
	Description string
}

// Scale is the ordered list of stances a cell may hold.
type Scale struct {
	Stances []Stance
	// Default is true when the workbook had no Scale sheet.
	Default bool
}

// DefaultScale returns the scale used when a workbook has no Scale sheet.
// Its colours are a colour-blind-safe diverging palette (blue for support,
// orange to red for opposition, grey for Unclear).
func DefaultScale() Scale {
	return Scale{Default: true, Stances: []Stance{
		{Label: "Supports", Score: 2, HasScore: true, Color: "#2166AC", Symbol: "++", Aliases: []string{"Support", "Yes", "For", "In favour"}, Description: "Supports the proposal"},
		{Label: "Leans support", Score: 1, HasScore: true, Color: "#92C5DE", Symbol: "+", Aliases: []string{"Leans yes", "Open"}, Description: "Open to it, leaning towards support"},
		{Label: "Conditional", Score: 0, HasScore: true, Color: "#F7F7F7", Symbol: "~", Aliases: []string{"Conditionally", "Depends"}, Description: "Supports only under conditions"},
		{Label: "Leans oppose", Score: -1, HasScore: true, Color: "#F4A582", Symbol: "−", Aliases: []string{"Leans no", "Sceptical"}, Description: "Sceptical, leaning towards opposition"},
		{Label: "Opposes", Score: -2, HasScore: true, Color: "#B2182B", Symbol: "−−", Aliases: []string{"Oppose", "No", "Against", "Rejects"}, Description: "Opposes the proposal"},
		{Label: "Unclear", Color: "#BDBDBD", Symbol: "?", Aliases: []string{"Unknown", "Ambiguous"}, Description: "Position stated but unclear"},
	}}
}

// normLabel is s lower-cased, its runs of white space one space, trimmed:
// the key by which names and labels are compared. An ASCII s is done in
// one pass and at most one allocation (none when s is already normal):
// reading 6,000 issues normalises each name several times, and the general
// way (Fields, Join, ToLower) made three allocations each time.
func normLabel(s string) string {
	normal := true // s is its own result so far
	space := true  // at the start, or after a space written
	n := 0         // the result's length
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return normLabelSlow(s)
		case asciiSpace(c):
			if c != ' ' || space {
				normal = false
			}
			if !space {
				n++
			}
			space = true
		default:
			if 'A' <= c && c <= 'Z' {
				normal = false
			}
			n++
			space = false
		}
	}
	if space && n > 0 {
		n-- // the space written after the last word
		normal = false
	}
	if normal {
		return s
	}
	var b strings.Builder
	b.Grow(n)
	space = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// asciiSpace is the ASCII white space of strings.Fields (unicode.IsSpace).
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// normLabelSlow is normLabel for any text.
func normLabelSlow(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Lookup finds the stance whose label or alias matches s, ignoring case and
// surrounding or repeated spaces.
func (s Scale) Lookup(label string) (Stance, bool) {
	n := normLabel(label)
	if n == "" {
		return Stance{}, false
	}
	for _, st := range s.Stances {
		if normLabel(st.Label) == n {
			return st, true
		}
	}
	for _, st := range s.Stances {
		for _, a := range st.Aliases {
			if normLabel(a) == n {
				return st, true
			}
		}
	}
	return Stance{}, false
}

// Stance returns the stance with exactly this canonical label.
func (s Scale) Stance(label string) (Stance, bool) {
	for _, st := range s.Stances {
		if st.Label == label {
			return st, true
		}
	}
	return Stance{}, false
}

// Score returns the score of a canonical label, and false when the label is
// blank, unknown or off the axis.
func (s Scale) Score(label string) (float64, bool) {
	st, ok := s.Stance(label)
	if !ok || !st.HasScore {
		return 0, false
	}
	return st.Score, true
}

// Bounds returns the lowest and highest score on the scale; ok is false when
// fewer than two distinct scores exist.
func (s Scale) Bounds() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, st := range s.Stances {
		if st.HasScore {
			lo = math.Min(lo, st.Score)
			hi = math.Max(hi, st.Score)
		}
	}
	return lo, hi, hi > lo
}

// Scored returns the stances that carry a score, in scale order.
func (s Scale) Scored() []Stance {
	var out []Stance
	for _, st := range s.Stances {
		if st.HasScore {
			out = append(out, st)
		}
	}
	return out
}

// Range returns the highest minus the lowest score, or 0.
func (s Scale) Range() float64 {
	lo, hi, ok := s.Bounds()
	if !ok {
		return 0
	}
	return hi - lo
}

func sortEvidence(ev []Evidence) {
	sort.SliceStable(ev, func(i, j int) bool {
		a, b := ev[i].Date, ev[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.After(b)
	})
}

// dashes are the characters typed for a minus sign: the minus sign itself,
// hyphen, dashes, and their small and full-width forms.
var dashes = strings.NewReplacer("\u2212", "-", "\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\ufe63", "-", "\uff0d", "-", "\uff0b", "+")

// ForCode returns the stance that code stands for when it is a score of the
// scale ("2", "-2", "+1", "0", "1.0") or a symbol of it ("++", "−−", also
// typed "--"), and false otherwise.
func (s Scale) ForCode(code string) (Stance, bool) {
	c := normLabel(dashes.Replace(code))
	if c == "" {
		return Stance{}, false
	}
	for _, st := range s.Stances {
		if st.Symbol != "" && normLabel(dashes.Replace(st.Symbol)) == c {
			return st, true
		}
	}
	if f, err := parseNumber(c); err == nil {
		for _, st := range s.Stances {
			if st.HasScore && st.Score == f {
				return st, true
			}
		}
	}
	return Stance{}, false
}

// Labels returns the labels of the scale, in order.
func (s Scale) Labels() []string {
	out := make([]string, len(s.Stances))
	for i, st := range s.Stances {
		out[i] = st.Label
	}
	return out
}
