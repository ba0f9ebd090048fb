package workflow

import "context"

// Related is a standard a page links to, by number or, when actor may not
// read it or it is not in Norma, by number alone.
type Related struct {
	Number string `json:"number"`
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	State  State  `json:"state,omitempty"`
}

// Relations are the links of a standard: what it replaces (代替) and what
// replaces it (被代替), the revision project a review opened, and its
// module in the standard system.
type Relations struct {
	Replaces   []Related `json:"replaces"`
	ReplacedBy []Related `json:"replaced_by"`
	Project    *Related  `json:"project,omitempty"`
	SystemNode string    `json:"system_node,omitempty"`
}

// Relations returns the links of the standard as actor may see them.
func (s *Service) Relations(ctx context.Context, actor *User, id string) (*Relations, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	rel := &Relations{Replaces: []Related{}, ReplacedBy: []Related{}}
	for _, n := range st.Replaces {
		r := Related{Number: n}
		if other, err := s.store.FindStandardByNumber(ctx, n); err == nil && s.canRead(ctx, actor, other) {
			r.ID, r.Title, r.State = other.ID, other.Title, other.State
		} else if err != nil && ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
		rel.Replaces = append(rel.Replaces, r)
	}
	by, err := s.store.FindReplacing(ctx, st.Number)
	if err != nil {
		return nil, err
	}
	for _, other := range by {
		if s.canRead(ctx, actor, other) {
			rel.ReplacedBy = append(rel.ReplacedBy, Related{Number: other.Number, ID: other.ID, Title: other.Title, State: other.State})
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
