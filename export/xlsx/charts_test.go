package xlsx_test

import (
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// mapped is a generated matrix with a party map and four blocs.
func mapped() *matrix.Matrix {
	return matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 9, Issues: 14, Evidence: 80, Scripts: true, Seed: 7})
}

// sample reads a sample workbook.
func sample(t *testing.T, name string) *matrix.Matrix {
	t.Helper()
	m, ps := matrix.ReadFile(filepath.Join("../../samples", name), matrix.ReadOptions{})
	if m == nil {
		t.Fatalf("%s: %v", name, ps)
	}
	return m
}

// chartParts returns the chart parts of an XLSX by name.
func chartParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	parts := map[string]string{}
	for name, b := range xlsx.Unzip(t, data) {
		if ok, _ := filepath.Match("xl/charts/chart*.xml", name); ok {
			parts[name] = b
		}
	}
	return parts
}

var (
	formulaRe = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	refRe     = regexp.MustCompile(`^'([^']+)'!\$([A-Z]+)\$([0-9]+)(?::\$([A-Z]+)\$([0-9]+))?$`)
)

// chartRefs returns the cells each formula of a chart part refers to, by
// sheet, and the formulas.
func chartRefs(t *testing.T, part string) (sheets []string, cells [][]string) {
	t.Helper()
	for _, m := range formulaRe.FindAllStringSubmatch(part, -1) {
		m[1] = html.UnescapeString(m[1])
		r := refRe.FindStringSubmatch(m[1])
		if r == nil {
			t.Errorf("chart formula %q is not a reference to a sheet's cells", m[1])
			continue
		}
		c1, _ := excelize.ColumnNameToNumber(r[2])
		r1, _ := strconv.Atoi(r[3])
		c2, r2 := c1, r1
		if r[4] != "" {
			c2, _ = excelize.ColumnNameToNumber(r[4])
			r2, _ = strconv.Atoi(r[5])
		}
		var refs []string
		for c := c1; c <= c2; c++ {
			for row := r1; row <= r2; row++ {
				cell, _ := excelize.CoordinatesToCellName(c, row)
				refs = append(refs, cell)
			}
		}
		sheets = append(sheets, r[1])
		cells = append(cells, refs)
	}
	return sheets, cells
}

// TestXLSXCharts checks that the report carries a party map and an issue
// split chart whose series read the cells of their own sheets, and that
// those cells hold the names and figures of the analysis.
func TestXLSXCharts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		m      func(t *testing.T) *matrix.Matrix
		charts map[string]bool // sheets with a chart
	}{
		{"sample", func(t *testing.T) *matrix.Matrix { return sample(t, "ukraine-peace-talks.xlsx") }, map[string]bool{"Split": true}},
		// Its weights differ: a second split chart, by weight.
		{"mapped", func(*testing.T) *matrix.Matrix { return mapped() }, map[string]bool{"Map": true, "Split": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m(t)
			an := matrix.Analyze(m, nil)
			data := report(t, m, export.Options{})
			keep(t, "charts-"+tc.name+".xlsx", data)
			f := open(t, data)
			if got := f.GetSheetList(); !slices.Contains(got, "Map") || !slices.Contains(got, "Split") {
				t.Fatalf("sheets %q lack Map or Split", got)
			}
			parts := chartParts(t, data)
			want := len(tc.charts)
			if m.WeightsDiffer() {
				want++ // the split by weight
			}
			if len(parts) != want {
				t.Errorf("%d chart parts, want %d", len(parts), want)
			}
			seen := map[string]bool{}
			for name, part := range parts {
				sheets, cells := chartRefs(t, part)
				if len(sheets) == 0 {
					t.Errorf("%s: no series formulas", name)
					continue
				}
				sheet := sheets[0]
				seen[sheet] = true
				for k, s := range sheets {
					if s != sheet {
						t.Errorf("%s: series read %s and %s", name, sheet, s)
					}
					for _, c := range cells[k] {
						v, err := f.GetCellValue(s, c, excelize.Options{RawCellValue: true})
						if err != nil || v == "" {
							t.Errorf("%s: %s!%s is empty (%v)", name, s, c, err)
						}
					}
				}
				switch sheet {
				case "Map":
					checkMapChart(t, f, an, m, part, cells)
				case "Split":
					checkSplitChart(t, f, an, m, part, cells)
				}
			}
			for s := range tc.charts {
				if !seen[s] {
					t.Errorf("no chart reads sheet %s", s)
				}
			}
			if !tc.charts["Map"] {
				if got, _ := f.GetCellValue("Map", "A2"); got != an.Map.Reason || got == "" {
					t.Errorf("Map!A2 = %q, want the reason %q", got, an.Map.Reason)
				}
			}
			if got, _ := f.GetCellValue("Map", "A1"); got != an.Blocs.Summary {
				t.Errorf("Map!A1 = %q, want the blocs' summary %q", got, an.Blocs.Summary)
			}
		})
	}
}

