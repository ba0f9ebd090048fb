package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/search"
	"norma/web"
	"norma/workflow"
)

type newPage struct {
	Page
	Form *formError
	// Provinces fill the region select, grouped by province; OtherRegion
	// is a posted code the lists do not hold, offered so it is kept.
	Provinces   []workflow.Province
	OtherRegion string
	// ICS and CCS are the codes the code fields offer before anything is
	// typed; typing searches the lists (GET /api/v1/codes/:list).
	ICS, CCS []web.Code
	Levels   []workflow.Level
	// Checked says the duplicate check ran on the title; Similar is what it found.
	Checked bool
	Similar []search.SimilarHit
}

// mayOpen refuses visitors who may not open a standard.
func mayOpen(u *workflow.User) error {
	switch {
	case u == nil:
		return workflow.Errorf(workflow.EUNAUTHORIZED, "log in to open a standard")
	case u.Role != workflow.RoleDrafter && !u.IsStaff():
		return workflow.Errorf(workflow.EFORBIDDEN, "only drafters and staff open standards").WithKey("err.standard.create_forbidden", nil)
	}
	return nil
}

// handleNewPage shows the form that opens a standard: GET /standards/new.
func (s *Server) handleNewPage(c echo.Context) error {
	if err := mayOpen(currentUser(c)); err != nil {
		return err
	}
	return s.renderNew(c, http.StatusOK, &formError{Form: "new", Values: url.Values{"level": {"local"}}})
}

func (s *Server) renderNew(c echo.Context, status int, f *formError) error {
	return s.render(c, status, "new", s.newPage(c, f))
}

// newPage is the form's page, the lists filled in.
func (s *Server) newPage(c echo.Context, f *formError) newPage {
	p := newPage{Page: s.page(c, s.catalog.T(s.language(c), "new.title")), Form: f,
		Provinces: workflow.Provinces(s.language(c)), Levels: []workflow.Level{workflow.LevelLocal, workflow.LevelNational,
			workflow.LevelIndustry, workflow.LevelGroup}}
	p.ICS, p.CCS = web.ICS.Heads(s.language(c)), web.CCS.Heads(s.language(c))
	if r := f.Value("new", "region", ""); r != "" && !workflow.KnownRegion(r) {
		p.OtherRegion = r
	}
	return p
}

// handleNewSubmit opens a standard, or first runs the duplicate check on
// the title when the visitor asks for it: POST /standards/new.
func (s *Server) handleNewSubmit(c echo.Context) error {
	u := currentUser(c)
	if err := mayOpen(u); err != nil {
		return err
	}
	f := &formError{Form: "new", Values: formValues(c)}
	in := workflow.NewStandard{Title: strings.TrimSpace(c.FormValue("title")), TitleEN: c.FormValue("title_en"),
		Level: workflow.Level(c.FormValue("level")), Region: strings.TrimSpace(c.FormValue("region")),
		Category: c.FormValue("category"), ICS: strings.TrimSpace(c.FormValue("ics")), CCS: strings.ToUpper(strings.TrimSpace(c.FormValue("ccs"))),
		DraftingOrg: c.FormValue("drafting_org"), Body: c.FormValue("body")}
	if c.FormValue("check") != "" {
		return s.renderChecked(c, f, in)
	}
	st, err := s.svc.CreateStandard(c.Request().Context(), u, in)
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+st.ID)
	case workflow.EINVALID, workflow.ETOOLARGE:
		f.Message = s.message(c, err)
		if e := workflow.AsError(err); e != nil {
			f.Field = e.Field
		}
		return s.renderNew(c, statuses[code], f)
	default:
		return err
	}
}

// renderChecked shows the form again with the standards most like the title.
func (s *Server) renderChecked(c echo.Context, f *formError, in workflow.NewStandard) error {
	if in.Title == "" && strings.TrimSpace(in.Body) == "" {
		f.Field, f.Message = "title", s.catalog.T(s.language(c), "new.check.empty")
		return s.renderNew(c, http.StatusUnprocessableEntity, f)
	}
	hits, err := s.similar.Check(c.Request().Context(), currentUser(c), in.Title, in.Body, "", similarLimit)
	if err != nil {
		return err
	}
	p := s.newPage(c, f)
	p.Checked, p.Similar = true, hits
	return s.render(c, http.StatusOK, "new", p)
}
