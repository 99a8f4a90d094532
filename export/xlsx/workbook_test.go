package xlsx_test

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func workbook(t testing.TB, m *matrix.Matrix, opt export.Options) []byte {
	return write(t, func(w *bytes.Buffer) error { return xlsx.Workbook(w, m, opt) })
}

func TestWorkbookSheets(t *testing.T) {
	tests := []struct {
		name string
		m    *matrix.Matrix
		want []string
	}{
		{"template", &matrix.Matrix{}, []string{"Read me", "Matrix", "Parties", "Issues", "Evidence", "Scale", "About", "Findings"}},
		{"nil", nil, []string{"Read me", "Matrix", "Parties", "Issues", "Evidence", "Scale", "About", "Findings"}},
		{"fixture", fixture(), []string{"Read me", "Matrix", "Parties", "Issues", "Evidence", "Scale", "About", "Findings", "Matrix 2025-04-16"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, workbook(t, tc.m, export.Options{}))
			if got := f.GetSheetList(); !slices.Equal(got, tc.want) {
				t.Errorf("sheets %q, want %q", got, tc.want)
			}
			headers := map[string][]string{
				"Parties":  {"Name", "Short", "Group", "Color", "Weight", "Description"},
				"Issues":   {"Name", "Short", "Category", "Description", "Weight"},
				"Evidence": {"Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source", "URL"},
				"Scale":    {"Label", "Score", "Color", "Symbol", "Aliases", "Description"},
				"Findings": {"Text", "Issue", "Parties", "Order"},
			}
			for sheet, want := range headers {
				rows, err := f.GetRows(sheet)
				if err != nil || len(rows) == 0 {
					t.Fatalf("%s: no rows (%v)", sheet, err)
				}
				if !slices.Equal(rows[0], want) {
					t.Errorf("%s headers %q, want %q", sheet, rows[0], want)
				}
				st, _ := f.GetCellStyle(sheet, "A1")
				if s, _ := f.GetStyle(st); s == nil || s.Font == nil || !s.Font.Bold {
					t.Errorf("%s!A1 is not bold", sheet)
				}
				panes, _ := f.GetPanes(sheet)
				if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
					t.Errorf("%s panes %+v, want the header row frozen", sheet, panes)
				}
			}
			// The scale is always written: the dropdowns read it.
			scale, _ := f.GetRows("Scale")
			if len(scale) != 7 || scale[1][0] != "Supports" || scale[6][0] != "Unclear" {
				t.Errorf("Scale rows %q", scale)
			}
			about, _ := f.GetRows("About")
			var keys []string
			for _, r := range about {
				keys = append(keys, r[0])
			}
			if want := []string{"Title", "Subtitle", "As of", "Author", "Organisation", "Classification", "Footer", "Notes", "Language"}; !slices.Equal(keys, want) {
				t.Errorf("About keys %q, want %q", keys, want)
			}
			readme, _ := f.GetRows("Read me")
			text := strings.ToLower(strings.Join(slices.Concat(readme...), " "))
			for _, want := range []string{"one party per column", "dropdown", "comment", "evidence", "matrix yyyy-mm-dd", "stancematrix validate"} {
				if !strings.Contains(text, want) {
					t.Errorf("Read me does not say %q", want)
				}
			}
		})
	}
}

func TestWorkbookMatrixSheet(t *testing.T) {
	m := fixture()
	f := open(t, workbook(t, m, export.Options{}))
	for p, party := range m.Parties {
		cell := ref(p+2, 1)
		if v, _ := f.GetCellValue("Matrix", cell); v != party.Name {
			t.Errorf("Matrix!%s = %q, want %q", cell, v, party.Name)
		}
	}
	for i, is := range m.Issues {
		cell := ref(1, i+2)
		if v, _ := f.GetCellValue("Matrix", cell); v != is.Name {
			t.Errorf("Matrix!%s = %q, want %q", cell, v, is.Name)
		}
		for p := range m.Parties {
			cell := ref(p+2, i+2)
			if v, _ := f.GetCellValue("Matrix", cell, excelize.Options{RawCellValue: true}); v != m.Stance(i, p) {
				t.Errorf("Matrix!%s = %q, want %q", cell, v, m.Stance(i, p))
			}
		}
	}
	checkNotes(t, f, "Matrix", m)
	panes, _ := f.GetPanes("Matrix")
	if !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 1 || panes.TopLeftCell != "B2" {
		t.Errorf("Matrix panes %+v, want frozen at B2", panes)
	}
	checkDropdowns(t, f, "Matrix")
	checkDropdowns(t, f, "Matrix 2025-04-16")
	if w, _ := f.GetColWidth("Matrix", "A"); w < 24 {
		t.Errorf("column A is %v wide", w)
	}
}

