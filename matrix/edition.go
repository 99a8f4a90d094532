package matrix

import (
	"fmt"
	"strings"
)

// EditionReport tells what an edition left out and which banner it carries.
type EditionReport struct {
	// Level is the edition's level, a name from the workbook's Markings.
	Level string
	// Banner is the banner of the highest level the edition contains; ""
	// when the workbook marks nothing (its outputs are then unchanged).
	Banner string
	// Highest is the highest level the edition contains.
	Highest string
	// Left out, by kind.
	Parties, Issues, Evidence, Findings, Notes int
}

// Removed returns how many rows and notes the edition left out.
func (r EditionReport) Removed() int {
	return r.Parties + r.Issues + r.Evidence + r.Findings + r.Notes
}

// UnknownLevelError is returned by Edition for a level the workbook does
// not define.
type UnknownLevelError struct {
	Level  string
	Levels []string
}

func (e *UnknownLevelError) Error() string {
	return fmt.Sprintf("unknown edition %q%s; the levels are %s", e.Level, didYouMean(e.Level, e.Levels), strings.Join(e.Levels, ", "))
}

// levelNames returns the names of the matrix's levels, lowest first.
func (m *Matrix) levelNames() []string {
	var out []string
	for _, mk := range m.markings() {
		out = append(out, mk.Name)
	}
	return out
}

func (m *Matrix) markings() []Marking {
	if len(m.Markings) == 0 {
		return DefaultMarkings()
	}
	return m.Markings
}

// rank returns the place of level in the ladder, 0 for "" (the lowest), and
// the highest place for a level the ladder does not know, so that it is
// never published by mistake.
func (m *Matrix) rank(level string) int {
	if level == "" {
		return 0
	}
	ms := m.markings()
	for i, mk := range ms {
		if strings.EqualFold(mk.Name, level) {
			return i
		}
	}
	return len(ms) - 1
}

// noteRank returns the level of the note of cell (i, p): the highest of its
// marker's, its party's and its issue's.
func (m *Matrix) noteRank(i, p int) int {
	return max(m.rank(m.Cell(i, p).Release), m.rank(m.Parties[p].Release), m.rank(m.Issues[i].Release))
}

// highestRank returns the highest level of anything m contains, its
// snapshots included.
func (m *Matrix) highestRank() int {
	h := 0
	for _, p := range m.Parties {
		h = max(h, m.rank(p.Release))
	}
	for _, is := range m.Issues {
		h = max(h, m.rank(is.Release))
	}
	m.NoteCells(func(i, p int) {
		if m.Cell(i, p).Note != "" {
			h = max(h, m.noteRank(i, p))
		}
	})
	for _, e := range m.Evidence {
		h = max(h, m.rank(e.Release))
	}
	for _, f := range m.Findings {
		h = max(h, m.rank(f.Release))
	}
	for _, sn := range m.Snapshots {
		h = max(h, sn.Matrix.highestRank())
	}
	return h
}

// DefaultEdition returns the edition an export makes when none is asked
// for: the About sheet's Edition, else the highest level the workbook
// contains, so that nothing is published at a lower level by accident.
func (m *Matrix) DefaultEdition() string {
	if m.About.Edition != "" {
		return m.About.Edition
	}
	return m.markings()[m.highestRank()].Name
}

// Edition returns the edition of m at level ("" for DefaultEdition): a new
// matrix without anything above level — evidence rows, findings and notes
// above it; parties and issues above it with their column or row, every
// cell note, evidence row and finding naming them; the same in every
// snapshot. Its About.Classification is the banner of the highest level it
// contains; the workbook's own Classification is kept after it only when
// the edition leaves nothing out. A workbook that marks nothing (see
// Matrix.Marked) is returned unchanged, without a banner. m is not
// modified.
func (m *Matrix) Edition(level string) (*Matrix, EditionReport, error) {
	if level == "" {
		level = m.DefaultEdition()
	}
	ms := m.markings()
	mk, ok := findMarking(ms, level)
	if !ok {
		return nil, EditionReport{}, &UnknownLevelError{Level: level, Levels: m.levelNames()}
	}
	rep := EditionReport{Level: mk.Name}
	lim := m.rank(mk.Name)
	out := m.filter(lim, withheld{}, &rep)
	h := ms[out.highestRank()]
	rep.Highest = h.Name
	out.About.Edition = mk.Name
	for _, sn := range out.Snapshots {
		sn.Matrix.About.Edition = mk.Name
	}
	if !m.Marked {
		return out, rep, nil
	}
	rep.Banner = h.BannerText()
	cls := rep.Banner
	if own := m.About.Classification; own != "" && rep.Removed() == 0 {
		if strings.Contains(strings.ToLower(own), strings.ToLower(rep.Banner)) {
			cls = own
		} else {
			cls = rep.Banner + " — " + own
		}
	}
	out.About.Classification = cls
	out.About.Edition = mk.Name
	for _, sn := range out.Snapshots {
		sn.Matrix.About.Classification, sn.Matrix.About.Edition = cls, mk.Name
	}
	return out, rep, nil
}

