package meili

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/search"
)

// fake stands in for a Meilisearch server in the tests that run without
// one: it answers the calls the engine makes, in Meilisearch's documented
// JSON, and records what it was sent. It checks what meilisearch-go puts
// on the wire and how the engine reads the answers, not how Meilisearch
// matches; the contract suite (MEILI_URL) checks that.
type fake struct {
	mu       sync.Mutex
	exists   bool              // the index exists
	failType string            // the type of task that fails
	tasks    []string          // the type of each task; its uid is its place + 1
	sent     map[string][]byte // the last body per "METHOD /path"
	searches []map[string]any  // the search requests, in order
	// results are the ids a search finds, in order, by its filter; every
	// hit is a national standard.
	results map[string][]string
}

func newFake(t *testing.T) (*fake, string) {
	t.Helper()
	f := &fake{sent: map[string][]byte{}, results: map[string][]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"status":"available"}`)
	})
	mux.HandleFunc("GET /indexes/{uid}", f.getIndex)
	mux.HandleFunc("POST /indexes", f.task("indexCreation"))
	mux.HandleFunc("PATCH /indexes/{uid}/settings", f.task("settingsUpdate"))
	mux.HandleFunc("POST /indexes/{uid}/documents", f.task("documentAdditionOrUpdate"))
	mux.HandleFunc("POST /indexes/{uid}/documents/delete-batch", f.task("documentDeletion"))
	mux.HandleFunc("GET /tasks/{id}", f.getTask)
	mux.HandleFunc("POST /indexes/{uid}/search", f.search)
	mux.HandleFunc("POST /multi-search", f.multiSearch)
	srv := httptest.NewServer(f.record(mux))
	t.Cleanup(srv.Close)
	return f, srv.URL
}

// record keeps the body of every request.
func (f *fake) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.sent[r.Method+" "+r.URL.Path] = body
		f.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		w.Header().Set("Content-Type", "application/json")
		next.ServeHTTP(w, r)
	})
}

func (f *fake) getIndex(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.exists {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Index `+"`"+r.PathValue("uid")+"`"+` not found.","code":"index_not_found","type":"invalid_request","link":"https://docs.meilisearch.com/errors#index_not_found"}`)
		return
	}
	io.WriteString(w, `{"uid":"`+r.PathValue("uid")+`","primaryKey":"key","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}`)
}