// xlCheckDropdowns checks that the matrix cells up to BH300 have a stance
// list fed from the Scale sheet, exactly one validation each, and that the
// headers have no list.
func checkDropdowns(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range []string{"B2", "C3", "D3", "E5", "BH300", "H40", "A2", "B1"} {
		var lists, all int
		for _, dv := range dvs {
			if !inSqref(t, dv.Sqref, cell) {
				continue
			}
			all++
			if dv.Type == "list" && strings.HasPrefix(dv.Formula1, "Scale!$A$2:$A$") {
				lists++
			}
		}
		header := cell == "A2" || cell == "B1"
		switch {
		case header && lists != 0:
			t.Errorf("%s!%s: a header has a stance dropdown", sheet, cell)
		case !header && (lists != 1 || all != 1):
			t.Errorf("%s!%s: %d stance dropdowns among %d validations, want exactly one", sheet, cell, lists, all)
		}
	}
}

func inSqref(t *testing.T, sqref, cell string) bool {
	t.Helper()
	c, r, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.Fields(sqref) {
		a, b, ok := strings.Cut(part, ":")
		if !ok {
			b = a
		}
		c1, r1, _ := excelize.CellNameToCoordinates(a)
		c2, r2, _ := excelize.CellNameToCoordinates(b)
		if c >= c1 && c <= c2 && r >= r1 && r <= r2 {
			return true
		}
	}
	return false
}

// xlCheckNotes checks that the sheet's comments are exactly the notes of m,
// with nothing added.
func checkNotes(t *testing.T, f *excelize.File, sheet string, m *matrix.Matrix) {
	t.Helper()
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, c := range comments {
		var text strings.Builder
		text.WriteString(c.Text)
		for _, r := range c.Paragraph {
			text.WriteString(r.Text)
		}
		notes[c.Cell] = text.String()
	}
	want := map[string]string{}
	for i := range m.Issues {
		for p := range m.Parties {
			if n := m.Cell(i, p).Note; n != "" {
				want[ref(p+2, i+2)] = n
			}
		}
	}
	if !mapsEqual(notes, want) {
		t.Errorf("%s comments %q, want %q", sheet, notes, want)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func ref(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return s
}

func TestWorkbookEvidenceDates(t *testing.T) {
	m := fixture()
	f := open(t, workbook(t, m, export.Options{}))
	for i, e := range m.Evidence {
		cell := ref(4, i+2)
		raw, _ := f.GetCellValue("Evidence", cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType("Evidence", cell)
		if e.Date.IsZero() {
			if raw != "" {
				t.Errorf("Evidence!%s = %q, want blank", cell, raw)
			}
			continue
		}
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("Evidence!%s is text %q, want a date", cell, raw)
		}
		shown, _ := f.GetCellValue("Evidence", cell)
		if want := e.Date.Format("2006-01-02"); shown != want {
			t.Errorf("Evidence!%s shows %q, want %q", cell, shown, want)
		}
	}
	if v, _ := f.GetCellValue("About", "B3"); v != "2025-04-23" {
		t.Errorf("About!B3 (As of) shows %q", v)
	}
	links := 0
	for i, e := range m.Evidence {
		ok, target, _ := f.GetCellHyperLink("Evidence", ref(9, i+2))
		if ok {
			links++
			if target != e.URL {
				t.Errorf("Evidence!%s links to %q, want %q", ref(9, i+2), target, e.URL)
			}
		}
	}
	if links != 2 {
		t.Errorf("%d hyperlinks, want 2", links)
	}
}

// TestFormulaInjection checks that text looking like a formula stays text,
// in both the input workbook and the report.
func TestFormulaInjection(t *testing.T) {
	m := fixture()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"workbook", workbook(t, m, export.Options{})},
		{"report", report(t, m, export.Options{})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, tc.data)
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for c := range row {
						cell := ref(c+1, r+1)
						if fx, _ := f.GetCellFormula(sheet, cell); fx != "" {
							t.Errorf("%s!%s holds formula %q", sheet, cell, fx)
						}
					}
				}
			}
			// The party header and the Parties row keep the text.
			for _, at := range [][2]string{{"Matrix", "E1"}, {"Parties", "A5"}} {
				if v, _ := f.GetCellValue(at[0], at[1], excelize.Options{RawCellValue: true}); v != injection {
					t.Errorf("%s!%s = %q, want %q", at[0], at[1], v, injection)
				}
				if typ, _ := f.GetCellType(at[0], at[1]); typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s has type %v, want a shared string", at[0], at[1], typ)
				}
			}
			// The Evidence sheet (written by a StreamWriter) keeps the
			// party and the summary as text too.
			rows, _ := f.GetRows("Evidence", excelize.Options{RawCellValue: true})
			texts := 0
			for r, row := range rows {
				for c, v := range row {
					if v != injection {
						continue
					}
					texts++
					if typ, _ := f.GetCellType("Evidence", ref(c+1, r+1)); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("Evidence!%s has type %v, want a text", ref(c+1, r+1), typ)
					}
				}
			}
			if texts != 2 {
				t.Errorf("Evidence holds %q %d times, want 2 (party and summary)", injection, texts)
			}
			comments, _ := f.GetComments("Matrix")
			found := false
			for _, c := range comments {
				if c.Cell == "D3" && len(c.Paragraph) == 1 && c.Paragraph[0].Text == injection {
					found = true
				}
			}
			if !found {
				t.Errorf("note on Matrix!D3 is not %q: %+v", injection, comments)
			}
		})
	}
}

