package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until s holds at least n occurrences of sub. The deadline
// only catches a hang; nothing is asserted about timing.
func waitFor(t *testing.T, s *syncBuffer, sub string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for strings.Count(s.String(), sub) < n {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %d × %q; output so far:\n%s", n, sub, s.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

const watchBookA = `[Matrix]
,United States,Ukraine,Russia
Ceasefire,Supports,Supports,Opposes
`

const watchBookB = `[Matrix]
,United States,Ukraine,Russia
Ceasefire,Supports,Supports,Leans support
`

const watchBookTypo = `[Matrix]
,United States,Ukraine,Russia
Ceasefire,Supports,Suports,Opposes
`

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	mk := func(desc string) []byte {
		b, err := buildWorkbook(desc)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, typo := mk(watchBookA), mk(watchBookB), mk(watchBookTypo)
	// save writes the workbook as an editor does: a temporary file, a lock
	// file, then a rename over the original.
	save := func(data []byte) {
		t.Helper()
		lock := filepath.Join(dir, ".~lock.book.xlsx#")
		tmp := filepath.Join(dir, "~$book.xlsx")
		if err := os.WriteFile(lock, []byte("lock"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, book); err != nil {
			t.Fatal(err)
		}
		os.Remove(lock)
	}
	csvHas := func(want string) {
		t.Helper()
		got, err := os.ReadFile(filepath.Join(dir, "book.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), want) {
			t.Fatalf("book.csv lacks %q:\n%s", want, got)
		}
	}
	save(a)

	var stdout, stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	opt := watchOptions{
		Export:   exportOptions{Formats: []string{"csv"}, Order: "workbook"},
		Debounce: 50 * time.Millisecond,
		Retries:  2,
		Backoff:  10 * time.Millisecond,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- e.watch(ctx, opt, book) }()

	const wrote = "wrote "        // one line per export
	waitFor(t, &stderr, wrote, 1) // the initial export
	csvHas("Opposes")

	save(b)
	waitFor(t, &stderr, wrote, 2)
	csvHas("Leans support")

	save(a)
	waitFor(t, &stderr, wrote, 3)
	csvHas("Opposes")

	// A half-written save: retried, then reported; watching goes on.
	if err := os.WriteFile(book, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stderr, "export failed; still watching", 1)
	csvHas("Opposes") // the last good export is untouched

	// A validation error: printed, watching goes on.
	save(typo)
	waitFor(t, &stderr, `unknown stance "Suports"`, 1)
	waitFor(t, &stderr, "export failed; still watching", 2)

	// A good save exports again.
	save(b)
	waitFor(t, &stderr, wrote, 4)
	csvHas("Leans support")

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch returned %v", err)
	}
	if n := strings.Count(stderr.String(), wrote); n != 4 {
		t.Errorf("%d exports, want 4 (temporary and lock files must not trigger one):\n%s", n, stderr.String())
	}
	ents, _ := os.ReadDir(dir)
	for _, en := range ents {
		if strings.HasSuffix(en.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", en.Name())
		}
	}
}

// A workbook that is not there fails at once with the reader's message and
// exit 1 (it used to wait for ever); so does a folder. The context's
// deadline only catches a hang.
func TestWatchMissingFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, file, want string }{
		{"no such file", filepath.Join(dir, "nosuch.xlsx"), filepath.Join(dir, "nosuch.xlsx") + ": cannot open: no such file or directory\n"},
		{"no such folder", filepath.Join(dir, "nodir", "x.xlsx"), filepath.Join(dir, "nodir", "x.xlsx") + ": cannot open: no such file or directory\n"},
		{"a folder", dir, dir + ": cannot open: is a directory, not a file\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stdout, stderr syncBuffer
			code := run(ctx, strings.NewReader(""), &stdout, &stderr, []string{"stancematrix", "watch", tc.file, "--format", "csv", "-o", dir}, nil)
			if ctx.Err() != nil {
				t.Fatal("watch waited for the file")
			}
			if code != 1 || stderr.String() != tc.want || stdout.String() != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want 1 and %q", code, stderr.String(), stdout.String(), tc.want)
			}
		})
	}
}

