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
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// encryptedBook writes editionBook encrypted with password and returns its
// path and bytes.
func encryptedBook(t *testing.T, password string) (string, []byte) {
	t.Helper()
	b, err := buildWorkbook(editionBook)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, out.Bytes()
}

// runEnv runs the command with an env whose prompt is ask (nil: no
// terminal) and whose environment is vars.
func runEnv(t *testing.T, vars map[string]string, ask func(string) (string, bool), args ...string) (error, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return vars[k] }, prompt: ask}
	if ask == nil {
		e.prompt = func(string) (string, bool) { return "", false }
	}
	err := e.newApp().Run(context.Background(), append([]string{"stancematrix"}, args...))
	return err, stdout.String(), stderr.String()
}

func TestPasswordSources(t *testing.T) {
	path, _ := encryptedBook(t, "s3cret")
	var asked []string
	ask := func(msg string) (string, bool) { asked = append(asked, msg); return "s3cret", true }
	for _, tc := range []struct {
		name    string
		vars    map[string]string
		ask     func(string) (string, bool)
		args    []string
		ok      bool
		wantErr string
	}{
		{"environment", map[string]string{passwordEnv: "s3cret"}, nil, nil, true, ""},
		{"flag wins over environment", map[string]string{passwordEnv: "wrong"}, nil, []string{"--password", "s3cret"}, true, ""},
		{"wrong in environment", map[string]string{passwordEnv: "wrong"}, nil, nil, false, "the password is not correct"},
		{"prompt", nil, ask, nil, true, ""},
		{"no terminal", nil, nil, nil, false, "is protected with a password"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked = nil
			args := append([]string{"show", "--edition", "PUBLIC"}, tc.args...)
			err, stdout, stderr := runEnv(t, tc.vars, tc.ask, append(args, path)...)
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v\n%s%s", err, stdout, stderr)
			}
			if tc.ok && !strings.Contains(stdout, "Alpha") {
				t.Errorf("the matrix is not shown:\n%s", stdout)
			}
			if !tc.ok && !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantErr, stderr)
			}
			if tc.ask != nil && (len(asked) != 1 || !strings.Contains(asked[0], "locked.xlsx")) {
				t.Errorf("asked %q, want one prompt naming the file", asked)
			}
		})
	}
}

// irmBook turns an encrypted workbook into what an IRM-protected one looks
// like to the reader: its EncryptionInfo stream is renamed
// DRMEncryptedDataSpace, the data space an IRM-protected file defines (the
// compound file's directory entry: the UTF-16 name and its byte length).
// excelize writes no \x06DataSpaces storage, so the name stands alone.
func irmBook(t *testing.T, b []byte) []byte {
	t.Helper()
	utf := func(s string) []byte {
		var out []byte
		for _, r := range utf16.Encode([]rune(s)) {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	old, repl := utf("EncryptionInfo"), utf("DRMEncryptedDataSpace")
	b = bytes.Clone(b)
	i := bytes.Index(b, append(old, 0, 0))
	if i < 0 {
		t.Fatalf("no directory entry EncryptionInfo (at %d)", i)
	}
	name := make([]byte, 64)
	copy(name, repl)
	copy(b[i:i+64], name)
	n := len(repl) + 2
	b[i+64], b[i+65] = byte(n), byte(n>>8)
	return b
}

func TestIRMProtected(t *testing.T) {
	_, enc := encryptedBook(t, "s3cret")
	path := filepath.Join(t.TempDir(), "labelled.xlsx")
	if err := os.WriteFile(path, irmBook(t, enc), 0o644); err != nil {
		t.Fatal(err)
	}
	err, stdout, stderr := runEnv(t, map[string]string{passwordEnv: "s3cret"}, nil, "validate", path)
	if err == nil {
		t.Fatalf("an IRM-protected file validates:\n%s", stdout)
	}
	out := stdout + stderr
	if !strings.Contains(out, "labelled.xlsx: is protected by a sensitivity label (IRM)") || strings.Contains(out, "password is not correct") {
		t.Errorf("message:\n%s", out)
	}
}

// TestPasswordPromptParallel exports several encrypted inputs at once
// (-j 3): the prompt asks one input at a time, and a password that opened
// one input is tried on the next before asking again.
func TestPasswordPromptParallel(t *testing.T) {
	dir := t.TempDir()
	copyTo := func(src, name string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	same, _ := encryptedBook(t, "s3cret")
	other, _ := encryptedBook(t, "other")
	a, b, c := copyTo(same, "a.xlsx"), copyTo(same, "b.xlsx"), copyTo(other, "c.xlsx")
	for _, tc := range []struct {
		name   string
		files  []string
		answer map[string]string // file base name → password typed
		asked  int
	}{
		{"one password for all", []string{a, b}, map[string]string{"a.xlsx": "s3cret", "b.xlsx": "s3cret"}, 1},
		{"a second password", []string{a, b, c}, map[string]string{"a.xlsx": "s3cret", "b.xlsx": "s3cret", "c.xlsx": "other"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var (
				mu           sync.Mutex
				asked        []string
				active, most int
			)
			ask := func(msg string) (string, bool) {
				mu.Lock()
				active++
				most = max(most, active)
				asked = append(asked, msg)
				mu.Unlock()
				time.Sleep(50 * time.Millisecond) // a person typing
				mu.Lock()
				active--
				mu.Unlock()
				for base, pw := range tc.answer {
					if strings.Contains(msg, base) {
						return pw, true
					}
				}
				return "", false
			}
			out := t.TempDir()
			err, stdout, stderr := runEnv(t, nil, ask, append([]string{"export", "-q", "-j", "3", "-f", "json", "--edition", "PUBLIC", "-o", out}, tc.files...)...)
			if err != nil {
				t.Fatalf("export: %v\n%s%s", err, stdout, stderr)
			}
			if most != 1 {
				t.Errorf("%d prompts at once, want one at a time", most)
			}
			if len(asked) != tc.asked {
				t.Errorf("asked %d times (%q), want %d", len(asked), asked, tc.asked)
			}
			for _, f := range tc.files {
				name := strings.TrimSuffix(filepath.Base(f), ".xlsx") + ".json"
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("no %s: %v", name, err)
				}
			}
		})
	}
}

// TestIRMRealFile reads a real workbook protected by a sensitivity label
// (testdata/irm/README.md says where it comes from): it is reported as
// such, with or without a password, and no password is asked for.
func TestIRMRealFile(t *testing.T) {
	const path = "testdata/irm/intune-settings-irm.xlsx"
	for _, vars := range []map[string]string{nil, {passwordEnv: "s3cret"}} {
		asked := 0
		ask := func(string) (string, bool) { asked++; return "s3cret", true }
		err, stdout, stderr := runEnv(t, vars, ask, "validate", path)
		if err == nil {
			t.Fatalf("an IRM-protected file validates:\n%s", stdout)
		}
		out := stdout + stderr
		if !strings.Contains(out, "intune-settings-irm.xlsx: is protected by a sensitivity label (IRM)") || strings.Contains(out, "password") && !strings.Contains(out, "no password opens it") {
			t.Errorf("message:\n%s", out)
		}
		if asked != 0 {
			t.Errorf("asked for a password %d times for an IRM-protected file", asked)
		}
	}
}
