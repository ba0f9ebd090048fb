package search

import (
	"context"
	"time"

	"norma/workflow"
)

// Texts gives the plain text of standards, for snippets: the store keeps it
// beside the index, so that neither the index nor the server's memory has
// to hold every text. It also names the assigned experts, whom the index
// learns of only after the store.
type Texts interface {
	FindSearchTexts(ctx context.Context, ids []string) (map[string]workflow.SearchText, error)
	FindExperts(ctx context.Context, standardID string) ([]*workflow.User, error)
}

// TextCacheBytes bounds the texts a Service keeps for snippets.
const TextCacheBytes = 24 << 20

// Service answers searches for accounts: it builds the query, applies who
// may read what, and makes the snippets.
type Service struct {
	idx   Index
	texts Texts
	cache *textCache
}

// NewService returns a search service over an index and the texts.
func NewService(idx Index, texts Texts) *Service {
	return &Service{idx: idx, texts: texts, cache: newTextCache(TextCacheBytes)}
}

// ReaderOf is what an account may find at now: what its reader keys
// (workflow.ReaderKeys) let it read.
func ReaderOf(u *workflow.User, now time.Time) Reader {
	if _, all := workflow.ReaderKeys(u); all {
		return Reader{All: true}
	}
	if u == nil {
		return Reader{Now: now.Unix()}
	}
	return Reader{UserID: u.ID, Now: now.Unix()}
}

// Search runs a request for an account.
func (s *Service) Search(ctx context.Context, actor *workflow.User, r Request) (*Result, error) {
	q, err := r.Validate(ReaderOf(actor, time.Now()))
	if err != nil {
		return nil, err
	}
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	if res.Hits, err = s.stillAssigned(ctx, actor, res.Hits); err != nil {
		return nil, err
	}
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res, s.snippets(ctx, res.Hits, q)
}

// stillAssigned drops the drafts under review that an expert finds only
// because the index still names them: an expert removed from a standard
// loses it from the moment the store commits the removal, not when the
// index catches up. (The counts may include such a hit until it does.)
func (s *Service) stillAssigned(ctx context.Context, actor *workflow.User, hits []Hit) ([]Hit, error) {
	if actor == nil || actor.Role != workflow.RoleExpert {
		return hits, nil
	}
	kept := hits[:0]
	for _, h := range hits {
		if h.State != string(workflow.StateExpertReview) {
			kept = append(kept, h)
			continue
		}
		experts, err := s.texts.FindExperts(ctx, h.ID)
		if err != nil {
			return nil, err
		}
		for _, e := range experts {
			if e.ID == actor.ID {
				kept = append(kept, h)
				break
			}
		}
	}
	return kept, nil
}

// snippets sets each hit's snippet from its text, or from its title while
// the text has not been derived yet.
func (s *Service) snippets(ctx context.Context, hits []Hit, q Query) error {
	terms := q.Terms
	if q.Number != "" {
		terms = append(terms, q.Number)
	}
	texts, err := s.textsOf(ctx, hits)
	if err != nil {
		return err
	}
	for i, h := range hits {
		text, ok := texts[h.ID]
		if !ok {
			text = h.Title
		}
		hits[i].Snippet = Snippet(text, terms)
	}
	return nil
}

// textsOf returns the texts of the hits: from the cache when it holds the
// revision the index names, else from the store.
func (s *Service) textsOf(ctx context.Context, hits []Hit) (map[string]string, error) {
	out := make(map[string]string, len(hits))
	var missing []string
	for _, h := range hits {
		if t, ok := s.cache.get(h.ID, h.TextHash); ok {
			out[h.ID] = t
		} else {
			missing = append(missing, h.ID)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := s.texts.FindSearchTexts(ctx, missing)
	if err != nil {
		return nil, err
	}
	for id, t := range loaded {
		out[id] = t.Text
		s.cache.put(id, t)
	}
	return out, nil
}
