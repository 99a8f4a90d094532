package matrix

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
	"nov": 11, "november": 11, "dec": 12, "december": 12,
}

var (
	reISO      = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$`)
	reNumeric  = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	reDayMonth = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?[ \-]+([a-z]+)\.?,?[ \-]+(\d{4})$`)
	reMonthDay = regexp.MustCompile(`^([a-z]+)\.?[ \-]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-]+(\d{4})$`)
	reWeekday  = regexp.MustCompile(`^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+`)
)

// parseDate reads a date cell: an Excel serial number (in the workbook's
// date system) when the cell is a number cell, or text. Text is accepted in ISO form (2025-04-23, also with
// a time) and in forms that cannot be misread: "23 April 2025",
// "April 23, 2025", "23-Apr-2025", and d/m/yyyy only when the day is over 12
// (23/04/2025). 04/05/2025 is ambiguous and an error. The result is a date
// at midnight UTC.
func parseDate(s string, numeric, date1904 bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil && numeric {
		if math.IsNaN(f) || f < 1 || f >= 2958466 {
			return time.Time{}, fmt.Errorf("date %q is not a valid date; write it as YYYY-MM-DD", s)
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil || t.IsZero() {
			return time.Time{}, fmt.Errorf("date %q is not a valid date; write it as YYYY-MM-DD", s)
		}
		t = t.Add(500 * time.Millisecond) // serials are rounded to the second
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	l := strings.ToLower(strings.Join(strings.Fields(s), " "))
	l = reWeekday.ReplaceAllString(l, "")
	mk := func(y, m, d int) (time.Time, error) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || t.Day() != d || y < 1 {
			return time.Time{}, fmt.Errorf("date %q is not a valid date; write it as YYYY-MM-DD", s)
		}
		return t, nil
	}
	if m := reISO.FindStringSubmatch(l); m != nil {
		return mk(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reNumeric.FindStringSubmatch(l); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		switch {
		case a > 12 && b <= 12:
			return mk(y, b, a)
		case b > 12 && a <= 12:
			return mk(y, a, b)
		case a == b:
			return mk(y, a, a)
		}
		return time.Time{}, fmt.Errorf("date %q is ambiguous (day/month or month/day?); write it as YYYY-MM-DD, e.g. %04d-%02d-%02d", s, y, b, a)
	}
	if m := reDayMonth.FindStringSubmatch(l); m != nil {
		if mon, ok := months[m[2]]; ok {
			return mk(atoi(m[3]), int(mon), atoi(m[1]))
		}
	}
	if m := reMonthDay.FindStringSubmatch(l); m != nil {
		if mon, ok := months[m[1]]; ok {
			return mk(atoi(m[3]), int(mon), atoi(m[2]))
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not a date the tool can read unambiguously; write it as YYYY-MM-DD", s)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
