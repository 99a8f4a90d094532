// Package html writes the briefing as one self-contained web page: the
// sections of the PDF briefing, the matrix as a sortable, filterable table
// whose cells open their note and evidence, and the charts of "Who stands
// with whom" as inline SVG. The page asks for nothing from any host (its
// style and script are inline and allowed by hash in its
// Content-Security-Policy), reads without JavaScript, prints as a clean
// briefing and follows the reader's dark mode.
package html

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

var (
	//go:embed page.tmpl
	pageText string
	//go:embed style.css
	styleText string
	//go:embed script.js
	scriptText string
)

// page is parsed when first used, not at init: every command links this
// package, and parsing took 0.4 MB and 2 ms at the start of each, validate
// included. sync.OnceValue makes the first use safe from the goroutines
// that render sections in parallel; html/template's own escaping is safe
// for concurrent execution.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"pct": func(x float64) string { return matrix.Percent(x) },
	}).Parse(pageText))
})

// Script is the page's only script, as embedded; ScriptHash is the
// Content-Security-Policy source that allows it and nothing else.
var (
	Script     = scriptText
	ScriptHash = cspHash(scriptText)
)

// cspHash returns the CSP hash source of an inline script or style.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Sections returns the names of the sections, in the order of the page;
// they are those of the PDF briefing.
func Sections() []string {
	return []string{"header", "findings", "alignment", "split", "categories", "matrix", "issues", "profiles", "moved", "changes", "sources"}
}

// DefaultSections are the sections when export.Options.Sections is nil: all
// but "profiles", as in the PDF.
func DefaultSections() []string {
	return []string{"header", "findings", "alignment", "split", "categories", "matrix", "issues", "moved", "changes", "sources"}
}

// Lang is the language of a page whose workbook names none in its About
// sheet: English, the language of the page's own words.
const Lang = "en"

// Write writes m as one self-contained HTML page: the header, the key
// findings (the author's first), who stands with whom (the agreement
// heatmap and the party map as inline SVG, each with a data table, and the
// blocs), the matrix, issue by issue with the evidence and numbered
// citations, party profiles when asked for, the changes since opt.Changes
// and the numbered sources. Every text of the workbook is escaped by
// html/template; only http(s) and mailto URLs become links. The same input
// gives the same bytes.
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	return write(w, m, opt, nil)
}

// write writes the page of Write, with the script of live when it is not
// nil.
func write(w io.Writer, m *matrix.Matrix, opt export.Options, live *Live) error {
	sec, err := sectionSet(opt.Sections)
	if err != nil {
		return err
	}
	if opt.Changes == nil {
		delete(sec, "changes")
		delete(sec, "moved")
	}
	v := build(m, opt, sec)
	if live != nil {
		v.Live = live.view()
		v.CSP = csp(v.Style, v.Live)
	}
	var r renders
	if v.Align != nil {
		r.add("alignment", v.Align, &v.AlignHTML)
	}
	if v.Split != nil {
		r.add("split", v.Split, &v.SplitHTML)
	}
	if v.Cats != nil {
		r.add("categories", v.Cats, &v.CatsHTML)
	}
	v.BodiesHTML = addAll(&r, "body", v.Bodies)
	v.IssuesHTML = addAll(&r, "issue", v.Issues)
	v.SourcesHTML = addAll(&r, "sources", chunks(v.Sources, 500))
	if err := r.run(); err != nil {
		return fmt.Errorf("writing html: %w", err)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := page().Execute(bw, v); err != nil {
		return fmt.Errorf("writing html: %w", err)
	}
	return bw.Flush()
}

// renders are executions of the page's templates, each into its own piece
// of the page, made side by side by run: the charts of who stands with
// whom, the split and the categories, the matrix's bodies, the issues'
// articles and the sources. Each piece is the output of one template, so
// escaped as the rest of the page, and the page is the same whatever the
// order in which they are made.
type renders []render

type render struct {
	name string
	data any
	out  *template.HTML
}

func (r *renders) add(name string, data any, out *template.HTML) {
	*r = append(*r, render{name, data, out})
}

// addAll adds the template name for each of items, and returns the slice
// their outputs will be in, in the order of items.
func addAll[T any](r *renders, name string, items []T) []template.HTML {
	out := make([]template.HTML, len(items))
	for i := range items {
		r.add(name, items[i], &out[i])
	}
	return out
}

// run executes the renders, as many at once as there are processors.
func (r renders) run() error {
	errs := make([]error, len(r))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(r)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			for i := range next {
				n := b.Len()
				b.Reset()
				b.Grow(n) // the last piece's size, to grow the next less often
				errs[i] = page().ExecuteTemplate(&b, r[i].name, r[i].data)
				*r[i].out = template.HTML(b.String())
			}
		}()
	}
	for i := range r {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// chunks cuts list into pieces of at most n.
func chunks[T any](list []T, n int) [][]T {
	var out [][]T
	for len(list) > n {
		out = append(out, list[:n])
		list = list[n:]
	}
	if len(list) > 0 {
		out = append(out, list)
	}
	return out
}

func sectionSet(names []string) (map[string]bool, error) {
	if names == nil {
		names = DefaultSections()
	}
	set := map[string]bool{}
	for _, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		ok := false
		for _, v := range Sections() {
			ok = ok || v == k
		}
		if !ok {
			return nil, fmt.Errorf("unknown html section %q (valid: %s)", n, strings.Join(Sections(), ", "))
		}
		set[k] = true
	}
	return set, nil
}

