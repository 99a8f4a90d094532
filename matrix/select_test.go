package matrix_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// selectFixture has three parties with short names, three issues, evidence
// and a snapshot that lacks one party.
func anSelectFixture() *matrix.Matrix {
	ps := anParties("France", "Germany", "Poland")
	ps[0].Short, ps[1].Short, ps[2].Short = "FR", "DE", "PL"
	is := anIssues("Ceasefire", "Sanctions", "Troops")
	is[0].Short = "CF"
	m := anBuild(matrix.DefaultScale(), ps, is, [][]string{
		{anS, anLS, anC},
		{anO, anLO, anU},
		{anS, "", anO},
	})
	m.Source = "europe.xlsx"
	m.Evidence = []matrix.Evidence{
		{Party: "France", Issue: "Ceasefire", Summary: "fr-cf"},
		{Party: "Poland", Issue: "Troops", Summary: "pl-tr"},
		{Party: "Germany", Issue: "Sanctions", Summary: "de-sa"},
	}
	snap := anBuild(matrix.DefaultScale(), anParties("Poland", "France"), anIssues("Sanctions", "Ceasefire"), [][]string{
		{anO, anO},
		{anC, anLS},
	})
	m.Snapshots = []matrix.Snapshot{{Date: anDay("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: snap}}
	return m
}

func anNames(m *matrix.Matrix) (ps, is []string) {
	for _, p := range m.Parties {
		ps = append(ps, p.Name)
	}
	for _, i := range m.Issues {
		is = append(is, i.Name)
	}
	return ps, is
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name            string
		parties, issues []string
		wantP, wantI    []string
		wantCells       [][]string
		wantEvidence    []string
		snapP, snapI    []string
		wantErr         string
	}{
		{name: "all", wantP: []string{"France", "Germany", "Poland"}, wantI: []string{"Ceasefire", "Sanctions", "Troops"},
			wantCells:    [][]string{{anS, anLS, anC}, {anO, anLO, anU}, {anS, "", anO}},
			wantEvidence: []string{"fr-cf", "pl-tr", "de-sa"},
			snapP:        []string{"Poland", "France"}, snapI: []string{"Sanctions", "Ceasefire"}},
		// Short names, any case, duplicates, given out of order: workbook
		// order is kept.
		{name: "parties by short name", parties: []string{"pl", "france", "FR"},
			wantP: []string{"France", "Poland"}, wantI: []string{"Ceasefire", "Sanctions", "Troops"},
			wantCells:    [][]string{{anS, anC}, {anO, anU}, {anS, anO}},
			wantEvidence: []string{"fr-cf", "pl-tr"},
			// The snapshot's parties follow the selection; its issues,
			// all kept, stay in its own order.
			snapP: []string{"France", "Poland"}, snapI: []string{"Sanctions", "Ceasefire"}},
		{name: "issues", issues: []string{"troops", "cf"},
			wantP: []string{"France", "Germany", "Poland"}, wantI: []string{"Ceasefire", "Troops"},
			wantCells:    [][]string{{anS, anLS, anC}, {anS, "", anO}},
			wantEvidence: []string{"fr-cf", "pl-tr"},
			snapP:        []string{"Poland", "France"}, snapI: []string{"Ceasefire"}},
		{name: "both", parties: []string{"Germany"}, issues: []string{"Sanctions"},
			wantP: []string{"Germany"}, wantI: []string{"Sanctions"},
			wantCells:    [][]string{{anLO}},
			wantEvidence: []string{"de-sa"},
			snapP:        nil, snapI: []string{"Sanctions"}},
		{name: "unknown party", parties: []string{"Frnace", "Germany"},
			wantErr: `no party "Frnace" in europe.xlsx (did you mean "France"?)`},
		{name: "unknown party and issue", parties: []string{"Spain"}, issues: []string{"Sanktions"},
			wantErr: "no party \"Spain\" in europe.xlsx\nno issue \"Sanktions\" in europe.xlsx (did you mean \"Sanctions\"?)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := anSelectFixture()
			got, err := m.Select(tc.parties, tc.issues)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ps, is := anNames(got)
			if !slices.Equal(ps, tc.wantP) || !slices.Equal(is, tc.wantI) {
				t.Errorf("parties %v issues %v, want %v %v", ps, is, tc.wantP, tc.wantI)
			}
			if c := anStances(got); !reflect.DeepEqual(c, tc.wantCells) {
				t.Errorf("cells %v, want %v", c, tc.wantCells)
			}
			var ev []string
			for _, e := range got.Evidence {
				ev = append(ev, e.Summary)
			}
			if !slices.Equal(ev, tc.wantEvidence) {
				t.Errorf("evidence %v, want %v", ev, tc.wantEvidence)
			}
			sp, si := anNames(got.Snapshots[0].Matrix)
			if !slices.Equal(sp, tc.snapP) || !slices.Equal(si, tc.snapI) {
				t.Errorf("snapshot parties %v issues %v, want %v %v", sp, si, tc.snapP, tc.snapI)
			}
		})
	}
}

func anStances(m *matrix.Matrix) [][]string {
	out := make([][]string, len(m.Cells()))
	for i, row := range m.Cells() {
		out[i] = make([]string, len(row))
		for p, c := range row {
			out[i][p] = c.Stance
		}
	}
	return out
}

// mutate changes every slice reachable from m.
func anMutate(m *matrix.Matrix) {
	m.Parties[0].Name = "changed"
	m.Issues[0].Name = "changed"
	m.SetStance(0, 0, "changed")
	m.Scale.Stances[0].Label = "changed"
	m.Scale.Stances[0].Aliases[0] = "changed"
	m.Evidence[0].Summary = "changed"
	m.Snapshots[0].Date = anDay("2000-01-01")
	m.Snapshots[0].Matrix.SetStance(0, 0, "changed")
	m.Snapshots[0].Matrix.Parties[0].Name = "changed"
}

func TestSelectAndReorderCopy(t *testing.T) {
	tests := []struct {
		name string
		copy func(*matrix.Matrix) *matrix.Matrix
	}{
		{"select all", func(m *matrix.Matrix) *matrix.Matrix { c, _ := m.Select(nil, nil); return c }},
		{"select some", func(m *matrix.Matrix) *matrix.Matrix {
			c, _ := m.Select([]string{"France", "Poland"}, []string{"Ceasefire", "Sanctions"})
			return c
		}},
		{"reorder", func(m *matrix.Matrix) *matrix.Matrix { return m.Reorder([]int{2, 0, 1}) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Changing the copy leaves the original as it was...
			m := anSelectFixture()
			c := tc.copy(m)
			anMutate(c)
			if !reflect.DeepEqual(m, anSelectFixture()) {
				t.Errorf("changing the copy changed the original")
			}
			// ...and the other way round.
			m = anSelectFixture()
			c = tc.copy(m)
			before := tc.copy(anSelectFixture())
			anMutate(m)
			if !reflect.DeepEqual(c, before) {
				t.Errorf("changing the original changed the copy")
			}
		})
	}
}

func TestReorder(t *testing.T) {
	m := anSelectFixture()
	got := m.Reorder([]int{2, 0, 1})
	ps, is := anNames(got)
	if want := []string{"Poland", "France", "Germany"}; !slices.Equal(ps, want) {
		t.Errorf("parties %v, want %v", ps, want)
	}
	if want := []string{"Ceasefire", "Sanctions", "Troops"}; !slices.Equal(is, want) {
		t.Errorf("issues %v, want %v", is, want)
	}
	if want := [][]string{{anC, anS, anLS}, {anU, anO, anLO}, {anO, anS, ""}}; !reflect.DeepEqual(anStances(got), want) {
		t.Errorf("cells %v, want %v", anStances(got), want)
	}
	if len(got.Evidence) != 3 {
		t.Errorf("evidence %v, want all three", got.Evidence)
	}
	// The snapshot's parties follow the new order: Poland, France.
	sp, _ := anNames(got.Snapshots[0].Matrix)
	if want := []string{"Poland", "France"}; !slices.Equal(sp, want) {
		t.Errorf("snapshot parties %v, want %v", sp, want)
	}
	back := got.Reorder([]int{1, 2, 0})
	if !reflect.DeepEqual(back.Parties, m.Parties) || !reflect.DeepEqual(back.Cells(), m.Cells()) {
		t.Errorf("reordering back does not give the original")
	}
}

func TestReorderPanics(t *testing.T) {
	for _, order := range [][]int{{0, 1}, {0, 1, 1}, {0, 1, 3}, {-1, 0, 1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Reorder(%v) did not panic", order)
				}
			}()
			anSelectFixture().Reorder(order)
		}()
	}
}
