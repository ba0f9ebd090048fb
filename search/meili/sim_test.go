package meili

import (
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"norma/search"
	"norma/search/fold"
	"norma/search/searchtest"
)

// TestContractSimulated runs the contract suite against a simulation of
// Meilisearch: an HTTP server that stores documents and answers searches
// with the semantics this engine relies on (words split at separators,
// phrases of adjacent words, filters, sort, facets, exact pages). It
// checks the engine's own logic end to end (tiers, paging across them,
// totals, facets, visibility, ids); it cannot check that Meilisearch
// tokenizes and ranks as simulated, which only TestContract with
// MEILI_URL does.
func TestContractSimulated(t *testing.T) {
	searchtest.Run(t, func(tb testing.TB) search.Index {
		s := &sim{docs: map[string]map[string]any{}}
		srv := httptest.NewServer(s.handler())
		tb.Cleanup(srv.Close)
		x, err := Open(tb.Context(), srv.URL, "", "sim")
		if err != nil {
			tb.Fatal(err)
		}
		return x
	})
}

// sim is the simulated server: one index, tasks that succeed at once.
type sim struct {
	mu    sync.Mutex
	docs  map[string]map[string]any // by key
	order []string                  // keys in the order first added
	tasks int
}

func (s *sim) handler() http.Handler {
	mux := http.NewServeMux()
	ok := func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, `{"status":"available"}`) }
	mux.HandleFunc("GET /health", ok)
	mux.HandleFunc("GET /indexes/{uid}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"uid":"sim","primaryKey":"key"}`)
	})
	mux.HandleFunc("PATCH /indexes/{uid}/settings", s.task(func([]byte) {}))
	mux.HandleFunc("POST /indexes/{uid}/documents", s.task(s.add))
	mux.HandleFunc("POST /indexes/{uid}/documents/delete-batch", s.task(s.remove))
	mux.HandleFunc("DELETE /indexes/{uid}/documents", s.task(func([]byte) { s.docs, s.order = map[string]map[string]any{}, nil }))
	mux.HandleFunc("GET /tasks/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"uid":`+r.PathValue("id")+`,"status":"succeeded"}`)
	})
	mux.HandleFunc("GET /indexes/{uid}/stats", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		io.WriteString(w, `{"numberOfDocuments":`+strconv.Itoa(len(s.docs))+`}`)
	})
	mux.HandleFunc("POST /indexes/{uid}/search", func(w http.ResponseWriter, r *http.Request) {
		var req map[string]any
		json.NewDecoder(r.Body).Decode(&req)
		json.NewEncoder(w).Encode(s.search(req))
	})
	mux.HandleFunc("POST /multi-search", func(w http.ResponseWriter, r *http.Request) {
		var multi struct{ Queries []map[string]any }
		json.NewDecoder(r.Body).Decode(&multi)
		var results []any
		for _, q := range multi.Queries {
			results = append(results, s.search(q))
		}
		json.NewEncoder(w).Encode(map[string]any{"results": results})
	})
	return mux
}

// task applies a write at once and answers with a task.
func (s *sim) task(apply func(body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		defer s.mu.Unlock()
		apply(body)
		s.tasks++
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"taskUid":`+strconv.Itoa(s.tasks)+`,"status":"enqueued"}`)
	}
}

func (s *sim) add(body []byte) {
	var docs []map[string]any
	json.Unmarshal(body, &docs)
	for _, d := range docs {
		k := d["key"].(string)
		if _, ok := s.docs[k]; !ok {
			s.order = append(s.order, k)
		}
		s.docs[k] = d
	}
}

func (s *sim) remove(body []byte) {
	var keys []string
	json.Unmarshal(body, &keys)
	for _, k := range keys {
		delete(s.docs, k)
		s.order = slices.DeleteFunc(s.order, func(o string) bool { return o == k })
	}
}

// search answers one search request.
func (s *sim) search(req map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	filter, _ := req["filter"].(string)
	q, _ := req["q"].(string)
	phrases := simPhrases(q)
	type hit struct {
		d    map[string]any
		rank int
	}
	var hits []hit
	for i, k := range s.order {
		d := s.docs[k]
		if filter != "" && !newFilterParser(filter).eval(d) {
			continue
		}
		if rank, ok := simMatch(d, phrases); ok {
			hits = append(hits, hit{d, rank*10000 + i})
		}
	}
	if sorts, _ := req["sort"].([]any); len(sorts) > 0 {
		slices.SortStableFunc(hits, func(a, b hit) int { return byIssueDesc(a.d, b.d) })
	} else {
		slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.rank, b.rank) })
	}
	page, perPage := int(req["page"].(float64)), int(req["hitsPerPage"].(float64))
	from := min(len(hits), (page-1)*perPage)
	out := []map[string]any{}
	for _, h := range hits[from:min(len(hits), from+perPage)] {
		o := map[string]any{"_rankingScore": 1.0}
		for _, a := range req["attributesToRetrieve"].([]any) {
			o[a.(string)] = h.d[a.(string)]
		}
		out = append(out, o)
	}
	facets := map[string]map[string]int{}
	for _, f := range search.FacetFields {
		facets[f] = map[string]int{}
		for _, h := range hits {
			if v, _ := h.d[f].(string); v != "" {
				facets[f][v]++
			}
		}
	}
	return map[string]any{"hits": out, "totalHits": len(hits), "facetDistribution": facets}
}

func byIssueDesc(a, b map[string]any) int {
	da, oka := a["issue_ts"].(float64)
	db, okb := b["issue_ts"].(float64)
	switch {
	case oka && okb:
		return cmp.Compare(db, da)
	case oka:
		return -1
	case okb:
		return 1
	}
	return 0
}

// simPhrases reads q as Meilisearch does: quoted phrases, each cut at hard
// breaks into phrases of words.
func simPhrases(q string) [][]string {
	var out [][]string
	for i, p := range strings.Split(q, `"`) {
		if i%2 == 0 {
			continue
		}
		for _, sub := range strings.Split(p, hardBreak) {
			if w := simWords(sub); len(w) > 0 {
				out = append(out, w)
			}
		}
	}
	return out
}

