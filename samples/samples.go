// Package samples holds the sample stance-matrix workbooks shipped with stancematrix.
//
// The workbooks are generated from Go code in this package's tests, so the
// files and their curation cannot drift apart: run
//
//	go test ./samples -run TestGenerate -update
//
// after changing the data, and commit the rewritten files.
package samples

import "embed"

// FS holds the sample workbooks at its root: "ukraine-peace-talks.xlsx" and
// "custom-scale.xlsx". They are named one by one so that outputs exported
// next to them (e.g. ukraine-peace-talks-report.xlsx) are never embedded.
//
//go:embed ukraine-peace-talks.xlsx custom-scale.xlsx
var FS embed.FS
