package csv_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	exportcsv "github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/matrix"
)

func analysisTable(t *testing.T, m *matrix.Matrix, table string) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := exportcsv.Analysis(&b, m, table, export.Options{}); err != nil {
		t.Fatal(err)
	}
	return readCSV(t, b.Bytes())
}

func TestAnalysisTables(t *testing.T) {
	m := exporttest.Agreeing("A", "B", "C", "=D")
	pairs := analysisTable(t, m, "pairs")
	want := [][]string{
		{"party_a", "party_b", "agreement", "shared", "counts"},
		{"A", "B", "1", "3", "true"},
		{"A", "C", "0", "3", "true"},
		{"A", "'=D", "1", "1", "false"},
		{"B", "C", "0", "3", "true"},
		{"B", "'=D", "1", "1", "false"},
		{"C", "'=D", "0", "1", "false"},
	}
	if !slices.EqualFunc(pairs, want, slices.Equal) {
		t.Errorf("pairs:\n got %q\nwant %q", pairs, want)
	}

	parties := analysisTable(t, m, "parties")
	if len(parties) != 5 {
		t.Fatalf("parties: %d rows, want 5", len(parties))
	}
	bloc := map[string]string{}
	for _, r := range parties[1:] {
		bloc[r[0]] = r[5]
		if r[4] == "" {
			t.Errorf("party %s has no place in the similarity order", r[0])
		}
		// A, B and C are on the map; D shares too few issues and is
		// left out with the reason.
		if onMap := r[0] != "'=D"; (r[6] != "" && r[7] != "" && r[8] == "") != onMap {
			t.Errorf("party %s: x %q y %q left out %q; on the map: %v", r[0], r[6], r[7], r[8], onMap)
		}
	}
	if bloc["A"] != "A" || bloc["B"] != "A" || bloc["C"] != "" || bloc["'=D"] != "" {
		t.Errorf("blocs %v, want A and B in bloc A", bloc)
	}

	issues := analysisTable(t, m, "issues")
	if len(issues) != 4 || issues[1][0] != "I1" || issues[1][5] != "4" || issues[1][6] != "4" {
		t.Errorf("issues: %q", issues)
	}

	split := analysisTable(t, m, "split")
	if len(split) != 1+3*len(m.Scale.Stances) {
		t.Fatalf("split: %d rows, want %d", len(split), 1+3*len(m.Scale.Stances))
	}
	got := map[string]string{}
	for _, r := range split[1:] {
		got[r[0]+" "+r[1]] = r[4] + " " + r[5]
	}
	for k, v := range map[string]string{"I1 Supports": "3 0.75", "I1 Opposes": "1 0.25", "I2 Supports": "2 0.6667", "I3 Conditional": "0 0"} {
		if got[k] != v {
			t.Errorf("split %s = %q, want %q", k, got[k], v)
		}
	}

	var b bytes.Buffer
	if err := exportcsv.Analysis(&b, m, "cells", export.Options{}); err == nil || !strings.Contains(err.Error(), "pairs, parties, issues, split") {
		t.Errorf("unknown table: err %v, want the valid names", err)
	}
}

// TestAnalysisHandedAnalysis checks that the tables print the analysis
// handed to them, not one of their own.
func TestAnalysisHandedAnalysis(t *testing.T) {
	m := exporttest.Agreeing("A", "B", "C", "=D")
	an := matrix.Analyze(m, nil)
	an.Agreement[0][1].Agreement = 0.123456
	var b bytes.Buffer
	if err := exportcsv.Analysis(&b, m, "pairs", export.Options{Analysis: an}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "A,B,0.1235,3,true") {
		t.Errorf("the handed analysis is not printed:\n%s", b.String())
	}
}

// TestAnalysisWeightsAndCategories checks the split's weight columns and
// the categories table on the known matrix with weights and categories.
func TestAnalysisWeightsAndCategories(t *testing.T) {
	m := exporttest.Agreeing("A", "B", "C", "D")
	m.Parties[0].Weight = 3 // A: 3, B and C: 1, D: 1
	m.Issues[0].Category, m.Issues[1].Category, m.Issues[2].Category = "Security", "Security", "Trade"
	split := analysisTable(t, m, "split")
	if got := split[0][6:]; !slices.Equal(got, []string{"weight", "weight_share"}) {
		t.Fatalf("split columns %q", split[0])
	}
	got := map[string]string{}
	for _, r := range split[1:] {
		got[r[0]+" "+r[1]] = r[6] + " " + r[7]
	}
	// I1: A (3), B (1) and D (1) support, C (1) opposes: 5 of 6.
	for k, v := range map[string]string{"I1 Supports": "5 0.8333", "I1 Opposes": "1 0.1667", "I1 Conditional": "0 0"} {
		if got[k] != v {
			t.Errorf("split %s weight = %q, want %q", k, got[k], v)
		}
	}
	cats := analysisTable(t, m, "categories")
	want := [][]string{
		{"party", "category", "mean", "scored", "issues"},
		{"A", "Security", "2", "2", "2"}, {"A", "Trade", "-2", "1", "1"},
		{"B", "Security", "2", "2", "2"}, {"B", "Trade", "-2", "1", "1"},
		{"C", "Security", "-2", "2", "2"}, {"C", "Trade", "2", "1", "1"},
		{"D", "Security", "2", "1", "2"}, {"D", "Trade", "", "0", "1"},
	}
	if !slices.EqualFunc(cats, want, slices.Equal) {
		t.Errorf("categories:\n got %q\nwant %q", cats, want)
	}
}
