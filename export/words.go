package export

import "strconv"

// Plural returns n with the word for one or for many: "1 party", "7
// parties", "0 parties".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