// view is what the template shows.
type view struct {
	Lang, CSP  string
	Style      template.CSS
	Script     template.JS
	Sec        map[string]bool
	Title      string
	About      matrix.About
	AsOf       dateView
	Source     string
	SHA256     string // of the source workbook, for its provenance
	Version    string // the tool's version
	Counts     string
	Nav        []navItem
	Findings   []findingView
	Scale      []stanceView
	Parties    []partyView
	ShortHeads bool
	ColSpan    int
	Categories []string
	Bodies     []bodyView
	Issues     []issueView
	Profiles   []profileView
	Changes    *changesView
	History    *historyView // export.Options.History; nil without
	Sources    []sourceView
	// Summary is what a summary-first page leaves out (export.SummaryFirst);
	// nil when the page is in full.
	Summary *summaryView
	// BodiesHTML, IssuesHTML and SourcesHTML are the matrix's bodies,
	// the issues' articles and the sources, made from the templates
	// "body", "issue" and "sources", and AlignHTML, SplitHTML and CatsHTML
	// the sections of Align, Split and Cats, from the templates
	// "alignment", "split" and "categories", side by side (see renders).
	BodiesHTML, IssuesHTML, SourcesHTML []template.HTML
	AlignHTML, SplitHTML, CatsHTML      template.HTML
	Align                               *alignView
	Split                               *splitView
	Cats                                *categoriesView
	Moved                               *movedView
	ChangedMarks                        bool
	Empty                               bool
	SimilarityOK                        bool
	ScoredStances                       []stanceView
	Live                                *liveView // the served page's reload script, or nil
}

type navItem struct{ ID, Title string }

// summaryView says what a summary-first page leaves out: Intro and Left
// at the top, and a sentence where the matrix, the issue by issue and the
// sources are shorter than in full.
type summaryView struct {
	Intro, Left, Restore    string
	Matrix, Issues, Sources string
}

type findingView struct {
	Author bool
	Text   string
}

type dateView struct{ ISO, Text string }

func dateOf(t time.Time) dateView {
	if t.IsZero() {
		return dateView{}
	}
	return dateView{ISO: t.Format("2006-01-02"), Text: t.Format("2 January 2006")}
}

type stanceView struct {
	Class, Label, Symbol, Description string
	Key                               int
	Score                             string // "" when off the axis
}

type partyView struct {
	Index             int
	Name, Short, Head string
	Group             string
	// Agree is the agreement with every party in matrix order, "" where the
	// pair shares too little, as a comma-separated list for the script.
	Agree string
	// Sim is the party's place in the similarity order.
	Sim int
}

