package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the input format (format v1) and of the workbook's help.
const (
	sheetMatrix   = "Matrix"
	sheetParties  = "Parties"
	sheetIssues   = "Issues"
	sheetEvidence = "Evidence"
	sheetScale    = "Scale"
	sheetAbout    = "About"
	sheetReadme   = "Read me"
)

// The dropdown lists and stance colours cover the matrix plus a margin, so
// that parties and issues added by hand get them too.
const (
	editMinCols  = 60  // at least to column BH
	editMinRows  = 300 // at least to row 300
	editMargin   = 20  // columns and rows beyond the data
	scaleMinRows = 30  // the dropdown reads Scale!A2:A30 at least
)

// epoch dates a workbook whose options and About sheet give no date.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// readme is the "Read me" sheet of an input workbook, one paragraph a row.
var readme = []string{
	"How to fill in this stance matrix",
	"This workbook is read by the stancematrix tool. Keep the sheet names and the column headers as they are; you may add columns and sheets of your own, the tool ignores them.",
	"Matrix: one party per column and one issue per row. Type each party's name in row 1 (from column B on) and each issue in column A (from row 2 on).",
	"In every other cell of the Matrix sheet, pick the party's stance on the issue from the dropdown list. The choices come from the Scale sheet. Leave a cell blank when the party has no recorded position; use Unclear when it has one but it is ambiguous.",
	"To add a short note to a stance, add a cell comment (note) to that cell: right-click the cell and choose New Note (Excel) or Insert Comment (LibreOffice).",
	"Parties and Issues: one row per party or issue, in the order reports should show them. Short is a shorter name for tight spaces, Group gathers parties into blocs, Category groups issues, Weight (default 1) counts in weighted analysis. When a party or issue is listed here, its Matrix header must use its Name or Short.",
	"Evidence: add one row per statement behind a stance, with Party, Issue, the Stance it shows, the Date (a date, or text like 2025-04-23), a Summary, the Quote, the Speaker, the Source and its URL (http or https). Add as many rows per cell as you like; the newest is cited first.",
	"Scale: the stances you may pick, with their score (blank for a stance off the axis, such as Unclear), colour (#RRGGBB), symbol, other spellings (Aliases, comma-separated) and a description. You may rename or add stances; the dropdowns follow this sheet.",
	"About: the title, subtitle, As of date, author, organisation, classification banner, footer and notes printed on reports.",
	"To keep a snapshot before you change positions, copy the Matrix sheet and name the copy \"Matrix YYYY-MM-DD\" (for example Matrix 2025-04-16). Reports can then show what changed since.",
	"When you are done, check the workbook with: stancematrix validate FILE.xlsx. It lists every problem with its sheet and cell.",
}

// Workbook writes m as an input workbook (format v1) ready for hand editing:
// every sheet with its headers, the scale, dropdown lists on the matrix cells
// fed from the Scale sheet, frozen header row and column, fitted widths and a
// "Read me" sheet. An empty matrix gives the blank template of `init`.
//
// Every text is written as a text cell, never as a formula. The document
// dates come from opt.Now, else About.AsOf, else a fixed epoch, so the same
// matrix and options give the same bytes.
func Workbook(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	return newXLBook(m, opt, false).writeWorkbook(w)
}

// writeWorkbook writes the input workbook of Workbook.
func (b *book) writeWorkbook(w io.Writer) error {
	defer b.f.Close()
	b.active = sheetMatrix
	if len(b.m.Parties) == 0 && len(b.m.Issues) == 0 {
		b.active = sheetReadme
	}
	b.readmeSheet()
	b.matrixSheet(sheetMatrix, b.m)
	b.partiesSheet()
	b.issuesSheet()
	b.evidenceSheet(b.m.Evidence)
	b.scaleSheet()
	b.aboutSheet()
	b.snapshotSheets()
	return b.finish(w)
}

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
	// links are the hyperlinks of each sheet, added by finish.
	links map[string][]link
	// notes are the cell notes of each sheet after its first, added by
	// finish (see xlsx_notes.go); slowNotes sends every note through
	// excelize instead, for tests that compare the two.
	notes     map[string][]note
	slowNotes bool
	// widths are the column widths of the sheets with a header row.
	widths map[string][]float64
	// active is the sheet the workbook opens on; activated says it has
	// been set (see activate).
	active    string
	activated bool
}

