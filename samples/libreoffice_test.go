package samples_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// TestSamplesSurviveLibreOffice saves each sample again with LibreOffice
// Calc, as a user editing it would, and checks that the copy reads back to
// the same matrix with no errors and no warnings.
func TestSamplesSurviveLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice Calc) is needed for this test in CI")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "out")}
	for _, s := range generated {
		b, err := os.ReadFile(s.file)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(in, s.file)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, s := range generated {
		t.Run(s.file, func(t *testing.T) {
			got, ps := matrix.ReadFile(filepath.Join(dir, "out", s.file), matrix.ReadOptions{})
			for _, p := range ps {
				t.Error(p.Error())
			}
			if got == nil {
				t.Fatal("no matrix read back")
			}
			for _, d := range diffMatrix(normalise(s.build()), normalise(got)) {
				t.Error(d)
			}
		})
	}
}
