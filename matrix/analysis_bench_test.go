package matrix_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// benchMatrix is 200 parties × 1,000 issues, 10% blank cells, default scale
// (one label in six off the axis), party weights 1–3.
func anBenchMatrix() *matrix.Matrix {
	return matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 200, Issues: 1000, Seed: 1})
}

func BenchmarkAgreementMatrix(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.AgreementMatrix(m)
	}
}

func BenchmarkIssueStatistics(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.RankContested(matrix.IssueStatistics(m))
	}
}

func BenchmarkSimilarityOrder(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.SimilarityOrder(m)
	}
}

func BenchmarkKeyFindings(b *testing.B) {
	m := anBenchMatrix()
	old := anBenchMatrix()
	for i := range old.Cells() {
		if i%7 == 0 {
			old.SetStance(i, i%200, "Opposes")
		}
	}
	ch := matrix.Diff(old, m)
	for b.Loop() {
		matrix.KeyFindings(m, ch)
	}
}

// BenchmarkAnalysis is what a briefing computes: the agreement matrix, the
// issue figures and ranking, the similarity order and the key findings,
// each called on its own as an exporter would.
func BenchmarkAnalysis(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.AgreementMatrix(m)
		matrix.RankContested(matrix.IssueStatistics(m))
		matrix.SimilarityOrder(m)
		matrix.KeyFindings(m, nil)
	}
}

// BenchmarkDiff compares the matrix with a copy in which one cell in 20
// differs (10,000 changes).
func BenchmarkDiff(b *testing.B) {
	m := anBenchMatrix()
	old := anBenchMatrix()
	labels := old.Scale.Stances
	n := 0
	for i := range old.Issues {
		for p := range old.Parties {
			if n++; n%20 == 0 {
				st := old.Stance(i, p)
				k := slices.IndexFunc(labels, func(s matrix.Stance) bool { return s.Label == st })
				old.SetStance(i, p, labels[(k+1+len(labels))%len(labels)].Label)
			}
		}
	}
	if ch := matrix.Diff(old, m); len(ch.Cells) != 10000 {
		b.Fatalf("%d changes, want 10000", len(ch.Cells))
	}
	for b.Loop() {
		matrix.Diff(old, m)
	}
}

// BenchmarkAnalyze computes the same as BenchmarkAnalysis, the agreement
// matrix once.
func BenchmarkAnalyze(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.Analyze(m, nil)
	}
}

func BenchmarkMapParties(b *testing.B) {
	m := anBenchMatrix()
	for b.Loop() {
		matrix.MapParties(m)
	}
}

// BenchmarkAnalyzeParts measures Analyze at the sizes of the PDF's
// BenchmarkAnalysisShare, whole and in its two parts: codes, the lookup of
// every cell's stance on the scale (codesOf), and rest, the analysis from
// those codes. rest/analyze times the analysis's share of the PDF gives
// the share once the cells are stored as codes.
//
//	go test ./matrix -run '^$' -bench '^BenchmarkAnalyzeParts$' -benchtime 3x -count 5
func BenchmarkAnalyzeParts(b *testing.B) {
	for _, sz := range matrixtest.ScaleSizes[1:] {
		m := sz.Matrix()
		codes, rest := matrix.AnalyzeOnCodes(m)
		for _, part := range []struct {
			name string
			run  func()
		}{
			{"analyze", func() { matrix.Analyze(m, nil) }},
			{"codes", codes},
			{"rest", func() { rest() }},
		} {
			b.Run(sz.Name+"/"+part.name, func(b *testing.B) {
				cpu := matrixtest.CPUTime()
				for b.Loop() {
					part.run()
				}
				b.ReportMetric(float64(matrixtest.CPUTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}

// BenchmarkAnalyzeSteps measures the steps of Analyze one at a time at
// 200 × 6,000, the size where the analysis's share of the PDF is largest:
// codes (codesOf), table (the bit table the agreement counts from, part
// of agreement), agreement (the agreement matrix), distances, map
// (MapParties' classical scaling, its eigenvectors most of it), cluster
// (the similarity order and the blocs), issues (IssueStatistics), rank
// (RankContested), profiles (ProfileCategories), findings (KeyFindings,
// without changes), and analyze, all of them from the codes, with the
// steps that run beside each other on more than one core. cpu-ms/op is
// the process's CPU time per op, all threads.
//
//	go test ./matrix -run '^$' -bench '^BenchmarkAnalyzeSteps$' -benchtime 20x -count 5
func BenchmarkAnalyzeSteps(b *testing.B) {
	m := matrixtest.ScaleSizes[3].Matrix()
	for _, step := range matrix.AnalyzeSteps(m) {
		b.Run(step.Name, func(b *testing.B) {
			runtime.GC() // not the garbage of the matrix's making or of the step before
			cpu := matrixtest.CPUTime()
			for b.Loop() {
				step.Run()
			}
			b.ReportMetric(float64(matrixtest.CPUTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}