// withheld is what an edition left out, for comparing it with another
// file: the lower-case names, short names and aliases of the parties and
// issues, and the texts (normalised) of the notes, evidence rows (summary,
// quote, URL) and findings.
type withheld struct {
	parties, issues, texts map[string]bool
	// idx indexes texts for hasText (see textIndex); copies of a withheld
	// share it, as they share the maps. Nil for the zero withheld.
	idx *textIndexCache
}

func newWithheld() withheld {
	return withheld{parties: map[string]bool{}, issues: map[string]bool{}, texts: map[string]bool{},
		idx: &textIndexCache{}}
}

func (w withheld) empty() bool { return len(w.parties) == 0 && len(w.issues) == 0 && len(w.texts) == 0 }

// add adds v's names and texts to w.
func (w withheld) add(v withheld) {
	for k := range v.parties {
		w.parties[k] = true
	}
	for k := range v.issues {
		w.issues[k] = true
	}
	for k := range v.texts {
		w.texts[k] = true
	}
}

// addText adds the texts ts to w.
func (w withheld) addText(ts ...string) {
	for _, t := range ts {
		if t = normLabel(t); t != "" {
			w.texts[t] = true
		}
	}
}

// minContained is the length (in bytes) from which a text that holds a
// withheld text, or is held in one, counts as that text.
const minContained = 20

// hasText reports whether one of ts is a withheld text, holds one or is
// held in one (both at least minContained long): an older file's copy of
// a row or note the edition left out, perhaps edited since.
//
// It compares each text with an index of the withheld texts (textIndex),
// not with each of them: an edition of a workbook with many restricted
// notes and many snapshots asks this of every note of every snapshot.
func (w withheld) hasText(ts ...string) bool {
	if len(w.texts) == 0 {
		return false // an edition's own filter: nothing withheld to compare with
	}
	var ix *textIndex
	for _, t := range ts {
		t = normLabel(t)
		if t == "" {
			continue
		}
		if w.texts[t] {
			return true
		}
		if len(t) < minContained {
			continue
		}
		if ix == nil {
			ix = w.index()
		}
		if ix.related(t) {
			return true
		}
	}
	return false
}

// index returns the index of w's texts, built when first needed and again
// when texts has grown since (texts only ever grow).
func (w withheld) index() *textIndex {
	if w.idx == nil {
		return newTextIndex(w.texts)
	}
	if w.idx.ix == nil || w.idx.n != len(w.texts) {
		w.idx.ix, w.idx.n = newTextIndex(w.texts), len(w.texts)
	}
	return w.idx.ix
}

// keys returns the lower-case name, short name and aliases of a party or
// issue: every name a workbook may know it by.
func keys(name, short string, aliases Aliases) []string {
	out := []string{normLabel(name)}
	if short != "" {
		out = append(out, normLabel(short))
	}
	for _, a := range aliases.List() {
		out = append(out, normLabel(a))
	}
	return out
}

// anyIn reports whether one of ks is in set.
func anyIn(set map[string]bool, ks []string) bool {
	for _, k := range ks {
		if set[k] {
			return true
		}
	}
	return false
}

