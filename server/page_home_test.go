package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/workflow"
)

const lawText = `---
title: 中华人民共和国标准化法
level: national
category: 法律
status: current
issue_date: 2017-11-04
impl_date: 2018-01-01
---

# 中华人民共和国标准化法

第一条 为了加强标准化工作，提升产品和服务质量，制定本法。
`

// sectionLinks returns the standards linked in a work list section, nil
// when the page has no such section.
func sectionLinks(t *testing.T, doc *html.Node, key string) []string {
	t.Helper()
	sec := find(doc, has("section", "aria-labelledby", "w-"+key))
	if sec == nil {
		return nil
	}
	var ids []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if href, ok := attr(n, "href"); ok && n.Data == "a" && strings.HasPrefix(href, "/standards/") {
			id, _, _ := strings.Cut(strings.TrimPrefix(href, "/standards/"), "#")
			ids = append(ids, id)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(sec)
	return ids
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Each role's home page is its work list: what waits for it, section by
// section; the public sees what is issued; the header counts the items.
func TestWorkLists(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	draft := e.standardIn(workflow.StateDraft, 1)
	review := e.standardIn(workflow.StateExpertReview, 2)
	notice := e.standardIn(workflow.StatePublicNotice, 3) // 0 days: ended at once
	issued := e.standardIn(workflow.StateIssued, 4)
	if _, _, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "law.md", Text: lawText}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who      string
		key      string
		want     []string
		not      []string
		badge    string
		headline string
	}{
		// The drafter's turn: the draft and the ended notice; the text under
		// review is followed, not counted.
		{"drafter", "drafter.drafts", []string{draft}, []string{review, issued}, "2", "工作台"},
		{"drafter", "drafter.review", []string{review}, []string{draft}, "2", "工作台"},
		{"drafter", "drafter.notice_closed", []string{notice}, nil, "2", "工作台"},
		// The expert has given the verdict: nothing waits for them.
		{"expert1", "expert.given", []string{review}, []string{draft, notice}, "", "工作台"},
		// Staff: a round ready to approve, a notice ready to issue (the
		// filing of the standard issued today is not due within 30 days).
		{"staff", "staff.ready", []string{review}, []string{draft}, "2", "工作台"},
		{"staff", "staff.notice_ended", []string{notice}, []string{review}, "2", "工作台"},
		{"staff", "staff.filings", nil, []string{issued}, "2", "工作台"},
		{"", "public.issued", []string{issued}, []string{draft, notice, "中华人民共和国标准化法"}, "", "标准"},
	} {
		token := ""
		if tc.who != "" {
			token = e.login(tc.who)
		}
		r := e.request("GET", "/", token, nil)
		wantStatus(t, r, http.StatusOK)
		doc := parsePage(t, r)
		got := sectionLinks(t, doc, tc.key)
		for _, id := range tc.want {
			if !contains(got, id) {
				t.Errorf("%s: section %s lists %v, lacks %s", tc.who, tc.key, got, id)
			}
		}
		for _, id := range tc.not {
			if contains(got, id) {
				t.Errorf("%s: section %s lists %s", tc.who, tc.key, id)
			}
		}
		if h := find(doc, func(n *html.Node) bool { return n.Data == "h1" }); h == nil || textOf(h) != tc.headline {
			t.Errorf("%s: home h1 is not %q", tc.who, tc.headline)
		}
		badge := find(doc, has("span", "class", "badge"))
		if (badge == nil) != (tc.badge == "") || badge != nil && textOf(badge) != tc.badge {
			t.Errorf("%s: header count %v, want %q", tc.who, badge, tc.badge)
		}
	}
	// Each item leads to the form where its action is taken.
	doc := parsePage(t, e.request("GET", "/", e.login("staff"), nil))
	for id, target := range map[string]string{review: "#actions", notice: "#actions"} {
		if find(doc, has("a", "href", "/standards/"+id+target)) == nil {
			t.Errorf("staff's work list does not link %s to %s", id, target)
		}
	}
}

