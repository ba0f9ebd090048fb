package docs

import (
	"strconv"
	"strings"
)

// Amendment sheets (修改单) are numbered after the edition they amend:
// "GB/T 12345—2020/XG1—2026". Running text also writes
// "GB/T 12345—2020 第1号修改单" (or 第一号修改单), which reads as the same
// sheet with its year unknown: "GB/T 12345—2020/XG1".

const maxAmendment = 99

var sheetDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// sheetWords reads "第1号修改单" or "第一号修改单".
func (s *numberScanner) sheetWords() (int, bool) {
	save := s.pos
	s.spaces()
	if s.peek() != '第' {
		s.pos = save
		return 0, false
	}
	s.pos++
	k := 0
	if d := s.digits(); d != "" {
		k, _ = strconv.Atoi(d)
	} else {
		for v, ok := sheetDigits[s.peek()]; ok || s.peek() == '十'; v, ok = sheetDigits[s.peek()] {
			if s.peek() == '十' {
				k = max(k, 1) * 10
			} else {
				k += v
			}
			s.pos++
		}
	}
	rest := string(s.rs[s.pos:min(s.pos+4, len(s.rs))])
	if k < 1 || k > maxAmendment || !strings.HasPrefix(rest, "号修改单") {
		s.pos = save
		return 0, false
	}
	s.pos += 4
	return k, true
}

// sheetNumber reads the n of XGn: 1 to 99, written without leading zeros
// in the canonical form ("XG01" reads as XG1).
func sheetNumber(digits string) (string, bool) {
	k, err := strconv.Atoi(digits)
	if err != nil || k < 1 || k > maxAmendment {
		return "", false
	}
	return strconv.Itoa(k), true
}

// Edition returns the number of the edition an amendment sheet amends (the
// number itself when it is no amendment).
func (n StdNumber) Edition() StdNumber {
	n.Amendment = ""
	return n
}
