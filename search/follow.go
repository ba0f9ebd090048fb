package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"norma/workflow"
)

// Shared is a store whose outbox several nodes share: each node's index
// reads it from its own position and none deletes from it.
type Shared interface {
	FindOutboxAfter(ctx context.Context, after int64, limit int) ([]workflow.OutboxEntry, error)
	// OutboxBounds returns the oldest and newest ids still in the outbox.
	OutboxBounds(ctx context.Context) (first, last int64, err error)
	FindStandardIDs(ctx context.Context) ([]string, error)
}

// Position remembers how far one index has read the shared outbox.
type Position interface {
	Load(ctx context.Context) (int64, error)
	Save(ctx context.Context, pos int64) error
}

// Follow makes the worker read the shared outbox from pos instead of
// consuming it: the way of several nodes on one database.
func (w *Worker) Follow(sh Shared, pos Position) *Worker {
	w.shared, w.pos = sh, pos
	return w
}

// follow applies the shared outbox after the remembered position. An index
// that has read nothing yet, or whose position the outbox has been pruned
// past, is rebuilt from every standard first.
func (w *Worker) follow(ctx context.Context) (int, error) {
	pos, err := w.pos.Load(ctx)
	if err != nil {
		return 0, err
	}
	first, last, err := w.shared.OutboxBounds(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	if pos == 0 || pos > last || (pos > 0 && pos < first-1) {
		if total, err = w.rebuild(ctx, last); err != nil {
			return total, err
		}
		pos = last
	}
	for {
		entries, err := w.shared.FindOutboxAfter(ctx, pos, w.batch)
		if err != nil || len(entries) == 0 {
			return total, err
		}
		if err := w.apply(ctx, entries); err != nil {
			return total, err
		}
		pos = entries[len(entries)-1].ID
		if err := w.pos.Save(ctx, pos); err != nil {
			return total, err
		}
		total += len(entries)
		if w.Progress != nil {
			w.Progress(len(entries))
		}
	}
}

// rebuild indexes every standard and remembers the outbox as read up to
// head: changes after head are read from the outbox next.
func (w *Worker) rebuild(ctx context.Context, head int64) (int, error) {
	ids, err := w.shared.FindStandardIDs(ctx)
	if err != nil {
		return 0, err
	}
	w.log.Info("search index: indexing every standard", "standards", len(ids))
	for i := 0; i < len(ids); i += w.batch {
		batch := make([]workflow.OutboxEntry, 0, w.batch)
		for _, id := range ids[i:min(i+w.batch, len(ids))] {
			batch = append(batch, workflow.OutboxEntry{StandardID: id})
		}
		if err := w.apply(ctx, batch); err != nil {
			return i, err
		}
		if w.Progress != nil {
			w.Progress(len(batch))
		}
	}
	if c, ok := w.idx.(Compacter); ok && len(ids) >= compactAfter {
		if err := c.Compact(ctx); err != nil {
			return len(ids), err
		}
	}
	// Position 0 means "never read": an empty outbox is remembered as -1.
	if head == 0 {
		head = -1
	}
	return len(ids), w.pos.Save(ctx, head)
}

// FilePosition keeps a position in a file beside the index it belongs to.
type FilePosition string

// Load returns the position in the file, 0 when there is none.
func (p FilePosition) Load(context.Context) (int64, error) {
	b, err := os.ReadFile(string(p))
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("outbox position %s: %w", p, err)
	}
	return n, nil
}

// Save writes the position, whole or not at all.
func (p FilePosition) Save(_ context.Context, pos int64) error {
	tmp, err := os.CreateTemp(filepath.Dir(string(p)), ".position-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(strconv.FormatInt(pos, 10) + "\n"); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), string(p))
}
