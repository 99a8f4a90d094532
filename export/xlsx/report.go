// Package xlsx writes workbooks: the formatted report a colleague filters
// and prints (Report), and the input workbook of the `init` template and the
// samples (Workbook). Links and notes are spliced into the package by hand
// (links.go, notes.go, zip.go), where excelize is slow or lacks them.
package xlsx

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// Sheets of the report that the input format does not know (the reader
// ignores them).
const (
	sheetAlignment = "Alignment"
	sheetChanges   = "Changes"
	sheetLegend    = "Legend"
)

// Report writes m as a formatted report workbook for sorting, filtering,
// annotating and printing: the Matrix sheet coloured by stance with each
// stance's symbol, the Issues sheet with counts and analysis figures, the
// party × party Alignment, the Evidence newest first per cell, the Changes
// since opt.Changes' older matrix, a Legend and the About sheet.
//
// The report is itself a valid input workbook: its Matrix, Parties, Issues,
// Scale, Evidence and About sheets follow format v1 and keep their dropdowns,
// so it re-reads to the same matrix. A cell's comment is its note and
// nothing else (the reader takes comments as notes); the newest evidence
// and the change of a cell show as the cell's input message when it is
// selected, and the Evidence sheet links each row back to its cell.
func Report(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	return newBook(m, opt, true).writeReport(w)
}

// writeReport writes the report of XLSX.
func (b *book) writeReport(w io.Writer) error {
	defer b.f.Close()
	opt := b.opt
	b.rep = newReportState(b.m, opt.Changes)
	b.active = sheetMatrix
	b.matrixSheet(sheetMatrix, b.m)
	b.printSetup(sheetMatrix, true, "$1:$1", "$A:$A")
	b.findingsSheet()
	b.printSetup(sheetFindings, true, "$1:$1", "")
	b.reportIssuesSheet()
	b.printSetup(sheetIssues, true, "$1:$1", "")
	b.alignmentSheet()
	b.mapSheet()
	b.splitSheet()
	b.evidenceSheet(b.rep.evidence) // with its print setup
	if opt.Changes != nil {
		b.changesSheet(opt.Changes)
	}
	if opt.History != nil {
		b.historySheet()
	}
	b.legendSheet()
	b.partiesSheet()
	b.printSetup(sheetParties, true, "$1:$1", "")
	b.scaleSheet()
	b.printSetup(sheetScale, true, "$1:$1", "")
	b.aboutSheet()
	b.printSetup(sheetAbout, false, "", "")
	b.snapshotSheets()
	return b.finish(w)
}

// reportState is what the report's sheets share.
type reportState struct {
	// evidence is every evidence row in report order: by cell in matrix
	// order, newest first within a cell, then rows naming no known cell.
	evidence []matrix.Evidence
	// first and count give, per cell (issue, party), the Evidence sheet row
	// of its newest evidence and its number of rows.
	first, count map[[2]int]int
	// cellOf gives the matrix cell (issue, party) of each evidence row, or
	// -1s.
	cellOf  [][2]int
	changed map[[2]int]matrix.CellChange
}

func newReportState(m *matrix.Matrix, ch *matrix.Changes) reportState {
	rs := reportState{first: map[[2]int]int{}, count: map[[2]int]int{}, changed: map[[2]int]matrix.CellChange{}}
	parties, issues := nameIndex(m.Parties, func(p matrix.Party) (string, string) { return p.Name, p.Short }),
		nameIndex(m.Issues, func(i matrix.Issue) (string, string) { return i.Name, i.Short })
	byCell := map[[2]int][]matrix.Evidence{}
	var loose []matrix.Evidence
	for _, e := range m.Evidence {
		p, okp := parties[strings.ToLower(e.Party)]
		i, oki := issues[strings.ToLower(e.Issue)]
		if !okp || !oki {
			loose = append(loose, e)
			continue
		}
		byCell[[2]int{i, p}] = append(byCell[[2]int{i, p}], e)
	}
	for i := range m.Issues {
		for p := range m.Parties {
			k := [2]int{i, p}
			ev := byCell[k]
			if len(ev) == 0 {
				continue
			}
			sortNewest(ev)
			rs.first[k] = len(rs.evidence) + 2
			rs.count[k] = len(ev)
			for _, e := range ev {
				rs.evidence = append(rs.evidence, e)
				rs.cellOf = append(rs.cellOf, k)
			}
		}
	}
	for _, e := range loose {
		rs.evidence = append(rs.evidence, e)
		rs.cellOf = append(rs.cellOf, [2]int{-1, -1})
	}
	if ch != nil {
		for _, c := range ch.Cells {
			p, okp := parties[strings.ToLower(c.Party)]
			i, oki := issues[strings.ToLower(c.Issue)]
			if okp && oki {
				rs.changed[[2]int{i, p}] = c
			}
		}
	}
	return rs
}

