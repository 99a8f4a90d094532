package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// fonts are the TrueType fonts of a briefing, one per style ("", "B",
// "I", "BI"), and the characters they can draw.
type fonts struct {
	ttf   map[string][]byte
	cover *runeSet
}

// loadPDFFonts returns the embedded Liberation Sans family, or custom (a
// TrueType font given by the user) for every style.
func loadPDFFonts(custom []byte) (*fonts, error) {
	if custom != nil {
		cover, err := ttfCoverage(custom)
		if err != nil {
			return nil, fmt.Errorf("font: %w", err)
		}
		return &fonts{cover: cover, ttf: map[string][]byte{"": custom, "B": custom, "I": custom, "BI": custom}}, nil
	}
	cover, err := ttfCoverage(liberationsansregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	return &fonts{cover: cover, ttf: map[string][]byte{
		"":   liberationsansregular.TTF,
		"B":  liberationsansbold.TTF,
		"I":  liberationsansitalic.TTF,
		"BI": liberationsansbolditalic.TTF,
	}}, nil
}

// runeSet is a bit set over the Basic Multilingual Plane, the only plane the
// PDF library can draw.
type runeSet [65536 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 65536 {
		s[r/64] |= 1 << (uint(r) % 64)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 65536 && s[r/64]&(1<<(uint(r)%64)) != 0
}

// canDraw reports whether the font draws r; spaces and line breaks always
// count as drawable.
func (f *fonts) canDraw(r rune) bool {
	if r == '\n' || r == '\t' || r == ' ' {
		return true
	}
	return f.cover.has(r)
}

// missing returns the distinct characters of s that the font cannot draw, in
// order of first appearance.
func (f *fonts) missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if f.canDraw(r) || r < 0x20 || r == 0x7F {
			continue // control characters are drawn as spaces
		}
		dup := false
		for _, o := range out {
			if o == r {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// clean prepares s for drawing: control characters become spaces, and
// characters the font cannot draw become a visible white square (U+25A1,
// or "?" when the font lacks that too); the fonts' own fallback glyphs are
// often blank, which would hide the loss. Callers report such characters
// first (checkCoverage).
func (f *fonts) clean(s string) string {
	ok := true
	for _, r := range s {
		if !f.canDraw(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	repl := "?"
	if f.cover.has('\u25A1') {
		repl = "\u25A1"
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || f.canDraw(r):
			b.WriteRune(r)
		case r < 0x20 || r == 0x7F:
			b.WriteByte(' ')
		default:
			b.WriteString(repl)
		}
	}
	return b.String()
}

var errNotTrueType = errors.New("not a TrueType font (.ttf with glyf outlines); OpenType CFF (.otf) and collections (.ttc) are not supported")

// ttfCoverage checks that b is a TrueType font the PDF library can embed and
// returns the characters its Unicode cmap (format 4, the one the library
// reads) maps to a glyph.
func ttfCoverage(b []byte) (*runeSet, error) {
	if len(b) < 12 {
		return nil, errNotTrueType
	}
	switch v := binary.BigEndian.Uint32(b); v {
	case 0x00010000, 0x74727565: // 1.0, "true"
	default:
		return nil, errNotTrueType
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, errors.New("damaged font: table directory runs past the end")
	}
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off > len(b) || ln > len(b)-off {
			return nil, fmt.Errorf("damaged font: table %q runs past the end", tag)
		}
		tables[tag] = b[off : off+ln]
	}
	for _, t := range []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf", "name", "post"} {
		if _, ok := tables[t]; !ok {
			if t == "glyf" || t == "loca" {
				return nil, errNotTrueType
			}
			return nil, fmt.Errorf("damaged font: no %q table", t)
		}
	}
	// The checks below mirror what the PDF library rejects by printing to
	// standard output (which may be the PDF itself) instead of failing.
	if os2, ok := tables["OS/2"]; ok && len(os2) >= 10 {
		if fsType := binary.BigEndian.Uint16(os2[8:]); fsType == 0x0002 || fsType&0x0300 != 0 {
			return nil, errors.New("the font's licence forbids embedding it")
		}
	}
	if err := checkNameTable(tables["name"]); err != nil {
		return nil, err
	}
	if hhea := tables["hhea"]; len(hhea) < 36 || binary.BigEndian.Uint16(hhea[32:]) != 0 || binary.BigEndian.Uint16(hhea[34:]) == 0 {
		return nil, errors.New("damaged font: no usable horizontal metrics")
	}
	head := tables["head"]
	if len(head) < 54 || binary.BigEndian.Uint16(head[18:]) == 0 ||
		binary.BigEndian.Uint16(head[50:]) > 1 || binary.BigEndian.Uint16(head[52:]) != 0 {
		return nil, errors.New("damaged font: bad head table")
	}
	cmap := tables["cmap"]
	if len(cmap) < 4 {
		return nil, errors.New("damaged font: short cmap table")
	}
	sub := -1
	nsub := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < nsub && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if (platform == 3 && encoding == 1) || platform == 0 {
			if off >= 0 && off+2 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return nil, errors.New("unsupported font: no Unicode character map (cmap format 4)")
	}
	return cmapFormat4(cmap[sub:])
}

// checkNameTable checks the name table as the PDF library reads it:
// format 0, and Windows Unicode names of even length.
func checkNameTable(t []byte) error {
	bad := errors.New("unsupported font: name table")
	if len(t) < 6 || binary.BigEndian.Uint16(t) != 0 {
		return bad
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	if 6+12*n > len(t) {
		return errors.New("damaged font: name table runs past its end")
	}
	for i := 0; i < n; i++ {
		r := t[6+12*i:]
		platform, encoding, lang := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint16(r[4:])
		id := binary.BigEndian.Uint16(r[6:])
		if platform == 3 && encoding == 1 && lang == 0x409 && (id <= 4 || id == 6) && id != 0 && binary.BigEndian.Uint16(r[8:])%2 != 0 {
			return bad
		}
	}
	return nil
}

// cmapFormat4 reads a segment-mapping cmap subtable.
func cmapFormat4(t []byte) (*runeSet, error) {
	bad := errors.New("damaged font: bad cmap subtable")
	if len(t) < 14 {
		return nil, bad
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(t) {
		return nil, bad
	}
	ends := t[14:]
	starts := t[16+segX2:]
	deltas := t[16+2*segX2:]
	rangeOffs := t[16+3*segX2:]
	u16 := func(b []byte, i int) int { return int(binary.BigEndian.Uint16(b[2*i:])) }
	set := new(runeSet)
	for s := 0; s < segX2/2; s++ {
		end, start := u16(ends, s), u16(starts, s)
		delta, ro := u16(deltas, s), u16(rangeOffs, s)
		if start > end {
			continue
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				// The offset is relative to the rangeOffset entry itself.
				pos := 16 + 3*segX2 + 2*s + ro + 2*(c-start)
				if pos+2 > len(t) {
					continue
				}
				g = int(binary.BigEndian.Uint16(t[pos:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				set.add(rune(c))
			}
		}
	}
	return set, nil
}
