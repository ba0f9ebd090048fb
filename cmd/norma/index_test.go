package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"norma/docs"
	"norma/internal/poll"
	"norma/workflow"
)

func testConfig(data string) Config {
	cfg := defaultConfig()
	cfg.Data, cfg.LogLevel = data, "error"
	return cfg
}

// waitIndexed waits until the outbox is empty, that is until every change
// reached the index.
func waitIndexed(t *testing.T, a *app) {
	t.Helper()
	poll.Until(t, 30*time.Second, "the outbox to be applied", func() (bool, error) {
		n, err := a.db.CountOutbox(context.Background())
		return err == nil && n == 0, nil // a busy database is asked again
	})
}

// Deleting the index folder and starting again rebuilds it from the store;
// changes stored while no index ran are applied on the next start.
func TestIndexRebuildsAndReplays(t *testing.T) {
	data := t.TempDir()
	if _, errs, code := runCLI(t, "", "import", "--data", data, "testdata/library"); code != 0 {
		t.Fatal(errs)
	}
	if err := os.RemoveAll(filepath.Join(data, "index.bleve")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := openApp(ctx, testConfig(data))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// A change made while no worker runs waits in the outbox.
	text := "---\nid: t-new\ntitle: 新增条例\nlevel: national\n---\n第一条 新增。\n"
	if _, _, err := a.svc.Import(ctx, workflow.ImportInput{Path: "new.md", Text: text}); err != nil {
		t.Fatal(err)
	}
	idx, err := a.startIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	waitIndexed(t, a)
	if n, _ := idx.Count(ctx); n != 5 {
		t.Errorf("after the rebuild the index holds %d documents, want 5", n)
	}
}

func TestReindex(t *testing.T) {
	data := t.TempDir()
	runCLI(t, "", "import", "--data", data, "testdata/library")
	out, errs, code := runCLI(t, "", "reindex", "--data", data)
	if code != 0 || !strings.Contains(out, "reindexed 4 standards") {
		t.Errorf("reindex: exit %d %q %q", code, out, errs)
	}
}

// serve --demo fills an empty folder once: a second start changes nothing,
// and every demo text passes the structure check without errors.
func TestDemo(t *testing.T) {
	t.Setenv("NORMA_DEMO_PASSWORD", "demo-password")
	ctx := context.Background()
	a, err := openApp(ctx, testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := seedDemo(ctx, a); err != nil {
		t.Fatal(err)
	}
	before := demoSnapshot(t, a)
	if err := seedDemo(ctx, a); err != nil {
		t.Fatal(err)
	}
	if after := demoSnapshot(t, a); after != before {
		t.Errorf("a second --demo changed the data:\n%s\n---\n%s", before, after)
	}
	for _, want := range []string{"users admin,drafter,expert1,expert2,staff", "机关事务管理 基础术语 national draft",
		"机关办公区域物业服务评价规范 national expert_review r5", "机关会议服务规范 local public_notice",
		"党政机关公务用车管理规范 local issued", "公共机构能耗定额 local issued"} {
		if !strings.Contains(before, want) {
			t.Errorf("the demo lacks %q:\n%s", want, before)
		}
	}
	testDemoAftercare(t, a)
	testDemoAmendment(t, a)
	list, _, _ := a.db.FindStandards(ctx, workflow.StandardFilter{AllReaders: true})
	for _, st := range list {
		r, _ := a.db.FindRevision(ctx, st.ID, st.Latest)
		for _, f := range docs.Lint(r.Body) {
			if f.Severity == docs.SeverityError {
				t.Errorf("demo %s: %s at line %d: %s", st.Title, f.Rule, f.Line, f.Message)
			}
		}
	}
	if _, _, err := a.svc.Login(ctx, "expert1", "demo-password", "test"); err != nil {
		t.Errorf("the demo password does not log in: %v", err)
	}
}

// demoSnapshot writes down the accounts and standards of a data folder.
func demoSnapshot(t *testing.T, a *app) string {
	t.Helper()
	ctx := context.Background()
	users, _ := a.db.FindUsers(ctx)
	var names []string
	for _, u := range users {
		names = append(names, u.Username)
	}
	lines := []string{"users " + strings.Join(names, ",")}
	list, _, _ := a.db.FindStandards(ctx, workflow.StandardFilter{AllReaders: true})
	for _, st := range list {
		lines = append(lines, st.Title+" "+string(st.Level)+" "+string(st.State)+" r"+itoa(st.Latest)+" "+st.Number+" "+st.ID)
	}
	return strings.Join(lines, "\n")
}
