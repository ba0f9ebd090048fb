package search_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"norma/search"
	"norma/search/bleve"
	"norma/store/sqlite"
	"norma/workflow"
)

// compactions counts the compactions of a real index.
type compactions struct {
	*bleve.Index
	n int
}

func (c *compactions) Compact(ctx context.Context) error {
	c.n++
	return c.Index.Compact(ctx)
}

// arriving is the store as a worker reads it while saves keep arriving:
// before each of its first reads of the outbox, more texts are imported.
type arriving struct {
	*sqlite.DB
	svc   *workflow.Service
	t     *testing.T
	each  int
	reads int
	left  int
	next  int
}

func (a *arriving) FindOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error) {
	a.reads++
	if a.left > 0 {
		a.left--
		importTexts(a.t, a.svc, a.next, a.each)
		a.next += a.each
	}
	return a.DB.FindOutbox(ctx, limit)
}

func importTexts(t *testing.T, svc *workflow.Service, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		text := fmt.Sprintf("---\nnumber: DB11/T %d—2024\ntitle: 会议服务规范第%d部分\nlevel: local\nregion: \"11\"\n---\n\n# 会议服务规范\n\n## 1 范围\n\n本文件规定了会议服务第%d部分的要求。\n", 5000+i, i, i)
		if _, _, err := svc.Import(context.Background(), workflow.ImportInput{Path: fmt.Sprintf("t%d.md", i), Text: text}); err != nil {
			t.Fatal(err)
		}
	}
}

// The index is compacted after a backlog (an import of a thousand texts),
// not after a drain that kept up with saves arriving in small batches, however
// many it applied in all.
func TestWorkerCompactsAfterABacklogOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("imports two thousand texts")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := workflow.NewService(db, workflow.DefaultConfig(), time.Now)
	ix, err := bleve.Open(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	idx := &compactions{Index: ix}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	src := &arriving{DB: db, svc: svc, t: t, each: 40, left: 30}
	n, err := search.NewWorker(idx, src, log, time.Second).Drain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1200 || src.reads < 30 {
		t.Fatalf("the drain applied %d entries in %d reads, want 1200 in at least 30", n, src.reads)
	}
	if idx.n != 0 {
		t.Errorf("a drain that kept up with small batches compacted the index %d times", idx.n)
	}

	importTexts(t, svc, 2000, 1000)
	if n, err = search.NewWorker(idx, db, log, time.Second).Drain(ctx); err != nil || n != 1000 {
		t.Fatalf("drained %d, %v", n, err)
	}
	if idx.n != 1 {
		t.Errorf("a backlog of 1000 entries compacted the index %d times, want once", idx.n)
	}
}
