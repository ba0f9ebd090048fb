package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/search"
	"norma/workflow"
)

type searchPage struct {
	Page
	Q, Sort    string
	Filters    map[string]string
	FacetOrder []string
	Result     *search.Result
	Error      string
	Pg         int
	More       bool
	query      url.Values
}

// FacetURL is the search with one filter set (or cleared, for "").
func (p searchPage) FacetURL(field, value string) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Del("page")
	if value == "" {
		q.Del(field)
	} else {
		q.Set(field, value)
	}
	return "/search?" + q.Encode()
}

// PageURL is the search on another page.
func (p searchPage) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	return "/search?" + q.Encode()
}

// FacetLabel words a facet value in the page's language.
func (p searchPage) FacetLabel(field, value string) string {
	switch field {
	case "level", "status":
		return p.T(field + "." + value)
	case "region":
		return workflow.RegionName(value, p.Lang)
	}
	return value
}

// Snippet marks a hit's snippet safe: search.Snippet escapes the text and
// adds only <mark>.
func (p searchPage) Snippet(s string) template.HTML { return template.HTML(s) }

// handleSearchPage shows the search form and its results: GET /search.
func (s *Server) handleSearchPage(c echo.Context) error {
	r, err := searchRequest(c)
	p := searchPage{Page: s.page(c, ""), Q: r.Q, Sort: r.Sort, Filters: map[string]string{}, FacetOrder: search.FacetFields,
		Pg: r.Page, query: c.QueryParams()}
	p.Title = p.T("search.title")
	for _, f := range []string{"level", "region", "status", "state", "category", "from", "to"} {
		if v := c.QueryParam(f); v != "" {
			p.Filters[f] = v
		}
	}
	if err == nil {
		r.Size = 20
		p.Result, err = s.search.Search(c.Request().Context(), currentUser(c), r)
	}
	if err != nil {
		if workflow.ErrorCode(err) != workflow.EINVALID {
			return err
		}
		p.Error = s.message(c, err)
		return s.render(c, http.StatusUnprocessableEntity, "search", p)
	}
	p.More = r.Page*r.Size < p.Result.Total
	return s.render(c, http.StatusOK, "search", p)
}
