package xlsx_test

// Fuzz target of the XLSX exporters (the report and the input workbook),
// over the matrices of exporttest.Generate (fuzz_pdf_test.go).

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
)

// FuzzXLSX exports generated matrices with xlsx.XLSX and xlsx.Workbook.
// Neither may panic. Each returns nil or an error, and nil for a matrix
// whose names are clean (see exporttest.Gen.clean). When it returns nil, excelize
// opens the file and the project's reader reads it without an internal
// error; and when the names are clean, the reader gives back a matrix with
// the same parties and issues, in order, named as written (trimmed, as the
// reader trims them).
//
// Names that are not clean are still exported, but they cannot round-trip:
// blank or duplicate names are errors for the reader, and characters an XML
// document cannot hold (control characters, invalid UTF-8) come back as
// U+FFFD (Go's XML encoder replaces them when excelize writes the sheet).
func FuzzXLSX(f *testing.F) {
	exporttest.AddSeeds(f)
	fuzzing := exporttest.Fuzzing()
	f.Fuzz(func(t *testing.T, a, b, c string, parties, issues uint16, seed uint64) {
		np, ni := exporttest.Bounds(parties, issues, !fuzzing)
		g := exporttest.Generate(exporttest.Texts(a, b, c), np, ni, seed)
		exporters := []struct {
			name  string
			write func(io.Writer, *matrix.Matrix, export.Options) error
		}{
			{"workbook", xlsx.Workbook},
			{"xlsx", xlsx.Report},
		}
		if np > 40 {
			// The report's Alignment sheet has parties × parties cells: 4
			// million for 2,000 parties, which takes half a minute. The big
			// matrix goes through the input workbook only.
			exporters = exporters[:1]
		}
		t.Log(g)
		for _, ex := range exporters {
			var warns []matrix.Problem
			opt := g.Opt
			opt.Warn = func(p matrix.Problem) { warns = append(warns, p) }
			var out bytes.Buffer
			if err := ex.write(&out, g.M, opt); err != nil {
				if g.Clean {
					t.Fatalf("%s: %v (%s)", ex.name, err, g)
				}
				continue
			}
			for _, w := range warns {
				if w.Msg == "" || w.Sheet == "" {
					t.Fatalf("%s: warning names no place: %+v", ex.name, w)
				}
			}
			data := out.Bytes()
			x, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: excelize cannot open the output: %v", ex.name, err)
			}
			x.Close()
			back, ps := matrix.Read(bytes.NewReader(data), "out.xlsx", matrix.ReadOptions{})
			for _, p := range ps {
				if strings.Contains(p.Msg, "internal error") {
					t.Fatalf("%s: reading the output back: %v", ex.name, p)
				}
			}
			if !g.Clean {
				continue
			}
			if back == nil {
				t.Fatalf("%s: no matrix read back (%s): %v", ex.name, g, ps)
			}
			if len(back.Parties) != len(g.M.Parties) || len(back.Issues) != len(g.M.Issues) {
				t.Fatalf("%s: read back %d parties × %d issues, want %s: %v", ex.name, len(back.Parties), len(back.Issues), g, ps)
			}
			for i, p := range g.M.Parties {
				if got, want := back.Parties[i].Name, strings.TrimSpace(p.Name); got != want {
					t.Fatalf("%s: party %d read back as %q, want %q", ex.name, i, got, want)
				}
			}
			for i, is := range g.M.Issues {
				if got, want := back.Issues[i].Name, strings.TrimSpace(is.Name); got != want {
					t.Fatalf("%s: issue %d read back as %q, want %q", ex.name, i, got, want)
				}
			}
		}
	})
}
