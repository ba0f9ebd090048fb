package docs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// foldNumberText folds full-width forms to ASCII, every dash to "-" and
// every blank to " ", and, when upper is set, ASCII letters to upper case.
// off[i] is the byte offset of rs[i] in s; off[len(rs)] is len(s).
func foldNumberText(s string, upper bool) (rs []rune, off []int) {
	for i, r := range s {
		r = foldNumberRune(r)
		if upper && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		rs = append(rs, r)
		off = append(off, i)
	}
	return rs, append(off, len(s))
}

const numberDashes = "-‐‑‒–—―−﹣"

func foldNumberRune(r rune) rune {
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth && p.Narrow() != 0 {
		r = p.Narrow()
	}
	switch {
	case strings.ContainsRune(numberDashes, r):
		return '-'
	case r == '\t' || unicode.Is(unicode.Zs, r):
		return ' '
	}
	return r
}

func trimNumberSpaces(rs []rune) []rune {
	for len(rs) > 0 && rs[0] == ' ' {
		rs = rs[1:]
	}
	for len(rs) > 0 && rs[len(rs)-1] == ' ' {
		rs = rs[:len(rs)-1]
	}
	return rs
}

func isUpperASCII(r rune) bool { return r >= 'A' && r <= 'Z' }
func isDigitASCII(r rune) bool { return r >= '0' && r <= '9' }
func isAlnumASCII(r rune) bool {
	return isUpperASCII(r) || isDigitASCII(r) || (r >= 'a' && r <= 'z')
}

// numberScanner reads a standard number from folded runes. In find mode it
// reads citations in running text: a bad year ends the number before its
// dash instead of failing it.
type numberScanner struct {
	rs     []rune
	pos    int
	find   bool
	spaced bool // a space stood between the prefix and the serial
	colon  bool // the year follows a colon: CECS 102:2002
}

func (s *numberScanner) peek() rune { return s.peekAt(0) }

func (s *numberScanner) peekAt(k int) rune {
	if s.pos+k < len(s.rs) {
		return s.rs[s.pos+k]
	}
	return 0
}

func (s *numberScanner) spaces() bool {
	start := s.pos
	for s.peek() == ' ' {
		s.pos++
	}
	return s.pos > start
}

// run reads the longest run of runes that satisfy ok.
func (s *numberScanner) run(ok func(rune) bool) string {
	start := s.pos
	for s.pos < len(s.rs) && ok(s.rs[s.pos]) {
		s.pos++
	}
	return string(s.rs[start:s.pos])
}

func (s *numberScanner) letters() string {
	return s.run(func(r rune) bool { return isAlnumASCII(r) && !isDigitASCII(r) })
}

func (s *numberScanner) digits() string { return s.run(isDigitASCII) }

func (s *numberScanner) number() (StdNumber, error) {
	n, err := s.prefix()
	if err != nil {
		return StdNumber{}, err
	}
	if n.Code, err = s.code(n.Prefix); err != nil {
		return StdNumber{}, err
	}
	if n.Year, err = s.year(); err != nil {
		return StdNumber{}, err
	}
	if n.Year != "" {
		n.Amendment = s.amendment()
		if k, ok := s.sheetWords(); ok && n.Amendment == "" {
			n.Amendment = "XG" + strconv.Itoa(k)
		}
	}
	return n, nil
}

// amendment reads the amendment of an engineering-construction standard
// after its year: "/XG1—2016". Anything else after a slash is left unread.
func (s *numberScanner) amendment() string {
	save := s.pos
	s.spaces()
	if s.peek() != '/' {
		s.pos = save
		return ""
	}
	s.pos++
	s.spaces()
	if s.letters() != "XG" {
		s.pos = save
		return ""
	}
	k, ok := sheetNumber(s.digits())
	if !ok {
		s.pos = save
		return ""
	}
	afterK := s.pos
	s.spaces()
	dashes := s.run(func(r rune) bool { return r == '-' })
	s.spaces()
	y, err := expandYear(s.digits(), len(dashes))
	if dashes == "" {
		s.pos = afterK // an amendment whose year the text does not give
		return "XG" + k
	}
	if err != nil {
		s.pos = save
		return ""
	}
	return "XG" + k + "—" + y
}

