package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/internal/htmlcheck"
	"norma/workflow"
)

// crawlSite is a server filled with a standard in every state, a proposal,
// a library law, comments and feedback, and the values each route parameter
// takes when the crawl expands a route.
type crawlSite struct {
	e *env
	// params maps a route parameter to the values a GET expands it to.
	params map[string][]string
	// posts maps a route parameter to the values a form's POST uses.
	posts map[string][]string
	// extra are pages with a query, or none of the routes' own.
	extra []string
	// roles are the visitors, by the username they sign in with ("" is the public).
	roles []string
	// rules are the ids of the structure findings some text of the site has,
	// which pages show only as a tooltip.
	rules []string
}

// crawlRoles are the accounts of the crawl: Chinese display names and
// usernames that are no role's name, so that a role or state name left
// in English on a page cannot pass for an account name.
var crawlRoles = []struct {
	key, username, name string
	role                workflow.Role
}{
	{"drafter", "zhangming", "张明", workflow.RoleDrafter},
	{"drafter2", "liqiang", "李强", workflow.RoleDrafter},
	{"expert1", "wangfang", "王芳", workflow.RoleExpert},
	{"expert2", "zhaolei", "赵磊", workflow.RoleExpert},
	{"staff", "chenjing", "陈静", workflow.RoleStaff},
	{"admin", "sunli", "孙丽", workflow.RoleAdmin},
}