type bodyView struct {
	Category string
	ColSpan  int
	Rows     []rowView
}

type rowView struct {
	Index int
	Issue matrix.Issue
	// Cells are the row's cells, each from the fragment "cell" after a
	// line break: one piece, not one template action per cell.
	Cells template.HTML
}

// cellView is what the fragment "cell" shows: a cell's stance (its
// colour class, symbol and label) or no position (with a mark when there
// is evidence), the change, and the link to the issue. A matrix has
// thousands of cells and, per issue, a handful of kinds of cell, so each
// kind is made once.
type cellView struct {
	Class, Link     string
	Symbol, Label   string
	Blank, Evidence bool
	Changed         bool
	Old             string
}

type issueView struct {
	Index     int
	ID        string
	Issue     matrix.Issue
	Stats     string
	Entries   []entryView
	NoPosLine string
}

type entryView struct {
	ID       string
	Party    string
	Chip     template.HTML // the stance's symbol on its colour
	Label    template.HTML // the stance, or "no recorded position"
	Changed  bool
	Old      string
	Note     string
	Evidence []evidenceView
}

type evidenceView struct {
	Summary, Quote, Speaker string
	Date                    template.HTML // a <time>, or empty
	Source                  string
	URL                     string // clickable: http(s) or mailto
	RawURL                  string // shown as text when not clickable
	Cite                    int
}

type sourceView struct {
	N       int
	Source  string
	Speaker string
	Date    template.HTML
	URL     string
	RawURL  string
}

type profileView struct {
	Name, Short, Group, Description string
	Items                           []profileItem
	Blank                           []string
}

type profileItem struct {
	Issue  string
	Link   string
	Stance stanceView
	Note   string
}

type changesView struct {
	From, To                  string
	Empty                     bool
	Cells                     []changeCell
	Lists                     []nameList
	NewEvidence               []matrix.Evidence
	NewEvidenceText           []string
	PartiesAdded, IssuesAdded []string
	// Edits are the other edits (notes, evidence rows, names, scale,
	// About, findings), one line each with its place.
	Edits []string
}

type changeCell struct {
	Party, Issue, Old, New, Direction string
}

type nameList struct {
	Title string
	Names []string
}

