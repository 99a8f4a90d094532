//go:build linux

package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// runCLI runs the app in-process with args after the program name and
// returns its exit code, stdout and stderr.
func runCLI(t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), stdin, &out, &errb, append([]string{"stancematrix"}, args...), nil)
	return code, out.String(), errb.String()
}

// specialBook copies the sample into dir as book.xlsx and returns its path
// and the CSV export of it, written to a plain file.
func specialBook(t *testing.T, dir string) (book string, csv []byte) {
	t.Helper()
	book = filepath.Join(dir, "book.xlsx")
	copyFile(t, "../../samples/ukraine-peace-talks.xlsx", book, 0o644)
	ref := filepath.Join(t.TempDir(), "ref.csv")
	if code, _, stderr := runCLI(t, nil, "export", book, "--format", "csv", "-o", ref); code != 0 {
		t.Fatalf("reference export: exit %d: %s", code, stderr)
	}
	csv, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return book, csv
}

// mode returns the type bits of path itself (not following a symlink).
func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatalf("%s is gone: %v", path, err)
	}
	return fi.Mode().Type()
}

// mknod makes a character device at path with the numbers of a device of
// the system (1,3 is /dev/null, 1,7 is /dev/full), so that tests never
// write near the real ones.
func mknod(t *testing.T, path string, major, minor uint32) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("making a character device (mknod) needs root; CI runs as root")
	}
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, int(major<<8|minor)); err != nil {
		t.Fatal(err)
	}
}

// isCharDevice fails unless path is still a character device major,minor.
func isCharDevice(t *testing.T, path string, major, minor uint32) {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Lstat(path, &st); err != nil {
		t.Fatal(err)
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFCHR || st.Rdev != uint64(major<<8|minor) {
		t.Errorf("%s is no longer the character device %d,%d (mode %o, rdev %d)", path, major, minor, st.Mode, st.Rdev)
	}
}

// isLink fails unless path is still a symlink to dest.
func isLink(t *testing.T, path, dest string) {
	t.Helper()
	got, err := os.Readlink(path)
	if err != nil || got != dest {
		t.Errorf("%s is no longer a symlink to %s (readlink: %q, %v)", path, dest, got, err)
	}
}

// hasContent fails unless path holds want.
func hasContent(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s holds %d bytes (%.40q…), want %d (%.40q…)", path, len(got), got, len(want), want)
	}
}

