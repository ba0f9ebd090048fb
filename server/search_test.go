package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"norma/workflow"
)

type searchResult struct {
	Total int
	Hits  []struct {
		ID, Number, Title, Level, Region, Status, State, Snippet string
		Score                                                    float64
	}
	Facets map[string]map[string]int
}

func (e *env) search(token, query string) (*response, searchResult) {
	e.t.Helper()
	r := e.request("GET", "/api/v1/search?"+query, token, nil)
	var res searchResult
	if r.StatusCode == http.StatusOK {
		r.JSON(e.t, &res)
	}
	return r, res
}

func ids(res searchResult) map[string]bool {
	out := map[string]bool{}
	for _, h := range res.Hits {
		out[h.ID] = true
	}
	return out
}

func TestSearchSeesWhatEachMayRead(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	ctx := context.Background()
	lib := "---\nid: t-wuye\ntitle: 北京市物业管理条例\nlevel: local\nregion: \"11\"\nstatus: current\nissue_date: 2020-03-27\n---\n\n第一条 为了规范物业服务活动，制定本条例。\n"
	if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "t.md", Text: lib}); err != nil {
		t.Fatal(err)
	}
	draft := e.createStandard(e.login("drafter"), nil)
	review := e.standardIn(workflow.StateExpertReview, 1)
	notice := e.standardIn(workflow.StatePublicNotice, 2)
	e.indexed()
	q := "q=" + url.QueryEscape("会议服务")
	for who, want := range map[string][]string{
		"":         {notice},
		"drafter2": {notice},
		"drafter":  {notice, draft, review},
		"expert1":  {notice, review},
		"staff":    {notice, draft, review},
	} {
		token := ""
		if who != "" {
			token = e.login(who)
		}
		r, res := e.search(token, q)
		wantStatus(t, r, http.StatusOK)
		got := ids(res)
		if res.Total != len(want) || len(got) != len(want) {
			t.Errorf("%q finds %d (%v), want %v", who, res.Total, got, want)
		}
		for _, id := range want {
			if !got[id] {
				t.Errorf("%q does not find %s", who, id)
			}
		}
		if n := res.Facets["level"]["local"]; n != res.Total {
			t.Errorf("%q: facet level/local counts %d of %d", who, n, res.Total)
		}
	}
	// The library text: phrase, snippet and filters.
	_, res := e.search("", "q="+url.QueryEscape("物业服务")+"&region=11&status=current")
	if res.Total != 1 || res.Hits[0].ID != "t-wuye" || !slices.Contains(selectTexts(t, res.Hits[0].Snippet, "mark"), "物业服务") {
		t.Errorf("library search = %+v", res)
	}
	// The answer is JSON as it is: marks are not escaped into \u003c.
	if raw, _ := e.search("", "q="+url.QueryEscape("物业服务")); !strings.Contains(string(raw.body), "<mark>物业服务</mark>") {
		t.Errorf("raw answer = %s", raw.body)
	}
	if _, res := e.search("", "q="+url.QueryEscape("物业 服务活动")); res.Total != 1 {
		t.Errorf("two parts: total %d", res.Total)
	}
	if _, res := e.search("", "q="+url.QueryEscape("物业服务")+"&level=national"); res.Total != 0 {
		t.Errorf("a national filter still finds %d", res.Total)
	}
}

func TestSearchFindsChangesAndNumbers(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff := e.login("staff")
	id := e.standardIn(workflow.StateIssued, 7) // numbered DB11/T 9007—2026
	e.indexed()
	for _, q := range []string{"DB11/T 9007—2026", "db11/t9007-2026", "ＤＢ１１／Ｔ　９００７", "DB11/T 9007"} {
		_, res := e.search("", "q="+url.QueryEscape(q))
		if res.Total == 0 || res.Hits[0].ID != id {
			t.Errorf("number query %q: %+v", q, res)
		}
	}
	// A new revision is searchable once the outbox is applied; the old text is not.
	drafter := e.login("drafter")
	fresh := e.createStandard(drafter, nil)
	e.indexed()
	snippetOf := func(q string) string {
		_, res := e.search(drafter, "q="+url.QueryEscape(q))
		for _, h := range res.Hits {
			if h.ID == fresh {
				return h.Snippet
			}
		}
		return ""
	}
	if s := snippetOf("会务人员应"); !strings.Contains(htmlText(t, s), "岗位培训") {
		t.Errorf("snippet before the revision: %q", s)
	}
	body := strings.Replace(meetingText, "会务人员应经过岗位培训。", "会务人员应掌握无障碍服务技能。", 1)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+fresh+"/revisions", drafter, map[string]any{"body": body, "base": 1}), http.StatusCreated)
	e.indexed()
	if _, res := e.search(drafter, "q="+url.QueryEscape("无障碍服务技能")); res.Total != 1 || res.Hits[0].ID != fresh {
		t.Errorf("the new text is not found: %+v", res)
	}
	if _, res := e.search(staff, "q="+url.QueryEscape("岗位培训")); ids(res)[fresh] {
		t.Errorf("the old text still finds %s", fresh)
	}
	// The snippet quotes the new revision, never a text cached before.
	if s := snippetOf("会务人员应"); !strings.Contains(htmlText(t, s), "无障碍服务技能") || strings.Contains(htmlText(t, s), "岗位培训") {
		t.Errorf("snippet after the revision: %q", s)
	}
}

