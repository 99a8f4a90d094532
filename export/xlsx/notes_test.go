package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// TestNotesLikeExcelize writes workbooks and reports with their notes
// spliced in by xlAddNotes and again with every note added by excelize's
// AddComment, and checks that every part of the two packages is the same.
func TestNotesLikeExcelize(t *testing.T) {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 9, Issues: 14, Evidence: 30, Scripts: true, LongNames: true, Seed: 2})
	odd := []string{
		"Ψήφος \"όχι\"\nδεύτερη γραμμή 🇬🇷", "<b>&amp;</b> 'quoted'", "=1+2", "tab\there\r\nCRLF",
		"control \x01\x1f chars", "bad utf-8 \xff\xfe", strings.Repeat("long note ", 400),
		strings.Repeat("🇺🇦", 9000), // past Excel's 32,767 UTF-16 units: cut like excelize cuts it
	}
	for k, n := range odd {
		m.SetNote(k%len(m.Cells()), (3*k)%len(m.Parties), n, m.Cell(k%len(m.Cells()), (3*k)%len(m.Parties)).Release)
	}
	old := *m
	old.Evidence, old.Snapshots = nil, nil
	m.Snapshots = []matrix.Snapshot{{Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Sheet: "Matrix 2025-03-01", Matrix: &old}}
	empty := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 3, Issues: 2, Blank: 99})
	for _, tc := range []struct {
		name   string
		m      *matrix.Matrix
		report bool
		// anchors are not compared in reports: the report sets the height
		// of a row below the matrix after the notes, which AddComment
		// does not see and xlAddNotes does.
		anchors bool
	}{
		{"workbook", m, false, true},
		{"report", m, true, false},
		{"one note", oneNote(), false, true},
		{"no notes", empty, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			write := func(slow bool) map[string]string {
				b := newBook(tc.m, export.Options{}, tc.report)
				b.slowNotes = slow
				var buf bytes.Buffer
				var err error
				if tc.report {
					err = b.writeReport(&buf)
				} else {
					err = b.writeWorkbook(&buf)
				}
				if err != nil {
					t.Fatal(err)
				}
				return unzip(t, buf.Bytes())
			}
			fast, slow := write(false), write(true)
			if len(fast) != len(slow) {
				t.Errorf("%d parts, excelize writes %d", len(fast), len(slow))
			}
			comments := 0
			for name, want := range slow {
				if strings.HasPrefix(name, "xl/comments") {
					comments += strings.Count(want, "<comment ")
				}
				got, ok := fast[name]
				if !tc.anchors {
					got, want = noAnchors.ReplaceAllString(got, ""), noAnchors.ReplaceAllString(want, "")
				}
				if !ok {
					t.Errorf("no part %s", name)
				} else if got != want {
					i := 0
					for i < len(got) && i < len(want) && got[i] == want[i] {
						i++
					}
					t.Errorf("%s differs from excelize's at byte %d:\n got %.300q\nwant %.300q", name, i, got[max(0, i-200):], want[max(0, i-200):])
				}
			}
			want := 0
			for _, mm := range append([]*matrix.Matrix{tc.m}, snapshotMatrices(tc.m)...) {
				for _, row := range mm.Cells() {
					for _, c := range row {
						if c.Note != "" {
							want++
						}
					}
				}
			}
			if comments != want {
				t.Errorf("%d comments, want %d", comments, want)
			}
		})
	}
}

var noAnchors = regexp.MustCompile(`<x:Anchor>[0-9, ]*</x:Anchor>`)

func snapshotMatrices(m *matrix.Matrix) []*matrix.Matrix {
	var out []*matrix.Matrix
	for _, s := range m.Snapshots {
		out = append(out, s.Matrix)
	}
	return out
}

func oneNote() *matrix.Matrix {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 2, Issues: 2, Blank: 99})
	m.SetNote(1, 1, "only one", m.Cell(1, 1).Release)
	return m
}

// unzip returns the parts of a package by name.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}
