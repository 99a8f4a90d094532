package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// A line break typed with Alt+Enter in a party's or an issue's name or a
// stance's label is shown as a space: each row of the table stays one line.
func TestShowLineBreaks(t *testing.T) {
	m := &matrix.Matrix{Scale: matrix.DefaultScale(),
		Parties: []matrix.Party{{Name: "Ukraine\r\n(government)", Weight: 1}, {Name: "Russia", Short: "R\nU", Weight: 1}},
		Issues:  []matrix.Issue{{Name: "Cease-\nfire", Weight: 1}, {Name: "Grain\u2028deal", Weight: 1}},
	}
	m.SetCells([][]matrix.Cell{{{Stance: "Supports"}, {Stance: "Not\nknown"}}, {{Stance: "Opposes"}, {}}})
	m.Scale.Stances[0].Label = "Sup-\r\nports"
	m.SetStance(0, 0, m.Scale.Stances[0].Label)
	var out bytes.Buffer
	if err := renderTable(&out, m, 100, false); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"            Ukraine (govern… R U",
		"Cease- fire ++ Sup- ports    Not known",
		"Grain deal  −− Opposes",
		"",
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < len(want) || strings.Join(lines[:len(want)], "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant first lines\n%s", out.String(), strings.Join(want, "\n"))
	}
	if !strings.Contains(out.String(), "\n++ Sup- ports  + Leans support") || !strings.Contains(out.String(), "\nR U = Russia\n") {
		t.Errorf("legend or short names not on one line:\n%s", out.String())
	}
}
