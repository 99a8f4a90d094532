package xlsx

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/matrix"
)

// reportIssuesSheet is the input Issues sheet plus, per issue, the count of
// each stance and the analysis figures (extra columns the reader ignores).
func (b *book) reportIssuesSheet() {
	s := sheetIssues
	b.addSheet(s)
	headers := append([]string{}, issueHeaders...)
	widths := []float64{40, 14, 18, 48, 8}
	stances := b.m.Scale.Stances
	for _, st := range stances {
		headers = append(headers, st.Label)
		widths = append(widths, width(utf8.RuneCountInString(st.Label), 8, 14))
	}
	headers = append(headers, "Blank", "Spread", "Score range", "Consensus", "Weighted median")
	widths = append(widths, 8, 9, 9, 11, 11)
	aliasCol := 0
	if b.issueAliases() {
		headers, widths = append(headers, matrix.ListAliasesColumn.Name), append(widths, 30)
		aliasCol = len(headers)
	}
	b.headerRow(s, headers, widths)
	b.issueRows(s, aliasCol)
	base := len(issueHeaders)
	for k, st := range stances {
		if hex, ok := hex(st.Color); ok {
			b.style(s, base+k+1, 1, base+k+1, 1, b.newStyle("counthead"+hex, &excelize.Style{
				Font:      &excelize.Font{Bold: true, Color: contrast(hex)},
				Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}},
				Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
				Border:    thinBorder,
			}))
		}
	}
	stats := b.analysis().Issues
	if len(stats) != len(b.m.Issues) {
		stats = nil
	}
	top := b.numTopStyle()
	two := b.newStyle("fixed2", &excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}})
	pct := b.newStyle("pct", &excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}})
	for i := range b.m.Issues {
		r := i + 2
		counts := make([]int, len(stances))
		blank := 0
		for p := range b.m.Parties {
			if !b.m.HasCell(i, p) {
				continue
			}
			label := b.m.Stance(i, p)
			if label == "" {
				blank++
				continue
			}
			for k, st := range stances {
				if st.Label == label {
					counts[k]++
				}
			}
		}
		for k, n := range counts {
			b.num(s, base+k+1, r, float64(n))
		}
		col := base + len(stances) + 1
		b.num(s, col, r, float64(blank))
		b.style(s, base, r, col, r, top)
		if stats == nil {
			continue
		}
		st := stats[i]
		if st.Scored >= 2 {
			b.num(s, col+1, r, st.Spread)
			b.num(s, col+2, r, st.Range)
			b.style(s, col+1, r, col+2, r, two)
		}
		if st.HasConsensus {
			b.num(s, col+3, r, st.Consensus)
			b.style(s, col+3, r, col+3, r, pct)
		}
		if st.HasMedian {
			b.num(s, col+4, r, st.Median)
			b.style(s, col+4, r, col+4, r, two)
		}
	}
	b.fail(b.f.AutoFilter(s, "A1:"+ref(len(headers), max(2, len(b.m.Issues)+1)), nil))
}

// alignmentSheet is the party × party agreement, with a colour scale from
// orange (no agreement) through white to blue (full agreement); a pair with
// no shared scored issue is blank.
func (b *book) alignmentSheet() {
	s := sheetAlignment
	b.addSheet(s)
	n := len(b.m.Parties)
	b.str(s, 1, 1, "Agreement")
	b.style(s, 1, 1, 1, 1, b.headerStyle())
	b.colWidth(s, 1, 28)
	for p, party := range b.m.Parties {
		b.str(s, p+2, 1, party.Name)
		b.str(s, 1, p+2, party.Name)
		b.style(s, p+2, 1, p+2, 1, b.partyHeaderStyle(party.Color))
		b.colWidth(s, p+2, width(min(textLen(party.Name), 12), 9, 14))
	}
	if n > 0 {
		b.style(s, 1, 2, 1, n+1, b.issueHeaderStyle())
		b.fail(b.f.SetRowHeight(s, 1, 32))
	}
	ag := b.analysis().Agreement
	pct := b.newStyle("pctcell", &excelize.Style{NumFmt: 9, Border: thinBorder,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if n > 0 {
		b.style(s, 2, 2, n+1, n+1, pct)
	}
	if len(ag) == n {
		for a := range ag {
			for c, pair := range ag[a] {
				if c < n && pair.OK {
					b.num(s, c+2, a+2, pair.Agreement)
				}
			}
		}
	}
	if n > 0 {
		b.fail(b.f.SetConditionalFormat(s, "B2:"+ref(n+1, n+1), []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "num", MinValue: "0", MinColor: "#F4A582",
			MidType: "num", MidValue: "0.5", MidColor: "#F7F7F7",
			MaxType: "num", MaxValue: "1", MaxColor: "#4393C3",
		}}))
	}
	note := n + 3
	b.str(s, 1, note, "Agreement of two parties: over the issues where both have a scored stance, the mean of 1 − |difference of scores| / the scale's range, weighted by issue. Blank: no shared issue.")
	b.fail(b.f.MergeCell(s, ref(1, note), ref(max(n+1, 8), note)))
	b.style(s, 1, note, 1, note, b.wrapStyle())
	b.fail(b.f.SetRowHeight(s, note, 45))
	b.freeze(s, 1, 1)
	b.printSetup(s, n > 6, "$1:$1", "$A:$A")
}

