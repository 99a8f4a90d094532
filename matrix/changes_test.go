package matrix_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

func anDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// diffPair returns an older and a newer matrix with the default scale.
//
//	old (As of 2025-04-16)          new (As of 2025-04-23)
//	          Ukraine  Russia  Gone           Russia   ukraine  Added
//	Talks     S        O       S      Talks   LS       S        O
//	Truce     LS       .       C      Truce   O        U        .
//	Aid       S        U       O      Loans   S        S        S
//	Dropped   S        S       S      AID     S        O        .
//
// Ukraine and "ukraine" are the same party, Aid and AID the same issue.
func anDiffPair() (old, new *matrix.Matrix) {
	old = anBuild(matrix.DefaultScale(), anParties("Ukraine", "Russia", "Gone"), anIssues("Talks", "Truce", "Aid", "Dropped"), [][]string{
		{anS, anO, anS},
		{anLS, "", anC},
		{anS, anU, anO},
		{anS, anS, anS},
	})
	old.Source = "dir/old.xlsx"
	old.About.AsOf = anDay("2025-04-16")
	new = anBuild(matrix.DefaultScale(), anParties("Russia", "ukraine", "Added"), anIssues("Talks", "Truce", "Loans", "AID"), [][]string{
		{anLS, anS, anO},
		{anO, anU, ""},
		{anS, anS, anS},
		{anS, anO, ""},
	})
	new.SetCellPlaces("Matrix", []int{2, 3, 4}, []int{2, 3, 4, 5})
	new.Source = "other/new.xlsx"
	new.About.AsOf = anDay("2025-04-23")
	new.Evidence = []matrix.Evidence{
		{Party: "Russia", Issue: "Talks", Date: anDay("2025-04-20"), Summary: "after, second"},
		{Party: "Russia", Issue: "Talks", Date: anDay("2025-04-16"), Summary: "on the date: not new"},
		{Party: "Russia", Issue: "Talks", Summary: "undated: not new"},
		{Party: "ukraine", Issue: "Talks", Date: anDay("2025-04-17"), Summary: "after, first"},
		{Party: "Russia", Issue: "Truce", Date: anDay("2025-03-01"), Summary: "before"},
	}
	return old, new
}

