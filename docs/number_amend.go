package docs

import (
	"strconv"
	"strings"
)

// Amendment sheets (修改单) are numbered after the edition they amend:
// "GB/T 12345—2020/XG1—2026" is the first sheet, issued in 2026. Running
// text also writes "GB/T 12345—2020 第1号修改单" (or 第一号修改单), which
// reads as the same sheet with its year unknown.

const maxAmendment = 99

// amendment reads an amendment mark after a dated number, if one follows;
// otherwise it leaves the scanner where it was.
func (s *numberScanner) amendment(n *StdNumber) error {
	if n.Year == "" {
		return nil
	}
	save := s.pos
	s.spaces()
	slash := s.pos
	if s.peek() == '/' {
		s.pos++
		s.spaces()
	}
	if s.pos > slash && s.peek() == 'X' && s.peekAt(1) == 'G' {
		s.pos += 2
		k, err := strconv.Atoi(s.digits())
		if err != nil || k < 1 || k > maxAmendment {
			if s.find {
				s.pos = save
				return nil
			}
			return errAmendmentNumber
		}
		y, err := s.year()
		if err != nil {
			return err
		}
		n.Amendment, n.AmendmentYear = k, y
		return nil
	}
	s.pos = slash
	if k, ok := s.sheetWords(); ok {
		n.Amendment = k
		return nil
	}
	s.pos = save
	return nil
}

type amendmentError string

func (e amendmentError) Error() string { return string(e) }

const errAmendmentNumber = amendmentError("an amendment is numbered XG1 to XG99, as in GB/T 12345—2020/XG1—2026")

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

// Edition returns the number of the edition an amendment sheet amends (the
// number itself when it is no amendment).
func (n StdNumber) Edition() StdNumber {
	n.Amendment, n.AmendmentYear = 0, ""
	return n
}

// amendmentSuffix is "/XG1—2026", "/XG1" when the year is unknown, or "".
func (n StdNumber) amendmentSuffix() string {
	if n.Amendment == 0 {
		return ""
	}
	s := "/XG" + strconv.Itoa(n.Amendment)
	if n.AmendmentYear != "" {
		s += "—" + n.AmendmentYear
	}
	return s
}
