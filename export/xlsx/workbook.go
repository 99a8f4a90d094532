package xlsx

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// The sheet names of the input format (format v1), from matrix's schema,
// and of the workbook's help.
const (
	sheetMatrix   = matrix.SheetMatrix
	sheetParties  = matrix.SheetParties
	sheetIssues   = matrix.SheetIssues
	sheetEvidence = matrix.SheetEvidence
	sheetScale    = matrix.SheetScale
	sheetAbout    = matrix.SheetAbout
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
	"Findings (optional): your own key findings, one per row: the Text, and if you like the Issue and the Parties (names or short names, comma-separated) it concerns, and an Order (a number; lowest first). Reports print them first under Key findings, marked as yours, before the computed ones.",
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
	return newBook(m, opt, false).writeWorkbook(w)
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
	b.findingsSheet()
	b.snapshotSheets()
	return b.finish(w)
}

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
			if !mm.HasCell(i, p) {
				continue
			}
			c := mm.Cell(i, p)
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
	headers, widths := matrix.PartiesColumns.Names(), []float64{28, 14, 24, 10, 8, 60}
	// The Aliases column only when a party has an alias, so that a
	// workbook without is written as before.
	aliases := slices.ContainsFunc(b.m.Parties, func(p matrix.Party) bool { return p.Aliases != "" })
	if aliases {
		headers, widths = append(headers, matrix.ListAliasesColumn.Name), append(widths, 30)
	}
	b.headerRow(s, headers, widths)
	for i, p := range b.m.Parties {
		r := i + 2
		if aliases {
			b.str(s, len(headers), r, string(p.Aliases))
		}
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
var issueHeaders = matrix.IssuesColumns.Names()

func (b *book) issuesSheet() {
	s := sheetIssues
	b.addSheet(s)
	headers, widths := issueHeaders, []float64{40, 14, 20, 60, 8}
	col := 0
	if b.issueAliases() {
		headers, widths = append(slices.Clip(headers), matrix.ListAliasesColumn.Name), append(widths, 30)
		col = len(headers)
	}
	b.headerRow(s, headers, widths)
	b.issueRows(s, col)
}

// issueAliases reports whether an issue has an alias: the Issues sheet
// then has an Aliases column (only then, so that a workbook without is
// written as before).
func (b *book) issueAliases() bool {
	return slices.ContainsFunc(b.m.Issues, func(is matrix.Issue) bool { return is.Aliases != "" })
}

// issueRows writes the issues' input columns, and their aliases in column
// aliasCol when it is not 0.
func (b *book) issueRows(s string, aliasCol int) {
	for i, is := range b.m.Issues {
		r := i + 2
		if aliasCol > 0 {
			b.str(s, aliasCol, r, string(is.Aliases))
		}
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
var evidenceHeaders = matrix.EvidenceColumns.Names()
