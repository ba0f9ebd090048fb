package server_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	chromiumprint "norma/print/chromium"
	"norma/server"
)

// BenchmarkExport times GET …/export over HTTP for each demo text and, when
// the shared corpus is beside the repository, GB 55001—2021 (108 KB):
// go test ./server -run XXX -bench Export -benchtime 5x
func BenchmarkExport(b *testing.B) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		b.Skip("no Chromium: the PDF export benchmark was skipped")
	}
	p := chromiumprint.New(path)
	b.Cleanup(p.Close)
	e := newEnvDeps(b, func(d *server.Deps) { d.Printer = p })
	drafter := e.login("drafter")
	files, _ := filepath.Glob("../cmd/norma/demo/*.md")
	files = append(files, "../../shared/corpus/standards/gb-55001-2021.md")
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		id := e.createStandard(drafter, map[string]any{"body": string(text)})
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		for _, format := range []string{"docx", "pdf"} {
			url := "/api/v1/standards/" + id + "/revisions/1/export?format=" + format
			wantStatus(b, e.request("GET", url, drafter, nil), http.StatusOK) // the browser starts here
			b.Run(format+"/"+name, func(b *testing.B) {
				for b.Loop() {
					if r := e.request("GET", url, drafter, nil); r.StatusCode != http.StatusOK {
						b.Fatalf("status %d", r.StatusCode)
					}
				}
			})
		}
	}
}