// excelSave saves data over book as Excel for Windows does, in four steps,
// pausing between them (longer than the tests' debounce, as a slow disk or
// a network share may): it writes a temporary file with a name of hex
// digits and no extension, renames the workbook to another temporary name,
// renames the new file into place and deletes the old one. While the
// workbook is open, Excel also keeps an owner file ~$NAME next to it,
// which ownerFile writes.
func excelSave(t *testing.T, book string, data []byte, pause time.Duration) {
	t.Helper()
	dir := filepath.Dir(book)
	tmp, old := filepath.Join(dir, "8A3B1C00"), filepath.Join(dir, "5D2E7F11.tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(pause)
	if err := os.Rename(book, old); err != nil {
		t.Fatal(err)
	}
	time.Sleep(pause)
	if err := os.Rename(tmp, book); err != nil {
		t.Fatal(err)
	}
	time.Sleep(pause)
	if err := os.Remove(old); err != nil {
		t.Fatal(err)
	}
}

// ownerFile writes Excel's owner file of book (~$book.xlsx: the user's
// name, padded; not a workbook) as Excel does when it opens the workbook
// and again on each save.
func ownerFile(t *testing.T, book string) string {
	t.Helper()
	owner := filepath.Join(filepath.Dir(book), "~$"+filepath.Base(book))
	if err := os.WriteFile(owner, append([]byte("\x0aAnalyst"), bytes.Repeat([]byte{' '}, 155)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return owner
}

// TestWatchExcelSave: Excel's owner file starts no export and is never read
// as a workbook, and Excel's save sequence gives exactly one export, of the
// new content, with no error in the middle (when the workbook is renamed
// away, or before the new file has its name).
func TestWatchExcelSave(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "talks.xlsx")
	a, err := buildWorkbook(watchBookA)
	if err != nil {
		t.Fatal(err)
	}
	b, err := buildWorkbook(watchBookB)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, a, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	const debounce = 50 * time.Millisecond
	opt := watchOptions{Export: exportOptions{Formats: []string{"csv"}, Order: "workbook"}, Debounce: debounce, Retries: 2, Backoff: 10 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- e.watch(ctx, opt, book) }()
	const wrote = "wrote "
	waitFor(t, &stderr, wrote, 1)

	// Excel opens the workbook: the owner file.
	owner := ownerFile(t, book)
	time.Sleep(4 * debounce)
	excelSave(t, book, b, 4*debounce)
	ownerFile(t, book)
	waitFor(t, &stderr, wrote, 2)
	// Excel closes the workbook.
	if err := os.Remove(owner); err != nil {
		t.Fatal(err)
	}
	time.Sleep(8 * debounce)

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch returned %v", err)
	}
	log := stderr.String()
	if n := strings.Count(log, wrote); n != 2 {
		t.Errorf("%d exports, want 2 (the first and one for the save):\n%s", n, log)
	}
	for _, bad := range []string{"failed", "cannot", "error", "~$"} {
		if strings.Contains(log, bad) {
			t.Errorf("the log shows %q:\n%s", bad, log)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "talks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "Leans support") {
		t.Errorf("talks.csv is not the saved content:\n%s", got)
	}
	ents, _ := os.ReadDir(dir)
	for _, en := range ents {
		if n := en.Name(); n != "talks.xlsx" && n != "talks.csv" {
			t.Errorf("left in the folder: %s", n)
		}
	}
}

// TestServeExcelSave: as TestWatchExcelSave for serve: the page is made
// again exactly once, from the new content, and never shows a problem.
func TestServeExcelSave(t *testing.T) {
	s := startServe(t, watchBookA)
	ch, cancel := events(t, s)
	defer cancel()
	v1 := next(t, ch)
	b, err := buildWorkbook(watchBookB)
	if err != nil {
		t.Fatal(err)
	}
	const debounce = 50 * time.Millisecond // startServe's --debounce
	owner := ownerFile(t, s.book)
	time.Sleep(4 * debounce)
	excelSave(t, s.book, b, 4*debounce)
	ownerFile(t, s.book)
	v2 := next(t, ch)
	os.Remove(owner)
	select {
	case v := <-ch:
		t.Errorf("a second version %s after one save", v)
	case <-time.After(500 * time.Millisecond):
	}
	_, page := s.get(t, "/")
	if v2 == v1 || !strings.Contains(page, "Leans support") || !strings.Contains(page, `data-version="`+v2+`"`) {
		t.Errorf("after the save: version %s (was %s), the page lacks the new stance", v2, v1)
	}
	if log := s.stderr.String(); strings.Contains(log, "problem") || strings.Contains(log, "cannot") || strings.Contains(log, "~$") {
		t.Errorf("the log shows a problem:\n%s", log)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
}
