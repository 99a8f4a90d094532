package pdf

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// PDFSections returns the names of the PDF briefing's sections, in the order
// they appear in the document: "header" (title block), "findings" (key
// findings), "matrix", "issues" (issue by issue, with evidence), "profiles"
// (each party's positions), "changes" (since a snapshot; needs
// export.Options.Changes) and "sources" (numbered evidence sources).
func Sections() []string {
	return []string{"header", "findings", "matrix", "issues", "profiles", "changes", "sources"}
}

// DefaultPDFSections returns the sections a briefing has when
// export.Options.Sections is nil: all but "profiles". "changes" shows only when
// export.Options.Changes is set.
func DefaultSections() []string {
	return []string{"header", "findings", "matrix", "issues", "changes", "sources"}
}

// PDF writes m as a briefing: a title block, key findings, the matrix in
// colour with symbols (readable in greyscale), issue by issue with the
// newest evidence and numbered citations, optional party profiles, the
// changes since a snapshot and the numbered sources; with page numbers,
// bookmarks, links from the matrix to the issues and document metadata.
// Characters the font cannot draw are reported through opt.Warn with their
// place in the workbook.
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) (err error) {
	sec, err := sectionSet(opt.Sections)
	if err != nil {
		return err
	}
	paper, err := paper(opt.Paper)
	if err != nil {
		return err
	}
	switch opt.Orientation {
	case "", "auto", "portrait", "landscape":
	default:
		return fmt.Errorf("unknown orientation %q (want auto, portrait or landscape)", opt.Orientation)
	}
	fonts, err := loadPDFFonts(opt.Font)
	if err != nil {
		return err
	}
	// The PDF library panics on some damaged fonts and inputs it does not
	// expect; report that as an error rather than crash the caller.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing pdf: internal error: %v", r)
		}
	}()
	b := newBriefing(m, opt, sec, paper, fonts)
	b.checkCoverage()
	b.build()
	if b.pdf.Err() {
		return fmt.Errorf("writing pdf: %w", b.pdf.Error())
	}
	if err := b.pdf.Output(w); err != nil {
		return fmt.Errorf("writing pdf: %w", err)
	}
	return nil
}

func sectionSet(names []string) (map[string]bool, error) {
	if names == nil {
		names = DefaultSections()
	}
	valid := Sections()
	set := map[string]bool{}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		ok := false
		for _, v := range valid {
			if v == k {
				ok = true
			}
		}
		if !ok {
			return nil, fmt.Errorf("unknown pdf section %q (valid: %s)", n, strings.Join(valid, ", "))
		}
		set[k] = true
	}
	return set, nil
}

func paper(p string) (string, error) {
	switch strings.ToLower(p) {
	case "", "a4":
		return "A4", nil
	case "letter":
		return "Letter", nil
	}
	return "", fmt.Errorf("unknown paper size %q (want a4 or letter)", p)
}

// Layout constants, in millimetres and points.
const (
	margin      = 18.0 // left and right margin of text pages
	top         = 20.0 // first line of content
	bottom      = 22.0 // space kept free at the bottom
	family      = "body"
	bodySize    = 9.5
	smallSize   = 8.0
	minSize     = 7.0 // nothing in the matrix is set smaller
	mmPerPt     = 25.4 / 72
	lineSpacing = 1.3
)

type rgb struct{ r, g, b int }

var (
	colInk     = rgb{0x1f, 0x23, 0x28}
	colMuted   = rgb{0x57, 0x60, 0x6a}
	colAccent  = rgb{0x1f, 0x3a, 0x5f}
	colRule    = rgb{0xc8, 0xcd, 0xd3}
	colBand    = rgb{0xe9, 0xed, 0xf2}
	colBanner  = rgb{0x9b, 0x1c, 0x1c}
	colBlankBG = rgb{0xff, 0xff, 0xff}
)

// lineH returns the line height in mm for a font size in points.
func lineH(pt float64) float64 { return pt * mmPerPt * lineSpacing }

type evKey struct{ party, issue string }