// build turns the matrix into the view the template shows.
func build(m *matrix.Matrix, opt export.Options, sec map[string]bool) *view {
	v := &view{
		Lang: firstNonEmpty(m.About.Language, Lang), Sec: sec, Title: export.Title(m, opt), About: m.About,
		AsOf: dateOf(m.About.AsOf), Source: export.SourceName(m), SHA256: m.SHA256, Version: opt.Version,
		Empty: len(m.Parties) == 0 || len(m.Issues) == 0,
	}
	style := styleText + stanceCSS(m.Scale)
	v.Style = template.CSS(style)
	v.Script = template.JS(scriptText)
	v.CSP = csp(v.Style, nil)

	an := opt.AnalysisOf(m)
	fr := newFragments()
	ev := export.EvidenceByCell(m)
	changed := export.ChangesByCell(opt.Changes)

	// The scale.
	stanceKey := map[string]int{}
	for i, st := range m.Scale.Stances {
		stanceKey[st.Label] = i
		sv := stanceView{Class: "s" + strconv.Itoa(i), Label: st.Label, Symbol: st.Symbol, Description: st.Description, Key: i}
		if st.HasScore {
			sv.Score = strconv.FormatFloat(st.Score, 'g', -1, 64)
		}
		v.Scale = append(v.Scale, sv)
		if st.HasScore {
			v.ScoredStances = append(v.ScoredStances, sv)
		}
	}
	stanceOf := func(label string) stanceView {
		if i, ok := stanceKey[label]; ok {
			return v.Scale[i]
		}
		return stanceView{Class: "su", Label: label, Key: -1}
	}
	rank := func(label string) int {
		if i, ok := stanceKey[label]; ok {
			return i
		}
		return len(stanceKey)
	}

	// The issues given in detail: all of them in workbook order, or in a
	// summary-first page the most contested, most contested first.
	detail := make([]int, len(m.Issues))
	for i := range detail {
		detail[i] = i
	}
	summary := export.SummaryFirst(m, opt)
	if summary {
		detail = export.DetailIssues(m, an)
	}
	inDetail := make([]bool, len(m.Issues))
	for _, i := range detail {
		inDetail[i] = true
	}

	// Sources, numbered in the order the issue section cites them, as in
	// the PDF: rows with the same source, URL and date share a number.
	srcNum := make([]int, len(m.Evidence))
	seen := map[sourceKey]int{}
	order := make([][]int, len(m.Issues)) // per issue: the parties listed
	noPos := make([][]string, len(m.Issues))
	for _, i := range detail {
		is := m.Issues[i]
		for p, pa := range m.Parties {
			if cellAt(m, i, p).Blank() && len(ev[export.CellKey{Party: pa.Name, Issue: is.Name}]) == 0 {
				noPos[i] = append(noPos[i], pa.Name)
				continue
			}
			order[i] = append(order[i], p)
		}
		sort.SliceStable(order[i], func(x, y int) bool {
			return rank(cellAt(m, i, order[i][x]).Stance) < rank(cellAt(m, i, order[i][y]).Stance)
		})
		for _, p := range order[i] {
			for _, k := range ev[export.CellKey{Party: m.Parties[p].Name, Issue: is.Name}] {
				e := m.Evidence[k]
				key := keyOf(&m.Evidence[k], k)
				n, ok := seen[key]
				if !ok {
					v.Sources = append(v.Sources, sourceOf(fr, e, len(v.Sources)+1))
					n = len(v.Sources)
					seen[key] = n
				}
				srcNum[k] = n
			}
		}
	}
	if !sec["sources"] {
		for i := range srcNum {
			srcNum[i] = 0
		}
	}
	sources := len(v.Sources)
	if summary {
		sources = countSources(m)
	}
	v.Counts = fmt.Sprintf("%s · %s · %s", export.Plural(len(m.Parties), "party", "parties"),
		export.Plural(len(m.Issues), "issue", "issues"), export.Plural(sources, "source", "sources"))

	// Findings: the author's first.
	for _, f := range m.Findings {
		v.Findings = append(v.Findings, findingView{Author: true, Text: export.AuthorFinding(f)})
	}
	for _, f := range an.Findings {
		v.Findings = append(v.Findings, findingView{Text: f})
	}

	// Parties, with their agreement for the script's ordering.
	v.ShortHeads = len(m.Parties) > 6
	v.ColSpan = len(m.Parties) + 1
	simPos := make([]int, len(m.Parties))
	for i := range simPos {
		simPos[i] = i
	}
	if len(an.Order) == len(m.Parties) {
		for k, p := range an.Order {
			simPos[p] = k
		}
		v.SimilarityOK = true
	}
	for p, pa := range m.Parties {
		pv := partyView{Index: p, Name: pa.Name, Short: strings.TrimSpace(pa.Short), Group: pa.Group, Head: pa.Name, Sim: simPos[p]}
		if v.ShortHeads && pv.Short != "" {
			pv.Head = pv.Short
		}
		var ag strings.Builder
		for q := range m.Parties {
			if q > 0 {
				ag.WriteByte(',')
			}
			if pr, ok := known(an, p, q); ok {
				ag.WriteString(strconv.Itoa(int(pr.Agreement*1000 + 0.5)))
			}
		}
		pv.Agree = ag.String()
		v.Parties = append(v.Parties, pv)
	}

	// The matrix, a body per run of issues of one category. A summary-first
	// page has the rows of a few issues from anywhere in the workbook: they
	// are grouped by category (in the order of the categories' first
	// issues), so that each category heads one body.
	rows := make([]int, 0, len(detail))
	for i := range m.Issues {
		if inDetail[i] {
			rows = append(rows, i)
		}
	}
	if summary {
		first := map[string]int{}
		for i, is := range m.Issues {
			if _, ok := first[is.Category]; !ok {
				first[is.Category] = i
			}
		}
		sort.SliceStable(rows, func(a, b int) bool {
			return first[m.Issues[rows[a]].Category] < first[m.Issues[rows[b]].Category]
		})
	}
	for _, i := range rows {
		is := m.Issues[i]
		if len(v.Bodies) == 0 || v.Bodies[len(v.Bodies)-1].Category != is.Category {
			v.Bodies = append(v.Bodies, bodyView{Category: is.Category, ColSpan: len(m.Parties) + 1})
		}
		if is.Category != "" && !contains(v.Categories, is.Category) {
			v.Categories = append(v.Categories, is.Category)
		}
		row := rowView{Index: i, Issue: is}
		var cells strings.Builder
		for p, pa := range m.Parties {
			c := cellAt(m, i, p)
			k := export.CellKey{Party: pa.Name, Issue: is.Name}
			cv := cellView{Class: "blank", Blank: c.Blank(), Evidence: len(ev[k]) > 0}
			if !c.Blank() {
				st := stanceOf(c.Stance)
				cv.Class, cv.Symbol, cv.Label = st.Class, st.Symbol, st.Label
			}
			if sec["issues"] && inDetail[i] && (!c.Blank() || len(ev[k]) > 0) {
				cv.Link = issueID(i)
			}
			if ch, ok := changed[k]; ok {
				cv.Changed, cv.Old = true, orBlank(ch.Old)
				cv.Class += " chg"
				v.ChangedMarks = true
			}
			cells.WriteByte('\n')
			cells.WriteString(string(fr.cell(cv)))
		}
		row.Cells = template.HTML(cells.String())
		b := &v.Bodies[len(v.Bodies)-1]
		b.Rows = append(b.Rows, row)
	}

	// Issue by issue.
	if sec["issues"] {
		for _, i := range detail {
			is := m.Issues[i]
			iv := issueView{Index: i, ID: issueID(i), Issue: is, Stats: statsLine(m, an, i)}
			for _, p := range order[i] {
				c := cellAt(m, i, p)
				pa := m.Parties[p]
				k := export.CellKey{Party: pa.Name, Issue: is.Name}
				en := entryView{ID: entryID(i, p), Party: pa.Name, Note: c.Note}
				st := stanceView{Class: "blank", Label: "no recorded position"}
				if !c.Blank() {
					st = stanceOf(c.Stance)
				}
				en.Chip, en.Label = fr.chip(st)
				if ch, ok := changed[k]; ok {
					en.Changed, en.Old = true, orBlank(ch.Old)
				}
				for _, x := range ev[k] {
					en.Evidence = append(en.Evidence, evidenceOf(fr, m.Evidence[x], srcNum[x]))
				}
				iv.Entries = append(iv.Entries, en)
			}
			if len(noPos[i]) > 0 {
				iv.NoPosLine = strings.Join(noPos[i], ", ")
			}
			v.Issues = append(v.Issues, iv)
		}
	}

	// Party profiles.
	if sec["profiles"] {
		for p, pa := range m.Parties {
			pr := profileView{Name: pa.Name, Short: pa.Short, Group: pa.Group, Description: pa.Description}
			for i, is := range m.Issues {
				c := cellAt(m, i, p)
				if c.Blank() {
					pr.Blank = append(pr.Blank, is.Name)
					continue
				}
				it := profileItem{Issue: is.Name, Stance: stanceOf(c.Stance), Note: c.Note}
				if sec["issues"] && inDetail[i] {
					it.Link = issueID(i)
				}
				pr.Items = append(pr.Items, it)
			}
			v.Profiles = append(v.Profiles, pr)
		}
	}

	if sec["changes"] && opt.Changes != nil {
		v.Changes = changesOf(opt.Changes)
	}
	if sec["alignment"] {
		v.Align = alignOf(m, an)
	}
	if sec["split"] {
		v.Split = splitOf(m, an, func(i int) bool { return sec["issues"] && inDetail[i] })
	}
	if sec["categories"] {
		v.Cats = categoriesOf(m, an)
	}
	if sec["moved"] && opt.Changes != nil {
		v.Moved = movedOf(m, opt.Changes, sec["changes"])
	}
	if opt.History != nil {
		v.History = historyOf(m, opt.History)
	}
	if summary {
		v.Summary = summaryOf(m, opt, sec, len(detail), len(v.Sources), sources)
	}
	if !sec["sources"] {
		v.Sources = nil
	}
	if !sec["findings"] {
		v.Findings = nil
	}

	// The contents, in the order of the page.
	add := func(on bool, id, title string) {
		if on {
			v.Nav = append(v.Nav, navItem{id, title})
		}
	}
	add(len(v.Findings) > 0, "findings", "Key findings")
	add(sec["alignment"], "alignment", "Who stands with whom")
	add(v.Split != nil, "split", "Where the issues split")
	add(v.Cats != nil, "categories", "Party profiles by category")
	add(sec["matrix"], "matrix", "The matrix")
	add(sec["issues"] && len(v.Issues) > 0, "issues", "Issue by issue")
	add(sec["profiles"] && len(v.Profiles) > 0, "profiles", "Party profiles")
	add(v.Moved != nil, "moved", "What moved")
	add(v.Changes != nil, "changes", "Changes since the last snapshot")
	add(v.History != nil, "history", "How positions moved")
	add(sec["sources"], "sources", "Sources")
	return v
}

