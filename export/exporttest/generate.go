package exporttest

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// Hostile are texts a hostile or careless workbook may hold, used as seeds
// and as the generator's stock of texts besides the fuzzed ones.
var Hostile = []string{
	"",
	" \t ",
	strings.Repeat("Withdrawal of foreign forces ", 180)[:5000], // a 5,000-character name
	"\x00NUL\x00",
	"ctl \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f end",
	"tab\tnew\nline\r\ncr\rend",
	"\u202Egnp.exe\u202C right-to-left override",
	"الاتحاد الأفريقي",            // Arabic
	"מדינת ישראל",                 // Hebrew
	"mixed עברית and العربية 123", // bidi mix
	"e\u0301 cafe\u0301 n\u0303",  // combining accents
	"Z\u0351\u0352\u0357\u0358\u0359\u035a\u035b\u035c\u035d\u035e\u035f\u0360\u0361\u0362a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c\u030d\u030e\u030f\u0310l\u0311\u0312\u0313\u0314\u0315\u0316\u0317\u0318\u0319\u031a\u031b\u031c\u031d\u031e\u031f\u0320go", // zalgo
	"👩‍👩‍👧‍👦 family 👍🏽 🇺🇦 ❤️",
	"\xff\xfe invalid \xc3\x28 utf-8 \xed\xa0\x80",
	"\ufffd replacement \ufffd",
	"\ufeffBOM and \u200bzero\u200dwidth\u2060",
	"\u2028line sep\u2029para sep\u0085nel",
	"_x0041_ _x005F_ _xD800_",
	"=HYPERLINK(\"http://evil\",\"x\")",
	"+SUM(A1) -2 @cmd",
	"<script>alert(1)</script> & &amp; ]]> \"'",
	"(parens) \\backslash\\ (unbalanced",
	"Україна Ελλάδα 中华人民共和国 日本",
	"%PDF-1.4 %%EOF endstream endobj",
}

// URLs are evidence URLs the generator picks from, besides fuzzed text.
var URLs = []string{
	"", "https://example.org/a?b=(c)&d=é", "http://example.org", "javascript:alert(1)", "JAVASCRIPT:alert(1)",
	"data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "mailto:a@example.org", "//example.org/x",
	"https://example.org/" + strings.Repeat("x", 4000), "https://ex ample.org/\n(", "http://[::1", "https://例え.jp/パス",
}

// Gen is a generated matrix and what the round-trip checks need to know
// about it.
type Gen struct {
	M   *matrix.Matrix
	Opt export.Options
	// Clean is true when the names of parties and issues would make a valid
	// workbook: non-blank and unique once trimmed (case-insensitively and with
	// spaces folded, short names included), every text XML can hold and
	// within Excel's cell limit, and only labels of the default scale.
	Clean bool
}