func newXLBook(m *matrix.Matrix, opt export.Options, report bool) *book {
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
	b.fail(b.f.SetCellStr(sheet, ref(col, row), s))
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

func (b *book) readmeSheet() {
	s := sheetReadme
	b.addSheet(s)
	b.colWidth(s, 1, 110)
	for i, p := range readme {
		b.str(s, 1, i+1, p)
	}
	b.style(s, 1, 1, 1, 1, b.newStyle("title", &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}))
	if len(readme) > 1 {
		b.style(s, 1, 2, 1, len(readme), b.wrapStyle())
	}
}

// editArea returns the last column and row that the dropdowns and stance
// colours of a matrix sheet cover.
func editArea(mm *matrix.Matrix) (cols, rows int) {
	return max(editMinCols, len(mm.Parties)+1+editMargin), max(editMinRows, len(mm.Issues)+1+editMargin)
}

// scaleListRef is the range the matrix dropdowns read their choices from.
func (b *book) scaleListRef() string {
	n := max(scaleMinRows, len(b.m.Scale.Stances)+1+editMargin)
	return fmt.Sprintf("%s!$A$2:$A$%d", sheetScale, n)
}

// matrixSheet writes the stance grid of mm to a sheet named name: party
// headers, issue names, stances, notes as comments, the dropdowns and the
// stance colours (conditional formats, so they follow hand edits).
func (b *book) matrixSheet(name string, mm *matrix.Matrix) {
	b.addSheet(name)
	b.str(name, 1, 1, "Issue \\ Party")
	b.style(name, 1, 1, 1, 1, b.headerStyle())
	nameLen := 12
	for i, is := range mm.Issues {
		b.str(name, 1, i+2, is.Name)
		nameLen = max(nameLen, textLen(is.Name))
	}
	if len(mm.Issues) > 0 {
		b.style(name, 1, 2, 1, len(mm.Issues)+1, b.issueHeaderStyle())
	}
	issueW := width(nameLen+2, 24, 50)
	b.colWidth(name, 1, issueW)
	labelLen := 0
	for _, st := range b.m.Scale.Stances {
		labelLen = max(labelLen, utf8.RuneCountInString(st.Label)+utf8.RuneCountInString(st.Symbol)+1)
	}
	headLines := 2
	for p, party := range mm.Parties {
		label := b.partyLabel(party)
		b.str(name, p+2, 1, label)
		b.style(name, p+2, 1, p+2, 1, b.partyHeaderStyle(party.Color))
		// Long names wrap over two or three lines in the header.
		w := width(max(labelLen, (textLen(label)+2)/3, min(textLen(label), 14)), 12, 24)
		b.colWidth(name, p+2, w)
		headLines = max(headLines, wrappedLines(label, w, true))
	}
	cols, rows := editArea(mm)
	if len(mm.Parties) < cols-1 {
		b.fail(b.f.SetColWidth(name, colName(len(mm.Parties)+2), colName(cols), 14))
	}
	b.fail(b.f.SetRowHeight(name, 1, lineHeight*float64(min(headLines, 8))+4))
	for i, is := range mm.Issues {
		n := wrappedLines(is.Name, issueW, true)
		b.fail(b.f.SetRowHeight(name, i+2, lineHeight*float64(min(n, 10))+4))
	}
	if len(mm.Parties) > 0 && len(mm.Issues) > 0 {
		b.style(name, 2, 2, len(mm.Parties)+1, len(mm.Issues)+1, b.cellStyle())
	}
	for i := range mm.Issues {
		for p := range mm.Parties {
			if i >= len(mm.Cells) || p >= len(mm.Cells[i]) {
				continue
			}
			c := mm.Cells[i][p]
			b.str(name, p+2, i+2, c.Stance)
			if c.Note != "" {
				b.note(name, ref(p+2, i+2), c.Note)
			}
		}
	}
	b.stanceFormats(name, cols, rows)
	if b.report {
		b.reportMatrix(name, mm, cols, rows)
	} else {
		b.dropdowns(name, cols, rows, nil)
	}
	b.freeze(name, 1, 1)
}

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

