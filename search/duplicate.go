package search

import (
	"context"
	"sort"
	"sync"
	"time"

	"norma/workflow"
)

// TextSource is what the duplicate check reads from the store.
type TextSource interface {
	FindFingerprints(ctx context.Context, since time.Time) ([]workflow.Fingerprint, error)
	FindStandard(ctx context.Context, id string) (*workflow.Standard, error)
	FindRevision(ctx context.Context, standardID string, number int) (*workflow.Revision, error)
	FindExperts(ctx context.Context, standardID string) ([]*workflow.User, error)
}

// SimilarHit is one existing standard like the text checked.
type SimilarHit struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Number   string    `json:"number"`
	State    string    `json:"state"`
	Status   string    `json:"status,omitempty"`
	Score    float64   `json:"score"`
	Overlaps []Overlap `json:"overlaps"`
}

// Similar finds the standards most like a title and text: candidates from
// the MinHash sketches of every standard (LSH bands, and the best estimated
// resemblance or containment), then an exact comparison of each candidate's
// text that also lists the overlapping passages side by side.
type Similar struct {
	src TextSource

	mu      sync.RWMutex
	lsh     *LSH
	prints  map[string]print
	since   time.Time
	checked time.Time
}

// print is what is kept in memory of one standard's fingerprint.
type print struct {
	grams    map[[2]rune]bool // the title's character pairs
	shingles int
	sig      Signature
}

// NewSimilar returns a duplicate checker reading from src.
func NewSimilar(src TextSource) *Similar {
	return &Similar{src: src, lsh: NewLSH(), prints: map[string]print{}}
}

// refresh loads the fingerprints written since the last refresh, at most
// once a second, so that every node sees the sketches the worker stores.
func (s *Similar) refresh(ctx context.Context) error {
	s.mu.RLock()
	fresh := time.Since(s.checked) < time.Second
	s.mu.RUnlock()
	if fresh {
		return nil // checks in the same second share one read lock
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Since(s.checked) < time.Second {
		return nil
	}
	fps, err := s.src.FindFingerprints(ctx, s.since)
	if err != nil {
		return err
	}
	for _, f := range fps {
		sig, err := SignatureFromBytes(f.Sketch)
		if err != nil {
			continue
		}
		s.prints[f.StandardID] = print{grams: bigrams(f.Title), shingles: f.Shingles, sig: sig}
		s.lsh.Put(f.StandardID, sig)
		if f.UpdatedAt.After(s.since) {
			s.since = f.UpdatedAt
		}
	}
	s.checked = time.Now()
	return nil
}

// MaxCandidates is how many standards are compared exactly.
const MaxCandidates = 24

// Check returns up to limit standards the actor may read that are most like
// the title and text, best first; exclude names one to leave out.
func (s *Similar) Check(ctx context.Context, actor *workflow.User, title, text, exclude string, limit int) ([]SimilarHit, error) {
	if err := s.refresh(ctx); err != nil {
		return nil, err
	}
	var hits []SimilarHit
	draft := NewDraft(title, text)
	for _, id := range s.candidates(title, text, exclude) {
		h, ok, err := s.compare(ctx, actor, id, draft)
		if err != nil {
			return nil, err
		}
		if ok && h.Score >= 0.1 {
			hits = append(hits, h)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// candidates ranks every fingerprint by estimated resemblance, containment
// and title likeness, adds the LSH candidates, and keeps the best.
func (s *Similar) candidates(title, text, exclude string) []string {
	sh := Shingles(text)
	sig, grams := Sketch(sh), bigrams(title)
	s.mu.RLock()
	defer s.mu.RUnlock()
	type cand struct {
		id    string
		score float64
	}
	var cs []cand
	for id, p := range s.prints {
		if id == exclude {
			continue
		}
		sc := dice(grams, p.grams)
		if len(sh) > 0 {
			j := sig.Jaccard(p.sig)
			sc = max(sc, j, containment(j, len(sh), p.shingles))
		}
		if sc > 0.05 {
			cs = append(cs, cand{id, sc})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		return cs[i].score > cs[j].score || cs[i].score == cs[j].score && cs[i].id < cs[j].id
	})
	seen := map[string]bool{exclude: true}
	var out []string
	if len(sh) > 0 {
		for _, id := range s.lsh.Candidates(sig) {
			if !seen[id] && len(out) < MaxCandidates/2 {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for _, c := range cs {
		if len(out) >= MaxCandidates {
			break
		}
		if !seen[c.id] {
			seen[c.id] = true
			out = append(out, c.id)
		}
	}
	return out
}

// containment estimates |A∩B|/|A| from the Jaccard estimate and the sizes.
func containment(j float64, a, b int) float64 {
	if a == 0 || j <= 0 {
		return 0
	}
	inter := j * float64(a+b) / (1 + j)
	return min(1, inter/float64(a))
}

// compare loads a candidate the actor may read and compares it exactly.
func (s *Similar) compare(ctx context.Context, actor *workflow.User, id string, draft *Draft) (SimilarHit, bool, error) {
	st, err := s.src.FindStandard(ctx, id)
	if workflow.ErrorCode(err) == workflow.ENOTFOUND {
		return SimilarHit{}, false, nil
	} else if err != nil {
		return SimilarHit{}, false, err
	}
	if ok, err := workflow.CanReadStored(ctx, s.src, actor, st, time.Now()); err != nil || !ok {
		return SimilarHit{}, false, err
	}
	r, err := s.src.FindRevision(ctx, id, st.Latest)
	if err != nil {
		return SimilarHit{}, false, err
	}
	score, overlaps := draft.Compare(st.Title, r.Body)
	if overlaps == nil {
		overlaps = []Overlap{}
	}
	return SimilarHit{ID: st.ID, Title: st.Title, Number: st.Number, State: string(st.State),
		Status: string(st.Status), Score: score, Overlaps: overlaps}, true, nil
}
