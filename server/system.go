package server

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"norma/search"
	"norma/workflow"
)

// systemRoutes are the endpoints of the standard system (标准体系).
func (s *Server) systemRoutes() {
	api := s.echo.Group("/api/v1")
	api.GET("/system", s.handleSystemView)
	api.PUT("/system", s.handleSystemPut)
	api.GET("/system/table", s.handleSystemTable)
	api.PUT("/standards/:id/system_node", s.handleStandardPlace)
	api.PUT("/proposals/:pid/system_node", s.handleProposalPlace)
	e := s.echo
	e.GET("/system", s.handleSystemPage)
	e.POST("/system", s.handleSystemSubmit)
	e.POST("/standards/:id/system_node", s.handleStandardPlaceSubmit)
}

// handleSystemView returns the system: GET /api/v1/system (JSON, or YAML
// when the Accept header asks for application/yaml).
func (s *Server) handleSystemView(c echo.Context) error {
	sys, err := s.svc.System(c.Request().Context())
	if err != nil {
		return err
	}
	if strings.Contains(c.Request().Header.Get("Accept"), "yaml") {
		b, err := yamlMarshal(sys)
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", b)
	}
	return c.JSON(http.StatusOK, sys)
}

// handleSystemPut replaces the system: PUT /api/v1/system with JSON, or
// YAML under Content-Type: application/yaml.
func (s *Server) handleSystemPut(c echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return workflow.Errorf(workflow.EMALFORMED, "the body cannot be read")
	}
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
	sys, err := workflow.ParseSystem(body, strings.Contains(ct, "yaml"))
	if err != nil {
		return err
	}
	if err := s.svc.PutSystem(c.Request().Context(), currentUser(c), sys); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sys)
}

type placeInput struct {
	Node string `json:"system_node"`
}

// handleStandardPlace places a standard: PUT /api/v1/standards/:id/system_node.
func (s *Server) handleStandardPlace(c echo.Context) error {
	var in placeInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p := workflow.Placement{Kind: workflow.PlaceStandard, Ref: c.Param("id"), Node: strings.TrimSpace(in.Node)}
	if err := s.svc.Place(c.Request().Context(), currentUser(c), p); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// handleProposalPlace places a proposal: PUT /api/v1/proposals/:pid/system_node.
func (s *Server) handleProposalPlace(c echo.Context) error {
	var in placeInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, err := s.svc.Proposal(c.Request().Context(), currentUser(c), mustID(c.Param("pid"))); err != nil {
		return err
	}
	p := workflow.Placement{Kind: workflow.PlaceProposal, Ref: c.Param("pid"), Node: strings.TrimSpace(in.Node)}
	if err := s.svc.Place(c.Request().Context(), currentUser(c), p); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func mustID(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// systemRow is a module of the table with its flags.
type systemRow struct {
	*workflow.SystemRow
	// Overlaps names pairs of texts in the module whose duplicate-check
	// score is at least 0.5; Repeats the local texts that repeat a
	// national one placed beside them.
	Overlaps []string `json:"overlaps"`
	Repeats  []string `json:"repeats"`
}

// overlapScore is the duplicate-check score from which two texts in one
// module are flagged.
const overlapScore = 0.5

// systemTable builds the table with the overlap flags of each module.
func (s *Server) systemTable(c echo.Context) ([]systemRow, error) {
	ctx, u := c.Request().Context(), currentUser(c)
	rows, err := s.svc.SystemTable(ctx, u)
	if err != nil {
		return nil, err
	}
	out := make([]systemRow, len(rows))
	for i, r := range rows {
		out[i] = systemRow{SystemRow: r, Overlaps: []string{}, Repeats: []string{}}
		sts := r.Standards
		if len(sts) > 40 { // pairs grow with the square; a module this large is looked at by the duplicate check
			sts = sts[:40]
		}
		texts := make([]string, len(sts))
		for j, st := range sts {
			rev, err := s.svc.Revision(ctx, u, st.ID, st.Latest)
			if err != nil {
				return nil, err
			}
			texts[j] = rev.Body
		}
		for a := range sts {
			for b := a + 1; b < len(sts); b++ {
				score, _ := search.Compare(sts[a].Title, texts[a], sts[b].Title, texts[b])
				if score < overlapScore {
					continue
				}
				out[i].Overlaps = append(out[i].Overlaps, fmt.Sprintf("%s ~ %s (%.0f%%)", label(sts[a]), label(sts[b]), score*100))
				if nat, loc := national(sts[a], sts[b]); nat != nil {
					out[i].Repeats = append(out[i].Repeats, label(loc)+" → "+label(nat))
				}
			}
		}
	}
	return out, nil
}

func label(st *workflow.Standard) string {
	if st.Number != "" {
		return st.Number
	}
	return st.Title
}

// national returns the national and the local text of a pair, or nil.
func national(a, b *workflow.Standard) (nat, loc *workflow.Standard) {
	switch {
	case a.Level == workflow.LevelNational && b.Level == workflow.LevelLocal:
		return a, b
	case b.Level == workflow.LevelNational && a.Level == workflow.LevelLocal:
		return b, a
	}
	return nil, nil
}

// handleSystemTable returns the system table (体系表): GET
// /api/v1/system/table?format=json|xlsx.
func (s *Server) handleSystemTable(c echo.Context) error {
	format := c.QueryParam("format")
	if format != "" && format != "json" && format != "xlsx" {
		return workflow.FieldError("format", "format is json or xlsx, not %q", format)
	}
	rows, err := s.systemTable(c)
	if err != nil {
		return err
	}
	if format != "xlsx" {
		return c.JSON(http.StatusOK, rows)
	}
	b, err := systemXLSX(rows)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="system-table.xlsx"`)
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// systemHeader is the header of the system table (体系表).
var systemHeader = []string{"体系编号", "模块名称", "标准编号", "标准名称", "层级", "状态", "说明"}

func systemXLSX(rows []systemRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "标准体系表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i, w := range []float64{12, 24, 20, 40, 10, 10, 30} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return nil, err
		}
	}
	line := 1
	put := func(cells ...string) error {
		err := writeRow(f, sheet, line, cells)
		line++
		return err
	}
	if err := put(systemHeader...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		name := strings.Repeat("  ", r.Depth-1) + r.Name
		note := strings.Join(append(append([]string{}, r.Overlaps...), r.Repeats...), "；")
		if r.Empty {
			note = "空模块"
		}
		if err := put(r.Code, name, "", "", "", "", note); err != nil {
			return nil, err
		}
		for _, st := range r.Standards {
			if err := put(r.Code, "", st.Number, st.Title, string(st.Level), string(st.State), ""); err != nil {
				return nil, err
			}
		}
		for _, p := range r.Proposals {
			if err := put(r.Code, "", p.PlanNumber, p.Title, string(p.Level), "proposal:"+p.Status, ""); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func yamlMarshal(sys *workflow.System) ([]byte, error) {
	return yaml.Marshal(struct {
		Nodes []*workflow.SystemNode `yaml:"nodes"`
	}{sys.Nodes})
}
