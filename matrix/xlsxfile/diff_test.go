package xlsxfile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
	"github.com/xuri/excelize/v2"
)

// diffLimits are the reader's defaults.
var diffLimits = xlsxfile.Limits{FileSize: 64 << 20, UnzipSize: 512 << 20, Cells: 2_000_000, CellChars: 32767}

// Every workbook of the repository (the test data of every package, the
// samples and the foreign corpus) reads the same with the scanner as with
// encoding/xml: the same shared strings, cells, problems and messages.
func TestScannerAgreesOnRepositoryWorkbooks(t *testing.T) {
	for _, p := range matrixtest.RepositoryWorkbooks(t, filepath.Join("..", "..")) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := xlsxfile.Differ(data, diffLimits); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// Generated workbooks, as the tool and excelize write them, read the same
// with the scanner as with encoding/xml, also with a limit hit.
func TestScannerAgreesOnGeneratedWorkbooks(t *testing.T) {
	var books [][]byte
	for _, o := range []matrixtest.SyntheticOptions{
		{Parties: 8, Issues: 12, Evidence: 40, Seed: 1},
		{Parties: 20, Issues: 30, Evidence: 200, Scripts: true, LongNames: true, Seed: 2},
		{Parties: 50, Issues: 200, Blank: 40, Seed: 3},
	} {
		var b bytes.Buffer
		if err := xlsx.Workbook(&b, matrixtest.Synthetic(o), export.Options{}); err != nil {
			t.Fatal(err)
		}
		books = append(books, b.Bytes())
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "plain")
	f.SetCellValue("Sheet1", "B1", 3.25)
	f.SetCellValue("Sheet1", "C1", true)
	f.SetCellValue("Sheet1", "D1", "a & b < c > d \"q\" 'a'\r\nline _x000D_")
	f.SetCellFormula("Sheet1", "E1", "B1*2")
	f.SetCellRichText("Sheet1", "A2", []excelize.RichTextRun{{Text: "rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}})
	f.SetCellValue("Sheet1", "Z99", "  spaces kept  ")
	f.SetCellValue("Sheet1", "B3", "Партия – 😀")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	books = append(books, b.Bytes())
	for i, data := range books {
		for _, lim := range []xlsxfile.Limits{diffLimits, {FileSize: 64 << 20, UnzipSize: 512 << 20, Cells: 100, CellChars: 10}} {
			if err := xlsxfile.Differ(data, lim); err != nil {
				t.Errorf("book %d, limits %+v: %v", i, lim, err)
			}
		}
	}
}
