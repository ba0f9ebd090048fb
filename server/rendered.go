package server

import (
	"html/template"
	"strings"

	"norma/docs"
	"norma/internal/lru"
	"norma/workflow"
)

// renderCacheBytes bounds what the rendered revisions may hold in memory.
const renderCacheBytes = 64 << 20

// renderedRevision is what a page shows of a revision's text. Revisions are
// immutable, so it is made once per text and kept under the text's hash.
type renderedRevision struct {
	HTML    template.HTML
	Outline []docs.Clause
	Plain   string
	// Nav is the outline as the standard page lists it, made once.
	Nav template.HTML
}

func newRenderCache() *lru.Cache[string, *renderedRevision] {
	return lru.New[string](renderCacheBytes, func(r *renderedRevision) int64 {
		n := len(r.HTML) + len(r.Plain) + len(r.Nav)
		for _, c := range r.Outline {
			n += len(c.Number) + len(c.Title) + len(c.Anchor) + 48
		}
		return int64(n)
	})
}

// rendered returns the revision's rendering, outline and plain text, made
// at most once per text while it stays in the cache.
func (s *Server) rendered(r *workflow.Revision) *renderedRevision {
	key := r.Hash
	if key == "" {
		key = workflow.Hash(r.Body)
	}
	if v, ok := s.renders.Get(key); ok {
		return v
	}
	v := &renderedRevision{HTML: docs.Render(r.Body), Outline: docs.Clauses(r.Body), Plain: docs.PlainText(r.Body)}
	var nav strings.Builder
	if err := s.views.RenderPart(&nav, "standard", "outline-nav", v.Outline); err != nil {
		panic(err) // the part is parsed at start; it fails only on a broken template
	}
	v.Nav = template.HTML(nav.String())
	s.renders.Add(key, v)
	return v
}
