package xlsx

import (
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// Hyperlinks are added to the written package here rather than with
// excelize's SetCellHyperLink, which scans every earlier link and
// relationship of the sheet for each new one: 10,000 evidence URLs took
// seconds. The links are spliced into each sheet's XML in one pass.

// link is one hyperlink: to a web address (External) or to a place in
// the workbook ("'Matrix'!C7").
type link struct {
	Cell, Target, Tooltip string
	External              bool
}

// link records a hyperlink of cell, written by finish.
func (b *book) link(sheet, cell, target string, external bool, tooltip string) {
	if b.links == nil {
		b.links = map[string][]link{}
	}
	b.links[sheet] = append(b.links[sheet], link{Cell: cell, Target: target, Tooltip: tooltip, External: external})
}

// afterHyperlinks are the worksheet elements that follow <hyperlinks> in
// the schema's order.
var afterHyperlinks = []string{"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<legacyDrawingHF",
	"<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"}

// linkParts adds the links of each sheet to the package.
func linkParts(p *zipPackage, links map[string][]link) error {
	sheetPart, err := sheetParts(p)
	if err != nil {
		return err
	}
	changed := map[string][]byte{}
	var added []string // new rels parts, in a fixed order
	for _, sheet := range sortedKeys(links) {
		part, ok := sheetPart[sheet]
		if !ok {
			return fmt.Errorf("adding links: no sheet %q", sheet)
		}
		relsName := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
		rels := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`)
		if r, ok := p.part(relsName); ok {
			rels = r
		} else {
			added = append(added, relsName)
		}
		sx, ok := p.part(part)
		if !ok {
			return fmt.Errorf("adding links: no %s", part)
		}
		var hl, rl strings.Builder
		hl.WriteString("<hyperlinks>")
		for i, l := range links[sheet] {
			fmt.Fprintf(&hl, `<hyperlink ref="%s"`, attr(l.Cell))
			if l.External {
				id := fmt.Sprintf("rIdLink%d", i+1)
				fmt.Fprintf(&hl, ` r:id="%s"`, id)
				fmt.Fprintf(&rl, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, id, attr(l.Target))
			} else {
				fmt.Fprintf(&hl, ` location="%s"`, attr(l.Target))
			}
			if l.Tooltip != "" {
				fmt.Fprintf(&hl, ` tooltip="%s"`, attr(l.Tooltip))
			}
			hl.WriteString("/>")
		}
		hl.WriteString("</hyperlinks>")
		s := string(sx)
		if strings.Contains(s, "<hyperlinks") {
			return fmt.Errorf("adding links: sheet %q already has links", sheet)
		}
		at := -1
		if end := strings.Index(s, "</sheetData>"); end >= 0 {
			for _, tag := range afterHyperlinks {
				if i := strings.Index(s[end:], tag); i >= 0 && (at < 0 || end+i < at) {
					at = end + i
				}
			}
		}
		if at < 0 {
			return fmt.Errorf("adding links: sheet %q has no place for links", sheet)
		}
		s = s[:at] + hl.String() + s[at:]
		// The r:id attributes need the relationships namespace on the root.
		root := strings.Index(s, "<worksheet")
		if root < 0 {
			return fmt.Errorf("adding links: sheet %q has no worksheet element", sheet)
		}
		end := root + strings.Index(s[root:], ">")
		if !strings.Contains(s[root:end], "xmlns:r=") {
			s = s[:end] + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` + s[end:]
		}
		changed[part] = []byte(s)
		r := string(rels)
		end = strings.LastIndex(r, "</Relationships>")
		if end < 0 {
			return fmt.Errorf("adding links: %s is malformed", relsName)
		}
		changed[relsName] = []byte(r[:end] + rl.String() + r[end:])
	}
	for _, name := range sortedKeys(changed) {
		if !slices.Contains(added, name) {
			p.set(name, changed[name])
		}
	}
	for _, name := range added {
		p.set(name, changed[name])
	}
	return nil
}

// sheetParts maps sheet names to their part names, from the workbook and
// its relationships.
func sheetParts(p *zipPackage) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for name, v := range map[string]any{"xl/workbook.xml": &wb, "xl/_rels/workbook.xml.rels": &rels} {
		data, ok := p.part(name)
		if !ok {
			return nil, fmt.Errorf("adding links: no %s", name)
		}
		if err := xml.Unmarshal(data, v); err != nil {
			return nil, fmt.Errorf("adding links: %s: %w", name, err)
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.ID]
	}
	return out, nil
}

// attr escapes s for an XML attribute value.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
