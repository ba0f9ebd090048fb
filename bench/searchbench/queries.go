package main

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// pageSize is the size of every search; snippets are always made.
const pageSize = 20

// query is one search of the mixed set.
type query struct {
	class  string
	q      string
	params url.Values // level, region, status, from, to, sort, page
	// first is the id that must be the first hit, "" when not checked.
	first string
}

// Query classes, in the order the report lists them.
const (
	class2     = "2-char term"
	class4     = "4-char term"
	classLong  = "5+ char phrase"
	classParts = "multi-part"
	classNum   = "number"
	classFilt  = "filtered"
	classDate  = "sort=date"
	classPage  = "page 2-3"
)

var classes = []string{class2, class4, classLong, classParts, classNum, classFilt, classDate, classPage}

// numberID is the id of GB 55001—2021 in the corpus: number queries must
// put it first.
const numberID = "gb-55001-2021"

// querySet returns the mixed query set: 2- and 4-character Chinese terms,
// longer phrases, queries of several parts, a standard number in several
// spellings, filters, date order and later pages.
func querySet() []query {
	var qs []query
	add := func(class, q string, kv ...string) {
		p := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			p.Set(kv[i], kv[i+1])
		}
		first := ""
		if class == classNum {
			first = numberID
		}
		qs = append(qs, query{class: class, q: q, params: p, first: first})
	}
	for _, t := range []string{"物业", "合同", "安全", "环境", "教育"} {
		add(class2, t)
	}
	for _, t := range []string{"物业服务", "行政处罚", "安全生产", "劳动合同", "环境保护"} {
		add(class4, t)
	}
	for _, t := range []string{"消费者权益", "突发事件应对", "中华人民共和国", "食品安全监督管理"} {
		add(classLong, t)
	}
	for _, t := range []string{"会议 服务", "安全生产 责任制", "物业服务 收费", "行政处罚 听证 程序", "劳动合同 解除"} {
		add(classParts, t)
	}
	for _, t := range []string{"GB 55001—2021", "gb55001-2021", "ＧＢ ５５００１", "gb 55001", "GB55001—2021"} {
		add(classNum, t)
	}
	add(classFilt, "物业服务", "level", "local")
	add(classFilt, "安全生产", "region", "44")
	add(classFilt, "合同", "status", "current")
	add(classFilt, "合同", "from", "2010-01-01", "to", "2020-12-31")
	add(classFilt, "行政处罚", "level", "local", "region", "44", "status", "current")
	add(classFilt, "环境保护", "level", "national", "from", "2015-01-01")
	add(classFilt, "", "level", "local", "region", "33")
	add(classDate, "行政处罚", "sort", "date")
	add(classDate, "劳动合同", "sort", "date")
	add(classDate, "物业", "sort", "date", "level", "local")
	add(classDate, "", "sort", "date", "status", "current")
	add(classPage, "合同", "page", "2")
	add(classPage, "合同", "page", "3")
	add(classPage, "安全", "page", "3")
	add(classPage, "物业服务", "page", "2")
	add(classPage, "安全生产", "sort", "date", "page", "3")
	return qs
}

// values returns the URL parameters of the search.
func (q query) values() url.Values {
	v := url.Values{"q": {q.q}, "size": {fmt.Sprint(pageSize)}}
	for k, vs := range q.params {
		v[k] = vs
	}
	return v
}

// page returns the page asked for, from 1.
func (q query) page() int {
	p := 1
	if s := q.params.Get("page"); s != "" {
		_, _ = fmt.Sscan(s, &p)
	}
	return p
}

// String shows the query as a person would type it, with its parameters.
func (q query) String() string {
	s := fmt.Sprintf("%q", q.q)
	if len(q.params) > 0 {
		s += " " + strings.ReplaceAll(q.params.Encode(), "&", " ")
	}
	return s
}

// timedQuery is one timed search over HTTP.
type timedQuery struct {
	query query
	took  time.Duration
	total int
	first string // id of the first hit
	size  int    // bytes of the JSON answer
}

// timeSearches runs the query set once untimed (warm up) and then in whole
// rounds until at least n searches are timed, as token's account ("" for
// the public).
func timeSearches(c *client, token string, qs []query, n int) ([]timedQuery, error) {
	if _, err := searchRound(c, token, qs); err != nil {
		return nil, err
	}
	var out []timedQuery
	for len(out) < n {
		round, err := searchRound(c, token, qs)
		if err != nil {
			return nil, err
		}
		out = append(out, round...)
	}
	return out, nil
}

// searchRound runs each query of the set once, timed.
func searchRound(c *client, token string, qs []query) ([]timedQuery, error) {
	out := make([]timedQuery, 0, len(qs))
	for _, q := range qs {
		ans, took, err := c.search(token, q.values())
		if err != nil {
			return nil, err
		}
		t := timedQuery{query: q, took: took, total: ans.Total, size: ans.size}
		if len(ans.Hits) > 0 {
			t.first = ans.Hits[0].ID
		}
		out = append(out, t)
	}
	return out, nil
}

// Warming a freshly started server: rounds of the query set until a round
// grows its heap (RssAnon) by less than settledGrowth, at most
// warmRoundsMax rounds.
const (
	settledGrowth = 1 << 20
	warmRoundsMax = 25
)

// warmUp is what warming the server took: the first round after start
// (cold), the rounds run and how much the heap grew meanwhile.
type warmUp struct {
	cold   []timedQuery
	rounds int
	from   memory // before the first round
	to     memory // after the last
}

// warm runs the query set on a server that has just started until its
// heap stops growing. A fresh process gets each new page of its heap from
// the kernel on first touch; while the heap grows to the size the searches
// need (the text cache filling, the collector's goal rising with it) every
// round pays for those page faults, over several rounds, not only the
// first. The timed rounds measure the server as it runs after that; the
// first round is reported apart as the cold figure.
func warm(srv *server, c *client, token string, qs []query) (warmUp, error) {
	w := warmUp{from: srv.memory()}
	before := w.from
	for w.rounds < warmRoundsMax {
		round, err := searchRound(c, token, qs)
		if err != nil {
			return w, err
		}
		if w.rounds == 0 {
			w.cold = round
		}
		w.rounds++
		w.to = srv.memory()
		if w.rounds >= 2 && w.to.anon-before.anon < settledGrowth {
			break
		}
		before = w.to
	}
	return w, nil
}
