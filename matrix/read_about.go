package matrix

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// aboutKeys maps the About sheet's keys (and spellings people use),
// normalised, to their names.
var aboutKeys = append(slices.Clip(AboutKeys), AboutEditionKey).byName()

// readAbout reads the About sheet: key in the first column, value in the
// next.
func (rd *reader) readAbout(g *grid) {
	if len(g.Rows) == 0 {
		return
	}
	keyCol := g.Rows[0].Cells[0].Col
	for _, r := range g.Rows {
		if c := r.Cells[0].Col; c < keyCol {
			keyCol = c
		}
	}
	names := append(AboutKeys.Names(), AboutEditionKey.Name)
	seen := map[string]string{}
	for _, r := range g.Rows {
		var key, val string
		var num bool
		for _, c := range r.Cells {
			switch c.Col {
			case keyCol:
				key = strings.TrimSpace(c.Val)
			case keyCol + 1:
				val, num = strings.TrimSpace(c.Val), c.Num
			}
		}
		kc, vc := cellName(keyCol, r.Row), cellName(keyCol+1, r.Row)
		if key == "" {
			if val != "" {
				rd.warnf(g.Sheet, vc, "value %q has no key in %s; it is ignored", val, kc)
			}
			continue
		}
		k, ok := aboutKeys[normHeader(strings.TrimSuffix(key, ":"))]
		if !ok {
			if nk := normHeader(key); nk == "key" || nk == "field" || nk == "property" {
				continue // a header row
			}
			if s := Suggest(key, names); s != "" {
				rd.warnf(g.Sheet, kc, "key %q is ignored (did you mean %q?)", key, s)
			}
			continue
		}
		if prev, dup := seen[k]; dup {
			rd.warnf(g.Sheet, kc, "second %q is ignored (the first is in %s)", key, prev)
			continue
		}
		seen[k] = kc
		a := &rd.about
		switch k {
		case "Title":
			a.Title = val
		case "Subtitle":
			a.Subtitle = val
		case "As of":
			if val != "" {
				d, err := parseDate(val, num, rd.p.Date1904())
				if err != nil {
					rd.errorf(g.Sheet, vc, "%v", err)
				}
				a.AsOf = d
			}
		case "Author":
			a.Author = val
		case "Organisation":
			a.Organisation = val
		case "Classification":
			a.Classification = val
		case "Footer":
			a.Footer = val
		case "Notes":
			a.Notes = val
		case "Language":
			a.Language = rd.language(g.Sheet, vc, val)
		case "Edition":
			a.Edition = rd.release(g.Sheet, vc, val)
		}
	}
}

// language returns the About sheet's Language value as a canonical BCP 47
// tag ("en-GB" for "en_gb"), or "" with a warning naming the cell when it
// is not a well-formed tag of a known language; the outputs then use
// English, the language of their own words.
func (rd *reader) language(sheet, cell, val string) string {
	if val == "" {
		return ""
	}
	tag, err := language.Parse(val)
	if err != nil {
		rd.warnf(sheet, cell, "language %q is not a BCP 47 language tag such as \"en\", \"de\" or \"en-GB\"; English (\"en\") is used", val)
		return ""
	}
	return tag.String()
}
