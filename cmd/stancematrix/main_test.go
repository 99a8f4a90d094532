package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"stancematrix": main,
		"wildrun":      wildRunMain,
	})
}

// TestScripts runs the end-to-end CLI tests in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	samples, _ := filepath.Glob("../../samples/*.xlsx")
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The samples, so scripts can use them without committing copies.
			if err := os.Mkdir(filepath.Join(env.WorkDir, "samples"), 0o755); err != nil {
				return err
			}
			for _, s := range samples {
				b, err := os.ReadFile(s)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(env.WorkDir, "samples", filepath.Base(s)), b, 0o644); err != nil {
					return err
				}
			}
			env.Setenv("NO_COLOR", "")
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			case "pdftotext":
				// Guards PDF text checks: missing poppler fails under CI
				// and skips those lines otherwise.
				if _, err := exec.LookPath("pdftotext"); err != nil {
					if os.Getenv("CI") == "true" {
						return false, fmt.Errorf("pdftotext is missing (install poppler-utils)")
					}
					return false, nil
				}
				return true, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkbook":   cmdMkbook,
			"xlsx2txt": cmdXlsx2txt,
			"pdftext":  cmdPdftext,
			"truncate": cmdTruncate,
			"exitcode": cmdExitcode,
			"notemp":   cmdNotemp,
			"lsr":      cmdLsr,
			"mkfont":   cmdMkfont,
			"sha256":   cmdSha256,
			"editbook": cmdEditbook,
			"nlines":   cmdNlines,
		},
		RequireExplicitExec: false,
	})
}

// cmdMkbook builds a workbook from a compact text description:
//
//	mkbook DESC.txt OUT.xlsx
//
// In DESC, "[Sheet name]" starts a sheet; each following line is one row of
// comma-separated cells (CSV quoting); a cell that parses as a number is
// written as a number unless it starts with "'"; "!note B2 text" adds a
// comment to a cell of the current sheet; "!threaded B2 text" adds the
// legacy copy Excel writes of a threaded comment (a reviewer discussion);
// lines starting with "#" are ignored.
func cmdMkbook(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbook DESC OUT.xlsx")
	}
	desc, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := buildWorkbook(string(desc))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
}

// buildWorkbook builds an .xlsx from the mkbook description.
func buildWorkbook(desc string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := ""
	row := 0
	for n, line := range strings.Split(desc, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			name := line[1 : len(line)-1]
			if sheet == "" {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return nil, err
				}
			} else if _, err := f.NewSheet(name); err != nil {
				return nil, err
			}
			sheet, row = name, 0
			continue
		case sheet == "":
			if strings.TrimSpace(line) == "" {
				continue
			}
			return nil, fmt.Errorf("line %d: cells before the first [Sheet]", n+1)
		case strings.HasPrefix(line, "!note "):
			parts := strings.SplitN(line, " ", 3)
			if len(parts) != 3 {
				return nil, fmt.Errorf("line %d: want !note CELL text", n+1)
			}
			if err := f.AddComment(sheet, excelize.Comment{Cell: parts[1], Author: "test", Text: parts[2]}); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(line, "!threaded "):
			parts := strings.SplitN(line, " ", 3)
			if len(parts) != 3 {
				return nil, fmt.Errorf("line %d: want !threaded CELL text", n+1)
			}
			text := "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    " + parts[2]
			if err := f.AddComment(sheet, excelize.Comment{Cell: parts[1], Author: "tc={5B0C4A2E-0000-4000-8000-000000000001}", Text: text}); err != nil {
				return nil, err
			}
			continue
		}
		row++
		if strings.TrimSpace(line) == "" {
			continue
		}
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = true
		cells, err := r.Read()
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n+1, err)
		}
		for c, v := range cells {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, row)
			var val any = v
			if strings.HasPrefix(v, "'") {
				val = v[1:]
			} else if x, err := strconv.ParseFloat(v, 64); err == nil {
				val = x
			}
			if err := f.SetCellValue(sheet, ref, val); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cmdXlsx2txt prints every sheet of a workbook as text: "== Sheet", then
