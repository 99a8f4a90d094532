// Package pdf writes the briefing a decision-maker reads: the stance matrix
// in colour with symbols, key findings, issue by issue with cited evidence,
// party profiles, changes and sources, on A4 or Letter pages.
package pdf

import (
	"errors"
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

// Sections returns the names of the PDF briefing's sections, in the order
// they appear in the document: "header" (title block), "findings" (key
// findings), "alignment" (who stands with whom: the agreement heatmap, the
// party map and the blocs), "split" (where the issues split: the most
// contested issues as stacked bars), "categories" (party profiles by
// category: each party's mean score per issue category), "matrix",
// "issues" (issue by issue, with evidence), "profiles" (each party's
// positions), "moved" (what moved: the changed cells as arrows along the
// scale) and "changes" (both since a snapshot; they need
// export.Options.Changes) and "sources" (numbered evidence sources).
func Sections() []string {
	return []string{"header", "findings", "alignment", "split", "categories", "matrix", "issues", "profiles", "moved", "changes", "sources"}
}

// DefaultSections returns the sections a briefing has when
// export.Options.Sections is nil: all but "profiles". "moved" and "changes"
// show only when export.Options.Changes is set.
func DefaultSections() []string {
	return []string{"header", "findings", "alignment", "split", "categories", "matrix", "issues", "moved", "changes", "sources"}
}

// ErrMissingGlyphs is the Err of a warning that the font cannot draw some
// characters of a text: a font that has them (Options.Font) draws them.
var ErrMissingGlyphs = errors.New("the font lacks characters of the text")

// Write writes m as a briefing: a title block, key findings, the matrix in
// colour with symbols (readable in greyscale), issue by issue with the
// newest evidence and numbered citations, optional party profiles, the
// changes since a snapshot and the numbered sources; with page numbers,
// bookmarks, links from the matrix to the issues and document metadata.
// Characters the font cannot draw are reported through opt.Warn with their
// place in the workbook.
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	_, err := write(w, m, opt)
	return err
}

// write is Write, returning the briefing as drawn for tests.
func write(w io.Writer, m *matrix.Matrix, opt export.Options) (b *briefing, err error) {
	sec, err := sectionSet(opt.Sections)
	if err != nil {
		return nil, err
	}
	paper, err := paper(opt.Paper)
	if err != nil {
		return nil, err
	}
	switch opt.Orientation {
	case "", "auto", "portrait", "landscape":
	default:
		return nil, fmt.Errorf("unknown orientation %q (want auto, portrait or landscape)", opt.Orientation)
	}
	if err := checkDetail(opt.Detail); err != nil {
		return nil, err
	}
	fonts, err := loadPDFFonts(opt.Font)
	if err != nil {
		return nil, err
	}
	// The PDF library panics on some damaged fonts and inputs it does not
	// expect; report that as an error rather than crash the caller.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing pdf: internal error: %v", r)
		}
	}()
	b = newBriefing(m, opt, sec, paper, fonts)
	b.checkCoverage()
	b.build()
	if b.pdf.Err() {
		return nil, fmt.Errorf("writing pdf: %w", b.pdf.Error())
	}
	if err := b.pdf.Output(w); err != nil {
		return nil, fmt.Errorf("writing pdf: %w", err)
	}
	return b, nil
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
	findings []string // the author's findings (authorFindings of them), then the computed ones
	// authorFindings is how many of findings, at the start, are the
	// author's own (the workbook's Findings sheet).
	authorFindings int
	pageSize       fpdf.SizeType // portrait page size in mm

	an        *matrix.Analysis      // set when a section needs it
	blocOf    []int                 // per party: its bloc in an.Blocs.Groups, or −1
	mapLayout *mapLayout            // the party map as drawn, nil without one
	numbered  bool                  // the heatmap lists the party numbers
	heatBox   labelBox              // the heatmap as drawn, with its labels
	drawn     map[string][]labelBox // per section of charts 3 to 5: each page's piece of its chart, for tests

	sum      *summary       // what a summary-first briefing gives; nil in full
	overview []overviewPage // the overview's pages as drawn
}

