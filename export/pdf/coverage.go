package pdf

import (
	"fmt"
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

// checkCoverage reports, through opt.Warn, every text of the matrix that the
// briefing draws and that holds characters the font cannot draw, naming the
// workbook place of the text.
func (b *briefing) checkCoverage() {
	if b.opt.Warn == nil {
		return
	}
	m := b.m
	check := func(ref, what, s string) {
		if s == "" {
			return
		}
		miss := b.fonts.missing(s)
		if len(miss) == 0 {
			return
		}
		sheet, cell := splitRef(ref)
		b.opt.Warning(matrix.Problem{
			File: m.Source, Sheet: sheet, Cell: cell, Severity: matrix.Warning,
			Msg: fmt.Sprintf("the pdf font cannot draw %s in the %s", describeRunes(miss), what),
			Err: ErrMissingGlyphs,
		})
	}
	a := m.About
	if b.opt.Title != "" {
		check("", "title option", b.opt.Title)
	}
	for _, f := range []struct{ what, s string }{
		{"title", a.Title}, {"subtitle", a.Subtitle}, {"author", a.Author}, {"organisation", a.Organisation},
		{"classification", a.Classification}, {"footer", a.Footer}, {"notes", a.Notes},
	} {
		check("About", "about "+f.what, f.s)
	}
	for _, st := range m.Scale.Stances {
		ref := "Scale"
		if m.Scale.Default {
			ref = ""
		}
		check(ref, fmt.Sprintf("stance %q", st.Label), st.Label+" "+st.Symbol)
	}
	for _, p := range m.Parties {
		check(p.Ref, "party name", p.Name)
		check(p.Ref, fmt.Sprintf("short name of party %q", p.Name), p.Short)
		check(p.Ref, fmt.Sprintf("group of party %q", p.Name), p.Group)
		if b.sec["profiles"] {
			check(p.Ref, fmt.Sprintf("description of party %q", p.Name), p.Description)
		}
	}
	for _, is := range m.Issues {
		check(is.Ref, "issue name", is.Name)
		check(is.Ref, fmt.Sprintf("category of issue %q", is.Name), is.Category)
		if b.sec["issues"] {
			check(is.Ref, fmt.Sprintf("description of issue %q", is.Name), is.Description)
		}
	}
	if b.sec["issues"] || b.sec["profiles"] {
		for i := range m.Issues {
			for p := range m.Parties {
				if !m.HasNote(i, p) {
					continue
				}
				c := m.Cell(i, p)
				check(m.CellRef(i, p), fmt.Sprintf("note of %s on %s", m.Parties[p].Name, m.Issues[i].Name), c.Note)
			}
		}
	}
	if b.sec["issues"] || b.sec["sources"] {
		for i, e := range m.Evidence {
			if b.srcNum[i] == 0 {
				continue // not shown
			}
			sheet := e.Sheet
			for _, f := range []struct{ what, s string }{
				{"summary", e.Summary}, {"quote", e.Quote}, {"speaker", e.Speaker}, {"source", e.Source}, {"url", e.URL},
			} {
				if miss := b.fonts.missing(f.s); len(miss) > 0 {
					b.opt.Warning(matrix.Problem{
						File: m.Source, Sheet: sheet, Severity: matrix.Warning,
						Msg: fmt.Sprintf("row %d: the pdf font cannot draw %s in the evidence %s", e.Row, describeRunes(miss), f.what),
						Err: ErrMissingGlyphs,
					})
				}
			}
		}
	}
}

// splitRef splits "Matrix!C7" into "Matrix" and "C7"; a reference without
// "!" is a sheet name.
func splitRef(ref string) (sheet, cell string) {
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		return ref[:i], ref[i+1:]
	}
	return ref, ""
}

// describeRunes lists characters as `"字" (U+5B57)`, at most five.
func describeRunes(rs []rune) string {
	var parts []string
	for i, r := range rs {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%q (U+%04X)", string(r), r))
	}
	return strings.Join(parts, ", ")
}
