package xlsxfile

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unescape decodes the escapes that Excel writes in cell text for
// characters XML cannot hold (or that it chooses to escape): _xHHHH_ is the
// UTF-16 code unit HHHH (a pair of them a character beyond U+FFFF), so a
// carriage return is written _x000D_ and an underscore that would start an
// escape _x005F_. As in Excel, "_x005F_x000D_" is the literal text
// "_x000D_", and an escape that decodes to nothing valid is kept as written.
func unescape(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		u, ok := escapeAt(s)
		switch {
		case !ok:
			b.WriteString("_x")
			s = s[2:]
		case utf16Surrogate(u) && u < 0xDC00:
			// A high surrogate: a character beyond U+FFFF when a low one
			// follows, else kept as written.
			if lo, ok := escapeAt(s[7:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
				b.WriteRune(0x10000 + (rune(u)-0xD800)<<10 + (rune(lo) - 0xDC00))
				s = s[14:]
				break
			}
			b.WriteString(s[:7])
			s = s[7:]
		case utf16Surrogate(u):
			b.WriteString(s[:7])
			s = s[7:]
		default:
			b.WriteRune(rune(u))
			s = s[7:]
		}
		i = strings.Index(s, "_x")
	}
	b.WriteString(s)
	return b.String()
}

// escapeAt reads an escape _xHHHH_ at the start of s.
func escapeAt(s string) (uint16, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range []byte(s[2:6]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		u = u<<4 | uint16(c)
	}
	return u, true
}

func utf16Surrogate(u uint16) bool { return u >= 0xD800 && u <= 0xDFFF }

// Printable returns s safe to print in a message: control and format
// characters, line breaks and bytes that are not UTF-8 are written as Go
// escapes (\n, \x00, \u200e), everything else is kept. Text read from a
// file may hold anything; a message that quotes it without %q passes it
// through Printable.
func Printable(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && !unicode.IsGraphic(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0xffff && !unicode.IsGraphic(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		case !unicode.IsGraphic(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// printable reports whether Printable keeps s as it is.
func printable(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < 0x80 {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !unicode.IsGraphic(r) {
			return false
		}
		i += n
	}
	return true
}
