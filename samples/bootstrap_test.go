package samples_test

// Temporary: a minimal workbook writer used to produce the first sample files
// before export.Workbook exists. To be removed once it does.

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/xuri/excelize/v2"
)

var bootstrapSamples = flag.Bool("bootstrap-samples", false, "write samples/*.xlsx with the minimal test writer")

func TestBootstrap(t *testing.T) {
	if !*bootstrapSamples {
		return
	}
	for _, s := range generated {
		f, err := bootstrapWorkbook(s.build())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(s.file); err != nil {
			t.Fatal(err)
		}
	}
}

func bootstrapWorkbook(m *matrix.Matrix) (*excelize.File, error) {
	f := excelize.NewFile()
	set := func(sheet string, col, row int, v any) {
		c, _ := excelize.CoordinatesToCellName(col, row)
		f.SetCellValue(sheet, c, v)
	}
	rows := func(sheet string, header []string, data [][]any) {
		f.NewSheet(sheet)
		for i, h := range header {
			set(sheet, i+1, 1, h)
		}
		for r, row := range data {
			for c, v := range row {
				set(sheet, c+1, r+2, v)
			}
		}
	}
	grid := func(sheet string, g [][]matrix.Cell) {
		f.NewSheet(sheet)
		set(sheet, 1, 1, "Issue")
		for p, party := range m.Parties {
			set(sheet, p+2, 1, party.Name)
		}
		for i, is := range m.Issues {
			set(sheet, 1, i+2, is.Name)
			for p, c := range g[i] {
				if c.Blank() {
					continue
				}
				set(sheet, p+2, i+2, c.Stance)
				if c.Note != "" {
					ref, _ := excelize.CoordinatesToCellName(p+2, i+2)
					f.AddComment(sheet, excelize.Comment{Cell: ref, Author: "stancematrix", Text: c.Note})
				}
			}
		}
	}
	grid("Matrix", m.Cells)
	f.DeleteSheet("Sheet1")
	var parties, issues, scale, ev [][]any
	for _, p := range m.Parties {
		parties = append(parties, []any{p.Name, p.Short, p.Group, p.Color, p.Weight, p.Description})
	}
	for _, is := range m.Issues {
		issues = append(issues, []any{is.Name, is.Short, is.Category, is.Description, is.Weight})
	}
	for _, st := range m.Scale.Stances {
		score := any("")
		if st.HasScore {
			score = st.Score
		}
		scale = append(scale, []any{st.Label, score, st.Color, st.Symbol, strings.Join(st.Aliases, ", "), st.Description})
	}
	for _, e := range m.Evidence {
		ev = append(ev, []any{e.Party, e.Issue, e.Stance, e.Date.Format("2006-01-02"), e.Summary, e.Quote, e.Speaker, e.Source, e.URL})
	}
	rows("Parties", []string{"Name", "Short", "Group", "Color", "Weight", "Description"}, parties)
	rows("Issues", []string{"Name", "Short", "Category", "Description", "Weight"}, issues)
	if !m.Scale.Default {
		rows("Scale", []string{"Label", "Score", "Color", "Symbol", "Aliases", "Description"}, scale)
	}
	rows("Evidence", []string{"Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source", "URL"}, ev)
	a := m.About
	rows("About", []string{"Title", a.Title}, [][]any{{"Subtitle", a.Subtitle}, {"As of", a.AsOf.Format("2006-01-02")},
		{"Author", a.Author}, {"Organisation", a.Organisation}, {"Classification", a.Classification}, {"Footer", a.Footer}, {"Notes", a.Notes}})
	for _, s := range m.Snapshots {
		grid(s.Sheet, s.Matrix.Cells)
	}
	_ = os.Remove
	return f, nil
}
