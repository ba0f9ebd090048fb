package workflow

import (
	"context"
	"html/template"

	"norma/docs"
	"norma/docs/diff"
	"norma/internal/lru"
)

// RevisionDiff is what changed between two revisions of a standard.
type RevisionDiff struct {
	From int `json:"from"`
	To   int `json:"to"`
	diff.Diff
	// old and new are the two texts, for RenderedHTML.
	old, new string
}

// RenderedHTML shows the newer text formatted, with the changes against
// the older one marked in <ins> and <del> (see diff.Rendered).
func (d *RevisionDiff) RenderedHTML() template.HTML {
	return diff.Rendered(docs.Render(d.old), docs.Render(d.new))
}

// Diff compares two revisions of a standard the actor may read. Revisions
// stored before line endings were normalized may hold CRLF; the comparison
// counts CRLF and LF as equal.
func (s *Service) Diff(ctx context.Context, actor *User, id string, from, to int) (*RevisionDiff, error) {
	a, err := s.Revision(ctx, actor, id, from)
	if err != nil {
		return nil, err
	}
	b, err := s.Revision(ctx, actor, id, to)
	if err != nil {
		return nil, err
	}
	key := [2]string{revisionKey(a), revisionKey(b)}
	old, new := docs.NormalizeNewlines(a.Body), docs.NormalizeNewlines(b.Body)
	d, ok := s.diffs.Get(key)
	if !ok {
		d = diff.Compute(old, new)
		s.diffs.Add(key, d)
	}
	return &RevisionDiff{From: from, To: to, Diff: d, old: old, new: new}, nil
}

// diffCacheBytes bounds what the cached diffs may hold in memory. Revisions
// are immutable, so a diff of two texts is made once and kept under the
// pair of their hashes while it stays in the cache.
const diffCacheBytes = 64 << 20

func newDiffCache() *lru.Cache[[2]string, diff.Diff] {
	return lru.New[[2]string](diffCacheBytes, func(d diff.Diff) int64 {
		n := 0
		for _, op := range d.Ops {
			n += len(op.Text) + 32
		}
		return int64(n + 128*len(d.Clauses))
	})
}

func revisionKey(r *Revision) string {
	if r.Hash != "" {
		return r.Hash
	}
	return Hash(r.Body)
}
