package matrix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

func TestCap(t *testing.T) {
	stance := func(cell string) matrix.Problem {
		return matrix.Problem{File: "a.xlsx", Sheet: "Matrix", Cell: cell, Msg: `unknown stance "x"`, Kind: matrix.KindUnknownStance}
	}
	var many matrix.Problems
	for r := 2; r < 12; r++ {
		many.Add(stance(fmt.Sprintf("B%d", r)))
	}
	var withWarnings matrix.Problems
	for r := 2; r < 6; r++ {
		withWarnings.Warnf("a.xlsx", "Evidence", fmt.Sprintf("D%d", r), "date %q is in the future%s", "2099", "")
	}
	withWarnings = append(withWarnings, many...)
	withLateError := append(append(matrix.Problems{}, many...),
		matrix.Problem{File: "a.xlsx", Sheet: "Matrix", Cell: "A20", Msg: `duplicate issue "X" (also in A2)`})
	withLateError = append(withLateError, stance("B21"))
	tests := []struct {
		name string
		ps   matrix.Problems
		n    int
		want []string // shown, then the summaries
	}{
		{"under the cap", many[:3], 5, []string{"B2", "B3", "B4"}},
		{"no cap", many, 0, []string{"B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11"}},
		{"over the cap", many, 3, []string{"B2", "B3", "B4", "a.xlsx: … and 7 more unknown stances in Matrix"}},
		{"one more", many, 9, []string{"B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "a.xlsx: … and 1 more unknown stance in Matrix"}},
		{"errors before warnings", withWarnings, 2, []string{"B2", "B3",
			"a.xlsx: … and 8 more unknown stances in Matrix",
			`a.xlsx: … and 4 more warnings like "date … is in the future" in Evidence`}},
		{"first of each kind", withLateError, 3, []string{"B2", "B3", "A20",
			"a.xlsx: … and 9 more unknown stances in Matrix"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shown, omitted := tc.ps.Cap(tc.n)
			var got []string
			for _, p := range shown {
				got = append(got, p.Cell)
			}
			for _, o := range omitted {
				got = append(got, o.String())
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tc.want, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}

func TestCapKindOfMessage(t *testing.T) {
	var ps matrix.Problems
	for i := range 5 {
		ps.Add(matrix.Problem{File: "a.xlsx", Sheet: "Matrix", Cell: fmt.Sprintf("C%d", i+1),
			Msg: fmt.Sprintf(`cell holds %d bytes of text "v%d"`, 1000+i, i)})
	}
	_, omitted := ps.Cap(1)
	if len(omitted) != 1 || omitted[0].String() != `a.xlsx: … and 4 more errors like "cell holds 1001 bytes of text …" in Matrix` {
		t.Errorf("omitted %v", omitted)
	}
	_, omitted = ps.Cap(0)
	if omitted != nil {
		t.Errorf("Cap(0) left out %v", omitted)
	}
}

func TestOmittedThousands(t *testing.T) {
	o := matrix.Omitted{File: "a.xlsx", Sheet: "Matrix", Kind: matrix.KindUnknownStance, Count: 136129}
	if got, want := o.String(), "a.xlsx: … and 136,129 more unknown stances in Matrix"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
