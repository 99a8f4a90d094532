package exporttest

import (
	"bytes"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// HandedAnalysis checks that write shows the analysis handed to it in
// Options.Analysis instead of computing its own: the fixture is exported
// with its real analysis whose key findings are replaced by a marker, and
// text (which turns the output into text, e.g. a PDF's) must show the
// marker.
func HandedAnalysis(t *testing.T, write Writer, text func([]byte) string) {
	t.Helper()
	m := Fixture()
	an := matrix.Analyze(m, nil)
	an.Findings = []string{"Handed-down-finding-7f3a."}
	out := Bytes(t, write, m, export.Options{Analysis: an})
	if got := text(out); !bytes.Contains([]byte(got), []byte("Handed-down-finding-7f3a.")) {
		t.Errorf("the output does not show the analysis in Options.Analysis")
	}
}
