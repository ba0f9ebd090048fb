package docs

import (
	"norma/internal/corpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintCorpusStandards runs the check over every real standard of the
// shared corpus: none may have an error under the rules it is drafted to,
// and the findings per rule are logged (also with GB/T 1.1-2020 forced) to
// watch for false positives.
func TestLintCorpusStandards(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus.Path(t, "standards"), "*.md"))
	if len(files) == 0 {
		t.Fatal("the shared corpus holds no standards")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		fs := Lint(text)
		for _, x := range fs {
			if x.Severity == SeverityError {
				t.Errorf("%s: %d %s %s", filepath.Base(f), x.Line, x.Rule, x.Message)
			}
		}
		t.Logf("%s (%s): %s", filepath.Base(f), RuleSet(metaOf(text)), countFindings(fs))
		forced := forceRules(text, RulesGBT11)
		t.Logf("%s (forced %s): %s", filepath.Base(f), RulesGBT11, countFindings(Lint(forced)))
	}
}

func metaOf(text string) Meta {
	m, _, _ := ParseFrontMatter(text)
	return m
}

// forceRules adds rules: to the front matter of a text.
func forceRules(text, rules string) string {
	return strings.Replace(text, "---\n", "---\nrules: "+rules+"\n", 1)
}
