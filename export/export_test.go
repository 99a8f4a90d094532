package export_test

import (
	"testing"

	"github.com/stancematrix/stancematrix/export"
)

func TestLightText(t *testing.T) {
	tests := []struct {
		color string
		light bool
	}{
		// The default scale.
		{"#2166AC", true}, {"#92C5DE", false}, {"#F7F7F7", false}, {"#F4A582", false}, {"#B2182B", true}, {"#BDBDBD", false},
		// Colours on which the XLSX's old YIQ rule (white) and the PDF's
		// WCAG rule (black) disagreed: black has the higher contrast ratio.
		{"#1A9850", false}, {"#377EB8", false}, {"#808080", false},
		{"#000000", true}, {"#FFFFFF", false}, {"#0057B7", true}, {"#FFD700", false},
	}
	for _, tc := range tests {
		c, ok := export.ParseRGB(tc.color)
		if !ok {
			t.Fatalf("ParseRGB(%q) failed", tc.color)
		}
		if got := export.LightText(c); got != tc.light {
			t.Errorf("LightText(%s) = %v, want %v", tc.color, got, tc.light)
		}
	}
}

func TestParseRGB(t *testing.T) {
	tests := []struct {
		in  string
		hex string
		ok  bool
	}{
		{"#1a9850", "1A9850", true},
		{" 1A9850 ", "1A9850", true},
		{"#FFF", "", false},
		{"red", "", false},
		{"#12345G", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		c, ok := export.ParseRGB(tc.in)
		if ok != tc.ok || (ok && c.Hex() != tc.hex) {
			t.Errorf("ParseRGB(%q) = %s, %v; want %s, %v", tc.in, c.Hex(), ok, tc.hex, tc.ok)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 parties"}, {1, "1 party"}, {2, "2 parties"}, {1000, "1000 parties"}} {
		if got := export.Plural(tc.n, "party", "parties"); got != tc.want {
			t.Errorf("Plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