func TestWorkbookDeterministic(t *testing.T) {
	opts := []export.Options{{}, {Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	for _, m := range []*matrix.Matrix{fixture(), {}} {
		for _, opt := range opts {
			a, b := workbook(t, m, opt), workbook(t, m, opt)
			if !bytes.Equal(a, b) {
				t.Errorf("two exports differ (%d and %d bytes)", len(a), len(b))
			}
		}
	}
}

func TestWorkbookDocProps(t *testing.T) {
	tests := []struct {
		name string
		m    *matrix.Matrix
		opt  export.Options
		want string
	}{
		{"now", fixture(), export.Options{Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))}, "2026-01-02T02:04:05Z"},
		{"as of", fixture(), export.Options{}, "2025-04-23T00:00:00Z"},
		{"epoch", &matrix.Matrix{}, export.Options{}, "2000-01-01T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, workbook(t, tc.m, tc.opt))
			p, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if p.Created != tc.want || p.Modified != tc.want {
				t.Errorf("created %q modified %q, want %q", p.Created, p.Modified, tc.want)
			}
		})
	}
}

func TestWorkbookRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    *matrix.Matrix
	}{
		{"fixture", fixture()},
		{"synthetic", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 7, Issues: 12, Evidence: 40, Scripts: true, Seed: 3})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := workbook(t, tc.m, export.Options{})
			keep(t, "workbook-"+tc.name+".xlsx", data)
			got := readBack(t, data, tc.name+".xlsx")
			sameMatrix(t, tc.m, got)
			if len(got.Snapshots) != len(tc.m.Snapshots) {
				t.Fatalf("%d snapshots, want %d", len(got.Snapshots), len(tc.m.Snapshots))
			}
			for i, s := range tc.m.Snapshots {
				if !got.Snapshots[i].Date.Equal(s.Date) {
					t.Errorf("snapshot %d dated %v, want %v", i, got.Snapshots[i].Date, s.Date)
				}
				old := *s.Matrix
				old.Evidence = nil
				sameGrid(t, &old, got.Snapshots[i].Matrix)
			}
		})
	}
}

// sameMatrixGrid compares names, stances and notes only.
func sameGrid(t *testing.T, want, got *matrix.Matrix) {
	t.Helper()
	if len(got.Parties) != len(want.Parties) || len(got.Issues) != len(want.Issues) {
		t.Fatalf("%d×%d, want %d×%d", len(got.Issues), len(got.Parties), len(want.Issues), len(want.Parties))
	}
	for i := range want.Issues {
		if got.Issues[i].Name != want.Issues[i].Name {
			t.Errorf("issue %d %q, want %q", i, got.Issues[i].Name, want.Issues[i].Name)
		}
		for p := range want.Parties {
			g, w := got.Cell(i, p), want.Cell(i, p)
			if g.Stance != w.Stance || g.Note != w.Note {
				t.Errorf("cell %d/%d: got %q (%q), want %q (%q)", i, p, g.Stance, g.Note, w.Stance, w.Note)
			}
		}
	}
	for p := range want.Parties {
		if got.Parties[p].Name != want.Parties[p].Name {
			t.Errorf("party %d %q, want %q", p, got.Parties[p].Name, want.Parties[p].Name)
		}
	}
}

var _ = io.Discard

