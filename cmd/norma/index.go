package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"norma/search"
	"norma/search/bleve"
	"norma/search/meili"
)

// openIndex opens the configured search engine: Meilisearch when
// NORMA_MEILI_URL is set, else the Bleve index under the data folder. fresh
// reports an index that was just created, empty, and must be filled.
func (a *app) openIndex(ctx context.Context) (idx search.Index, fresh bool, err error) {
	if a.cfg.MeiliURL != "" {
		m, err := meili.Open(ctx, a.cfg.MeiliURL, a.cfg.MeiliKey, a.cfg.MeiliIndex)
		if err != nil {
			return nil, false, err
		}
		n, err := m.Count(ctx)
		return m, err == nil && n == 0, err
	}
	b, err := bleve.Open(filepath.Join(a.cfg.Data, "index.bleve"))
	if err != nil {
		return nil, false, err
	}
	return b, b.Fresh(), nil
}

// indexPending brings the index up to date with the outbox, when this
// process can open the index; a running norma serve holds it and does this
// itself.
func (a *app) indexPending(ctx context.Context, stderr io.Writer) error {
	n, err := a.db.CountOutbox(ctx)
	if err != nil || n == 0 {
		return err
	}
	idx, fresh, err := a.openIndex(ctx)
	if errors.Is(err, bleve.ErrLocked) {
		fmt.Fprintf(stderr, "the search index is held by a running norma serve; it indexes the %d changes itself\n", n)
		return nil
	} else if err != nil {
		return err
	}
	defer idx.Close()
	if fresh {
		if _, err := a.db.EnqueueAll(ctx); err != nil {
			return err
		}
		n, _ = a.db.CountOutbox(ctx)
	}
	return a.drain(ctx, idx, n, stderr)
}

// drain applies the whole outbox to idx, showing progress.
func (a *app) drain(ctx context.Context, idx search.Index, n int, stderr io.Writer) error {
	w := search.NewWorker(idx, a.db, a.log, time.Second)
	p := newProgress(stderr, "index", n, 0)
	w.Progress = func(k int) { p.add(k, 0) }
	_, err := w.Drain(ctx)
	p.done()
	return err
}

// runReindex rebuilds the search index from the store: norma reindex.
func runReindex(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	cfg, err := configFor("reindex", args, stderr, func(c *Config, fs *flagSet) { c.dataFlags(fs.FlagSet); c.searchFlags(fs.FlagSet) })
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	idx, _, err := a.openIndex(ctx)
	if errors.Is(err, bleve.ErrLocked) {
		return &exitError{code: 1, msg: "the search index is held by a running norma serve: stop it first"}
	} else if err != nil {
		return err
	}
	defer idx.Close()
	if err := idx.Clear(ctx); err != nil {
		return err
	}
	n, err := a.db.EnqueueAll(ctx)
	if err != nil {
		return err
	}
	if err := a.drain(ctx, idx, n, stderr); err != nil {
		return err
	}
	count, err := idx.Count(ctx)
	fmt.Fprintf(stdout, "reindexed %d standards\n", count)
	return err
}
