package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour of the workbook (a stance's or a party's), as red, green
// and blue from 0 to 255.
type RGB struct{ R, G, B uint8 }

// ParseRGB reads a colour written "#RRGGBB" or "RRGGBB" (spaces around it
// allowed); ok is false for anything else.
func ParseRGB(s string) (c RGB, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// Hex returns c as six upper-case hex digits, "1A9850".
func (c RGB) Hex() string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// Luminance is the relative luminance of c, from 0 (black) to 1 (white), as
// WCAG 2 defines it.
func (c RGB) Luminance() float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// LightText reports whether white text on bg has a higher WCAG 2 contrast
// ratio than black text. Every format picks the colour of text on a stance
// or party colour with it, so that a cell reads the same in all of them.
func LightText(bg RGB) bool {
	l := bg.Luminance()
	// The contrast ratio against white is 1.05/(l+0.05), against black (l+0.05)/0.05.
	return 1.05/(l+0.05) > (l+0.05)/0.05
}
