package matrix_test

import "testing"

// TestAboutLanguage reads the About sheet's Language key: a BCP 47 tag is
// kept in its canonical form; anything else is a warning naming the cell,
// and the language is left unset (the outputs use English).
func TestAboutLanguage(t *testing.T) {
	tests := []struct {
		name, key, value string
		want             string
		warning          string
	}{
		{name: "two letters", key: "Language", value: "uk", want: "uk"},
		{name: "region", key: "Language", value: "en-GB", want: "en-GB"},
		{name: "canonical form", key: "language:", value: " EN_gb ", want: "en-GB"},
		{name: "alias", key: "Lang", value: "de-CH-1996", want: "de-CH-1996"},
		{name: "blank", key: "Language", value: "", want: ""},
		{name: "a name, not a tag", key: "Language", value: "English",
			warning: `t.xlsx: About!B2: warning: language "English" is not a BCP 47 language tag such as "en", "de" or "en-GB"; English ("en") is used`},
		{name: "unknown language", key: "Language", value: "xx",
			warning: `t.xlsx: About!B2: warning: language "xx" is not a BCP 47 language tag such as "en", "de" or "en-GB"; English ("en") is used`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t,
				sheet{Name: "Matrix", Rows: [][]any{row(nil, "UA"), row("Ceasefire", "Supports")}},
				sheet{Name: "About", Rows: [][]any{row("Title", "T"), row(tc.key, tc.value)}},
			)
			m, ps := readBook(t, b)
			if m == nil {
				t.Fatalf("no matrix: %s", problemLines(ps))
			}
			if m.About.Language != tc.want {
				t.Errorf("language %q, want %q", m.About.Language, tc.want)
			}
			got := problemLines(ps)
			if tc.warning == "" && got != "" {
				t.Errorf("problems:\n%s", got)
			}
			if tc.warning != "" && got != tc.warning {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tc.warning)
			}
		})
	}
}