func newCrawlSite(t *testing.T) *crawlSite {
	t.Helper()
	e := newEnv(t, noNoticeMinimum)
	ctx := context.Background()
	site := &crawlSite{e: e, params: map[string][]string{}, posts: map[string][]string{}, roles: []string{""}}
	// The environment's own accounts are named by their logins, which are
	// role words; give them Chinese display names as an office would, so
	// that the accounts list is read as prose like every other page.
	for login, name := range map[string]string{"admin": "钱管理", "staff": "周办公", "drafter": "吴起草",
		"drafter2": "郑起草", "expert1": "冯专家", "expert2": "陈专家"} {
		n := name
		if _, err := e.svc.UpdateUser(ctx, e.users["admin"], login, workflow.UserPatch{Name: &n}); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range crawlRoles {
		u, err := e.svc.CreateUser(ctx, nil, workflow.NewUser{Username: r.username, Name: r.name, Role: r.role,
			Password: testPassword, Organization: "北京市标准化研究院"})
		if err != nil {
			t.Fatal(err)
		}
		e.users[r.key] = u
		if r.key != "expert2" {
			site.roles = append(site.roles, r.username)
		}
	}
	ids := map[workflow.State]string{}
	for i, st := range []workflow.State{workflow.StateDraft, workflow.StateExpertReview, workflow.StatePublicNotice,
		workflow.StateIssued, workflow.StateWithdrawn, workflow.StateAbolished, workflow.StateSuperseded} {
		ids[st] = e.standardIn(st, i+1)
		site.params["id"] = append(site.params["id"], ids[st])
	}
	drafter, staff, expert := e.login("zhangming"), e.login("chenjing"), e.login("wangfang")
	// A draft with two revisions and a consultation under way.
	draft := ids[workflow.StateDraft]
	wantStatus(t, e.request("POST", "/api/v1/standards/"+draft+"/revisions", drafter,
		map[string]any{"body": strings.Replace(meetingText, "会务人员宜统一着装。", "会务人员宜统一着装，佩戴工作证。", 1), "base": 1, "message": "补充着装要求"}), http.StatusCreated)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+draft+"/consultees", drafter, map[string]any{"organization": "市财政局"}), http.StatusCreated)
	// Review comments, one with a suggestion and a disposition.
	review := ids[workflow.StateExpertReview]
	r := e.comment(expert, review, map[string]any{"revision": 1, "clause": "4.1.1", "body": "建议明确培训学时。",
		"quote": map[string]any{"exact": "岗位培训"}, "suggestion": "岗位培训，每年不少于16学时"})
	wantStatus(t, r, http.StatusCreated)
	cid := fmt.Sprint(r.Map(t)["id"])
	wantStatus(t, e.request("PUT", "/api/v1/comments/"+cid+"/disposition", drafter,
		map[string]any{"decision": "partially_accepted", "reason": "学时由各单位确定。"}), http.StatusOK)
	wantStatus(t, e.comment(expert, review, map[string]any{"revision": 1, "clause": "4.2", "body": "扩音设施应有备用。"}), http.StatusCreated)
	site.posts["cid"] = []string{cid}
	// A notice open for comments, with a public comment.
	notice := e.noticeOpenFor(30)
	site.params["id"] = append(site.params["id"], notice)
	wantStatus(t, e.publicComment(notice, map[string]any{"clause": "4.1.1", "body": "建议增加礼仪要求。", "name": "李四"}, "192.0.2.7"), http.StatusCreated)
	// Feedback on an issued standard.
	issued := ids[workflow.StateIssued]
	r = e.request("POST", "/api/v1/standards/"+issued+"/feedback", "", map[string]any{"clause": "4.2", "kind": "problem",
		"body": "应急疏散设施的要求不够具体。", "name": "王五"})
	wantStatus(t, r, http.StatusCreated)
	site.posts["fid"] = []string{fmt.Sprint(r.Map(t)["id"])}
	// A draft with structure findings, shown in its editor.
	broken := strings.Replace(strings.Replace(meetingText, "### 4.2 设施", "### 4.4 设施", 1), "会务人员应经过", "会务人员必须经过", 1)
	bid := e.createStandard(drafter, map[string]any{"body": broken})
	site.params["id"] = append(site.params["id"], bid)
	var findings []struct{ Rule string }
	r = e.request("POST", "/api/v1/lint", drafter, map[string]any{"body": broken})
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &findings)
	for _, f := range findings {
		site.rules = append(site.rules, f.Rule)
	}
	if len(site.rules) < 2 {
		t.Fatalf("the broken draft has findings %+v", findings)
	}
	// A law in the library.
	_, law, err := e.svc.Import(ctx, workflow.ImportInput{Path: "law.md", Text: lawText})
	if err != nil {
		t.Fatal(err)
	}
	site.params["id"] = append(site.params["id"], law)
	// Proposals: one waiting, one decided.
	for i, decide := range []bool{false, true} {
		p := map[string]any{}
		for k, v := range greening {
			p[k] = v
		}
		p["title"] = []string{"机关食堂服务规范", "机关车辆管理规范"}[i]
		r := e.request("POST", "/api/v1/proposals", drafter, p)
		wantStatus(t, r, http.StatusCreated)
		var out struct{ Proposal struct{ ID int64 } }
		r.JSON(t, &out)
		pid := fmt.Sprint(out.Proposal.ID)
		if out.Proposal.ID == 0 {
			pid = fmt.Sprint(r.Map(t)["id"])
		}
		site.params["pid"] = append(site.params["pid"], pid)
		if decide {
			wantStatus(t, e.request("POST", "/api/v1/proposals/"+pid+"/decision", staff,
				map[string]any{"decision": "reject", "reason": "与现行标准重复。"}), http.StatusOK)
		}
	}
	e.indexed()
	site.params["id"] = append(site.params["id"], "s-nosuchthing9")
	site.params["pid"] = append(site.params["pid"], "999999")
	site.posts["id"] = []string{draft, review, notice, issued}
	site.posts["pid"] = site.params["pid"][:1]
	site.posts["username"] = []string{"wangfang"}
	site.extra = []string{
		"/standards/" + draft + "/compare?from=1&to=2",
		"/standards/" + draft + "/compare?from=1&to=2&view=rendered",
		"/standards/" + draft + "/compare?from=1&to=2&view=source",
		"/standards/" + draft + "/compare?from=1&to=9",
		"/search?q=" + url.QueryEscape("机关会议 服务"),
		"/search?q=" + url.QueryEscape("DB11/T 9004"),
		"/search?q=" + url.QueryEscape("培训") + "&level=local&sort=date",
		"/standards?state=issued&sort=title", "/standards?page=99",
		"/library?sort=number", "/aftercare?within=3650", "/aftercare?within=x",
		"/login?next=%2Fstandards", "/no/such/page", "/standards/" + issued + "/compare?from=x",
	}
	return site
}

// expand lists the paths of a route, one per combination of its parameters'
// values; a parameter the site has no value for fails the test, so that a
// new page is either crawled or named here.
func expand(t *testing.T, route string, values map[string][]string) []string {
	t.Helper()
	i := strings.Index(route, ":")
	if i < 0 {
		return []string{route}
	}
	name, rest, _ := strings.Cut(route[i+1:], "/")
	vals, ok := values[name]
	if !ok {
		t.Fatalf("the crawl has no value for :%s in %s; add one to newCrawlSite", name, route)
	}
	var out []string
	for _, v := range vals {
		tail := ""
		if rest != "" {
			tail = "/" + rest
		}
		out = append(out, expand(t, route[:i]+v+tail, values)...)
	}
	return out
}

// crawlClient signs the role in through the login form; "" stays public.
func (s *crawlSite) client(t *testing.T, username, lang string) *http.Client {
	t.Helper()
	b := s.e.browser()
	path := "/login"
	if lang != "" {
		path += "?lang=" + lang
	}
	s.e.send(b, "GET", path, "", nil)
	if username == "" {
		return b
	}
	csrf := s.e.pageCSRF(b, "/login")
	r := s.e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {username}, "password": {testPassword}})
	wantStatus(t, r, http.StatusSeeOther)
	return b
}

