package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"norma/print/chromium"
	"norma/search"
	"norma/server"
)

// runServe runs the web server until the context ends.
func runServe(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	cfg, err := configFor("serve", args, stderr, func(c *Config, fs *flagSet) { c.serveFlags(fs.FlagSet) })
	if err != nil {
		return err
	}
	tuneGC()
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo {
		if err := seedDemo(ctx, a); err != nil {
			return err
		}
	}
	if path, err := chromium.Find(cfg.Chromium); err != nil {
		a.log.Warn("PDF export is off", "err", err)
	} else {
		a.printer = chromium.New(path)
		defer a.printer.Close()
	}
	srv, idx, err := a.node(ctx)
	if err != nil {
		return err
	}
	defer idx.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	stopProfiler, err := startProfiler(a.log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopProfiler()
	go a.purge(ctx)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	a.log.Info("norma is serving", "url", "http://"+ln.Addr().String(), "data", cfg.Data)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// node starts this node's search index and its worker and builds the web
// server: what norma serve runs, and what the tests of several nodes on one
// database start twice.
func (a *app) node(ctx context.Context) (http.Handler, search.Index, error) {
	idx, err := a.startIndex(ctx)
	if err != nil {
		return nil, nil, err
	}
	cfg := a.cfg
	deps := server.Deps{Service: a.svc, Search: search.NewService(idx, a.db), Similar: search.NewSimilar(a.db),
		Ready: a.db.Ping, Logger: a.log}
	if a.printer != nil {
		deps.Printer = a.printer
	}
	srv, err := server.New(server.Config{BodyLimit: cfg.BodyLimit, Readers: cfg.Readers, SecureCookies: cfg.SecureCookies, TrustProxy: cfg.TrustProxy}, deps)
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	return srv, idx, nil
}

// startIndex opens the search index and starts the worker that applies the
// outbox to it; an index created now (a first start, or a deleted folder) is
// rebuilt from the store.
func (a *app) startIndex(ctx context.Context) (search.Index, error) {
	idx, fresh, err := a.openIndex(ctx)
	if err != nil {
		return nil, err
	}
	if fresh {
		n, err := a.refill(ctx)
		if err != nil {
			idx.Close()
			return nil, err
		}
		a.log.Info("search index created; indexing every standard", "waiting", n)
	}
	go a.worker(idx, 200*time.Millisecond).Run(ctx)
	return idx, nil
}

// tuneGC lets the heap grow to three times what is live before a
// collection (searches allocate much that dies at once; collecting less
// often cut search latency by a quarter), within a soft limit of 112 MiB:
// with the whole index of the 3,400-text library mapped (about 150 MB),
// norma serve then stays under 300 MB resident even after thousands of
// different searches and duplicate checks. GOGC and GOMEMLIMIT in the
// environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(112 << 20)
	}
}

// outboxKeep is how long a shared outbox keeps what every node has read; a
// node stopped for longer rebuilds its index when it starts.
const outboxKeep = 7 * 24 * time.Hour

// outboxPruner is a database whose outbox every node reads and none empties.
type outboxPruner interface {
	PruneOutbox(ctx context.Context, before time.Time) (int, error)
}

// purge removes ended sessions and the throttles' counts of the day before every hour,
// and on a shared database the outbox entries older than outboxKeep.
func (a *app) purge(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.svc.PurgeSessions(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("purging sessions", "err", err)
		} else if n > 0 {
			a.log.Debug("purged sessions", "count", n)
		}
		if _, err := a.db.DeleteFailuresBefore(ctx, time.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			a.log.Warn("purging the throttles' counts", "err", err)
		}
		if p, ok := a.db.(outboxPruner); ok {
			if _, err := p.PruneOutbox(ctx, time.Now().Add(-outboxKeep)); err != nil && ctx.Err() == nil {
				a.log.Warn("pruning the outbox", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
