//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestExportReadOnlyFolder exports into a folder the user may not write to
// and expects a clear message and nothing written. Root is not held back by
// permissions (and CI runs as root), so there the export runs as the user
// nobody, from a copy of the test binary in a folder that user can reach.
func TestExportReadOnlyFolder(t *testing.T) {
	bin, err := exec.LookPath("stancematrix") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "stancematrix-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, bin, filepath.Join(dir, "stancematrix"), 0o755)
	copyFile(t, "../../samples/ukraine-peace-talks.xlsx", filepath.Join(dir, "book.xlsx"), 0o644)
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil { // whatever the umask
		t.Fatal(err)
	}

	cmd := exec.Command(filepath.Join(dir, "stancematrix"), "export", "book.xlsx", "--format", "pdf,xlsx", "-o", "ro/")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir}
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	var xe *exec.ExitError
	if !errors.As(err, &xe) || xe.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, out)
	}
	if want := "cannot write to folder ro: permission denied"; !strings.Contains(string(out), want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if strings.Contains(string(out), "panic") || strings.Contains(string(out), "wrote ") {
		t.Errorf("unexpected output:\n%s", out)
	}
	if ents, err := os.ReadDir(ro); err != nil || len(ents) != 0 {
		t.Errorf("the read-only folder holds %v (%v)", ents, err)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(to, mode); err != nil {
		t.Fatal(err)
	}
}
