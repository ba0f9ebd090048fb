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
// characters (line breaks, tabs, NUL).
func checkLine(field, v string, max int, required bool) error {
	if err := checkText(field, v, max, required); err != nil {
		return err
	}
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		return FieldError(field, "%s holds a control character (line break, tab …) at byte %d", field, i).WithKey("err.field.control", Args{"field": field})
	}
	return nil
}

// checkMeta validates metadata as a standard would carry it.
func checkMeta(title string, level Level, region, ics, ccs string) error {
	if err := checkLine("title", title, 200, true); err != nil {
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
