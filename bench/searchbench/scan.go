package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/width"

	"norma/docs"
	"norma/search"
)

// text is one corpus text as the scan baseline holds it in memory: what
// the index holds of it, and its title, number and plain text folded once
// (full width to half width, upper to lower case) for matching.
type text struct {
	path, id                          string
	title, number                     string
	numberKeys                        []string
	level, region, status, issueDate  string
	body                              string // docs.PlainText, for snippets
	foldedTitle, foldedNumber, folded string
}

// loadCorpus reads every Markdown file of the folders into memory, on
// every CPU.
func loadCorpus(folders ...string) ([]text, error) {
	var paths []string
	for _, dir := range folders {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(paths)
	out := make([]text, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	workers := runtime.NumCPU()
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				out[i], errs[i] = readText(paths[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readText reads one corpus file the way norma import and the index see
// it: the front matter's fields, the title (else the first heading), the
// canonical number and the plain text.
func readText(path string) (text, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return text{}, err
	}
	m, body, err := docs.ParseFrontMatter(string(raw))
	if err != nil {
		return text{}, fmt.Errorf("%s: %v", path, err)
	}
	t := text{path: path, id: m.ID, title: m.Title, level: m.Level, region: m.Region,
		status: m.Status, issueDate: m.IssueDate, body: docs.PlainText(string(raw))}
	if t.id == "" {
		t.id = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if t.title == "" {
		t.title = firstHeading(body)
	}
	if t.status == "" {
		t.status = "current"
	}
	if n, err := docs.ParseNumber(m.Number); err == nil {
		t.number = n.String()
	}
	t.numberKeys = search.NumberKeys(t.number)
	t.foldedTitle, t.foldedNumber, t.folded = fold(t.title), fold(t.number), fold(t.body)
	return t, nil
}

// fold is the folding of search.ParseText (full width to half width) and of
// the index (lower case).
func fold(s string) string { return strings.ToLower(width.Fold.String(s)) }

func firstHeading(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// scanHit is a text the scan found.
type scanHit struct {
	t     *text
	score int
}

// scanResult is what the scan answers: what the search answers.
type scanResult struct {
	total    int
	ids      []string
	snippets []string
	facets   map[string]map[string]int
}

// scan answers a query by reading every text: each part of the query must
// occur in the title, number or text (or the number must be the text's),
// the filters must hold; the hits are counted, ordered and paged, with
// facets and snippets like the search's. With refold, each text is folded
// again for the query instead of using the folding done at load.
func scan(corpus []text, q query, refold bool) scanResult {
	terms, number := search.ParseText(q.q)
	for i := range terms {
		terms[i] = fold(terms[i])
	}
	res := scanResult{facets: map[string]map[string]int{"level": {}, "region": {}, "status": {}}}
	var hits []scanHit
	for i := range corpus {
		t := &corpus[i]
		if !passes(t, q) {
			continue
		}
		if refold {
			t = refolded(t)
		}
		score, ok := matches(t, terms, number)
		if !ok {
			continue
		}
		hits = append(hits, scanHit{t, score})
		res.facets["level"][t.level]++
		res.facets["region"][t.region]++
		res.facets["status"][t.status]++
	}
	res.total = len(hits)
	order(hits, q.params.Get("sort") == "date" || len(terms) == 0 && number == "")
	lo := min(len(hits), (q.page()-1)*pageSize)
	hi := min(len(hits), lo+pageSize)
	if number != "" {
		terms = append(terms, number)
	}
	for _, h := range hits[lo:hi] {
		res.ids = append(res.ids, h.t.id)
		res.snippets = append(res.snippets, search.Snippet(h.t.body, terms))
	}
	return res
}

// refolded returns a copy of t folded anew.
func refolded(t *text) *text {
	c := *t
	c.foldedTitle, c.foldedNumber, c.folded = fold(t.title), fold(t.number), fold(t.body)
	return &c
}

// passes reports whether t passes the query's filters.
func passes(t *text, q query) bool {
	p := q.params
	for _, f := range []struct{ want, have string }{{p.Get("level"), t.level}, {p.Get("region"), t.region}, {p.Get("status"), t.status}} {
		if f.want != "" && f.want != f.have {
			return false
		}
	}
	from, to := p.Get("from"), p.Get("to")
	if from == "" && to == "" {
		return true
	}
	return t.issueDate != "" && (from == "" || t.issueDate >= from) && (to == "" || t.issueDate <= to)
}

// matches reports whether t is a hit of the folded terms or the number,
// with a score like the index's: the number outweighs a title match, which
// outweighs a body match.
func matches(t *text, terms []string, number string) (int, bool) {
	if len(terms) == 0 && number == "" {
		return 0, true
	}
	score := 0
	if number != "" && slices.Contains(t.numberKeys, number) {
		score += 1000
	}
	all := len(terms) > 0
	for _, term := range terms {
		s := 0
		if strings.Contains(t.foldedTitle, term) {
			s += 20
		}
		if strings.Contains(t.foldedNumber, term) {
			s += 5
		}
		if strings.Contains(t.folded, term) {
			s++
		}
		if s == 0 {
			all = false
			break
		}
		score += s
	}
	return score, score >= 1000 || all
}

// order sorts hits by score, or by issue date (newest first, undated last)
// and then score; ties by id.
func order(hits []scanHit, byDate bool) {
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if byDate && a.t.issueDate != b.t.issueDate {
			return a.t.issueDate > b.t.issueDate
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.t.id < b.t.id
	})
}

// timedScan is one timed scan.
type timedScan struct {
	query query
	took  time.Duration
	total int
}

// timeScans runs the scan over the query set once untimed, then rounds
// times, on one goroutine (as the server answers one search on one).
func timeScans(corpus []text, qs []query, rounds int, refold bool) []timedScan {
	for _, q := range qs {
		_ = scan(corpus, q, refold)
	}
	var out []timedScan
	for range max(1, rounds) {
		for _, q := range qs {
			start := time.Now()
			res := scan(corpus, q, refold)
			out = append(out, timedScan{query: q, took: time.Since(start), total: res.total})
		}
	}
	return out
}
