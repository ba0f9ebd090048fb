package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// The middleware alone: a body larger than it holds is compressed as it
// comes, a flushed body is compressed from the first flush, a redirect
// keeps its status and no body, and an error handled after it goes out plain.
func TestCompressMiddleware(t *testing.T) {
	big := strings.Repeat("第4.1.1条 会务人员应经过岗位培训。\n", 3*gzipStreamAfter/40)
	e := echo.New()
	e.Use(compress())
	e.GET("/big", func(c echo.Context) error {
		for i := 0; i < len(big); i += 7000 {
			if _, err := io.WriteString(c.Response(), big[i:min(len(big), i+7000)]); err != nil {
				return err
			}
		}
		return nil
	})
	e.GET("/flushed", func(c echo.Context) error {
		c.Response().Header().Set("Content-Type", "text/plain")
		io.WriteString(c.Response(), "一")
		c.Response().Flush()
		io.WriteString(c.Response(), "二")
		return nil
	})
	e.GET("/moved", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/big") })
	e.GET("/fails", func(c echo.Context) error { return echo.NewHTTPError(http.StatusTeapot, strings.Repeat("x", 4000)) })
	get := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		return w
	}
	unzip := func(w *httptest.ResponseRecorder) string {
		t.Helper()
		if w.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q", w.Header().Get("Content-Encoding"))
		}
		z, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for range 3 {
		if w := get("/big"); w.Code != 200 || unzip(w) != big {
			t.Fatalf("big body: %d, %d bytes sent", w.Code, w.Body.Len())
		}
	}
	if w := get("/flushed"); !w.Flushed || unzip(w) != "一二" {
		t.Fatalf("flushed body: flushed %v", w.Flushed)
	}
	if w := get("/moved"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/big" || w.Header().Get("Content-Encoding") != "" {
		t.Fatalf("redirect: %d %q %q", w.Code, w.Header().Get("Location"), w.Header().Get("Content-Encoding"))
	}
	if w := get("/fails"); w.Code != http.StatusTeapot || !strings.Contains(w.Body.String(), "xxxx") {
		t.Fatalf("error: %d %q", w.Code, w.Body.String()[:min(40, w.Body.Len())])
	}
}