// changesSheet lists what changed since the older matrix: the cells, then
// the parties and issues added and removed and the count of new evidence.
func (b *book) changesSheet(ch *matrix.Changes) {
	s := sheetChanges
	b.addSheet(s)
	b.headerRow(s, []string{"Issue", "Party", "Was", "Now", "Direction", "Cell"}, []float64{40, 24, 16, 16, 20, 8})
	for k, c := range ch.Cells {
		r := k + 2
		b.str(s, 1, r, c.Issue)
		b.str(s, 2, r, c.Party)
		b.str(s, 3, r, c.Old)
		b.str(s, 4, r, c.New)
		if c.Old != "" {
			b.style(s, 3, r, 3, r, b.stanceStyle(c.Old, false))
		}
		if c.New != "" {
			b.style(s, 4, r, 4, r, b.stanceStyle(c.New, false))
		}
		b.str(s, 5, r, c.Direction.String())
		if p, i := b.m.PartyIndex(c.Party), b.m.IssueIndex(c.Issue); p >= 0 && i >= 0 {
			cell := ref(p+2, i+2)
			b.str(s, 6, r, cell)
			b.link(s, ref(6, r), quoteSheet(sheetMatrix)+"!"+cell, false, "")
			b.style(s, 6, r, 6, r, b.linkStyle())
		}
	}
	if len(ch.Cells) > 0 {
		b.fail(b.f.AutoFilter(s, "A1:"+ref(6, len(ch.Cells)+1), nil))
	}
	r := len(ch.Cells) + 3
	since, now := describe(ch.Old, ch.OldDate), describe(ch.New, ch.NewDate)
	bold := b.newStyle("key", &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	lines := [][2]string{
		{"Compared", strings.TrimSpace(since + " → " + now)},
		{"Cells changed", fmt.Sprint(len(ch.Cells))},
		{"Parties added", strings.Join(ch.PartiesAdded, "; ")},
		{"Parties removed", strings.Join(ch.PartiesRemoved, "; ")},
		{"Issues added", strings.Join(ch.IssuesAdded, "; ")},
		{"Issues removed", strings.Join(ch.IssuesRemoved, "; ")},
		{"New evidence rows", fmt.Sprint(len(ch.NewEvidence))},
		{"Other edits", fmt.Sprint(len(ch.Edits))},
	}
	for _, l := range lines {
		b.str(s, 1, r, l[0])
		b.style(s, 1, r, 1, r, bold)
		b.str(s, 2, r, firstNonBlank(l[1], "none"))
		r++
	}
	// The other edits: notes, evidence rows, names, scale, About, findings.
	if len(ch.Edits) > 0 {
		r++
		heads := []string{"Edit", "Concerns", "Field", "Was", "Now", "Where"}
		for c, h := range heads {
			b.str(s, c+1, r, h)
		}
		b.style(s, 1, r, len(heads), r, bold)
		wrap := b.wrapStyle()
		for _, e := range ch.Edits {
			r++
			for c, v := range []string{e.Kind.String(), e.Subject, e.Field, e.Old, e.New, e.Ref} {
				b.str(s, c+1, r, v)
			}
			b.style(s, 2, r, 5, r, wrap)
		}
	}
	b.printSetup(s, true, "$1:$1", "")
}

// describe names one side of a comparison: a snapshot by its sheet name
// (which holds its date), anything else by its name and As of date.
func describe(name string, date time.Time) string {
	if strings.HasPrefix(name, "Matrix ") || date.IsZero() {
		return firstNonBlank(name, date.Format("2006-01-02"), "the earlier matrix")
	}
	return strings.TrimSpace(name + " (" + date.Format("2006-01-02") + ")")
}

// legendSheet shows each stance as it looks in the matrix, with its score,
// description and count, and explains the report's marks.
func (b *book) legendSheet() {
	s := sheetLegend
	b.addSheet(s)
	b.headerRow(s, []string{"Stance", "Symbol", "Score", "Cells", "Description"}, []float64{22, 8, 8, 8, 60})
	counts := map[string]int{}
	for i := range b.m.Issues {
		for p := range b.m.Parties {
			if b.m.HasCell(i, p) {
				counts[b.m.Stance(i, p)]++
			}
		}
	}
	for k, st := range b.m.Scale.Stances {
		r := k + 2
		b.str(s, 1, r, st.Label)
		b.style(s, 1, r, 1, r, b.stanceStyle(st.Label, false))
		b.str(s, 2, r, st.Symbol)
		if st.HasScore {
			b.num(s, 3, r, st.Score)
		} else {
			b.str(s, 3, r, "none")
		}
		b.num(s, 4, r, float64(counts[st.Label]))
		b.str(s, 5, r, st.Description)
	}
	r := len(b.m.Scale.Stances) + 2
	b.str(s, 1, r, "Blank")
	b.style(s, 1, r, 1, r, b.stanceStyle("", false))
	b.num(s, 4, r, float64(counts[""]))
	b.str(s, 5, r, "No recorded position (not the same as Unclear).")
	r += 2
	marks := []string{
		"How to read the Matrix sheet",
		"Each cell shows the stance's symbol before its label and is filled with its colour; the cell's value is the label alone, so the report can be edited and read again like any input workbook.",
		"A cell with a red triangle has a note: hover over it to read it.",
		"Select a cell to see its newest evidence and where to find the rest on the Evidence sheet; select a party or issue header to see its group, category and description.",
		"A cell in bold with a heavy border changed since the earlier snapshot (see the Changes sheet).",
		"Score: the stance's place on the axis; a stance with no score is left out of the figures on the Issues and Alignment sheets.",
	}
	if b.opt.Changes == nil {
		marks = append(marks[:4], marks[5:]...)
	}
	for k, t := range marks {
		b.str(s, 1, r+k, t)
		b.fail(b.f.MergeCell(s, ref(1, r+k), ref(5, r+k)))
		if k == 0 {
			b.style(s, 1, r, 1, r, b.newStyle("key", &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}))
		} else {
			b.style(s, 1, r+k, 1, r+k, b.wrapStyle())
			b.fail(b.f.SetRowHeight(s, r+k, 30))
		}
	}
	b.printSetup(s, false, "", "")
}
