package matrixtest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/matrix"
)

// SeriesChange is one cell a generated series changes: on Date, the cell of
// Issue and Party (indices of the generated matrix) goes from Old to New.
type SeriesChange struct {
	Date         time.Time
	Issue, Party int
	Old, New     string
	IssueName    string
	PartyName    string
}

// SeriesStart is the date of the first matrix of a generated series.
var SeriesStart = time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)

// WeeklySeries returns weeks matrices, one a week from SeriesStart (About
// "As of" set, Source "synthetic-YYYY-MM-DD.xlsx"), the first the Synthetic
// matrix of o and each next one a copy of the one before with perWeek
// cells changed to another stance or to blank; and the changes, by date,
// then issue, then party. The same arguments give the same series.
func WeeklySeries(o SyntheticOptions, weeks, perWeek int) ([]*matrix.Matrix, []SeriesChange) {
	base := Synthetic(o)
	base.Evidence = nil
	labels := []string{""}
	for _, st := range base.Scale.Stances {
		labels = append(labels, st.Label)
	}
	var out []*matrix.Matrix
	var changes []SeriesChange
	prev := base
	for w := 0; w < weeks; w++ {
		d := SeriesStart.AddDate(0, 0, 7*w)
		m := prev.Clone()
		m.About.AsOf = d
		m.Source = "synthetic-" + d.Format(time.DateOnly) + ".xlsx"
		if w > 0 && len(m.Issues) > 0 && len(m.Parties) > 0 {
			r := rand.New(rand.NewPCG(o.Seed, uint64(w)))
			picked := map[[2]int]bool{}
			for len(picked) < min(perWeek, len(m.Issues)*len(m.Parties)) {
				picked[[2]int{r.IntN(len(m.Issues)), r.IntN(len(m.Parties))}] = true
			}
			for i := range m.Issues {
				for p := range m.Parties {
					if !picked[[2]int{i, p}] {
						continue
					}
					old := m.Stance(i, p)
					st := old
					for strings.EqualFold(st, old) {
						st = labels[r.IntN(len(labels))]
					}
					m.SetStance(i, p, st)
					changes = append(changes, SeriesChange{Date: d, Issue: i, Party: p, Old: old, New: st,
						IssueName: m.Issues[i].Name, PartyName: m.Parties[p].Name})
				}
			}
		}
		out = append(out, m)
		prev = m
	}
	return out, changes
}

// SeriesWorkbook writes a series as one workbook: the newest matrix on the
// Matrix sheet, each earlier one on a "Matrix YYYY-MM-DD" snapshot sheet,
// a Parties and an Issues sheet (of the newest matrix) and an About sheet
// with its "As of" date. Cell notes and evidence are left out.
func SeriesWorkbook(series []*matrix.Matrix) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	last := series[len(series)-1]
	write := func(sheet string, rows [][]any) error {
		if sheet != "Matrix" {
			if _, err := f.NewSheet(sheet); err != nil {
				return err
			}
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, r); err != nil {
				return err
			}
		}
		return sw.Flush()
	}
	grid := func(m *matrix.Matrix) [][]any {
		hdr := []any{"Issue"}
		for _, p := range m.Parties {
			hdr = append(hdr, p.Name)
		}
		rows := [][]any{hdr}
		for i, is := range m.Issues {
			r := []any{is.Name}
			for p := range m.Parties {
				r = append(r, m.Stance(i, p))
			}
			rows = append(rows, r)
		}
		return rows
	}
	if err := f.SetSheetName("Sheet1", "Matrix"); err != nil {
		return nil, err
	}
	if err := write("Matrix", grid(last)); err != nil {
		return nil, err
	}
	for _, m := range series[:len(series)-1] {
		if err := write("Matrix "+m.About.AsOf.Format(time.DateOnly), grid(m)); err != nil {
			return nil, err
		}
	}
	rows := [][]any{{"Name", "Short", "Group", "Weight", "Aliases"}}
	for _, p := range last.Parties {
		rows = append(rows, []any{p.Name, p.Short, p.Group, p.Weight, string(p.Aliases)})
	}
	if err := write("Parties", rows); err != nil {
		return nil, err
	}
	rows = [][]any{{"Name", "Short", "Category", "Weight", "Aliases"}}
	for _, is := range last.Issues {
		rows = append(rows, []any{is.Name, is.Short, is.Category, is.Weight, string(is.Aliases)})
	}
	if err := write("Issues", rows); err != nil {
		return nil, err
	}
	if err := write("About", [][]any{{"Title", last.About.Title}, {"As of", last.About.AsOf.Format(time.DateOnly)}}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, fmt.Errorf("writing the series workbook: %w", err)
	}
	return b.Bytes(), nil
}
