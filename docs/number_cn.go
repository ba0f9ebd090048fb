package docs

// cnDigits maps Chinese numeral characters to their values.
var cnDigits = map[rune]int{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

var cnUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// ParseChineseNumeral reads a Chinese numeral such as 十二, 一百零五 or 二〇
// and reports whether s was one. Values up to 9999 are read.
func ParseChineseNumeral(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	total, digit, seenDigit := 0, 0, false
	for _, r := range s {
		if d, ok := cnDigits[r]; ok {
			digit, seenDigit = d, true
			continue
		}
		u, ok := cnUnits[r]
		if !ok {
			return 0, false
		}
		if !seenDigit && digit == 0 {
			digit = 1 // 十二 means 12
		}
		total += digit * u
		digit, seenDigit = 0, false
	}
	return total + digit, true
}

func isChineseNumeral(r rune) bool {
	_, d := cnDigits[r]
	_, u := cnUnits[r]
	return d || u
}