// sortNewest orders evidence newest first, undated rows last, keeping
// the workbook order on ties (as Matrix.EvidenceFor does).
func sortNewest(ev []matrix.Evidence) {
	sort.SliceStable(ev, func(i, j int) bool {
		a, b := ev[i].Date, ev[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.After(b)
	})
}

// nameIndex maps lower-case names, then short names, to indices.
func nameIndex[T any](items []T, names func(T) (string, string)) map[string]int {
	idx := map[string]int{}
	for i, it := range items {
		n, _ := names(it)
		if _, ok := idx[strings.ToLower(n)]; !ok {
			idx[strings.ToLower(n)] = i
		}
	}
	for i, it := range items {
		_, s := names(it)
		if _, ok := idx[strings.ToLower(s)]; s != "" && !ok {
			idx[strings.ToLower(s)] = i
		}
	}
	return idx
}

// reportMatrix adds to a matrix sheet of the report: cells filled with their
// stance colour and showing the symbol, changed cells marked, the newest
// evidence as each cell's input message, groups and categories as the
// headers' input messages, and an autofilter.
func (b *book) reportMatrix(name string, mm *matrix.Matrix, cols, rows int) {
	current := mm == b.m
	skip := map[[2]int]bool{}
	for i := range mm.Issues {
		for p := range mm.Parties {
			if !mm.HasCell(i, p) {
				continue
			}
			k := [2]int{i, p}
			var ch *matrix.CellChange
			if c, ok := b.rep.changed[k]; ok && current {
				ch = &c
			}
			b.style(name, p+2, i+2, p+2, i+2, b.stanceStyle(mm.Stance(i, p), ch != nil))
			if !current {
				continue
			}
			title, msg := b.cellPrompt(k, ch)
			if msg == "" {
				continue
			}
			skip[[2]int{p + 2, i + 2}] = true
			dv := b.stanceList()
			dv.Sqref = ref(p+2, i+2)
			dv.SetInput(title, msg)
			b.fail(b.f.AddDataValidation(name, dv))
		}
	}
	b.dropdowns(name, cols, rows, skip)
	if current {
		for p, party := range mm.Parties {
			var parts []string
			if party.Short != "" {
				parts = append(parts, "Short: "+party.Short)
			}
			if party.Group != "" {
				parts = append(parts, "Group: "+party.Group)
			}
			parts = append(parts, "Weight: "+num(party.Weight))
			if party.Description != "" {
				parts = append(parts, party.Description)
			}
			b.prompt(name, ref(p+2, 1), party.Name, strings.Join(parts, "\n"))
		}
		for i, is := range mm.Issues {
			var parts []string
			if is.Category != "" {
				parts = append(parts, "Category: "+is.Category)
			}
			if is.Short != "" {
				parts = append(parts, "Short: "+is.Short)
			}
			if is.Description != "" {
				parts = append(parts, is.Description)
			}
			if len(parts) > 0 {
				b.prompt(name, ref(1, i+2), is.Name, strings.Join(parts, "\n"))
			}
		}
	}
	if len(mm.Parties) > 0 && len(mm.Issues) > 0 && current {
		b.fail(b.f.AutoFilter(name, "A1:"+ref(len(mm.Parties)+1, len(mm.Issues)+1), nil))
	}
}

// stanceList is the stance dropdown of the matrix cells.
func (b *book) stanceList() *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.SetSqrefDropList(b.scaleListRef())
	dv.SetError(excelize.DataValidationErrorStyleInformation, "Not on the scale",
		"This is not a label of the Scale sheet. If it is an alias, stancematrix validate accepts it.")
	return dv
}

// prompt gives a header cell an input message (a validation that accepts
// any value).
func (b *book) prompt(sheet, cell, title, msg string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	dv.SetInput(clip(title, 32), clip(msg, 255))
	b.fail(b.f.AddDataValidation(sheet, dv))
}

