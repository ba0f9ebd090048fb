package workflow

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	reRegion = regexp.MustCompile(`^[0-9]{2}(?:[0-9]{2}){0,2}$`)
	reICS    = regexp.MustCompile(`^[0-9]{2}(?:\.[0-9]{3}(?:\.[0-9]{2})?)?$`)
	reCCS    = regexp.MustCompile(`^[A-Z][0-9]{2}(?:/[0-9]{2})?$`)
)

// ValidDate reports whether s is a date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func checkText(field, v string, max int, required bool) error {
	switch {
	case required && strings.TrimSpace(v) == "":
		return FieldError(field, "%s is required", field).WithKey("err.field.required", Args{"field": field})
	case !utf8.ValidString(v):
		return FieldError(field, "%s is not valid UTF-8", field).WithKey("err.field.utf8", Args{"field": field})
	case utf8.RuneCountInString(v) > max:
		return FieldError(field, "%s has at most %d characters", field, max).WithKey("err.field.too_long", Args{"field": field, "max": max})
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
		return FieldError(field, "%s holds a control character (line break, tab …) at byte %d", field, i).WithKey("err.field.control", Args{"field": field})
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
		return FieldError("level", "level is required: national, industry, local or group").WithKey("err.level.required", nil)
	case !level.Valid():
		return FieldError("level", "unknown level %q: national, industry, local or group", level).WithKey("err.level.unknown", Args{"level": level})
	case level == LevelLocal && region == "":
		return FieldError("region", "a local standard needs a region (a GB/T 2260 code such as 11 or 4201)").WithKey("err.region.required", nil)
	case region != "" && !ValidRegion(region):
		return FieldError("region", "region %q is not a GB/T 2260 code (11, 4201, 110105 …)", region).WithKey("err.region.invalid", Args{"region": region})
	case ics != "" && !reICS.MatchString(ics):
		return FieldError("ics", "ICS code %q is not of the form 03.080 or 03.080.99", ics).WithKey("err.ics.invalid", Args{"ics": ics})
	case ccs != "" && !reCCS.MatchString(ccs):
		return FieldError("ccs", "CCS code %q is not of the form A12", ccs).WithKey("err.ccs.invalid", Args{"ccs": ccs})
	}
	return nil
}
