package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Cell notes are added to the written package here, except the first note of
// each sheet. excelize's AddComment scans every earlier shape and comment of
// the sheet (and every row, for the note's size) for each new note, so the
// 45,000 notes of a 200 × 1,000 matrix took minutes. The first note still
// goes through AddComment, which creates the comments and VML drawing parts,
// their relationships, the sheet's legacyDrawing element and the content
// types; addNotes then appends the other notes to those two parts in one
// pass, in the same form AddComment writes them.

// note is a cell note waiting to be spliced in by finish.
type note struct {
	Cell          string
	Text          string
	Width, Height int // of the note's box, in pixels
}

// note adds text as the cell's comment, with no author line in the text so
// that the reader takes it back unchanged.
func (b *book) note(sheet, cell, text string) {
	lines := strings.Count(text, "\n") + textLen(text)/40 + 1
	n := note{Cell: cell, Text: text, Width: 240, Height: min(400, 20+16*lines)}
	if b.notes == nil {
		b.notes = map[string][]note{}
	}
	if _, ok := b.notes[sheet]; ok && !b.slowNotes {
		b.notes[sheet] = append(b.notes[sheet], n)
		return
	}
	b.notes[sheet] = []note{}
	b.fail(b.f.AddComment(sheet, excelize.Comment{
		Cell: cell, Author: noteAuthor,
		Paragraph: []excelize.RichTextRun{{Text: text}},
		Width:     uint(n.Width), Height: uint(n.Height),
	}))
}

// noteAuthor is the author of every note.
const noteAuthor = "stancematrix"

// addNotes appends the notes of each sheet to the comments and VML
// drawing parts that the sheet's first note created. font is the
// workbook's default font, which AddComment names in each note.
func addNotes(p *zipPackage, notes map[string][]note, font string) error {
	sheetPart, err := sheetParts(p)
	if err != nil {
		return err
	}
	for _, sheet := range sortedKeys(notes) {
		if len(notes[sheet]) == 0 {
			continue
		}
		part, ok := sheetPart[sheet]
		if !ok {
			return fmt.Errorf("adding notes: no sheet %q", sheet)
		}
		comments, vml, err := noteParts(p, part)
		if err != nil {
			return fmt.Errorf("adding notes to sheet %q: %w", sheet, err)
		}
		sx, _ := p.part(part)
		cx, _ := p.part(comments)
		vx, _ := p.part(vml)
		cx, vx, err = spliceNotes(cx, vx, notes[sheet], sheetSizes(sx), font)
		if err != nil {
			return fmt.Errorf("adding notes to sheet %q: %w", sheet, err)
		}
		p.set(comments, cx)
		p.set(vml, vx)
	}
	return nil
}

// noteParts finds the comments and VML drawing parts of the sheet part
// through the sheet's relationships.
func noteParts(p *zipPackage, sheet string) (comments, vml string, err error) {
	relsName := path.Join(path.Dir(sheet), "_rels", path.Base(sheet)+".rels")
	data, ok := p.part(relsName)
	if !ok {
		return "", "", fmt.Errorf("no %s", relsName)
	}
	var rels struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return "", "", fmt.Errorf("%s: %w", relsName, err)
	}
	for _, r := range rels.Rels {
		t := path.Join(path.Dir(sheet), r.Target)
		if strings.HasPrefix(r.Target, "/") {
			t = strings.TrimPrefix(r.Target, "/")
		}
		switch {
		case strings.HasSuffix(r.Type, "/comments"):
			comments = t
		case strings.HasSuffix(r.Type, "/vmlDrawing"):
			vml = t
		}
	}
	for _, name := range []string{comments, vml} {
		if _, ok := p.part(name); name == "" || !ok {
			return "", "", fmt.Errorf("no comments or drawing part in %s", relsName)
		}
	}
	return comments, vml, nil
}

// sizes are a sheet's column widths and row heights in pixels, as
// excelize reckons them when it places a note.
type sizes struct {
	cols       []colRange
	rows       map[int]int
	defaultRow int
	defaultCol int
}

type colRange struct{ min, max, px int }

func (s sizes) col(c int) int {
	for _, r := range s.cols {
		if r.min <= c && c <= r.max {
			return r.px
		}
	}
	return s.defaultCol
}

func (s sizes) row(r int) int {
	if px, ok := s.rows[r]; ok {
		return px
	}
	return s.defaultRow
}

