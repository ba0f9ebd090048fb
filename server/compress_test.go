package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"norma/workflow"
)

// gunzip decompresses a gzip body, failing the test on a bad stream.
func gunzip(tb testing.TB, b []byte) []byte {
	tb.Helper()
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(z)
	if err != nil {
		tb.Fatalf("bad gzip stream: %v", err)
	}
	return out
}

// A page sent compressed is, once decompressed, the page sent plain, byte
// for byte, also when many are compressed at once (the writers are reused).
func TestCompressedPagesMatchPlain(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	e.indexed() // the search page is the same from one request to the next
	staff := e.login("staff")
	for _, path := range []string{"/standards/" + id, "/search?q=" + "会议", "/standards/" + id + "/compare?from=1&to=1"} {
		plain := e.request("GET", path, staff, nil, "Accept-Encoding", "identity")
		if plain.StatusCode != http.StatusOK {
			continue // a page this standard does not have
		}
		if plain.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s: encoded %q for a client that asked for none", path, plain.Header.Get("Content-Encoding"))
		}
		if len(plain.body) < 2048 {
			t.Fatalf("%s: %d bytes, too short to test compression", path, len(plain.body))
		}
		var wg sync.WaitGroup
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.request("GET", path, staff, nil, "Accept-Encoding", "gzip, deflate")
				if r.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
					t.Errorf("%s: Content-Encoding %q, Vary %q", path, r.Header.Get("Content-Encoding"), r.Header.Get("Vary"))
					return
				}
				if r.Header.Get("Content-Length") != "" && r.Header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
					t.Errorf("%s: Content-Length %s for %d bytes", path, r.Header.Get("Content-Length"), len(r.body))
				}
				if got := gunzip(t, r.body); !bytes.Equal(got, plain.body) {
					i := 0
					for i < len(got) && i < len(plain.body) && got[i] == plain.body[i] {
						i++
					}
					t.Errorf("%s: decompressed page differs from the plain one (%d and %d bytes) at %d: %q / %q", path, len(got), len(plain.body), i, got[max(0, i-80):min(len(got), i+40)], plain.body[max(0, i-80):min(len(plain.body), i+40)])
				}
			}()
		}
		wg.Wait()
	}
	// A short answer goes out plain, an error page too.
	if r := e.request("GET", "/healthz", "", nil, "Accept-Encoding", "gzip"); r.Header.Get("Content-Encoding") != "" {
		t.Fatalf("healthz: Content-Encoding %q on %d bytes", r.Header.Get("Content-Encoding"), len(r.body))
	}
	r := e.request("GET", "/standards/no-such-standard", "", nil, "Accept-Encoding", "gzip")
	wantStatus(t, r, http.StatusNotFound)
	body := r.body
	if r.Header.Get("Content-Encoding") == "gzip" {
		body = gunzip(t, body)
	}
	if !bytes.Contains(body, []byte("<html")) {
		t.Fatalf("404 page: %q", body)
	}
}

// A page reads the standard once per request, never across requests: a
// comment or a transition made between two reads shows on the second, and
// the read rule follows the new state at once.
func TestPageShowsWritesAtOnce(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	staff := e.login("staff")
	page := func(token string) *response { return e.request("GET", "/standards/"+id, token, nil) }
	before := page(staff)
	wantStatus(t, before, http.StatusOK)
	wantStatus(t, page(""), http.StatusNotFound) // the public does not read a standard under review
	const said = "建议明确培训学时和考核方式。"
	if bytes.Contains(before.body, []byte(said)) {
		t.Fatal("the comment is on the page before it is made")
	}
	wantStatus(t, e.comment(e.login("expert1"), id, map[string]any{"revision": 1, "quote": map[string]any{"exact": quoted}, "body": said}), http.StatusCreated)
	if after := page(staff); !bytes.Contains(after.body, []byte(said)) {
		t.Fatal("the comment made between two reads is not on the second")
	}
	// A transition: the expert's comment is disposed, the standard goes to
	// public notice, and the public reads it at once.
	var list []commentView
	e.request("GET", "/api/v1/standards/"+id+"/comments", staff, nil).JSON(t, &list)
	if len(list) != 1 {
		t.Fatalf("comments: %+v", list)
	}
	drafter := e.login("drafter")
	r := e.request("GET", "/api/v1/standards/"+id+"/comments", drafter, nil)
	var cs []struct{ ID int64 }
	r.JSON(t, &cs)
	wantStatus(t, e.request("PUT", "/api/v1/comments/"+strconv.FormatInt(cs[0].ID, 10)+"/disposition", drafter,
		map[string]any{"decision": "not_accepted", "reason": "学时由各单位自定。"}), http.StatusOK)
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30}), http.StatusOK)
	pub := page("")
	wantStatus(t, pub, http.StatusOK)
	if !bytes.Contains(pub.body, []byte("/standards/"+id+"/public-comment")) {
		t.Fatal("the page after approval has no public notice form")
	}
	const public = "建议增加培训频次。"
	wantStatus(t, e.publicComment(id, map[string]any{"name": "张三", "organization": "某区机关事务中心", "body": public}, ""), http.StatusCreated)
	if !bytes.Contains(page("").body, []byte(public)) {
		t.Fatal("the public comment is not on the next read of the page")
	}
}
