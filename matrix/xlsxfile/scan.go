package xlsxfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// scanner reads the tokens of an XML part straight from its decompressed
// bytes, for the worksheets and the shared string table, where
// encoding/xml's Decoder (a token and several allocations per element) took
// most of the time of a read. It accepts exactly what a strict
// encoding/xml Decoder accepts, and reads the same elements, attributes and
// character data from it: names keep their prefixes (Local gives the name
// without one, as Decoder's Name.Local), character data comes with entities
// and character references decoded and line ends normalised, and comments,
// processing instructions and directives are checked and skipped. On
// malformed XML it stops with errSyntax, at the same token as the Decoder;
// syntaxError then asks the Decoder for its message.
//
// Its slices (name, attribute names and values, text) are valid until the
// next call of next.
type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte of buf
	end  int   // end of the bytes read into buf
	rerr error // the reader's error (io.EOF at the end), once it gave one

	// The current token.
	name  []byte // raw name of a start or end element
	attrs []attr // of a start element
	text  []byte // decoded character data

	scratch []byte // decoded text when it differs from the input
	ascr    []byte // decoded attribute values

	open      []byte // names of the open elements, one after the other
	openEnds  []int  // the end of each in open
	needClose bool   // the last start element was empty (<c/>)
}

// attr is one attribute of a start element: its raw name and its decoded
// value.
type attr struct{ name, value []byte }

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// readChunk is the size of each read from the part: that of the
// bufio.Reader inside encoding/xml's Decoder, so that an error of the
// part's reader (a limit) stops both at the same place.
const readChunk = 4096

// errSyntax is malformed XML; errMore asks for more input.
var (
	errSyntax = errors.New("malformed XML")
	errMore   = errors.New("more input needed")
)

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 4*readChunk)}
}

// fill reads one more chunk; false when the reader is done (s.rerr says
// why).
func (s *scanner) fill() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if len(s.buf)-s.end < readChunk {
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end : s.end+readChunk])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
}

// more turns errMore into the error at the end of the input: the reader's
// error, or errSyntax at the end of the part (an unexpected EOF).
func (s *scanner) more() error {
	if s.rerr == io.EOF {
		return errSyntax
	}
	return s.rerr
}

// local returns a name without its prefix, as encoding/xml's Name.Local.
func local(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// next reads the next start element, end element or run of character
// data, skipping comments, processing instructions and directives.
func (s *scanner) next() (tokKind, error) {
	if s.needClose {
		s.needClose = false
		s.pop()
		return tokEnd, nil
	}
	for {
		if s.pos == s.end && !s.fill() {
			if s.rerr != io.EOF {
				return tokEOF, s.rerr
			}
			if len(s.openEnds) > 0 {
				return tokEOF, errSyntax // unexpected EOF
			}
			return tokEOF, nil
		}
		var (
			k   tokKind
			n   int
			err error
		)
		if s.buf[s.pos] != '<' {
			k, n, err = tokText, 0, s.scanText()
		} else {
			k, n, err = s.scanMarkup(s.buf[s.pos:s.end])
		}
		if err == errMore {
			// Read until there is twice as much to scan again, so that a
			// long token costs time in proportion to its length.
			if have := s.end - s.pos; s.fill() {
				for s.end-s.pos < 2*have && s.fill() {
				}
				continue
			}
			// The input ended: scan again for an error before its end.
			if k == tokText {
				err = s.scanText()
			} else {
				k, n, err = s.scanMarkup(s.buf[s.pos:s.end])
			}
			if err == errMore {
				err = s.more()
			}
		}
		if err != nil {
			return tokEOF, err
		}
		s.pos += n
		if k != tokEOF {
			return k, nil
		}
	}
}

// plainCell is a whole <c> element read by scanner.cell.
type plainCell struct {
	ref, typ []byte // its r and t attributes (the last of each)
	v        []byte // the text of its <v>
	is       []byte // the text of its <is><t>
	hasV     bool   // it has a <v>
}

// cell reads the element at the scanner's position into c when it is a
// whole cell of the plain shape that spreadsheet writers use for nearly
// every cell — <c r="B7" t="s"><v>12</v></c>, <c t="inlineStr"><is><t>text</t></is></c>,
// <c r="B7"></c> or <c r="B7"/>, the element and its children unprefixed,
// the attributes ASCII names and values, and the text of the value ASCII
// without entities, controls, ']' or '\r' — and it is all in the buffer;
// it then moves past it and returns true. Anything else (including
// malformed markup) it leaves alone and returns false, for next to read
// token by token. What it accepts, next reads without error and without
// filling the buffer as the same start element, attributes, text and end
// elements, leaving the open elements as they were; the values are raw
// bytes that next would not have decoded.
func (s *scanner) cell(c *plainCell) bool {
	if s.needClose {
		return false
	}
	b := s.buf[s.pos:s.end]
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' {
		return false
	}
	var ref, typ []byte
	j := 2
	for {
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return false
		}
		switch b[j] {
		case '>':
			j++
			goto content
		case '/':
			if j+1 < len(b) && b[j+1] == '>' {
				c.ref, c.typ, c.v, c.is, c.hasV = ref, typ, nil, nil, false
				s.pos += j + 2
				return true
			}
			return false
		}
		if j == 2 {
			return false // a longer name than c
		}
		st, colons := j, 0
		for ; j < len(b); j++ {
			k := nameByte[b[j]]
			if k == 0 {
				break
			}
			if k == 3 {
				return false
			}
			if k == 2 {
				colons++
			}
		}
		if j == st || j+1 >= len(b) || colons > 1 || b[j] != '=' {
			return false
		}
		if c0 := b[st]; c0 == '-' || c0 == '.' || c0 >= '0' && c0 <= '9' {
			return false
		}
		name := b[st:j]
		q := b[j+1]
		if q != '"' && q != '\'' {
			return false
		}
		j += 2
		vs := j
		for j < len(b) && plain[b[j]] && b[j] != q {
			j++
		}
		if j == len(b) || b[j] != q {
			return false
		}
		if colons > 0 {
			name = local(name)
		}
		if len(name) == 1 {
			switch name[0] {
			case 'r':
				ref = b[vs:j]
			case 't':
				typ = b[vs:j]
			}
		}
		j++
	}
