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
// Each sub-benchmark stores its text and exports it once before the clock
// starts (the first PDF starts the browser), so a -bench pattern that
// selects a few texts prepares only those.
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
	ids := map[string]string{} // file → standard, stored on first use
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		for _, format := range []string{"docx", "pdf"} {
			b.Run(format+"/"+name, func(b *testing.B) {
				if ids[f] == "" {
					text, err := os.ReadFile(f)
					if err != nil {
						b.Fatal(err)
					}
					ids[f] = e.createStandard(drafter, map[string]any{"body": string(text)})
				}
				url := "/api/v1/standards/" + ids[f] + "/revisions/1/export?format=" + format
				wantStatus(b, e.request("GET", url, drafter, nil), http.StatusOK) // warm-up, untimed: b.Loop starts the clock
				for b.Loop() {
					if r := e.request("GET", url, drafter, nil); r.StatusCode != http.StatusOK {
						b.Fatalf("status %d", r.StatusCode)
					}
				}
			})
		}
	}
}
