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
	// Options are the numbered clauses as a select's options, none chosen,
	// made once: a law of three hundred articles offers each of them in
	// the comment and feedback forms.
	Options template.HTML
	// Deflated is HTML compressed once, for pages sent with gzip.
	Deflated *deflatedText
}

// clauseOptions is what the clause-options part shows.
type clauseOptions struct {
	Outline  []docs.Clause
	Selected string
}

func newRenderCache() *lru.Cache[string, *renderedRevision] {
	return lru.New[string](renderCacheBytes, func(r *renderedRevision) int64 {
		n := len(r.HTML) + len(r.Plain) + len(r.Nav) + len(r.Options) + r.Deflated.size()
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
	// Readers who open the same text at once wait for one rendering.
	v, _, _ := s.rendering.Do(key, func() (any, error) {
		if v, ok := s.renders.Get(key); ok {
			return v, nil
		}
		s.textsRendered.Add(1)
		v := s.renderText(r.Body)
		s.renders.Add(key, v)
		return v, nil
	})
	return v.(*renderedRevision)
}

// renderText renders a text with its outline, plain text and kept parts.
func (s *Server) renderText(body string) *renderedRevision {
	v := &renderedRevision{HTML: inPage(docs.Render(body)), Outline: docs.Clauses(body), Plain: docs.PlainText(body)}
	var nav strings.Builder
	if err := s.views.RenderPart(&nav, "standard", "outline-nav", v.Outline); err != nil {
		panic(err) // the part is parsed at start; it fails only on a broken template
	}
	v.Nav = template.HTML(nav.String())
	v.Options = s.clauseOptions(v.Outline, "")
	v.Deflated = newDeflatedText(string(v.HTML))
	return v
}

// clauseOptions returns the numbered clauses of outline as a select's
// options, the one numbered selected chosen.
func (s *Server) clauseOptions(outline []docs.Clause, selected string) template.HTML {
	var b strings.Builder
	if err := s.views.RenderPart(&b, "standard", "clause-options", clauseOptions{outline, selected}); err != nil {
		panic(err) // the part is parsed at start; it fails only on a broken template
	}
	return template.HTML(b.String()) // #nosec: made by html/template
}

// clauseOptionsOf returns the clause options of a text: those kept with
// its rendering when none is chosen, else made for the one chosen (a form
// sent back with its error).
func (s *Server) clauseOptionsOf(text *renderedRevision) func(selected string) template.HTML {
	return func(selected string) template.HTML {
		if selected == "" {
			return text.Options
		}
		return s.clauseOptions(text.Outline, selected)
	}
}

var inPageTags = strings.NewReplacer("<h1>", `<h2 class="doc-title">`, "<h1 ", `<h2 class="doc-title" `, "</h1>", "</h2>",
	"<table>", `<div class="table-scroll" tabindex="0"><table>`, "<table ", `<div class="table-scroll" tabindex="0"><table `,
	"</table>", "</table></div>")

// inPage fits a rendered text into a page: the page's own h1 is its title,
// so the text's h1 (the title, repeated) becomes an h2; a table scrolls
// inside its own box on a narrow screen instead of widening the page. h is
// sanitized HTML, where a literal "<h1" or "<table" can only be a tag.
func inPage(h template.HTML) template.HTML {
	return template.HTML(inPageTags.Replace(string(h))) // #nosec: sanitized HTML, only wrapped and renamed tags
}
