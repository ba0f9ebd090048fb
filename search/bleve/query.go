package bleve

import (
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"norma/search"
)

// Boosts: a title match outweighs any body match, and a number key match
// outweighs everything.
const (
	boostTitle     = 20
	boostNumber    = 5
	boostBody      = 1
	boostNumberKey = 1000
)

// textFields are the fields a query part is looked for in, with boosts.
var textFields = []struct {
	name  string
	boost float64
}{{fieldTitle, boostTitle}, {fieldNumber, boostNumber}, {fieldBody, boostBody}}

// textQuery returns the query that every part of terms occurs in the
// title, number or body, or nil for no parts. Its phrases skip the
// documents that allow does not hold, unless allow is nil.
func textQuery(terms []string, allow *docSet) query.Query {
	var parts []query.Query
	for _, t := range terms {
		slots := phrase(t)
		if len(slots) == 0 {
			continue
		}
		fields := make([]query.Query, 0, len(textFields))
		for _, f := range textFields {
			fields = append(fields, phraseQueryOf(slots, guides(t), f.name, f.boost, allow))
		}
		parts = append(parts, query.NewDisjunctionQuery(fields))
	}
	if len(parts) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(parts)
}

// phraseQueryOf returns the query that slots occur in field at their
// offsets.
func phraseQueryOf(slots []slot, guides []string, field string, boost float64, allow *docSet) query.Query {
	if len(slots) > 1 {
		return &phraseQuery{field: field, slots: slots, guides: guides, boost: boost, allow: allow}
	}
	if slots[0].prefix {
		q := query.NewPrefixQuery(slots[0].term)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	q := query.NewTermQuery(slots[0].term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// matchQuery returns the query for the text and number of q: a document
// matches when its number keys hold the number or when every part occurs;
// nil when q has neither. Its phrases skip what allow does not hold, unless
// allow is nil.
func matchQuery(q search.Query, allow *docSet) query.Query {
	text := textQuery(q.Terms, allow)
	if q.Number == "" {
		return text
	}
	num := query.NewTermQuery(q.Number)
	num.SetField(fieldNumberKeys)
	num.SetBoost(boostNumberKey)
	any := []query.Query{num}
	if q.Sheet != "" {
		sheet := query.NewTermQuery(q.Sheet)
		sheet.SetField(fieldNumberKeys)
		sheet.SetBoost(2 * boostNumberKey)
		any = append(any, sheet)
	}
	if text != nil {
		any = append(any, text)
	}
	if len(any) == 1 {
		return num
	}
	return query.NewDisjunctionQuery(any)
}

// filterQuery returns the query of q's filters and of what its reader may
// read, or nil when nothing is filtered.
func filterQuery(q search.Query) (query.Query, error) {
	var fs []query.Query
	for field, v := range map[string]string{fieldLevel: q.Level, fieldRegion: q.Region,
		fieldStatus: q.Status, fieldState: q.State, fieldCategory: q.Category} {
		if v != "" {
			fs = append(fs, termQuery(field, v))
		}
	}
	if q.From != "" || q.To != "" {
		r, err := dayRange(q.From, q.To)
		if err != nil {
			return nil, err
		}
		fs = append(fs, r)
	}
	if tokens := q.Reader.Tokens(); !q.Reader.All {
		var rs []query.Query
		for _, t := range tokens {
			rs = append(rs, termQuery(fieldReaders, t))
		}
		rs = append(rs, publicNow(q.Reader.Now))
		fs = append(fs, query.NewDisjunctionQuery(rs))
	}
	if len(fs) == 0 {
		return nil, nil
	}
	return query.NewConjunctionQuery(fs), nil
}

func termQuery(field, term string) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}

// dayRange returns the query that the issue day lies from from to to,
// inclusive; either may be "".
func dayRange(from, to string) (query.Query, error) {
	var lo, hi *float64
	for _, b := range []struct {
		date string
		day  **float64
	}{{from, &lo}, {to, &hi}} {
		if b.date == "" {
			continue
		}
		d, ok := dayNumber(b.date)
		if !ok {
			return nil, fmt.Errorf("search: %q is not a date written YYYY-MM-DD", b.date)
		}
		*b.day = &d
	}
	yes := true
	q := blevesearch.NewNumericRangeInclusiveQuery(lo, hi, &yes, &yes)
	q.SetField(fieldIssueDay)
	return q, nil
}

// publicNow is the query that a document's public window holds now:
// public_from <= now < public_until.
func publicNow(now int64) query.Query {
	n, t, f := float64(now), true, false
	from := query.NewNumericRangeInclusiveQuery(nil, &n, nil, &t)
	from.SetField(fieldPublicFrom)
	until := query.NewNumericRangeInclusiveQuery(&n, nil, &f, nil)
	until.SetField(fieldPublicUntil)
	return query.NewConjunctionQuery([]query.Query{from, until})
}
