package docx_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/docs/docx"
	"norma/internal/need"
)

func floatDoc(tb testing.TB) docx.Document {
	tb.Helper()
	b, err := os.ReadFile("testdata/floats.md")
	if err != nil {
		tb.Fatal(err)
	}
	return docx.Document{Text: string(b)}
}

// Every table and figure gets its number as a SEQ field inside a bookmark,
// and the references to them are REF fields to the bookmarks.
func TestWriteNumbersTablesAndFigures(t *testing.T) {
	doc := unpack(t, floatDoc(t))["word/document.xml"]
	var titles []string
	for _, p := range paragraphs(t, doc) {
		if p.style == "TableTitle" || p.style == "FigureTitle" {
			titles = append(titles, p.style+": "+p.text)
		}
	}
	want := []string{"TableTitle: 表 1 会场布置", "TableTitle: 表 2", "TableTitle: 表 3 设备清单", "TableTitle: 表 4 座次安排",
		"FigureTitle: 图 1 会场平面", "TableTitle: 表 A.1 检查项目"}
	if diff := cmp.Diff(want, titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	// A table's title is right above it.
	if n := len(regexp.MustCompile(`<w:pStyle w:val="TableTitle"/>.*?</w:p><w:tbl>`).FindAllString(doc, -1)); n != 5 {
		t.Errorf("%d table titles right above their tables, want 5", n)
	}
	for instr, n := range map[string]int{` SEQ 表 \* ARABIC `: 4, ` SEQ 表A \* ARABIC `: 1, ` SEQ 图 \* ARABIC `: 1,
		` REF _RefTable1 \h `: 1, ` REF _RefTable3 \h `: 1, ` REF _RefFigure1 \h `: 1, ` REF _RefTableA_1 \h `: 1, ` REF _RefTable2 \h `: 0} {
		if got := strings.Count(doc, ">"+instr+"<"); got != n {
			t.Errorf("%d fields %q, want %d", got, instr, n)
		}
	}
	marks := regexp.MustCompile(`<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"/>(.*?)<w:bookmarkEnd w:id="(\d+)"/>`).FindAllStringSubmatch(doc, -1)
	var names []string
	for _, m := range marks {
		if m[1] != m[4] || !strings.Contains(m[3], "SEQ ") {
			t.Errorf("bookmark %s does not hold its number's field", m[2])
		}
		names = append(names, m[2])
	}
	if diff := cmp.Diff([]string{"_RefTable1", "_RefTable2", "_RefTable3", "_RefTable4", "_RefFigure1", "_RefTableA_1"}, names); diff != "" {
		t.Errorf("bookmarks (-want +got):\n%s", diff)
	}
	ps := paragraphs(t, doc)
	if find(ps, func(p paragraph) bool {
		return p.text == "会场布置见表 1，设备见表 3，另见 GB/T 2887—2011 表 2 和图 1。"
	}) == nil {
		t.Error("the references do not follow the renumbered table")
	}
	if find(ps, func(p paragraph) bool { return p.text == "续表" }) == nil {
		t.Error("the continued table's title was lost")
	}
}

// LibreOffice, which computes the fields itself, reads the same numbers.
func TestLibreOfficeNumbersTables(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		need.Absent(t, "no LibreOffice (Debian's libreoffice-writer-nogui): the conversion test was skipped")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		need.Absent(t, "no pdftotext (Debian's poppler-utils): the conversion test was skipped")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := docx.Write(&buf, floatDoc(t)); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "floats.docx")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := os.ReadFile(filepath.Join(dir, "floats.txt"))
	if err != nil {
		t.Fatal(err)
	}
	all := regexp.MustCompile(`[ \t]+`).ReplaceAllString(string(out), " ")
	for _, want := range []string{"表 1 会场布置", "表 2\n", "表 3 设备清单", "表 4 座次安排", "图 1 会场平面", "表 A.1 检查项目", "设备见表 3，"} {
		if !strings.Contains(all, want) {
			t.Errorf("LibreOffice reads no %q in:\n%s", want, all)
		}
	}
}
