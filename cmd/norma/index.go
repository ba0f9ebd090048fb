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
	if _, shared := a.db.(search.Shared); err != nil || (n == 0 && !shared) {
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
		if n, err = a.refill(ctx); err != nil {
			return err
		}
	}
	return a.drain(ctx, idx, n, stderr)
}

// refill makes the worker index every standard: alone, by putting them all
// in the outbox; on a shared database, by forgetting the index's position.
// It returns how many entries wait.
func (a *app) refill(ctx context.Context) (int, error) {
	if _, ok := a.db.(search.Shared); ok {
		return 0, a.position().Save(ctx, 0)
	}
	if _, err := a.db.EnqueueAll(ctx); err != nil {
		return 0, err
	}
	return a.db.CountOutbox(ctx)
}

// worker returns the index worker for idx: on a shared database it follows
// the outbox from the index's own position; alone it consumes the outbox.
func (a *app) worker(idx search.Index, interval time.Duration) *search.Worker {
	w := search.NewWorker(idx, a.db, a.log, interval)
	if sh, ok := a.db.(search.Shared); ok {
		w.Follow(sh, a.position())
	}
	return w
}

// readerPositions is a database that remembers how far a shared index read.
type readerPositions interface {
	ReaderPosition(ctx context.Context, name string) (int64, error)
	SetReaderPosition(ctx context.Context, name string, pos int64) error
}

// position is where this node's index remembers how far it has read the
// shared outbox: beside a Bleve index, or in the database for the one
// Meilisearch index every node feeds.
func (a *app) position() search.Position {
	if rp, ok := a.db.(readerPositions); ok && a.cfg.MeiliURL != "" {
		return dbPosition{rp, "meili:" + a.cfg.MeiliIndex}
	}
	return search.FilePosition(filepath.Join(a.cfg.Data, "index.position"))
}

type dbPosition struct {
	db   readerPositions
	name string
}

func (p dbPosition) Load(ctx context.Context) (int64, error) { return p.db.ReaderPosition(ctx, p.name) }

func (p dbPosition) Save(ctx context.Context, pos int64) error {
	return p.db.SetReaderPosition(ctx, p.name, pos)
}

// drain applies the whole outbox to idx, showing progress.
func (a *app) drain(ctx context.Context, idx search.Index, n int, stderr io.Writer) error {
	w := a.worker(idx, time.Second)
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
	n, err := a.refill(ctx)
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
