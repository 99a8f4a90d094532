package matrix_test

import (
	"reflect"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// selectChanges are changes of a matrix of Russia (RU) and Ukraine on
// Ceasefire and NATO, with names added and removed on both sides.
func selectChanges() (*matrix.Matrix, *matrix.Changes) {
	ps := anParties("Russia", "Ukraine")
	ps[0].Short = "RU"
	m := anBuild(matrix.DefaultScale(), ps, anIssues("Ceasefire", "NATO"), [][]string{{anS, anS}, {anO, anS}})
	ch := &matrix.Changes{
		Old: "Matrix 2025-04-16", New: "test.xlsx",
		Cells: []matrix.CellChange{
			{Issue: "Ceasefire", Party: "Russia", Old: anO, New: anS},
			{Issue: "Ceasefire", Party: "Ukraine", Old: anO, New: anS},
			{Issue: "NATO", Party: "Ukraine", Old: anO, New: anS},
		},
		PartiesAdded:   []string{"Ukraine"},
		PartiesRemoved: []string{"France"},
		IssuesAdded:    []string{"NATO"},
		IssuesRemoved:  []string{"Troops"},
		NewEvidence: []matrix.Evidence{
			{Party: "Ukraine", Issue: "NATO", Summary: "ua-nato"},
			{Party: "Russia", Issue: "NATO", Summary: "ru-nato"},
			{Party: "Russia", Issue: "Ceasefire", Summary: "ru-cf"},
		},
	}
	return m, ch
}

// changeSummary lists a Changes' contents in a form that compares in tests.
type changeSummary struct {
	Cells                        []string // "issue/party"
	Evidence                     []string // summaries
	PartiesAdded, PartiesRemoved []string
	IssuesAdded, IssuesRemoved   []string
}

func summarize(ch *matrix.Changes) changeSummary {
	var s changeSummary
	for _, c := range ch.Cells {
		s.Cells = append(s.Cells, c.Issue+"/"+c.Party)
	}
	for _, ev := range ch.NewEvidence {
		s.Evidence = append(s.Evidence, ev.Summary)
	}
	s.PartiesAdded, s.PartiesRemoved = ch.PartiesAdded, ch.PartiesRemoved
	s.IssuesAdded, s.IssuesRemoved = ch.IssuesAdded, ch.IssuesRemoved
	return s
}

func TestChangesSelect(t *testing.T) {
	m, ch := selectChanges()
	before := summarize(ch)
	tests := []struct {
		name            string
		parties, issues []string
		by              matrix.By
		want            changeSummary
	}{
		{name: "nothing cut", by: 0, want: before},
		{name: "by party", parties: []string{"Russia"}, by: matrix.ByParty, want: changeSummary{
			Cells: []string{"Ceasefire/Russia"}, Evidence: []string{"ru-nato", "ru-cf"},
			IssuesAdded: []string{"NATO"}, IssuesRemoved: []string{"Troops"}}},
		{name: "by party, short name", parties: []string{"RU"}, by: matrix.ByParty, want: changeSummary{
			Cells: []string{"Ceasefire/Russia"}, Evidence: []string{"ru-nato", "ru-cf"},
			IssuesAdded: []string{"NATO"}, IssuesRemoved: []string{"Troops"}}},
		{name: "by party, an added one", parties: []string{"Ukraine"}, by: matrix.ByParty, want: changeSummary{
			Cells: []string{"Ceasefire/Ukraine", "NATO/Ukraine"}, Evidence: []string{"ua-nato"},
			PartiesAdded: []string{"Ukraine"}, IssuesAdded: []string{"NATO"}, IssuesRemoved: []string{"Troops"}}},
		{name: "by issue", issues: []string{"Ceasefire"}, by: matrix.ByIssue, want: changeSummary{
			Cells: []string{"Ceasefire/Russia", "Ceasefire/Ukraine"}, Evidence: []string{"ru-cf"},
			PartiesAdded: []string{"Ukraine"}, PartiesRemoved: []string{"France"}}},
		{name: "by both", parties: []string{"Ukraine"}, issues: []string{"NATO"}, by: matrix.ByParty | matrix.ByIssue, want: changeSummary{
			Cells: []string{"NATO/Ukraine"}, Evidence: []string{"ua-nato"},
			PartiesAdded: []string{"Ukraine"}, IssuesAdded: []string{"NATO"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := m.Select(tc.parties, tc.issues)
			if err != nil {
				t.Fatal(err)
			}
			got := ch.Select(sel, tc.by)
			if s := summarize(got); !reflect.DeepEqual(s, tc.want) {
				t.Errorf("got  %+v\nwant %+v", s, tc.want)
			}
			if got.Old != ch.Old || got.New != ch.New {
				t.Errorf("Old, New = %q, %q; want them kept", got.Old, got.New)
			}
			if tc.by == 0 && got != ch {
				t.Errorf("with nothing cut, got a copy")
			}
			if s := summarize(ch); !reflect.DeepEqual(s, before) {
				t.Errorf("Select changed its input: %+v", s)
			}
		})
	}
	var none *matrix.Changes
	if got := none.Select(m, matrix.ByParty); got != nil {
		t.Errorf("nil Changes: got %+v", got)
	}
}

func TestSplit(t *testing.T) {
	m, ch := selectChanges()
	ambiguous, _ := selectChanges()
	ambiguous.Parties[0].Short = "Ukraine" // Russia's short name is Ukraine's name
	type part struct {
		Name            string
		Parties, Issues []string
		Changes         changeSummary
	}
	tests := []struct {
		name    string
		m       *matrix.Matrix
		by      matrix.By
		ch      *matrix.Changes
		want    []part
		wantErr string
	}{
		{name: "by party", m: m, by: matrix.ByParty, ch: ch, want: []part{
			{"Russia", []string{"Russia"}, []string{"Ceasefire", "NATO"}, changeSummary{
				Cells: []string{"Ceasefire/Russia"}, Evidence: []string{"ru-nato", "ru-cf"},
				IssuesAdded: []string{"NATO"}, IssuesRemoved: []string{"Troops"}}},
			{"Ukraine", []string{"Ukraine"}, []string{"Ceasefire", "NATO"}, changeSummary{
				Cells: []string{"Ceasefire/Ukraine", "NATO/Ukraine"}, Evidence: []string{"ua-nato"},
				PartiesAdded: []string{"Ukraine"}, IssuesAdded: []string{"NATO"}, IssuesRemoved: []string{"Troops"}}},
		}},
		{name: "by issue", m: m, by: matrix.ByIssue, ch: ch, want: []part{
			{"Ceasefire", []string{"Russia", "Ukraine"}, []string{"Ceasefire"}, changeSummary{
				Cells: []string{"Ceasefire/Russia", "Ceasefire/Ukraine"}, Evidence: []string{"ru-cf"},
				PartiesAdded: []string{"Ukraine"}, PartiesRemoved: []string{"France"}}},
			{"NATO", []string{"Russia", "Ukraine"}, []string{"NATO"}, changeSummary{
				Cells: []string{"NATO/Ukraine"}, Evidence: []string{"ua-nato", "ru-nato"},
				PartiesAdded: []string{"Ukraine"}, PartiesRemoved: []string{"France"}, IssuesAdded: []string{"NATO"}}},
		}},
		{name: "without changes", m: m, by: matrix.ByIssue, want: []part{
			{Name: "Ceasefire", Parties: []string{"Russia", "Ukraine"}, Issues: []string{"Ceasefire"}},
			{Name: "NATO", Parties: []string{"Russia", "Ukraine"}, Issues: []string{"NATO"}},
		}},
		{name: "a name that is another's short name", m: ambiguous, by: matrix.ByParty, ch: ch,
			wantErr: `"Ukraine" is ambiguous (it is also another's short name); cannot split by party`},
		{name: "by nothing", m: m, by: 0, wantErr: "cannot split by : want party or issue"},
		{name: "by both", m: m, by: matrix.ByParty | matrix.ByIssue, wantErr: "cannot split by party|issue: want party or issue"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parts, err := tc.m.Split(tc.by, tc.ch)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []part
			for _, p := range parts {
				ps, is := anNames(p.Matrix)
				gp := part{Name: p.Name, Parties: ps, Issues: is}
				if tc.ch == nil {
					if p.Changes != nil {
						t.Errorf("%s: changes %+v, want nil", p.Name, p.Changes)
					}
				} else {
					gp.Changes = summarize(p.Changes)
				}
				got = append(got, gp)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
