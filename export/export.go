// Package export writes a stance matrix as a briefing or report: one file per
// output format, each a function that takes an io.Writer.
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
	// Font is a TrueType font replacing the embedded one, for scripts it
	// lacks; nil uses the embedded font.
	Font []byte
	// Changes, when non-nil, marks changed cells and adds a changes section.
	Changes *matrix.Changes
	// Warn receives non-fatal problems found while exporting (e.g. a
	// character the font cannot draw, naming its cell). May be nil.
	Warn func(matrix.Problem)
}

func (o Options) warn(p matrix.Problem) {
	if o.Warn != nil {
		o.Warn(p)
	}
}
