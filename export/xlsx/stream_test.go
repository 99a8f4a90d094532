package xlsx_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// tmpSpy is a writer that, at its first write, lists the temporary folder
// (excelize's stream files are still open then: the workbook is closed
// after it is written), and then fails if fail is set.
type tmpSpy struct {
	dir    string
	seen   []string
	called bool
	fail   bool
}

var errSpy = errors.New("disk full")

func (s *tmpSpy) Write(p []byte) (int, error) {
	if !s.called {
		s.called = true
		ents, _ := os.ReadDir(s.dir)
		for _, e := range ents {
			s.seen = append(s.seen, e.Name())
		}
	}
	if s.fail {
		return 0, errSpy
	}
	return len(p), nil
}

// TestXLSXStreamTempRemoved checks that the temporary file excelize's
// StreamWriter keeps in TMPDIR for a large Evidence sheet (over 16 MB of
// XML) is removed when the export ends, also when writing fails.
func TestXLSXStreamTempRemoved(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a report of 25,000 evidence rows")
	}
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 20, Issues: 50, Evidence: 25000, QuoteChars: 300, Seed: 7})
	for _, fail := range []bool{false, true} {
		dir := t.TempDir()
		t.Setenv("TMPDIR", dir)
		spy := &tmpSpy{dir: dir, fail: fail}
		err := xlsx.Report(spy, m, export.Options{})
		if fail != (err != nil) || fail && !errors.Is(err, errSpy) {
			t.Fatalf("fail=%v: err %v", fail, err)
		}
		if len(spy.seen) != 1 || !strings.HasPrefix(spy.seen[0], "excelize-") {
			t.Errorf("fail=%v: TMPDIR held %q while writing, want one excelize- stream file", fail, spy.seen)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("fail=%v: %d files left in TMPDIR, e.g. %s", fail, len(ents), ents[0].Name())
		}
	}
}