// partyLabel is the party's Matrix header: its name, or in the report its
// short name when the name is long (the reader accepts either, and the
// report always has a Parties sheet).
func (b *book) partyLabel(p matrix.Party) string {
	if b.report && p.Short != "" && utf8.RuneCountInString(p.Name) > 30 {
		return p.Short
	}
	return p.Name
}

// stanceFormats colours the cells B2 to cols×rows by their stance with
// conditional formats, one per stance, so colours follow hand edits. The
// format also shows the stance's symbol before the label.
func (b *book) stanceFormats(sheet string, cols, rows int) {
	var rules []excelize.ConditionalFormatOptions
	for _, st := range b.m.Scale.Stances {
		hex, ok := hex(st.Color)
		if !ok {
			continue
		}
		cs := &excelize.Style{
			Font: &excelize.Font{Color: contrast(hex)},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}},
		}
		if nf := symbolFormat(st.Symbol); nf != "" {
			cs.CustomNumFmt = &nf
		}
		id, err := b.f.NewConditionalStyle(cs)
		b.fail(err)
		rules = append(rules, excelize.ConditionalFormatOptions{
			Type: "cell", Criteria: "==", Format: &id, Value: quote(st.Label),
		})
	}
	if len(rules) > 0 {
		b.fail(b.f.SetConditionalFormat(sheet, "B2:"+ref(cols, rows), rules))
	}
}

// quote makes s an Excel string literal.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// symbolFormat is a number format that shows a text cell with symbol before
// it ("++ Supports") while the value stays the label.
func symbolFormat(symbol string) string {
	symbol = strings.TrimSpace(symbol)
	if symbol == "" {
		return ""
	}
	// A double quote cannot stand inside a quoted literal: it is written
	// escaped between literals.
	parts := strings.Split(symbol+" ", `"`)
	var f strings.Builder
	for i, p := range parts {
		if i > 0 {
			f.WriteString(`\"`)
		}
		if p != "" {
			f.WriteString(`"` + p + `"`)
		}
	}
	return f.String() + "@"
}

// dropdowns adds the stance dropdown to the cells B2 to cols×rows, minus the
// cells in skip (which carry their own).
func (b *book) dropdowns(sheet string, cols, rows int, skip map[[2]int]bool) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqrefDropList(b.scaleListRef())
	dv.ShowErrorMessage = true
	dv.SetError(excelize.DataValidationErrorStyleInformation, "Not on the scale",
		"This is not a label of the Scale sheet. If it is an alias, stancematrix validate accepts it.")
	if len(skip) == 0 {
		dv.Sqref = "B2:" + ref(cols, rows)
		b.fail(b.f.AddDataValidation(sheet, dv))
		return
	}
	var parts []string
	for r := 2; r <= rows; r++ {
		start := 0
		for c := 2; c <= cols+1; c++ {
			in := c <= cols && !skip[[2]int{c, r}]
			switch {
			case in && start == 0:
				start = c
			case !in && start != 0:
				if start == c-1 {
					parts = append(parts, ref(start, r))
				} else {
					parts = append(parts, ref(start, r)+":"+ref(c-1, r))
				}
				start = 0
			}
		}
	}
	dv.Sqref = strings.Join(mergeRows(parts), " ")
	b.fail(b.f.AddDataValidation(sheet, dv))
}

