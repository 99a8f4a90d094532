package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Bounds on one run of validate over a file from the wild. They are bounds
// against hangs and blow-ups, not timings: a real run takes a few
// milliseconds and a few MiB, so they fail only on a runaway, and under
// -race (which costs 5-10× memory and 2-20× time) they are raised by
// raceFactor. Each run is its own process, measured by its rusage.
const (
	wildMaxCPU  = 2 * time.Second
	wildMaxRSS  = 256 << 20
	wildTimeout = 2 * time.Minute // wall clock: a hung child is killed
)

// TestWild validates every file of testdata/wild (collected by
// .ci/collect-wild from other readers' and writers' test files; WILD=DIR
// runs a folder of .ci/collect-wild --full instead) as a user hands it
// over, named .xlsx, and again with its first sheet renamed Matrix where
// excelize can open it. Each run must exit 0 or 1 (no panic, no usage
// error), print only lines that name the file (or hint lines), in valid
// UTF-8 without control characters, and stay under the bounds above.
func TestWild(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus takes a while; not in -short")
	}
	bin, err := exec.LookPath("wildrun") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	root := "testdata/wild"
	if d := os.Getenv("WILD"); d != "" {
		root = d
	}
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch name := d.Name(); {
		case name == "README.md", strings.HasPrefix(name, "LICENSE"), strings.HasPrefix(name, "NOTICE"):
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 || (root == "testdata/wild" && len(files) < 100) {
		t.Fatalf("only %d files in %s", len(files), root)
	}
	dir := t.TempDir()
	for i, src := range files {
		rel, _ := filepath.Rel(root, src)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			// As handed over: the original name with .xlsx added unless
			// it has it.
			name := fmt.Sprintf("%03d-%s", i, filepath.Base(src))
			if !strings.HasSuffix(name, ".xlsx") {
				name += ".xlsx"
			}
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			runWild(t, bin, dir, name)
			if m := fmt.Sprintf("%03d-matrix.xlsx", i); withMatrixSheet(filepath.Join(dir, name), filepath.Join(dir, m)) {
				runWild(t, bin, dir, m)
			}
		})
	}
}

// runWild runs validate on name in dir in its own process and checks its
// exit code, its output and its use of resources. The process is started
// by wildrun, not by the test: on Linux a child's peak memory counts the
// memory of the process it was started from, and the test process grows to
// hundreds of MiB in other tests.
func runWild(t *testing.T, bin, dir, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "validate", name)
	cmd.Dir = dir
	var out, usage bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &usage
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: killed after %v (a hang?)", name, wildTimeout)
	}
	code := cmd.ProcessState.ExitCode()
	if err != nil && code != 1 {
		t.Errorf("%s: exit %d (want 0 or 1): %v\n%s", name, code, err, out.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if out.Len() == 0 {
		t.Errorf("%s: no output", name)
		lines = nil
	}
	for i, l := range lines {
		if i >= 20 {
			break // the first lines say enough; the rest are alike
		}
		switch {
		case !utf8.ValidString(l):
			t.Errorf("%s: line %d is not valid UTF-8: %q", name, i+1, l)
		case strings.IndexFunc(l, unicode.IsControl) >= 0:
			t.Errorf("%s: line %d holds a control character: %q", name, i+1, l)
		case !strings.HasPrefix(l, name+": ") && !(i > 0 && strings.HasPrefix(l, "hint: ")):
			t.Errorf("%s: line %d does not name the file: %q", name, i+1, l)
		}
	}
	var cpu time.Duration
	var rss int64
	if _, err := fmt.Sscanf(usage.String(), "rusage %d %d", &cpu, &rss); err != nil {
		t.Fatalf("%s: wildrun reported %q: %v", name, usage.String(), err)
	}
	if rss < 0 {
		return // no rusage on this system
	}
	if cpu > wildMaxCPU*raceFactor || rss > wildMaxRSS*raceFactor {
		t.Errorf("%s: used %v CPU and %d MiB, over the bound of %v and %d MiB", name, cpu, rss>>20, wildMaxCPU*raceFactor, wildMaxRSS*raceFactor>>20)
	}
}

// withMatrixSheet writes to dst a copy of the workbook src with its first
// sheet renamed Matrix, as a user trying the tool on it would, and reports
// whether it could: excelize refuses what is not an .xlsx, within limits
// that keep a bomb in the corpus from exploding in the test.
func withMatrixSheet(src, dst string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f, err := excelize.OpenFile(src, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return false
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 || sheets[0] == "Matrix" {
		return false
	}
	if err := f.SetSheetName(sheets[0], "Matrix"); err != nil {
		return false
	}
	return f.SaveAs(dst) == nil
}

// wildRunMain is the wildrun command of the tests: it runs stancematrix
// with its arguments (standard output and error both to its standard
// output), then writes "rusage CPU_NS RSS_BYTES" of that run on its
// standard error (RSS -1 where the system gives none) and exits with the
// run's exit code. Started afresh, it is small, so the peak memory of its
// child is the child's own.
func wildRunMain() {
	bin, err := exec.LookPath("stancematrix")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cmd := exec.Command(bin, os.Args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stdout
	err = cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cpu, rss := childUsage(cmd.ProcessState)
	fmt.Fprintf(os.Stderr, "rusage %d %d", int64(cpu), rss)
	os.Exit(cmd.ProcessState.ExitCode())
}
