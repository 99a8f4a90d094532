// Package samples holds the sample stance-matrix workbooks shipped with stancematrix.
//
// The workbooks are generated from Go code in this package's tests, so the
// files and their curation cannot drift apart: run
//
//	go test ./samples -run TestGenerate -update-samples
//
// after changing the data, and commit the rewritten files.
package samples

import "embed"

// FS holds every sample workbook (*.xlsx) at its root, e.g.
// "ukraine-peace-talks.xlsx".
//
//go:embed *.xlsx
var FS embed.FS
