package xlsx

import (
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

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
	sw := b.streamSheet(s, headers, widths)
	if sw == nil {
		return
	}

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
	return excelText(s)
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
	b.headerRow(s, matrix.ScaleColumns.Names(), []float64{18, 8, 10, 8, 36, 48})
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
var aboutKeys = matrix.AboutKeys.Names()

func (b *book) aboutSheet() {
	s := sheetAbout
	b.addSheet(s)
	a := b.m.About
	vals := map[string]string{"Title": a.Title, "Subtitle": a.Subtitle, "Author": a.Author, "Organisation": a.Organisation,
		"Classification": a.Classification, "Footer": a.Footer, "Notes": a.Notes, "Language": a.Language}
	for i, k := range aboutKeys {
		b.str(s, 1, i+1, k)
		if k == "As of" {
			b.date(s, 2, i+1, a.AsOf)
			continue
		}
		b.str(s, 2, i+1, vals[k])
	}
	b.style(s, 1, 1, 1, len(aboutKeys), b.newStyle("key", &excelize.Style{
		Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}))
	b.style(s, 2, 1, 2, 2, b.wrapStyle())
	b.style(s, 2, 4, 2, len(aboutKeys), b.wrapStyle())
	b.colWidth(s, 1, 16)
	b.colWidth(s, 2, 80)
	if !b.report {
		return // the workbook is an input again: its About holds what the reader reads
	}
	// The report says where it came from, below a blank row (keys the
	// reader of a workbook ignores).
	r := len(aboutKeys) + 2
	for _, kv := range [][2]string{
		{"Source file", export.SourceName(b.m)},
		{"Source SHA-256", b.m.SHA256},
		{"Made with", strings.TrimSpace("stancematrix " + b.opt.Version)},
	} {
		if kv[1] == "" {
			continue
		}
		b.str(s, 1, r, kv[0])
		b.str(s, 2, r, kv[1])
		b.style(s, 1, r, 1, r, b.newStyle("key", nil))
		r++
	}
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

// streamSheet starts writing sheet s as a stream: its column widths, the
// header row frozen at the top (an empty header is an empty cell). It
// returns nil after an error, which b keeps.
func (b *book) streamSheet(s string, headers []string, widths []float64) *excelize.StreamWriter {
	b.activate()
	sw, err := b.f.NewStreamWriter(s)
	if err != nil {
		b.fail(err)
		return nil
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
		if h != "" {
			head[i] = excelize.Cell{StyleID: b.headerStyle(), Value: h}
		}
	}
	b.fail(sw.SetRow("A1", head, rowOpts(headerLines(headers, widths))))
	return sw
}