// filter returns a copy of m without anything above rank lim, nor any
// party or issue known (by name, short name or alias, lower case) in drop.
// rep counts what m loses. The copy's withheld holds m's, drop and
// every party and issue it left out.
func (m *Matrix) filter(lim int, drop withheld, rep *EditionReport) *Matrix {
	out := *m
	out.Parties, out.Issues, out.cells, out.Evidence, out.Findings, out.Snapshots = nil, nil, cellStore{}, nil, nil, nil
	if rep == nil {
		rep = &EditionReport{}
	}
	count := func(n *int) { *n++ }
	gone := newWithheld()
	gone.add(m.withheld)
	gone.add(drop)
	var keepP, keepI []int
	for p, pa := range m.Parties {
		ks := keys(pa.Name, pa.Short, pa.Aliases)
		if m.rank(pa.Release) > lim || anyIn(drop.parties, ks) {
			for _, k := range ks {
				gone.parties[k] = true
			}
			count(&rep.Parties)
			continue
		}
		keepP = append(keepP, p)
		out.Parties = append(out.Parties, pa)
	}
	for i, is := range m.Issues {
		ks := keys(is.Name, is.Short, is.Aliases)
		if m.rank(is.Release) > lim || anyIn(drop.issues, ks) {
			for _, k := range ks {
				gone.issues[k] = true
			}
			count(&rep.Issues)
			continue
		}
		keepI = append(keepI, i)
		out.Issues = append(out.Issues, is)
	}
	out.cells = m.cells.subset(keepI, keepP)
	for k, i := range keepI {
		for j, p := range keepP {
			if !m.HasNote(i, p) {
				continue
			}
			c := m.Cell(i, p)
			if c.Note != "" && (m.noteRank(i, p) > lim || drop.hasText(c.Note)) {
				gone.addText(c.Note)
				out.setNote(k, j, "", c.Release)
				count(&rep.Notes)
			}
		}
	}
	for _, e := range m.Evidence {
		if m.rank(e.Release) > lim || gone.parties[normLabel(e.Party)] || gone.issues[normLabel(e.Issue)] || drop.hasText(e.Summary, e.Quote, e.URL) {
			gone.addText(e.Summary, e.Quote, e.URL)
			count(&rep.Evidence)
			continue
		}
		out.Evidence = append(out.Evidence, e)
	}
	for _, f := range m.Findings {
		g := m.rank(f.Release) > lim || (f.Issue != "" && gone.issues[normLabel(f.Issue)])
		for _, p := range f.Parties {
			g = g || gone.parties[normLabel(p)]
		}
		if g || drop.hasText(f.Text) {
			gone.addText(f.Text)
			count(&rep.Findings)
			continue
		}
		f.Parties = append([]string(nil), f.Parties...)
		out.Findings = append(out.Findings, f)
	}
	for _, sn := range m.Snapshots {
		sm := sn.Matrix.filter(lim, gone, nil)
		out.Snapshots = append(out.Snapshots, Snapshot{Date: sn.Date, Sheet: sn.Sheet, Matrix: sm})
	}
	out.Threaded = append([]string(nil), m.Threaded...)
	out.withheld = gone
	return &out
}

// alignEditions returns ms, each without the parties and issues that any
// of them withheld (by name, short name or alias): when editions of
// different files are compared (diff OLD NEW, --since FILE, history), a
// party one file places above the edition is left out of all of them,
// even from a file that does not mark it. ms is returned as it is when
// none withheld anything.
func alignEditions(ms ...*Matrix) []*Matrix {
	drop := newWithheld()
	for _, m := range ms {
		drop.add(m.withheld)
	}
	if drop.empty() {
		return ms
	}
	out := make([]*Matrix, len(ms))
	for i, m := range ms {
		out[i] = m.filter(len(m.markings()), drop, nil)
	}
	return out
}

// Edition returns the level the history's workbooks were read at and the
// banner of the highest level any of its dated states contains (the
// banner of that state's edition), for a history of marked workbooks;
// both "" when none of them marks release levels.
func (h *History) Edition() (level, banner string) {
	best := -1
	for _, st := range h.States {
		m := st.Matrix
		if m == nil || !m.Marked {
			continue
		}
		if r := m.highestRank(); r > best {
			best, level, banner = r, m.About.Edition, m.About.Classification
		}
	}
	return level, banner
}

// LevelCounts are how many parties, issues, evidence rows, findings and
// cell notes of the current matrix a workbook holds at each release
// level; each slice is parallel to Levels, lowest first.
type LevelCounts struct {
	Levels                                     []string
	Parties, Issues, Evidence, Findings, Notes []int
}

// LevelCounts counts m's parties, issues, evidence rows, findings and
// notes by level (a note's level is the highest of its marker's, its
// party's and its issue's). Call it on the whole workbook, before Edition.
func (m *Matrix) LevelCounts() LevelCounts {
	n := len(m.markings())
	lc := LevelCounts{Levels: m.levelNames(), Parties: make([]int, n), Issues: make([]int, n),
		Evidence: make([]int, n), Findings: make([]int, n), Notes: make([]int, n)}
	for _, p := range m.Parties {
		lc.Parties[m.rank(p.Release)]++
	}
	for _, is := range m.Issues {
		lc.Issues[m.rank(is.Release)]++
	}
	for _, e := range m.Evidence {
		lc.Evidence[m.rank(e.Release)]++
	}
	for _, f := range m.Findings {
		lc.Findings[m.rank(f.Release)]++
	}
	m.NoteCells(func(i, p int) {
		if m.Cell(i, p).Note != "" {
			lc.Notes[m.noteRank(i, p)]++
		}
	})
	return lc
}