// TestWorkbookTemplate checks that the blank template validates: the
// reader's only remark is a warning that the matrix is still empty.
func TestWorkbookTemplate(t *testing.T) {
	data := workbook(t, &matrix.Matrix{}, export.Options{})
	_, ps := matrix.Read(bytes.NewReader(data), "template.xlsx", matrix.ReadOptions{})
	var got []string
	for _, p := range ps {
		got = append(got, p.Place()+" "+p.Msg)
	}
	if ps.Err() != nil || len(got) != 1 || !strings.HasPrefix(got[0], "Matrix!A1 the matrix is empty") {
		t.Errorf("template problems:\n%s", strings.Join(got, "\n"))
	}
	f := open(t, data)
	checkDropdowns(t, f, "Matrix")
	if i := f.GetActiveSheetIndex(); f.GetSheetList()[i] != "Read me" {
		t.Errorf("template opens on %q, want the Read me sheet", f.GetSheetList()[i])
	}
	if got := selectedTabs(t, data); !slices.Equal(got, []int{1}) {
		t.Errorf("template selected tabs %v, want only Read me (1)", got)
	}
}

// TestWorkbookWarnsCutText checks that text beyond Excel's cell limit is cut
// with a warning naming the cell.
func TestWorkbookWarnsCutText(t *testing.T) {
	m := fixture()
	m.Parties[1].Description = strings.Repeat("Ї", 40000)
	for _, tc := range []struct {
		name string
		fn   func(*bytes.Buffer, *matrix.Matrix, export.Options) error
	}{
		{"workbook", func(w *bytes.Buffer, m *matrix.Matrix, o export.Options) error { return xlsx.Workbook(w, m, o) }},
		{"report", func(w *bytes.Buffer, m *matrix.Matrix, o export.Options) error { return xlsx.Report(w, m, o) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			opt := export.Options{Warn: func(p matrix.Problem) { got = append(got, p.Place()+": "+p.Msg) }}
			var buf bytes.Buffer
			if err := tc.fn(&buf, m, opt); err != nil {
				t.Fatal(err)
			}
			want := "Parties!F3: text of 40000 characters cut to 32767"
			if !slices.Contains(got, want) {
				t.Errorf("warnings %q, want %q", got, want)
			}
			f := open(t, buf.Bytes())
			if v, _ := f.GetCellValue("Parties", "F3"); len([]rune(v)) != 32767 {
				t.Errorf("Parties!F3 holds %d characters", len([]rune(v)))
			}
		})
	}
}

// TestWorkbookSchema checks that the template's header rows and About keys
// are matrix's schema, in its order: a column added there is written here.
func TestWorkbookSchema(t *testing.T) {
	f := open(t, workbook(t, fixture(), export.Options{}))
	for sheet, cols := range map[string]matrix.Columns{
		matrix.SheetScale: matrix.ScaleColumns, matrix.SheetParties: matrix.PartiesColumns,
		matrix.SheetIssues: matrix.IssuesColumns, matrix.SheetEvidence: matrix.EvidenceColumns,
		matrix.SheetFindings: matrix.FindingsColumns,
	} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: %v (%d rows)", sheet, err, len(rows))
		}
		if !slices.Equal(rows[0], cols.Names()) {
			t.Errorf("%s headers %q, want %q", sheet, rows[0], cols.Names())
		}
	}
	cols, err := f.GetCols(matrix.SheetAbout)
	if err != nil || len(cols) == 0 {
		t.Fatalf("About: %v", err)
	}
	if !slices.Equal(cols[0], matrix.AboutKeys.Names()) {
		t.Errorf("About keys %q, want %q", cols[0], matrix.AboutKeys.Names())
	}
}

// TestWorkbookAliases checks that the Parties and Issues Aliases columns
// are written when a party or issue has aliases, in the workbook and the
// report, and read back the same; without aliases there is no such column.
func TestWorkbookAliases(t *testing.T) {
	m := fixture()
	m.Parties[0].Aliases = "Old name, Other name"
	m.Issues[1].Aliases = "Former issue"
	for name, write := range map[string]func(t testing.TB, m *matrix.Matrix, opt export.Options) []byte{"workbook": workbook, "report": report} {
		t.Run(name, func(t *testing.T) {
			data := write(t, m, export.Options{})
			got := readBack(t, data, name+".xlsx")
			for p := range m.Parties {
				if got.Parties[p].Aliases != m.Parties[p].Aliases {
					t.Errorf("party %q aliases %q, want %q", m.Parties[p].Name, got.Parties[p].Aliases, m.Parties[p].Aliases)
				}
			}
			for i := range m.Issues {
				if got.Issues[i].Aliases != m.Issues[i].Aliases {
					t.Errorf("issue %q aliases %q, want %q", m.Issues[i].Name, got.Issues[i].Aliases, m.Issues[i].Aliases)
				}
			}
		})
	}
	f, err := excelize.OpenReader(bytes.NewReader(workbook(t, fixture(), export.Options{})))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Parties", "Issues"} {
		rows, _ := f.GetRows(s)
		if slices.Contains(rows[0], "Aliases") {
			t.Errorf("%s has an Aliases column without aliases", s)
		}
	}
}