content:
	rest := b[j:]
	switch {
	case bytes.HasPrefix(rest, []byte("</c>")):
		c.v, c.is, c.hasV = nil, nil, false
		j += 4
	case bytes.HasPrefix(rest, []byte("<v>")):
		k := j + 3
		for k < len(b) && plain[b[k]] {
			k++
		}
		if !bytes.HasPrefix(b[k:], []byte("</v></c>")) {
			return false
		}
		c.v, c.is, c.hasV = b[j+3:k], nil, true
		j = k + 8
	case bytes.HasPrefix(rest, []byte("<is><t>")):
		k := j + 7
		for k < len(b) && plain[b[k]] {
			k++
		}
		if !bytes.HasPrefix(b[k:], []byte("</t></is></c>")) {
			return false
		}
		c.v, c.is, c.hasV = nil, b[j+7:k], false
		j = k + 13
	default:
		return false
	}
	c.ref, c.typ = ref, typ
	s.pos += j
	return true
}

// pop closes the innermost open element; s.name is its name.
func (s *scanner) pop() {
	last := len(s.openEnds) - 1
	start := 0
	if last > 0 {
		start = s.openEnds[last-1]
	}
	s.name = s.open[start:s.openEnds[last]]
	s.open = s.open[:start]
	s.openEnds = s.openEnds[:last]
}

// scanText reads character data up to the next '<' (or the end of the
// input once the reader is done) into s.text, and moves past it.
func (s *scanner) scanText() error {
	data := s.buf[s.pos:s.end]
	i := bytes.IndexByte(data, '<')
	mode := closed
	if i < 0 {
		if s.rerr == nil {
			return errMore
		}
		i, mode = len(data), ended
	}
	t, scr, err := s.decode(data[:i], 0, mode, s.scratch[:0])
	if err != nil {
		return err
	}
	s.text, s.scratch = t, scr
	s.pos += i
	return nil
}

// plain marks the bytes that text can hold as they are: ASCII other than
// controls, '&', '<', ']' and '\r'. A run of them needs no decoding.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	t['\t'], t['\n'] = true, true
	for _, c := range "&<]\r" {
		t[c] = false
	}
	return t
}()

// How a run of text given to decode ends.
const (
	closed  = iota // at markup or at its quote
	ended          // at the end of the input
	partial        // at the end of what was read so far
)

