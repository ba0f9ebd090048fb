package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// handleDiff compares two revisions: GET /api/v1/standards/:id/diff?from=N&to=M
// as JSON, or with format=html as an HTML page holding the inline and the
// side-by-side view.
func (s *Server) handleDiff(c echo.Context) error {
	from, err := revisionParam(c, "from")
	if err != nil {
		return err
	}
	to, err := revisionParam(c, "to")
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format != "" && format != "json" && format != "html" {
		return workflow.FieldError("format", "format is json or html, not %q", format)
	}
	d, err := s.svc.Diff(c.Request().Context(), currentUser(c), c.Param("id"), from, to)
	if err != nil {
		return err
	}
	if format != "html" {
		return c.JSON(http.StatusOK, d)
	}
	var buf bytes.Buffer
	err = diffPage.Execute(&buf, map[string]any{"D": d, "Inline": d.InlineHTML(), "Side": d.SideBySideHTML(), "ID": c.Param("id")})
	if err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

func revisionParam(c echo.Context, name string) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, workflow.FieldError(name, "%s is required: a revision number", name)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, workflow.FieldError(name, "%s must be a revision number from 1", name)
	}
	return n, nil
}

// diffPage is the HTML answer of a diff: both views and the clause summary.
var diffPage = template.Must(template.New("diff").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.ID}}: {{.D.From}} → {{.D.To}}</title></head>
<body>
<p class="diff-stats">+{{.D.Stats.Inserted}} −{{.D.Stats.Deleted}}</p>
<ul class="diff-clauses">{{range .D.Clauses}}<li class="change-{{.Change}}">{{.Clause}} {{.Title}}: {{.Change}}{{if .From}} ({{.From}}){{end}}</li>{{end}}</ul>
<section class="diff-inline-view">{{.Inline}}</section>
<section class="diff-side-view">{{.Side}}</section>
</body></html>
`))