// briefing holds the state of one PDF being written.
type briefing struct {
	pdf    *fpdf.Fpdf
	m      *matrix.Matrix
	opt    export.Options
	sec    map[string]bool
	fonts  *fonts
	paper  string
	title  string
	stance map[string]int // canonical label → index in m.Scale.Stances

	ev        map[evKey][]int // evidence indices per cell, newest first
	changed   map[evKey]matrix.CellChange
	srcNum    []int // per evidence index: its citation number, 0 if not cited
	sources   []int // per citation number-1: the first evidence index
	srcLink   []int // per citation number-1: link target, 0 for none
	issueLink []int // per issue: link target, 0 for none

	stats    []matrix.IssueStats
	findings []string
	pageSize fpdf.SizeType // portrait page size in mm
}

func newBriefing(m *matrix.Matrix, opt export.Options, sec map[string]bool, paper string, fonts *fonts) *briefing {
	b := &briefing{m: m, opt: opt, sec: sec, fonts: fonts, paper: paper}
	if opt.Changes == nil {
		delete(sec, "changes")
	}
	b.title = firstNonEmpty(opt.Title, m.About.Title, strings.TrimSuffix(filepath.Base(m.Source), filepath.Ext(m.Source)))
	if b.title == "" || b.title == "." {
		b.title = "Stance matrix"
	}
	b.stance = map[string]int{}
	for i, st := range m.Scale.Stances {
		b.stance[st.Label] = i
	}
	b.indexEvidence()
	b.changed = map[evKey]matrix.CellChange{}
	if opt.Changes != nil {
		for _, c := range opt.Changes.Cells {
			k := evKey{c.Party, c.Issue}
			if _, dup := b.changed[k]; !dup {
				b.changed[k] = c
			}
		}
	}
	if sec["findings"] {
		b.findings = matrix.KeyFindings(m, opt.Changes)
	}
	if sec["issues"] {
		b.stats = matrix.IssueStatistics(m)
		if len(b.stats) != len(m.Issues) {
			b.stats = nil
		}
	}

	orient := "P"
	if opt.Orientation == "landscape" {
		orient = "L"
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: paper})
	b.pdf = pdf
	b.pageSize = pdf.GetPageSizeStr(paper)
	pdf.AliasNbPages("{nb}") // before adding fonts: it changes their subsets
	for _, style := range []string{"", "B", "I", "BI"} {
		pdf.AddUTF8FontFromBytes(family, style, fonts.ttf[style])
	}
	pdf.SetFont(family, "", bodySize)
	pdf.SetMargins(margin, top, margin)
	pdf.SetAutoPageBreak(true, bottom)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	now := opt.Now
	if now.IsZero() {
		now = m.About.AsOf
	}
	if now.IsZero() {
		now = time.Unix(0, 0)
	}
	pdf.SetCreationDate(now.UTC())
	pdf.SetModificationDate(now.UTC())
	pdf.SetTitle(outlineText(b.title), true)
	pdf.SetAuthor(outlineText(joinNonEmpty(", ", m.About.Author, m.About.Organisation)), true)
	pdf.SetSubject(outlineText(firstNonEmpty(m.About.Subtitle, "Stance matrix briefing")), true)
	pdf.SetCreator("stancematrix", true)
	pdf.SetProducer("stancematrix (go-pdf/fpdf)", true)
	pdf.SetHeaderFuncMode(b.pageHeader, true)
	pdf.SetFooterFunc(b.pageFooter)

	b.issueLink = make([]int, len(m.Issues))
	if sec["issues"] {
		for i := range b.issueLink {
			b.issueLink[i] = pdf.AddLink()
		}
	}
	b.srcLink = make([]int, len(b.sources))
	if sec["sources"] {
		for i := range b.srcLink {
			b.srcLink[i] = pdf.AddLink()
		}
	}
	return b
}