// decode decodes the raw text of character data (quote 0) or of an
// attribute value (quote the double or the single quote), as encoding/xml's Decoder.text:
// entities and character references, line ends, and a check of every
// character (not of a partial run, which only reports the errors of its
// complete entities). It returns raw itself when it needs no decoding, else
// the decoded text appended to dst, and dst.
func (s *scanner) decode(raw []byte, quote byte, mode int, dst []byte) (val, _ []byte, err error) {
	i := 0
	for i < len(raw) && plain[raw[i]] {
		i++
	}
	if i == len(raw) {
		return raw, dst, nil
	}
	start := len(dst)
	out := append(dst, raw[:i]...)
	var b0, b1 byte
	for i < len(raw) {
		b := raw[i]
		if quote == 0 && b0 == ']' && b1 == ']' && b == '>' {
			return nil, dst, errSyntax // unescaped ]]> not in CDATA section
		}
		if b == '&' {
			n, r, err := entityAt(raw[i:])
			if err == errMore {
				switch mode {
				case closed:
					err = errSyntax
				case ended:
					err = s.more()
				}
			}
			if err != nil {
				return nil, dst, err
			}
			out = append(out, r...)
			i += n
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		b0, b1 = b1, b
		i++
	}
	if mode != partial && !validChars(out[start:]) {
		return nil, dst, errSyntax
	}
	return out[start:], out, nil
}

// validChars reports whether b is UTF-8 holding only characters XML allows.
func validChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		i += n
	}
	return true
}

var entities = []struct {
	name string
	text []byte
}{{"lt;", []byte("<")}, {"gt;", []byte(">")}, {"amp;", []byte("&")}, {"apos;", []byte("'")}, {"quot;", []byte(`"`)}}

// entityAt reads the entity or character reference at the start of b (at
// its '&') and returns its length and its text; errMore when b ends
// before it does.
func entityAt(b []byte) (int, []byte, error) {
	if len(b) < 2 {
		return 0, nil, errMore
	}
	if b[1] != '#' {
		j := 1
		for j < len(b) && (b[j] >= utf8.RuneSelf || isNameByte(b[j])) {
			j++
		}
		if j == len(b) {
			return 0, nil, errMore
		}
		for _, e := range entities {
			if string(b[1:j+1]) == e.name {
				return j + 1, e.text, nil
			}
		}
		return 0, nil, errSyntax
	}
	j, base := 2, rune(10)
	if j < len(b) && b[j] == 'x' {
		j, base = 3, 16
	}
	start := j
	var n rune
	for ; j < len(b); j++ {
		c := b[j]
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			d = -1
		}
		if d < 0 {
			break
		}
		if n <= utf8.MaxRune {
			n = n*base + d
		}
	}
	if j == len(b) {
		return 0, nil, errMore
	}
	if b[j] != ';' || j == start || n > utf8.MaxRune {
		return 0, nil, errSyntax
	}
	return j + 1, utf8.AppendRune(nil, n), nil
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isSpace(c byte) bool { return c == ' ' || c == '\r' || c == '\n' || c == '\t' }

// skipSpace moves j past white space in b; errMore when b ends in it.
func skipSpace(b []byte, j int) (int, error) {
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j == len(b) {
		return j, errMore
	}
	return j, nil
}

// nameByte classes the bytes of names as the Decoder reads them: 0 ends
// a name, 1 is an ASCII name byte, 2 a colon, 3 a byte beyond ASCII.
var nameByte = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ':':
			t[c] = 2
		case c >= utf8.RuneSelf:
			t[c] = 3
		case isNameByte(byte(c)):
			t[c] = 1
		}
	}
	return t
}()

// nameAt reads a name at the start of b as the Decoder does (a run of name
// bytes and of bytes beyond ASCII) and checks it, returning its length and
// its count of colons; errSyntax when b does not start with a name, errMore
// when b ends before the name does.
func nameAt(b []byte) (n, colons int, err error) {
	high := false
	j := 0
	for ; j < len(b); j++ {
		switch nameByte[b[j]] {
		case 0:
			goto end
		case 2:
			colons++
		case 3:
			high = true
		}
	}
	return 0, 0, errMore
end:
	if j == 0 {
		return 0, 0, errSyntax
	}
	if high {
		if !slowName(b[:j]) {
			return 0, 0, errSyntax
		}
	} else if c := b[0]; c == '-' || c == '.' || c >= '0' && c <= '9' {
		return 0, 0, errSyntax
	}
	return j, colons, nil
}