func newBriefing(m *matrix.Matrix, opt export.Options, sec map[string]bool, paper string, fonts *fonts) *briefing {
	b := &briefing{m: m, opt: opt, sec: sec, fonts: fonts, paper: paper}
	if opt.Changes == nil {
		delete(sec, "changes")
		delete(sec, "moved")
	}
	b.title = firstNonEmpty(opt.Title, m.About.Title, strings.TrimSuffix(filepath.Base(m.Source), filepath.Ext(m.Source)))
	if b.title == "" || b.title == "." {
		b.title = "Stance matrix"
	}
	b.stance = map[string]int{}
	for i, st := range m.Scale.Stances {
		b.stance[st.Label] = i
	}
	b.changed = map[evKey]matrix.CellChange{}
	if opt.Changes != nil {
		for _, c := range opt.Changes.Cells {
			k := evKey{c.Party, c.Issue}
			if _, dup := b.changed[k]; !dup {
				b.changed[k] = c
			}
		}
	}
	if sec["findings"] || sec["issues"] || sec["alignment"] || sec["split"] || sec["categories"] {
		b.an = opt.AnalysisOf(m)
		b.stats = b.an.Issues
		for _, f := range m.Findings {
			b.findings = append(b.findings, export.AuthorFinding(f))
		}
		b.authorFindings = len(b.findings)
		b.findings = append(b.findings, b.an.Findings...)
	}
	if sec["issues"] {
		if len(b.stats) != len(m.Issues) {
			b.stats = nil
		}
	}
	b.sum = b.newSummary()
	b.indexEvidence()
	b.countSources()

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
	pdf.SetCreator(strings.TrimSpace("stancematrix "+opt.Version), true)
	// The provenance in full: the source's SHA-256 as sha256sum prints it.
	if p := export.Provenance(m, opt, false); p != "" {
		pdf.SetKeywords(outlineText(p), true)
	}
	pdf.SetProducer("stancematrix (go-pdf/fpdf)", true)
	pdf.SetHeaderFuncMode(b.pageHeader, true)
	pdf.SetFooterFunc(b.pageFooter)
	b.planOverview()

	b.issueLink = make([]int, len(m.Issues))
	if sec["issues"] {
		for _, i := range b.detailIssues() {
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
	b.srcNum, b.sources = b.numberSources(b.detailIssues())
}

// numberSources numbers the sources of the evidence of the given issues,
// in the order the issue section cites them, and returns each evidence
// row's number (0 if not cited) and each number's first evidence index.
func (b *briefing) numberSources(issues []int) (srcNum, sources []int) {
	m := b.m
	srcNum = make([]int, len(m.Evidence))
	seen := map[string]int{}
	for _, ii := range issues {
		is := m.Issues[ii]
		order, _ := b.issueOrder(ii)
		for _, p := range order {
			for _, i := range b.ev[evKey{m.Parties[p].Name, is.Name}] {
				k := sourceKey(m, i)
				n, ok := seen[k]
				if !ok {
					sources = append(sources, i)
					n = len(sources)
					seen[k] = n
				}
				srcNum[i] = n
			}
		}
	}
	return srcNum, sources
}

// sourceKey is what evidence row i shares with the rows of the same
// source: its source, URL and date; a row with neither source nor URL
// shares nothing.
func sourceKey(m *matrix.Matrix, i int) string {
	e := m.Evidence[i]
	if e.Source == "" && e.URL == "" {
		return "\x01" + strconv.Itoa(i)
	}
	return e.Source + "\x00" + e.URL + "\x00" + e.Date.Format("2006-01-02")
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
	if b.sum != nil && len(b.leftOut()) > 0 {
		if first {
			newTextPage()
		}
		b.omissionNote()
	}
	if b.sec["findings"] && len(b.findings) > 0 {
		if first {
			newTextPage()
		}
		b.findingsSection()
	}
	if b.sec["alignment"] {
		newTextPage()
		b.alignmentSection()
	}
	if b.sec["split"] {
		newTextPage()
		b.splitSection()
	}
	if b.sec["categories"] {
		newTextPage()
		b.categoriesSection()
	}
	if b.sec["matrix"] {
		if b.sum != nil {
			b.overviewSection()
		} else {
			b.matrixSection()
		}
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
	if b.sec["moved"] {
		newTextPage()
		b.movedSection()
	}
	if b.sec["changes"] {
		newTextPage()
		b.changesSection()
	}
	if b.opt.History != nil {
		newTextPage()
		b.historySection()
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
	b.color(colMuted)
	// Just above the footer's rule, right-aligned and small: where the
	// briefing came from (the full SHA-256 is in the Keywords).
	if prov := b.fonts.clean(export.Provenance(b.m, b.opt, true)); prov != "" {
		b.font("", minSize-1.5)
		pdf.Text(w-margin-pdf.GetStringWidth(prov), h-17-2.4, prov)
	}
	b.font("", smallSize)
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
