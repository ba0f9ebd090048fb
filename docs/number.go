package docs

import (
	"errors"
	"fmt"
	"strings"
)

// StdNumber is a parsed standard number.
type StdNumber struct {
	Prefix      string // canonical prefix: "GB/T", "JG/T", "DB11/T", "DB4201", "T/CAS", "Q/GDW"…
	Code        string // the serial with any part: "12345", "1.1", "10001.1"
	Year        string // four digits, "" when the number is undated
	Level       string // "national", "industry", "local", "group" or "enterprise"
	Region      string // for local standards: the GB/T 2260 code after DB: "11", "4201"
	Recommended bool   // the /T mark of national, industry and local numbers
	Amendment   string // an amendment of engineering-construction standards: "XG1—2022" in "GB 50011—2010/XG1—2016"
}

// NumberMatch is a standard number cited in running text; Start and End are
// the byte offsets of Text in that text.
type NumberMatch struct {
	Number     StdNumber
	Text       string
	Start, End int
}

// Levels of standards and the codes that number them. GBJ (old engineering
// construction standards) and GBZ (occupational health) are national codes
// that are read but not given to new national standards; DB without a region
// is the seismology industry code.
const (
	nationalCodes = "GB GBJ GBZ"
	industryCodes = "AQ BB CB CH CJ CJJ CY DA DB DL DZ EJ FZ GA GH GM GY HB HG HJ HS HY " +
		"JB JC JG JGJ JJF JJG JR JT JTG JTJ JY KA LB LD LS LY MH MT MZ NB NY QB QC QJ QX " +
		"RB SB SC SF SH SJ SL SN SW SY TB TD TY WB WH WJ WM WS WW XB XF YB YC YD YS YY YZ ZY"
)

var codeLevels = codeLevelTable()

// provinces are the first two digits of the GB/T 2260 codes of provinces.
var provinces = strings.Fields("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 " +
	"41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82")

func codeLevelTable() map[string]string {
	m := map[string]string{"T": "group", "Q": "enterprise"}
	for _, c := range strings.Fields(nationalCodes) {
		m[c] = "national"
	}
	for _, c := range strings.Fields(industryCodes) {
		m[c] = "industry"
	}
	return m
}

// Limits on the serial: no Chinese standard has a longer serial or part
// number, and the limits keep long digit runs in text from being taken.
const (
	maxSerialDigits = 6
	maxPartDigits   = 4
	minYear         = 1950
	maxYear         = 2100
)

// ParseNumber reads a standard number such as "GB/T 12345—2026". It accepts
// full-width characters, lower case, missing or stray spaces and any dash
// before the year ("-", "–", "—", "——", "－"…). A two-digit year, as in old
// numbers like "GB 2894-88", is read as 19xx from 50 to 99 and as 20xx from
// 00 to 49. Enterprise numbers (Q/ and the enterprise code) are accepted.
func ParseNumber(s string) (StdNumber, error) {
	rs, _ := foldNumberText(s, true)
	sc := &numberScanner{rs: trimNumberSpaces(rs)}
	n, err := sc.number()
	if err == nil {
		err = sc.end(n)
	}
	if err != nil {
		return StdNumber{}, &NumberError{Input: s, Reason: err.Error()}
	}
	return n, nil
}

// NumberError reports why a text is not a standard number.
type NumberError struct {
	Input  string
	Reason string
}

func (e *NumberError) Error() string {
	return fmt.Sprintf("standard number %q: %s", e.Input, e.Reason)
}

