package xlsxfile

import (
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// Pos is the place of a cell: 1-based column and row.
type Pos struct{ Col, Row int }

// Comments reads the cell comments (notes) of a sheet, by cell, with what
// Excel adds to the text (the author's name, the preamble of a threaded
// comment) removed.
func (wb *File) Comments(s Sheet) (map[Pos]string, error) {
	notes, _, err := wb.AllComments(s)
	return notes, err
}

// AllComments reads the cell comments of a sheet as Comments does, and
// tells which cells hold a threaded comment (a reviewer discussion): a
// cell named by the sheet's threadedComments part, or whose legacy note
// starts with Excel's "[Threaded comment]" preamble. The notes include the
// threaded comments' first entries; the caller decides what to publish.
func (wb *File) AllComments(s Sheet) (map[Pos]string, map[Pos]bool, error) {
	sheetRels, err := wb.rels(relsPartFor(s.Part), path.Dir(s.Part))
	if err != nil {
		return nil, nil, err
	}
	var part string
	threaded := map[Pos]bool{}
	for _, r := range sheetRels {
		switch {
		case strings.HasSuffix(r.Type, "/comments"):
			part = r.Target
		case strings.HasSuffix(strings.ToLower(r.Type), "/threadedcomment"):
			if err := wb.threadedRefs(r.Target, threaded); err != nil {
				return nil, nil, err
			}
		}
	}
	if part == "" {
		return nil, threaded, nil
	}
	notes, legacy, err := wb.legacyComments(part)
	for p := range legacy {
		threaded[p] = true
	}
	return notes, threaded, err
}

// threadedRefs adds the cells named by the threadedComments part to out.
func (wb *File) threadedRefs(part string, out map[Pos]bool) error {
	r, done, err := wb.open(part)
	if err != nil || r == nil {
		return err
	}
	defer done()
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return decodeErr(part, err)
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "threadedComment" {
			for _, a := range t.Attr {
				if a.Name.Local == "ref" {
					ref := a.Value
					if i := strings.IndexByte(ref, ':'); i >= 0 {
						ref = ref[:i]
					}
					if c, r, ok := parseRef(ref); ok {
						out[Pos{c, r}] = true
					}
				}
			}
		}
	}
}

// legacyComments reads a comments part: the notes by cell, and the cells
// whose note is the legacy copy of a threaded comment.
func (wb *File) legacyComments(part string) (map[Pos]string, map[Pos]bool, error) {
	before := wb.unzipped
	r, done, err := wb.open(part)
	if err != nil || r == nil {
		return nil, nil, err
	}
	defer done()
	var (
		threaded = map[Pos]bool{}
		sc       = newScanner(r)
		authors  []string
		// A note takes 60 bytes of XML at the least and about 220 as
		// Excel writes it: size the map for one every 200 bytes, within
		// the cell limit.
		out    = make(map[Pos]string, min(r.f.UncompressedSize64/200, uint64(wb.lim.Cells)))
		b      []byte
		ref    []byte
		author int
		inText bool
		inT    bool
		inAuth bool
		phon   int
	)
	for {
		tok, err := sc.next()
		if err == errSyntax {
			err = wb.syntaxError(part, before)
		}
		if err != nil {
			return nil, nil, decodeErr(part, err)
		}
		switch tok {
		case tokEOF:
			return out, threaded, nil
		case tokStart:
			switch string(local(sc.name)) {
			case "author":
				inAuth = true
				b = b[:0]
			case "comment":
				ref, author = ref[:0], -1
				for _, a := range sc.attrs {
					switch string(local(a.name)) {
					case "ref":
						ref = append(ref[:0], a.value...)
					case "authorId":
						var ok bool
						if author, ok = atoiBytes(a.value); !ok {
							author, _ = strconv.Atoi(string(a.value))
						}
					}
				}
				b = b[:0]
			case "text":
				inText = true
			case "rPh":
				phon++
			case "t":
				inT = inText && phon == 0
			}
		case tokEnd:
			switch string(local(sc.name)) {
			case "author":
				inAuth = false
				authors = append(authors, string(b))
			case "comment":
				text := string(b)
				name := ""
				if author >= 0 && author < len(authors) {
					name = authors[author]
				}
				cref := ref
				if i := bytes.IndexByte(cref, ':'); i >= 0 {
					cref = cref[:i]
				}
				if c, r, ok := parseRef(string(cref)); ok {
					out[Pos{c, r}] = cleanComment(text, name)
					if t := strings.TrimSpace(text); strings.HasPrefix(t, "[Threaded comment]") ||
						(name != "" && strings.HasPrefix(strings.TrimSpace(trimAuthor(t, name)), "[Threaded comment]")) {
						threaded[Pos{c, r}] = true
					}
				}
			case "text":
				inText = false
			case "rPh":
				phon--
			case "t":
				inT = false
			}
		case tokText:
			if inT || inAuth {
				b = append(b, sc.text...)
			}
		}
	}
}

// cleanComment removes what Excel adds around a note's text: the
// "Author:" first line and, for threaded comments, the legacy preamble.
func cleanComment(text, author string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i := strings.Index(text, "\nComment:\n"); i >= 0 && strings.HasPrefix(text, "[Threaded comment]") {
		text = text[i+len("\nComment:\n"):]
		if j := strings.Index(text, "\nReply:"); j >= 0 {
			text = text[:j]
		}
	}
	return strings.TrimSpace(trimAuthor(strings.TrimSpace(text), author))
}

// trimAuthor removes "author:" from the start of t, when author is not
// empty and t starts with it.
func trimAuthor(t, author string) string {
	if author != "" && len(t) > len(author) && t[len(author)] == ':' && strings.HasPrefix(t, author) {
		return t[len(author)+1:]
	}
	return t
}