// mergeRows joins runs of whole rows "B7:BH7", "B8:BH8" into "B7:BH8".
func mergeRows(parts []string) []string {
	var out []string
	for _, p := range parts {
		if n := len(out); n > 0 {
			a1, a2, ok1 := strings.Cut(out[n-1], ":")
			b1, b2, ok2 := strings.Cut(p, ":")
			if ok1 && ok2 {
				ac1, _, _ := excelize.SplitCellName(a1)
				ac2, ar2, _ := excelize.SplitCellName(a2)
				bc1, br1, _ := excelize.SplitCellName(b1)
				bc2, _, _ := excelize.SplitCellName(b2)
				if ac1 == bc1 && ac2 == bc2 && br1 == ar2+1 {
					out[n-1] = a1 + ":" + b2
					continue
				}
			}
		}
		out = append(out, p)
	}
	return out
}

func (b *book) partiesSheet() {
	s := sheetParties
	b.addSheet(s)
	b.headerRow(s, []string{"Name", "Short", "Group", "Color", "Weight", "Description"}, []float64{28, 14, 24, 10, 8, 60})
	for i, p := range b.m.Parties {
		r := i + 2
		b.str(s, 1, r, p.Name)
		b.str(s, 2, r, p.Short)
		b.str(s, 3, r, p.Group)
		b.str(s, 4, r, p.Color)
		if hex, ok := hex(p.Color); ok {
			b.style(s, 4, r, 4, r, b.swatchStyle(hex))
		}
		b.num(s, 5, r, p.Weight)
		b.str(s, 6, r, p.Description)
		b.fitRow(s, r, p.Name, p.Short, p.Group, "", "", p.Description)
	}
	if n := len(b.m.Parties); n > 0 {
		b.style(s, 1, 2, 3, n+1, b.wrapStyle())
		b.style(s, 5, 2, 5, n+1, b.numTopStyle())
		b.style(s, 6, 2, 6, n+1, b.wrapStyle())
	}
}

func (b *book) swatchStyle(hex string) int {
	return b.newStyle("swatch"+hex, &excelize.Style{
		Font: &excelize.Font{Color: contrast(hex)},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}},
	})
}

// issueHeaders are the input columns of the Issues sheet.
var issueHeaders = []string{"Name", "Short", "Category", "Description", "Weight"}

func (b *book) issuesSheet() {
	s := sheetIssues
	b.addSheet(s)
	b.headerRow(s, issueHeaders, []float64{40, 14, 20, 60, 8})
	b.issueRows(s)
}

func (b *book) issueRows(s string) {
	for i, is := range b.m.Issues {
		r := i + 2
		b.str(s, 1, r, is.Name)
		b.str(s, 2, r, is.Short)
		b.str(s, 3, r, is.Category)
		b.str(s, 4, r, is.Description)
		b.num(s, 5, r, is.Weight)
		b.fitRow(s, r, is.Name, is.Short, is.Category, is.Description)
	}
	if n := len(b.m.Issues); n > 0 {
		b.style(s, 1, 2, 4, n+1, b.wrapStyle())
		b.style(s, 5, 2, 5, n+1, b.numTopStyle())
	}
}

// evidenceHeaders are the input columns of the Evidence sheet.
var evidenceHeaders = []string{"Party", "Issue", "Stance", "Date", "Summary", "Quote", "Speaker", "Source", "URL"}