// simWords splits text into folded words at every space or punctuation.
func simWords(text string) []string {
	return strings.FieldsFunc(fold.String(text), func(r rune) bool { return kindOf(r) == kindBreak })
}

// simMatch reports whether every phrase occurs in one searchable
// attribute, and ranks as Meilisearch's attribute rule does: by the first
// attribute that holds the first word of the first phrase.
func simMatch(d map[string]any, phrases [][]string) (int, bool) {
	var attrs [][]string // each attribute cut at hard breaks
	for _, a := range []string{"title_search", "number", "number_keys", "title_en", "body_search"} {
		switch v := d[a].(type) {
		case string:
			attrs = append(attrs, strings.Split(v, hardBreak))
		case []any:
			for _, e := range v {
				attrs = append(attrs, []string{e.(string)})
			}
		}
	}
	for _, p := range phrases {
		if !slices.ContainsFunc(attrs, func(pieces []string) bool {
			return slices.ContainsFunc(pieces, func(piece string) bool { return containsRun(simWords(piece), p) })
		}) {
			return 0, false
		}
	}
	if len(phrases) == 0 {
		return 0, true
	}
	for i, pieces := range attrs {
		if slices.ContainsFunc(pieces, func(piece string) bool { return slices.Contains(simWords(piece), phrases[0][0]) }) {
			return i, true
		}
	}
	return len(attrs), true
}

func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// filterParser evaluates the filters this engine writes: conditions
// (=, >=, <=, >, <, IN) joined by AND, OR (which binds less tightly, as in
// Meilisearch), NOT and parentheses.
type filterParser struct {
	s   string
	pos int
}

func newFilterParser(s string) *filterParser { return &filterParser{s: s} }

func (p *filterParser) eval(d map[string]any) bool {
	p.pos = 0
	return p.expr(d)
}

func (p *filterParser) expr(d map[string]any) bool {
	v := p.and(d)
	for p.skip("OR ") {
		w := p.and(d) // evaluate every side to consume it
		v = v || w
	}
	return v
}

func (p *filterParser) and(d map[string]any) bool {
	v := p.term(d)
	for p.skip("AND ") {
		w := p.term(d) // evaluate every term to consume it
		v = v && w
	}
	return v
}

func (p *filterParser) term(d map[string]any) bool {
	switch {
	case p.skip("NOT "):
		return !p.term(d)
	case p.skip("("):
		v := p.expr(d)
		p.skip(")")
		return v
	}
	attr := p.word()
	op := p.word()
	switch op {
	case "=":
		return has(d[attr], p.value())
	case "IN":
		p.skip("[")
		in := false
		for !p.skip("]") {
			in = has(d[attr], p.value()) || in
			p.skip(", ")
		}
		return in
	default:
		n, _ := strconv.ParseFloat(p.word(), 64)
		v, ok := d[attr].(float64)
		return ok && (op == ">=" && v >= n || op == "<=" && v <= n || op == ">" && v > n || op == "<" && v < n)
	}
}

// skip consumes tok, and the spaces after it, when it comes next.
func (p *filterParser) skip(tok string) bool {
	if !strings.HasPrefix(p.s[p.pos:], tok) {
		return false
	}
	p.pos += len(tok)
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
	return true
}

func (p *filterParser) word() string {
	end := strings.IndexAny(p.s[p.pos:], " )")
	if end < 0 {
		end = len(p.s) - p.pos
	}
	w := p.s[p.pos : p.pos+end]
	p.skip(w)
	return w
}

// value reads a quoted value as Meilisearch does.
func (p *filterParser) value() string {
	v, rest, err := meiliQuoted(p.s[p.pos:])
	if err != nil {
		panic(err)
	}
	p.pos = len(p.s) - len(rest)
	p.skip("")
	return v
}

// has reports whether a stored value (a string or a list of them) holds
// v, ignoring case.
func has(stored any, v string) bool {
	switch s := stored.(type) {
	case string:
		return strings.EqualFold(s, v)
	case []any:
		for _, e := range s {
			if es, ok := e.(string); ok && strings.EqualFold(es, v) {
				return true
			}
		}
	}
	return false
}