// task enqueues a task of a type and answers 202 with its summary.
func (f *fake) task(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if typ == "indexCreation" {
			f.exists = true
		}
		f.tasks = append(f.tasks, typ)
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"taskUid":`+strconv.Itoa(len(f.tasks))+`,"indexUid":"t","status":"enqueued","type":"`+typ+`","enqueuedAt":"2025-01-01T00:00:00Z"}`)
	}
}

func (f *fake) getTask(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	uid, _ := strconv.Atoi(r.PathValue("id"))
	typ := f.tasks[uid-1]
	status, failure := "succeeded", ""
	if typ == f.failType {
		status = "failed"
		failure = `,"error":{"message":"Invalid value at .typoTolerance: unknown field","code":"invalid_settings_typo_tolerance","type":"invalid_request","link":""}`
	}
	io.WriteString(w, `{"uid":`+r.PathValue("id")+`,"indexUid":"t","status":"`+status+`","type":"`+typ+`"`+failure+`,"enqueuedAt":"2025-01-01T00:00:00Z"}`)
}

func (f *fake) search(w http.ResponseWriter, r *http.Request) {
	var req map[string]any
	json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	json.NewEncoder(w).Encode(f.answer(req))
}

func (f *fake) multiSearch(w http.ResponseWriter, r *http.Request) {
	var multi struct{ Queries []map[string]any }
	json.NewDecoder(r.Body).Decode(&multi)
	f.mu.Lock()
	defer f.mu.Unlock()
	results := []any{}
	for _, q := range multi.Queries {
		results = append(results, f.answer(q))
	}
	json.NewEncoder(w).Encode(map[string]any{"results": results})
}

// answer records a search request and answers it from f.results, one page
// as page and hitsPerPage ask.
func (f *fake) answer(req map[string]any) map[string]any {
	f.searches = append(f.searches, req)
	filter, _ := req["filter"].(string)
	ids := f.results[filter]
	page, _ := req["page"].(float64)
	perPage, _ := req["hitsPerPage"].(float64)
	from := min(len(ids), int(page-1)*int(perPage))
	hits := []map[string]any{}
	for _, id := range ids[from:min(len(ids), from+int(perPage))] {
		hits = append(hits, map[string]any{"id": id, "level": "national", "body": "正文 " + id, "_rankingScore": 0.5})
	}
	resp := map[string]any{"hits": hits, "totalHits": len(ids), "page": page, "hitsPerPage": perPage}
	if req["facets"] != nil {
		resp["facetDistribution"] = map[string]any{"level": map[string]int{"national": len(ids)}}
	}
	return resp
}

func openFake(t *testing.T, f *fake, url string) *Index {
	t.Helper()
	x, err := Open(context.Background(), url, "secret", "t")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Open(ctx, "http://127.0.0.1:1", "", "t")
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:1 is unreachable") {
		t.Fatalf("Open of an unreachable server: %v", err)
	}
}

func TestOpenCreatesIndexWithSettings(t *testing.T) {
	f, url := newFake(t)
	openFake(t, f, url)
	if diff := cmp.Diff([]string{"indexCreation", "settingsUpdate"}, f.tasks); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	var created map[string]any
	json.Unmarshal(f.sent["POST /indexes"], &created)
	if diff := cmp.Diff(map[string]any{"uid": "t", "primaryKey": "key"}, created); diff != "" {
		t.Errorf("create index (-want +got):\n%s", diff)
	}
	var settings map[string]any
	json.Unmarshal(f.sent["PATCH /indexes/t/settings"], &settings)
	want := map[string]any{
		"searchableAttributes": []any{"title_search", "number", "number_keys", "title_en", "body_search"},
		"localizedAttributes":  []any{map[string]any{"attributePatterns": []any{"*"}, "locales": []any{"cmn"}}},
		"pagination":           map[string]any{"maxTotalHits": float64(maxTotalHits)},
	}
	for k, v := range want {
		if diff := cmp.Diff(v, settings[k]); diff != "" {
			t.Errorf("settings %s (-want +got):\n%s", k, diff)
		}
	}
	if tt, _ := settings["typoTolerance"].(map[string]any); tt["enabled"] != false {
		t.Errorf("typoTolerance = %v, want enabled false", settings["typoTolerance"])
	}
}

func TestOpenFailedTask(t *testing.T) {
	f, url := newFake(t)
	f.exists, f.failType = true, "settingsUpdate"
	_, err := Open(context.Background(), url, "", "t")
	var te *TaskError
	if !errors.As(err, &te) || te.Code != "invalid_settings_typo_tolerance" ||
		!strings.Contains(err.Error(), "Invalid value at .typoTolerance") {
		t.Fatalf("Open with a failing settings task: %v", err)
	}
}

func TestPutSendsRecords(t *testing.T) {
	f, url := newFake(t)
	f.exists = true
	x := openFake(t, f, url)
	d := search.Document{ID: "gb-t-1.1", Number: "GB/T 1.1—2020", NumberKeys: []string{"GB/T 1.1—2020", "GB/T 1.1"},
		Title: "标准化工作导则", IssueDate: "2020-03-31", UpdatedAt: time.Unix(1700000000, 0), Readers: []string{"public"}}
	if err := x.Put(context.Background(), d, search.Document{ID: "undated"}); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	json.Unmarshal(f.sent["POST /indexes/t/documents"], &recs)
	if len(recs) != 2 {
		t.Fatalf("sent %d records, want 2", len(recs))
	}
	got := map[string]any{"key": recs[0]["key"], "id": recs[0]["id"], "issue_ts": recs[0]["issue_ts"], "updated_ts": recs[0]["updated_ts"]}
	want := map[string]any{"key": "gb-t-1_2E1", "id": "gb-t-1.1", "issue_ts": float64(18352), "updated_ts": float64(1700000000)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if _, ok := recs[1]["issue_ts"]; ok {
		t.Errorf("an undated record has issue_ts %v", recs[1]["issue_ts"])
	}
	if err := x.Delete(context.Background(), "gb-t-1.1", ""); err != nil {
		t.Fatal(err)
	}
	if got := string(f.sent["POST /indexes/t/documents/delete-batch"]); got != `["gb-t-1_2E1"]` {
		t.Errorf("delete sent %s", got)
	}
}

// checkSearch compares the parts of a search request the engine decides.
func checkSearch(t *testing.T, req map[string]any, q, filter string, page, perPage int) {
	t.Helper()
	f, _ := req["filter"].(string)
	got := map[string]any{"q": req["q"], "filter": f, "page": req["page"], "hitsPerPage": req["hitsPerPage"],
		"matchingStrategy": req["matchingStrategy"], "locales": req["locales"], "showRankingScore": req["showRankingScore"]}
	want := map[string]any{"q": q, "filter": filter, "page": float64(page), "hitsPerPage": float64(perPage),
		"matchingStrategy": "all", "locales": []any{"cmn"}, "showRankingScore": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("search request (-want +got):\n%s", diff)
	}
}

func TestSearchTiers(t *testing.T) {
	f, url := newFake(t)
	f.exists = true
	x := openFake(t, f, url)
	title := titleFilter([]string{"物业"})
	f.results = map[string][]string{
		`number_keys = "GB 1"`:                             {"n1"},
		`NOT number_keys = "GB 1" AND ` + title:            {"a1", "a2"},
		`NOT number_keys = "GB 1" AND NOT (` + title + `)`: {"b1", "b2", "b3", "b4", "b5"},
	}
	all := []string{"n1", "a1", "a2", "b1", "b2", "b3", "b4", "b5"}
	for size := 1; size <= 9; size++ {
		var got []string
		for page := 1; page <= len(all)/size+1; page++ {
			q := search.Query{Terms: []string{"物业"}, Number: "GB 1", Page: page, Size: size,
				Sort: search.SortRelevance, Reader: search.Reader{All: true}}
			res, err := x.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(all) || res.Facets["level"]["national"] != len(all) {
				t.Fatalf("size %d page %d: total %d, facets %v; want %d", size, page, res.Total, res.Facets, len(all))
			}
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
		}
		if diff := cmp.Diff(all, got); diff != "" {
			t.Errorf("pages of %d (-want +got):\n%s", size, diff)
		}
	}
}

func TestSearchRequests(t *testing.T) {
	f, url := newFake(t)
	f.exists = true
	x := openFake(t, f, url)
	base := `level = "national" AND (readers IN ["public", "user:7"] OR (public_from <= 0 AND public_until > 0))`
	title := titleFilter([]string{"GB/T", "1.1"})
	f.results = map[string][]string{base + ` AND number_keys = "GB/T 1.1"`: {"n1"}}
	q := search.Query{Terms: []string{"GB/T", "1.1"}, Number: "GB/T 1.1", Level: "national", Page: 1, Size: 2,
		Reader: search.Reader{UserID: 7}}
	if _, err := x.Search(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if len(f.searches) != 4 {
		t.Fatalf("%d searches, want 3 counts and 1 page", len(f.searches))
	}
	checkSearch(t, f.searches[0], "", base+` AND number_keys = "GB/T 1.1"`, 1, 0)
	checkSearch(t, f.searches[1], `"GB/T" "1.1"`, base+` AND NOT number_keys = "GB/T 1.1" AND `+title, 1, 0)
	checkSearch(t, f.searches[2], `"GB/T" "1.1"`, base+` AND NOT number_keys = "GB/T 1.1" AND NOT (`+title+`)`, 1, 0)
	checkSearch(t, f.searches[3], "", base+` AND number_keys = "GB/T 1.1"`, 1, 2)
	if diff := cmp.Diff([]any{"issue_ts:desc"}, f.searches[0]["sort"]); diff != "" {
		t.Errorf("sort of the number tier (-want +got):\n%s", diff)
	}
	if f.searches[1]["sort"] != nil {
		t.Errorf("a relevance search sorts by %v", f.searches[1]["sort"])
	}

	f.searches = nil
	q = search.Query{Terms: []string{"物业服务"}, Sort: search.SortDate, Page: 3, Size: 5, Reader: search.Reader{All: true}}
	if _, err := x.Search(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if len(f.searches) != 1 {
		t.Fatalf("a date search of one tier made %d searches, want 1", len(f.searches))
	}
	checkSearch(t, f.searches[0], `"物 业 服 务"`, "", 3, 5)
	if diff := cmp.Diff([]any{"issue_ts:desc"}, f.searches[0]["sort"]); diff != "" {
		t.Errorf("sort (-want +got):\n%s", diff)
	}
}
