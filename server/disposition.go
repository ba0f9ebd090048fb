package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"norma/docs/docx"
	"norma/workflow"
)

// dispositionHeader is the header of the disposition table (意见汇总处理表).
var dispositionHeader = []string{"序号", "章条编号", "意见内容", "提出单位/人", "处理意见", "理由"}

func dispositionCells(r workflow.DispositionRow) []string {
	return []string{strconv.Itoa(r.Number), r.Clause, r.Comment, r.By, r.Label, r.Reason}
}

// handleDispositions exports the disposition table:
// GET /api/v1/standards/:id/dispositions?format=json|csv|xlsx.
func (s *Server) handleDispositions(c echo.Context) error {
	format := c.QueryParam("format")
	switch format {
	case "", "json", "csv", "xlsx", "docx":
	default:
		return workflow.FieldError("format", "format is json, csv, xlsx or docx, not %q", format)
	}
	rows, err := s.svc.Dispositions(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	consultees, err := s.svc.Consultees(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	var counts [][]string
	if len(consultees) > 0 || consulted(rows) {
		counts = countRows(workflow.CountConsultees(consultees))
	}
	name := "意见汇总处理表-" + c.Param("id")
	switch format {
	case "csv":
		return sendDispositionsCSV(c, name, rows, counts)
	case "xlsx":
		return sendDispositionsXLSX(c, name, rows, counts)
	case "docx":
		return s.sendDispositionsDOCX(c, name, rows)
	}
	return c.JSON(http.StatusOK, rows)
}

func attachment(c echo.Context, name string) {
	c.Response().Header().Set(echo.HeaderContentDisposition,
		`attachment; filename="dispositions`+path.Ext(name)+`"; filename*=UTF-8''`+url.PathEscape(name))
}

// sendDispositionsCSV writes UTF-8 CSV with a byte order mark, so that
// spreadsheet programs read the Chinese.
func sendDispositionsCSV(c echo.Context, name string, rows []workflow.DispositionRow, counts [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	_ = w.Write(dispositionHeader)
	for _, r := range rows {
		_ = w.Write(inertCells(dispositionCells(r)))
	}
	for _, r := range counts {
		_ = w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	attachment(c, name+".csv")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// sendDispositionsXLSX writes a workbook with a bold header row, column
// widths and wrapped text.
func sendDispositionsXLSX(c echo.Context, name string, rows []workflow.DispositionRow, counts [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "意见汇总处理表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE5F0"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, w := range []float64{6, 12, 50, 18, 10, 40} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(sheet, col, col, w)
	}
	if err := writeRow(f, sheet, 1, dispositionHeader); err != nil {
		return err
	}
	for i, r := range rows {
		if err := writeRow(f, sheet, i+2, dispositionCells(r)); err != nil {
			return err
		}
	}
	for i, r := range counts {
		if err := writeRow(f, sheet, len(rows)+2+i, r); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(dispositionHeader), len(rows)+1)
	_ = f.SetCellStyle(sheet, "A1", "F1", head)
	if len(rows) > 0 {
		_ = f.SetCellStyle(sheet, "A2", last, wrap)
	}
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	attachment(c, name+".xlsx")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// consulted reports whether any comment came in a consultation.
func consulted(rows []workflow.DispositionRow) bool {
	for _, r := range rows {
		if r.Stage == workflow.StageConsultation {
			return true
		}
	}
	return false
}

// countRows are the lines that end the table with the four counts of the
// consultation: sent, replied, replied with comments, did not reply.
func countRows(n workflow.ConsultationCounts) [][]string {
	return [][]string{{""}, {"征求意见单位数", strconv.Itoa(n.Sent)}, {"回函单位数", strconv.Itoa(n.Replied)},
		{"回函并有意见的单位数", strconv.Itoa(n.WithComments)}, {"没有回函的单位数", strconv.Itoa(n.NoReply)}}
}

// inertCells keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe (comments come from the public).
func inertCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

func writeRow(f *excelize.File, sheet string, row int, cells []string) error {
	cell, _ := excelize.CoordinatesToCellName(1, row)
	vals := make([]any, len(cells))
	for i, v := range cells {
		vals[i] = v
	}
	return f.SetSheetRow(sheet, cell, &vals)
}

// sendDispositionsDOCX writes the table as a Word document on landscape
// pages, its header row repeated on each.
func (s *Server) sendDispositionsDOCX(c echo.Context, name string, rows []workflow.DispositionRow) error {
	t := docx.Table{Title: "意见汇总处理表", Header: dispositionHeader, Widths: []int{5, 10, 40, 15, 10, 30}}
	if st, err := s.svc.Standard(c.Request().Context(), currentUser(c), c.Param("id")); err == nil {
		t.Subtitle = strings.TrimSpace(st.Number + " " + st.Title)
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, dispositionCells(r))
	}
	var buf bytes.Buffer
	if err := docx.WriteTable(&buf, t); err != nil {
		return err
	}
	attachment(c, name+".docx")
	return c.Blob(http.StatusOK, docxType, buf.Bytes())
}
