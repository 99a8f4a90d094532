package pdf_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
)

// uris returns the distinct URIs of the file's link annotations, sorted,
// as qpdf reads them.
func uris(t testing.TB, file string) []string {
	t.Helper()
	var list []string
	for _, a := range annotations(t, file) {
		if a.A.URI != "" {
			list = append(list, a.A.URI)
		}
	}
	sort.Strings(list)
	return slices.Compact(list) // a link that wraps has one annotation a line
}

// TestPDFLinkURIs checks that a source URL with spaces and letters outside
// ASCII opens its percent-encoded address, while the page shows the URL
// as written.
func TestPDFLinkURIs(t *testing.T) {
	raw := "https://example.org/Zürich talks/Київ?q=a b&c=%20"
	m := exporttest.TextMatrix("Party", "Issue", "note", "quote", raw)
	data, _ := exportPDF(t, m, export.Options{})
	file := writeTemp(t, data)
	got := uris(t, file)
	want := []string{
		"u:https://example.org/Z%C3%BCrich%20talks/%D0%9A%D0%B8%D1%97%D0%B2?q=a%20b&c=%20",
		"u:https://example.org/https://example.org/Z%C3%BCrich%20talks/%D0%9A%D0%B8%D1%97%D0%B2?q=a%20b&c=%20",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("link URIs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if txt := squeeze(text(t, file)); !strings.Contains(txt, squeeze(raw)) {
		t.Errorf("the page does not show the URL as written, %q", raw)
	}
}
