package docs

import (
	"strings"
	"unicode/utf8"
)

// provisionVerbs are the modal verbs of GB/T 1.1-2020 附录 C that make a
// sentence a provision: requirements (应, 不应), recommendations (宜, 不宜)
// and permissions (可, 不必). 可 counts only before the verbs that make it a
// permission, since it begins so many other words (可靠, 可能, 可视 …).
var provisionVerbs = []modalWord{
	{word: "不应"}, {word: "不宜"}, {word: "不必"},
	{word: "应", notPrecededBy: "相对反供适响感效呼理顺答报回照不", notFollowedBy: "用急对变答聘届收付激力征"},
	{word: "宜", notPrecededBy: "适便事不权制合", notFollowedBy: "人居"},
	{word: "可", notPrecededBy: "许认即不", followedBy: "按采由根参选使以在将向另结设"},
}

// provisionVerb returns the first modal verb of a provision in a line,
// quotations left out, or "".
func provisionVerb(line string) string {
	if !strings.ContainsAny(line, "应宜可必") {
		return ""
	}
	s := unquoted(line)
	for _, w := range provisionVerbs {
		if w.in(s) {
			return w.word
		}
	}
	return ""
}

// requirementAt returns the first requirement (应, 不应, 宜, 不宜, 可, 不必)
// of a line and where it starts, for messages.
func requirementAt(line string) (string, int) {
	w := provisionVerb(line)
	if w == "" {
		return "", -1
	}
	return w, utf8.RuneCountInString(line[:max(strings.Index(line, w), 0)])
}