// indexEvidence groups evidence by cell, newest first, and numbers the
// sources in the order the issue section cites them. Rows that share source, URL and date share a
// number.
func (b *briefing) indexEvidence() {
	m := b.m
	b.ev = map[evKey][]int{}
	for i, e := range m.Evidence {
		k := evKey{e.Party, e.Issue}
		b.ev[k] = append(b.ev[k], i)
	}
	for _, idx := range b.ev {
		sort.SliceStable(idx, func(x, y int) bool {
			a, c := m.Evidence[idx[x]].Date, m.Evidence[idx[y]].Date
			if a.IsZero() != c.IsZero() {
				return !a.IsZero()
			}
			return a.After(c)
		})
	}
	b.srcNum = make([]int, len(m.Evidence))
	seen := map[string]int{}
	for ii, is := range m.Issues {
		order, _ := b.issueOrder(ii)
		for _, p := range order {
			for _, i := range b.ev[evKey{m.Parties[p].Name, is.Name}] {
				e := m.Evidence[i]
				k := e.Source + "\x00" + e.URL + "\x00" + e.Date.Format("2006-01-02")
				if e.Source == "" && e.URL == "" {
					k = "\x01" + strconv.Itoa(i) // nothing to share
				}
				n, ok := seen[k]
				if !ok {
					b.sources = append(b.sources, i)
					n = len(b.sources)
					seen[k] = n
				}
				b.srcNum[i] = n
			}
		}
	}
}

func (b *briefing) build() {
	first := true
	newTextPage := func() {
		// A section starts on the current page when it is upright (as
		// text pages are) and has room; otherwise on a new page.
		w, h := b.pageWH()
		if b.pdf.PageCount() > 0 && (w > h) == (b.textOrientation() == "L") && b.pdf.GetY()+70 < b.bottom() {
			b.pdf.Ln(8)
		} else {
			b.addPage(b.textOrientation())
		}
		first = false
	}
	if b.sec["header"] {
		newTextPage()
		b.headerBlock()
	}
	if b.sec["findings"] && len(b.findings) > 0 {
		if first {
			newTextPage()
		}
		b.findingsSection()
	}
	if b.sec["matrix"] {
		b.matrixSection()
		first = false
	}
	if b.sec["issues"] {
		newTextPage()
		b.issuesSection()
	}
	if b.sec["profiles"] {
		newTextPage()
		b.profilesSection()
	}
	if b.sec["changes"] {
		newTextPage()
		b.changesSection()
	}
	if b.sec["sources"] {
		newTextPage()
		b.sourcesSection()
	}
	if first || b.pdf.PageCount() == 0 {
		newTextPage()
		b.para("Nothing to show: no section selected.", bodySize, "", colMuted)
	}
}

func (b *briefing) textOrientation() string {
	if b.opt.Orientation == "landscape" {
		return "L"
	}
	return "P"
}

func (b *briefing) addPage(orient string) {
	b.pdf.AddPageFormat(orient, b.pageSize)
}

func (b *briefing) pageWH() (float64, float64) { return b.pdf.GetPageSize() }

// bottom returns the lowest y content may reach on the current page.
func (b *briefing) bottom() float64 {
	_, h := b.pageWH()
	return h - bottom
}

// ensure starts a new page (same orientation) when less than h mm remain.
func (b *briefing) ensure(h float64) {
	if b.pdf.GetY()+h > b.bottom() {
		w, ht := b.pageWH()
		o := "P"
		if w > ht {
			o = "L"
		}
		b.addPage(o)
	}
}

func (b *briefing) pageHeader() {
	pdf := b.pdf
	w, _ := b.pageWH()
	if c := b.m.About.Classification; c != "" {
		b.font("B", smallSize)
		b.color(colBanner)
		pdf.SetXY(margin, 7)
		pdf.MultiCell(w-2*margin, lineH(smallSize), b.fonts.clean(c), "", "C", false)
	}
	b.color(colInk)
	b.font("", bodySize)
}

func (b *briefing) pageFooter() {
	pdf := b.pdf
	w, h := b.pageWH()
	b.font("", smallSize)
	b.color(colMuted)
	pageTxt := fmt.Sprintf("page %d of {nb}", pdf.PageNo())
	pw := pdf.GetStringWidth(fmt.Sprintf("page %d of %d", pdf.PageNo(), pdf.PageNo()*10))
	y := h - 17
	pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, y-1.5, w-margin, y-1.5)
	foot := firstNonEmpty(b.m.About.Footer, b.title)
	lines := pdf.SplitText(b.fonts.clean(foot), w-2*margin-pw-6)
	for i, l := range lines {
		if i == 2 {
			break // the full footer is in the workbook; two lines are enough here
		}
		pdf.Text(margin, y+2.8+float64(i)*lineH(smallSize), l)
	}
	pdf.Text(w-margin-pdf.GetStringWidth(pageTxt)+pdf.GetStringWidth("{nb}")-pdf.GetStringWidth(strconv.Itoa(pdf.PageNo())), y+2.8, pageTxt)
	if c := b.m.About.Classification; c != "" {
		b.font("B", smallSize)
		b.color(colBanner)
		pdf.SetXY(margin, h-10.5)
		pdf.MultiCell(w-2*margin, lineH(smallSize), b.fonts.clean(c), "", "C", false)
	}
	b.color(colInk)
}