func TestSearchBadParameters(t *testing.T) {
	e := newEnv(t)
	for q, field := range map[string]string{
		"level=city": "level", "page=0": "page", "size=101": "size", "page=x": "page", "sort=name": "sort",
		"q=" + strings.Repeat("字", 201): "q", "status=old": "status", "from=2020-02-30": "from",
		"page=922337203685477580&size=100": "page", "page=101&size=100": "page",
	} {
		r, _ := e.search("", q)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, f, _ := r.Error(t); f != field {
			t.Errorf("%s: field %q, want %q", q, f, field)
		}
	}
}

func TestSimilar(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	ctx := context.Background()
	lib := "---\nid: t-huiyi\ntitle: 机关会议服务管理办法\nlevel: national\nstatus: current\n---\n\n" +
		"第一条 为了规范机关会议服务，提高会议服务质量，制定本办法。\n\n第二条 会务人员应当经过岗位培训，熟悉会场设备操作和应急处置流程。\n\n" +
		"第三条 会场应当配备扩音、照明、通风和应急疏散设施，并定期检查维护。\n\n第四条 会议结束后应当清点物品，恢复会场原状，并记录设备使用情况。\n"
	other := "---\nid: t-water\ntitle: 城市供水条例\nlevel: national\nstatus: current\n---\n\n第一条 为了加强城市供水管理，保障城市生活、生产用水，制定本条例。\n"
	for _, text := range []string{lib, other} {
		if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "x.md", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	e.indexed()
	copyText := strings.Replace(lib, "提高会议服务质量", "提升会议服务水平", 1)
	r := e.request("POST", "/api/v1/similar", "", map[string]any{"title": "机关会议服务规范", "body": copyText})
	wantStatus(t, r, http.StatusOK)
	var out struct {
		Hits []struct {
			ID       string
			Score    float64
			Overlaps []struct {
				Clause, Text string
				OtherClause  string `json:"other_clause"`
				OtherText    string `json:"other_text"`
				Similarity   float64
			}
		}
	}
	r.JSON(t, &out)
	if len(out.Hits) == 0 || out.Hits[0].ID != "t-huiyi" || out.Hits[0].Score < 0.6 || out.Hits[0].Score > 1 {
		t.Fatalf("similar = %+v", out.Hits)
	}
	if len(out.Hits[0].Overlaps) == 0 || out.Hits[0].Overlaps[0].OtherText == "" || out.Hits[0].Overlaps[0].Clause == "" {
		t.Errorf("no overlapping passages side by side: %+v", out.Hits[0])
	}
	for _, h := range out.Hits[1:] {
		if h.ID == "t-water" && h.Score >= out.Hits[0].Score {
			t.Errorf("the unrelated text scores %v", h.Score)
		}
	}
	wantStatus(t, e.request("POST", "/api/v1/similar", "", map[string]any{"title": " "}), http.StatusUnprocessableEntity)
	// A standard's own check leaves itself out and sees only what the caller may read.
	draft := e.createStandard(e.login("drafter"), map[string]any{"title": "机关会议服务规范", "level": "national", "body": copyText})
	e.indexed()
	r = e.request("GET", "/api/v1/standards/"+draft+"/similar", e.login("drafter"), nil)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &out)
	if len(out.Hits) == 0 || out.Hits[0].ID != "t-huiyi" {
		t.Errorf("standard similar = %+v", out.Hits)
	}
	for _, h := range out.Hits {
		if h.ID == draft {
			t.Error("a standard is listed as similar to itself")
		}
	}
	r = e.request("POST", "/api/v1/similar", e.login("drafter2"), map[string]any{"title": "机关会议服务规范", "body": copyText})
	r.JSON(t, &out)
	for _, h := range out.Hits {
		if h.ID == draft {
			t.Error("another drafter's draft shows in the duplicate check")
		}
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+draft+"/similar", e.login("drafter2"), nil), http.StatusNotFound)
}
