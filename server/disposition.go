package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
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
var dispositionHeader = []string{"序号", "章条编号", "意见内容", "提出单位", "阶段", "处理意见", "理由", "备注"}

// dispositionWidths are the column widths: together about the width of A4
// landscape, which the page setup fits them to.
var dispositionWidths = []float64{6, 10, 42, 18, 9, 9, 34, 12}

func dispositionCells(r workflow.DispositionRow) []string {
	return []string{strconv.Itoa(r.Number), r.Clause, r.Comment, r.By, r.StageLabel, r.Label, r.Reason, ""}
}

// handleDispositions exports the disposition table:
// GET /api/v1/standards/:id/dispositions?format=json|csv|xlsx|docx.
func (s *Server) handleDispositions(c echo.Context) error {
	format := c.QueryParam("format")
	switch format {
	case "", "json", "csv", "xlsx", "docx":
	default:
		return workflow.FieldError("format", "format is json, csv, xlsx or docx, not %q", format)
	}
	t, err := s.svc.DispositionTable(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	consultees, err := s.svc.Consultees(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	var counts [][]string
	if len(consultees) > 0 || consulted(t.Rows) {
		counts = countRows(workflow.CountConsultees(consultees))
	}
	name := "意见汇总处理表-" + c.Param("id")
	switch format {
	case "csv":
		return sendDispositionsCSV(c, name, t.Rows, counts)
	case "xlsx":
		return sendDispositionsXLSX(c, name, t, counts)
	case "docx":
		return s.sendDispositionsDOCX(c, name, t.Rows)
	}
	return c.JSON(http.StatusOK, t.Rows)
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

// sendDispositionsXLSX writes the table as offices file it.
func sendDispositionsXLSX(c echo.Context, name string, t *workflow.DispositionTable, counts [][]string) error {
	b, err := dispositionWorkbook(t, counts)
	if err != nil {
		return err
	}
	attachment(c, name+".xlsx")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// Rows of the disposition workbook.
const (
	dispTitleRow  = 1 // 意见汇总处理表, merged across the columns
	dispHeadRow   = 4 // the column header, after the header block of rows 2 and 3
	dispFirstBody = 5
)

// dispositionWorkbook writes the title merged across the columns, the
// header block (标准名称, 起草单位, 承办人, 电话, 日期), the rows with 序号 as
// numbers and wrapped text, and a footer counting the decisions; on A4
// landscape, fitted to the page width, the header row repeated on each page.
// The counts of a consultation (label, number) follow the footer.
func dispositionWorkbook(t *workflow.DispositionTable, counts [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "意见汇总处理表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	styles, err := dispositionStyles(f)
	if err != nil {
		return nil, err
	}
	cols := len(dispositionHeader)
	lastCol, _ := excelize.ColumnNumberToName(cols)
	for i, w := range dispositionWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(sheet, col, col, w)
	}
	merged := func(row int, from, to string, value string, style int) error {
		a, b := from+strconv.Itoa(row), to+strconv.Itoa(row)
		if err := f.SetCellStr(sheet, a, value); err != nil {
			return err
		}
		if from != to {
			if err := f.MergeCell(sheet, a, b); err != nil {
				return err
			}
		}
		return f.SetCellStyle(sheet, a, b, style)
	}
	steps := []error{
		merged(dispTitleRow, "A", lastCol, "意见汇总处理表", styles.title),
		merged(2, "A", "D", "标准名称："+t.Title, styles.block),
		merged(2, "E", lastCol, "起草单位："+t.DraftingOrg, styles.block),
		merged(3, "A", "C", "承办人："+t.Handler, styles.block),
		merged(3, "D", "E", "电话："+t.Phone, styles.block),
		merged(3, "F", lastCol, "日期："+t.Date, styles.block),
		writeRow(f, sheet, dispHeadRow, dispositionHeader),
		f.SetCellStyle(sheet, "A"+strconv.Itoa(dispHeadRow), lastCol+strconv.Itoa(dispHeadRow), styles.head),
		f.SetRowHeight(sheet, dispTitleRow, 28),
	}
	for i, r := range t.Rows {
		row := dispFirstBody + i
		cells := dispositionCells(r)
		vals := make([]any, len(cells))
		vals[0] = r.Number
		for k, v := range cells[1:] {
			vals[k+1] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		steps = append(steps, f.SetSheetRow(sheet, cell, &vals))
	}
	footer := dispFirstBody + len(t.Rows)
	if len(t.Rows) > 0 {
		steps = append(steps, f.SetCellStyle(sheet, "A"+strconv.Itoa(dispFirstBody), lastCol+strconv.Itoa(footer-1), styles.body),
			f.SetCellStyle(sheet, "A"+strconv.Itoa(dispFirstBody), "A"+strconv.Itoa(footer-1), styles.number))
	}
	summary := fmt.Sprintf("共 %d 条意见：采纳 %d 条，部分采纳 %d 条，未采纳 %d 条。", len(t.Rows), t.Accepted, t.Partial, t.NotAccepted)
	if t.Open > 0 {
		summary = strings.TrimSuffix(summary, "。") + fmt.Sprintf("，未处理 %d 条。", t.Open)
	}
	steps = append(steps, merged(footer, "A", lastCol, summary, styles.block))
	for i, r := range counts {
		if len(r) == 2 {
			steps = append(steps, merged(footer+1+i, "A", "C", r[0], styles.block),
				f.SetCellValue(sheet, "D"+strconv.Itoa(footer+1+i), atoiOr(r[1])))
		}
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	if err := dispositionPage(f, sheet, lastCol); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type dispStyles struct{ title, block, head, body, number int }

func dispositionStyles(f *excelize.File) (dispStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	var st dispStyles
	var err error
	for _, x := range []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.block, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE5F0"}}}},
		{&st.body, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.number, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	} {
		if *x.dst, err = f.NewStyle(x.s); err != nil {
			return st, err
		}
	}
	return st, nil
}

// dispositionPage sets A4 landscape, fitted to one page wide, with the
// column header repeated on every printed page and frozen on screen.
func dispositionPage(f *excelize.File, sheet, lastCol string) error {
	size, orient, wide, tall := 9, "landscape", 1, 0 // 9 is A4
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	head := strconv.Itoa(dispHeadRow)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$" + head + ":$" + head}); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: dispHeadRow, TopLeftCell: "A" + strconv.Itoa(dispFirstBody), ActivePane: "bottomLeft"})
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

// atoiOr returns s as a number when it is one, else s.
func atoiOr(s string) any {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
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
	t := docx.Table{Title: "意见汇总处理表", Header: dispositionHeader, Widths: []int{5, 9, 36, 15, 8, 8, 26, 8}}
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
