package matrix_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// sinceFixture has two snapshots, the older one first, each with the As of
// date the reader gives a snapshot (its own date).
func sinceFixture() (m, april2, april16 *matrix.Matrix) {
	m = anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anS, anO}})
	m.Source = "ukraine.xlsx"
	m.About.AsOf = anDay("2025-04-23")
	april2 = anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anO, anO}})
	april2.About.AsOf = anDay("2025-04-02")
	april16 = anBuild(matrix.DefaultScale(), anParties("A", "B"), anIssues("I"), [][]string{{anLS, anO}})
	april16.About.AsOf = anDay("2025-04-16")
	m.Snapshots = []matrix.Snapshot{
		{Date: anDay("2025-04-02"), Sheet: "Matrix 2025-04-02", Matrix: april2},
		{Date: anDay("2025-04-16"), Sheet: "Matrix 2025-04-16", Matrix: april16},
	}
	return m, april2, april16
}

func TestChangesSince(t *testing.T) {
	m, april2, april16 := sinceFixture()
	bare := anBuild(matrix.DefaultScale(), anParties("A"), anIssues("I"), [][]string{{anS}})
	const sample = "../samples/custom-scale.xlsx"
	older, ps := matrix.ReadFile(sample, matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	notBook := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := os.WriteFile(notBook, []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		m       *matrix.Matrix
		since   matrix.Since
		old     *matrix.Matrix // want Diff(old, m); nil: want no changes
		wantOld string         // want Changes.Old
		wantErr string         // want this error
		isProbs bool           // want the error to be matrix.Problems
	}{
		{name: "zero value is the latest snapshot", m: m, since: matrix.Since{}, old: april16, wantOld: "Matrix 2025-04-16"},
		{name: "latest", m: m, since: matrix.SinceLatest(), old: april16, wantOld: "Matrix 2025-04-16"},
		{name: "latest without snapshots", m: bare, since: matrix.SinceLatest()},
		{name: "none", m: m, since: matrix.SinceNone()},
		{name: "date", m: m, since: matrix.SinceDate(anDay("2025-04-02")), old: april2, wantOld: "Matrix 2025-04-02"},
		{name: "date ignores the time of day", m: m, since: matrix.SinceDate(time.Date(2025, 4, 16, 18, 0, 0, 0, time.UTC)), old: april16, wantOld: "Matrix 2025-04-16"},
		{name: "unknown date", m: m, since: matrix.SinceDate(anDay("2025-01-01")),
			wantErr: "ukraine.xlsx: no snapshot dated 2025-01-01 (snapshots: 2025-04-02, 2025-04-16)"},
		{name: "file", m: m, since: matrix.SinceFile(sample), old: older, wantOld: "custom-scale.xlsx"},
		{name: "file that is no workbook", m: m, since: matrix.SinceFile(notBook), isProbs: true},
		{name: "missing file", m: m, since: matrix.SinceFile(filepath.Join(t.TempDir(), "gone.xlsx")), isProbs: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := matrix.ChangesSince(tc.m, tc.since, matrix.ReadOptions{})
			switch {
			case tc.isProbs:
				var ps matrix.Problems
				if !errors.As(err, &ps) || len(ps) == 0 {
					t.Fatalf("error %v (%T), want matrix.Problems", err, err)
				}
				return
			case tc.wantErr != "":
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if tc.old == nil {
				if ch != nil {
					t.Fatalf("got %+v, want no changes", ch)
				}
				return
			}
			if want := matrix.Diff(tc.old, tc.m); !reflect.DeepEqual(ch, want) {
				t.Errorf("got %+v\nwant %+v", ch, want)
			}
			if ch.Old != tc.wantOld {
				t.Errorf("Old = %q, want %q", ch.Old, tc.wantOld)
			}
		})
	}
}

// TestChangesSinceSample checks the dates and names of the changes against
// the Ukraine sample's snapshot, as the reader fills them: the snapshot's
// own date as the old date, the workbook's As of date as the new one.
func TestChangesSinceSample(t *testing.T) {
	m, ps := matrix.ReadFile("../samples/ukraine-peace-talks.xlsx", matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	for _, since := range []matrix.Since{matrix.SinceLatest(), matrix.SinceDate(anDay("2025-04-16"))} {
		ch, err := matrix.ChangesSince(m, since, matrix.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ch.Old != "Matrix 2025-04-16" || ch.New != "ukraine-peace-talks.xlsx" {
			t.Errorf("Old, New = %q, %q", ch.Old, ch.New)
		}
		if !ch.OldDate.Equal(anDay("2025-04-16")) || !ch.NewDate.Equal(m.About.AsOf) || ch.NewDate.IsZero() {
			t.Errorf("OldDate, NewDate = %v, %v; want 2025-04-16, %v", ch.OldDate, ch.NewDate, m.About.AsOf)
		}
		if len(ch.Cells) != 1 {
			t.Errorf("cells %+v, want Russia's one move", ch.Cells)
		}
	}
}