// Small drawing helpers.

// font and color skip what is already set: fpdf writes a font operator for
// every SetFont and formats the colour for every SetTextColor, and the
// briefing sets both for each of its thousands of entries.
func (b *briefing) font(style string, size float64) {
	if pt, _ := b.pdf.GetFontSize(); pt == size && b.pdf.GetFontStyle() == style && b.pdf.GetFontFamily() == family { // fpdf keeps the family in lower case, as family is
		return
	}
	b.pdf.SetFont(family, style, size)
}

func (b *briefing) color(c rgb) {
	if r, g, bl := b.pdf.GetTextColor(); r == c.r && g == c.g && bl == c.b {
		return
	}
	b.pdf.SetTextColor(c.r, c.g, c.b)
}

func (b *briefing) fill(c rgb) { b.pdf.SetFillColor(c.r, c.g, c.b) }
func (b *briefing) draw(c rgb) { b.pdf.SetDrawColor(c.r, c.g, c.b) }

// para writes a paragraph across the text width.
func (b *briefing) para(s string, size float64, style string, c rgb) {
	b.font(style, size)
	b.color(c)
	b.pdf.SetX(b.leftMargin())
	b.pdf.MultiCell(0, lineH(size), b.fonts.clean(strings.TrimRight(s, "\r\n")), "", "L", false)
	b.color(colInk)
}

func (b *briefing) leftMargin() float64 {
	l, _, _, _ := b.pdf.GetMargins()
	return l
}

// sectionHeading starts a section with a bookmark.
func (b *briefing) sectionHeading(title string) {
	pdf := b.pdf
	b.ensure(30)
	pdf.Bookmark(title, 0, -1)
	b.font("B", 15)
	b.color(colAccent)
	pdf.SetX(margin)
	pdf.MultiCell(0, lineH(15), title, "", "L", false)
	y := pdf.GetY() + 1
	w, _ := b.pageWH()
	b.draw(colAccent)
	pdf.SetLineWidth(0.5)
	pdf.Line(margin, y, w-margin, y)
	pdf.SetY(y + 4)
	b.color(colInk)
}

func (b *briefing) headerBlock() {
	pdf := b.pdf
	a := b.m.About
	pdf.Bookmark(outlineText(b.title), 0, -1)
	pdf.SetY(top + 6)
	b.para(b.title, 22, "B", colAccent)
	if a.Subtitle != "" {
		pdf.Ln(1.5)
		b.para(a.Subtitle, 13, "", colInk)
	}
	pdf.Ln(3)
	var meta []string
	if !a.AsOf.IsZero() {
		meta = append(meta, "As of "+date(a.AsOf))
	}
	if s := joinNonEmpty(" · ", a.Author, a.Organisation); s != "" {
		meta = append(meta, s)
	}
	if len(meta) > 0 {
		b.para(strings.Join(meta, "  ·  "), 10, "", colMuted)
	}
	counts := fmt.Sprintf("%s · %s · %s", export.Plural(len(b.m.Parties), "party", "parties"),
		export.Plural(len(b.m.Issues), "issue", "issues"), export.Plural(len(b.sources), "source", "sources"))
	b.para(counts, 10, "", colMuted)
	if a.Notes != "" {
		pdf.Ln(2)
		b.para(a.Notes, bodySize, "I", colInk)
	}
	pdf.Ln(4)
	w, _ := b.pageWH()
	b.draw(colRule)
	pdf.SetLineWidth(0.3)
	pdf.Line(margin, pdf.GetY(), w-margin, pdf.GetY())
	pdf.Ln(8)
}

