// Package json writes the matrix, its analysis and its changes as JSON
// documents with a schema version, for scripts.
package json

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// SchemaVersion is the "schema_version" written by Write, Analysis and
// Changes. It changes only when a field is removed or changes meaning;
// new fields may appear without a new version.
const SchemaVersion = 1

// Write writes the whole matrix as one JSON document: schema_version, source,
// provenance (the workbook's SHA-256, the tool's version, the As of date),
// about, scale, parties, issues (each with its statistics), cells (a flat
// list, one object per issue × party in display order, issue-major),
// evidence, snapshots, and the analysis (agreement, contested,
// similarity_order, map, map_fit, blocs, blocs_summary, category_profiles,
// author_findings, key_findings, changes). Dates are "YYYY-MM-DD" or null;
// computed figures are rounded to 4 decimals; a figure that does not exist
// (a blank or off-axis score, an agreement without shared issues) is null.
// Lists are never null. The output is indented with two spaces, ends with a
// newline and does not escape <, > and &.
//
// The document is written as it is built, so that a large matrix is not held
// in memory twice.
func Write(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	o := newJSONOut(w)
	o.head(m, opt)
	o.key("", "about", false)
	o.val(aboutOf(m, opt), "  ")
	o.key("", "scale", false)
	o.val(scaleOf(m.Scale), "  ")
	o.key("", "parties", false)
	o.val(partiesOf(m), "  ")

	an := opt.AnalysisOf(m)
	stats, contested := statsByIssue(m, an)
	o.key("", "issues", false)
	o.val(issuesOf(m, stats, contested), "  ")

	o.key("", "cells", false)
	o.cells("  ", m)

	o.key("", "evidence", false)
	o.list("  ", len(m.Evidence), func(i int) { o.val(evidenceOf(m.Evidence[i]), "    ") })

	o.key("", "snapshots", false)
	o.list("  ", len(m.Snapshots), func(i int) {
		s := m.Snapshots[i]
		o.str("{")
		o.key("    ", "date", true)
		o.val(date(s.Date), "")
		o.key("    ", "sheet", false)
		o.val(s.Sheet, "")
		o.key("    ", "cells", false)
		o.cells("      ", s.Matrix)
		o.str("\n    }")
	})

	return o.end(m, an, contested, opt.Changes)
}

// head opens the document with the fields Write and Analysis share:
// schema_version, source, provenance and, when the workbook marks release
// levels, edition.
func (o *out) head(m *matrix.Matrix, opt export.Options) {
	o.str("{")
	o.key("", "schema_version", true)
	o.val(SchemaVersion, "")
	o.key("", "source", false)
	o.val(export.SourceName(m), "")
	o.key("", "provenance", false)
	o.val(provenanceOf(m, opt), "  ")
	if m.Marked {
		o.key("", "edition", false)
		o.val(edition{Level: m.About.Edition, Banner: export.EditionBanner(m)}, "  ")
	}
}

// Analysis writes only the analysis of m, for `analyze --format json`:
// schema_version, source, provenance, edition (when the workbook marks
// release levels, as in Write), title, parties, issues (with statistics),
// agreement, contested, similarity_order, map, map_fit, blocs,
// blocs_summary, category_profiles, author_findings, key_findings and
// changes (null unless opt.Changes is set). Every field has the same form as in Write.
func Analysis(w io.Writer, m *matrix.Matrix, opt export.Options) error {
	o := newJSONOut(w)
	o.head(m, opt)
	o.key("", "title", false)
	o.val(export.Title(m, opt), "")
	o.key("", "parties", false)
	o.val(partiesOf(m), "  ")
	an := opt.AnalysisOf(m)
	stats, contested := statsByIssue(m, an)
	o.key("", "issues", false)
	o.val(issuesOf(m, stats, contested), "  ")
	return o.end(m, an, contested, opt.Changes)
}

// Changes writes the changes between two matrices, for `diff --format
// json`: schema_version, edition (when the newer workbook marks release
// levels, as in Write), then the fields of the "changes" object of
// JSON (old, new, old_date, new_date, cells, parties_added, parties_removed,
// issues_added, issues_removed, new_evidence). A nil ch is written as no
// changes.
func Changes(w io.Writer, ch *matrix.Changes) error {
	if ch == nil {
		ch = &matrix.Changes{}
	}
	doc := struct {
		SchemaVersion int      `json:"schema_version"`
		Edition       *edition `json:"edition,omitempty"`
		changes
	}{SchemaVersion: SchemaVersion, changes: changesOf(ch)}
	if ch.Banner != "" {
		doc.Edition = &edition{Level: ch.Edition, Banner: ch.Banner}
	}
	o := newJSONOut(w)
	o.val(doc, "")
	o.str("\n")
	return o.flush()
}

