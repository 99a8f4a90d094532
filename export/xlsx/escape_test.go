package xlsx

import "testing"

func TestExcelText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"_x0041_", "_x005F_x0041_"},
		{"a_x00e9_b", "a_x005F_x00e9_b"},
		{"_x005F_x0041_", "_x005F_x005F_x005F_x0041_"},
		{"_xZZZZ_ _x12_", "_xZZZZ_ _x12_"},
		{"_x0041", "_x0041"},
	}
	for _, tc := range tests {
		if got := excelText(tc.in); got != tc.want {
			t.Errorf("excelText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
