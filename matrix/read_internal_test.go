package matrix

import "testing"

// TestEntryIndex checks the look-up of Parties and Issues rows: names before
// short names, the first of duplicates, case and spacing ignored.
func TestEntryIndex(t *testing.T) {
	list := []listEntry{
		{Name: "United States", Short: "US"},
		{Name: "US", Short: "USA"}, // a name wins over another row's short name
		{Name: "Ukraine", Short: "UA"},
		{Name: "ukraine", Short: "UKR"}, // a duplicate: the first row is found
		{Name: "European  Union"},
	}
	x := newEntryIndex(list)
	for _, tc := range []struct {
		name string
		want int
	}{
		{"United States", 0},
		{"  united   STATES ", 0},
		{"US", 1},
		{"usa", 1},
		{"Ukraine", 2},
		{"UA", 2},
		{"UKR", 3},
		{"european union", 4},
		{"EU", -1},
		{"", -1},
	} {
		if got := x.find(tc.name); got != tc.want {
			t.Errorf("find(%q) = %d, want %d", tc.name, got, tc.want)
		}
	}
}
