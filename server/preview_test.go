package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// The preview renders a text as the page does, sanitized, for accounts only.
func TestPreview(t *testing.T) {
	e := newEnv(t)
	in := map[string]string{"body": "## 4 要求\n\n4.1.3 条文。\n\n<script>alert(1)</script>\n"}
	r := e.request("POST", "/api/v1/preview", e.login("drafter"), in)
	wantStatus(t, r, http.StatusOK)
	var v struct {
		HTML    string
		Outline []struct{ Clause string }
	}
	r.JSON(t, &v)
	if !strings.Contains(v.HTML, `id="c-4"`) || !strings.Contains(v.HTML, "4.1.3") || strings.Contains(v.HTML, "<script") {
		t.Errorf("preview html = %s", v.HTML)
	}
	if len(v.Outline) < 2 || v.Outline[1].Clause != "4.1.3" {
		t.Errorf("preview outline = %+v", v.Outline)
	}
	wantStatus(t, e.request("POST", "/api/v1/preview", "", in), http.StatusUnauthorized)
}