// TestExportToSpecialFiles writes -o to what is not a plain file: devices,
// FIFOs and sockets are written in place and stay what they are; symlinks
// stay links and their target gets the bytes, unless following them would
// write the input, create a file elsewhere, or cross another user's link
// in /tmp. Devices are mknod copies in a temporary folder, never the
// system's own.
func TestExportToSpecialFiles(t *testing.T) {
	tests := []struct {
		name string
		// make creates what -o names in dir and returns its path and,
		// for a FIFO or socket, a channel that delivers what a reader got.
		make func(t *testing.T, dir, book string) (out string, got <-chan []byte)
		// init writes the sample workbook with init --force instead of
		// exporting the CSV of book.
		init     bool
		format   string // "" is csv
		wantCode int
		wantErr  string // in stderr; "" wants "wrote OUT"
		// check looks at dir afterwards; want is what should be written.
		check func(t *testing.T, dir, out string, want []byte)
	}{
		{
			name: "FIFO",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "fifo.csv")
				return out, fifoReader(t, out)
			},
			check: func(t *testing.T, dir, out string, _ []byte) {
				if m := mode(t, out); m != fs.ModeNamedPipe {
					t.Errorf("%s is no longer a FIFO (type %v)", out, m)
				}
			},
		},
		{
			name: "init --force into a FIFO",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "fifo.xlsx")
				return out, fifoReader(t, out)
			},
			init: true,
			check: func(t *testing.T, dir, out string, _ []byte) {
				if m := mode(t, out); m != fs.ModeNamedPipe {
					t.Errorf("%s is no longer a FIFO (type %v)", out, m)
				}
			},
		},
		{
			name: "FIFO for two outputs is refused, not made a folder",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "fifo")
				if err := syscall.Mkfifo(out, 0o644); err != nil {
					t.Fatal(err)
				}
				return out, nil
			},
			format:   "csv,json",
			wantCode: 1,
			wantErr:  "fifo: it is a FIFO, not a folder; it takes one output (one input, one format, no --split-by)",
			check: func(t *testing.T, dir, out string, _ []byte) {
				if m := mode(t, out); m != fs.ModeNamedPipe {
					t.Errorf("%s is no longer a FIFO (type %v)", out, m)
				}
			},
		},
		{
			name: "character device (a copy of /dev/null)",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "null")
				mknod(t, out, 1, 3)
				return out, nil
			},
			check: func(t *testing.T, dir, out string, _ []byte) { isCharDevice(t, out, 1, 3) },
		},
		{
			name: "character device that fails writes (a copy of /dev/full)",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "full")
				mknod(t, out, 1, 7)
				return out, nil
			},
			wantCode: 1,
			wantErr:  "full: no space left on device",
			check:    func(t *testing.T, dir, out string, _ []byte) { isCharDevice(t, out, 1, 7) },
		},
		{
			name: "socket",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				out := filepath.Join(dir, "sock")
				l, err := net.Listen("unix", out)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { l.Close() })
				got := make(chan []byte, 1)
				go func() {
					c, err := l.Accept()
					if err != nil {
						return
					}
					defer c.Close()
					b, _ := io.ReadAll(c)
					got <- b
				}()
				return out, got
			},
			check: func(t *testing.T, dir, out string, _ []byte) {
				if m := mode(t, out); m != fs.ModeSocket {
					t.Errorf("%s is no longer a socket (type %v)", out, m)
				}
			},
		},
		{
			name: "symlink to a file",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				writeString(t, filepath.Join(dir, "target.csv"), "old")
				return symlink(t, "target.csv", filepath.Join(dir, "link.csv")), nil
			},
			check: func(t *testing.T, dir, out string, want []byte) {
				isLink(t, out, "target.csv")
				hasContent(t, filepath.Join(dir, "target.csv"), want)
			},
		},
		{
			name: "init --force through a symlink",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				writeString(t, filepath.Join(dir, "target.xlsx"), "old")
				return symlink(t, "target.xlsx", filepath.Join(dir, "link.xlsx")), nil
			},
			init: true,
			check: func(t *testing.T, dir, out string, want []byte) {
				isLink(t, out, "target.xlsx")
				hasContent(t, filepath.Join(dir, "target.xlsx"), want)
			},
		},
		{
			name: "chain of symlinks into other folders",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				for _, d := range []string{"a", "b", "c"} {
					if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
						t.Fatal(err)
					}
				}
				writeString(t, filepath.Join(dir, "c", "target.csv"), "old")
				symlink(t, filepath.Join(dir, "c", "target.csv"), filepath.Join(dir, "b", "mid.csv"))
				return symlink(t, "../b/mid.csv", filepath.Join(dir, "a", "link.csv")), nil
			},
			check: func(t *testing.T, dir, out string, want []byte) {
				isLink(t, out, "../b/mid.csv")
				isLink(t, filepath.Join(dir, "b", "mid.csv"), filepath.Join(dir, "c", "target.csv"))
				hasContent(t, filepath.Join(dir, "c", "target.csv"), want)
				for _, d := range []string{"a", "b", "c"} {
					noTemporaries(t, filepath.Join(dir, d))
				}
			},
		},
		{
			name: "dangling symlink is refused",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				return symlink(t, "missing.csv", filepath.Join(dir, "link.csv")), nil
			},
			wantCode: 1,
			wantErr:  "link.csv: is a symlink to missing.csv, which does not exist; name the file itself to create it",
			check: func(t *testing.T, dir, out string, _ []byte) {
				isLink(t, out, "missing.csv")
				if _, err := os.Lstat(filepath.Join(dir, "missing.csv")); err == nil {
					t.Error("missing.csv was created through the link")
				}
			},
		},
		{
			name: "symlink to the input is refused",
			make: func(t *testing.T, dir, book string) (string, <-chan []byte) {
				return symlink(t, "book.xlsx", filepath.Join(dir, "link.csv")), nil
			},
			wantCode: 1,
			wantErr:  "link.csv: refusing to overwrite the input file",
			check: func(t *testing.T, dir, out string, _ []byte) {
				isLink(t, out, "book.xlsx")
				hasContent(t, filepath.Join(dir, "book.xlsx"), mustRead(t, "../../samples/ukraine-peace-talks.xlsx"))
			},
		},
		{
			name: "another user's symlink in a sticky shared folder is refused",
			make: func(t *testing.T, dir, _ string) (string, <-chan []byte) {
				if os.Geteuid() != 0 {
					t.Skip("giving a symlink to another user (lchown) needs root; CI runs as root")
				}
				shared := filepath.Join(dir, "shared")
				if err := os.Mkdir(shared, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(shared, 0o777|fs.ModeSticky); err != nil {
					t.Fatal(err)
				}
				writeString(t, filepath.Join(dir, "precious"), "precious")
				link := symlink(t, filepath.Join(dir, "precious"), filepath.Join(shared, "report.csv"))
				if err := os.Lchown(link, 65534, 65534); err != nil {
					t.Fatal(err)
				}
				return link, nil
			},
			wantCode: 1,
			wantErr:  "report.csv: refusing to follow a symlink that another user owns in the shared folder",
			check: func(t *testing.T, dir, out string, _ []byte) {
				isLink(t, out, filepath.Join(dir, "precious"))
				hasContent(t, filepath.Join(dir, "precious"), []byte("precious"))
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			book, want := specialBook(t, dir)
			format := tc.format
			if format == "" {
				format = "csv"
			}
			args := []string{"export", book, "--format", format, "-o"}
			if tc.init {
				want = mustRead(t, "../../samples/"+sampleName)
				args = []string{"init", "--sample", "--force"}
			}
			out, got := tc.make(t, dir, book)
			code, stdout, stderr := runCLI(t, nil, append(args, out)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if tc.wantErr == "" && !strings.HasPrefix(stderr, "wrote "+out) {
				t.Errorf("stderr = %q, want it to start with %q", stderr, "wrote "+out)
			}
			if !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("stderr = %q, want %q", stderr, tc.wantErr)
			}
			tc.check(t, dir, out, want)
			noTemporaries(t, dir)
			if got != nil && !t.Failed() { // a replaced FIFO or socket never gets a writer
				if b := <-got; !bytes.Equal(b, want) {
					t.Errorf("the reader got %d bytes (%.40q…), want %d (%.40q…)", len(b), b, len(want), want)
				}
			}
		})
	}
}