func TestDiff(t *testing.T) {
	old, new := anDiffPair()
	got := matrix.Diff(old, new)
	want := &matrix.Changes{
		Old: "old.xlsx", New: "new.xlsx",
		OldDate: anDay("2025-04-16"), NewDate: anDay("2025-04-23"),
		// New issue order (Talks, Truce, Loans, AID), then new party order
		// (Russia, ukraine, Added); Loans and Added are new, so no cells.
		Cells: []matrix.CellChange{
			// Talks: Russia −2 → 1 is up; Ukraine S → S unchanged.
			{Issue: "Talks", Party: "Russia", Old: anO, New: anLS, Direction: matrix.TowardsSupport, Ref: "Matrix!B2",
				OldScore: -2, OldScored: true, NewScore: 1, NewScored: true},
			// Truce: Russia blank → O is off the axis; Ukraine LS → U too.
			{Issue: "Truce", Party: "Russia", Old: "", New: anO, Direction: matrix.OffAxis, Ref: "Matrix!B3", NewScore: -2, NewScored: true},
			{Issue: "Truce", Party: "ukraine", Old: anLS, New: anU, Direction: matrix.OffAxis, Ref: "Matrix!C3", OldScore: 1, OldScored: true},
			// AID: Russia U → S off the axis; Ukraine S → O down.
			{Issue: "AID", Party: "Russia", Old: anU, New: anS, Direction: matrix.OffAxis, Ref: "Matrix!B5", NewScore: 2, NewScored: true},
			{Issue: "AID", Party: "ukraine", Old: anS, New: anO, Direction: matrix.TowardsOpposition, Ref: "Matrix!C5",
				OldScore: 2, OldScored: true, NewScore: -2, NewScored: true},
		},
		PartiesAdded:   []string{"Added"},
		PartiesRemoved: []string{"Gone"},
		IssuesAdded:    []string{"Loans"},
		IssuesRemoved:  []string{"Dropped"},
		// After 2025-04-16, oldest first.
		NewEvidence: []matrix.Evidence{new.Evidence[3], new.Evidence[0]},
		// The older workbook has no evidence: every row is added. The
		// names Ukraine and Aid changed case.
		Edits: []matrix.Edit{
			{Kind: matrix.EvidenceAdded, Party: "Russia", Issue: "Talks", Subject: "Talks / Russia", New: "Date: 2025-04-20; Summary: after, second"},
			{Kind: matrix.EvidenceAdded, Party: "Russia", Issue: "Talks", Subject: "Talks / Russia", New: "Date: 2025-04-16; Summary: on the date: not new"},
			{Kind: matrix.EvidenceAdded, Party: "Russia", Issue: "Talks", Subject: "Talks / Russia", New: "Summary: undated: not new"},
			{Kind: matrix.EvidenceAdded, Party: "ukraine", Issue: "Talks", Subject: "Talks / ukraine", New: "Date: 2025-04-17; Summary: after, first"},
			{Kind: matrix.EvidenceAdded, Party: "Russia", Issue: "Truce", Subject: "Truce / Russia", New: "Date: 2025-03-01; Summary: before"},
			{Kind: matrix.PartyEdited, Party: "ukraine", Subject: "ukraine", Field: "Name", Old: "Ukraine", New: "ukraine"},
			{Kind: matrix.IssueEdited, Issue: "AID", Subject: "AID", Field: "Name", Old: "Aid", New: "AID"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff:\ngot  %+v\nwant %+v", got, want)
	}
	if got.Empty() {
		t.Errorf("Empty() = true")
	}
	if c, ok := got.Changed("Talks", "Russia"); !ok || c.New != anLS {
		t.Errorf("Changed(Talks, Russia) = %+v, %v", c, ok)
	}
}

func TestDiffCaseOnly(t *testing.T) {
	// A label differing only in case is no change; a name differing only
	// in case is the same party or issue, with its name edited.
	old := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{"Supports"}})
	new := anBuild(matrix.DefaultScale(), anParties("a"), anIssues("i"), [][]string{{"supports"}})
	ch := matrix.Diff(old, new)
	if len(ch.Cells)+len(ch.PartiesAdded)+len(ch.PartiesRemoved)+len(ch.IssuesAdded)+len(ch.IssuesRemoved) != 0 {
		t.Errorf("Diff = %+v, want no stance change", ch)
	}
	want := []matrix.Edit{
		{Kind: matrix.PartyEdited, Party: "a", Subject: "a", Field: "Name", Old: "A", New: "a"},
		{Kind: matrix.IssueEdited, Issue: "i", Subject: "i", Field: "Name", Old: "I", New: "i"},
	}
	if !reflect.DeepEqual(ch.Edits, want) {
		t.Errorf("Edits = %+v, want %+v", ch.Edits, want)
	}
	if !ch.StancesOnly().Empty() {
		t.Errorf("StancesOnly() is not empty")
	}
}

func TestDiffDirections(t *testing.T) {
	// A scale with two labels on the same score, and one off the axis.
	sc := matrix.Scale{Stances: []matrix.Stance{
		{Label: "Yes", Score: 1, HasScore: true},
		{Label: "Rather yes", Score: 1, HasScore: true},
		{Label: "No", Score: 0, HasScore: true},
		{Label: "Unknown"},
	}}
	tests := []struct {
		old, new string
		want     matrix.Direction
	}{
		{"No", "Yes", matrix.TowardsSupport},
		{"Yes", "No", matrix.TowardsOpposition},
		{"Yes", "Rather yes", matrix.Moved},
		{"Unknown", "Yes", matrix.OffAxis},
		{"No", "Unknown", matrix.OffAxis},
		{"", "No", matrix.OffAxis},
		{"Yes", "", matrix.OffAxis},
	}
	for _, tc := range tests {
		t.Run(tc.old+" to "+tc.new, func(t *testing.T) {
			old := anBuild(sc, anParties("A"), anIssues("I"), [][]string{{tc.old}})
			new := anBuild(sc, anParties("A"), anIssues("I"), [][]string{{tc.new}})
			ch := matrix.Diff(old, new)
			if len(ch.Cells) != 1 || ch.Cells[0].Direction != tc.want {
				t.Errorf("got %+v, want one change %v", ch.Cells, tc.want)
			}
		})
	}
}

