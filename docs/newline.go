package docs

import "strings"

// NormalizeNewlines returns s with every line ending written "\n" (CRLF and
// a lone CR become LF) and without a leading byte order mark. Browsers send
// a textarea's text with CRLF; storing it as sent would make one edit of
// three characters a change of every line.
func NormalizeNewlines(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
