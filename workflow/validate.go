package workflow

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// provinces are the first two digits of every GB/T 2260 region code.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "21": true, "22": true,
	"23": true, "31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"37": true, "41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true, "61": true, "62": true,
	"63": true, "64": true, "65": true, "71": true, "81": true, "82": true,
}

var (
	reRegion = regexp.MustCompile(`^[0-9]{2}(?:[0-9]{2}){0,2}$`)
	reICS    = regexp.MustCompile(`^[0-9]{2}(?:\.[0-9]{3}(?:\.[0-9]{2})?)?$`)
	reCCS    = regexp.MustCompile(`^[A-Z][0-9]{2}(?:/[0-9]{2})?$`)
)

// ValidRegion reports whether code is a GB/T 2260 code of a province (2
// digits), a city (4) or a county (6).
func ValidRegion(code string) bool {
	return reRegion.MatchString(code) && provinces[code[:2]]
}

// ValidDate reports whether s is a date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func checkText(field, v string, max int, required bool) error {
	switch {
	case required && strings.TrimSpace(v) == "":
		return FieldError(field, "%s is required", field)
	case !utf8.ValidString(v):
		return FieldError(field, "%s is not valid UTF-8", field)
	case utf8.RuneCountInString(v) > max:
		return FieldError(field, "%s has at most %d characters", field, max)
	}
	return nil
}

// checkLine validates a one-line field: checkText, and no control
// characters (line breaks, tabs, NUL) nor bidi controls (U+202E …), which
// make a line read otherwise than it is stored.
func checkLine(field, v string, max int, required bool) error {
	if err := checkText(field, v, max, required); err != nil {
		return err
	}
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		return FieldError(field, "%s holds a control character (line break, tab …) at byte %d", field, i)
	}
	return checkBidi(field, v)
}

// checkMessage validates a text of several lines (a revision message):
// checkText, and no control characters but line breaks and tabs.
func checkMessage(field, v string, max int) error {
	if err := checkText(field, v, max, false); err != nil {
		return err
	}
	if i := strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }); i >= 0 {
		return FieldError(field, "%s holds a control character at byte %d", field, i)
	}
	return checkBidi(field, v)
}

func checkBidi(field, v string) error {
	if i := strings.IndexFunc(v, isBidiControl); i >= 0 {
		return FieldError(field, "%s holds a bidirectional control character at byte %d", field, i)
	}
	return nil
}

// isBidiControl reports the embedding, override and isolate controls.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// Meta is the metadata a standard carries, from a form or front matter.
type Meta struct {
	Title, TitleEN, Category, DraftingOrg string
	Level                                 Level
	Region, ICS, CCS                      string
	Replaces                              []string
}

// Limits of metadata.
const (
	maxReplaces   = 50
	maxReference  = 64
	maxTitleChars = 200
)

// ValidateMeta is the one check of a standard's metadata, whoever sets it:
// creating a standard, saving a revision whose front matter changes it,
// applying a suggestion, importing the library.
func ValidateMeta(m Meta) error {
	if err := checkMeta(m.Title, m.Level, m.Region, m.ICS, m.CCS); err != nil {
		return err
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"title_en", m.TitleEN, 300}, {"category", m.Category, 100}, {"drafting_org", m.DraftingOrg, 200}} {
		if err := checkLine(f.name, f.v, f.max, false); err != nil {
			return err
		}
	}
	if len(m.Replaces) > maxReplaces {
		return FieldError("replaces", "replaces names at most %d standards", maxReplaces)
	}
	for _, r := range m.Replaces {
		if err := checkLine("replaces", r, maxReference, true); err != nil {
			return err
		}
	}
	return nil
}

// checkMeta validates metadata as a standard would carry it.
func checkMeta(title string, level Level, region, ics, ccs string) error {
	if err := checkLine("title", title, maxTitleChars, true); err != nil {
		return err
	}
	switch {
	case level == "":
		return FieldError("level", "level is required: national, industry, local or group")
	case !level.Valid():
		return FieldError("level", "unknown level %q: national, industry, local or group", level)
	case level == LevelLocal && region == "":
		return FieldError("region", "a local standard needs a region (a GB/T 2260 code such as 11 or 4201)")
	case region != "" && !ValidRegion(region):
		return FieldError("region", "region %q is not a GB/T 2260 code (11, 4201, 110105 …)", region)
	case ics != "" && !reICS.MatchString(ics):
		return FieldError("ics", "ICS code %q is not of the form 03.080 or 03.080.99", ics)
	case ccs != "" && !reCCS.MatchString(ccs):
		return FieldError("ccs", "CCS code %q is not of the form A12", ccs)
	}
	return nil
}