// end checks that nothing follows the number.
func (s *numberScanner) end(n StdNumber) error {
	rest := string(s.rs[s.pos:])
	switch {
	case rest == "":
		return nil
	case s.spacedSerialAhead():
		return fmt.Errorf("the year must follow a dash, as in %s—2021", n.Undated())
	}
	return fmt.Errorf("unexpected %q after %s", rest, n)
}

func (s *numberScanner) prefix() (StdNumber, error) {
	code := s.letters()
	switch {
	case code == "":
		return StdNumber{}, errors.New("no prefix: a standard number starts with a code such as GB/T, DB11/T or T/CAS")
	case code == "T" || code == "Q":
		return s.orgPrefix(code)
	case code == "DB" && s.regionAhead():
		return s.localPrefix()
	case code == "DBJ":
		return s.dbjPrefix()
	case code == "CECS":
		s.colon = true
		return StdNumber{Prefix: code, Level: "group"}, nil
	}
	level, ok := codeLevels[code]
	if !ok {
		return StdNumber{}, fmt.Errorf("unknown prefix %q", code)
	}
	return s.markedPrefix(code, level)
}

// markedPrefix reads the optional /T or /Z after a national or industry code.
func (s *numberScanner) markedPrefix(code, level string) (StdNumber, error) {
	n := StdNumber{Prefix: code, Level: level}
	save := s.pos
	s.spaces()
	if s.peek() != '/' {
		s.pos = save
		return n, nil
	}
	s.pos++
	s.spaces()
	mark := s.letters()
	if mark != "T" && mark != "Z" {
		return StdNumber{}, fmt.Errorf("%s/ must be followed by T or Z, not %q", code, mark)
	}
	n.Prefix += "/" + mark
	n.Recommended = mark == "T"
	return n, nil
}

// regionAhead reports whether DB is followed by a region code: digits right
// after it, or digits and a slash ("DB 11/T").
func (s *numberScanner) regionAhead() bool {
	save := s.pos
	defer func() { s.pos = save }()
	if isDigitASCII(s.peek()) {
		return true
	}
	s.spaces()
	if s.digits() == "" {
		return false
	}
	s.spaces()
	return s.peek() == '/'
}

func (s *numberScanner) localPrefix() (StdNumber, error) {
	s.spaces()
	region := s.digits()
	if err := checkRegion(region); err != nil {
		return StdNumber{}, err
	}
	n := StdNumber{Prefix: "DB" + region, Level: "local", Region: region}
	save := s.pos
	s.spaces()
	if s.peek() != '/' {
		s.pos = save
		return n, nil
	}
	s.pos++
	s.spaces()
	switch mark := s.letters(); mark {
	case "T":
		n.Prefix += "/T"
		n.Recommended = true
	case "":
	default:
		return StdNumber{}, fmt.Errorf("DB%s/ must be followed by T or by the serial number, not %q", region, mark)
	}
	return n, nil
}

// dbjPrefix reads the local engineering-construction codes: DBJ, the
// region's two digits and the optional /T, written "DBJ 15-31", "DBJ14-022",
// "DBJ/T 15-171", "DBJ50/T-043" or "DBJ33/T 1008". The prefix is written
// canonically "DBJ15" or "DBJ15/T".
func (s *numberScanner) dbjPrefix() (StdNumber, error) {
	recommended := s.slashT()
	s.spaces()
	region := s.digits()
	if len(region) != 2 {
		return StdNumber{}, fmt.Errorf("DBJ must be followed by a two-digit region code, not %q", region)
	}
	recommended = s.slashT() || recommended
	save := s.pos
	s.spaces()
	if s.peek() == '-' && isDigitASCII(s.peekAt(1)) {
		s.pos++
	} else {
		s.pos = save
	}
	n := StdNumber{Prefix: "DBJ" + region, Level: "local", Region: region, Recommended: recommended}
	if recommended {
		n.Prefix += "/T"
	}
	return n, nil
}

// slashT reads an optional "/T".
func (s *numberScanner) slashT() bool {
	save := s.pos
	s.spaces()
	if s.peek() == '/' {
		s.pos++
		s.spaces()
		if s.letters() == "T" {
			return true
		}
	}
	s.pos = save
	return false
}

