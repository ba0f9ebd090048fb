package workflow

import (
	"context"

	"norma/docs"
	"norma/internal/lru"
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

// Relations returns the links of the standard as actor may see them. It
// reads the store a fixed number of times however many numbers the text
// cites: each step looks up all its numbers at once.
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
	if rel.Parent, err = s.relatedByID(ctx, actor, st.Parent); err != nil {
		return nil, err
	}
	reviews, err := s.store.FindPeriodicReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range reviews {
		if p, err := s.relatedByID(ctx, actor, r.ProjectID); err != nil {
			return nil, err
		} else if p != nil {
			rel.Project = p
		}
	}
	placed, err := s.store.FindPlacement(ctx, PlaceStandard, id)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	rel.SystemNode = placed.Node
	return rel, nil
}

// relatedByID links the standard with the id, nil when there is none or
// actor may not read it.
func (s *Service) relatedByID(ctx context.Context, actor *User, id string) (*Related, error) {
	if id == "" {
		return nil, nil
	}
	p, err := s.findStandard(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if !s.canRead(ctx, actor, p) {
		return nil, nil
	}
	return &Related{Number: p.Number, ID: p.ID, Title: p.Title, State: p.State}, nil
}

// related links a number to the standard that carries it among found (as
// FindStandardsByNumbers gives them), when actor may read it.
func (s *Service) related(ctx context.Context, actor *User, number string, found map[string]*Standard) (Related, *Standard) {
	r := Related{Number: number}
	other := found[number]
	if other == nil || !s.canRead(ctx, actor, other) {
		return r, nil
	}
	r.ID, r.Title, r.State = other.ID, other.Title, other.State
	return r, other
}

// replacesChain follows what st replaces, and what that replaced, and so on,
// looking up each step's numbers at once.
func (s *Service) replacesChain(ctx context.Context, actor *User, st *Standard) ([]Related, error) {
	out := []Related{}
	seen := map[string]bool{st.Number: true}
	next := st.Replaces
	for len(next) > 0 && len(out) < maxChain {
		var step []string
		for _, n := range next {
			if !seen[n] {
				seen[n] = true
				step = append(step, n)
			}
		}
		if len(step) == 0 {
			break
		}
		found, err := s.store.FindStandardsByNumbers(ctx, step)
		if err != nil {
			return nil, err
		}
		var more []string
		for _, n := range step {
			r, other := s.related(ctx, actor, n, found)
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
// cited, or for an undated citation the current one. The dated ones are
// looked up at once, and the undated ones at once.
func (s *Service) cites(ctx context.Context, actor *User, st *Standard, rel *Relations) error {
	if st.Level == LevelNational {
		return nil
	}
	cur, err := s.findRevision(ctx, st.ID, st.Latest)
	if err != nil {
		return err
	}
	own := NumberBase(st.Number)
	var cited []docs.StdNumber
	var dated, bases []string
	for _, n := range s.citedNumbers(cur) {
		if n.Undated() == own {
			continue
		}
		cited = append(cited, n)
		if n.Year != "" {
			dated = append(dated, n.String())
		} else {
			bases = append(bases, n.Undated())
		}
	}
	found, err := s.store.FindStandardsByNumbers(ctx, dated)
	if err != nil {
		return err
	}
	editions := map[string][]*Standard{}
	if len(bases) > 0 {
		if editions, err = s.store.FindStandardsByNumberBases(ctx, bases); err != nil {
			return err
		}
	}
	for _, n := range cited {
		if n.Year != "" {
			r, _ := s.related(ctx, actor, n.String(), found)
			rel.Cites = append(rel.Cites, r)
		} else {
			rel.Cites = append(rel.Cites, s.currentEdition(ctx, actor, n, editions[n.Undated()]))
		}
	}
	return nil
}

// currentEdition links an undated number to its current edition among
// editions (newest first), when actor may read it.
func (s *Service) currentEdition(ctx context.Context, actor *User, n docs.StdNumber, editions []*Standard) Related {
	r := Related{Number: n.String()}
	for _, e := range editions {
		if e.State == StateIssued && e.Status != StatusSuperseded && e.Status != StatusAbolished && s.canRead(ctx, actor, e) {
			r.ID, r.Title, r.State = e.ID, e.Title, e.State
			break
		}
	}
	return r
}

// citedNumbers lists, in the order of first mention, the editions of the
// national standards a revision's text cites. A revision never changes, so
// the text is scanned once and the list kept under its hash.
func (s *Service) citedNumbers(r *Revision) []docs.StdNumber {
	key := r.Hash
	if key == "" {
		key = Hash(r.Body)
	}
	if v, ok := s.citedCache.Get(key); ok {
		return v
	}
	out := []docs.StdNumber{}
	seen := map[string]bool{}
	for _, m := range docs.FindNumbers(r.Body) {
		n := m.Number.Edition()
		if n.Level != string(LevelNational) || seen[n.String()] {
			continue
		}
		seen[n.String()] = true
		out = append(out, n)
	}
	s.citedCache.Add(key, out)
	return out
}

// citedCacheBytes bounds what the cited numbers of revisions may hold.
const citedCacheBytes = 4 << 20

func newCitedCache() *lru.Cache[string, []docs.StdNumber] {
	return lru.New[string](citedCacheBytes, func(ns []docs.StdNumber) int64 {
		n := 64
		for _, c := range ns {
			n += len(c.Prefix) + len(c.Code) + len(c.Year) + len(c.Level) + len(c.Region) + len(c.Amendment) + 6*16 + 8
		}
		return int64(n)
	})
}