func TestDiffAcrossScales(t *testing.T) {
	// Old on a three-step scale, new on the default five-step one: positions
	// compare as fractions of each range. Neutral (0 of −1…1) is .5; Leans
	// oppose (−1 of −2…2) is .25: down. Conditional (0) is .5 too: Moved.
	old := anBuild(anThreePoint(), anParties("A", "B"), anIssues("I"), [][]string{{"Neutral", "Neutral"}})
	new := anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anLO, anC}})
	ch := matrix.Diff(old, new)
	if len(ch.Cells) != 2 || ch.Cells[0].Direction != matrix.TowardsOpposition || ch.Cells[1].Direction != matrix.Moved {
		t.Fatalf("got %+v", ch.Cells)
	}
	// The old Neutral, half way along −1…1, is drawn half way along −2…2.
	for _, c := range ch.Cells {
		if !c.OldScored || c.OldScore != 0 || !c.NewScored {
			t.Errorf("%s: old score %v (%v), want 0 on the new scale", c.Party, c.OldScore, c.OldScored)
		}
	}
	// An Agree (1 of −1…1) on the old scale is a Supports (2) on the new.
	old = anBuild(anThreePoint(), anParties("A"), anIssues("I"), [][]string{{"Agree"}})
	new = anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anLO}})
	if c := matrix.Diff(old, new).Cells; len(c) != 1 || c[0].OldScore != 2 || c[0].NewScore != -1 {
		t.Errorf("got %+v, want 2 → −1", c)
	}
}

func TestDiffDescriptions(t *testing.T) {
	cur := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anS}})
	cur.Source = "samples/ukraine.xlsx"
	cur.About.AsOf = anDay("2025-04-23")
	snap := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anO}})
	snap.Source = cur.Source
	snap.About.AsOf = anDay("2025-04-16")
	cur.Snapshots = []matrix.Snapshot{{Date: anDay("2025-04-16"), Sheet: "matrix 2025-04-16", Matrix: snap}}
	// The same file, not a snapshot of it.
	other := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anO}})
	other.Source = cur.Source
	other.About.AsOf = anDay("2025-04-02")
	undated := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anO}})
	undated.Source = "undated.xlsx"
	// Built in code: no file name on either side.
	unnamedOld := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anO}})
	unnamedOld.Source = ""
	unnamedNew := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anS}})
	unnamedNew.Source = ""
	tests := []struct {
		name     string
		old, new *matrix.Matrix
		wantOld  string
		wantNew  string
		evidence bool
	}{
		{"snapshot by its sheet name", snap, cur, "matrix 2025-04-16", "ukraine.xlsx", true},
		{"same file, other date", other, cur, "Matrix 2025-04-02", "ukraine.xlsx", true},
		{"files", undated, cur, "undated.xlsx", "ukraine.xlsx", false},
		{"no file names", unnamedOld, unnamedNew, "matrix", "matrix", false},
	}
	cur.Evidence = []matrix.Evidence{{Party: "A", Issue: "I", Date: anDay("2025-04-20")}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch := matrix.Diff(tc.old, tc.new)
			if ch.Old != tc.wantOld || ch.New != tc.wantNew {
				t.Errorf("Old, New = %q, %q; want %q, %q", ch.Old, ch.New, tc.wantOld, tc.wantNew)
			}
			// Without an old date no evidence counts as new.
			if got := len(ch.NewEvidence) > 0; got != tc.evidence {
				t.Errorf("NewEvidence = %v, want some: %v", ch.NewEvidence, tc.evidence)
			}
		})
	}
}

