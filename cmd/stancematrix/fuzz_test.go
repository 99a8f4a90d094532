package main

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// fzShowMatrix builds a matrix of parties × issues named from three fuzzed
// texts, with short names, random stances of the scale and sometimes a
// label the scale does not have.
func fzShowMatrix(texts [3]string, parties, issues int, seed uint64) *matrix.Matrix {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := &matrix.Matrix{Source: "fuzz.xlsx", Scale: matrix.DefaultScale()}
	for p := range parties {
		pa := matrix.Party{Name: texts[p%3] + strings.Repeat("'", p/3), Weight: 1}
		if rng.IntN(3) == 0 {
			pa.Short = texts[rng.IntN(3)]
		}
		m.Parties = append(m.Parties, pa)
	}
	for i := range issues {
		m.Issues = append(m.Issues, matrix.Issue{Name: texts[(i+1)%3] + strings.Repeat("'", i/3), Weight: 1})
	}
	labels := []string{"", "Maybe"}
	for _, st := range m.Scale.Stances {
		labels = append(labels, st.Label)
	}
	m.InitCells()
	for i := range issues {
		for p := range parties {
			m.SetStance(i, p, labels[rng.IntN(len(labels))])
		}
	}
	return m
}

// fzSGR matches the colour sequences renderTable writes itself.
var fzSGR = regexp.MustCompile("\x1b\\[(30|97);48;2;\\d+;\\d+;\\d+m|\x1b\\[0m")

// FuzzShow renders generated matrices as the terminal table of `show`. It
// never panics or fails; each block of the table has a header line and one
// line per issue, no wider than the width asked for (at least 40), counting
// one column per character as renderTable does. A line break or another
// control character in a name is shown as a space (oneLine), so it breaks
// no line and sends the terminal no escape sequence.
func FuzzShow(f *testing.F) {
	for i, s := range []string{
		"", " ", "Україна", "\u202Eevil\u202C", "e\u0301\u0301\u0301", "👩‍👩‍👧", "\xff\xfe", "\x1b[2J\x1b[31mred", "line\nbreak",
		"tab\there", strings.Repeat("Withdrawal ", 500), "中华人民共和国", "\x00", "\ufffd",
	} {
		f.Add(s, "Ceasefire", "Russia", uint8(3+i), uint8(2+i%3), int16(40+10*i), i%2 == 0, uint64(i))
	}
	f.Add("Ukraine", "Ceasefire", "Russia", uint8(0), uint8(0), int16(0), false, uint64(99))
	f.Add("Ukraine", "Ceasefire", "Russia", uint8(200), uint8(60), int16(-5), true, uint64(100))
	f.Fuzz(func(t *testing.T, a, b, c string, parties, issues uint8, width int16, color bool, seed uint64) {
		np, ni := int(parties), int(issues%61)
		m := fzShowMatrix([3]string{a, b, c}, np, ni, seed)
		var out bytes.Buffer
		if err := renderTable(&out, m, int(width), color); err != nil {
			t.Fatalf("renderTable: %v", err)
		}
		if strings.ContainsRune(out.String(), '\r') || strings.Count(out.String(), "\x1b") != len(fzSGR.FindAllString(out.String(), -1)) {
			t.Fatalf("a control character reached the table: %q", out.String())
		}
		w := max(int(width), 40)
		text := fzSGR.ReplaceAllString(out.String(), "")
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		if np == 0 || ni == 0 {
			return
		}
		// Blocks of 1 + ni lines, separated by a blank line, then the legend.
		n := 0
		for k := 0; k+ni < len(lines); k += ni + 2 {
			for _, line := range lines[k : k+1+ni] {
				if textWidth(line) > w {
					t.Fatalf("line of %d columns in a table %d wide: %q", textWidth(line), w, line)
				}
			}
			n++
			if k+1+ni >= len(lines) || lines[k+1+ni] != "" {
				t.Fatalf("block %d is not followed by a blank line:\n%s", n, text)
			}
			if k+ni+2 < len(lines) && strings.HasPrefix(lines[k+ni+2], "++ Supports  + Leans support") {
				break // the legend
			}
		}
		if n == 0 {
			t.Fatalf("no table in:\n%s", text)
		}
		if !strings.Contains(text, "++ Supports") {
			t.Fatalf("no legend in:\n%s (%s)", text, strconv.Itoa(len(lines)))
		}
	})
}
