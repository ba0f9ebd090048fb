package server

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"norma/search"
	"norma/workflow"
)

// handleSearch searches what the caller may read: GET /api/v1/search.
func (s *Server) handleSearch(c echo.Context) error {
	r, err := searchRequest(c)
	if err != nil {
		return err
	}
	res, err := s.search.Search(c.Request().Context(), currentUser(c), r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// searchRequest reads the query parameters of a search.
func searchRequest(c echo.Context) (search.Request, error) {
	q := c.QueryParams()
	r := search.Request{Q: q.Get("q"), Level: q.Get("level"), Region: q.Get("region"), Status: q.Get("status"),
		State: q.Get("state"), Category: q.Get("category"), From: q.Get("from"), To: q.Get("to"),
		Sort: q.Get("sort"), Page: 1, Size: 20}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &r.Page}, {"size", &r.Size}} {
		if v := strings.TrimSpace(q.Get(p.name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return r, workflow.FieldError(p.name, "%s must be a whole number", p.name).WithKey("err.field.whole_number", workflow.Args{"field": p.name})
			}
			*p.dst = n
		}
	}
	return r, nil
}

type similarRequest struct {
	Title   string `json:"title"`
	Body    string `json:"body"`
	Exclude string `json:"exclude"`
}

type similarResponse struct {
	Hits []search.SimilarHit `json:"hits"`
}

// similarLimit is how many similar standards a check returns.
const similarLimit = 10

// handleSimilar checks a title and text against every standard:
// POST /api/v1/similar.
func (s *Server) handleSimilar(c echo.Context) error {
	var in similarRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(in.Title) == "" && strings.TrimSpace(in.Body) == "":
		return workflow.FieldError("title", "give a title, a text or both").WithKey("err.similar.empty", nil)
	case utf8.RuneCountInString(in.Title) > 200:
		return workflow.FieldError("title", "title has at most 200 characters").WithKey("err.similar.title_long", nil)
	}
	if err := workflow.CheckText("body", in.Body); err != nil {
		return err
	}
	hits, err := s.similar.Check(c.Request().Context(), currentUser(c), in.Title, in.Body, in.Exclude, similarLimit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, similarResponse{Hits: nonNil(hits)})
}

// handleStandardSimilar checks a standard's latest text against all others:
// GET /api/v1/standards/:id/similar.
func (s *Server) handleStandardSimilar(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
	if err != nil {
		return err
	}
	r, err := s.svc.Revision(ctx, u, st.ID, st.Latest)
	if err != nil {
		return err
	}
	hits, err := s.similar.Check(ctx, u, st.Title, r.Body, st.ID, similarLimit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, similarResponse{Hits: nonNil(hits)})
}

func nonNil(h []search.SimilarHit) []search.SimilarHit {
	if h == nil {
		return []search.SimilarHit{}
	}
	return h
}
