package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stancematrix/stancematrix/matrix"
)

// windowsNameProblem says why Windows refuses name as a file or folder
// name, or returns "" when it takes it. It follows Microsoft's "Naming
// Files, Paths, and Namespaces", written apart from the code it checks.
func windowsNameProblem(name string) string {
	if name == "" || name == "." || name == ".." {
		return "empty or a dot name"
	}
	for _, r := range name {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return fmt.Sprintf("holds %q", r)
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "ends with a dot or a space"
	}
	if n := len(utf16.Encode([]rune(name))); n > 255 {
		return fmt.Sprintf("%d UTF-16 units, more than 255", n)
	}
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return "a reserved device name"
	}
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range "0123456789¹²³" {
			if base == p+string(d) {
				return "a reserved device name"
			}
		}
	}
	return ""
}

func TestWindowsNameProblem(t *testing.T) {
	for _, name := range []string{"CON", "con.pdf", "Nul.tar.gz", "AUX ", "COM1.csv", "lpt9", "prn.x", "a.", "a ", "a:b", "a<b", `a"b`, "a|b", "a?b", "a*b", "a\x01b", ""} {
		if windowsNameProblem(name) == "" {
			t.Errorf("%q taken, want refused", name)
		}
	}
	for _, name := range []string{"console.pdf", "talks-report.xlsx", "_con.pdf", "com10.csv", "україна.md"} {
		if p := windowsNameProblem(name); p != "" {
			t.Errorf("%q refused (%s), want taken", name, p)
		}
	}
}

// TestOutputNamesOnWindows: every name export makes is one Windows takes:
// the default names of each format (NAME.pdf, NAME-report.xlsx, …) from an
// input name Windows takes, the numbered names of a collision, and the
// folders and files of --split-by from any party or issue name, however
// hostile (reserved device names, trailing dots and spaces, Windows'
// special characters).
func TestOutputNamesOnWindows(t *testing.T) {
	dir := t.TempDir()
	var all []string
	for _, f := range formats {
		all = append(all, f.name)
	}
	inputs := []string{"talks.xlsx", "Ukraine peace talks (v2) – final.xlsx", "україна.xlsx", "con1.xlsx", "a.b.xlsx", "talks.XLSX"}
	for i, in := range inputs {
		inputs[i] = filepath.Join(dir, in)
	}
	check := func(what, p string) {
		t.Helper()
		if prob := windowsNameProblem(filepath.Base(p)); prob != "" {
			t.Errorf("%s: %q: %s", what, filepath.Base(p), prob)
		}
	}
	pl, err := planExport(exportOptions{Formats: all, Order: "workbook"}, inputs)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ps := range pl.paths {
		for _, p := range ps {
			check("default name", p)
			n++
		}
	}
	if n != len(inputs)*len(formats) {
		t.Errorf("%d outputs planned, want %d", n, len(inputs)*len(formats))
	}
	for _, by := range []matrix.By{matrix.ByParty, matrix.ByIssue} {
		pl, err := planExport(exportOptions{Formats: all, Order: "workbook", SplitBy: by}, inputs)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range pl.splitDirs {
			check("--split-by folder", d)
		}
	}
	hostile := []string{"CON", "prn", "Aux", "NUL", "nul.txt", "COM1", "com9", "LPT1", "Lpt5", "CONIN$",
		"trailing dot.", "trailing dots...", "trailing space ", " . ", `<>:"/\|?*`, `a<b>c:d"e/f\g|h?i*j`,
		"tab\there", "new\nline", "..", ".", "", "Україна", strings.Repeat("ж", 300)}
	for _, name := range hostile {
		nm := newNamer()
		for _, f := range formats {
			for range 2 { // a collision numbers the second: NAME-2.pdf
				check(fmt.Sprintf("--split-by part %q", name), nm.path(dir, safeFileName(name), f.suffix))
			}
		}
	}
}
