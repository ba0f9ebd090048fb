package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// A page that holds a kept text whole goes out as one gzip member that
// carries the text's own blocks and unzips to the page, byte for byte,
// wherever the text stands in it; a page that does not hold it is
// compressed as any other.
func TestSplicedText(t *testing.T) {
	text := newDeflatedText(strings.Repeat("<p>第5.2条 会议室应按预约顺序使用，会后恢复原状。</p>\n", 300))
	around := strings.Repeat("<li>导航 · 目录</li>", 200)
	e := echo.New()
	e.Use(compress())
	var body string
	e.GET("/page", func(c echo.Context) error {
		offerDeflated(c, text)
		return c.HTMLBlob(200, []byte(body))
	})
	for _, tc := range []struct{ name, body string }{
		{"middle", around + text.plain + around},
		{"start", text.plain + around},
		{"end", around + text.plain},
		{"alone", text.plain},
		{"twice", around + text.plain + "<hr>" + text.plain},
		{"absent", around + strings.Repeat("别的正文。", 900)},
	} {
		body = tc.body
		r := httptest.NewRequest("GET", "/page", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %d, Content-Encoding %q", tc.name, w.Code, w.Header().Get("Content-Encoding"))
		}
		sent := w.Body.Bytes()
		z, err := gzip.NewReader(bytes.NewReader(sent))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := io.ReadAll(z)
		if err != nil {
			t.Fatalf("%s: the gzip stream does not read back: %v", tc.name, err)
		}
		if string(got) != tc.body {
			t.Fatalf("%s: unzipped %d bytes, want the %d of the page", tc.name, len(got), len(tc.body))
		}
		if carries := bytes.Contains(sent, text.raw); carries != (tc.name != "absent") {
			t.Errorf("%s: the answer carries the kept blocks: %v", tc.name, carries)
		}
	}
	// Without gzip the page goes out plain.
	body = around + text.plain
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest("GET", "/page", nil))
	if w.Body.String() != body || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("a client without gzip got %d bytes, Content-Encoding %q", w.Body.Len(), w.Header().Get("Content-Encoding"))
	}
}
