package matrix

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// parseNumber reads a number cell: a plain decimal, also with a decimal
// comma ("1,5") as some locales type it. NaN and infinities are refused.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		f, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("not a number")
	}
	return f, nil
}

// parseColor accepts "#RRGGBB" in either case and returns it upper case.
func parseColor(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[0] != '#' {
		return "", false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return "", false
		}
	}
	return strings.ToUpper(s), true
}

// checkURL returns a message when u is not an absolute http(s) URL.
func checkURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return fmt.Sprintf("URL %q is not a valid URL", u)
	}
	if sch := strings.ToLower(p.Scheme); sch != "http" && sch != "https" {
		return fmt.Sprintf("URL %q is not an http(s) link", u)
	}
	if p.Host == "" {
		return fmt.Sprintf("URL %q has no host", u)
	}
	return ""
}
