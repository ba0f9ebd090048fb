package docx_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"norma/docs"
	"norma/docs/docx"
)

// benchTexts are the demo texts and, when the shared corpus is beside the
// repository, GB 55001—2021 (108 KB).
func benchTexts(tb testing.TB) map[string]string {
	tb.Helper()
	paths, _ := filepath.Glob("../../cmd/norma/demo/*.md")
	paths = append(paths, "../../../shared/corpus/standards/gb-55001-2021.md")
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		out[strings.TrimSuffix(filepath.Base(p), ".md")] = string(b)
	}
	if len(out) == 0 {
		tb.Skip("no texts to export")
	}
	return out
}

func BenchmarkWrite(b *testing.B) {
	for name, text := range benchTexts(b) {
		m, _, _ := docs.ParseFrontMatter(text)
		d := docx.Document{Meta: m, Text: text, Cover: docx.Cover{Banner: "中华人民共和国国家标准", Stage: "征求意见稿"}}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if err := docx.Write(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
