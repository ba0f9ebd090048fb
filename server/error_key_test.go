package server_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/workflow"
)

// mutedText returns the text of the page's p.muted, where the error page
// shows the message.
func mutedText(tb testing.TB, body []byte) string {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		tb.Fatal(err)
	}
	var find func(*html.Node) string
	find = func(n *html.Node) string {
		if n.Type == html.ElementNode && n.Data == "p" {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "muted" && n.FirstChild != nil {
					return n.FirstChild.Data
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if s := find(c); s != "" {
				return s
			}
		}
		return ""
	}
	return find(doc)
}

// A domain error shows on a page in the visitor's language, through its key.
func TestErrorPageTranslatesTheKey(t *testing.T) {
	e := newEnv(t)
	for lang, want := range map[string]string{"zh-CN": "没有标准 s-missing", "en": "no standard s-missing"} {
		r := e.request("GET", "/standards/s-missing?lang="+lang, "", nil)
		wantStatus(t, r, http.StatusNotFound)
		if got := mutedText(t, r.body); got != want {
			t.Errorf("%s: error page says %q, want %q", lang, got, want)
		}
	}
}

// The API keeps code, message and field, and adds the key with its args.
func TestAPIErrorCarriesTheKey(t *testing.T) {
	e := newEnv(t)
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": "wrong-password"})
	wantStatus(t, r, http.StatusUnauthorized)
	var out struct {
		Error struct{ Code, Message, Field, Key string }
	}
	r.JSON(t, &out)
	if out.Error.Code != workflow.EUNAUTHORIZED || out.Error.Key != "err.session.wrong_password" || out.Error.Message == "" {
		t.Errorf("error = %+v, want unauthorized with its key", out.Error)
	}
}

// Every message key the domain and the store name is in both catalogs.
func TestEveryErrorKeyIsTranslated(t *testing.T) {
	files, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../*/*/*.go")
	files = append(files, more...)
	re := regexp.MustCompile(`"(err\.[a-z_.]+[a-z_])"`)
	keys := map[string]bool{"err.window.notice.unset": true, "err.window.notice.opens": true, "err.window.notice.closed": true}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	if len(keys) < 80 {
		t.Fatalf("found only %d keys; the pattern is broken", len(keys))
	}
	for _, lang := range []string{"zh-CN", "en"} {
		b, err := os.ReadFile("../web/locales/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var cat map[string]string
		if err := json.Unmarshal(b, &cat); err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			if cat[k] == "" {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}

// A history note the domain wrote is shown in the reader's language.
func TestHistoryNoteTranslated(t *testing.T) {
	e := newEnv(t)
	tok := e.login("drafter")
	id := e.createStandard(tok, map[string]any{"title": "机关会议服务规范", "level": "local", "region": "11"})
	for lang, want := range map[string]string{"zh-CN": "新建（未经立项）", "en": "opened directly, without a proposal"} {
		r := e.request("GET", "/api/v1/standards/"+id+"/history?lang="+lang, tok, nil)
		wantStatus(t, r, http.StatusOK)
		var h []struct {
			Action, Note string
			NoteKey      string `json:"note_key"`
		}
		r.JSON(t, &h)
		if len(h) != 1 || h[0].Action != "create" || h[0].Note != want || h[0].NoteKey != "history.created" {
			t.Errorf("%s: history = %+v, want one create noted %q", lang, h, want)
		}
	}
}