// out writes an indented JSON document piece by piece. Values are
// encoded with encoding/json (HTML escaping off) at the given prefix, so the
// result is byte for byte what json.MarshalIndent(doc, "", "  ") would give
// for the whole document, without building it in memory. Errors are sticky.
type out struct {
	w    *bufio.Writer
	buf  bytes.Buffer
	encs map[string]*json.Encoder // by prefix, all writing to buf
	err  error
}

func newJSONOut(w io.Writer) *out {
	return &out{w: bufio.NewWriterSize(w, 64<<10), encs: make(map[string]*json.Encoder)}
}

func (o *out) str(s string) {
	if o.err == nil {
		_, o.err = o.w.WriteString(s)
	}
}

// key starts an object member at the given prefix (the object's own
// indentation); first is true for the first member.
func (o *out) key(prefix, name string, first bool) {
	if first {
		o.str("\n")
	} else {
		o.str(",\n")
	}
	o.str(prefix + "  \"" + name + "\": ")
}

// val writes v as JSON whose continuation lines start with prefix.
func (o *out) val(v any, prefix string) {
	if o.err != nil {
		return
	}
	enc := o.encs[prefix]
	if enc == nil {
		enc = json.NewEncoder(&o.buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent(prefix, "  ")
		o.encs[prefix] = enc
	}
	o.buf.Reset()
	if err := enc.Encode(v); err != nil {
		o.err = err
		return
	}
	_, o.err = o.w.Write(bytes.TrimSuffix(o.buf.Bytes(), []byte("\n")))
}

// list writes an array of n elements at prefix; item(i) writes element i,
// whose continuation lines must start with prefix + "  ".
func (o *out) list(prefix string, n int, item func(i int)) {
	if n == 0 {
		o.str("[]")
		return
	}
	o.str("[")
	for i := 0; i < n && o.err == nil; i++ {
		if i > 0 {
			o.str(",")
		}
		o.str("\n" + prefix + "  ")
		item(i)
	}
	o.str("\n" + prefix + "]")
}

// cells writes the cells of m as a list at prefix.
func (o *out) cells(prefix string, m *matrix.Matrix) {
	if m == nil {
		o.str("[]")
		return
	}
	np := len(m.Parties)
	n := 0
	for i := range m.Issues {
		for p := range np {
			if m.HasCell(i, p) {
				n++
			}
		}
	}
	// Walk the cells in order with a running position: list calls item with
	// 0..n-1 in order.
	i, p := 0, 0
	o.list(prefix, n, func(int) {
		for i < len(m.Issues) && (p >= np || !m.HasCell(i, p)) {
			i, p = i+1, 0
		}
		c := m.Cell(i, p)
		o.val(cell{
			Issue:  m.Issues[i].Name,
			Party:  m.Parties[p].Name,
			Stance: label(c.Stance),
			Score:  score(m.Scale, c.Stance),
			Note:   c.Note,
		}, prefix+"  ")
		p++
	})
}

// end writes the members both documents end with: the analysis and the
// changes (null without them); then it closes the document.
func (o *out) end(m *matrix.Matrix, an *matrix.Analysis, contested []int, ch *matrix.Changes) error {
	o.analysis(m, an, contested)
	o.key("", "changes", false)
	if ch == nil {
		o.str("null")
	} else {
		o.val(changesOf(ch), "  ")
	}
	o.str("\n}\n")
	return o.flush()
}

func (o *out) flush() error {
	if o.err != nil {
		return o.err
	}
	return o.w.Flush()
}

type about struct {
	Title          string  `json:"title"`
	Subtitle       string  `json:"subtitle"`
	AsOf           *string `json:"as_of"`
	Author         string  `json:"author"`
	Organisation   string  `json:"organisation"`
	Classification string  `json:"classification"`
	Footer         string  `json:"footer"`
	Notes          string  `json:"notes"`
	// Language is the About sheet's language tag, when it names one.
	Language string `json:"language,omitempty"`
}

func aboutOf(m *matrix.Matrix, opt export.Options) about {
	a := m.About
	title := a.Title
	if opt.Title != "" {
		title = opt.Title
	}
	return about{Title: title, Subtitle: a.Subtitle, AsOf: date(a.AsOf), Author: a.Author,
		Organisation: a.Organisation, Classification: a.Classification, Footer: a.Footer, Notes: a.Notes, Language: a.Language}
}

type stance struct {
	Label       string   `json:"label"`
	Score       *float64 `json:"score"`
	Color       string   `json:"color"`
	Symbol      string   `json:"symbol"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
}

func scaleOf(s matrix.Scale) []stance {
	out := make([]stance, 0, len(s.Stances))
	for _, st := range s.Stances {
		js := stance{Label: st.Label, Color: st.Color, Symbol: st.Symbol,
			Aliases: append([]string{}, st.Aliases...), Description: st.Description}
		if st.HasScore {
			js.Score = number(st.Score)
		}
		out = append(out, js)
	}
	return out
}

type party struct {
	Name        string   `json:"name"`
	Short       string   `json:"short"`
	Group       string   `json:"group"`
	Color       string   `json:"color"`
	Weight      *float64 `json:"weight"`
	Description string   `json:"description"`
}

func partiesOf(m *matrix.Matrix) []party {
	out := make([]party, 0, len(m.Parties))
	for _, p := range m.Parties {
		out = append(out, party{Name: p.Name, Short: p.Short, Group: p.Group, Color: p.Color,
			Weight: number(p.Weight), Description: p.Description})
	}
	return out
}

type issue struct {
	Name        string      `json:"name"`
	Short       string      `json:"short"`
	Category    string      `json:"category"`
	Weight      *float64    `json:"weight"`
	Description string      `json:"description"`
	Statistics  *issueStats `json:"statistics"`
}

type cell struct {
	Issue  string   `json:"issue"`
	Party  string   `json:"party"`
	Stance *string  `json:"stance"`
	Score  *float64 `json:"score"`
	Note   string   `json:"note"`
}

type evidence struct {
	Party   string  `json:"party"`
	Issue   string  `json:"issue"`
	Stance  *string `json:"stance"`
	Date    *string `json:"date"`
	Summary string  `json:"summary"`
	Quote   string  `json:"quote"`
	Speaker string  `json:"speaker"`
	Source  string  `json:"source"`
	URL     string  `json:"url"`
}

func evidenceOf(e matrix.Evidence) evidence {
	return evidence{Party: e.Party, Issue: e.Issue, Stance: label(e.Stance), Date: date(e.Date),
		Summary: e.Summary, Quote: e.Quote, Speaker: e.Speaker, Source: e.Source, URL: e.URL}
}

// date is d as "YYYY-MM-DD", or nil (null) when d is zero.
func date(d time.Time) *string {
	if d.IsZero() {
		return nil
	}
	s := export.ISODate(d)
	return &s
}

// label is a stance label, or nil (null) for a blank one.
func label(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// score is the score of a canonical label, or nil when it has none.
func score(s matrix.Scale, label string) *float64 {
	v, ok := s.Score(label)
	if !ok {
		return nil
	}
	return number(v)
}

// number is x as given (user data such as weights and scores), or nil
// when x is not finite, which JSON cannot hold.
func number(x float64) *float64 {
	if !export.Finite(x) {
		return nil
	}
	if x == 0 {
		x = 0 // no -0
	}
	return &x
}

// figure is a computed figure rounded to 4 decimals, or nil when it is
// not finite.
func figure(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	r := export.Round(x)
	return &r
}

type provenance struct {
	Source  string  `json:"source"`
	SHA256  *string `json:"sha256"`
	Tool    string  `json:"tool"`
	Version *string `json:"version"`
	AsOf    *string `json:"as_of"`
}

func provenanceOf(m *matrix.Matrix, opt export.Options) provenance {
	return provenance{Source: export.SourceName(m), SHA256: label(m.SHA256), Tool: "stancematrix",
		Version: label(opt.Version), AsOf: date(m.About.AsOf)}
}

// edition is the level and banner of a marked workbook's edition; absent
// for a workbook that marks nothing.
type edition struct {
	Level  string `json:"level"`
	Banner string `json:"banner"`
}