// crawlReport gathers problems, each once with the first page it was seen on.
type crawlReport struct {
	seen  map[string]string
	count map[string]int
	pages int
}

func (r *crawlReport) add(page, problem string) {
	if r.seen == nil {
		r.seen, r.count = map[string]string{}, map[string]int{}
	}
	if _, ok := r.seen[problem]; !ok {
		r.seen[problem] = page
	}
	r.count[problem]++
}

func (r *crawlReport) fail(t *testing.T) {
	t.Helper()
	var keys []string
	for k := range r.seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s (first on %s, %d pages)", k, r.seen[k], r.count[k])
	}
}

// TestCrawlChinese visits every page of every route as every role in
// Chinese — standards in every state, proposals, the library, the
// comparison's views, search, 404s — and posts every form empty to see its
// error re-shown. Each page must read as Chinese (no catalog key, English
// sentence or English state or role name in what a reader sees) and pass
// the accessibility checks.
func TestCrawlChinese(t *testing.T) {
	site := newCrawlSite(t)
	var rep crawlReport
	lint := newPageLint(t, "zh-CN", site.rules)
	for _, role := range site.roles {
		b := site.client(t, role, "")
		for _, u := range site.getPaths(t) {
			site.visit(t, b, role, "GET", u, nil, lint, &rep)
		}
	}
	// Forms posted with nothing filled in come back with their errors.
	for _, role := range site.roles {
		b := site.client(t, role, "")
		for _, u := range site.postPaths(t) {
			site.visit(t, b, role, "POST", u, url.Values{"_csrf": {site.csrf(t, b)}}, lint, &rep)
		}
	}
	b := site.client(t, "", "")
	csrf := site.e.pageCSRF(b, "/login")
	site.visit(t, b, "", "POST", "/login", url.Values{"_csrf": {csrf}, "username": {"zhangming"}, "password": {"wrong-password"}}, lint, &rep)
	if rep.pages < 300 {
		t.Errorf("the crawl saw only %d pages", rep.pages)
	}
	t.Logf("crawled %d pages", rep.pages)
	rep.fail(t)
}

// TestCrawlEnglish visits the pages in English: no catalog key shows, the
// page says it is English, and it passes the same accessibility checks.
func TestCrawlEnglish(t *testing.T) {
	site := newCrawlSite(t)
	var rep crawlReport
	lint := newPageLint(t, "en", site.rules)
	for _, role := range []string{"", "zhangming", "chenjing"} {
		b := site.client(t, role, "en")
		for _, u := range site.getPaths(t) {
			site.visit(t, b, role, "GET", u, nil, lint, &rep)
		}
	}
	rep.fail(t)
}

// csrf is the client's CSRF token, as its cookie holds it.
func (s *crawlSite) csrf(t *testing.T, b *http.Client) string {
	t.Helper()
	u, _ := url.Parse(s.e.srv.URL)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == "norma_csrf" {
			return c.Value
		}
	}
	t.Fatal("the client has no CSRF cookie")
	return ""
}

func (s *crawlSite) getPaths(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, r := range s.e.server.PageRoutes() {
		if r[0] == http.MethodGet {
			out = append(out, expand(t, r[1], s.params)...)
		}
	}
	return append(out, s.extra...)
}

func (s *crawlSite) postPaths(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, r := range s.e.server.PageRoutes() {
		// Signing in and out change who the crawl is; the login form's
		// error is posted on its own.
		if r[0] == http.MethodPost && r[1] != "/logout" && r[1] != "/login" {
			out = append(out, expand(t, r[1], s.posts)...)
		}
	}
	return out
}

// visit requests a page (following a form's redirect) and checks it.
func (s *crawlSite) visit(t *testing.T, b *http.Client, role, method, path string, form url.Values, lint *pageLint, rep *crawlReport) {
	t.Helper()
	var r *response
	if method == http.MethodPost {
		r = s.e.postForm(b, path, form)
	} else {
		r = s.e.send(b, method, path, "", nil)
	}
	where := fmt.Sprintf("%s %s as %q", method, path, role)
	for hops := 0; r.StatusCode == http.StatusSeeOther || r.StatusCode == http.StatusFound; hops++ {
		loc := r.Header.Get("Location")
		if hops > 3 || !strings.HasPrefix(loc, "/") {
			rep.add(where, "redirect to "+loc)
			return
		}
		r = s.e.send(b, "GET", loc, "", nil)
		where += " → " + loc
	}
	if r.StatusCode >= 500 {
		t.Errorf("%s: status %d: %.300s", where, r.StatusCode, r.body)
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		return
	}
	rep.pages++
	for _, p := range lint.check(t, r.body) {
		rep.add(where, p)
	}
}