// sheetSizes reads the widths and heights from a worksheet part written
// by excelize (one element per tag, attributes in double quotes).
func sheetSizes(sx []byte) sizes {
	s := sizes{rows: map[int]int{}, defaultRow: 20, defaultCol: 64}
	attr := func(tag []byte, name string) (string, bool) {
		i := bytes.Index(tag, []byte(" "+name+`="`))
		if i < 0 {
			return "", false
		}
		v := tag[i+len(name)+3:]
		j := bytes.IndexByte(v, '"')
		if j < 0 {
			return "", false
		}
		return string(v[:j]), true
	}
	num := func(tag []byte, name string) (float64, bool) {
		v, ok := attr(tag, name)
		if !ok {
			return 0, false
		}
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	colPx := func(w float64) int {
		if w == 0 {
			return 0
		}
		return int(w*8 + 0.5)
	}
	rowPx := func(h float64) int { return int(math.Ceil(4.0 / 3.4 * h)) }
	tags := func(name string, fn func(tag []byte)) {
		rest := sx
		for {
			i := bytes.Index(rest, []byte("<"+name+" "))
			if i < 0 {
				return
			}
			rest = rest[i:]
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				return
			}
			fn(rest[:j])
			rest = rest[j:]
		}
	}
	tags("sheetFormatPr", func(tag []byte) {
		if h, ok := num(tag, "defaultRowHeight"); ok && h > 0 {
			s.defaultRow = rowPx(h)
		}
		if w, ok := num(tag, "defaultColWidth"); ok && w > 0 {
			s.defaultCol = colPx(w)
		} else if w, ok := num(tag, "baseColWidth"); ok && w > 0 {
			s.defaultCol = colPx(w) + 5
		}
	})
	tags("col", func(tag []byte) {
		lo, ok1 := num(tag, "min")
		hi, ok2 := num(tag, "max")
		w, ok3 := num(tag, "width")
		if ok1 && ok2 && ok3 {
			s.cols = append(s.cols, colRange{int(lo), int(hi), colPx(w)})
		}
	})
	tags("row", func(tag []byte) {
		r, ok1 := num(tag, "r")
		h, ok2 := num(tag, "ht")
		if _, seen := s.rows[int(r)]; ok1 && ok2 && !seen {
			s.rows[int(r)] = rowPx(h)
		}
	})
	return s
}

// noteAnchor is the VML anchor of a note box of w × h pixels on the cell
// at col, row (1-based), computed as excelize computes it.
func noteAnchor(s sizes, col, row, w, h int) string {
	colEnd, rowEnd, x2, y2 := col-1, row-1, w, h
	for x2 >= s.col(colEnd+1) {
		colEnd++
		x2 -= s.col(colEnd)
	}
	for y2 >= s.row(rowEnd+1) {
		rowEnd++
		y2 -= s.row(rowEnd)
	}
	return fmt.Sprintf("%d, 23, %d, 0, %d, %d, %d, %d", col-1, row-1, colEnd, x2, rowEnd, y2)
}

// spliceNotes appends notes to a comments part and its VML drawing, after
// what is there, numbering the shapes on from the last one.
func spliceNotes(cx, vx []byte, notes []note, size sizes, font string) ([]byte, []byte, error) {
	cs, vs := string(cx), string(vx)
	cEnd, vEnd := strings.LastIndex(cs, "</commentList>"), strings.LastIndex(vs, "</xml>")
	if cEnd < 0 || vEnd < 0 {
		return nil, nil, fmt.Errorf("comments or drawing part is malformed")
	}
	author := strings.Index(cs, "<author>"+noteAuthor+"</author>")
	if author < 0 || strings.Count(cs[:author], "<author>") != 0 {
		return nil, nil, fmt.Errorf("comments part lacks the author %q", noteAuthor)
	}
	shape := 0
	if i := strings.LastIndex(vs, `<v:shape id="_x0000_s`); i >= 0 {
		v := vs[i+len(`<v:shape id="_x0000_s`):]
		if j := strings.IndexByte(v, '"'); j >= 0 {
			shape, _ = strconv.Atoi(v[:j])
		}
	}
	if shape == 0 {
		return nil, nil, fmt.Errorf("drawing part has no shape")
	}
	var c, v strings.Builder
	c.Grow(len(cs) + len(notes)*(250+len(notes[0].Text)))
	v.Grow(len(vs) + len(notes)*800)
	c.WriteString(cs[:cEnd])
	v.WriteString(vs[:vEnd])
	rPr := `<rPr><rFont val="` + attr(font) + `"></rFont><family val="2"></family><color indexed="81"></color><sz val="9"></sz></rPr>`
	for _, n := range notes {
		col, row, err := excelize.CellNameToCoordinates(n.Cell)
		if err != nil {
			return nil, nil, err
		}
		c.WriteString(`<comment ref="`)
		c.WriteString(attr(n.Cell))
		c.WriteString(`" authorId="0"><text><r>`)
		c.WriteString(rPr)
		c.WriteString(`<t xml:space="preserve">`)
		c.WriteString(attr(truncUTF16(n.Text, excelize.TotalCellChars)))
		c.WriteString(`</t></r></text></comment>`)
		shape++
		v.WriteString(`<v:shape id="_x0000_s`)
		v.WriteString(strconv.Itoa(shape))
		v.WriteString(`" type="#_x0000_t202" style="position:absolute;73.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#FBF6D6" strokecolor="#EDEAA1"><v:fill angle="-180" color2="#FBFE82" type="gradient"><o:fill v:ext="view" type="gradientUnscaled"></o:fill></v:fill><v:shadow on="t" color="black" obscured="t"></v:shadow><v:path o:connecttype="none"></v:path><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells></x:MoveWithCells><x:SizeWithCells></x:SizeWithCells><x:Anchor>`)
		v.WriteString(noteAnchor(size, col, row, n.Width, n.Height))
		v.WriteString(`</x:Anchor><x:AutoFill>True</x:AutoFill><x:Row>`)
		v.WriteString(strconv.Itoa(row - 1))
		v.WriteString(`</x:Row><x:Column>`)
		v.WriteString(strconv.Itoa(col - 1))
		v.WriteString(`</x:Column></x:ClientData></v:shape>`)
	}
	c.WriteString(cs[cEnd:])
	v.WriteString(vs[vEnd:])
	return []byte(c.String()), []byte(v.String()), nil
}

// truncUTF16 cuts s to at most n UTF-16 units, as excelize does.
func truncUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		if used += utf16.RuneLen(r); used > n {
			return s[:i]
		}
	}
	return s
}
