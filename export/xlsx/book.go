package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// book is a workbook being written. Errors are sticky: the first one is kept
// and returned by finish, so the sheet writers read straight through.
type book struct {
	f      *excelize.File
	m      *matrix.Matrix
	opt    export.Options
	report bool
	styles map[string]int
	sheets []string // in tab order
	err    error
	// rep holds what the report sheets share (report only).
	rep reportState
	// an is the document's analysis, once a report sheet needs it.
	an *matrix.Analysis
	// links are the hyperlinks of each sheet, added by finish.
	links map[string][]link
	// notes are the cell notes of each sheet after its first, added by
	// finish (see notes.go); slowNotes sends every note through
	// excelize instead, for tests that compare the two.
	notes     map[string][]note
	slowNotes bool
	// widths are the column widths of the sheets with a header row.
	widths map[string][]float64
	// active is the sheet the workbook opens on; activated says it has
	// been set (see activate).
	active    string
	activated bool
	// mapLabels are the sides of the party map's labels, one per point
	// (see placeLabels).
	mapLabels []string
}

// analysis returns the document's analysis: the caller's, or computed once.
func (b *book) analysis() *matrix.Analysis {
	if b.an == nil {
		b.an = b.opt.AnalysisOf(b.m)
	}
	return b.an
}

func newBook(m *matrix.Matrix, opt export.Options, report bool) *book {
	if m == nil {
		m = &matrix.Matrix{}
	}
	if len(m.Scale.Stances) == 0 {
		mm := *m
		mm.Scale = matrix.DefaultScale()
		m = &mm
	}
	return &book{f: excelize.NewFile(), m: m, opt: opt, report: report, styles: map[string]int{}}
}

