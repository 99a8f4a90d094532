package xlsx_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// needOpenpyxl returns a python3 that imports openpyxl (Debian's
// python3-openpyxl lives in /usr/bin's python3, which need not be the
// first python3 on PATH); without one the test fails on CI (CI=true) and is
// skipped elsewhere.
func needOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		p, err := exec.LookPath(name)
		if err == nil && exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 with openpyxl (Debian: python3-openpyxl) is required on CI")
	}
	t.Skip("python3 with openpyxl not installed")
	return ""
}

// openpyxlReadOnly prints, for every sheet of each workbook, the size that
// openpyxl in read-only mode takes from the sheet's <dimension> element
// and the cells that hold a value, as it reads them.
const openpyxlReadOnly = `
import json, sys, warnings
import openpyxl
warnings.simplefilter("ignore")
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    for ws in wb.worksheets:
        cells = []
        for r, row in enumerate(ws.iter_rows(values_only=True), 1):
            for c, v in enumerate(row, 1):
                if v is not None and v != "":
                    cells.append([r, c])
        sheets[ws.title] = {"rows": ws.max_row or 0, "cols": ws.max_column or 0, "cells": cells}
    wb.close()
    out[path] = sheets
json.dump(out, sys.stdout)
`

// TestOpenpyxlReadOnly reads every sheet of the report, the template, an
// input workbook and the samples with openpyxl in read-only mode, which
// trusts each sheet's declared used range, and checks that it sees every
// cell excelize reads, in a range that holds them all.
func TestOpenpyxlReadOnly(t *testing.T) {
	python := needOpenpyxl(t)
	dir := t.TempDir()
	fx := fixture()
	books := map[string][]byte{
		"report.xlsx":          report(t, fx, export.Options{Changes: changes(fx)}),
		"custom-report.xlsx":   report(t, customScale(), export.Options{}),
		"template.xlsx":        workbook(t, nil, export.Options{}),
		"workbook.xlsx":        workbook(t, fx, export.Options{}),
		"custom-workbook.xlsx": workbook(t, customScale(), export.Options{}),
	}
	samples, err := filepath.Glob("../../samples/*.xlsx")
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples in ../../samples: %v", err)
	}
	for _, s := range samples {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		books["sample-"+filepath.Base(s)] = data
		m, ps := matrix.ReadFile(s, matrix.ReadOptions{})
		if m == nil {
			t.Fatalf("%s: %v", s, ps)
		}
		books["sample-report-"+filepath.Base(s)] = report(t, m, export.Options{})
	}
	var args []string
	for _, name := range sortedNames(books) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, books[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(python, append([]string{"-c", openpyxlReadOnly}, args...)...)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	type sheet struct {
		Rows, Cols int
		Cells      [][2]int
	}
	var seen map[string]map[string]sheet
	if err := json.Unmarshal(raw, &seen); err != nil {
		t.Fatalf("openpyxl output: %v\n%s", err, raw)
	}
	for _, name := range sortedNames(books) {
		t.Run(name, func(t *testing.T) {
			f := open(t, books[name])
			got := seen[filepath.Join(dir, name)]
			if len(got) != len(f.GetSheetList()) {
				t.Errorf("openpyxl sees %d sheets, excelize %d", len(got), len(f.GetSheetList()))
			}
			for _, s := range f.GetSheetList() {
				rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				want := map[[2]int]bool{}
				maxRow, maxCol := 0, 0
				for r, row := range rows {
					for c, v := range row {
						if v != "" {
							want[[2]int{r + 1, c + 1}] = true
							maxRow, maxCol = max(maxRow, r+1), max(maxCol, c+1)
						}
					}
				}
				o, ok := got[s]
				if !ok {
					t.Errorf("sheet %q: openpyxl does not see it", s)
					continue
				}
				if o.Rows < maxRow || o.Cols < maxCol {
					t.Errorf("sheet %q: openpyxl read-only sees %d rows × %d columns; the cells span %d × %d", s, o.Rows, o.Cols, maxRow, maxCol)
				}
				have := map[[2]int]bool{}
				for _, c := range o.Cells {
					have[c] = true
				}
				missing := 0
				for c := range want {
					if !have[c] {
						missing++
					}
				}
				if missing > 0 || len(have) != len(want) {
					t.Errorf("sheet %q: openpyxl read-only sees %d cells with a value, excelize %d; %d of excelize's are missing", s, len(have), len(want), missing)
				}
			}
		})
	}
}

func sortedNames(m map[string][]byte) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