func (b *briefing) findingsSection() {
	pdf := b.pdf
	b.sectionHeading("Key findings")
	w, _ := b.pageWH()
	for _, f := range b.findings {
		b.ensure(12)
		y := pdf.GetY()
		b.fill(colAccent)
		pdf.Rect(margin+1, y+1.3, 1.6, 1.6, "F")
		b.font("", 10.5)
		pdf.SetXY(margin+6, y)
		pdf.MultiCell(w-2*margin-6, lineH(10.5), b.fonts.clean(f), "", "L", false)
		pdf.Ln(2)
	}
	pdf.Ln(4)
}

// stanceOf returns the scale stance of a cell and whether it has one.
func (b *briefing) stanceOf(label string) (matrix.Stance, bool) {
	i, ok := b.stance[label]
	if !ok {
		return matrix.Stance{}, false
	}
	return b.m.Scale.Stances[i], true
}

// swatch draws a stance tile with its symbol at x, y.
func (b *briefing) swatch(x, y, w, h float64, st matrix.Stance, size float64) {
	pdf := b.pdf
	c := parseRGB(st.Color, rgb{0xbd, 0xbd, 0xbd})
	b.fill(c)
	b.draw(darker(c))
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, w, h, "FD")
	if st.Symbol != "" {
		b.font("B", size)
		b.color(contrastText(c))
		s := b.fonts.clean(st.Symbol)
		sw := pdf.GetStringWidth(s)
		pdf.Text(x+(w-sw)/2, y+h/2+size*mmPerPt*0.35, s)
		b.color(colInk)
	}
}

func (b *briefing) issuesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Issue by issue")
	w, _ := b.pageWH()
	textW := w - 2*margin
	for i, is := range m.Issues {
		if i > 0 {
			b.ensure(34)
			y := pdf.GetY() + 2
			b.draw(colRule)
			pdf.SetLineWidth(0.2)
			pdf.Line(margin, y, w-margin, y)
			pdf.SetY(y + 5)
		} else {
			b.ensure(30)
		}
		pdf.Bookmark(outlineText(is.Name), 1, -1)
		if l := b.issueLink[i]; l != 0 {
			pdf.SetLink(l, pdf.GetY()-2, -1)
		}
		b.para(is.Name, 12.5, "B", colAccent)
		var meta []string
		if is.Category != "" {
			meta = append(meta, is.Category)
		}
		meta = append(meta, b.statsLine(i)...)
		if len(meta) > 0 {
			pdf.Ln(0.5)
			b.para(strings.Join(meta, "  ·  "), smallSize+0.5, "", colMuted)
		}
		if is.Description != "" {
			pdf.Ln(1.5)
			b.para(is.Description, bodySize, "", colInk)
		}
		pdf.Ln(3)
		order, blank := b.issueOrder(i)
		for _, p := range order {
			b.stanceEntry(i, p, textW)
		}
		if len(blank) > 0 {
			b.ensure(8)
			pdf.Ln(0.5)
			b.para("No recorded position: "+strings.Join(blank, ", "), smallSize+0.5, "I", colMuted)
		}
	}
}

// issueOrder returns the parties listed under issue i, from the most
// supportive stance down (workbook order within a stance), and the names of
// the parties with neither a position nor evidence.
func (b *briefing) issueOrder(i int) (order []int, blank []string) {
	m := b.m
	for p := range m.Parties {
		if m.Cells[i][p].Blank() && len(b.ev[evKey{m.Parties[p].Name, m.Issues[i].Name}]) == 0 {
			blank = append(blank, m.Parties[p].Name)
			continue
		}
		order = append(order, p)
	}
	sort.SliceStable(order, func(x, y int) bool {
		return b.stanceRank(m.Cells[i][order[x]].Stance) < b.stanceRank(m.Cells[i][order[y]].Stance)
	})
	return order, blank
}

// stanceRank orders stances as the scale lists them; unknown labels last.
func (b *briefing) stanceRank(label string) int {
	if i, ok := b.stance[label]; ok {
		return i
	}
	return len(b.stance)
}

func (b *briefing) statsLine(i int) []string {
	if b.stats == nil {
		return nil
	}
	s := b.stats[i]
	var out []string
	out = append(out, fmt.Sprintf("%d of %d parties with a position", s.Positions, len(b.m.Parties)))
	if s.HasConsensus {
		out = append(out, fmt.Sprintf("consensus %.0f%%", 100*s.Consensus))
	}
	if s.HasMedian {
		if lbl := b.labelAtScore(s.Median); lbl != "" {
			out = append(out, "weighted median: "+lbl)
		}
	}
	return out
}