// fragments are pieces of the page made by the templates defined in
// page.tmpl (so escaped by html/template like the rest), once for each
// distinct value: the matrix's cells, the stance chips and the dates repeat
// thousands of times with a few values, and executing a template action
// costs more than looking a piece up. links caches linkOf.
type fragments struct {
	cells  map[cellView]template.HTML
	chips  map[stanceView]template.HTML
	labels map[stanceView]template.HTML
	dates  map[time.Time]template.HTML
	links  map[string][2]string
	buf    strings.Builder
}

func newFragments() *fragments {
	return &fragments{cells: map[cellView]template.HTML{}, chips: map[stanceView]template.HTML{}, labels: map[stanceView]template.HTML{},
		dates: map[time.Time]template.HTML{}, links: map[string][2]string{}}
}

func (fr *fragments) exec(name string, data any) template.HTML {
	fr.buf.Reset()
	if err := page().ExecuteTemplate(&fr.buf, name, data); err != nil {
		panic(err) // the fragments are the package's own templates
	}
	return template.HTML(fr.buf.String())
}

func (fr *fragments) cell(c cellView) template.HTML {
	h, ok := fr.cells[c]
	if !ok {
		h = fr.exec("cell", c)
		fr.cells[c] = h
	}
	return h
}

// chip returns a stance's symbol on its colour, and its label.
func (fr *fragments) chip(st stanceView) (template.HTML, template.HTML) {
	h, ok := fr.chips[st]
	if !ok {
		h = fr.exec("chip", st)
		fr.chips[st] = h
		fr.labels[st] = fr.exec("stance", st.Label)
	}
	return h, fr.labels[st]
}