// checkRegion checks the GB/T 2260 code of a local standard: a province,
// and for a city or county no "00" in place of its own digits.
func checkRegion(region string) error {
	if len(region) != 2 && len(region) != 4 && len(region) != 6 {
		return fmt.Errorf("DB must be followed by a GB/T 2260 region code of 2, 4 or 6 digits, not %q", region)
	}
	for i := 2; i < len(region); i += 2 {
		if region[i:i+2] == "00" {
			return fmt.Errorf("region code %s has 00 where the city or county digits go", region)
		}
	}
	for _, p := range provinces {
		if region[:2] == p {
			return nil
		}
	}
	return fmt.Errorf("region code %s does not start with a GB/T 2260 province code", region)
}

// orgPrefix reads T/ or Q/ and the organisation code after it. Written
// without a space before the serial ("T/CAS290"), the code ends at its
// letters; with a space it may end in digits ("T/ABC1 290").
func (s *numberScanner) orgPrefix(kind string) (StdNumber, error) {
	s.spaces()
	if s.peek() != '/' {
		return StdNumber{}, fmt.Errorf("%s must be followed by / and the organisation code, as in %s/CAS", kind, kind)
	}
	s.pos++
	s.spaces()
	start := s.pos
	org := s.run(func(r rune) bool { return isUpperASCII(r) || isDigitASCII(r) })
	if !s.spacedSerialAhead() {
		s.pos = start
		org = s.run(isUpperASCII)
	}
	if len(org) < 2 || len(org) > 12 || !isUpperASCII(rune(org[0])) {
		return StdNumber{}, fmt.Errorf("%s/ must be followed by an organisation code of 2 to 12 letters or digits starting with a letter, not %q", kind, org)
	}
	return StdNumber{Prefix: kind + "/" + org, Level: codeLevels[kind]}, nil
}

func (s *numberScanner) spacedSerialAhead() bool {
	return s.peek() == ' ' && isDigitASCII(s.skipSpacesPeek())
}

func (s *numberScanner) skipSpacesPeek() rune {
	k := 0
	for s.peekAt(k) == ' ' {
		k++
	}
	return s.peekAt(k)
}

// code reads the serial and its dot-separated part numbers.
func (s *numberScanner) code(prefix string) (string, error) {
	s.spaced = s.spaces()
	serial := s.digits()
	switch {
	case serial == "":
		return "", fmt.Errorf("no serial number after %s", prefix)
	case len(serial) > maxSerialDigits:
		return "", fmt.Errorf("serial number %s is longer than %d digits", serial, maxSerialDigits)
	}
	parts := []string{serial}
	for s.peek() == '.' && isDigitASCII(s.peekAt(1)) {
		s.pos++
		part := s.digits()
		if len(part) > maxPartDigits {
			return "", fmt.Errorf("part number %s is longer than %d digits", part, maxPartDigits)
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "."), nil
}

// year reads the optional dash and year. In find mode a bad year leaves the
// number undated and ends it before the dash.
func (s *numberScanner) year() (string, error) {
	save := s.pos
	s.spaces()
	dashes := s.run(func(r rune) bool { return r == '-' })
	if dashes == "" && s.colon && (s.peek() == ':' || s.peek() == '：') {
		s.pos++
		dashes = "-"
	}
	if dashes == "" {
		s.pos = save
		return "", nil
	}
	s.spaces()
	y, err := expandYear(s.digits(), len(dashes))
	if err != nil && s.find {
		s.pos = save
		return "", nil
	}
	return y, err
}

// expandYear checks a year and writes it with four digits.
func expandYear(y string, dashes int) (string, error) {
	switch {
	case dashes > 2:
		return "", errors.New("too many dashes before the year")
	case y == "":
		return "", errors.New("no year after the dash")
	case len(y) == 2 && y >= "50":
		return "19" + y, nil
	case len(y) == 2:
		return "20" + y, nil
	case len(y) != 4:
		return "", fmt.Errorf("year %s must have four digits", y)
	case !yearInRange(y):
		return "", fmt.Errorf("year %s is out of range %d to %d", y, minYear, maxYear)
	}
	return y, nil
}

func yearInRange(y string) bool {
	v, err := strconv.Atoi(y)
	return err == nil && v >= minYear && v <= maxYear
}
