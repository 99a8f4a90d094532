package xlsx_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
)

// xlNeed returns the path of an external program; without it the test
// fails on CI (CI=true) and is skipped elsewhere.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required on CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// TestXLSXLibreOffice converts reports to PDF with LibreOffice, headless, and
// checks that the conversion succeeds and the text is there, symbols
// included (they come from the cells' number formats).
func TestXLSXLibreOffice(t *testing.T) {
	soffice := need(t, "soffice")
	pdftotext := need(t, "pdftotext")
	dir := t.TempDir()
	fx := fixture()
	reports := map[string][]byte{
		"fixture.xlsx":  report(t, fx, export.Options{Changes: changes(fx)}),
		"custom.xlsx":   report(t, customScale(), export.Options{}),
		"template.xlsx": workbook(t, nil, export.Options{}),
	}
	out := convertPDF(t, soffice, dir, reports)
	text := func(name string) string {
		pdf := filepath.Join(out, strings.TrimSuffix(name, ".xlsx")+".pdf")
		b, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		return string(b)
	}
	for name, want := range map[string][]string{
		"fixture.xlsx": {
			"Internal — not for circulation", "++ Supports", "−− Opposes", "~ Conditional", "? Unclear",
			"Україна", "Россия", "Ελλάδα", injection, "Zelenskyy rules it out", "Україна не визнаватиме окупацію Криму",
			"https://example.org/a?x=1&y=2", "towards support", "Weighted", "Agreement", "How to read the Matrix sheet",
			"Matrix · page 1 of", "Мирні переговори",
		},
		"custom.xlsx":   {`"Y" Yes`, `\? Say "maybe"`, "@ No", "Silent"},
		"template.xlsx": {"How to fill in this stance matrix", "Supports", "Leans support", "Classification"},
	} {
		got := text(name)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the PDF lacks %q", name, w)
			}
		}
		if t.Failed() {
			t.Logf("%s text:\n%s", name, got)
		}
	}
}

// TestXLSXLibreOfficeResave saves the report and the input workbook with
// LibreOffice Calc, as a colleague editing them would, and checks that they
// still read as the same matrix with their dropdowns and links.
func TestXLSXLibreOfficeResave(t *testing.T) {
	soffice := need(t, "soffice")
	dir := t.TempDir()
	fx := fixture()
	files := map[string][]byte{
		"report.xlsx":   report(t, fx, export.Options{Changes: changes(fx)}),
		"workbook.xlsx": workbook(t, fx, export.Options{}),
	}
	var args []string
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(dir, name))
	}
	out := filepath.Join(dir, "saved")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, append([]string{
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for name := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			got := readBack(t, data, name)
			sameMatrix(t, fx, got)
			f := open(t, data)
			checkDropdowns(t, f, "Matrix")
			if ok, target, _ := f.GetCellHyperLink("Evidence", "I2"); !ok || target != fx.Evidence[0].URL {
				t.Errorf("Evidence!I2 links to %q (%v)", target, ok)
			}
		})
	}
}

// convertPDF writes each workbook into dir under its name, converts them all
// to PDF with LibreOffice, headless, in one run, and returns the folder of
// the PDFs (NAME.pdf for NAME.xlsx).
func convertPDF(t *testing.T, soffice, dir string, books map[string][]byte) string {
	t.Helper()
	var args []string
	for name, data := range books {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, filepath.Join(dir, name))
	}
	sort.Strings(args)
	out := filepath.Join(dir, "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, append([]string{
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", out}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return out
}
