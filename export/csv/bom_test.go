package csv_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	exportcsv "github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/exporttest"
)

// TestCSVByteOrderMark checks that the CSV starts with the UTF-8 byte
// order mark exactly when Options.ByteOrderMark asks for it, and that
// Python's csv module, reading with encoding="utf-8-sig" (what to use for
// a CSV that may have one), gets the header and the text right either way.
func TestCSVByteOrderMark(t *testing.T) {
	bom := []byte("\xef\xbb\xbf")
	m := exporttest.Fixture()
	for _, on := range []bool{false, true} {
		name := map[bool]string{false: "without", true: "with"}[on]
		t.Run(name, func(t *testing.T) {
			out := exporttest.Bytes(t, exportcsv.Write, m, export.Options{ByteOrderMark: on})
			if bytes.HasPrefix(out, bom) != on {
				t.Fatalf("output starts with %q; byte order mark wanted: %v", out[:min(len(out), 8)], on)
			}
			if bytes.Count(out, bom) != map[bool]int{false: 0, true: 1}[on] {
				t.Errorf("byte order mark inside the output")
			}
			plain := exporttest.Bytes(t, exportcsv.Write, m, export.Options{})
			if !bytes.Equal(bytes.TrimPrefix(out, bom), plain) {
				t.Errorf("output differs from the CSV without a byte order mark beyond the mark")
			}
			python := needPython(t)
			file := filepath.Join(t.TempDir(), "out.csv")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			script := `import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
print(",".join(rows[0]))
print(rows[2][3])
`
			got, err := exec.Command(python, "-c", script, file).Output()
			if err != nil {
				t.Fatalf("python3: %v", err)
			}
			want := strings.Join(exportcsv.Header, ",") + "\n" + readCSV(t, plain)[2][3] + "\n"
			if string(got) != want {
				t.Errorf("python's csv reads\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// needPython returns python3; without it the test fails on CI (CI=true)
// and is skipped elsewhere.
func needPython(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 is required on CI: %v", err)
		}
		t.Skip("python3 not installed")
	}
	return p
}
