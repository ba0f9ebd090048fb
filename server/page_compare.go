package server

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type comparePage struct {
	Page
	Standard     *workflow.Standard
	Diff         *workflow.RevisionDiff
	Inline, Side template.HTML
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

func (s *Server) renderDiff(c echo.Context, st *workflow.Standard, d *workflow.RevisionDiff, revs []*workflow.Revision, fields []fieldChange) error {
	p := comparePage{Page: s.page(c, st.Title), Standard: st, Diff: d, Inline: d.InlineHTML(), Side: d.SideBySideHTML(),
		Revisions: revs, Fields: fields, Export: newExportLinks(currentUser(c), st, &workflow.Revision{Number: d.To})}
	return s.render(c, http.StatusOK, "diff", p)
}
