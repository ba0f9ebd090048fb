package bleve

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// slot is one token of a query part, at its offset from the part's first
// token.
type slot struct {
	off    int
	term   string
	prefix bool // any indexed term that starts with term
}

// phrase returns the tokens a query part must match, at the offsets from
// each other that they have in indexed text. A CJK run gives bigrams that
// cover each of its characters, every other one and the last: in indexed
// text each character starts a token, so those fix the whole run with half
// the terms to read. A lone CJK character that ends the part matches any
// token that starts with it (in text its run may go on); elsewhere, the
// lone token that ends a run.
func phrase(part string) []slot {
	var out []slot
	eachRun([]byte(part), func(r *run) {
		switch n := len(r.runes); {
		case r.class != classCJK:
			out = append(out, slot{off: r.pos, term: string(r.runes)})
		case n == 1:
			out = append(out, slot{off: r.pos, term: string(r.runes), prefix: true})
		default:
			for _, i := range coverStarts(n) {
				out = append(out, slot{off: r.pos + i, term: string(r.runes[i : i+2])})
			}
		}
	})
	base := 0
	if len(out) > 0 {
		base = out[0].off
	}
	for i := range out {
		out[i].off -= base
		out[i].prefix = out[i].prefix && i == len(out)-1
	}
	return out
}

// guides returns the bigrams of a part's CJK runs that its slots leave
// out: those that straddle two words (品安 in 食品安全, 全监 in 安全监督) are
// often far rarer than the words' own bigrams, so one of them can lead the
// search to the few documents worth checking. They check nothing: the slots
// alone decide a match.
func guides(part string) []string {
	var out []string
	eachRun([]byte(part), func(r *run) {
		n := len(r.runes)
		if r.class != classCJK || n < 4 {
			return
		}
		cover := coverStarts(n)
		for i := 0; i+2 <= n; i++ {
			if !slices.Contains(cover, i) {
				out = append(out, string(r.runes[i:i+2]))
			}
		}
	})
	return out
}

// coverStarts returns where the bigrams start that cover a run of n ≥ 2
// characters: 0, 2, 4, … and n-2.
func coverStarts(n int) []int {
	var s []int
	for i := 0; i < n-2; i += 2 {
		s = append(s, i)
	}
	return append(s, n-2)
}

// phraseQuery matches documents whose field holds every slot's term at the
// slot's offset from the first slot. Bleve's phrase searcher builds a term
// location map for every candidate document and tries every pair of
// locations; on the dense bigram postings of Chinese text that costs tens
// of milliseconds a query. phraseSearcher reads the postings itself and
// checks positions in one merge pass. A phrase that ends in a prefix slot
// (a lone CJK character) still goes to Bleve's phrase searcher.
type phraseQuery struct {
	field  string
	slots  []slot
	guides []string // terms that may lead, see guides
	boost  float64
	allow  *docSet // when not nil, the only documents that may match
}

// SetBoost implements query.BoostableQuery.
func (q *phraseQuery) SetBoost(b float64) { q.boost = b }

// Boost implements query.BoostableQuery.
func (q *phraseQuery) Boost() float64 { return q.boost }

// Searcher implements query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok || q.slots[len(q.slots)-1].prefix {
		return q.bleveSearcher(ctx, i, options)
	}
	total, err := i.DocCount()
	if err != nil {
		return nil, err
	}
	l := layoutOf(snap)
	s := &phraseSearcher{slots: q.slots, pos: make([][]uint64, len(q.slots)), next: make([]int, len(q.slots)), allow: q.allow}
	for k, sl := range q.slots {
		if err := s.addTerm(l, k, sl.term, q.field, q.boost, total, options); err != nil {
			return nil, err
		}
	}
	if err := s.addGuide(l, q.guides, q.field); err != nil {
		return nil, err
	}
	s.sortCursors()
	if w := s.Weight(); w > 0 { // as Bleve's phrase searcher; a query around it sets its own
		s.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// bleveSearcher returns Bleve's phrase searcher with the last slot
// expanded to the terms of the field that start with it.
func (q *phraseQuery) bleveSearcher(ctx context.Context, i index.IndexReader,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	last := q.slots[len(q.slots)-1]
	terms := make([][]string, last.off+1)
	for _, sl := range q.slots[:len(q.slots)-1] {
		terms[sl.off] = []string{sl.term}
	}
	expanded, err := fieldTermsWithPrefix(i, q.field, last.term)
	if err != nil {
		return nil, err
	}
	if len(expanded) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	terms[last.off] = expanded
	return searcher.NewMultiPhraseSearcher(ctx, i, terms, 0, false, q.field, q.boost, options)
}

// fieldTermsWithPrefix lists the terms of field that start with prefix.
func fieldTermsWithPrefix(i index.IndexReader, field, prefix string) ([]string, error) {
	d, err := i.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("read terms of %s: %w", field, err)
	}
	defer d.Close()
	var terms []string
	for {
		e, err := d.Next()
		if e == nil || err != nil {
			return terms, err
		}
		terms = append(terms, e.Term)
	}
}