// cellPrompt is the input message of a matrix cell: its change, if any, and
// its newest evidence.
func (b *book) cellPrompt(k [2]int, ch *matrix.CellChange) (title, msg string) {
	var parts []string
	if ch != nil {
		was := ch.Old
		if was == "" {
			was = "blank"
		}
		since := describe(b.opt.Changes.Old, b.opt.Changes.OldDate)
		parts = append(parts, fmt.Sprintf("Changed since %s: was %s.", since, was))
		title = "Changed"
	}
	if row, ok := b.rep.first[k]; ok {
		e := b.rep.evidence[row-2]
		var s strings.Builder
		if !e.Date.IsZero() {
			s.WriteString(e.Date.Format("2006-01-02") + " ")
		}
		who := strings.Join(nonEmpty(e.Speaker, e.Source), ", ")
		if who != "" {
			s.WriteString(who + ": ")
		}
		s.WriteString(firstNonBlank(e.Summary, e.Quote))
		n := b.rep.count[k]
		parts = append(parts, strings.TrimSpace(s.String()),
			fmt.Sprintf("See Evidence row %d (%s).", row, export.Plural(n, "row", "rows")))
		if title == "" {
			title = "Newest evidence"
		} else {
			title = "Changed; newest evidence"
		}
	}
	if len(parts) == 0 {
		return "", ""
	}
	// Keep the pointer to the Evidence row when the summary is cut.
	msg = strings.Join(parts, "\n")
	if countUTF16(msg) > 255 && len(parts) > 1 {
		tail := "\n" + parts[len(parts)-1]
		msg = clip(strings.Join(parts[:len(parts)-1], "\n"), 255-countUTF16(tail)) + tail
	}
	return title, clip(msg, 255)
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

func firstNonBlank(s ...string) string {
	if v := nonEmpty(s...); len(v) > 0 {
		return v[0]
	}
	return ""
}

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// clip cuts s to at most n UTF-16 units (Excel's unit for its length
// limits), ending in "…" when cut.
func clip(s string, n int) string {
	if countUTF16(s) <= n {
		return s
	}
	used := 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > n-1 {
			return s[:i] + "…"
		}
		used += utf16.RuneLen(r)
	}
	return s
}

func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}

// stanceStyle is the style of a report matrix cell: its stance colour, the
// symbol shown before the label, and a heavy border when it changed.
func (b *book) stanceStyle(label string, changed bool) int {
	key := fmt.Sprintf("stance:%s:%v", label, changed)
	if id, ok := b.styles[key]; ok {
		return id
	}
	s := &excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    thinBorder,
	}
	if st, ok := b.m.Scale.Stance(label); ok {
		if hex, ok := hex(st.Color); ok {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
			s.Font = &excelize.Font{Color: contrast(hex)}
		}
		if nf := symbolFormat(st.Symbol); nf != "" {
			s.CustomNumFmt = &nf
		}
	}
	if changed {
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		s.Font.Bold = true
		s.Border = []excelize.Border{
			{Type: "left", Color: "000000", Style: 5}, {Type: "right", Color: "000000", Style: 5},
			{Type: "top", Color: "000000", Style: 5}, {Type: "bottom", Color: "000000", Style: 5},
		}
	}
	return b.newStyle(key, s)
}

// printSetup prints sheet on pages one wide, in landscape when wide,
// repeating the given rows and columns, with the classification in the
// page header and the title and page number in the footer.
func (b *book) printSetup(sheet string, wide bool, rows, cols string) {
	orient := "portrait"
	if (wide && b.opt.Orientation != "portrait") || b.opt.Orientation == "landscape" {
		orient = "landscape"
	}
	size := 9 // A4
	if strings.EqualFold(b.opt.Paper, "letter") {
		size = 1
	}
	one, zero := 1, 0
	b.fail(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	yes := true
	b.fail(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	var titles []string
	for _, r := range []string{cols, rows} {
		if r != "" {
			titles = append(titles, quoteSheet(sheet)+"!"+r)
		}
	}
	if len(titles) > 0 {
		b.fail(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(titles, ","), Scope: sheet}))
	}
	a := b.m.About
	title := firstNonBlank(b.opt.Title, a.Title, "Stance matrix")
	header, footer := "", "&L"+pageText(title, 80)
	if a.Classification != "" {
		header = `&C&"-,Bold"` + pageText(a.Classification, 120)
	}
	if a.Footer != "" {
		footer += "&C" + pageText(a.Footer, 60)
	}
	footer += "&R" + pageText(sheet, 30) + " · page &P of &N"
	b.fail(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}))
}

// pageText escapes s for a page header or footer and cuts it to n runes.
func pageText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
