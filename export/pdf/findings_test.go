package pdf_test

import (
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
)

// TestAuthorFindingsFirst checks that the author's own findings (the
// Findings sheet) open the key findings, marked as the author's, in their
// order, before the computed ones.
func TestAuthorFindingsFirst(t *testing.T) {
	needTool(t, "pdftotext")
	m := exporttest.Fixture()
	data, _ := exportPDF(t, m, export.Options{Sections: []string{"header", "findings"}})
	got := squeeze(body(text(t, writeTemp(t, data)), m))
	an := export.Options{}.AnalysisOf(m)
	want := []string{"Keyfindings"}
	for _, f := range m.Findings {
		want = append(want, squeeze(export.AuthorMark+": "+export.AuthorFinding(f)))
	}
	for _, f := range an.Findings {
		want = append(want, squeeze(f))
	}
	at := 0
	for _, w := range want {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Fatalf("after %q, text lacks %q:\n%s", got[:at], w, got)
		}
		at += i + len(w)
	}
}
