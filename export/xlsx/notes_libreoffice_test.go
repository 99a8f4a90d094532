package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// TestNotesLibreOffice converts a workbook with many notes (most of them
// spliced in after excelize wrote the file) to OpenDocument with
// LibreOffice and checks that every note arrives as an annotation.
func TestNotesLibreOffice(t *testing.T) {
	soffice := need(t, "soffice")
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 30, Scripts: true, Seed: 4})
	m.SetNote(2, 3, "Ψήφος \"όχι\" <b> & 🇬🇷\nsecond line", m.Cell(2, 3).Release)
	var want []string
	for _, row := range m.Cells() {
		for _, c := range row {
			if c.Note != "" {
				want = append(want, c.Note)
			}
		}
	}
	if len(want) < 50 {
		t.Fatalf("only %d notes in the test matrix", len(want))
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := xlsx.Workbook(&buf, m, export.Options{}); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "notes.xlsx")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "ods", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "notes.ods"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var content string
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			content = string(b)
		}
	}
	if got := strings.Count(content, "<office:annotation"); got != len(want) {
		t.Errorf("LibreOffice shows %d annotations, want %d", got, len(want))
	}
	// Text as LibreOffice writes it: the note's first line, escaped.
	for _, w := range []string{want[0], want[len(want)-1], "Ψήφος &quot;όχι&quot; &lt;b&gt; &amp; 🇬🇷"} {
		if !strings.Contains(content, w) {
			t.Errorf("LibreOffice lost the note %q", w)
		}
	}
}
