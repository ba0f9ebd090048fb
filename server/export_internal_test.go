package server

import (
	"context"
	"fmt"
	"norma/internal/need"
	"os"
	"strings"
	"testing"

	chromiumprint "norma/print/chromium"
)

// The body's first page is read from the outline of a PDF Chromium wrote,
// through a page tree deep enough to have inner nodes.
func TestPDFOutlinePage(t *testing.T) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine: the outline test was skipped")
	}
	p := chromiumprint.New(path)
	t.Cleanup(p.Close)
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><style>@page{size:A6} h1{break-before:page}</style>`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "<h1>第%d页</h1><p>x</p>", i)
	}
	pdf, err := p.PrintPDF(context.Background(), b.String())
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 40 {
		t.Fatalf("%d pages, want 40", n)
	}
	for _, i := range []int{1, 2, 9, 17, 40} {
		if got := pdfOutlinePage(pdf, fmt.Sprintf("第%d页", i)); got != i {
			t.Errorf("the heading on page %d is found on page %d", i, got)
		}
	}
	if got := pdfOutlinePage(pdf, "不在"); got != 0 {
		t.Errorf("a missing heading is found on page %d, want 0", got)
	}
}
