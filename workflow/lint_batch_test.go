package workflow_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"norma/store/sqlite"
	"norma/workflow"
)

// countingStore is the real SQLite store counting its number lookups.
type countingStore struct {
	*sqlite.DB
	lookups int
}

func (c *countingStore) FindStandardsByNumberBase(ctx context.Context, base string) ([]*workflow.Standard, error) {
	c.lookups++
	return c.DB.FindStandardsByNumberBase(ctx, base)
}

func (c *countingStore) FindStandardsByNumberBases(ctx context.Context, bases []string) (map[string][]*workflow.Standard, error) {
	c.lookups++
	return c.DB.FindStandardsByNumberBases(ctx, bases)
}

func TestLintLooksCitationsUpInOneBatch(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := &countingStore{DB: db}
	svc := workflow.NewService(store, workflow.DefaultConfig(), nil)
	for _, lib := range []struct{ number, status string }{{"GB/T 30001—2015", "current"}} {
		text := fmt.Sprintf("---\nnumber: %s\ntitle: 库中标准\nlevel: national\nstatus: %s\n---\n\n## 1 范围\n\n本文件规定了要求。\n", lib.number, lib.status)
		if _, _, err := svc.Import(ctx, workflow.ImportInput{Path: lib.number + ".md", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	b.WriteString("# 测试\n\n## 1 范围\n\n本文件规定了要求。\n\n## 2 规范性引用文件\n\n下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n\n")
	const cited = 3000
	for i := range cited {
		fmt.Fprintf(&b, "GB/T %d—2015　某标准\n\n", 30001+i)
	}
	store.lookups = 0
	findings, err := svc.Lint(ctx, b.String())
	if err != nil {
		t.Fatal(err)
	}
	if store.lookups > 1 {
		t.Errorf("%d cited numbers took %d lookups, want one batch", cited, store.lookups)
	}
	rules := map[string]int{}
	for _, f := range findings {
		rules[f.Rule]++
	}
	if rules[workflow.RuleRefUnknown] != cited-1 {
		t.Errorf("findings by rule %v, want %d unknown (all but the one in the library)", rules, cited-1)
	}
}