// Generate builds a matrix of parties × issues from three fuzzed texts and a
// seed for every other choice: names, short names, groups, notes, stances,
// evidence with dates and URLs, weights, a scale and sometimes a snapshot
// with the changes since it. Places (Ref, Sheet, Row) are set as the reader
// sets them, so warnings can name them.
func Generate(texts [3]string, parties, issues int, seed uint64) Gen {
	rng := rand.New(rand.NewPCG(seed, seed>>32^0x9e3779b97f4a7c15))
	text := func() string {
		switch k := rng.IntN(10); {
		case k < 5:
			return texts[rng.IntN(3)]
		case k < 7:
			return Hostile[rng.IntN(len(Hostile))]
		case k < 8:
			return texts[rng.IntN(3)] + " " + texts[rng.IntN(3)]
		default:
			return ""
		}
	}
	m := &matrix.Matrix{Source: "fuzz.xlsx", Scale: matrix.DefaultScale()}
	g := Gen{M: m, Clean: true}
	switch rng.IntN(8) {
	case 0:
		m.Scale = matrix.Scale{} // no stances at all
		g.Clean = false
	case 1:
		st := matrix.Stance{Label: texts[2], Score: 3, HasScore: true, Color: texts[1], Symbol: texts[0]}
		m.Scale = matrix.Scale{Stances: append([]matrix.Stance{st}, matrix.DefaultScale().Stances...)}
		g.Clean = false
	}
	m.About = matrix.About{Title: text(), Subtitle: text(), Author: text(), Organisation: text(),
		Classification: text(), Footer: text(), Notes: text()}
	if rng.IntN(2) == 0 {
		m.About.AsOf = time.Date(2025, 4, 23, 0, 0, 0, 0, time.UTC)
	}
	weight := func() float64 {
		return []float64{1, 1, 1, 2, 0.5, 0, -1, math.NaN(), math.Inf(1), 1e300}[rng.IntN(10)]
	}
	for p := range parties {
		name := texts[p%3]
		if p >= 3 {
			name += " " + strconv.Itoa(p)
		}
		pa := matrix.Party{Name: name, Weight: weight(), Group: text(), Description: text(), Ref: "Parties!A" + strconv.Itoa(p+2)}
		if rng.IntN(3) == 0 {
			pa.Short = prefix(texts[rng.IntN(3)], 1+rng.IntN(6)) + "-" + strconv.Itoa(p)
		}
		if rng.IntN(4) == 0 {
			pa.Color = []string{"#0057B7", "#ffffff", "#000", "red", texts[1]}[rng.IntN(5)]
		}
		m.Parties = append(m.Parties, pa)
	}
	for i := range issues {
		name := texts[(i+1)%3]
		if i >= 3 {
			name += " #" + strconv.Itoa(i)
		}
		is := matrix.Issue{Name: name, Weight: weight(), Category: text(), Description: text(), Ref: "Issues!A" + strconv.Itoa(i+2)}
		if rng.IntN(3) == 0 {
			is.Short = prefix(texts[rng.IntN(3)], 1+rng.IntN(6)) + "-" + strconv.Itoa(i)
		}
		m.Issues = append(m.Issues, is)
	}
	labels := []string{""}
	for _, st := range m.Scale.Stances {
		labels = append(labels, st.Label)
	}
	m.InitCells()
	setPlaces(m, "Matrix")
	for i := 0; i < issues; i++ {
		for p := 0; p < parties; p++ {
			c := matrix.Cell{Stance: labels[rng.IntN(len(labels))]}
			if rng.IntN(4) == 0 {
				c.Note = text()
			}
			m.SetCell(i, p, c)
		}
	}
	if parties > 0 && issues > 0 && rng.IntN(5) == 0 {
		i, p := rng.IntN(issues), rng.IntN(parties)
		m.SetStance(i, p, "Maybe") // not on the scale
		g.Clean = false
	}
	if parties > 0 && issues > 0 {
		for n := rng.IntN(2*(parties+issues) + 1); n > 0; n-- {
			p, i := rng.IntN(parties), rng.IntN(issues)
			e := matrix.Evidence{Party: m.Parties[p].Name, Issue: m.Issues[i].Name, Stance: labels[rng.IntN(len(labels))],
				Summary: text(), Quote: text(), Speaker: text(), Source: text(), Sheet: "Evidence", Row: len(m.Evidence) + 2}
			switch rng.IntN(6) {
			case 0:
				e.URL = texts[rng.IntN(3)]
			case 1:
				e.URL = "https://example.org/" + texts[rng.IntN(3)]
			default:
				e.URL = URLs[rng.IntN(len(URLs))]
			}
			if rng.IntN(4) > 0 {
				e.Date = time.Date([]int{2025, 2024, 1, 1900, 9999}[rng.IntN(5)], time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
			}
			if rng.IntN(10) == 0 {
				// A party the matrix does not have. Kept short: the reader's
				// "did you mean" compares it with every party name by edit
				// distance, seconds for names of thousands of characters
				// (reported; not this target's business).
				e.Party = "Unknown " + prefix(text(), 20)
			}
			m.Evidence = append(m.Evidence, e)
		}
	}
	if parties > 0 && issues > 0 && rng.IntN(3) == 0 {
		op, oi := 1+rng.IntN(parties), 1+rng.IntN(issues)
		old := &matrix.Matrix{Source: m.Source, Scale: m.Scale, About: m.About, Parties: m.Parties[:op], Issues: m.Issues[:oi]}
		old.InitCells()
		setPlaces(old, "Matrix 2025-04-16")
		for i := 0; i < oi; i++ {
			for p := 0; p < op; p++ {
				old.SetStance(i, p, labels[rng.IntN(len(labels))])
			}
		}
		m.Snapshots = []matrix.Snapshot{{Date: time.Date(2025, 4, 16, 0, 0, 0, 0, time.UTC), Sheet: "Matrix 2025-04-16", Matrix: old}}
		g.Opt.Changes = matrix.Diff(old, m)
	}
	if rng.IntN(4) == 0 {
		g.Opt.Title = text()
	}
	g.Opt.Paper = []string{"", "a4", "letter"}[rng.IntN(3)]
	g.Opt.Orientation = []string{"", "auto", "portrait", "landscape"}[rng.IntN(4)]
	if rng.IntN(3) == 0 {
		g.Opt.Sections = []string{"header", "findings", "matrix", "issues", "profiles", "changes", "sources"}
	}
	g.Clean = g.Clean && cleanNames(m)
	return g
}

// prefix returns the first n characters of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// colName returns the letters of a 1-based column number.
func colName(c int) string {
	s := ""
	for ; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// nameKey is how the reader compares names: case-insensitive, spaces folded.
func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// xmlText reports whether an XML 1.0 document can hold s unchanged: valid
// UTF-8 of characters XML allows, within Excel's 32,767 UTF-16 units per
// cell. (Carriage returns and texts like "_x0041_", which the xlsx format
// escapes, round-trip.)
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	units := 0
	for _, r := range s {
		if !(r == 0x09 || r == 0x0A || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		units++
		if r >= 0x10000 {
			units++
		}
	}
	return units <= 32767
}

// cleanNames reports whether the parties' and issues' names and short
// names are fit for a workbook: see Gen.Clean.
func cleanNames(m *matrix.Matrix) bool {
	check := func(names, shorts []string) bool {
		seen := map[string]bool{}
		for i, n := range names {
			k := nameKey(n)
			if k == "" || seen[k] || !xmlText(n) || !xmlText(shorts[i]) {
				return false
			}
			seen[k] = true
		}
		for i, s := range shorts {
			k := nameKey(s)
			if k == "" || k == nameKey(names[i]) {
				continue
			}
			if seen[k] {
				return false
			}
			seen[k] = true
		}
		return true
	}
	var pn, ps, in, is []string
	for _, p := range m.Parties {
		pn, ps = append(pn, p.Name), append(ps, p.Short)
	}
	for _, i := range m.Issues {
		in, is = append(in, i.Name), append(is, i.Short)
	}
	return check(pn, ps) && check(in, is)
}

// Bounds turns the fuzzed sizes into a matrix size that keeps one run
// fast: up to 40 parties and 40 issues but at most 150 cells, and 2,000
// parties × 1 issue for the one size that asks for it exactly, when big is
// true. Under -fuzz big is false: a fuzzing worker is killed ("fuzzing
// process hung or terminated unexpectedly") when one input takes 10 s, and
// the 2,000 parties took that long in an instrumented worker on a loaded
// machine.
func Bounds(parties, issues uint16, big bool) (int, int) {
	if big && parties == 2000 && issues <= 1 {
		return 2000, int(issues)
	}
	p, i := int(parties%41), int(issues%41)
	for p*i > 150 {
		i--
	}
	return p, i
}

// AddSeeds adds the seed corpus shared by the PDF and XLSX targets: each
// hostile text as names with its neighbours, the edge sizes and one matrix
// of 2,000 parties.
func AddSeeds(f *testing.F) {
	n := len(Hostile)
	for i, s := range Hostile {
		f.Add(s, Hostile[(i+1)%n], Hostile[(i+5)%n], uint16(3+i%5), uint16(2+i%4), uint64(i))
	}
	// Triples of the texts that make clean names, for the round trips.
	var clean []string
	for _, s := range Hostile {
		if nameKey(s) != "" && xmlText(s) {
			clean = append(clean, s)
		}
	}
	for i, s := range clean {
		f.Add(s, clean[(i+1)%len(clean)], clean[(i+2)%len(clean)], uint16(3+i%4), uint16(3+i%3), uint64(100+i))
	}
	f.Add("Ukraine", "Russia", "Ceasefire", uint16(0), uint16(0), uint64(1))
	f.Add("Ukraine", "Russia", "Ceasefire", uint16(1), uint16(0), uint64(2))
	f.Add("Ukraine", "Russia", "Ceasefire", uint16(0), uint16(1), uint64(3))
	f.Add("Ukraine", "Russia", "Ceasefire", uint16(40), uint16(10), uint64(4))
	f.Add("Party", "Issue", "Note", uint16(2000), uint16(1), uint64(5))
	f.Add("same", "same", "SAME ", uint16(4), uint16(4), uint64(6))
}

// MaxText is the longest fuzzed text used (in bytes): longer ones are cut,
// so that one input stays well under the fuzzing worker's 10 s limit.
const MaxText = 6000

// Texts cuts the fuzzed texts to MaxText bytes.
func Texts(a, b, c string) [3]string {
	t := [3]string{a, b, c}
	for i := range t {
		if len(t[i]) > MaxText {
			t[i] = t[i][:MaxText]
		}
	}
	return t
}

// Fuzzing reports whether the test binary runs under -fuzz (the
// coordinator or a worker), when each input must stay cheap: the external
// checks run on the seed corpus only, in a plain `go test`.
func Fuzzing() bool {
	for _, name := range []string{"test.fuzz", "test.fuzzworker"} {
		if fl := flag.Lookup(name); fl != nil && fl.Value.String() != "" && fl.Value.String() != "false" {
			return true
		}
	}
	return false
}

// String names a generated matrix in failure messages.
func (g Gen) String() string {
	return fmt.Sprintf("%d parties × %d issues, %d evidence rows, clean names %v", len(g.M.Parties), len(g.M.Issues), len(g.M.Evidence), g.Clean)
}

// setPlaces places m's cells as the reader would find them on sheet: party
// p in column p+2, issue i in row i+2.
func setPlaces(m *matrix.Matrix, sheet string) {
	cols := make([]int, len(m.Parties))
	for p := range cols {
		cols[p] = p + 2
	}
	rows := make([]int, len(m.Issues))
	for i := range rows {
		rows[i] = i + 2
	}
	m.SetCellPlaces(sheet, cols, rows)
}