// NormalizeNumber returns the canonical form of a standard number.
func NormalizeNumber(s string) (string, error) {
	n, err := ParseNumber(s)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

// String returns the canonical number, "GB/T 12345—2026", or without a year
// "GB/T 1.1". A mandatory local standard is written the official way with a
// bare slash: "DB11/ 687—2015".
func (n StdNumber) String() string {
	if n.Year == "" {
		return n.Undated()
	}
	if n.Amendment != "" {
		return n.Undated() + "—" + n.Year + "/" + n.Amendment
	}
	return n.Undated() + "—" + n.Year
}

// Undated returns the number without its year: "GB/T 12345".
func (n StdNumber) Undated() string {
	if n.Prefix == "" {
		return n.Code
	}
	p := n.Prefix
	if n.Level == "local" && !n.Recommended && !strings.HasPrefix(p, "DBJ") {
		p += "/"
	}
	return p + " " + n.Code
}

// FindNumbers returns every standard number cited in running text, in order.
// Prefixes must be upper case (full width allowed) and must not follow a
// Latin letter or digit. Short undated industry numbers written without a
// space, such as "CH4" or "SF6", are taken for chemical formulas and skipped.
func FindNumbers(text string) []NumberMatch {
	rs, off := foldNumberText(text, false)
	var out []NumberMatch
	for i := 0; i < len(rs); i++ {
		if !isUpperASCII(rs[i]) || (i > 0 && isAlnumASCII(rs[i-1])) {
			continue
		}
		n, end, ok := matchNumberAt(rs, i)
		if !ok {
			continue
		}
		start, stop := off[i], off[end]
		out = append(out, NumberMatch{Number: n, Text: text[start:stop], Start: start, End: stop})
		i = end - 1
	}
	return out
}

// matchNumberAt reads a cited number starting at rs[i] and returns the index
// just past it.
func matchNumberAt(rs []rune, i int) (StdNumber, int, bool) {
	sc := &numberScanner{rs: rs, pos: i, find: true}
	n, err := sc.number()
	if err != nil || isAlnumASCII(sc.peek()) {
		return StdNumber{}, 0, false
	}
	if n.Level == "industry" && n.Year == "" && !strings.Contains(n.Prefix, "/") &&
		!sc.spaced && len(n.Code) < 3 {
		return StdNumber{}, 0, false
	}
	return n, sc.pos, true
}

// ValidFor reports whether the number suits a standard of the level and,
// for a local standard, of the region (a GB/T 2260 code: "11", "4201", or in
// full "110000", "420100"). It does not check the year.
func (n StdNumber) ValidFor(level, region string) error {
	hint, ok := levelHints[level]
	if !ok {
		return fmt.Errorf("unknown level %q: want national, industry, local or group", level)
	}
	if n.Prefix == "" {
		return fmt.Errorf("no standard number: %s", hint)
	}
	if n.Level != level {
		return fmt.Errorf("%s is a number for %s standards, not %s ones: %s", n.Undated(), n.Level, level, hint)
	}
	switch level {
	case "national":
		return n.validNational(hint)
	case "local":
		return n.validLocal(region)
	}
	return nil
}

var levelHints = map[string]string{
	"national":   "a national standard is numbered GB, GB/T or GB/Z",
	"industry":   "an industry standard is numbered with an industry code such as JGJ, JG/T or HG/T",
	"local":      "a local standard is numbered DB with its region code, such as DB11/T",
	"group":      "a group standard is numbered T/ with the organisation code, such as T/CAS",
	"enterprise": "an enterprise standard is numbered Q/ with the enterprise code",
}

func (n StdNumber) validNational(hint string) error {
	base, _, _ := strings.Cut(n.Prefix, "/")
	if base != "GB" {
		return fmt.Errorf("%s: %s is not given to new national standards; %s", n.Undated(), base, hint)
	}
	return nil
}

func (n StdNumber) validLocal(region string) error {
	want, err := dbRegion(region)
	if err != nil {
		return err
	}
	if n.Region != want {
		return fmt.Errorf("%s is numbered for region %s, but the standard is for region %s: number it DB%s or DB%s/T",
			n.Undated(), n.Region, region, want, want)
	}
	return nil
}

// dbRegion returns the digits that follow DB for a GB/T 2260 region code:
// the code without its trailing "00" pairs.
func dbRegion(region string) (string, error) {
	if region == "" {
		return "", errors.New("a local standard needs its region (a GB/T 2260 code) to check the DB code against")
	}
	if strings.Trim(region, "0123456789") != "" || len(region)%2 != 0 || len(region) > 6 {
		return "", fmt.Errorf("region %q is not a GB/T 2260 code of 2, 4 or 6 digits", region)
	}
	for len(region) > 2 && strings.HasSuffix(region, "00") {
		region = region[:len(region)-2]
	}
	return region, nil
}
