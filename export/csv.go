package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// CSVHeader is the header row written by CSV, in column order.
var CSVHeader = []string{
	"issue", "issue_short", "category",
	"party", "party_short", "group",
	"stance", "score", "symbol", "note",
	"evidence_count", "evidence_date", "evidence_source", "evidence_url",
}

// CSV writes m as a tidy table: one header row (CSVHeader), then one row per
// issue × party, issue-major, both in display order. A blank cell has empty
// stance, score and symbol; score is empty too for an off-axis stance. The
// evidence columns describe the newest evidence row for the cell (empty when
// there is none) and how many rows there are.
//
// The output is UTF-8 without a byte order mark, comma-separated, with "\n"
// line ends and fields quoted only where needed (RFC 4180 otherwise).
// Invalid UTF-8 in the input becomes U+FFFD. As the OWASP CSV-injection
// guidance says, a text field that starts with =, +, -, @, tab or carriage
// return gets a leading single quote so that no spreadsheet runs it as a
// formula; the numeric columns (score, evidence_count) are never changed.
func CSV(w io.Writer, m *matrix.Matrix, opt Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	ev := textEvidenceByCell(m)
	symbols := make(map[string]string, len(m.Scale.Stances))
	for _, st := range m.Scale.Stances {
		if _, dup := symbols[st.Label]; !dup {
			symbols[st.Label] = st.Symbol
		}
	}
	row := make([]string, len(CSVHeader))
	for i, is := range m.Issues {
		if i >= len(m.Cells) {
			break
		}
		for p, pa := range m.Parties {
			if p >= len(m.Cells[i]) {
				break
			}
			c := m.Cells[i][p]
			score := ""
			if v, ok := m.Scale.Score(c.Stance); ok && textFinite(v) {
				if v == 0 {
					v = 0 // no -0
				}
				score = strconv.FormatFloat(v, 'f', -1, 64)
			}
			var count, date, source, url string
			if list := ev[textCellKey{pa.Name, is.Name}]; len(list) > 0 {
				e := m.Evidence[list[0]]
				count = strconv.Itoa(len(list))
				date, source, url = textDate(e.Date), e.Source, e.URL
			} else {
				count = "0"
			}
			row = append(row[:0],
				csvText(is.Name), csvText(is.Short), csvText(is.Category),
				csvText(pa.Name), csvText(pa.Short), csvText(pa.Group),
				csvText(c.Stance), score, csvText(symbols[c.Stance]), csvText(c.Note),
				count, csvText(date), csvText(source), csvText(url),
			)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvText makes user text safe for a CSV cell: valid UTF-8, and a leading
// single quote when it starts with a character that a spreadsheet would take
// for the start of a formula (OWASP: =, +, -, @, tab, carriage return).
func csvText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
