package chromium_test

import (
	"bytes"
	"context"
	"errors"
	"norma/internal/need"
	"os"
	"testing"

	"norma/print/chromium"
	"norma/workflow"
)

func TestFindMissing(t *testing.T) {
	if _, err := chromium.Find("/no/such/chromium"); !errors.Is(err, chromium.ErrNoBrowser) {
		t.Errorf("Find(missing) = %v, want ErrNoBrowser", err)
	}
}

func TestBrokenBrowserIsUnavailable(t *testing.T) {
	p := chromium.New("/bin/false")
	defer p.Close()
	_, err := p.PrintPDF(context.Background(), "<p>x</p>")
	if workflow.ErrorCode(err) != workflow.EUNAVAILABLE {
		t.Errorf("a browser that does not start gives %v, want unavailable", err)
	}
}

func TestPrintPDF(t *testing.T) {
	path, err := chromium.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine: the print test was skipped")
	}
	p := chromium.New(path)
	defer p.Close()
	pdf, err := p.PrintPDF(context.Background(), `<!DOCTYPE html><style>@page{size:A5}</style><p>印刷</p><p style="break-before:page">二</p>`)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page\n"))+bytes.Count(pdf, []byte("/Type /Page ")) < 1 {
		t.Fatalf("not a PDF of pages: %.60q", pdf)
	}
	// The next print reuses the tab and prints its own page.
	again, err := p.PrintPDF(context.Background(), `<!DOCTYPE html><style>@page{size:A5}</style><p>再印</p>`)
	if err != nil {
		t.Fatalf("a second print: %v", err)
	}
	if bytes.Count(again, []byte("/Type /Page\n"))+bytes.Count(again, []byte("/Type /Page "))+bytes.Count(again, []byte("/Type /Page>")) != 1 {
		t.Errorf("the second print, of one page, is not one page: %.200q", again)
	}
	// A cancelled request stops the print.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.PrintPDF(ctx, "<p>x</p>"); err == nil {
		t.Error("a cancelled print succeeded")
	}
	// and the print after it opens a new tab.
	if _, err := p.PrintPDF(context.Background(), "<p>x</p>"); err != nil {
		t.Errorf("the print after a cancelled one: %v", err)
	}
}
