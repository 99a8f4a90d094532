package matrix_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheet is one sheet of a test workbook: rows of cell values (strings, or
// numbers, or any value excelize can write), and comments by cell.
type sheet struct {
	Name     string
	Rows     [][]any
	Comments map[string]string
}

// book builds an .xlsx from sheets, in order.
func book(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				if sv, ok := v.(string); ok && sv == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.Name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for cell, text := range s.Comments {
			if err := f.AddComment(s.Name, excelize.Comment{Cell: cell, Author: "Analyst", Text: text}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func row(v ...any) []any { return v }
