package search

import (
	"context"

	"norma/workflow"
)

// Texts gives the plain text of standards, for snippets: the store keeps it
// beside the index, so that neither the index nor the server's memory has to.
type Texts interface {
	FindSearchTexts(ctx context.Context, ids []string) (map[string]string, error)
}

// Service answers searches for accounts: it builds the query, applies who
// may read what, and makes the snippets.
type Service struct {
	idx   Index
	texts Texts
}

// NewService returns a search service over an index and the texts.
func NewService(idx Index, texts Texts) *Service { return &Service{idx: idx, texts: texts} }

// ReaderOf is what an account may find: staff everything, anyone else
// public texts and what names their account.
func ReaderOf(u *workflow.User) Reader {
	if u.IsStaff() {
		return Reader{All: true}
	}
	if u == nil {
		return Reader{}
	}
	return Reader{UserID: u.ID}
}

// Search runs a request for an account.
func (s *Service) Search(ctx context.Context, actor *workflow.User, r Request) (*Result, error) {
	q, err := r.Validate(ReaderOf(actor))
	if err != nil {
		return nil, err
	}
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res, s.snippets(ctx, res.Hits, q)
}

// snippets sets each hit's snippet from its text, or from its title while
// the text has not been derived yet.
func (s *Service) snippets(ctx context.Context, hits []Hit, q Query) error {
	terms := q.Terms
	if q.Number != "" {
		terms = append(terms, q.Number)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	texts, err := s.texts.FindSearchTexts(ctx, ids)
	if err != nil {
		return err
	}
	for i := range hits {
		text, ok := texts[hits[i].ID]
		if !ok {
			text = hits[i].Title
		}
		hits[i].Snippet = Snippet(text, terms)
	}
	return nil
}
