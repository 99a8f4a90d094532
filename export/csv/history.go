package csv

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// HistoryHeader is the header row written by History, in column order.
var HistoryHeader = []string{"date", "party", "issue", "stance", "score"}

// History writes a history as tidy long data: one header row
// (HistoryHeader), then one row per date × party × issue, dates oldest
// first, parties and issues in the history's order. Only cells in the
// matrix of their date are written (a party or issue absent on a date has
// no rows for it), so a series whose parties and issues are all present on
// every date has exactly dates × parties × issues rows. Party and issue are
// the names of the history's tracks (the names at the last date each is
// present), so that one party keeps one name across dates; date is
// YYYY-MM-DD; a blank cell has empty stance and score, and an off-axis
// stance an empty score. Quoting, the formula guard and the byte order mark
// (opt.ByteOrderMark) are those of Write.
func History(w io.Writer, h *matrix.History, opt export.Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if opt.ByteOrderMark {
		bw.WriteString("\uFEFF")
	}
	// The marking travels with the file, as in Write.
	if _, b := h.Edition(); b != "" {
		bw.WriteString("# " + strings.Join(strings.Fields(strings.ToValidUTF8(b, "\uFFFD")), " ") + "\n")
	}
	record(bw, HistoryHeader)
	parties := make([]string, len(h.Parties))
	for p, t := range h.Parties {
		parties[p] = text(t.Name)
	}
	issues := make([]string, len(h.Issues))
	for i, t := range h.Issues {
		issues[i] = text(t.Name)
	}
	row := make([]string, len(HistoryHeader))
	for d, st := range h.States {
		date := st.Date.Format(time.DateOnly)
		scores := map[string]string{"": ""}
		for p := range h.Parties {
			for i := range h.Issues {
				stance, ok := h.Stance(i, p, d)
				if !ok {
					continue
				}
				score, known := scores[stance]
				if !known {
					if v, ok := st.Matrix.Scale.Score(stance); ok && export.Finite(v) {
						if v == 0 {
							v = 0 // no -0
						}
						score = strconv.FormatFloat(v, 'f', -1, 64)
					}
					scores[stance] = score
				}
				row = append(row[:0], date, parties[p], issues[i], text(stance), score)
				record(bw, row)
			}
		}
	}
	return bw.Flush()
}
