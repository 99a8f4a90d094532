// Package csv writes the matrix as a tidy table, one row per issue and
// party, safe to open in a spreadsheet.
package csv

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// Header is the header row written by Write, in column order.
var Header = []string{
	"issue", "issue_short", "category",
	"party", "party_short", "group",
	"stance", "score", "symbol", "note",
	"evidence_count", "evidence_date", "evidence_source", "evidence_url",
}

// Write writes m as a tidy table: one header row (Header), then one row per
// issue × party, issue-major, both in display order. A blank cell has empty
// stance, score and symbol; score is empty too for an off-axis stance. The
// evidence columns describe the newest evidence row for the cell (empty when
// there is none) and how many rows there are.
//
// The output is UTF-8, comma-separated, with "\n" line ends (RFC 4180
// otherwise), and without a byte order mark unless opt.ByteOrderMark asks
// for one (Excel reads a CSV without one in the system's legacy code page). A field is quoted when it holds a comma,
// semicolon, tab, double quote or line break or starts or ends with a space;
// the semicolon and tab are quoted too so that a spreadsheet that splits on
// them (Excel in many European locales) still sees one cell. Invalid UTF-8
// in the input becomes U+FFFD. As the OWASP CSV-injection guidance says, a
// text field that starts with =, +, -, @, tab or carriage return (or NUL)
// gets a leading single quote so that no spreadsheet runs it as a formula,
// and so does text that starts with a single quote, so that a program gets
// every text field back exactly by removing one leading quote where there is
// one. The numeric columns (score, evidence_count) are never changed.
//
// With opt.ProvenanceComment the header is preceded by one comment line,
// "# " and export.Provenance (the source, its SHA-256, the tool's version,
// the As of date), which a reader must be told to skip (pandas:
// comment="#").
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	start(bw, m, opt)
	record(bw, Header)
	ev := export.EvidenceByCell(m)
	symbols := make(map[string]string, len(m.Scale.Stances))
	for _, st := range m.Scale.Stances {
		if _, dup := symbols[st.Label]; !dup {
			symbols[st.Label] = st.Symbol
		}
	}
	row := make([]string, len(Header))
	for i, is := range m.Issues {
		if !m.HasCell(i, 0) {
			break
		}
		for p, pa := range m.Parties {
			if !m.HasCell(i, p) {
				break
			}
			c := m.Cell(i, p)
			score := ""
			if v, ok := m.Scale.Score(c.Stance); ok && export.Finite(v) {
				if v == 0 {
					v = 0 // no -0
				}
				score = strconv.FormatFloat(v, 'f', -1, 64)
			}
			var count, date, source, url string
			if list := ev[export.CellKey{Party: pa.Name, Issue: is.Name}]; len(list) > 0 {
				e := m.Evidence[list[0]]
				count = strconv.Itoa(len(list))
				date, source, url = export.ISODate(e.Date), e.Source, e.URL
			} else {
				count = "0"
			}
			row = append(row[:0],
				text(is.Name), text(is.Short), text(is.Category),
				text(pa.Name), text(pa.Short), text(pa.Group),
				text(c.Stance), score, text(symbols[c.Stance]), text(c.Note),
				count, text(date), text(source), text(url),
			)
			record(bw, row)
		}
	}
	return bw.Flush() // bufio errors are sticky: any write error shows here
}

// record writes one record and its line end.
func record(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if !needsQuotes(f) {
			w.WriteString(f)
			continue
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteByte('\n')
}

// needsQuotes reports whether a field must be quoted: it holds a
// separator (comma, or the semicolon or tab that some spreadsheets split
// on), a double quote or a line break, or starts or ends with a space, which
// some readers trim.
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	return strings.ContainsAny(f, ",;\t\"\r\n") || f[0] == ' ' || f[len(f)-1] == ' '
}

// text makes user text safe for a CSV cell: valid UTF-8, and a leading
// single quote when it starts with a character that a spreadsheet would take
// for the start of a formula (OWASP: =, +, -, @, tab, carriage return; and
// NUL, which the OWASP ASVS adds). Text that starts with a single quote gets
// one more, so that removing one leading quote from any text field gives the
// text back exactly.
func text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', 0, '\'':
		return "'" + s
	}
	return s
}

// start writes what comes before the header: the byte order mark, the
// edition's banner of a marked workbook ("# RESTRICTED — …", so that the
// marking travels with the file) and the provenance comment, as opt asks.
func start(w *bufio.Writer, m *matrix.Matrix, opt export.Options) {
	if opt.ByteOrderMark {
		w.WriteString("\uFEFF")
	}
	if b := export.EditionBanner(m); b != "" {
		w.WriteString("# " + strings.Join(strings.Fields(strings.ToValidUTF8(b, "\uFFFD")), " ") + "\n")
	}
	if opt.ProvenanceComment {
		p := strings.Join(strings.Fields(strings.ToValidUTF8(export.Provenance(m, opt, false), "\uFFFD")), " ")
		w.WriteString("# " + p + "\n")
	}
}