// checkMapChart checks the scatter chart: one series per mapped party,
// named by its cell, at its coordinates, labelled by the series name.
func checkMapChart(t *testing.T, f *excelize.File, an *matrix.Analysis, m *matrix.Matrix, part string, cells [][]string) {
	t.Helper()
	if !hasElem(part, "scatterChart", "") || !hasElem(part, "showSerName", "1") {
		t.Errorf("the map is not a scatter chart labelled by series name")
	}
	if !regexp.MustCompile(`<(c:)?xVal><(c:)?numRef>`).MatchString(part) || regexp.MustCompile(`<(c:)?xVal><(c:)?strRef>`).MatchString(part) {
		t.Errorf("the map's x values are not numbers (Excel plots text x values at 1, 2, 3 …)")
	}
	pts := an.Map.Points
	if len(cells) != 3*len(pts) {
		t.Fatalf("%d formulas, want 3 per mapped party (%d)", len(cells), len(pts))
	}
	for k, pt := range pts {
		name, x, y := cells[3*k], cells[3*k+1], cells[3*k+2]
		if got, _ := f.GetCellValue("Map", name[0]); got != m.Parties[pt.Party].Name && got != m.Parties[pt.Party].Short {
			t.Errorf("series %d is named by %s = %q, want %q or its short name", k, name[0], got, m.Parties[pt.Party].Name)
		}
		for _, c := range []struct {
			cell string
			want float64
		}{{x[0], pt.X}, {y[0], pt.Y}} {
			v, _ := f.GetCellValue("Map", c.cell, excelize.Options{RawCellValue: true})
			if got, err := strconv.ParseFloat(v, 64); err != nil || got != c.want {
				t.Errorf("%s = %q, want %v", c.cell, v, c.want)
			}
		}
	}
	// The bloc column names each party's bloc.
	rows, _ := f.GetRows("Map")
	blocs := 0
	for _, r := range rows[4:] {
		if len(r) > 4 && strings.HasPrefix(r[4], "Bloc ") {
			blocs++
		}
	}
	want := 0
	for _, g := range an.Blocs.Groups {
		want += len(g)
	}
	if blocs != want {
		t.Errorf("%d parties with a bloc on the Map sheet, want %d", blocs, want)
	}
}

