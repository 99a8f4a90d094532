package json_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	exportjson "github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func TestGolden(t *testing.T) {
	m := exporttest.Fixture()
	matrixtest.Golden(t, "testdata/matrix.json", exporttest.Bytes(t, exportjson.Write, m, export.Options{}))
	matrixtest.Golden(t, "testdata/changes.json", exporttest.Bytes(t, exportjson.Write, m, export.Options{Changes: exporttest.FixtureChanges(), Title: "Briefing [draft]"}))
	matrixtest.Golden(t, "testdata/analysis.json", exporttest.Bytes(t, exportjson.Analysis, m, export.Options{}))
	var b bytes.Buffer
	if err := exportjson.Changes(&b, exporttest.FixtureChanges()); err != nil {
		t.Fatal(err)
	}
	matrixtest.Golden(t, "testdata/diff.json", b.Bytes())
}

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, exportjson.Write) }

// FuzzJSON exports a matrix of fuzzed texts: the documents are valid JSON,
// and texts that are valid UTF-8 come back exactly.
func FuzzJSON(f *testing.F) {
	exporttest.AddTextSeeds(f)
	f.Fuzz(func(t *testing.T, party, issue, note, quote, url string) {
		m := exporttest.TextMatrix(party, issue, note, quote, url)
		opt := export.Options{Changes: exporttest.FuzzChanges(party, issue, note)}
		out := exporttest.Bytes(t, exportjson.Write, m, opt)
		var doc doc
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("json is invalid: %v", err)
		}
		if utf8.ValidString(party) && doc.Parties[0].Name != party {
			t.Fatalf("party name %q came back as %q", party, doc.Parties[0].Name)
		}
		if utf8.ValidString(note) && doc.Cells[0].Note != note {
			t.Fatalf("note %q came back as %q", note, doc.Cells[0].Note)
		}
		if !json.Valid(exporttest.Bytes(t, exportjson.Analysis, m, opt)) {
			t.Fatalf("analysis json is invalid")
		}
		var b bytes.Buffer
		if err := exportjson.Changes(&b, opt.Changes); err != nil || !json.Valid(b.Bytes()) {
			t.Fatalf("changes json is invalid (%v)", err)
		}
	})
}

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, exportjson.Write, func(b []byte) string { return string(b) })
	exporttest.HandedAnalysis(t, exportjson.Analysis, func(b []byte) string { return string(b) })
}
