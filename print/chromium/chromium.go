// Package chromium prints HTML pages as PDF with a headless Chromium driven
// through the DevTools protocol (chromedp). One browser is started on the
// first print and kept, with one tab that the prints share in turn.
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

	// printing serializes the prints in the one warm tab, kept between
	// prints so each does not pay for opening a tab.
	printing sync.Mutex
	tab      context.Context
	closeTab context.CancelFunc
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

// PrintPDF loads html into the printer's tab, emptied first (nothing is
// fetched from the network), and prints it with the page size and margins
// its CSS asks for. Prints wait for each other: the tab stays open between
// them, which spares each print the opening of a tab.
func (p *Printer) PrintPDF(ctx context.Context, html string) ([]byte, error) {
	bctx, err := p.start()
	if err != nil {
		return nil, err
	}
	p.printing.Lock()
	defer p.printing.Unlock()
	fresh := p.tab == nil || p.tab.Err() != nil
	if fresh {
		p.tab, p.closeTab = chromedp.NewContext(bctx)
		// The first run opens the tab, which lives as long as the context
		// of that run: it must not carry the print's deadline.
		if err := chromedp.Do(p.tab); err != nil {
			p.closeTab()
			p.tab, p.closeTab = nil, nil
			return nil, fmt.Errorf("chromium: open a tab: %w", err)
		}
	}
	pdf, err := p.print(ctx, p.tab, fresh, html)
	if err != nil {
		// A print that failed or was cancelled may leave the tab busy:
		// the next print opens a new one.
		p.closeTab()
		p.tab, p.closeTab = nil, nil
	}
	return pdf, err
}

// print prints html in tab; a fresh tab is opened on about:blank first, a
// warm one has its document replaced.
func (p *Printer) print(ctx context.Context, tab context.Context, fresh bool, html string) ([]byte, error) {
	tctx, cancelT := context.WithTimeout(tab, p.Timeout)
	defer cancelT()
	stop := context.AfterFunc(ctx, cancelT)
	defer stop()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var actions []chromedp.Action[chromedp.Void]
	if fresh {
		// Navigating a tab that is on about:blank already would wait for
		// a load that never comes.
		actions = append(actions, chromedp.Navigate("about:blank"))
	}
	actions = append(actions, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, t, page.SetDocumentContent,
			page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html})
		return err
	}))
	if err := chromedp.Do(tctx, actions...); err != nil {
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
	p.printing.Lock()
	if p.closeTab != nil {
		p.closeTab()
		p.tab, p.closeTab = nil, nil
	}
	p.printing.Unlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
		p.browser, p.stop = nil, nil
	}
}
