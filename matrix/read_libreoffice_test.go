package matrix_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// A workbook saved again by LibreOffice Calc reads the same as the original.
func TestReadLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice) is needed for this test in CI")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "book.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	orig := fullBook(t)
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "xlsx", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	conv, err := os.ReadFile(filepath.Join(out, "book.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	want := matrixtest.NoDigest(mustReadBook(t, orig))
	got := matrixtest.NoDigest(mustReadBook(t, conv))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LibreOffice copy reads differently:\n got %+v\nwant %+v", got, want)
		gotCells, wantCells := got.Cells(), want.Cells()
		for i := range wantCells {
			if i < len(gotCells) && !reflect.DeepEqual(gotCells[i], wantCells[i]) {
				t.Errorf("row %d:\n got %+v\nwant %+v", i, gotCells[i], wantCells[i])
			}
		}
	}
}
