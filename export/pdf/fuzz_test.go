package pdf_test

// The fuzz target of the PDF briefing, over the matrices of
// exporttest.Generate.

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
)

// tool returns the path of an external program, or "" when it is missing
// (a failure under CI, where every tool must be installed).
func tool(t *testing.T, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI", name)
		}
		return ""
	}
	return p
}

// checkWarnings checks that every warning is a warning about the matrix's
// file that names a place: a sheet (and a cell or a row where it has one),
// or the title option, which has none.
func checkWarnings(t *testing.T, m *matrix.Matrix, warns []matrix.Problem) {
	t.Helper()
	for _, w := range warns {
		if w.Severity != matrix.Warning || w.Msg == "" || w.File != m.Source {
			t.Fatalf("bad warning %+v", w)
		}
		if w.Sheet == "" && !strings.Contains(w.Msg, "title option") {
			t.Fatalf("warning names no place: %+v", w)
		}
		if w.Sheet == "Evidence" && !strings.HasPrefix(w.Msg, "row ") {
			t.Fatalf("evidence warning names no row: %+v", w)
		}
	}
}

// FuzzPDF exports generated matrices as PDF: the export never panics (PDF
// turns a panic into an "internal error", which fails here), returns a
// complete PDF file or an error, and reports undrawable characters as
// warnings that name their place. On the seed corpus in a plain `go test`
// the PDF also passes `qpdf --check` and two runs give the same bytes.
func FuzzPDF(f *testing.F) {
	exporttest.AddSeeds(f)
	fuzzing := exporttest.Fuzzing()
	f.Fuzz(func(t *testing.T, a, b, c string, parties, issues uint16, seed uint64) {
		np, ni := exporttest.Bounds(parties, issues, !fuzzing)
		g := exporttest.Generate(exporttest.Texts(a, b, c), np, ni, seed)
		var warns []matrix.Problem
		g.Opt.Warn = func(p matrix.Problem) { warns = append(warns, p) }
		var out bytes.Buffer
		err := pdf.Write(&out, g.M, g.Opt)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("PDF panicked: %v", err)
			}
			if g.Opt.Font == nil {
				// The embedded font and valid options leave no reason to fail.
				t.Fatalf("PDF failed: %v", err)
			}
			return
		}
		doc := out.Bytes()
		if !bytes.HasPrefix(doc, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(doc, "\r\n"), []byte("%%EOF")) {
			t.Fatalf("not a complete PDF file (%d bytes)", len(doc))
		}
		checkWarnings(t, g.M, warns)
		if fuzzing {
			return
		}
		var again bytes.Buffer
		g.Opt.Warn = nil
		if err := pdf.Write(&again, g.M, g.Opt); err != nil || !bytes.Equal(doc, again.Bytes()) {
			t.Fatalf("a second export differs (err %v)", err)
		}
		if qpdf := tool(t, "qpdf"); qpdf != "" {
			file := filepath.Join(t.TempDir(), "fuzz.pdf")
			if err := os.WriteFile(file, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(qpdf, "--check", file).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
		}
	})
}