// date is a <time> element for d, or nothing for no date.
func (fr *fragments) date(d time.Time) template.HTML {
	if d.IsZero() {
		return ""
	}
	h, ok := fr.dates[d]
	if !ok {
		h = fr.exec("time", dateOf(d))
		fr.dates[d] = h
	}
	return h
}

// link is linkOf, once for each URL.
func (fr *fragments) link(raw string) (string, string) {
	l, ok := fr.links[raw]
	if !ok {
		l[0], l[1] = linkOf(raw)
		fr.links[raw] = l
	}
	return l[0], l[1]
}

func cellAt(m *matrix.Matrix, i, p int) matrix.Cell {
	return m.Cell(i, p)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func orBlank(label string) string {
	if label == "" {
		return "no recorded position"
	}
	return label
}

func issueID(i int) string    { return "issue-" + strconv.Itoa(i+1) }
func entryID(i, p int) string { return "c-" + strconv.Itoa(i+1) + "-" + strconv.Itoa(p+1) }

// known returns the agreement of p and q when they share enough scored
// issues to count.
func known(an *matrix.Analysis, p, q int) (matrix.Pair, bool) {
	pr, ok := an.Known(p, q)
	return pr, ok && p != q
}

func statsLine(m *matrix.Matrix, an *matrix.Analysis, i int) string {
	if i >= len(an.Issues) {
		return ""
	}
	s := an.Issues[i]
	out := []string{fmt.Sprintf("%d of %d parties with a position", s.Positions, len(m.Parties))}
	if s.HasConsensus {
		out = append(out, "consensus "+matrix.Percent(s.Consensus))
	}
	if s.HasMedian {
		for _, st := range m.Scale.Stances {
			if st.HasScore && st.Score == s.Median {
				out = append(out, "weighted median: "+st.Label)
				break
			}
		}
	}
	return strings.Join(out, " · ")
}

func evidenceOf(fr *fragments, e matrix.Evidence, n int) evidenceView {
	ev := evidenceView{Summary: e.Summary, Quote: e.Quote, Speaker: e.Speaker, Date: fr.date(e.Date), Source: e.Source, Cite: n}
	ev.URL, ev.RawURL = fr.link(e.URL)
	return ev
}

func sourceOf(fr *fragments, e matrix.Evidence, n int) sourceView {
	s := sourceView{N: n, Source: e.Source, Speaker: e.Speaker, Date: fr.date(e.Date)}
	s.URL, s.RawURL = fr.link(e.URL)
	return s
}

// linkOf returns a URL to make clickable (http, https or mailto, parsed
// and written again, so that a browser opens what it shows), or the URL to
// show as text when it is anything else.
func linkOf(raw string) (link, text string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", raw
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", raw
		}
	case "mailto":
		if u.Opaque == "" {
			return "", raw
		}
	default:
		return "", raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	return u.String(), ""
}

