package matrix

// AnalyzeOnCodes exposes, for the benchmarks, Analyze split in two: codes
// looks up every cell's stance (codesOf), and rest computes the analysis
// from those codes, so that the share of each can be measured.
func AnalyzeOnCodes(m *Matrix) (codes func(), rest func() *Analysis) {
	sc := codesOf(m)
	return func() { codesOf(m) }, func() *Analysis { return analyze(m, &sc, nil) }
}

// AnalyzeSteps exposes, for BenchmarkAnalyzeSteps, the steps of Analyze
// one by one, each on the results of the steps before it computed once.
func AnalyzeSteps(m *Matrix) []struct {
	Name string
	Run  func()
} {
	sc := codesOf(m)
	ag := agreementMatrix(m, &sc)
	d := distances(ag)
	st := issueStatistics(m, &sc)
	ranked := RankContested(st)
	return []struct {
		Name string
		Run  func()
	}{
		{"codes", func() { codesOf(m) }},
		{"table", func() { newAgreementTable(m, everything(len(m.Parties)), &sc) }},
		{"agreement", func() { agreementMatrix(m, &sc) }},
		{"distances", func() { distances(ag) }},
		{"map", func() { partyMap(m, ag, d) }},
		{"cluster", func() { blocsOf(m, cluster(d, scoredParties(ag), BlocAgreement)) }},
		{"issues", func() { issueStatistics(m, &sc) }},
		{"rank", func() { RankContested(st) }},
		{"profiles", func() { profileCategories(m, &sc) }},
		{"findings", func() { keyFindings(m, nil, st, ranked, ag) }},
		{"analyze", func() { analyze(m, &sc, nil) }},
	}
}

// TableRows returns the rows of the agreement table of every party of m,
// built from the stance codes (as the agreement matrix builds them) and
// from the cells one by one (as Agreement builds them).
func TableRows(m *Matrix) (fromCodes, fromCells [][]uint64) {
	sc := codesOf(m)
	all := everything(len(m.Parties))
	return newAgreementTable(m, all, &sc).rows, newAgreementTable(m, all, nil).rows
}