// pageLint checks one language's pages.
type pageLint struct {
	lang string
	// keys are the catalogs' keys; prefixes their first segments.
	keys, prefixes map[string]bool
	// enums are the domain's own names of states, roles, actions and the
	// like, which a Chinese page must show translated.
	enums map[string]bool
	// rules are structure rule ids, shown only as tooltips.
	rules []string
}

func newPageLint(t *testing.T, lang string, rules []string) *pageLint {
	t.Helper()
	b, err := os.ReadFile("../web/locales/zh-CN.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]string
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	l := &pageLint{lang: lang, keys: map[string]bool{}, prefixes: map[string]bool{}, enums: map[string]bool{}, rules: rules}
	for k := range cat {
		l.keys[k] = true
		l.prefixes[strings.Split(k, ".")[0]] = true
	}
	for _, v := range []string{"draft", "expert_review", "under_review", "public_notice", "issued", "superseded", "abolished",
		"withdrawn", "proposal", "drafter", "expert", "staff", "admin", "public", "consult", "submit", "return", "approve",
		"issue", "withdraw", "abolish", "accepted", "partially_accepted", "not_accepted", "national", "industry", "local",
		"group", "reject", "pending", "approved", "rejected", "problem", "suggestion", "question", "no_comments",
		"continue", "revise", "unanimous", "three_quarters", "created", "imported"} {
		l.enums[v] = true
	}
	return l
}

var (
	reKeyLike = regexp.MustCompile(`\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b`)
	reWord    = regexp.MustCompile(`[A-Za-z]+(?:['’-][A-Za-z]+)*`)
	reLower   = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)*\b`)
	// reWordRun is three or more words apart only by spaces and
	// punctuation within a sentence.
	reWordRun = regexp.MustCompile(`[A-Za-z]+(?:['’-][A-Za-z]+)*(?:[ \t\n,;:]+[A-Za-z]+(?:['’-][A-Za-z]+)*){2,}`)
)

// englishAllowed are runs of English words a Chinese page may show.
var englishAllowed = map[string]bool{}

// check returns the problems of one page.
func (l *pageLint) check(t *testing.T, body []byte) []string {
	t.Helper()
	doc := parseHTML(t, string(body))
	var out []string
	for _, s := range visibleTexts(doc, l.lang) {
		out = append(out, l.checkText(s)...)
	}
	return append(out, accessibility(doc, l.lang)...)
}

func (l *pageLint) checkText(s string) []string {
	var out []string
	for _, r := range l.rules {
		if strings.Contains(s, r) {
			out = append(out, fmt.Sprintf("rule id %q shows outside a tooltip", r))
		}
	}
	for _, m := range reKeyLike.FindAllString(s, -1) {
		if l.keys[m] || l.prefixes[strings.Split(m, ".")[0]] {
			out = append(out, fmt.Sprintf("catalog key %q shows untranslated", m))
		}
	}
	if l.lang == "en" {
		return out
	}
	for _, m := range reWordRun.FindAllString(s, -1) {
		words := reWord.FindAllString(m, -1)
		acronyms := 0
		for _, w := range words {
			if strings.ToUpper(w) == w {
				acronyms++
			}
		}
		if acronyms < len(words) && !englishAllowed[m] {
			out = append(out, fmt.Sprintf("English text %q", m))
		}
	}
	for _, m := range reLower.FindAllString(s, -1) {
		if l.enums[m] {
			out = append(out, fmt.Sprintf("raw name %q in %q", m, trimmed(s)))
		}
	}
	return out
}

func trimmed(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// skipped says whether an element's content is not prose of the page's
// language: code and source text, the text being edited, scripts, and
// what is marked as another language or as not to be translated.
func skipped(n *html.Node, lang string) bool {
	switch n.Data {
	case "script", "style", "code", "pre", "kbd", "samp", "textarea", "template":
		return true
	}
	if l := htmlcheck.Attr(n, "lang"); l != "" && l != lang && n.Data != "html" {
		return true
	}
	return htmlcheck.Attr(n, "translate") == "no"
}

// visibleTexts returns the text a reader sees or hears, in pieces: text
// runs within an element, and labels, placeholders, alternative texts and
// button values. Tooltips (title) may hold identifiers such as rule ids.
func visibleTexts(doc *html.Node, lang string) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if skipped(n, lang) {
				return
			}
			for _, a := range []string{"aria-label", "placeholder", "alt"} {
				if v := htmlcheck.Attr(n, a); v != "" {
					out = append(out, v)
				}
			}
			if n.Data == "input" && slices.Contains([]string{"submit", "button", "reset"}, htmlcheck.Attr(n, "type")) {
				out = append(out, htmlcheck.Attr(n, "value"))
			}
			if n.Data == "head" {
				if t := htmlcheck.First(n, "title"); t != nil {
					out = append(out, htmlcheck.Text(t))
				}
				return
			}
		}
		if n.Type == html.TextNode {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
