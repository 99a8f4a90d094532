package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSafeFileName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "France", "france"},
		{"spaces", "United Kingdom", "united-kingdom"},
		{"path traversal", "../../etc/passwd", "etc-passwd"},
		{"backslashes", `..\..\windows\system32`, "windows-system32"},
		{"dots only", "..", "unnamed"},
		{"empty", "", "unnamed"},
		{"control characters", "a\x00b\nc\x1bd", "a-b-c-d"},
		{"reserved CON", "CON", "_con"},
		{"reserved nul with extension", "nul.txt", "nul-txt"},
		{"reserved com1", "Com1", "_com1"},
		{"reserved lpt9", "LPT9", "_lpt9"},
		{"not reserved", "Console", "console"},
		{"cyrillic kept", "Україна", "україна"},
		{"greek kept", "Ελλάδα", "ελλάδα"},
		{"windows specials", `a<b>c:d"e|f?g*h`, "a-b-c-d-e-f-g-h"},
		{"hidden file", ".bashrc", "bashrc"},
		{"long", strings.Repeat("a", 300), strings.Repeat("a", maxNameBytes)},
		{"long cyrillic cut on a rune boundary", strings.Repeat("ж", 300), strings.Repeat("ж", maxNameBytes/2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := safeFileName(tc.in)
			if got != tc.want {
				t.Errorf("safeFileName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !utf8.ValidString(got) || len(got) > maxNameBytes+1 || strings.ContainsAny(got, `/\`) || strings.Contains(got, "..") {
				t.Errorf("safeFileName(%q) = %q is not safe", tc.in, got)
			}
		})
	}
}