func (b *briefing) labelAtScore(score float64) string {
	for _, st := range b.m.Scale.Stances {
		if st.HasScore && st.Score == score {
			return st.Label
		}
	}
	return ""
}

// stanceEntry writes one party's stance on issue i: a tile, the party and
// stance, the note, the newest evidence with its citation and older
// evidence in brief.
func (b *briefing) stanceEntry(i, p int, textW float64) {
	pdf := b.pdf
	m := b.m
	c := m.Cells[i][p]
	party := m.Parties[p]
	const tile, indent = 6.0, 9.0
	b.ensure(14)
	y := pdf.GetY()
	if st, ok := b.stanceOf(c.Stance); ok {
		b.swatch(margin, y+0.3, tile, 4.6, st, minSize+0.5)
	}
	x0, w := margin+indent, textW-indent
	pdf.SetXY(x0, y)
	head := []span{
		{text: party.Name, style: "B", size: bodySize, color: colInk},
		{text: "  " + firstNonEmpty(c.Stance, "no recorded position"), size: bodySize, color: colMuted},
	}
	if ch, ok := b.changed[evKey{party.Name, m.Issues[i].Name}]; ok {
		head = append(head, span{text: "  (changed from " + firstNonEmpty(ch.Old, "no position") + ")", style: "I", size: smallSize + 0.5, color: colMuted})
	}
	b.flow(x0, w, lineH(bodySize), head)
	if c.Note != "" {
		b.flow(x0, w, lineH(smallSize+0.5), []span{{text: c.Note, style: "I", size: smallSize + 0.5, color: colMuted}})
	}
	for k, ei := range b.ev[evKey{party.Name, m.Issues[i].Name}] {
		e := m.Evidence[ei]
		if k == 0 {
			b.evidenceFull(x0, w, e, b.srcNum[ei])
		} else {
			b.evidenceBrief(x0, w, e, b.srcNum[ei], k == 1)
		}
	}
	pdf.Ln(2.2)
}

// cite returns the citation mark [n], linked to the source when the
// sources section is there.
func (b *briefing) cite(n int) []span {
	if n == 0 {
		return nil
	}
	return []span{{text: " [" + strconv.Itoa(n) + "]", size: smallSize + 0.5, color: colAccent, link: b.srcLink[n-1]}}
}

func (b *briefing) evidenceFull(x0, w float64, e matrix.Evidence, n int) {
	size := bodySize - 0.5
	lh := lineH(size)
	if e.Summary != "" {
		sp := []span{plain(e.Summary, size)}
		if e.Quote == "" {
			sp = append(sp, b.attribution(e, size)...)
			sp = append(sp, b.cite(n)...)
		}
		b.flow(x0, w, lh, sp)
	}
	if e.Quote != "" {
		sp := []span{{text: "“" + e.Quote + "”", style: "I", size: size, color: colInk}}
		sp = append(sp, b.attribution(e, size)...)
		sp = append(sp, b.cite(n)...)
		b.flow(x0, w, lh, sp)
	}
	if e.Summary == "" && e.Quote == "" {
		sp := []span{plain("Source:", size)}
		sp = append(sp, b.attribution(e, size)...)
		sp = append(sp, b.cite(n)...)
		b.flow(x0, w, lh, sp)
	}
}

func (b *briefing) attribution(e matrix.Evidence, size float64) []span {
	var parts []string
	if e.Speaker != "" {
		parts = append(parts, e.Speaker)
	}
	if !e.Date.IsZero() {
		parts = append(parts, date(e.Date))
	}
	if len(parts) == 0 {
		return nil
	}
	return []span{{text: " — " + strings.Join(parts, ", "), size: size, color: colMuted}}
}