// evidenceSheet writes rows in the given order from row 2, with clickable
// http(s) URLs, wrapped text and an autofilter; the report adds a Cell
// column linking each row to its matrix cell and prints the sheet.
//
// It is by far the largest sheet (a matrix of 50 × 200 with 10,000
// evidence rows: 100,000 cells against the matrix's 10,000), so it is
// written with excelize's StreamWriter, row by row as XML, rather than cell
// by cell (SetCellStr, then marshalling the whole sheet at the end: 60% of
// the report's time). The stream takes everything that precedes the rows
// when it starts, and the autofilter replaces the sheet's properties, so
// the autofilter and the print setup come first; links and notes are
// spliced in by finish, as on every sheet.
func (b *book) evidenceSheet(rows []matrix.Evidence) {
	s := sheetEvidence
	b.addSheet(s)
	headers, widths := evidenceHeaders, []float64{18, 26, 13, 11, 32, 48, 16, 16, 30}
	if b.report {
		headers = append(append([]string{}, headers...), "Cell")
		widths = append(widths, 7)
	}
	b.fail(b.f.AutoFilter(s, "A1:"+ref(len(headers), max(2, len(rows)+1)), nil))
	if b.report {
		b.printSetup(s, true, "$1:$1", "")
	}
	if b.err != nil {
		return
	}
	b.activate()
	sw, err := b.f.NewStreamWriter(s)
	if err != nil {
		b.fail(err)
		return
	}
	// The last column first: excelize puts each new width before the
	// earlier ones, and the stream writes them in that order (Excel wants
	// them ascending).
	for i := len(widths) - 1; i >= 0; i-- {
		b.fail(sw.SetColWidth(i+1, i+1, widths[i]))
	}
	b.fail(sw.SetPanes(freezePanes(0, 1)))
	b.setWidths(s, widths)

	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = excelize.Cell{StyleID: b.headerStyle(), Value: h}
	}
	b.fail(sw.SetRow("A1", head, rowOpts(headerLines(headers, widths))))

	wrap, date, link := b.wrapStyle(), b.dateStyle(), b.linkStyle()
	row := make([]any, len(headers))
	r := 0
	text := func(col, style int, v string) {
		b.checkLen(s, col, r, v)
		row[col-1] = excelize.Cell{StyleID: style, Value: cellValue(v)}
	}
	for i, e := range rows {
		r = i + 2
		text(1, wrap, e.Party)
		text(2, wrap, e.Issue)
		text(3, wrap, e.Stance)
		row[3] = nil
		switch {
		case e.Date.IsZero():
		case !dateFits(e.Date):
			row[3] = e.Date.Format("2006-01-02")
		default:
			row[3] = excelize.Cell{StyleID: date, Value: dateSerial(e.Date)}
		}
		text(5, wrap, e.Summary)
		text(6, wrap, e.Quote)
		text(7, wrap, e.Speaker)
		text(8, wrap, e.Source)
		text(9, link, e.URL)
		if webURL(e.URL) {
			b.link(s, ref(9, r), strings.TrimSpace(e.URL), true, "")
		}
		if b.report {
			row[9] = excelize.Cell{StyleID: link}
			if i < len(b.rep.cellOf) && b.rep.cellOf[i][0] >= 0 {
				k := b.rep.cellOf[i]
				cell := ref(k[1]+2, k[0]+2)
				row[9] = excelize.Cell{StyleID: link, Value: cell}
				b.link(s, ref(10, r), quoteSheet(sheetMatrix)+"!"+cell, false, "")
			}
		}
		lines := b.rowLinesFor(s, e.Party, e.Issue, e.Stance, "", e.Summary, e.Quote, e.Speaker, e.Source, e.URL)
		if err := sw.SetRow(ref(1, r), row, rowOpts(lines)); err != nil {
			b.fail(err)
			break
		}
	}
	b.fail(sw.Flush())
}

// cellValue is a text cell's value for the StreamWriter: nil for an
// empty text, which leaves the cell blank but styled, as SetCellStr does.
func cellValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// rowOpts is the height of a streamed row of that many lines of text, as
// rowLines sets it.
func rowOpts(lines int) excelize.RowOpts {
	if lines > 1 {
		return excelize.RowOpts{Height: rowHeight(lines)}
	}
	return excelize.RowOpts{}
}

