package matrixtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// SyntheticOptions describe a generated matrix for benchmarks and load tests.
type SyntheticOptions struct {
	Parties, Issues int
	Evidence        int  // evidence rows in all, spread over the cells
	LongNames       bool // long party and issue names, for layout tests
	QuoteChars      int  // length of each evidence quote (default 120)
	Scripts         bool // mix Cyrillic and Greek into names and quotes
	Blank           int  // percentage of blank cells (default 10)
	Seed            uint64
}

var syntheticWords = []string{"recognition", "sanctions", "ceasefire", "guarantees", "reconstruction",
	"membership", "front line", "negotiations", "territory", "withdrawal", "monitoring", "elections"}

var syntheticScripts = []string{"Україна", "Россия", "Ελλάδα", "Κύπρος", "Беларусь", "Ελευθερία"}

// Synthetic returns a generated matrix with the default scale. The same
// options give the same matrix.
func Synthetic(o SyntheticOptions) *matrix.Matrix {
	r := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	if o.QuoteChars == 0 {
		o.QuoteChars = 120
	}
	if o.Blank == 0 {
		o.Blank = 10
	}
	m := &matrix.Matrix{Source: "synthetic.xlsx", Scale: matrix.DefaultScale()}
	m.About = matrix.About{Title: fmt.Sprintf("Synthetic matrix %d × %d", o.Parties, o.Issues),
		AsOf: time.Date(2025, 4, 23, 0, 0, 0, 0, time.UTC), Author: "stancematrix"}
	name := func(kind string, i int) string {
		s := fmt.Sprintf("%s %d", kind, i+1)
		if o.Scripts && i%3 == 0 {
			s += " " + syntheticScripts[i%len(syntheticScripts)]
		}
		if o.LongNames {
			s += " " + strings.Repeat(syntheticWords[i%len(syntheticWords)]+" and ", 4) + "the rest"
		}
		return s
	}
	for p := 0; p < o.Parties; p++ {
		m.Parties = append(m.Parties, matrix.Party{Name: name("Party", p), Short: fmt.Sprintf("P%d", p+1),
			Group: fmt.Sprintf("Group %c", 'A'+p%5), Weight: float64(1 + p%3)})
	}
	for i := 0; i < o.Issues; i++ {
		m.Issues = append(m.Issues, matrix.Issue{Name: name("Issue", i), Short: fmt.Sprintf("I%d", i+1),
			Category: fmt.Sprintf("Category %d", 1+i%4), Weight: 1,
			Description: "Whether the parties accept " + syntheticWords[i%len(syntheticWords)] + "."})
	}
	labels := m.Scale.Stances
	m.InitCells()
	for i := 0; i < o.Issues; i++ {
		for p := 0; p < o.Parties; p++ {
			if r.IntN(100) >= o.Blank {
				m.SetStance(i, p, labels[r.IntN(len(labels))].Label)
				if r.IntN(4) == 0 {
					m.SetNote(i, p, "Note on "+m.Issues[i].Short+" by "+m.Parties[p].Short, "")
				}
			}
		}
	}
	quote := strings.Repeat("We will not accept a frozen conflict disguised as peace. ", o.QuoteChars/57+1)[:o.QuoteChars]
	if o.Scripts {
		quote = "Ми готові до переговорів — όχι όμως σε παράδοση. " + quote
	}
	for e := 0; e < o.Evidence && o.Parties > 0 && o.Issues > 0; e++ {
		i, p := r.IntN(o.Issues), r.IntN(o.Parties)
		st := m.Stance(i, p)
		m.Evidence = append(m.Evidence, matrix.Evidence{
			Party: m.Parties[p].Name, Issue: m.Issues[i].Name, Stance: st,
			Date:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, e%112),
			Summary: fmt.Sprintf("Statement %d on %s", e+1, m.Issues[i].Short),
			Quote:   quote, Speaker: "Spokesperson " + m.Parties[p].Short,
			Source: "Synthetic News", URL: fmt.Sprintf("https://example.org/news/%d", e+1),
			Sheet: "Evidence", Row: e + 2,
		})
	}
	// Evidence for a cell must not contradict it on the newest row: align the
	// newest row's stance with the cell.
	return m
}

// ScaleSize is one of the stated sizes of the scale benchmarks.
type ScaleSize struct {
	Name                      string
	Parties, Issues, Evidence int
}

// ScaleSizes are the sizes users hit, from a small briefing to a UN voting
// record, that the scale benchmarks of reading and exporting share.
var ScaleSizes = []ScaleSize{
	{"8x12", 8, 12, 0},
	{"50x200_ev10000", 50, 200, 10000},
	{"200x1000_ev200000", 200, 1000, 200000},
	{"200x6000", 200, 6000, 0},
}

// Matrix returns the generated matrix of the size (seed 1).
func (s ScaleSize) Matrix() *matrix.Matrix {
	return Synthetic(SyntheticOptions{Parties: s.Parties, Issues: s.Issues, Evidence: s.Evidence, Seed: 1})
}

// NoDigest clears the SHA-256 of m and of its snapshots, for comparing
// matrices read from different files (or bytes) that should read the same,
// and returns m.
func NoDigest(m *matrix.Matrix) *matrix.Matrix {
	if m == nil {
		return nil
	}
	m.SHA256 = ""
	for _, s := range m.Snapshots {
		if s.Matrix != nil {
			s.Matrix.SHA256 = ""
		}
	}
	return m
}