func changesOf(ch *matrix.Changes) *changesView {
	from := ch.Old
	if s := dateOf(ch.OldDate).Text; s != "" {
		from = join(", ", from, s)
	}
	to := ch.New
	if s := dateOf(ch.NewDate).Text; s != "" {
		to = join(", ", to, s)
	}
	cv := &changesView{From: firstNonEmpty(from, "the older matrix"), To: firstNonEmpty(to, "this matrix"), Empty: ch.Empty()}
	for _, c := range ch.Cells {
		cv.Cells = append(cv.Cells, changeCell{Party: c.Party, Issue: c.Issue, Old: orBlank(c.Old), New: orBlank(c.New), Direction: c.Direction.String()})
	}
	for _, l := range []nameList{{"Parties added", ch.PartiesAdded}, {"Parties removed", ch.PartiesRemoved},
		{"Issues added", ch.IssuesAdded}, {"Issues removed", ch.IssuesRemoved}} {
		if len(l.Names) > 0 {
			cv.Lists = append(cv.Lists, l)
		}
	}
	for _, e := range ch.NewEvidence {
		txt := firstNonEmpty(e.Summary, e.Quote, e.Source)
		if d := dateOf(e.Date).Text; d != "" {
			txt = d + ", " + txt
		}
		cv.NewEvidence = append(cv.NewEvidence, e)
		cv.NewEvidenceText = append(cv.NewEvidenceText, txt)
	}
	for _, e := range ch.Edits {
		line := e.String()
		if e.Ref != "" {
			line += " (" + e.Ref + ")"
		}
		cv.Edits = append(cv.Edits, line)
	}
	return cv
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func join(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// stanceCSS gives each stance of the scale its colour class, s0, s1, …,
// with the text colour export.LightText picks for it.
func stanceCSS(s matrix.Scale) string {
	var b strings.Builder
	for i, st := range s.Stances {
		c, ok := export.ParseRGB(st.Color)
		if !ok {
			c = export.RGB{R: 0xbd, G: 0xbd, B: 0xbd}
		}
		fg := "#111111"
		if export.LightText(c) {
			fg = "#ffffff"
		}
		fmt.Fprintf(&b, ".s%d{background:#%s;color:%s}\n", i, c.Hex(), fg)
	}
	return b.String()
}

// countSources counts the sources of every issue, as the page in full
// numbers them: evidence rows with the same source, URL and date are one.
func countSources(m *matrix.Matrix) int {
	seen := make(map[sourceKey]struct{}, len(m.Evidence))
	for k := range m.Evidence {
		seen[keyOf(&m.Evidence[k], k)] = struct{}{}
	}
	return len(seen)
}

// sourceKey identifies a source: evidence rows with the same source, URL
// and date (the day, as written) are one source; a row with neither
// source nor URL is a source of its own.
type sourceKey struct {
	source, url string
	day         int64 // year*10000 + month*100 + day, or 0 without a date
	row         int   // -1, or the row of evidence without source and URL
}

// keyOf is the source of evidence row k, e.
func keyOf(e *matrix.Evidence, k int) sourceKey {
	key := sourceKey{source: e.Source, url: e.URL, row: -1}
	if e.Source == "" && e.URL == "" {
		key.row = k
	}
	if !e.Date.IsZero() {
		y, mo, d := e.Date.Date()
		key.day = int64(y)*10000 + int64(mo)*100 + int64(d)
	}
	return key
}

// summaryOf says what a summary-first page of m leaves out of the sections
// it has: the matrix's other rows, the other issues' detail and the
// sources only they cite; detail issues are given, listing of all sources.
func summaryOf(m *matrix.Matrix, opt export.Options, sec map[string]bool, detail, listing, all int) *summaryView {
	n := len(m.Issues)
	s := &summaryView{Intro: "This briefing was asked for in short."}
	if opt.Detail != "summary" {
		s.Intro = fmt.Sprintf("The matrix has %s and %s, more than a briefing can set out in full (over %d parties or %d issues).",
			export.Plural(len(m.Parties), "party", "parties"), export.Plural(n, "issue", "issues"), export.MaxFullParties, export.MaxFullIssues)
	}
	var left []string
	if sec["matrix"] && detail < n {
		left = append(left, fmt.Sprintf("the rows of the matrix for %d of the %s (the %d most contested are shown)",
			n-detail, export.Plural(n, "issue", "issues"), detail))
		s.Matrix = fmt.Sprintf("Only the rows of the %d most contested of the %s; the other %d are left out here.",
			detail, export.Plural(n, "issue", "issues"), n-detail)
	}
	if sec["issues"] && detail < n {
		left = append(left, fmt.Sprintf("the issue-by-issue detail of %d of the %s (the %d most contested are given)",
			n-detail, export.Plural(n, "issue", "issues"), detail))
		s.Issues = fmt.Sprintf("The %d most contested of the %s (lowest consensus first). The other %d are left out here.",
			detail, export.Plural(n, "issue", "issues"), n-detail)
	} else if sec["issues"] {
		s.Issues = fmt.Sprintf("All %s, most contested first (lowest consensus first).", export.Plural(n, "issue", "issues"))
	}
	if sec["sources"] && listing < all {
		left = append(left, fmt.Sprintf("%d of the %s, those that only the issues not given in detail cite",
			all-listing, export.Plural(all, "source", "sources")))
		s.Sources = fmt.Sprintf("Only the %s that the issues given in detail cite, of %d.", export.Plural(listing, "source", "sources"), all)
	}
	if len(left) == 0 {
		return nil
	}
	s.Left = "Left out: " + strings.Join(left, "; ") + "."
	s.Restore = "The XLSX report and the JSON, CSV and Markdown exports hold all of it"
	if opt.FullDetail != "" {
		s.Restore += "; or " + opt.FullDetail
	}
	s.Restore += "."
	return s
}
