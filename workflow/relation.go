package workflow

import (
	"context"

	"norma/docs"
)

// Related is a standard a page links to, by number or, when actor may not
// read it or it is not in Norma, by number alone.
type Related struct {
	Number string `json:"number"`
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	State  State  `json:"state,omitempty"`
}

// Relations are the links of a standard: what it replaces (代替) and what
// replaces it (被代替), each followed along its chain, nearest first; the
// national standards its text cites; its amendment sheets, or on a sheet
// the standard it amends; the revision project a review opened; and its
// module in the standard system.
type Relations struct {
	Replaces   []Related   `json:"replaces"`
	ReplacedBy []Related   `json:"replaced_by"`
	Cites      []Related   `json:"cites"`
	Amendments []Amendment `json:"amendments"`
	Parent     *Related    `json:"parent,omitempty"`
	Project    *Related    `json:"project,omitempty"`
	SystemNode string      `json:"system_node,omitempty"`
}

// maxChain bounds how far a 代替 chain is followed.
const maxChain = 20

// Relations returns the links of the standard as actor may see them.
func (s *Service) Relations(ctx context.Context, actor *User, id string) (*Relations, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	rel := &Relations{Cites: []Related{}}
	if rel.Replaces, err = s.replacesChain(ctx, actor, st); err != nil {
		return nil, err
	}
	if rel.ReplacedBy, err = s.replacedByChain(ctx, actor, st); err != nil {
		return nil, err
	}
	if err := s.cites(ctx, actor, st, rel); err != nil {
		return nil, err
	}
	if rel.Amendments, err = s.Amendments(ctx, actor, id); err != nil {
		return nil, err
	}
	if st.Parent != "" {
		if p, err := s.store.FindStandard(ctx, st.Parent); err == nil && s.canRead(ctx, actor, p) {
			rel.Parent = &Related{Number: p.Number, ID: p.ID, Title: p.Title, State: p.State}
		} else if err != nil && ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	reviews, err := s.store.FindPeriodicReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range reviews {
		if p, err := s.store.FindStandard(ctx, r.ProjectID); r.ProjectID != "" && err == nil && s.canRead(ctx, actor, p) {
			rel.Project = &Related{Number: p.Number, ID: p.ID, Title: p.Title, State: p.State}
		}
	}
	placed, err := s.store.FindPlacements(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range placed {
		if p.Kind == PlaceStandard && p.Ref == id {
			rel.SystemNode = p.Node
		}
	}
	return rel, nil
}

// related links a number to the standard that carries it, when actor may
// read it.
func (s *Service) related(ctx context.Context, actor *User, number string) (Related, *Standard, error) {
	r := Related{Number: number}
	other, err := s.store.FindStandardByNumber(ctx, number)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return r, nil, nil
		}
		return r, nil, err
	}
	if !s.canRead(ctx, actor, other) {
		return r, nil, nil
	}
	r.ID, r.Title, r.State = other.ID, other.Title, other.State
	return r, other, nil
}

// replacesChain follows what st replaces, and what that replaced, and so on.
func (s *Service) replacesChain(ctx context.Context, actor *User, st *Standard) ([]Related, error) {
	out := []Related{}
	seen := map[string]bool{st.Number: true}
	next := st.Replaces
	for len(next) > 0 && len(out) < maxChain {
		var more []string
		for _, n := range next {
			if seen[n] {
				continue
			}
			seen[n] = true
			r, other, err := s.related(ctx, actor, n)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
			if other != nil {
				more = append(more, other.Replaces...)
			}
		}
		next = more
	}
	return out, nil
}

// replacedByChain follows what replaces st, and what replaced that, and so on.
func (s *Service) replacedByChain(ctx context.Context, actor *User, st *Standard) ([]Related, error) {
	out := []Related{}
	seen := map[string]bool{st.ID: true}
	next := []string{st.Number}
	for len(next) > 0 && len(out) < maxChain {
		var more []string
		for _, n := range next {
			by, err := s.store.FindReplacing(ctx, n)
			if err != nil {
				return nil, err
			}
			for _, other := range by {
				if seen[other.ID] || !s.canRead(ctx, actor, other) {
					continue
				}
				seen[other.ID] = true
				out = append(out, Related{Number: other.Number, ID: other.ID, Title: other.Title, State: other.State})
				if other.Number != "" {
					more = append(more, other.Number)
				}
			}
		}
		next = more
	}
	return out, nil
}

// cites lists the national standards the latest text of a standard other
// than a national one cites, each linked to the library's edition: the one
// cited, or for an undated citation the current one.
func (s *Service) cites(ctx context.Context, actor *User, st *Standard, rel *Relations) error {
	if st.Level == LevelNational {
		return nil
	}
	cur, err := s.store.FindRevision(ctx, st.ID, st.Latest)
	if err != nil {
		return err
	}
	own := NumberBase(st.Number)
	seen := map[string]bool{}
	for _, m := range docs.FindNumbers(cur.Body) {
		n := m.Number.Edition()
		if n.Level != string(LevelNational) || seen[n.String()] || n.Undated() == own {
			continue
		}
		seen[n.String()] = true
		r, err := s.citedEdition(ctx, actor, n)
		if err != nil {
			return err
		}
		rel.Cites = append(rel.Cites, r)
	}
	return nil
}

func (s *Service) citedEdition(ctx context.Context, actor *User, n docs.StdNumber) (Related, error) {
	if n.Year != "" {
		r, _, err := s.related(ctx, actor, n.String())
		return r, err
	}
	r := Related{Number: n.String()}
	editions, err := s.store.FindStandardsByNumberBase(ctx, n.Undated())
	if err != nil {
		return r, err
	}
	for _, e := range editions {
		if e.State == StateIssued && e.Status != StatusSuperseded && e.Status != StatusAbolished && s.canRead(ctx, actor, e) {
			r.ID, r.Title, r.State = e.ID, e.Title, e.State
			break
		}
	}
	return r, nil
}