// slowName asks encoding/xml whether a name beyond ASCII is one.
func slowName(n []byte) bool {
	d := xml.NewDecoder(io.MultiReader(strings.NewReader("<?"), bytes.NewReader(n), strings.NewReader("?>")))
	_, err := d.RawToken()
	return err == nil
}

// scanMarkup reads the markup at the start of b (at its '<'), returning
// the kind of token (tokEOF for one it skips) and its length.
func (s *scanner) scanMarkup(b []byte) (tokKind, int, error) {
	if len(b) < 2 {
		return tokEOF, 0, errMore
	}
	switch b[1] {
	case '/':
		n, colons, err := nameAt(b[2:])
		if err != nil {
			return tokEOF, 0, err
		}
		if colons > 1 {
			return tokEOF, 0, errSyntax
		}
		name := b[2 : 2+n]
		j := 2 + n
		if j, err = skipSpace(b, j); err != nil {
			return tokEOF, 0, err
		}
		if b[j] != '>' || len(s.openEnds) == 0 {
			return tokEOF, 0, errSyntax
		}
		s.pop()
		if !bytes.Equal(s.name, name) {
			return tokEOF, 0, errSyntax
		}
		return tokEnd, j + 1, nil
	case '?':
		return s.scanPI(b)
	case '!':
		return s.scanBang(b)
	}
	return s.scanStart(b)
}

// scanStart reads a start element.
func (s *scanner) scanStart(b []byte) (tokKind, int, error) {
	n, colons, err := nameAt(b[1:])
	if err != nil {
		return tokEOF, 0, err
	}
	if colons > 1 {
		return tokEOF, 0, errSyntax
	}
	name := b[1 : 1+n]
	s.attrs = s.attrs[:0]
	s.ascr = s.ascr[:0]
	j := 1 + n
	for {
		if j, err = skipSpace(b, j); err != nil {
			return tokEOF, 0, err
		}
		switch b[j] {
		case '/':
			if j+1 == len(b) {
				return tokEOF, 0, errMore
			}
			if b[j+1] != '>' {
				return tokEOF, 0, errSyntax
			}
			s.push(name)
			s.needClose = true
			return tokStart, j + 2, nil
		case '>':
			s.push(name)
			return tokStart, j + 1, nil
		}
		n, colons, err := nameAt(b[j:])
		if err != nil {
			return tokEOF, 0, err
		}
		if colons > 1 {
			return tokEOF, 0, errSyntax
		}
		an := b[j : j+n]
		j += n
		if j, err = skipSpace(b, j); err != nil {
			return tokEOF, 0, err
		}
		if b[j] != '=' {
			return tokEOF, 0, errSyntax
		}
		j++
		if j, err = skipSpace(b, j); err != nil {
			return tokEOF, 0, err
		}
		q := b[j]
		if q != '"' && q != '\'' {
			return tokEOF, 0, errSyntax
		}
		j++
		// The value ends at its quote; a '<' before it is an error, and
		// so is one that comes before the end of an entity.
		k := j
		for k < len(b) && b[k] != q && b[k] != '<' {
			k++
		}
		if k == len(b) {
			if s.rerr != nil {
				// The input ended: an error in a complete entity of
				// what there is comes first, as in the Decoder.
				if _, _, err := s.decode(b[j:k], q, partial, s.ascr); err != nil && err != errMore {
					return tokEOF, 0, err
				}
			}
			return tokEOF, 0, errMore
		}
		v, scr, err := s.decode(b[j:k], q, closed, s.ascr)
		if err != nil {
			return tokEOF, 0, err
		}
		if b[k] == '<' {
			return tokEOF, 0, errSyntax // unescaped < inside quoted string
		}
		s.ascr = scr
		s.attrs = append(s.attrs, attr{name: an, value: v})
		j = k + 1
	}
}

func (s *scanner) push(name []byte) {
	s.open = append(s.open, name...)
	s.openEnds = append(s.openEnds, len(s.open))
	s.name = name
}

// scanPI reads a processing instruction, checking the version and the
// encoding of an XML declaration as the Decoder does.
func (s *scanner) scanPI(b []byte) (tokKind, int, error) {
	n, _, err := nameAt(b[2:])
	if err != nil {
		return tokEOF, 0, err
	}
	target := b[2 : 2+n]
	j := 2 + n
	if j, err = skipSpace(b, j); err != nil {
		return tokEOF, 0, err
	}
	k := bytes.Index(b[j:], []byte("?>"))
	if k < 0 {
		return tokEOF, 0, errMore
	}
	if string(target) == "xml" {
		content := string(b[j : j+k])
		if ver := procInst("version", content); ver != "" && ver != "1.0" {
			return tokEOF, 0, errSyntax
		}
		if enc := procInst("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return tokEOF, 0, errSyntax // no CharsetReader
		}
	}
	return tokEOF, j + k + 2, nil
}