// checkSplitChart checks the issue split: a percent-stacked bar chart, one
// series per stance with the stance's colour, over the most contested
// issues, whose values are the issues' counts.
func checkSplitChart(t *testing.T, f *excelize.File, an *matrix.Analysis, m *matrix.Matrix, part string, cells [][]string) {
	t.Helper()
	if !hasElem(part, "grouping", "percentStacked") || !hasElem(part, "barDir", "bar") {
		t.Errorf("the split is not a percent-stacked bar chart")
	}
	stances := m.Scale.Stances
	if len(cells) != 3*len(stances) {
		t.Fatalf("%d formulas, want 3 per stance (%d)", len(cells), len(stances))
	}
	top, _, _ := matrix.SplitIssues(m, an, matrix.MaxSplitIssues)
	// The chart by weight (when the weights differ) names its series
	// "Label (weight)" and reads the weights.
	first, _ := f.GetCellValue("Split", cells[0][0])
	byWeight := strings.HasSuffix(first, " (weight)")
	if byWeight != m.WeightsDiffer() && byWeight {
		t.Errorf("a chart by weight, but the weights do not differ")
	}
	for k, st := range stances {
		name, cats, vals := cells[3*k], cells[3*k+1], cells[3*k+2]
		want := st.Label
		if byWeight {
			want += " (weight)"
		}
		if got, _ := f.GetCellValue("Split", name[0]); got != want {
			t.Errorf("series %d is named by %s = %q, want %q", k, name[0], got, want)
		}
		if len(cats) != len(top) || len(vals) != len(top) {
			t.Fatalf("series %s spans %d categories and %d values, want %d", st.Label, len(cats), len(vals), len(top))
		}
		for j, is := range top {
			label, _ := f.GetCellValue("Split", cats[j])
			if want := fmt.Sprintf("%s (%d of %d)", firstNonBlankTest(m.Issues[is.Issue].Short, m.Issues[is.Issue].Name), is.Positions, len(m.Parties)); label != want {
				t.Errorf("category %d is %q, want %q", j, label, want)
			}
			v, _ := f.GetCellValue("Split", vals[j], excelize.Options{RawCellValue: true})
			wantV := float64(is.Counts[k])
			if byWeight {
				wantV = is.Weights[k]
			}
			if got, err := strconv.ParseFloat(v, 64); err != nil || math.Abs(got-wantV) > 1e-9 {
				t.Errorf("%s (%s, %s) = %q, want %v", vals[j], m.Issues[is.Issue].Name, want, v, wantV)
			}
		}
		if hx := strings.TrimPrefix(strings.ToUpper(st.Color), "#"); hx != "" && !strings.Contains(part, `<a:srgbClr val="`+hx+`"`) {
			t.Errorf("no series filled with %s's colour %s", st.Label, hx)
		}
	}
}

// hasElem says whether a chart part has the element name (in the chart
// namespace, prefixed or not), with the value val when val is given.
func hasElem(part, name, val string) bool {
	for _, p := range []string{"", "c:"} {
		if val == "" && (strings.Contains(part, "<"+p+name+">") || strings.Contains(part, "<"+p+name+" ")) {
			return true
		}
		if val != "" && strings.Contains(part, "<"+p+name+` val="`+val+`"`) {
			return true
		}
	}
	return false
}

func firstNonBlankTest(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// TestXLSXChartsLibreOffice converts reports with charts to PDF with
// LibreOffice and renders the chart pages, for a person to look at
// (STANCEMATRIX_KEEP keeps the PDFs and PNGs); the test checks that the
// conversion succeeds and that the chart sheets' text is there.
func TestXLSXChartsLibreOffice(t *testing.T) {
	soffice := need(t, "soffice")
	pdftotext := need(t, "pdftotext")
	dir := t.TempDir()
	books := map[string]*matrix.Matrix{
		"sample.xlsx": sample(t, "ukraine-peace-talks.xlsx"),
		"mapped.xlsx": mapped(),
	}
	data := map[string][]byte{}
	for name, m := range books {
		data[name] = report(t, m, export.Options{})
	}
	out := convertPDF(t, soffice, dir, data)
	for name, m := range books {
		pdf := filepath.Join(out, strings.TrimSuffix(name, ".xlsx")+".pdf")
		b, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		an := matrix.Analyze(m, nil)
		text := strings.Join(strings.Fields(string(b)), " ")
		want := []string{"Where the issues split", "Map · page", "Split · page"}
		if len(an.Map.Points) > 0 {
			want = append(want, "Party map: closer = agree more", "Axis 1 (")
			for _, pt := range an.Map.Points {
				want = append(want, m.Parties[pt.Party].Name)
			}
		} else {
			want = append(want, strings.Join(strings.Fields(an.Map.Reason), " "))
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF lacks %q", name, w)
			}
		}
		if keepDir := os.Getenv("STANCEMATRIX_KEEP"); keepDir != "" {
			data, err := os.ReadFile(pdf)
			if err != nil {
				t.Fatal(err)
			}
			keep(t, "charts-"+filepath.Base(pdf), data)
			if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
				prefix := filepath.Join(keepDir, "charts-"+strings.TrimSuffix(name, ".xlsx"))
				if b, err := exec.Command(pdftoppm, "-png", "-r", "60", pdf, prefix).CombinedOutput(); err != nil {
					t.Errorf("pdftoppm: %v\n%s", err, b)
				}
			}
		}
	}
}
