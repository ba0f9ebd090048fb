package server_test

import (
	"html/template"
	"net/http"
	"os"
	"strings"
	"testing"

	"norma/docs"
	"norma/internal/corpus"
)

// Each revision's page shows its own text, however often and in whatever
// order the revisions are asked for: the rendering is kept per text.
func TestRevisionPagesKeepTheirOwnRendering(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	text2 := strings.Replace(meetingText, "### 4.2 设施", "### 4.2 场地与设施", 1)
	r := e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1})
	wantStatus(t, r, http.StatusCreated)
	for range 2 {
		for n, want := range map[string]string{"1": "设施", "2": "场地与设施"} {
			page := e.request("GET", "/standards/"+id+"?rev="+n, drafter, nil)
			wantStatus(t, page, http.StatusOK)
			if !strings.Contains(string(page.body), `class="clause clause-clause">4.2 `+want+"<") {
				t.Errorf("revision %s page lacks heading %q", n, want)
			}
			if n == "1" && strings.Contains(string(page.body), "场地与设施") {
				t.Error("revision 1 page shows revision 2's heading")
			}
			var view struct{ HTML string }
			e.request("GET", "/api/v1/standards/"+id+"/revisions/"+n, drafter, nil).JSON(t, &view)
			if strings.Contains(view.HTML, "场地与设施") != (n == "2") {
				t.Errorf("revision %s JSON html: %q", n, view.HTML)
			}
		}
	}
}

// The outline a standard page lists is made once per text and kept; it is,
// byte for byte, what the page's template made from the outline on every
// view before, for a small text and for a long real one.
func TestOutlineKeptIsTheOutlineMadeEachTime(t *testing.T) {
	inline := template.Must(template.New("nav").Parse(`<ol>
    {{range .}}{{if or .Heading (eq .Kind "element")}}
      <li class="depth-{{.Depth}}"><a href="#{{.Anchor}}">{{if .Number}}{{.Number}} {{end}}{{.Title}}</a></li>
    {{end}}{{end}}
    </ol>`))
	e := newEnv(t)
	drafter := e.login("drafter")
	texts := []string{meetingText}
	if p, ok := corpus.Lookup(t, "standards", "gb-55001-2021.md"); ok {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		id := e.createStandard(drafter, map[string]any{"body": text})
		var want strings.Builder
		if err := inline.Execute(&want, docs.Clauses(text)); err != nil {
			t.Fatal(err)
		}
		if strings.Count(want.String(), "<li") < 3 {
			t.Fatalf("outline of %d items: %s", strings.Count(want.String(), "<li"), want.String())
		}
		for range 2 { // made, then kept
			page := string(e.request("GET", "/standards/"+id, drafter, nil).body)
			if !strings.Contains(page, want.String()) {
				t.Fatalf("the page's outline is not the one the template made:\n%s", want.String()[:min(600, want.Len())])
			}
		}
	}
}
