package html

import (
	"sync"

	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The charts' text is set in Liberation Sans, Arial or Helvetica, whichever
// the reader's system has (style.css): the three share their metrics, so
// textWidth measures with Liberation Sans's (the font the PDF embeds) what
// the browser draws. Where none of them is installed (a Linux desktop with
// DejaVu only, Android's Roboto), the text comes out a little wider or
// narrower; the party map's labels, which must not overlap, carry
// textLength so that any font is fitted to the measured width.

// tabled is the end of the runes whose widths are kept in a table: Latin,
// Greek and Cyrillic.
const tabled = 0x500

type widths struct {
	font   *sfnt.Font
	upm    float64
	table  [tabled]float64 // advance in em; 0 for a rune the font lacks
	absent float64         // the width of a rune the font lacks, in em
}

var sansWidths = sync.OnceValue(func() *widths {
	f, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil {
		panic("the embedded Liberation Sans does not parse: " + err.Error())
	}
	w := &widths{font: f, upm: float64(f.UnitsPerEm())}
	var buf sfnt.Buffer
	for r := rune(0); r < tabled; r++ {
		w.table[r] = w.advance(&buf, r)
	}
	w.absent = w.table['0'] * 1.2 // wider than a digit: a CJK or other glyph from a fallback font
	return w
})

// advance is r's advance width in em, 0 when the font has no glyph for it.
func (w *widths) advance(buf *sfnt.Buffer, r rune) float64 {
	gi, err := w.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return 0
	}
	adv, err := w.font.GlyphAdvance(buf, gi, fixed.Int26_6(w.upm*64), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(adv) / 64 / w.upm
}

// textWidth is the width of s set at px pixels in the charts' sans-serif.
func textWidth(s string, px float64) float64 {
	w := sansWidths()
	var buf *sfnt.Buffer
	em := 0.0
	for _, r := range s {
		a := 0.0
		if r >= 0 && r < tabled {
			a = w.table[r]
		} else {
			if buf == nil {
				buf = &sfnt.Buffer{}
			}
			a = w.advance(buf, r)
		}
		if a == 0 {
			a = w.absent
		}
		em += a
	}
	return em * px
}
