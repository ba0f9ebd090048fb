package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"norma/docs"
	"norma/workflow"
)

// MaxQueryLength is the longest free text a search takes, in characters.
const MaxQueryLength = 200

// MaxHits is how far into a result paging reaches.
const MaxHits = 10000

// ParseText splits free text into the parts that must each occur, after
// folding full-width characters, and reads it as a standard number when it
// is one in any spelling (then number is its canonical form). The number
// of an amendment sheet (…/XG1—2026, 第1号修改单) finds the edition it amends.
func ParseText(q string) (terms []string, number string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, ""
	}
	if n, err := docs.ParseNumber(q); err == nil {
		number = n.Edition().String()
	}
	for _, f := range strings.FieldsFunc(width.Fold.String(q), unicode.IsSpace) {
		if strings.IndexFunc(f, isWordRune) >= 0 {
			terms = append(terms, f)
		}
	}
	return terms, number
}

// SheetNumber returns the canonical number of the amendment sheet q names
// (…/XG1—2026, or …/XG1 and 第1号修改单 without the year), "" when q names
// none: a standard whose number keys hold it is found first.
func SheetNumber(q string) string {
	if n, err := docs.ParseNumber(strings.TrimSpace(q)); err == nil && n.Amendment != "" {
		return n.String()
	}
	return ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Request is a search as a caller asks for it, before it is checked.
type Request struct {
	Q, Level, Region, Status, State, Category, From, To, Sort string
	Page, Size                                                int
}

// Validate checks a request and turns it into a Query for the reader.
func (r Request) Validate(reader Reader) (Query, error) {
	q := Query{Level: r.Level, Region: r.Region, Status: r.Status, State: r.State, Category: r.Category,
		From: r.From, To: r.To, Sort: r.Sort, Page: r.Page, Size: r.Size, Reader: reader}
	switch {
	case utf8.RuneCountInString(r.Q) > MaxQueryLength:
		return q, workflow.FieldError("q", "q has at most %d characters", MaxQueryLength).WithKey("err.search.q_long", workflow.Args{"max": MaxQueryLength})
	case !utf8.ValidString(r.Q):
		return q, workflow.FieldError("q", "q is not valid UTF-8").WithKey("err.search.q_utf8", nil)
	case r.Level != "" && !workflow.Level(r.Level).Valid():
		return q, workflow.FieldError("level", "unknown level %q: national, industry, local or group", r.Level).WithKey("err.level.unknown", workflow.Args{"level": r.Level})
	case r.Status != "" && !workflow.Status(r.Status).Valid():
		return q, workflow.FieldError("status", "unknown status %q: current, superseded or abolished", r.Status).WithKey("err.import.status_unknown", workflow.Args{"status": r.Status})
	case r.State != "" && !workflow.State(r.State).Valid():
		return q, workflow.FieldError("state", "unknown state %q", r.State).WithKey("err.state.unknown", workflow.Args{"state": r.State})
	case r.Region != "" && !workflow.ValidRegion(r.Region):
		return q, workflow.FieldError("region", "region %q is not a GB/T 2260 code", r.Region).WithKey("err.region.invalid", workflow.Args{"region": r.Region})
	case r.From != "" && !workflow.ValidDate(r.From):
		return q, workflow.FieldError("from", "from %q is not a date written YYYY-MM-DD", r.From).WithKey("err.date.invalid", workflow.Args{"field": "from", "value": r.From})
	case r.To != "" && !workflow.ValidDate(r.To):
		return q, workflow.FieldError("to", "to %q is not a date written YYYY-MM-DD", r.To).WithKey("err.date.invalid", workflow.Args{"field": "to", "value": r.To})
	case r.From != "" && r.To != "" && r.From > r.To:
		return q, workflow.FieldError("to", "to %s is before from %s", r.To, r.From).WithKey("err.search.range", workflow.Args{"from": r.From, "to": r.To})
	case r.Page < 1:
		return q, workflow.FieldError("page", "page starts at 1").WithKey("err.search.page", nil)
	case r.Size < 1 || r.Size > 100:
		return q, workflow.FieldError("size", "size is from 1 to 100").WithKey("err.search.size", nil)
	case r.Page > MaxHits || (r.Page-1)*r.Size >= MaxHits:
		return q, workflow.FieldError("page", "only the first %d hits are paged; narrow the search", MaxHits).WithKey("err.search.too_deep", workflow.Args{"max": MaxHits})
	}
	switch r.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortDate:
	default:
		return q, workflow.FieldError("sort", "sort is relevance or date, not %q", r.Sort).WithKey("err.search.sort", workflow.Args{"sort": r.Sort})
	}
	if utf8.RuneCountInString(r.Category) > 100 {
		return q, workflow.FieldError("category", "category has at most 100 characters").WithKey("err.search.category_long", nil)
	}
	q.Terms, q.Number = ParseText(r.Q)
	q.Sheet = SheetNumber(r.Q)
	return q, nil
}
