package server

import (
	"regexp"
	"strconv"
	"strings"
)

// continuedLabel labels the part of a table that runs onto another page
// (GB/T 1.1: the table's number followed by （续）).
func continuedLabel(number string) string { return "表 " + number + "（续）" }

// reTableStart finds a numbered table's title and the start of its header,
// as docs.Render writes them.
var reTableStart = regexp.MustCompile(`<p id="table-([A-Z0-9.]+)" class="table-title">([^<]*)</p>\s*<table>\s*<thead>\s*<tr>`)

// continuedTables gives each numbered table with a header a first header
// row "表 N（续）". Chromium repeats the header on every page a table runs
// onto; on the table's first page the print stylesheet pulls the table up
// out of a box that clips it, so that the row is neither seen nor written
// into the PDF's text there, and shows on the pages after the first.
func continuedTables(body string) string {
	locs := reTableStart.FindAllStringSubmatchIndex(body, -1)
	if locs == nil {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + 140*len(locs))
	at := 0
	for _, m := range locs {
		headEnd := strings.Index(body[m[1]:], "</tr>")
		end := strings.Index(body[m[1]:], "</table>")
		if headEnd < 0 || end < 0 || m[0] < at {
			continue
		}
		cols := strings.Count(body[m[1]:m[1]+headEnd], "<th")
		number := body[m[2]:m[3]]
		b.WriteString(body[at:m[0]])
		b.WriteString(`<p id="table-` + number + `" class="table-title">` + body[m[4]:m[5]] + `</p>` + "\n" +
			`<div class="continued"><table>` + "\n<thead>\n" +
			`<tr class="cont"><th colspan="` + strconv.Itoa(max(cols, 1)) + `">` + continuedLabel(number) + `</th></tr>` + "\n<tr>")
		b.WriteString(body[m[1] : m[1]+end+len("</table>")])
		b.WriteString(`</div>`)
		at = m[1] + end + len("</table>")
	}
	b.WriteString(body[at:])
	return b.String()
}