func (b *book) linkStyle() int {
	return b.newStyle("link", &excelize.Style{
		Font:      &excelize.Font{Color: "0563C1", Underline: "single"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
}

// webURL reports whether u is an http or https address.
func webURL(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !strings.ContainsAny(u, " \t\n\"<>")
}

func (b *book) scaleSheet() {
	s := sheetScale
	b.addSheet(s)
	b.headerRow(s, []string{"Label", "Score", "Color", "Symbol", "Aliases", "Description"}, []float64{18, 8, 10, 8, 36, 48})
	for i, st := range b.m.Scale.Stances {
		r := i + 2
		b.str(s, 1, r, st.Label)
		if st.HasScore {
			b.num(s, 2, r, st.Score)
		}
		b.str(s, 3, r, st.Color)
		if hex, ok := hex(st.Color); ok {
			b.style(s, 3, r, 3, r, b.swatchStyle(hex))
		}
		b.str(s, 4, r, st.Symbol)
		b.str(s, 5, r, strings.Join(st.Aliases, ", "))
		b.str(s, 6, r, st.Description)
		b.fitRow(s, r, st.Label, "", "", st.Symbol, strings.Join(st.Aliases, ", "), st.Description)
	}
	if n := len(b.m.Scale.Stances); n > 0 {
		b.style(s, 5, 2, 6, n+1, b.wrapStyle())
	}
}

// aboutKeys are the keys of the About sheet, in the order written.
var aboutKeys = []string{"Title", "Subtitle", "As of", "Author", "Organisation", "Classification", "Footer", "Notes"}

func (b *book) aboutSheet() {
	s := sheetAbout
	b.addSheet(s)
	a := b.m.About
	vals := []string{a.Title, a.Subtitle, "", a.Author, a.Organisation, a.Classification, a.Footer, a.Notes}
	for i, k := range aboutKeys {
		b.str(s, 1, i+1, k)
		if k == "As of" {
			b.date(s, 2, i+1, a.AsOf)
			continue
		}
		b.str(s, 2, i+1, vals[i])
	}
	b.style(s, 1, 1, 1, len(aboutKeys), b.newStyle("key", &excelize.Style{
		Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}))
	b.style(s, 2, 1, 2, 2, b.wrapStyle())
	b.style(s, 2, 4, 2, len(aboutKeys), b.wrapStyle())
	b.colWidth(s, 1, 16)
	b.colWidth(s, 2, 80)
}

// snapshotName is the sheet name of a snapshot: its own when it has the
// "Matrix YYYY-MM-DD" form, else one made from its date.
func snapshotName(s matrix.Snapshot) string {
	if d, ok := strings.CutPrefix(s.Sheet, "Matrix "); ok {
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(d)); err == nil {
			return s.Sheet
		}
	}
	return "Matrix " + s.Date.Format("2006-01-02")
}

// snapshotSheets writes the earlier snapshots, newest first, after the
// other sheets.
func (b *book) snapshotSheets() {
	seen := map[string]bool{}
	for i := len(b.m.Snapshots) - 1; i >= 0; i-- {
		s := b.m.Snapshots[i]
		name := snapshotName(s)
		if s.Matrix == nil || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		b.matrixSheet(name, s.Matrix)
		if b.report {
			b.printSetup(name, true, "$1:$1", "$A:$A")
		}
	}
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
	}))
	b.fail(b.f.SetAppProps(&excelize.AppProperties{Application: "stancematrix", Company: b.m.About.Organisation}))
	b.activate()
	if b.err != nil {
		return fmt.Errorf("writing workbook: %w", b.err)
	}
	// excelize writes the parts into pkg, uncompressed; notes and links
	// are spliced in there and every part is compressed once, into w.
	pkg := newXLPackage()
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
	if err := pkg.write(w); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}