func (b *book) fail(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// addSheet creates a sheet; the first one takes the place of excelize's
// default "Sheet1".
func (b *book) addSheet(name string) {
	if len(b.sheets) == 0 {
		b.fail(b.f.SetSheetName("Sheet1", name))
	} else {
		_, err := b.f.NewSheet(name)
		b.fail(err)
	}
	b.sheets = append(b.sheets, name)
}

// ref returns the A1-style name of a cell; col and row are 1-based.
func ref(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

func colName(col int) string {
	var buf [8]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// str writes s as a text cell (never a formula, whatever it starts with).
func (b *book) str(sheet string, col, row int, s string) {
	if s == "" {
		return
	}
	b.checkLen(sheet, col, row, s)
	b.fail(b.f.SetCellStr(sheet, ref(col, row), excelText(s)))
}

// checkLen warns when s is longer than a cell holds (excelize cuts it).
func (b *book) checkLen(sheet string, col, row int, s string) {
	if len(s) > matrix.DefaultMaxCellChars && utf8.RuneCountInString(s) > matrix.DefaultMaxCellChars {
		b.opt.Warning(matrix.Problem{Sheet: sheet, Cell: ref(col, row), Severity: matrix.Warning,
			Msg: fmt.Sprintf("text of %d characters cut to %d", utf8.RuneCountInString(s), matrix.DefaultMaxCellChars)})
	}
}

func (b *book) num(sheet string, col, row int, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	b.fail(b.f.SetCellFloat(sheet, ref(col, row), v, -1, 64))
}

// date writes t as an Excel date (1900 system) with an ISO date format; a
// zero time leaves the cell blank.
func (b *book) date(sheet string, col, row int, t time.Time) {
	if t.IsZero() {
		return
	}
	if !dateFits(t) {
		b.str(sheet, col, row, t.Format("2006-01-02"))
		return
	}
	b.num(sheet, col, row, dateSerial(t))
	b.style(sheet, col, row, col, row, b.dateStyle())
}

// dateFits says whether a spreadsheet shows t as a date; other dates are
// written as ISO text.
func dateFits(t time.Time) bool { return t.Year() >= 1901 && t.Year() <= 9998 }

// dateSerial returns the serial number of t in the 1900 date system.
func dateSerial(t time.Time) float64 {
	y, mo, d := t.Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	serial := float64(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
	frac := float64(t.Hour()*3600+t.Minute()*60+t.Second()) / 86400
	return serial + frac
}

func (b *book) style(sheet string, c1, r1, c2, r2, id int) {
	b.fail(b.f.SetCellStyle(sheet, ref(c1, r1), ref(c2, r2), id))
}

// newStyle returns the style id for key, creating it once.
func (b *book) newStyle(key string, s *excelize.Style) int {
	if id, ok := b.styles[key]; ok {
		return id
	}
	id, err := b.f.NewStyle(s)
	b.fail(err)
	b.styles[key] = id
	return id
}

var thinBorder = []excelize.Border{
	{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
	{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
}

func (b *book) headerStyle() int {
	return b.newStyle("header", &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    thinBorder,
	})
}

func (b *book) partyHeaderStyle(color string) int {
	s := &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", WrapText: true},
		Border:    thinBorder,
	}
	if hex, ok := hex(color); ok {
		s.Border = []excelize.Border{thinBorder[0], thinBorder[1], thinBorder[2], {Type: "bottom", Color: hex, Style: 5}}
	}
	return b.newStyle("partyheader"+color, s)
}

func (b *book) issueHeaderStyle() int {
	return b.newStyle("issueheader", &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    thinBorder,
	})
}

func (b *book) wrapStyle() int {
	return b.newStyle("wrap", &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

func (b *book) numTopStyle() int {
	return b.newStyle("numtop", &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
}

func (b *book) dateStyle() int {
	f := "yyyy-mm-dd"
	return b.newStyle("date", &excelize.Style{CustomNumFmt: &f, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
}

func (b *book) cellStyle() int {
	return b.newStyle("cell", &excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    thinBorder,
	})
}

// hex turns "#RRGGBB" into "RRGGBB".
func hex(s string) (string, bool) {
	c, ok := export.ParseRGB(s)
	return c.Hex(), ok
}

// contrast returns white or black text for the colour bg (six hex digits),
// as export.LightText picks.
func contrast(bg string) string {
	if c, _ := export.ParseRGB(bg); export.LightText(c) {
		return "FFFFFF"
	}
	return "000000"
}

// width returns a column width for texts of n characters, within lo..hi.
func width(n int, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, float64(n)+2))
}

func textLen(s string) int {
	// The longest line counts.
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(line))
	}
	return n
}

func (b *book) colWidth(sheet string, col int, w float64) {
	c := colName(col)
	b.fail(b.f.SetColWidth(sheet, c, c, w))
}

// freeze freezes the first cols columns and rows rows of sheet.
func (b *book) freeze(sheet string, cols, rows int) {
	b.fail(b.f.SetPanes(sheet, freezePanes(cols, rows)))
}

// freezePanes are the panes that freeze the first cols columns and rows
// rows.
func freezePanes(cols, rows int) *excelize.Panes {
	p := &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: ref(cols+1, rows+1)}
	switch {
	case cols > 0 && rows > 0:
		p.ActivePane = "bottomRight"
	case rows > 0:
		p.ActivePane = "bottomLeft"
	default:
		p.ActivePane = "topRight"
	}
	p.Selection = []excelize.Selection{{SQRef: p.TopLeftCell, ActiveCell: p.TopLeftCell, Pane: p.ActivePane}}
	return p
}

// headerRow writes bold headers in row 1 with their widths, and freezes it.
func (b *book) headerRow(sheet string, headers []string, widths []float64) {
	for i, h := range headers {
		b.str(sheet, i+1, 1, h)
		b.colWidth(sheet, i+1, widths[i])
	}
	if len(headers) > 0 {
		b.style(sheet, 1, 1, len(headers), 1, b.headerStyle())
	}
	b.setWidths(sheet, widths)
	b.rowLines(sheet, 1, headerLines(headers, widths))
	b.freeze(sheet, 0, 1)
}

// setWidths keeps the column widths of sheet for fitRow and rowLinesFor.
func (b *book) setWidths(sheet string, widths []float64) {
	if b.widths == nil {
		b.widths = map[string][]float64{}
	}
	b.widths[sheet] = widths
}

// headerLines is how many lines bold headers take in those widths.
func headerLines(headers []string, widths []float64) int {
	lines := 1
	for i, h := range headers {
		lines = max(lines, wrappedLines(h, widths[i], true))
	}
	return lines
}

// fitRow makes row tall enough for its texts (one per column, from A) to
// wrap in the widths given to headerRow; LibreOffice does not fit rows
// itself on opening.
func (b *book) fitRow(sheet string, row int, texts ...string) {
	b.rowLines(sheet, row, b.rowLinesFor(sheet, texts...))
}

// rowLinesFor is how many lines the texts of a row of sheet take.
func (b *book) rowLinesFor(sheet string, texts ...string) int {
	widths := b.widths[sheet]
	lines := 1
	for i, t := range texts {
		if t != "" && i < len(widths) {
			lines = max(lines, wrappedLines(t, widths[i], false))
		}
	}
	return lines
}

// rowLines sets the height of row for that many lines of text, up to 15.
func (b *book) rowLines(sheet string, row, lines int) {
	if lines > 1 {
		b.fail(b.f.SetRowHeight(sheet, row, rowHeight(lines)))
	}
}

// rowHeight is the height of a row of that many lines (more than one),
// up to 15.
func rowHeight(lines int) float64 { return lineHeight*float64(min(lines, 15)) + 2 }

// lineHeight is the height in points of one line of wrapped text.
const lineHeight = 15

// wrappedLines estimates how many lines text takes when wrapped in a column w
// characters wide.
func wrappedLines(text string, w float64, bold bool) int {
	// A column's width counts digit widths; ordinary text, even bold, is
	// about as wide per character.
	per := w - 2
	if bold {
		per -= 1
	}
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(line))/per)))
	}
	return n
}