// fifoReader makes a FIFO at path and reads it in the background; the
// channel delivers what was read once the writer closes.
func fifoReader(t *testing.T, path string) <-chan []byte {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	return got
}

func symlink(t *testing.T, dest, link string) string {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		t.Fatal(err)
	}
	return link
}

func writeString(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportToProcessSubstitution runs the command as `-o >(…)` does: the
// output is /dev/fd/3, the write end of a pipe whose reader is the test.
func TestExportToProcessSubstitution(t *testing.T) {
	bin, err := exec.LookPath("stancematrix") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	book, want := specialBook(t, dir)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(pr)
		got <- b
	}()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "export", book, "--format", "csv", "-o", "/dev/fd/3")
	cmd.ExtraFiles = []*os.File{pw}
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v; stderr:\n%s", err, stderr.String())
	}
	if b := <-got; !bytes.Equal(b, want) {
		t.Errorf("the pipe got %d bytes (%.40q…), want %d", len(b), b, len(want))
	}
	if s := stderr.String(); s != "wrote /dev/fd/3\n" {
		t.Errorf("stderr = %q, want %q", s, "wrote /dev/fd/3\n")
	}
}

// TestExportToStandardStreams checks that the names of the standard
// streams go to the app's own writers, never through the file system
// (where /dev/stdout, as root, could be replaced), and that stdin, when
// it is the input, is not written.
func TestExportToStandardStreams(t *testing.T) {
	tests := []struct {
		name       string
		in, out    string // in "-" reads the book from stdin
		wantCode   int
		wantStdout bool // the CSV on stdout
		wantStderr bool // the CSV on stderr
		wantErr    string
	}{
		{name: "-", out: "-", wantStdout: true},
		{name: "/dev/stdout", out: "/dev/stdout", wantStdout: true},
		{name: "/dev/fd/1", out: "/dev/fd/1", wantStdout: true},
		{name: "/proc/self/fd/1", out: "/proc/self/fd/1", wantStdout: true},
		{name: "/dev/stdout from stdin", in: "-", out: "/dev/stdout", wantStdout: true},
		{name: "/dev/stderr", out: "/dev/stderr", wantStderr: true},
		{name: "/dev/stdin when the input is stdin", in: "-", out: "/dev/stdin", wantCode: 1, wantErr: "/dev/stdin: refusing to write to the input (stdin)"},
		{name: "/dev/fd/0 when the input is stdin", in: "-", out: "/dev/fd/0", wantCode: 1, wantErr: "/dev/fd/0: refusing to write to the input (stdin)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Guard: as root, a regression here would write the system's
			// /dev/stdout or /dev/stdin; stop before that.
			if os.Geteuid() == 0 && stdStream(tc.out) == "" && (&env{}).checkNotStdin(tc.out, []string{tc.in}) == nil {
				t.Fatalf("%s is neither a standard stream nor refused as stdin; not running the export as root", tc.out)
			}
			dir := t.TempDir()
			book, want := specialBook(t, dir)
			in, stdin := book, io.Reader(nil)
			if tc.in == "-" {
				in, stdin = "-", bytes.NewReader(mustRead(t, book))
			}
			code, stdout, stderr := runCLI(t, stdin, "export", in, "--format", "csv", "-o", tc.out)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%.300s", code, tc.wantCode, stderr)
			}
			if (stdout == string(want)) != tc.wantStdout {
				t.Errorf("stdout = %.60q…, want the CSV: %v", stdout, tc.wantStdout)
			}
			if (stderr == string(want)) != tc.wantStderr {
				t.Errorf("stderr = %.60q…, want the CSV: %v", stderr, tc.wantStderr)
			}
			if !tc.wantStdout && stdout != "" {
				t.Errorf("stdout = %.60q…, want nothing", stdout)
			}
			if tc.wantErr != "" && !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("stderr = %q, want %q", stderr, tc.wantErr)
			}
			noTemporaries(t, dir)
		})
	}
}
