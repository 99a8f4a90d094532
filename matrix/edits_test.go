package matrix_test

import (
	"reflect"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// editPair returns two versions of one workbook that differ in nothing but
// what each test changes in the newer one.
func editPair() (old, new *matrix.Matrix) {
	build := func() *matrix.Matrix {
		m := anBuild(matrix.DefaultScale(), anParties("Ukraine", "Russia"), anIssues("Talks", "Truce"), [][]string{
			{anS, anO},
			{anLS, anC},
		})
		m.SetNote(0, 0, "Ready to talk.", m.Cell(0, 0).Release)
		m.About = matrix.About{Title: "Talks", AsOf: anDay("2025-04-23")}
		m.Evidence = []matrix.Evidence{
			{Party: "Ukraine", Issue: "Talks", Date: anDay("2025-04-20"), Quote: "We are ready.", Source: "Kyiv Independent", Sheet: "Evidence", Row: 2},
			{Party: "Russia", Issue: "Talks", Date: anDay("2025-04-21"), Quote: "Not now.", Source: "TASS", Sheet: "Evidence", Row: 3},
		}
		m.Findings = []matrix.Finding{{Text: "Russia holds out.", Sheet: "Findings", Row: 2}}
		return m
	}
	return build(), build()
}

func TestEdits(t *testing.T) {
	old, new := editPair()
	if ch := matrix.Diff(old, new); !ch.Empty() {
		t.Fatalf("identical workbooks: Diff = %+v, want empty", ch)
	}
	tests := []struct {
		name string
		edit func(m *matrix.Matrix)
		want []matrix.Edit
	}{
		{"a note changed", func(m *matrix.Matrix) { m.SetNote(0, 0, "Not ready to talk.", "") },
			[]matrix.Edit{{Kind: matrix.NoteEdited, Party: "Ukraine", Issue: "Talks", Subject: "Talks / Ukraine", Old: "Ready to talk.", New: "Not ready to talk."}}},
		{"a note added", func(m *matrix.Matrix) { m.SetNote(1, 1, "per cable", "") },
			[]matrix.Edit{{Kind: matrix.NoteEdited, Party: "Russia", Issue: "Truce", Subject: "Truce / Russia", New: "per cable"}}},
		{"one character of a quote", func(m *matrix.Matrix) { m.Evidence[0].Quote = "We are ready!" },
			[]matrix.Edit{{Kind: matrix.EvidenceEdited, Party: "Ukraine", Issue: "Talks", Subject: "Talks / Ukraine", Field: "Quote",
				Old: "We are ready.", New: "We are ready!", Ref: "Evidence!A2"}}},
		{"an evidence row removed", func(m *matrix.Matrix) { m.Evidence = m.Evidence[1:] },
			[]matrix.Edit{{Kind: matrix.EvidenceRemoved, Party: "Ukraine", Issue: "Talks", Subject: "Talks / Ukraine",
				Old: "Date: 2025-04-20; Quote: We are ready.; Source: Kyiv Independent", Ref: "Evidence!A2"}}},
		{"an evidence row rewritten", func(m *matrix.Matrix) {
			m.Evidence[1] = matrix.Evidence{Party: "Russia", Issue: "Talks", Date: anDay("2025-04-22"), Quote: "Maybe.", Source: "RIA", Sheet: "Evidence", Row: 3}
		}, []matrix.Edit{
			{Kind: matrix.EvidenceAdded, Party: "Russia", Issue: "Talks", Subject: "Talks / Russia", New: "Date: 2025-04-22; Quote: Maybe.; Source: RIA", Ref: "Evidence!A3"},
			{Kind: matrix.EvidenceRemoved, Party: "Russia", Issue: "Talks", Subject: "Talks / Russia", Old: "Date: 2025-04-21; Quote: Not now.; Source: TASS", Ref: "Evidence!A3"},
		}},
		{"the About title", func(m *matrix.Matrix) { m.About.Title = "London talks" },
			[]matrix.Edit{{Kind: matrix.AboutEdited, Subject: "About", Field: "Title", Old: "Talks", New: "London talks"}}},
		{"the About language", func(m *matrix.Matrix) { m.About.Language = "en-GB" },
			[]matrix.Edit{{Kind: matrix.AboutEdited, Subject: "About", Field: "Language", New: "en-GB"}}},
		{"a description and a weight", func(m *matrix.Matrix) { m.Parties[1].Description = "Kremlin"; m.Issues[0].Weight = 2 },
			[]matrix.Edit{
				{Kind: matrix.PartyEdited, Party: "Russia", Subject: "Russia", Field: "Description", New: "Kremlin"},
				{Kind: matrix.IssueEdited, Issue: "Talks", Subject: "Talks", Field: "Weight", Old: "1", New: "2"},
			}},
		{"a stance's symbol", func(m *matrix.Matrix) { m.Scale.Stances[0].Symbol = "+++" },
			[]matrix.Edit{{Kind: matrix.ScaleEdited, Subject: "Supports", Field: "Symbol", Old: "++", New: "+++"}}},
		{"a finding rewritten", func(m *matrix.Matrix) { m.Findings[0].Text = "Russia gives in." },
			[]matrix.Edit{
				{Kind: matrix.FindingAdded, Subject: "Russia gives in.", New: "Russia gives in.", Ref: "Findings!A2"},
				{Kind: matrix.FindingRemoved, Subject: "Russia holds out.", Old: "Russia holds out.", Ref: "Findings!A2"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, new := editPair()
			tc.edit(new)
			ch := matrix.Diff(old, new)
			if !reflect.DeepEqual(ch.Edits, tc.want) {
				t.Errorf("Edits:\n got %+v\nwant %+v", ch.Edits, tc.want)
			}
			if ch.Empty() || len(ch.Cells) != 0 {
				t.Errorf("Empty() = %v, %d cells changed; want not empty, no cell", ch.Empty(), len(ch.Cells))
			}
			if !ch.StancesOnly().Empty() {
				t.Errorf("StancesOnly() keeps %+v", ch.StancesOnly())
			}
		})
	}
}

// TestEditsSnapshot checks that a snapshot, which holds the Matrix sheet
// only, is compared on its notes only when it has some.
func TestEditsSnapshot(t *testing.T) {
	m, _ := editPair()
	snap := anBuild(matrix.DefaultScale(), anParties("Ukraine", "Russia"), anIssues("Talks", "Truce"), [][]string{
		{anS, anO},
		{anLS, anC},
	})
	snap.About = m.About
	snap.About.AsOf = anDay("2025-04-16")
	m.Snapshots = []matrix.Snapshot{{Date: snap.About.AsOf, Sheet: "Matrix 2025-04-16", Matrix: snap}}
	if ch := matrix.Diff(snap, m); len(ch.Edits) != 0 {
		t.Errorf("a snapshot without notes: Edits = %+v, want none", ch.Edits)
	}
	snap.SetNote(1, 0, "old note", snap.Cell(1, 0).Release)
	want := []matrix.Edit{
		{Kind: matrix.NoteEdited, Party: "Ukraine", Issue: "Talks", Subject: "Talks / Ukraine", New: "Ready to talk."},
		{Kind: matrix.NoteEdited, Party: "Ukraine", Issue: "Truce", Subject: "Truce / Ukraine", Old: "old note"},
	}
	if ch := matrix.Diff(snap, m); !reflect.DeepEqual(ch.Edits, want) {
		t.Errorf("a snapshot with notes: Edits = %+v, want %+v", ch.Edits, want)
	}
}

// TestEditsSelect checks that a party's part keeps the edits of its own
// cells and those of the whole workbook, and no other party's.
func TestEditsSelect(t *testing.T) {
	old, new := editPair()
	new.SetNote(0, 1, "Russia's note", new.Cell(0, 1).Release)
	new.SetNote(0, 0, "Ukraine's note", new.Cell(0, 0).Release)
	new.About.Title = "New title"
	ch := matrix.Diff(old, new)
	part, err := new.Select([]string{"Russia"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := ch.Select(part, matrix.ByParty)
	var subjects []string
	for _, e := range got.Edits {
		subjects = append(subjects, e.Subject+" "+e.Field)
	}
	if want := []string{"Talks / Russia ", "About Title"}; !reflect.DeepEqual(subjects, want) {
		t.Errorf("Russia's edits: %q, want %q", subjects, want)
	}
}

func TestEditString(t *testing.T) {
	for _, tc := range []struct {
		e    matrix.Edit
		want string
	}{
		{matrix.Edit{Kind: matrix.NoteEdited, Subject: "Talks / Ukraine", Old: "Ready.", New: "Not\nready."}, `note changed on Talks / Ukraine: "Ready." → "Not\nready."`},
		{matrix.Edit{Kind: matrix.NoteEdited, Subject: "Talks / Ukraine", New: "per cable"}, `note added on Talks / Ukraine: "per cable"`},
		{matrix.Edit{Kind: matrix.NoteEdited, Subject: "Talks / Ukraine", Old: "x"}, `note removed on Talks / Ukraine: "x"`},
		{matrix.Edit{Kind: matrix.EvidenceEdited, Subject: "Talks / Ukraine", Field: "Quote", Old: "We are ready.", New: "We are ready!"},
			`evidence on Talks / Ukraine: Quote "We are ready." → "We are ready!"`},
		{matrix.Edit{Kind: matrix.EvidenceAdded, Subject: "Talks / Ukraine", New: "Date: 2025-04-20; Quote: Yes."}, `evidence added on Talks / Ukraine: Date: 2025-04-20; Quote: Yes.`},
		{matrix.Edit{Kind: matrix.EvidenceRemoved, Subject: "Talks / Ukraine", Old: "Quote: No."}, `evidence removed on Talks / Ukraine: Quote: No.`},
		{matrix.Edit{Kind: matrix.PartyEdited, Subject: "Russia", Field: "Description", New: "Kremlin"}, `party Russia: Description "" → "Kremlin"`},
		{matrix.Edit{Kind: matrix.IssueEdited, Subject: "Talks", Field: "Weight", Old: "1", New: "2"}, `issue Talks: Weight "1" → "2"`},
		{matrix.Edit{Kind: matrix.ScaleEdited, Subject: "Maybe", Field: "Label", New: "Maybe"}, `scale: stance "Maybe" added`},
		{matrix.Edit{Kind: matrix.ScaleEdited, Subject: "Supports", Field: "Symbol", Old: "++", New: "+++"}, `scale: stance "Supports": Symbol "++" → "+++"`},
		{matrix.Edit{Kind: matrix.AboutEdited, Subject: "About", Field: "Title", Old: "Talks", New: "London talks"}, `About: Title "Talks" → "London talks"`},
		{matrix.Edit{Kind: matrix.FindingAdded, Subject: "x", New: "Russia gives in."}, `author's finding added: "Russia gives in."`},
		{matrix.Edit{Kind: matrix.FindingRemoved, Subject: "x", Old: "Russia holds out."}, `author's finding removed: "Russia holds out."`},
	} {
		if got := tc.e.String(); got != tc.want {
			t.Errorf("%+v:\n got %s\nwant %s", tc.e, got, tc.want)
		}
	}
}