// docTime is the date written in the document properties.
func (b *book) docTime() time.Time {
	switch {
	case !b.opt.Now.IsZero():
		return b.opt.Now.UTC()
	case !b.m.About.AsOf.IsZero():
		return b.m.About.AsOf.UTC()
	}
	return epoch
}

// activate makes b.active the sheet the workbook opens on. excelize's
// SetActiveSheet reads every sheet back, and a sheet written by a
// StreamWriter is read back by parsing all its XML again (the Evidence
// sheet of a 50 × 200 matrix: 40% of the report's time), so evidenceSheet
// activates before it streams; the active sheet (Matrix or Read me) is
// written before it, and sheets added later are not selected. (The stream
// writes its own sheet view for the frozen header, never selected: the
// Evidence sheet cannot be the active one.)
func (b *book) activate() {
	if b.activated {
		return
	}
	if idx, err := b.f.GetSheetIndex(b.active); err == nil && idx >= 0 {
		b.f.SetActiveSheet(idx)
		b.activated = true
	}
}

// finish sets the document properties and the active sheet and writes the
// workbook to w.
func (b *book) finish(w io.Writer) error {
	title := b.m.About.Title
	if b.opt.Title != "" {
		title = b.opt.Title
	}
	ts := b.docTime().Format("2006-01-02T15:04:05Z")
	b.fail(b.f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: b.m.About.Subtitle, Creator: firstNonBlank(b.m.About.Author, "stancematrix"),
		LastModifiedBy: "stancematrix", Created: ts, Modified: ts,
		Description: "Stance matrix, format v1",
		// Where it came from: the source's SHA-256 as sha256sum prints it.
		Identifier: sha256URN(b.m.SHA256), Version: b.opt.Version, Keywords: export.Provenance(b.m, b.opt, false),
	}))
	b.fail(b.f.SetAppProps(&excelize.AppProperties{Application: "stancematrix", Company: b.m.About.Organisation}))
	b.activate()
	if b.err != nil {
		return fmt.Errorf("writing workbook: %w", b.err)
	}
	// excelize writes the parts into pkg, uncompressed; notes and links
	// are spliced in there and every part is compressed once, into w.
	pkg := newZipPackage()
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return pkg })
	if _, err := b.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	if len(b.notes) > 0 && !b.slowNotes {
		font, err := b.f.GetDefaultFont()
		if err == nil {
			err = addNotes(pkg, b.notes, font)
		}
		if err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
	}
	if len(b.links) > 0 {
		if err := linkParts(pkg, b.links); err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
	}
	if b.report {
		fixCharts(pkg)
		labelScatter(pkg, b.mapLabels)
		sortContentTypes(pkg)
	}
	if err := setDimensions(pkg); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	if err := pkg.write(w, b.docTime()); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// excelText returns s as the cell text to write so that Excel, and the
// reader, read s back: an underscore that starts what looks like one of
// Excel's _xHHHH_ escapes is itself written escaped, as _x005F_, as Excel
// does. excelize writes text as it is, so "_x0041_" would come back "A".
func excelText(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && escapeLike(s[i:]) {
			b.WriteString("_x005F_")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeLike reports whether s starts with _xHHHH_.
func escapeLike(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sha256URN is a SHA-256 in hex as a document identifier, "sha256:…", or
// "" without one.
func sha256URN(hex string) string {
	if hex == "" {
		return ""
	}
	return "sha256:" + hex
}
