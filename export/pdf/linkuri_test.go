package pdf

import "testing"

func TestLinkURI(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "https://example.org/a/b?c=d&e=f#g", "https://example.org/a/b?c=d&e=f#g"},
		{"every character a URI holds", "https://u:p@[::1]:8080/-._~!$&'()*+,;=:@/?x=/?#f", "https://u:p@[::1]:8080/-._~!$&'()*+,;=:@/?x=/?#f"},
		{"spaces", "https://example.org/a b?q=x y", "https://example.org/a%20b?q=x%20y"},
		{"spaces around", "  https://example.org/a \t", "https://example.org/a"},
		{"letters outside ASCII", "https://bücher.example/Zürich/Київ", "https://b%C3%BCcher.example/Z%C3%BCrich/%D0%9A%D0%B8%D1%97%D0%B2"},
		{"escapes kept", "https://example.org/a%20b%c3%bc", "https://example.org/a%20b%c3%bc"},
		{"stray percent", "https://example.org/100%/%zz/%2", "https://example.org/100%25/%25zz/%252"},
		{"characters a URI cannot hold", "https://example.org/\"<>\\^`{|}", "https://example.org/%22%3C%3E%5C%5E%60%7B%7C%7D"},
		{"control characters", "https://example.org/a\x00b\x7f", "https://example.org/a%00b%7F"},
		{"invalid UTF-8", "https://example.org/\xff", "https://example.org/%FF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := linkURI(tc.in); got != tc.want {
				t.Errorf("linkURI(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
