package matrix

// AnalyzeOnCodes exposes, for the benchmarks, Analyze split in two: codes
// looks up every cell's stance (codesOf), and rest computes the analysis
// from those codes, so that the share of each can be measured.
func AnalyzeOnCodes(m *Matrix) (codes func(), rest func() *Analysis) {
	sc := codesOf(m)
	return func() { codesOf(m) }, func() *Analysis { return analyze(m, &sc, nil) }
}