// one line per row with cells joined by " | ", then the sheet's comments.
func cmdXlsx2txt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: xlsx2txt FILE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	w := ts.Stdout()
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(w, "== %s\n", sh)
		rows, err := f.GetRows(sh)
		ts.Check(err)
		for _, r := range rows {
			fmt.Fprintln(w, strings.Join(r, " | "))
		}
		cs, err := f.GetComments(sh)
		ts.Check(err)
		for _, c := range cs {
			text := c.Text
			if text == "" {
				for _, p := range c.Paragraph {
					text += p.Text
				}
			}
			fmt.Fprintf(w, "note %s: %s\n", c.Cell, text)
		}
	}
}

// cmdPdftext prints the text of a PDF with poppler's pdftotext. Scripts
// guard it with the [pdftotext] condition.
func cmdPdftext(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: pdftext FILE")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", ts.MkAbs(args[0]), "-").Output()
	ts.Check(err)
	ts.Stdout().Write(out)
}

// cmdSha256 sets the environment variable VAR to the SHA-256 of FILE as
// coreutils' sha256sum prints it (run, not computed here, so that the tool's
// own digest is checked against an independent one):
//
//	sha256 FILE VAR
func cmdSha256(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sha256 FILE VAR")
	}
	out, err := exec.Command("sha256sum", ts.MkAbs(args[0])).Output()
	ts.Check(err)
	f := strings.Fields(string(out))
	if len(f) == 0 || len(f[0]) != 64 {
		ts.Fatalf("sha256sum printed %q", out)
	}
	ts.Setenv(args[1], f[0])
}

// cmdTruncate writes the first N bytes (or N% with a "%" suffix) of IN to
// OUT: a broken, half-written workbook.
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: truncate IN OUT N[%%]")
	}
	b, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	n := 0
	if p, ok := strings.CutSuffix(args[2], "%"); ok {
		pct, err := strconv.Atoi(p)
		ts.Check(err)
		n = len(b) * pct / 100
	} else {
		n, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b[:min(n, len(b))], 0o644))
}

// cmdExitcode runs a program and checks its exact exit status:
//
//	exitcode N CMD ARGS...
//
// The program's stdout and stderr become the script's stdout and stderr.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N CMD ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "WORK", "NO_COLOR", "SOURCE_DATE_EPOCH", "COLUMNS", "CI"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
	err = cmd.Run()
	got := 0
	if ee, ok := err.(*exec.ExitError); ok {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdNotemp fails when DIR (default .) holds a temporary file left by an
// atomic write (".NAME-*.tmp").
func cmdNotemp(ts *testscript.TestScript, neg bool, args []string) {
	dir := "."
	if len(args) > 0 {
		dir = args[0]
	}
	ents, err := os.ReadDir(ts.MkAbs(dir))
	ts.Check(err)
	for _, e := range ents {
		if !e.IsDir() && strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), ".tmp") {
			ts.Fatalf("temporary file left behind: %s", filepath.Join(dir, e.Name()))
		}
	}
}

// cmdLsr lists every file under DIR, one relative path per line, sorted.
func cmdLsr(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: lsr DIR")
	}
	root := ts.MkAbs(args[0])
	ts.Check(filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintln(ts.Stdout(), filepath.ToSlash(rel))
		return nil
	}))
}

// cmdMkfont writes a TrueType font (Liberation Serif) to FILE, for --font.
func cmdMkfont(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfont FILE.ttf")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), liberationserifregular.TTF, 0o644))
}

// cmdEditbook writes a copy of a workbook with some cells set:
//
//	editbook IN.xlsx OUT.xlsx Sheet!A1=value...
//
// An empty value clears the cell.
func cmdEditbook(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: editbook IN.xlsx OUT.xlsx Sheet!A1=value...")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	for _, a := range args[2:] {
		ref, val, ok := strings.Cut(a, "=")
		sheet, cell, ok2 := strings.Cut(ref, "!")
		if !ok || !ok2 {
			ts.Fatalf("editbook: want Sheet!A1=value, not %q", a)
		}
		ts.Check(f.SetCellValue(sheet, cell, val))
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// cmdNlines checks the number of lines of a file:
//
//	nlines N FILE
func cmdNlines(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: nlines N FILE")
	}
	n := strings.Count(ts.ReadFile(args[1]), "\n")
	if (strconv.Itoa(n) == args[0]) == neg {
		ts.Fatalf("%s has %d lines, want %s%s", args[1], n, map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}
