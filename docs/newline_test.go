package docs

import "testing"

func TestNormalizeNewlines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\nb", "a\nb"},
		{"a\r\nb\r\n", "a\nb\n"},
		{"a\rb\r", "a\nb\n"},
		{"a\r\r\nb", "a\n\nb"},
		{"\uFEFF# 范围\r\n", "# 范围\n"},
		{"中\u2028文", "中\u2028文"},
	} {
		if got := NormalizeNewlines(tc.in); got != tc.want {
			t.Errorf("NormalizeNewlines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