func TestDiffIdentical(t *testing.T) {
	m := anFixture()
	ch := matrix.Diff(m, m)
	if !ch.Empty() {
		t.Errorf("Diff of a matrix with itself = %+v", ch)
	}
	var nilCh *matrix.Changes
	if !nilCh.Empty() {
		t.Errorf("nil Changes not empty")
	}
	if _, ok := nilCh.Changed("I", "A"); ok {
		t.Errorf("nil Changes reports a change")
	}
}

func TestDirectionJSON(t *testing.T) {
	b, err := json.Marshal(matrix.CellChange{Direction: matrix.TowardsOpposition})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"Direction":"towards opposition"`) {
		t.Errorf("got %s", b)
	}
}

func TestSnapshots(t *testing.T) {
	m := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anS}})
	m.Source = "ukraine.xlsx"
	if s := m.LatestSnapshot(); s != nil {
		t.Errorf("LatestSnapshot with none = %+v", s)
	}
	_, err := m.SnapshotOn(anDay("2025-04-16"))
	if want := `ukraine.xlsx: no snapshot dated 2025-04-16: the workbook has no sheet named "Matrix YYYY-MM-DD"`; err == nil || err.Error() != want {
		t.Errorf("SnapshotOn with none: %v, want %s", err, want)
	}
	a := &matrix.Matrix{}
	b := &matrix.Matrix{}
	m.Snapshots = []matrix.Snapshot{
		{Date: anDay("2025-04-02"), Sheet: "Matrix 2025-04-02", Matrix: a},
		{Date: anDay("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: b},
	}
	if s := m.LatestSnapshot(); s == nil || s.Matrix != b {
		t.Errorf("LatestSnapshot = %+v, want the 2025-04-16 one", s)
	}
	s, err := m.SnapshotOn(time.Date(2025, 4, 2, 15, 30, 0, 0, time.UTC))
	if err != nil || s.Matrix != a {
		t.Errorf("SnapshotOn(2025-04-02 15:30) = %+v, %v", s, err)
	}
	_, err = m.SnapshotOn(anDay("2025-04-17"))
	if want := "ukraine.xlsx: no snapshot dated 2025-04-17 (snapshots: 2025-04-02, 2025-04-16)"; err == nil || err.Error() != want {
		t.Errorf("SnapshotOn(2025-04-17): %v, want %s", err, want)
	}
}

// TestSampleChanges diffs the Ukraine sample's snapshot with its current
// matrix: the sample records one move, Russia's on bilateral talks.
func TestSampleChanges(t *testing.T) {
	m, ps := matrix.ReadFile("../samples/ukraine-peace-talks.xlsx", matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	s := m.LatestSnapshot()
	if s == nil {
		t.Fatal("the sample has no snapshot")
	}
	if s2, err := m.SnapshotOn(anDay("2025-04-16")); err != nil || s2 != s {
		t.Fatalf("SnapshotOn(2025-04-16) = %v, %v", s2, err)
	}
	ch := matrix.Diff(s.Matrix, m)
	want := []matrix.CellChange{{Issue: "Bilateral Putin–Zelenskyy ceasefire talks", Party: "Russia",
		Old: "Leans oppose", New: "Leans support", Direction: matrix.TowardsSupport, Ref: "Matrix!D10",
		OldScore: -1, OldScored: true, NewScore: 1, NewScored: true}}
	if !reflect.DeepEqual(ch.Cells, want) {
		t.Errorf("cells %+v, want %+v", ch.Cells, want)
	}
	if ch.Old != "Matrix 2025-04-16" || ch.New != "ukraine-peace-talks.xlsx" {
		t.Errorf("Old, New = %q, %q", ch.Old, ch.New)
	}
	move := "Russia moved from Leans oppose to Leans support on Bilateral Putin–Zelenskyy ceasefire talks since 16 April 2025."
	if f := matrix.KeyFindings(m, ch); !slices.Contains(f, move) {
		t.Errorf("KeyFindings = %q, want %q among them", f, move)
	}
}
