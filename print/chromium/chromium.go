// Package chromium prints HTML pages as PDF with a headless Chromium driven
// through the DevTools protocol (chromedp). One browser is started on the
// first print and kept; each print runs in its own tab.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// ErrNoBrowser is returned by Find when no Chromium is installed.
var ErrNoBrowser = errors.New("no Chromium browser found (install Debian's chromium package or set NORMA_CHROMIUM to its path)")

// Find returns the path of the browser: path itself when given, else the
// first of chromium, chromium-browser, google-chrome on PATH.
func Find(path string) (string, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrNoBrowser, path, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Printer prints pages with one Chromium process.
type Printer struct {
	path string
	// Timeout bounds one print.
	Timeout time.Duration

	mu      sync.Mutex
	browser context.Context // nil until the first print
	stop    context.CancelFunc
}

// New returns a printer that starts the browser at path on first use.
func New(path string) *Printer {
	return &Printer{path: path, Timeout: 60 * time.Second}
}

// start starts the browser once; a browser that died is started again.
func (p *Printer) start() (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser != nil && p.browser.Err() == nil {
		return p.browser, nil
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(p.path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	// The first run starts the process; it must not carry a deadline.
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, workflow.Errorf(workflow.EUNAVAILABLE, "PDF export: the Chromium at %s does not start: %v", p.path, err)
	}
	p.browser = bctx
	p.stop = func() { cancelBrowser(); cancelAlloc() }
	return bctx, nil
}

// PrintPDF loads html into a blank tab (nothing is fetched from the network)
// and prints it with the page size and margins its CSS asks for.
func (p *Printer) PrintPDF(ctx context.Context, html string) ([]byte, error) {
	bctx, err := p.start()
	if err != nil {
		return nil, err
	}
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tctx, cancelT := context.WithTimeout(tab, p.Timeout)
	defer cancelT()
	stop := context.AfterFunc(ctx, cancelT)
	defer stop()
	err = chromedp.Do(tctx, chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = cdp.Call(ctx, t, page.SetDocumentContent,
				page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html})
			return err
		}))
	if err != nil {
		return nil, fmt.Errorf("chromium: load the page: %w", err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("chromium: wait for fonts: %w", err)
	}
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(func(pp *page.PrintToPDFParams) {
		t := true
		pp.PreferCSSPageSize, pp.PrintBackground, pp.GenerateDocumentOutline = &t, &t, &t
	}))
	if err != nil {
		return nil, fmt.Errorf("chromium: print: %w", err)
	}
	return pdf, nil
}

// Close stops the browser.
func (p *Printer) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
		p.browser, p.stop = nil, nil
	}
}
