package xlsx_test

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
)

// TestZipEntryDates checks the modification date of every zip entry of
// the written workbooks: a valid MS-DOS date (a month and a day, which
// archive/zip leaves at 0 when no date is given), the document's date
// (Options.Now, else the About sheet's As of date, else 2000-01-01; within
// the years a zip entry can hold), and the same bytes on a second run.
func TestZipEntryDates(t *testing.T) {
	tests := []struct {
		name  string
		write func(t testing.TB) []byte
		want  time.Time
	}{
		{"report dated by Now", func(t testing.TB) []byte {
			return report(t, fixture(), export.Options{Now: time.Date(2026, 12, 3, 17, 4, 6, 0, time.UTC)})
		}, time.Date(2026, 12, 3, 17, 4, 6, 0, time.UTC)},
		{"report dated by As of", func(t testing.TB) []byte { return report(t, fixture(), export.Options{}) }, day(2025, 4, 23)},
		{"template", func(t testing.TB) []byte { return workbook(t, nil, export.Options{}) }, day(2000, 1, 1)},
		{"workbook dated before 1980", func(t testing.TB) []byte {
			return workbook(t, fixture(), export.Options{Now: time.Unix(0, 0)})
		}, day(1980, 1, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.write(t)
			if again := tc.write(t); !bytes.Equal(data, again) {
				t.Error("two runs give different bytes")
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				d := f.ModifiedDate
				year, month, dom := 1980+int(d>>9), int(d>>5&0xf), int(d&0x1f)
				if month < 1 || month > 12 || dom < 1 || dom > 31 {
					t.Errorf("%s: MS-DOS date %d-%02d-%02d is not a date", f.Name, year, month, dom)
				}
				if !f.Modified.Equal(tc.want) {
					t.Errorf("%s: dated %v, want %v", f.Name, f.Modified, tc.want)
				}
			}
		})
	}
}
