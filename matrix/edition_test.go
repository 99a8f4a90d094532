package matrix_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// markedBook is a workbook with its own Markings sheet and a note marker.
func markedBook(t *testing.T) []byte {
	return book(t,
		sheet{Name: "Matrix", Rows: [][]any{row("", "A", "B"), row("Trade", "Supports", "Opposes"), row("Energy", "Opposes", "Supports")},
			Comments: map[string]string{"B3": "[eyes] eyes-only note", "B2": "open note", "C2": "[Team] team note"}},
		sheet{Name: "Markings", Rows: [][]any{row("Level", "Order", "Banner"), row("EYES", 30, "Eyes only"), row("OPEN", 10, "Open — may be shared"), row("TEAM", 20, "")}},
		sheet{Name: "Parties", Rows: [][]any{row("Name", "Release"), row("A", ""), row("B", "team")}},
		sheet{Name: "Evidence", Rows: [][]any{row("Party", "Issue", "Summary", "Release"), row("A", "Trade", "open row", ""), row("A", "Energy", "eyes row", "Eyes")}},
		sheet{Name: "Findings", Rows: [][]any{row("Finding", "Parties", "Release"), row("about B", "B", ""), row("team finding", "", "TEAM")}},
		sheet{Name: "About", Rows: [][]any{row("Classification", "Internal — not for circulation")}},
	)
}

// editionText is everything an edition holds as text, for searching.
func editionText(m *matrix.Matrix) string {
	var b strings.Builder
	for _, p := range m.Parties {
		b.WriteString(p.Name + "|")
	}
	for _, row := range m.Cells() {
		for _, c := range row {
			b.WriteString(c.Note + "|")
		}
	}
	for _, e := range m.Evidence {
		b.WriteString(e.Summary + "|")
	}
	for _, f := range m.Findings {
		b.WriteString(f.Text + "|")
	}
	return b.String()
}

func TestEditionMarkingsSheet(t *testing.T) {
	m, ps := matrix.Read(bytes.NewReader(markedBook(t)), "m.xlsx", matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	if !m.Marked || len(m.Markings) != 3 || m.Markings[0].Name != "OPEN" || m.Markings[2].Name != "EYES" {
		t.Fatalf("markings = %+v (marked %v)", m.Markings, m.Marked)
	}
	if got := m.DefaultEdition(); got != "EYES" {
		t.Errorf("default edition = %q, want EYES (the highest level present)", got)
	}
	for _, tc := range []struct {
		level, banner string
		has, hasNot   []string
	}{
		{"open", "Open — may be shared", []string{"open note", "open row"}, []string{"B|", "eyes", "team", "about B"}},
		{"TEAM", "TEAM", []string{"B|", "team note", "team finding", "about B"}, []string{"eyes"}},
		{"EYES", "Eyes only — Internal — not for circulation", []string{"eyes-only note", "eyes row"}, nil},
	} {
		t.Run(tc.level, func(t *testing.T) {
			ed, rep, err := m.Edition(tc.level)
			if err != nil {
				t.Fatal(err)
			}
			if ed.About.Classification != tc.banner {
				t.Errorf("banner = %q, want %q (report %+v)", ed.About.Classification, tc.banner, rep)
			}
			text := editionText(ed)
			for _, s := range tc.has {
				if !strings.Contains(text, s) {
					t.Errorf("edition lacks %q: %s", s, text)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("edition holds %q: %s", s, text)
				}
			}
		})
	}
	if _, _, err := m.Edition("PUBLIC"); err == nil || !strings.Contains(err.Error(), `unknown edition "PUBLIC"`) {
		t.Errorf("Edition(PUBLIC) = %v, want unknown edition", err)
	}
	if strings.Contains(editionText(m), "[") {
		t.Errorf("a note keeps its marker: %s", editionText(m))
	}
}

func TestEditionUnmarkedUnchanged(t *testing.T) {
	m, ps := matrix.Read(bytes.NewReader(simpleBook(t)), "s.xlsx", matrix.ReadOptions{})
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	ed, rep, err := m.Edition("")
	if err != nil {
		t.Fatal(err)
	}
	if m.Marked || rep.Banner != "" || ed.About.Classification != m.About.Classification || rep.Removed() != 0 {
		t.Errorf("an unmarked workbook changes: %+v, %q", rep, ed.About.Classification)
	}
}

// withThreadedPart adds a threadedComments part naming cell to the first
// sheet of an .xlsx that has comments, as Excel 365 writes it.
func withThreadedPart(t *testing.T, b []byte, cell string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/worksheets/_rels/sheet1.xml.rels" {
			found = true
			data = bytes.Replace(data, []byte("</Relationships>"), []byte(`<Relationship Id="rIdTc1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	if !found {
		t.Fatal("no sheet1 relationships")
	}
	w, _ := zw.Create("xl/threadedComments/threadedComment1.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="`+cell+`" dT="2025-04-20T10:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>per cable 4711</text></threadedComment></ThreadedComments>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestThreadedCommentPart(t *testing.T) {
	b := book(t, sheet{Name: "Matrix", Rows: [][]any{row("", "A", "B"), row("Trade", "Supports", "Opposes")},
		Comments: map[string]string{"B2": "a plain note", "C2": "per cable 4711"}})
	b = withThreadedPart(t, b, "C2")
	for _, include := range []bool{false, true} {
		m, ps := matrix.Read(bytes.NewReader(b), "t.xlsx", matrix.ReadOptions{IncludeComments: include})
		if err := ps.Err(); err != nil {
			t.Fatal(err)
		}
		if got := m.Cell(0, 1).Note; (got != "") != include {
			t.Errorf("include %v: the threaded comment's note is %q", include, got)
		}
		if m.Cell(0, 0).Note != "a plain note" {
			t.Errorf("the plain note is %q", m.Cell(0, 0).Note)
		}
		if len(m.Threaded) != 1 || m.Threaded[0] != "Matrix!C2" {
			t.Errorf("Threaded = %q", m.Threaded)
		}
		if w := ps.Warnings(); len(w) != 1 || w[0].Cell != "C2" || !strings.Contains(w[0].Msg, "threaded comment") {
			t.Errorf("warnings = %v", w)
		}
	}
}
