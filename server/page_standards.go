package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// listSize is how many standards a list page shows.
const listSize = 50

type standardsPage struct {
	Page
	// Library: the imported texts, else the office's own standards.
	Library   bool
	Standards []*workflow.Standard
	Total     int
	Pg, Pages int
	Filters   map[string]string
	States    []workflow.State
	Levels    []workflow.Level
	Sorts     []string
	path      string
	query     url.Values
}

// PageURL is the list on another page, with the same filters.
func (p standardsPage) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	return p.path + "?" + q.Encode()
}

// Kind words what a text is: for a law or regulation its category (法律,
// 行政法规, 地方性法规, 部门规章, 司法解释…), for a standard its level.
func (p standardsPage) Kind(st *workflow.Standard) string {
	if lawCategory(st) {
		return st.Category
	}
	return p.T("level." + string(st.Level))
}

// Unnumbered says a standard still waits for its number; a law or
// regulation has none by nature and is not "unnumbered".
func (p standardsPage) Unnumbered(st *workflow.Standard) bool {
	return st.Number == "" && !lawCategory(st)
}

// lawCategory reports whether a text is a law or regulation rather than a
// standard (workflow.IsLaw).
func lawCategory(st *workflow.Standard) bool { return workflow.IsLaw(st) }

// handleStandardsPage lists the office's own standards: GET /standards.
func (s *Server) handleStandardsPage(c echo.Context) error { return s.renderList(c, false) }

// handleLibraryPage lists the imported texts: GET /library.
func (s *Server) handleLibraryPage(c echo.Context) error { return s.renderList(c, true) }

func (s *Server) renderList(c echo.Context, library bool) error {
	f, filters, pg, err := listFilter(c, library)
	if err != nil {
		return err
	}
	list, total, err := s.svc.Standards(c.Request().Context(), currentUser(c), f)
	if err != nil {
		return err
	}
	p := standardsPage{Page: s.page(c, ""), Library: library, Standards: list, Total: total, Pg: pg,
		Pages: max(1, (total+listSize-1)/listSize), Filters: filters, States: workflow.States, Levels: workflow.Levels,
		Sorts: []string{workflow.SortUpdated, workflow.SortNumber, workflow.SortTitle}, path: c.Request().URL.Path,
		query: c.QueryParams()}
	p.Title = p.T("list.standards")
	if library {
		p.Title = p.T("list.library")
	}
	return s.render(c, http.StatusOK, "standards", p)
}

// listFilter reads the filters of a list page from its query.
func listFilter(c echo.Context, library bool) (workflow.StandardFilter, map[string]string, int, error) {
	f := workflow.StandardFilter{Library: &library, Limit: listSize}
	filters := map[string]string{}
	for _, k := range []string{"state", "level", "region", "sort", "mine"} {
		if v := c.QueryParam(k); v != "" {
			filters[k] = v
		}
	}
	if v, ok := filters["state"]; ok {
		st := workflow.State(v)
		if !st.Valid() {
			return f, nil, 0, workflow.FieldError("state", "no state %q", v)
		}
		f.State = &st
	}
	if v, ok := filters["level"]; ok {
		l := workflow.Level(v)
		if !l.Valid() {
			return f, nil, 0, workflow.FieldError("level", "no level %q", v)
		}
		f.Level = &l
	}
	if v, ok := filters["region"]; ok {
		f.Region = &v
	}
	if u := currentUser(c); u != nil && filters["mine"] != "" {
		f.Owner = &u.ID
	}
	switch f.Sort = filters["sort"]; f.Sort {
	case "", workflow.SortUpdated, workflow.SortNumber, workflow.SortTitle:
	default:
		return f, nil, 0, workflow.FieldError("sort", "sort is updated, number or title, not %q", f.Sort)
	}
	pg := 1
	if v := c.QueryParam("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, nil, 0, workflow.FieldError("page", "page must be a whole number from 1")
		}
		pg = n
	}
	f.Offset = (pg - 1) * listSize
	return f, filters, pg, nil
}
