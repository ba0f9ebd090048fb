package search

import (
	"context"
	"log/slog"
	"time"

	"norma/workflow"
)

// Source is what the worker reads from the store.
type Source interface {
	FindOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error)
	DeleteOutbox(ctx context.Context, upTo int64) error
	FindDossier(ctx context.Context, standardID string) (*workflow.Dossier, error)
	PutFingerprint(ctx context.Context, f workflow.Fingerprint) error
}

// Worker applies the outbox to an index: every committed change of a
// standard rebuilds its document. An entry leaves the outbox only after the
// index took it, so a crash loses nothing: the outbox replays on restart.
type Worker struct {
	idx      Index
	src      Source
	log      *slog.Logger
	interval time.Duration
	batch    int
	// Progress, when set, is told how many entries each batch applied.
	Progress func(n int)
	shared   Shared   // set by Follow
	pos      Position // set by Follow
}

// NewWorker returns a worker that polls the outbox every interval.
func NewWorker(idx Index, src Source, log *slog.Logger, interval time.Duration) *Worker {
	if log == nil {
		log = slog.Default()
	}
	return &Worker{idx: idx, src: src, log: log, interval: interval, batch: 1000}
}

// Run applies the outbox until ctx ends, backing off after failures.
func (w *Worker) Run(ctx context.Context) {
	wait := w.interval
	for {
		if _, err := w.Drain(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("index worker", "err", err)
			wait = min(2*wait, time.Minute)
		} else {
			wait = w.interval
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// compactAfter is how many entries one drain applies before the index is
// compacted, when its engine can be, if they came as a backlog: a batch of
// the worker's whole size, as after an import or while the index was
// down. A busy office's steady saves come in small batches and never
// compact: a drain that keeps up with them may run for minutes and apply
// thousands of entries, and compacting after it would rewrite the whole
// library's index (seconds of CPU, every reader slowed) for a few new
// texts.
const compactAfter = 1000

// Compacter is an index that can merge itself after a bulk load.
type Compacter interface {
	Compact(ctx context.Context) error
}

// Drain applies outbox entries until none are left and returns how many
// were applied; after a bulk load it compacts the index.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	if w.shared != nil {
		return w.follow(ctx)
	}
	total, backlog := 0, false
	for {
		entries, err := w.src.FindOutbox(ctx, w.batch)
		if err != nil || len(entries) == 0 {
			if c, ok := w.idx.(Compacter); ok && err == nil && backlog && total >= compactAfter {
				err = c.Compact(ctx)
			}
			return total, err
		}
		if err := w.apply(ctx, entries); err != nil {
			return total, err
		}
		if err := w.src.DeleteOutbox(ctx, entries[len(entries)-1].ID); err != nil {
			return total, err
		}
		total += len(entries)
		backlog = backlog || len(entries) >= w.batch
		if w.Progress != nil {
			w.Progress(len(entries))
		}
	}
}

// apply rebuilds the documents of one batch of entries.
func (w *Worker) apply(ctx context.Context, entries []workflow.OutboxEntry) error {
	seen := map[string]bool{}
	var put []Document
	var gone []string
	for _, e := range entries {
		if seen[e.StandardID] {
			continue
		}
		seen[e.StandardID] = true
		d, err := w.src.FindDossier(ctx, e.StandardID)
		if workflow.ErrorCode(err) == workflow.ENOTFOUND {
			gone = append(gone, e.StandardID)
			continue
		} else if err != nil {
			return err
		}
		doc := NewDocument(d.Standard, d.Body, d.Experts)
		doc.NumberKeys = append(doc.NumberKeys, SheetKeys(d.Amendments)...)
		put = append(put, doc)
		if err := w.fingerprint(ctx, d, doc.Body); err != nil {
			return err
		}
	}
	if len(put) > 0 {
		if err := w.idx.Put(ctx, put...); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		return w.idx.Delete(ctx, gone...)
	}
	return nil
}

// fingerprint stores the sketch of the standard's text for the duplicate
// check, and the plain text itself for snippets.
func (w *Worker) fingerprint(ctx context.Context, d *workflow.Dossier, text string) error {
	sh := Shingles(text)
	return w.src.PutFingerprint(ctx, workflow.Fingerprint{StandardID: d.Standard.ID, Title: d.Standard.Title,
		Hash: workflow.Hash(d.Body), Shingles: len(sh), Sketch: Sketch(sh).Bytes(), Text: text,
		UpdatedAt: time.Now().UTC()})
}
