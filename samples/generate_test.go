package samples_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// TestGenerate rewrites the sample workbooks with -update; without
// it, it checks that each committed workbook reads back to exactly the
// matrix in data_test.go, so the files and the Go source cannot drift.
func TestGenerate(t *testing.T) {
	for _, s := range generated {
		t.Run(s.file, func(t *testing.T) {
			want := s.build()
			if *matrixtest.Update {
				var buf bytes.Buffer
				if err := xlsx.Workbook(&buf, want, export.Options{}); err != nil {
					t.Fatalf("writing %s: %v", s.file, err)
				}
				if err := os.WriteFile(s.file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, ps := matrix.ReadFile(s.file, matrix.ReadOptions{})
			if len(ps) > 0 {
				for _, p := range ps {
					t.Error(p.Error())
				}
			}
			if got == nil {
				t.Fatalf("%s: no matrix read back", s.file)
			}
			for _, d := range diffMatrix(normalise(want), normalise(got)) {
				t.Error(d)
			}
		})
	}
}

// TestSampleData checks the curation rules on the data itself: categories
// are contiguous (reports show each as one band), every filled cell is
// backed by evidence, every evidence row names a known party and
// issue and agrees with its cell, and every stance is on the scale.
func TestSampleData(t *testing.T) {
	for _, s := range generated {
		t.Run(s.file, func(t *testing.T) {
			m := s.build()
			seen := map[string]bool{}
			for i, is := range m.Issues {
				if i > 0 && is.Category != m.Issues[i-1].Category {
					if seen[is.Category] {
						t.Errorf("issue %q: category %q is split; keep a category's issues together", is.Name, is.Category)
					}
					seen[m.Issues[i-1].Category] = true
				}
			}
			backed := map[[2]string]bool{}
			for _, e := range m.Evidence {
				i, p := m.IssueIndex(e.Issue), m.PartyIndex(e.Party)
				if i < 0 || p < 0 {
					t.Errorf("evidence %q / %q: unknown issue or party", e.Issue, e.Party)
					continue
				}
				if c := m.Cell(i, p); c.Stance != e.Stance {
					t.Errorf("evidence %q / %q says %q, cell says %q", e.Issue, e.Party, e.Stance, c.Stance)
				}
				if e.Date.IsZero() || e.Quote == "" || e.Source == "" || e.Summary == "" {
					t.Errorf("evidence %q / %q: date, quote, source and summary are required in a sample", e.Issue, e.Party)
				}
				backed[[2]string{e.Issue, e.Party}] = true
			}
			grids := [][][]matrix.Cell{m.Cells()}
			for _, sn := range m.Snapshots {
				grids = append(grids, sn.Matrix.Cells())
			}
			for gi, g := range grids {
				for i, row := range g {
					for p, c := range row {
						if c.Blank() {
							if c.Note != "" {
								t.Errorf("grid %d: %s / %s: note on a blank cell", gi, m.Issues[i].Name, m.Parties[p].Name)
							}
							continue
						}
						if _, ok := m.Scale.Stance(c.Stance); !ok {
							t.Errorf("grid %d: %s / %s: %q is not on the scale", gi, m.Issues[i].Name, m.Parties[p].Name, c.Stance)
						}
						if c.Note == "" {
							t.Errorf("grid %d: %s / %s: a filled cell needs a note saying why", gi, m.Issues[i].Name, m.Parties[p].Name)
						}
						if gi == 0 && !backed[[2]string{m.Issues[i].Name, m.Parties[p].Name}] {
							t.Errorf("%s / %s: %s without evidence", m.Issues[i].Name, m.Parties[p].Name, c.Stance)
						}
					}
				}
			}
		})
	}
}

// TestQuotesAreVerbatim checks every quote against the article the samples
// were curated from, when the article is present (in the project's shared
// folder beside the repository, or at $STANCEMATRIX_SEED). A quote with a
// Speaker must be the speaker's own words, inside quotation marks in the
// article.
func TestQuotesAreVerbatim(t *testing.T) {
	path := os.Getenv("STANCEMATRIX_SEED")
	if path == "" {
		path = filepath.Join("..", "..", "shared", "seed", "ukraine-talks-2025-04-23.txt")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("source article not available (%v); set STANCEMATRIX_SEED to check the quotes", err)
	}
	text := string(b)
	for _, s := range generated {
		t.Run(s.file, func(t *testing.T) {
			for _, e := range s.build().Evidence {
				if !strings.Contains(text, e.Quote) {
					t.Errorf("%s / %s: quote not in the article: %q", e.Issue, e.Party, e.Quote)
				}
				if e.Speaker != "" && !strings.Contains(text, "“"+e.Quote) {
					t.Errorf("%s / %s: quote attributed to %s is not a quotation in the article: %q", e.Issue, e.Party, e.Speaker, e.Quote)
				}
			}
		})
	}
}

// normalise clears what depends on where a matrix was read from (file name,
// cell references, evidence rows, whether the scale was the default), so a
// matrix built in code compares with one read from a workbook.
func normalise(m *matrix.Matrix) *matrix.Matrix {
	out := *m.Clone()
	out.SetCellPlaces("", nil, nil)
	out.Source = ""
	out.About.AsOf = out.About.AsOf.UTC()
	out.Scale = normScale(m.Scale)
	out.Parties = append([]matrix.Party(nil), m.Parties...)
	for i := range out.Parties {
		out.Parties[i].Ref = ""
	}
	out.Issues = append([]matrix.Issue(nil), m.Issues...)
	for i := range out.Issues {
		out.Issues[i].Ref = ""
	}
	out.Evidence = append([]matrix.Evidence(nil), m.Evidence...)
	for i := range out.Evidence {
		out.Evidence[i].Sheet, out.Evidence[i].Row = "", 0
		out.Evidence[i].Date = out.Evidence[i].Date.UTC()
	}
	if len(out.Evidence) == 0 {
		out.Evidence = nil
	}
	out.Findings = append([]matrix.Finding(nil), m.Findings...)
	for i := range out.Findings {
		out.Findings[i].Sheet, out.Findings[i].Row = "", 0
	}
	if len(out.Findings) == 0 {
		out.Findings = nil
	}
	out.Snapshots = nil
	for _, s := range m.Snapshots {
		sm := normalise(s.Matrix)
		sm.About, sm.Scale, sm.Evidence, sm.Snapshots = matrix.About{}, matrix.Scale{}, nil, nil
		out.Snapshots = append(out.Snapshots, matrix.Snapshot{Date: s.Date.UTC(), Sheet: s.Sheet, Matrix: sm})
	}
	return &out
}

func normScale(s matrix.Scale) matrix.Scale {
	out := matrix.Scale{}
	for _, st := range s.Stances {
		if len(st.Aliases) == 0 {
			st.Aliases = nil
		}
		st.Color = strings.ToUpper(st.Color)
		out.Stances = append(out.Stances, st)
	}
	return out
}

// diffMatrix lists the differences between two normalised matrices, one
// readable line each.
func diffMatrix(want, got *matrix.Matrix) []string {
	var d []string
	add := func(what string, w, g any) {
		if !reflect.DeepEqual(w, g) {
			d = append(d, fmt.Sprintf("%s:\n\twant %+v\n\tgot  %+v", what, w, g))
		}
	}
	add("about", want.About, got.About)
	if !want.About.AsOf.Equal(got.About.AsOf) {
		d = append(d, fmt.Sprintf("about.AsOf: want %v, got %v", want.About.AsOf, got.About.AsOf))
	}
	add("scale", want.Scale, got.Scale)
	add("parties", want.Parties, got.Parties)
	add("issues", want.Issues, got.Issues)
	wantCells, gotCells := want.Cells(), got.Cells()
	if len(wantCells) != len(gotCells) {
		d = append(d, fmt.Sprintf("cells: want %d rows, got %d", len(wantCells), len(gotCells)))
	} else {
		for i := range wantCells {
			if len(wantCells[i]) != len(gotCells[i]) {
				d = append(d, fmt.Sprintf("cells row %d: want %d columns, got %d", i+1, len(wantCells[i]), len(gotCells[i])))
				continue
			}
			for p := range wantCells[i] {
				add(fmt.Sprintf("cell %s / %s", want.Issues[i].Name, want.Parties[p].Name), want.Cell(i, p), got.Cell(i, p))
			}
		}
	}
	if len(want.Evidence) != len(got.Evidence) {
		d = append(d, fmt.Sprintf("evidence: want %d rows, got %d", len(want.Evidence), len(got.Evidence)))
	} else {
		for i := range want.Evidence {
			add(fmt.Sprintf("evidence row %d", i+1), want.Evidence[i], got.Evidence[i])
		}
	}
	add("findings", want.Findings, got.Findings)
	if len(want.Snapshots) != len(got.Snapshots) {
		d = append(d, fmt.Sprintf("snapshots: want %d, got %d", len(want.Snapshots), len(got.Snapshots)))
		return d
	}
	for i := range want.Snapshots {
		w, g := want.Snapshots[i], got.Snapshots[i]
		add(fmt.Sprintf("snapshot %d date", i), w.Date.Format("2006-01-02")+" "+w.Sheet, g.Date.Format("2006-01-02")+" "+g.Sheet)
		for _, sd := range diffMatrix(w.Matrix, g.Matrix) {
			d = append(d, "snapshot "+w.Sheet+": "+sd)
		}
	}
	return d
}
