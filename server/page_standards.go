package server

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
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
	Statuses  []workflow.Status
	Sorts     []string
	// Facets counts the library per field and value; FacetOrder is the
	// order of the fields.
	Facets     map[string]map[string]int
	FacetOrder []string
	// Owners are the accounts staff may filter the office's standards by.
	Owners []*workflow.User
	path   string
	query  url.Values
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

// FacetURL is the list with one filter set (or cleared, for ""), from its
// first page.
func (p standardsPage) FacetURL(field, value string) string {
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
	return p.path + "?" + q.Encode()
}

// FacetLabel words a facet value in the page's language.
func (p standardsPage) FacetLabel(field, value string) string {
	switch field {
	case "level", "status":
		return p.T(field + "." + value)
	case "region":
		return workflow.RegionName(value, p.Lang)
	}
	return value
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
	ctx, u := c.Request().Context(), currentUser(c)
	owners, err := s.listOwners(ctx, u, library)
	if err != nil {
		return err
	}
	f, filters, pg, err := listFilter(c, library, owners)
	if err != nil {
		return err
	}
	list, total, err := s.svc.Standards(ctx, u, f)
	if err != nil {
		return err
	}
	p := standardsPage{Page: s.page(c, ""), Library: library, Standards: list, Total: total, Pg: pg,
		Pages: max(1, (total+listSize-1)/listSize), Filters: filters, States: workflow.States, Levels: workflow.Levels,
		Statuses: []workflow.Status{workflow.StatusCurrent, workflow.StatusSuperseded, workflow.StatusAbolished},
		Sorts:    []string{workflow.SortUpdated, workflow.SortNumber, workflow.SortTitle}, Owners: owners,
		path: c.Request().URL.Path, query: c.QueryParams()}
	p.Title = p.T("list.standards")
	if library {
		p.Title = p.T("list.library")
		if p.Facets, err = s.svc.StandardFacets(ctx, u, f); err != nil {
			return err
		}
		p.FacetOrder = workflow.FacetFields
	}
	return s.render(c, http.StatusOK, "standards", p)
}

// listOwners are the accounts staff may pick as owner on /standards.
func (s *Server) listOwners(ctx context.Context, u *workflow.User, library bool) ([]*workflow.User, error) {
	if library || !u.IsStaff() {
		return nil, nil
	}
	all, err := s.svc.Users(ctx, u)
	var out []*workflow.User
	for _, a := range all {
		if a.Role == workflow.RoleDrafter || a.IsStaff() {
			out = append(out, a)
		}
	}
	return out, err
}

var reYear = regexp.MustCompile(`^[0-9]{4}$`)

// listFilter reads the filters of a list page from its query.
func listFilter(c echo.Context, library bool, owners []*workflow.User) (workflow.StandardFilter, map[string]string, int, error) {
	f := workflow.StandardFilter{Library: &library, Limit: listSize}
	filters := map[string]string{}
	for _, k := range []string{"state", "level", "region", "sort", "mine", "owner", "category", "status", "year"} {
		if v := c.QueryParam(k); v != "" {
			filters[k] = v
		}
	}
	if v, ok := filters["state"]; ok {
		st := workflow.State(v)
		if !st.Valid() {
			return f, nil, 0, workflow.FieldError("state", "no state %q", v).WithKey("err.list.state", workflow.Args{"value": v})
		}
		f.State = &st
	}
	if v, ok := filters["level"]; ok {
		l := workflow.Level(v)
		if !l.Valid() {
			return f, nil, 0, workflow.FieldError("level", "no level %q", v).WithKey("err.list.level", workflow.Args{"value": v})
		}
		f.Level = &l
	}
	if v, ok := filters["status"]; ok {
		st := workflow.Status(v)
		if !st.Valid() {
			return f, nil, 0, workflow.FieldError("status", "no status %q", v).WithKey("err.list.status", workflow.Args{"value": v})
		}
		f.Status = &st
	}
	if v, ok := filters["year"]; ok {
		if !reYear.MatchString(v) {
			return f, nil, 0, workflow.FieldError("year", "year %q is not four digits", v).WithKey("err.list.year", workflow.Args{"value": v})
		}
		f.Year = &v
	}
	if v, ok := filters["region"]; ok {
		f.Region = &v
	}
	if v, ok := filters["category"]; ok {
		f.Category = &v
	}
	if err := ownerFilter(c, &f, filters, owners); err != nil {
		return f, nil, 0, err
	}
	switch f.Sort = filters["sort"]; f.Sort {
	case "", workflow.SortUpdated, workflow.SortNumber, workflow.SortTitle:
	default:
		return f, nil, 0, workflow.FieldError("sort", "sort is updated, number or title, not %q", f.Sort).
			WithKey("err.list.sort", workflow.Args{"value": f.Sort})
	}
	pg := 1
	if v := c.QueryParam("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, nil, 0, workflow.FieldError("page", "page must be a whole number from 1").WithKey("err.list.page", nil)
		}
		pg = n
	}
	f.Offset = (pg - 1) * listSize
	return f, filters, pg, nil
}

// ownerFilter narrows the list to one owner: anyone signed in to their own
// (mine=1), staff to any account they may pick (owner=username).
func ownerFilter(c echo.Context, f *workflow.StandardFilter, filters map[string]string, owners []*workflow.User) error {
	u := currentUser(c)
	if u != nil && filters["mine"] != "" {
		f.Owner = &u.ID
	}
	name, ok := filters["owner"]
	if !ok {
		return nil
	}
	for _, o := range owners {
		if o.Username == name {
			f.Owner = &o.ID
			return nil
		}
	}
	return workflow.FieldError("owner", "no account %q to filter by", name).WithKey("err.list.owner", workflow.Args{"value": name})
}
