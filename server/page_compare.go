package server

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type comparePage struct {
	Page
	Standard     *workflow.Standard
	Diff         *workflow.RevisionDiff
	Inline, Side template.HTML
	// View is the view shown: "source" (inline and side by side) or
	// "rendered" (the formatted text with the changes marked, in Rendered).
	View     string
	Rendered template.HTML
	// Revisions are those the visitor may compare, for the two pickers.
	Revisions []*workflow.Revision
	// Fields are the front matter fields that changed.
	Fields []fieldChange
	// Export links the Word and PDF files of the newer revision.
	Export *exportLinks
}

// handleComparePage shows what changed between two revisions:
// GET /standards/:id/compare?from=N&to=M (default: the latest against the one before).
func (s *Server) handleComparePage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
	if err != nil {
		return err
	}
	from, to := max(st.Latest-1, 1), st.Latest
	if v, err := strconv.Atoi(c.QueryParam("from")); err == nil {
		from = v
	}
	if v, err := strconv.Atoi(c.QueryParam("to")); err == nil {
		to = v
	}
	d, err := s.svc.Diff(ctx, u, st.ID, from, to)
	if err != nil {
		return err
	}
	revs, err := s.svc.Revisions(ctx, u, st.ID)
	if err != nil {
		return err
	}
	fields, err := s.frontMatterChanges(ctx, u, st.ID, from, to)
	if err != nil {
		return err
	}
	return s.renderDiff(c, st, d, revs, fields)
}

// Views of the comparison page, chosen by ?view=.
const (
	viewSource   = "source"
	viewRendered = "rendered"
)

func (s *Server) renderDiff(c echo.Context, st *workflow.Standard, d *workflow.RevisionDiff, revs []*workflow.Revision, fields []fieldChange) error {
	p := comparePage{Page: s.page(c, st.Title), Standard: st, Diff: d, View: viewSource,
		Revisions: revs, Fields: fields, Export: newExportLinks(currentUser(c), st, &workflow.Revision{Number: d.To})}
	if c.QueryParam("view") == viewRendered {
		p.View, p.Rendered = viewRendered, inPage(d.RenderedHTML())
	} else {
		p.Inline, p.Side = d.InlineHTML(), p.sideHeads(d.SideBySideHTML(), d.From, d.To)
	}
	return s.render(c, http.StatusOK, "diff", p)
}

// sideHeads gives the side-by-side table its column headers, in the page's
// language, so that a screen reader says which side a cell is on.
func (p comparePage) sideHeads(h template.HTML, from, to int) template.HTML {
	const open = `<table class="diff diff-side">`
	ln := p.T("diff.line")
	head := fmt.Sprintf(`<thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>`,
		template.HTMLEscapeString(ln), template.HTMLEscapeString(p.T("diff.side.from", from)),
		template.HTMLEscapeString(ln), template.HTMLEscapeString(p.T("diff.side.to", to)))
	return template.HTML(strings.Replace(string(h), open, open+head, 1)) // #nosec: escaped text in the escaped table
}
