package meili

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"norma/search"
)

// quote returns s as a double-quoted Meilisearch filter value. Meilisearch
// (since v1.4) reads \" as a quote and \\ as a backslash inside quotes, so
// both are escaped and every other byte is left as it is.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// quoteList returns values as a Meilisearch filter list: ["a", "b"].
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// filterOf returns the Meilisearch filter of a query's filters and of what
// its reader may see, "" when nothing is filtered.
func filterOf(q search.Query) (string, error) {
	var c []string
	for _, f := range []struct{ attr, value string }{
		{"level", q.Level}, {"region", q.Region}, {"status", q.Status},
		{"state", q.State}, {"category", q.Category},
	} {
		if f.value != "" {
			c = append(c, f.attr+" = "+quote(f.value))
		}
	}
	dates, err := dateFilter(q.From, q.To)
	if err != nil {
		return "", err
	}
	c = append(c, dates...)
	if tokens := q.Reader.Tokens(); tokens != nil {
		c = append(c, readerFilter(tokens, q.Reader.Now))
	}
	return strings.Join(c, " AND "), nil
}

// readerFilter selects what a reader who is not staff finds: a document
// whose readers hold one of the reader's keys, or one whose public window
// (a draft's consultation, workflow.ReaderSet.PublicFrom) holds now,
// public_from <= now < public_until, as the read rule and the Bleve engine
// decide. Documents without a window have neither field, and a comparison
// with a missing field is false.
func readerFilter(tokens []string, now int64) string {
	n := strconv.FormatInt(now, 10)
	return "(readers IN " + quoteList(tokens) + " OR (public_from <= " + n + " AND public_until > " + n + "))"
}

// dateFilter returns the conditions on issue_ts of an inclusive issue date
// range; undated documents fall outside any range.
func dateFilter(from, to string) ([]string, error) {
	var c []string
	for _, b := range []struct{ date, op string }{{from, ">="}, {to, "<="}} {
		if b.date == "" {
			continue
		}
		d, ok := unixDay(b.date)
		if !ok {
			return nil, fmt.Errorf("meili: %q is not a date written YYYY-MM-DD", b.date)
		}
		c = append(c, "issue_ts "+b.op+" "+strconv.FormatInt(d, 10))
	}
	return c, nil
}

// numberFilter selects the documents whose number_keys hold number.
func numberFilter(number string) string { return "number_keys = " + quote(number) }

// and joins two filters, either of which may be empty.
func and(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " AND " + b
}

// unixDay returns the days since 1970-01-01 of a YYYY-MM-DD date.
func unixDay(date string) (int64, bool) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0, false
	}
	return t.Unix() / 86400, true
}

// phrases returns the Meilisearch q that asks for every term as contiguous
// text: each term, segmented as the indexed text is, as a quoted phrase
// ("物 业 服 务" "GB/T"). A phrase has no escape in Meilisearch, so a quote
// left within a term becomes a space: both are soft separators to its
// tokenizer, and the words around it stay adjacent.
func phrases(terms []string) string {
	var b strings.Builder
	for _, t := range terms {
		t = strings.Trim(strings.ReplaceAll(segmented(t), `"`, " "), " "+hardBreak)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + t + `"`)
	}
	return b.String()
}