// The office's standards and the library are apart; a law shows its kind
// and its dates, never "unnumbered".
func TestStandardsAndLibrary(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	issued := e.standardIn(workflow.StateIssued, 1)
	_, law, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "law.md", Text: lawText})
	if err != nil {
		t.Fatal(err)
	}
	row := func(doc *html.Node, id string) *html.Node {
		a := find(doc, has("a", "href", "/standards/"+id))
		if a == nil {
			return nil
		}
		return a.Parent.Parent
	}
	lib := e.request("GET", "/library", "", nil)
	wantStatus(t, lib, http.StatusOK)
	doc := parsePage(t, lib)
	if row(doc, issued) != nil {
		t.Error("the library lists the office's own standard")
	}
	tr := row(doc, law)
	if tr == nil {
		t.Fatalf("the library lacks the law:\n%s", lib.body)
	}
	text := textOf(tr)
	for _, want := range []string{"法律", "2017-11-04", "2018-01-01", "现行"} {
		if !strings.Contains(text, want) {
			t.Errorf("the law's row %q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "未编号") || strings.Contains(text, "国家标准") {
		t.Errorf("the law's row %q calls it a standard", text)
	}

	own := e.request("GET", "/standards?sort=number&state=issued", "", nil)
	wantStatus(t, own, http.StatusOK)
	doc = parsePage(t, own)
	if row(doc, law) != nil || row(doc, issued) == nil {
		t.Errorf("/standards should list the issued standard and not the law:\n%s", own.body)
	}
	if tr := row(doc, issued); tr != nil && !strings.Contains(textOf(tr), "DB11/T 9001—2026") {
		t.Errorf("the standard's row lacks its number: %q", textOf(tr))
	}
	bad := e.request("GET", "/standards?sort=size", "", nil)
	wantStatus(t, bad, http.StatusUnprocessableEntity)

	// The library narrows by category, year and status, with counts.
	_, std, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "gbt.md", Text: libraryStandard})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query    string
		want     []string
		not      []string
		facet    string // a facet link the page must offer, with its count
		facetNum string
	}{
		{"", []string{law, std}, nil, "/library?category=%E6%B3%95%E5%BE%8B", "1"},
		{"?category=法律", []string{law}, []string{std}, "/library?category=%E6%B3%95%E5%BE%8B&year=2017", "1"},
		{"?year=2020", []string{std}, []string{law}, "/library?level=national&year=2020", "1"},
		{"?status=superseded", nil, []string{law, std}, "", ""},
	} {
		r := e.request("GET", "/library"+tc.query, "", nil, "Accept-Language", "zh-CN")
		wantStatus(t, r, http.StatusOK)
		doc := parsePage(t, r)
		for _, id := range tc.want {
			if row(doc, id) == nil {
				t.Errorf("/library%s lacks %s", tc.query, id)
			}
		}
		for _, id := range tc.not {
			if row(doc, id) != nil {
				t.Errorf("/library%s lists %s", tc.query, id)
			}
		}
		if tc.facet != "" {
			a := find(doc, has("a", "href", tc.facet))
			if a == nil || a.NextSibling == nil || textOf(a.NextSibling.NextSibling) != tc.facetNum {
				t.Errorf("/library%s: no facet link %s counting %s:\n%s", tc.query, tc.facet, tc.facetNum, r.body)
			}
		}
	}
	r := e.request("GET", "/library?year=20x", "", nil, "Accept-Language", "zh-CN")
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.body), "年份 20x 应为四位数字") {
		t.Errorf("a bad year is not named in Chinese:\n%s", r.body)
	}

	// Staff narrow the office's standards by owner.
	staff := e.login("staff")
	r = e.request("GET", "/standards?owner=drafter", staff, nil)
	wantStatus(t, r, http.StatusOK)
	if row(parsePage(t, r), issued) == nil {
		t.Errorf("owner=drafter lacks the drafter's standard")
	}
	r = e.request("GET", "/standards?owner=staff", staff, nil)
	if row(parsePage(t, r), issued) != nil {
		t.Errorf("owner=staff lists the drafter's standard")
	}
	wantStatus(t, e.request("GET", "/standards?owner=nobody", staff, nil), http.StatusUnprocessableEntity)
}

const libraryStandard = `---
number: GB/T 39604—2020
title: 社会责任管理体系 要求及使用指南
level: national
status: current
issue_date: 2020-12-14
impl_date: 2021-07-01
---

## 1 范围

本文件规定了社会责任管理体系的要求。
`

// The standard page gives readers the text first: the consultation record,
// the review rounds and the relations come after it.
func TestStandardPageTextFirst(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateIssued, 1)
	doc := parsePage(t, e.request("GET", "/standards/"+id, e.login("staff"), nil))
	order := map[string]int{}
	n := 0
	var walk func(*html.Node)
	walk = func(node *html.Node) {
		n++
		if node.Type == html.ElementNode {
			if v, ok := attr(node, "id"); ok {
				if _, seen := order[v]; !seen {
					order[v] = n
				}
			}
			if c, _ := attr(node, "class"); node.Data == "article" && c == "text" {
				order["article.text"] = n
			}
		}
		for c := node.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	text, ok := order["article.text"]
	if !ok {
		t.Fatal("no article.text on the standard page")
	}
	for _, after := range []string{"reviews", "relations", "aftercare"} {
		at, ok := order[after]
		if !ok {
			t.Errorf("no #%s on the page of an issued standard", after)
		} else if at < text {
			t.Errorf("#%s comes before the text", after)
		}
	}
}
