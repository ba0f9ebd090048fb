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
			ids = append(ids, strings.TrimPrefix(href, "/standards/"))
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
		{"drafter", "drafter.drafts", []string{draft}, []string{review, issued}, "3", "工作台"},
		{"drafter", "drafter.review", []string{review}, []string{draft}, "3", "工作台"},
		{"drafter", "drafter.notice", []string{notice}, nil, "3", "工作台"},
		{"expert1", "expert.assigned", []string{review}, []string{draft, notice}, "1", "工作台"},
		{"staff", "staff.review", []string{review}, []string{draft}, "2", "工作台"},
		{"staff", "staff.notice_ended", []string{notice}, []string{review}, "2", "工作台"},
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
}