// procInst returns the value of a parameter of an XML declaration, parsed
// as encoding/xml's procInst does (copied from Go's encoding/xml, BSD
// licence), so that the same declarations are refused.
func procInst(param, s string) string {
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// scanBang reads a comment, a CDATA section (character data) or a
// directive.
func (s *scanner) scanBang(b []byte) (tokKind, int, error) {
	if len(b) < 3 {
		return tokEOF, 0, errMore
	}
	switch b[2] {
	case '-':
		if len(b) < 4 {
			return tokEOF, 0, errMore
		}
		if b[3] != '-' {
			return tokEOF, 0, errSyntax
		}
		k := bytes.Index(b[4:], []byte("--"))
		if k < 0 || 4+k+2 == len(b) {
			return tokEOF, 0, errMore
		}
		if b[4+k+2] != '>' {
			return tokEOF, 0, errSyntax // "--" in a comment
		}
		return tokEOF, 4 + k + 3, nil
	case '[':
		for i := 0; i < 6; i++ {
			if 3+i == len(b) {
				return tokEOF, 0, errMore
			}
			if b[3+i] != "CDATA["[i] {
				return tokEOF, 0, errSyntax
			}
		}
		k := bytes.Index(b[9:], []byte("]]>"))
		if k < 0 {
			return tokEOF, 0, errMore
		}
		raw := b[9 : 9+k]
		out := s.scratch[:0]
		for i, c := range raw {
			switch {
			case c == '\r':
				out = append(out, '\n')
			case c == '\n' && i > 0 && raw[i-1] == '\r':
			default:
				out = append(out, c)
			}
		}
		s.scratch = out
		if !validChars(out) {
			return tokEOF, 0, errSyntax
		}
		s.text = out
		return tokText, 9 + k + 3, nil
	}
	return s.scanDirective(b)
}

// scanDirective skips a directive (<!DOCTYPE …>), with the Decoder's rules
// for quotes, nested angle brackets and comments inside it.
func (s *scanner) scanDirective(b []byte) (tokKind, int, error) {
	j := 2 // b[2] is the directive's first byte
	var inquote byte
	depth := 0
	getc := func() (byte, bool) {
		j++
		if j >= len(b) {
			return 0, false
		}
		return b[j], true
	}
	for {
		c, ok := getc()
		if !ok {
			return tokEOF, 0, errMore
		}
		if inquote == 0 && c == '>' && depth == 0 {
			return tokEOF, j + 1, nil
		}
	handle:
		switch {
		case c == inquote:
			inquote = 0
		case inquote != 0:
		case c == '\'' || c == '"':
			inquote = c
		case c == '>':
			depth--
		case c == '<':
			for i := 0; i < 3; i++ {
				if c, ok = getc(); !ok {
					return tokEOF, 0, errMore
				}
				if c != "!--"[i] {
					depth++
					goto handle
				}
			}
			var c0, c1 byte
			for {
				if c, ok = getc(); !ok {
					return tokEOF, 0, errMore
				}
				if c0 == '-' && c1 == '-' && c == '>' {
					break
				}
				c0, c1 = c1, c
			}
		}
	}
}

// syntaxError reads a part that the scanner found malformed again with
// encoding/xml's Decoder, for its message (with the line), so that a
// damaged file is reported as it was before the scanner. unzipped is the
// count of decompressed bytes before the part was first read, so that the
// second reading meets the limits where the first did; the count after the
// second reading is kept: the scanner may have read ahead of where the
// Decoder stops (a long attribute), and the parts read after this one must
// meet the limits where they did before the scanner. It returns nil when
// the Decoder finds nothing wrong, which the differential tests say does
// not happen.
func (wb *File) syntaxError(part string, unzipped int64) error {
	wb.unzipped = unzipped
	r, done, err := wb.open(part)
	if err != nil || r == nil {
		return errSyntax
	}
	defer done()
	d := xml.NewDecoder(r)
	for {
		if _, err := d.Token(); err == io.EOF {
			return errSyntax
		} else if err != nil {
			return err
		}
	}
}