func (b *briefing) evidenceBrief(x0, w float64, e matrix.Evidence, n int, first bool) {
	size := smallSize + 0.5
	lead := ""
	if first {
		lead = "Earlier: "
	}
	if !e.Date.IsZero() {
		lead += date(e.Date) + ", "
	}
	txt := firstNonEmpty(e.Summary, e.Quote)
	if e.Summary != "" && e.Quote != "" {
		txt = e.Summary + ": “" + e.Quote + "”"
	}
	sp := []span{{text: lead + txt, size: size, color: colMuted}}
	if e.Speaker != "" {
		sp = append(sp, span{text: " — " + e.Speaker, size: size, color: colMuted})
	}
	b.flow(x0, w, lineH(size), append(sp, b.cite(n)...))
}

func (b *briefing) profilesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Party profiles")
	w, _ := b.pageWH()
	textW := w - 2*margin
	for p, party := range m.Parties {
		if p > 0 {
			b.ensure(30)
			pdf.Ln(4)
		}
		pdf.Bookmark(outlineText(party.Name), 1, -1)
		b.para(party.Name, 12.5, "B", colAccent)
		var meta []string
		if party.Short != "" {
			meta = append(meta, party.Short)
		}
		if party.Group != "" {
			meta = append(meta, party.Group)
		}
		if len(meta) > 0 {
			b.para(strings.Join(meta, "  ·  "), smallSize+0.5, "", colMuted)
		}
		if party.Description != "" {
			pdf.Ln(1)
			b.para(party.Description, bodySize, "", colInk)
		}
		pdf.Ln(2)
		var blank []string
		for i, iss := range m.Issues {
			c := m.Cells[i][p]
			if c.Blank() {
				blank = append(blank, iss.Name)
				continue
			}
			b.ensure(8)
			y := pdf.GetY()
			if st, ok := b.stanceOf(c.Stance); ok {
				b.swatch(margin, y+0.3, 6, 4.2, st, minSize+0.5)
			}
			x0 := margin + 9
			pdf.SetXY(x0, y)
			b.flow(x0, textW-9, lineH(bodySize), []span{
				{text: iss.Name, size: bodySize, color: colInk, link: b.issueLink[i]},
				{text: "  " + c.Stance, size: bodySize, color: colMuted},
			})
			if c.Note != "" {
				b.flow(x0, textW-9, lineH(smallSize+0.5), []span{{text: c.Note, style: "I", size: smallSize + 0.5, color: colMuted}})
			}
			pdf.Ln(1.2)
		}
		if len(blank) > 0 {
			b.para("No recorded position on: "+strings.Join(blank, ", "), smallSize+0.5, "I", colMuted)
		}
	}
}

func (b *briefing) changesSection() {
	pdf := b.pdf
	ch := b.opt.Changes
	b.sectionHeading("Changes since the last snapshot")
	from := ch.Old
	if !ch.OldDate.IsZero() {
		from = joinNonEmpty(", ", from, date(ch.OldDate))
	}
	to := ch.New
	if !ch.NewDate.IsZero() {
		to = joinNonEmpty(", ", to, date(ch.NewDate))
	}
	b.para(fmt.Sprintf("From %s to %s.", firstNonEmpty(from, "the older matrix"), firstNonEmpty(to, "this matrix")), bodySize, "", colMuted)
	pdf.Ln(3)
	if ch.Empty() {
		b.para("Nothing changed.", bodySize, "", colInk)
		return
	}
	w, _ := b.pageWH()
	textW := w - 2*margin
	lh := lineH(bodySize)
	if len(ch.Cells) > 0 {
		b.subheading(fmt.Sprintf("Changed positions (%d)", len(ch.Cells)))
		for _, c := range ch.Cells {
			b.ensure(7)
			pdf.SetX(margin)
			sp := []span{
				{text: c.Party, style: "B", size: bodySize, color: colInk},
				plain(" on "+c.Issue+": "+firstNonEmpty(c.Old, "no position")+" → "+firstNonEmpty(c.New, "no position"), bodySize),
			}
			if d := c.Direction; d != matrix.Moved {
				sp = append(sp, span{text: " (" + d.String() + ")", size: bodySize, color: colMuted})
			}
			b.flow(margin, textW, lh, sp)
			pdf.Ln(1)
		}
		pdf.Ln(2)
	}
	lists := []struct {
		title string
		names []string
	}{
		{"Parties added", ch.PartiesAdded}, {"Parties removed", ch.PartiesRemoved},
		{"Issues added", ch.IssuesAdded}, {"Issues removed", ch.IssuesRemoved},
	}
	for _, l := range lists {
		if len(l.names) == 0 {
			continue
		}
		b.ensure(10)
		pdf.SetX(margin)
		b.flow(margin, textW, lh, []span{
			{text: l.title + ":", style: "B", size: bodySize, color: colInk},
			plain(" "+strings.Join(l.names, ", "), bodySize),
		})
		pdf.Ln(2)
	}
	if len(ch.NewEvidence) > 0 {
		pdf.Ln(2)
		b.subheading(fmt.Sprintf("New evidence (%d)", len(ch.NewEvidence)))
		size := smallSize + 0.5
		for _, e := range ch.NewEvidence {
			b.ensure(7)
			pdf.SetX(margin)
			txt := firstNonEmpty(e.Summary, e.Quote, e.Source)
			if !e.Date.IsZero() {
				txt = date(e.Date) + ", " + txt
			}
			b.flow(margin, textW, lineH(size), []span{
				{text: e.Party + " on " + e.Issue + ":", style: "B", size: size, color: colInk},
				plain(" "+txt, size),
			})
			pdf.Ln(0.8)
		}
	}
}