func TestNamerNumbersCollisionsIgnoringCase(t *testing.T) {
	n := newNamer()
	var got []string
	for _, stem := range []string{"france", "France", "FRANCE", "germany"} {
		got = append(got, filepath.Base(n.path("out", stem, ".pdf")))
	}
	want := []string{"france.pdf", "France-2.pdf", "FRANCE-3.pdf", "germany.pdf"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("names = %q, want %q", got, want)
			break
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {"1024", 1024, true}, {"1K", 1024, true}, {"64M", 64 << 20, true},
		{"2g", 2 << 30, true}, {"10MB", 10 << 20, true}, {"lots", 0, false}, {"-1", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// noTemporaries fails when dir holds a temporary file of an atomic write.
func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteFileAtomicFailureLeavesNothing(t *testing.T) {
	boom := errors.New("exporter failed midway")
	tests := []struct {
		name     string
		existing string // content of the target before, "" for none
		cancel   bool   // cancel the context midway instead of failing
	}{
		{"new file, writer fails", "", false},
		{"existing file, writer fails", "old report", false},
		{"new file, cancelled", "", true},
		{"existing file, cancelled", "old report", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "out.pdf")
			if tc.existing != "" {
				if err := os.WriteFile(target, []byte(tc.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := writeFileAtomic(ctx, target, nil, func(w io.Writer) error {
				for i := 0; i < 100; i++ {
					if _, err := w.Write([]byte("half a PDF ")); err != nil {
						return err
					}
					if i == 10 {
						if tc.cancel {
							cancel()
						} else {
							return boom
						}
					}
				}
				return nil
			})
			if err == nil {
				t.Fatal("writeFileAtomic succeeded, want an error")
			}
			got, rerr := os.ReadFile(target)
			switch {
			case tc.existing == "" && rerr == nil:
				t.Errorf("target exists after a failed write: %q", got)
			case tc.existing != "" && string(got) != tc.existing:
				t.Errorf("target = %q after a failed write, want it unchanged (%q)", got, tc.existing)
			}
			noTemporaries(t, dir)
		})
	}
}

func TestWriteFileAtomicRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	if err := os.WriteFile(in, []byte("input"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.xlsx")
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"same path":        in,
		"another spelling": filepath.Join(dir, "sub", "..", "in.xlsx"),
		"symlink":          link,
		"hard link":        hard,
	} {
		t.Run(name, func(t *testing.T) {
			err := writeFileAtomic(context.Background(), target, []string{in}, func(w io.Writer) error {
				_, err := w.Write([]byte("report"))
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "refusing to overwrite the input") {
				t.Errorf("err = %v, want a refusal", err)
			}
			if b, _ := os.ReadFile(in); string(b) != "input" {
				t.Errorf("input changed to %q", b)
			}
		})
	}
	noTemporaries(t, dir)
}

// TestKilledExportLeavesNoFile runs a writer in a subprocess, kills it with
// SIGKILL while it is writing, and checks that nothing is at the target.
func TestKilledExportLeavesNoFile(t *testing.T) {
	if target := os.Getenv("STANCEMATRIX_KILL_TARGET"); target != "" {
		// The subprocess: write forever, slowly, announcing that writing
		// has started.
		_ = writeFileAtomic(context.Background(), target, nil, func(w io.Writer) error {
			chunk := []byte(strings.Repeat("%PDF half-written ", 1000))
			for i := 0; ; i++ {
				if _, err := w.Write(chunk); err != nil {
					return err
				}
				if i == 10 {
					os.WriteFile(target+".started", nil, 0o644)
				}
				time.Sleep(time.Millisecond)
			}
		})
		os.Exit(3)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "big.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledExportLeavesNoFile$")
	cmd.Env = append(os.Environ(), "STANCEMATRIX_KILL_TARGET="+target)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(target + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the writer did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(target); err == nil {
		t.Fatalf("%s exists after the writer was killed", target)
	}
	// The killed process could not clean up its temporary; it has a
	// hidden name that is never mistaken for the output.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); n != "big.pdf.started" && !(strings.HasPrefix(n, ".big.pdf-") && strings.HasSuffix(n, ".tmp")) {
			t.Errorf("unexpected file %s", n)
		}
	}
}

// TestInterruptedExportLeavesNothing sends SIGINT to a subprocess that is
// writing an output through the same signal handling as main: the write
// stops, the temporary is removed and nothing is at the target.
func TestInterruptedExportLeavesNothing(t *testing.T) {
	if target := os.Getenv("STANCEMATRIX_INT_TARGET"); target != "" {
		ctx, stop := interruptContext()
		defer stop()
		err := writeFileAtomic(ctx, target, nil, func(w io.Writer) error {
			chunk := []byte(strings.Repeat("%PDF half-written ", 1000))
			for i := 0; ; i++ {
				if _, err := w.Write(chunk); err != nil {
					return err
				}
				if i == 10 {
					os.WriteFile(target+".started", nil, 0o644)
				}
				time.Sleep(time.Millisecond)
			}
		})
		if errors.Is(err, context.Canceled) {
			os.Exit(1)
		}
		os.Exit(3)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "big.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedExportLeavesNothing$")
	cmd.Env = append(os.Environ(), "STANCEMATRIX_INT_TARGET="+target)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(target + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the writer did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("subprocess ended with %v, want exit status 1 (write cancelled)", err)
	}
	if _, err := os.Stat(target); err == nil {
		t.Fatalf("%s exists after the export was interrupted", target)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "big.pdf.started" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestProgress(t *testing.T) {
	var nilBar *progress // a nil bar draws nothing and does not panic
	nilBar.add(1)
	nilBar.step()
	nilBar.finish()
	var other strings.Builder
	nilBar.print(&other, []byte("line\n"))
	if other.String() != "line\n" {
		t.Errorf("nil bar printed %q", other.String())
	}

	var buf strings.Builder
	p := newProgress(&buf, 4)
	p.step()
	p.step()
	if !strings.Contains(buf.String(), "[===============               ] 2/4 outputs") {
		t.Errorf("progress output %q lacks the half-full bar", buf.String())
	}
	buf.Reset()
	p.print(&buf, []byte("wrote x.pdf\n"))
	if !strings.HasPrefix(buf.String(), "\r\x1b[Kwrote x.pdf\n\r[") {
		t.Errorf("print wrote %q, want the bar cleared, the line, the bar again", buf.String())
	}
	buf.Reset()
	p.finish()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("finish wrote %q, want the line cleared", buf.String())
	}
}
