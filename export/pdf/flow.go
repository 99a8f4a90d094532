package pdf

import (
	"strings"
	"unicode/utf8"
)

// span is a run of text in one style, for flow.
type span struct {
	text  string
	style string
	size  float64
	color rgb
	link  int    // internal link target, or 0
	url   string // external link, or ""
}

func plain(text string, size float64) span {
	return span{text: text, size: size, color: colInk}
}

// flow sets spans as one paragraph from the current position, wrapping
// between x0 and x0+width and breaking pages as needed; afterwards the
// position is at x0 on the next line. It replaces fpdf's Write, which is
// quadratic in the length of the text, and never splits a word unless the
// word alone is wider than a line.
func (b *briefing) flow(x0, width, lh float64, spans []span) {
	pdf := b.pdf
	type token struct {
		word   string
		sp     int
		space  bool // white space before the word
		breakL bool // a line break before the word
	}
	var toks []token
	pendingSpace, pendingBreak := false, false
	for i, sp := range spans {
		text := b.fonts.clean(sp.text)
		for k, para := range strings.Split(text, "\n") {
			if k > 0 {
				pendingBreak = true
			}
			if strings.HasPrefix(para, " ") || strings.HasPrefix(para, "\t") {
				pendingSpace = true
			}
			words := strings.Fields(para)
			for _, w := range words {
				toks = append(toks, token{w, i, pendingSpace, pendingBreak})
				pendingSpace, pendingBreak = true, false
			}
			if len(words) > 0 {
				pendingSpace = strings.HasSuffix(para, " ") || strings.HasSuffix(para, "\t")
			}
		}
	}
	x, y := pdf.GetX(), pdf.GetY()
	if x < x0 {
		x = x0
	}
	right := x0 + width
	cur := -1 // the span whose font is set
	setFont := func(i int) {
		if cur != i {
			b.font(spans[i].style, spans[i].size)
			cur = i
		}
	}
	// The pending run: consecutive words of one span on one line.
	var run strings.Builder
	runX, runSp := 0.0, -1
	emit := func() {
		if run.Len() == 0 {
			return
		}
		sp := spans[runSp]
		setFont(runSp)
		b.color(sp.color)
		s := run.String()
		pdf.Text(runX, y+0.78*lh, s)
		if sp.link != 0 || sp.url != "" {
			w := pdf.GetStringWidth(s)
			if sp.link != 0 {
				pdf.Link(runX, y, w, lh, sp.link)
			} else {
				pdf.LinkString(runX, y, w, lh, linkURI(sp.url))
			}
		}
		run.Reset()
	}
	newLine := func() {
		emit()
		x = x0
		y += lh
		if y+lh > b.bottom() {
			w, h := b.pageWH()
			o := "P"
			if w > h {
				o = "L"
			}
			b.addPage(o)
			y = pdf.GetY()
		}
	}
	for _, t := range toks {
		sp := spans[t.sp]
		if t.sp != runSp {
			// The pending run ends here: draw it before the font changes
			// to measure this word, or the font would switch back and
			// forth around every run.
			emit()
		}
		setFont(t.sp)
		if t.breakL {
			newLine()
			cur = -1
			setFont(t.sp)
		}
		space := 0.0
		if t.space && x > x0 {
			space = pdf.GetStringWidth(" ")
		}
		ww := pdf.GetStringWidth(t.word)
		if x+space+ww > right && x > x0 {
			newLine()
			cur = -1
			setFont(t.sp)
			space = 0
		}
		word := t.word
		for ww > right-x { // a word wider than a line: split it
			emit()
			n := b.fitRunes(word, right-x)
			b.font(sp.style, sp.size)
			b.color(sp.color)
			pdf.Text(x, y+0.78*lh, word[:n])
			word = word[n:]
			newLine()
			cur = -1
			setFont(t.sp)
			ww = pdf.GetStringWidth(word)
		}
		if runSp != t.sp || run.Len() == 0 {
			emit()
			runSp = t.sp
			runX = x + space
		} else if space > 0 {
			run.WriteByte(' ')
		}
		run.WriteString(word)
		x += space + ww
	}
	emit()
	b.color(colInk)
	pdf.SetXY(x0, y+lh)
}

// fitRunes returns how many bytes of the start of s fit in w (at least one
// rune).
func (b *briefing) fitRunes(s string, w float64) int {
	n, acc := 0, 0.0
	for n < len(s) {
		_, size := utf8.DecodeRuneInString(s[n:])
		cw := b.pdf.GetStringWidth(s[n : n+size])
		if acc+cw > w && n > 0 {
			break
		}
		acc += cw
		n += size
	}
	return n
}

// linkURI is the address a link annotation opens for the URL u, which the
// text shows as written: every byte that a URI cannot hold (RFC 3986) is
// percent-encoded, as a browser does with what is typed in its address
// bar: a space becomes %20, a letter outside ASCII its UTF-8 bytes (ü is
// %C3%BC), and a % that does not start an escape %25; escapes already
// there (%20) are kept. A PDF's URI is ASCII, and a viewer hands it on
// as it is, so "https://example.org/a b" would open "https://example.org/a".
// Spaces around u are dropped, as a browser drops them.
func linkURI(u string) string {
	u = strings.TrimSpace(u)
	const hexDigits = "0123456789ABCDEF"
	isHex := func(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0,
			c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}