func (b *briefing) subheading(s string) {
	b.ensure(14)
	b.para(s, 11, "B", colAccent)
	b.pdf.Ln(1.5)
}

func (b *briefing) sourcesSection() {
	pdf := b.pdf
	m := b.m
	b.sectionHeading("Sources")
	if len(b.sources) == 0 {
		b.para("No evidence is recorded.", bodySize, "", colMuted)
		return
	}
	size := smallSize + 0.5
	lh := lineH(size)
	b.font("B", size)
	numW := b.pdf.GetStringWidth("["+strconv.Itoa(len(b.sources))+"]") + 2.5
	w, _ := b.pageWH()
	textW := w - 2*margin
	for n, ei := range b.sources {
		e := m.Evidence[ei]
		b.ensure(lh * 2.2)
		y := pdf.GetY()
		if l := b.srcLink[n]; l != 0 {
			pdf.SetLink(l, y, -1)
		}
		b.font("B", size)
		b.color(colAccent)
		pdf.Text(margin, y+lh*0.78, "["+strconv.Itoa(n+1)+"]")
		b.color(colInk)
		pdf.SetXY(margin+numW, y)
		var rest []string
		if e.Speaker != "" {
			rest = append(rest, e.Speaker)
		}
		if !e.Date.IsZero() {
			rest = append(rest, date(e.Date))
		}
		sp := []span{{text: firstNonEmpty(e.Source, "Untitled source"), style: "B", size: size, color: colInk}}
		if len(rest) > 0 {
			sp = append(sp, plain(". "+strings.Join(rest, ", "), size))
		}
		sp = append(sp, plain(".", size))
		if e.URL != "" {
			u := span{text: " " + e.URL, size: size, color: colAccent}
			if httpURL(e.URL) {
				u.url = e.URL
			}
			sp = append(sp, u)
		}
		b.flow(margin+numW, textW-numW, lh, sp)
		pdf.Ln(1.2)
	}
}

// outlineText prepares s for a bookmark or the document information, which
// the PDF library encodes as UTF-16 by hand: it panics on invalid UTF-8 (a
// truncated sequence) and garbles characters beyond U+FFFF, so both become
// U+FFFD.
func outlineText(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func httpURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// date formats a date as "23 April 2025".
func date(t time.Time) string { return t.Format("2 January 2006") }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// parseRGB reads "#RRGGBB", or returns def.
// parseRGB reads a workbook colour, or gives def when there is none.
func parseRGB(s string, def rgb) rgb {
	c, ok := export.ParseRGB(s)
	if !ok {
		return def
	}
	return rgb{int(c.R), int(c.G), int(c.B)}
}

// contrastText returns white or near-black, whichever export.LightText
// picks for bg.
func contrastText(bg rgb) rgb {
	if export.LightText(export.RGB{R: uint8(bg.r), G: uint8(bg.g), B: uint8(bg.b)}) {
		return rgb{0xff, 0xff, 0xff}
	}
	return rgb{0x11, 0x11, 0x11}
}

func darker(c rgb) rgb {
	return rgb{c.r * 7 / 10, c.g * 7 / 10, c.b * 7 / 10}
}
