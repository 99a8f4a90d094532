// Package export holds what the output formats share: the Options every
// format takes, and the rules that must read the same in every format (the
// document title, dates, figures, the index of evidence and changes by cell).
// Each format is a package of its own under export/ (pdf, xlsx, json, csv,
// markdown) with a function that takes an io.Writer; no format imports
// another.
package export

import (
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// Options are shared by every exporter. The zero value gives the defaults.
type Options struct {
	// Now is the date written into document metadata (creation and
	// modification dates). The caller sets it from SOURCE_DATE_EPOCH or the
	// workbook's As of date; exporters never read the clock.
	Now time.Time
	// Title overrides About.Title.
	Title string
	// Paper is "a4" (default) or "letter".
	Paper string
	// Orientation is "auto" (default), "portrait" or "landscape".
	Orientation string
	// Sections lists the PDF sections to include, in the fixed order;
	// nil means the default set.
	Sections []string
	// Detail is how much of a large matrix the PDF prints: "auto" (the
	// default, also ""), "summary" or "full". "full" prints the whole
	// matrix and every issue in detail; "summary" prints it summary-first
	// (the matrix as a compact overview, the detail of the most contested
	// issues only, and a statement of what is left out); "auto" is
	// "summary" above the size a reader can take in (see Large) and
	// "full" otherwise. The other formats ignore it.
	Detail string
	// FullDetail tells the reader of a summary-first PDF how to get the
	// full one; it ends the PDF's statement of what it leaves out. The
	// command line sets it, naming its own flag ("export again with
	// --detail full"); empty gives a sentence without.
	FullDetail string
	// Font is a TrueType font replacing the embedded one, for scripts it
	// lacks; nil uses the embedded font.
	Font []byte
	// Changes, when non-nil, marks changed cells and adds a changes section.
	Changes *matrix.Changes
	// History, when non-nil, adds "How positions moved" to the PDF and
	// HTML and a History sheet to the XLSX report: the history of the
	// workbook's dated snapshots (matrix.NewHistory). Nil leaves every
	// output as without it.
	History *matrix.History
	// Analysis is matrix.Analyze of the document and Changes, computed once
	// by the caller and shared by every format written from it; nil makes
	// each format compute it (see AnalysisOf).
	Analysis *matrix.Analysis
	// Version is the tool's version ("v1.2.0", "(devel)"), written with
	// the input's SHA-256 (matrix.Matrix.SHA256) as the output's
	// provenance; empty leaves it out.
	Version string
	// ProvenanceComment starts the CSV with a comment line holding the
	// provenance ("# source: … sha256: … stancematrix: … as-of: …"),
	// which readers must be told to skip; the other formats always carry
	// their provenance in their own place.
	ProvenanceComment bool
	// ByteOrderMark starts the CSV with a UTF-8 byte order mark, which
	// Excel needs to read a double-clicked CSV as UTF-8; other programs
	// take it for part of the first header. The other formats ignore it.
	ByteOrderMark bool
	// Warn receives non-fatal problems found while exporting (e.g. a
	// character the font cannot draw, naming its cell). May be nil.
	Warn func(matrix.Problem)
}

// Warning passes p to o.Warn, if it is set.
func (o Options) Warning(p matrix.Problem) {
	if o.Warn != nil {
		o.Warn(p)
	}
}

// AnalysisOf returns o.Analysis, or, when it is nil, the analysis of m with
// o.Changes.
func (o Options) AnalysisOf(m *matrix.Matrix) *matrix.Analysis {
	if o.Analysis != nil {
		return o.Analysis
	}
	return matrix.Analyze(m, o.Changes)
}

// EditionBanner returns the banner of m's edition when its workbook marks
// release levels (matrix.Matrix.Edition sets it in About.Classification);
// "" for a workbook that marks nothing, whose outputs carry only their own
// Classification as before.
func EditionBanner(m *matrix.Matrix) string {
	if !m.Marked {
		return ""
	}
	return m.About.Classification
}
