package workflow

import (
	"strings"

	"norma/docs"
	"norma/docs/diff"
)

// DraftSheet words the amendment sheet (修改单) that turns old into new, one
// numbered item per changed clause as sheets are written: “5.2 条改为：“…””,
// “增加 5.4 条：“…””, “删除 5.3 条。”, from the clause summary of the diff.
// It is offered while nobody has written the sheet; "" when nothing changed.
func DraftSheet(old, new string) string {
	old, new = docs.NormalizeNewlines(old), docs.NormalizeNewlines(new)
	if old == new {
		return ""
	}
	d := diff.Compute(old, new)
	newText := clauseTexts(new)
	var items []string
	for _, ch := range d.Clauses {
		label := clauseLabel(ch.Clause, ch.Title)
		var item string
		switch ch.Change {
		case diff.ChangeModified:
			item = label + "改为：\n“" + newText[clauseKey(ch.Clause, ch.Title)] + "”"
		case diff.ChangeAdded:
			item = "增加 " + label + "：\n“" + newText[clauseKey(ch.Clause, ch.Title)] + "”"
		case diff.ChangeRemoved:
			item = "删除 " + label + "。"
		case diff.ChangeRenumbered:
			item = clauseLabel(ch.From, ch.Title) + "改为" + label + "。"
		default:
			continue
		}
		items = append(items, chineseOrdinal(len(items)+1)+"、"+item)
	}
	return strings.Join(items, "\n")
}

// clauseLabel names a clause the way sheets do: 第5章, 5.2 条, 附录 A,
// or an element by its title (“前言”).
func clauseLabel(number, title string) string {
	switch {
	case number == "":
		return "“" + title + "”"
	case strings.Trim(number, "0123456789") == "":
		return "第" + number + "章"
	case len(number) == 1 && number[0] >= 'A' && number[0] <= 'Z':
		return "附录 " + number
	}
	return number + " 条"
}

func clauseKey(number, title string) string {
	if number != "" {
		return number
	}
	return "#" + title
}

// clauseTexts returns the plain text of each clause of text, by number
// (or "#" and the title of an element without one).
func clauseTexts(text string) map[string]string {
	rs := []rune(text)
	out := map[string]string{}
	for _, c := range docs.Clauses(text) {
		start, end := min(c.Start, len(rs)), min(c.End, len(rs))
		if end <= start {
			end = len(rs)
		}
		chunk := string(rs[start:end])
		out[clauseKey(c.Number, c.Title)] = strings.TrimSpace(docs.PlainText(chunk))
	}
	return out
}

var chineseDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseOrdinal writes 1 to 99 in Chinese numerals (一, 十二, 二十三); larger
// numbers in digits.
func chineseOrdinal(n int) string {
	switch {
	case n < 1 || n > 99:
		return itoa(n)
	case n < 10:
		return chineseDigits[n]
	case n < 20:
		return "十" + chineseDigits[n%10]
	}
	return chineseDigits[n/10] + "十" + chineseDigits[n%10]
}
