package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// Answers are compressed with gzip at level 1 when the client accepts it and
// the body is at least gzipMinLength bytes. A page is kept whole in a buffer
// and compressed once it is complete, so a gzip writer is held only while it
// compresses, not while the page is made; the writers are kept in a small
// free list that garbage collection does not empty (a level-1 writer is 1.2 MB
// to allocate and clear; a sync.Pool lost them at every collection and
// made about one request in six build a new one). A body larger than
// gzipStreamAfter is compressed as it comes instead of being held.
const (
	gzipMinLength   = 2048
	gzipStreamAfter = 1 << 20
	gzipKeepWriters = 8
	gzipKeepBuffer  = 256 << 10
)

type gzipPool struct {
	free    chan *gzip.Writer
	buffers sync.Pool
}

func newGzipPool() *gzipPool {
	return &gzipPool{free: make(chan *gzip.Writer, gzipKeepWriters),
		buffers: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

func (p *gzipPool) writer(w io.Writer) *gzip.Writer {
	select {
	case z := <-p.free:
		z.Reset(w)
		return z
	default:
		z, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		return z
	}
}

func (p *gzipPool) release(z *gzip.Writer) {
	z.Reset(io.Discard)
	select {
	case p.free <- z:
	default:
	}
}

func (p *gzipPool) buffer() *bytes.Buffer {
	b := p.buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func (p *gzipPool) releaseBuffer(b *bytes.Buffer) {
	if b.Cap() <= gzipKeepBuffer {
		p.buffers.Put(b)
	}
}

// compress is the middleware that gzips answers for clients that accept it.
func compress() echo.MiddlewareFunc {
	pool := newGzipPool()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			res := c.Response()
			res.Header().Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
			if !strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip") {
				return next(c)
			}
			rw := res.Writer
			g := &gzipResponse{ResponseWriter: rw, pool: pool, buf: pool.buffer()}
			res.Writer = g
			err := next(c)
			g.finish()
			res.Writer = rw
			return err
		}
	}
}

// gzipResponse holds the body until it is complete (or large), then writes
// it compressed, or plain when it is short or already encoded.
type gzipResponse struct {
	http.ResponseWriter
	pool        *gzipPool
	buf         *bytes.Buffer
	code        int
	wroteHeader bool
	wroteBody   bool
	// z is the writer of a body being compressed as it comes; plain says
	// the body goes out as it is.
	z     *gzip.Writer
	plain bool
	// kept is a text the body holds whole, compressed already (splice.go).
	kept *deflatedText
}

func (g *gzipResponse) WriteHeader(code int) {
	if g.wroteHeader {
		return
	}
	g.wroteHeader, g.code = true, code
}

func (g *gzipResponse) Write(b []byte) (int, error) {
	if g.Header().Get(echo.HeaderContentType) == "" {
		g.Header().Set(echo.HeaderContentType, http.DetectContentType(b))
	}
	g.wroteBody = true
	switch {
	case g.z != nil:
		return g.z.Write(b)
	case g.plain:
		return g.ResponseWriter.Write(b)
	}
	n, _ := g.buf.Write(b)
	if g.buf.Len() > gzipStreamAfter {
		if err := g.start(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// start decides how the body goes out, writes the header, and sends what
// is held, the body not being complete yet.
func (g *gzipResponse) start() error { return g.begin(gzipMinLength, false) }

// begin is start with the shortest body worth compressing; whole says the
// body held is all there is, so a kept text in it can be spliced in.
func (g *gzipResponse) begin(least int, whole bool) error {
	h := g.Header()
	if g.buf.Len() < least || h.Get(echo.HeaderContentEncoding) != "" || g.code == http.StatusPartialContent {
		g.plain = true
	} else {
		h.Del(echo.HeaderContentLength)
		h.Set(echo.HeaderContentEncoding, "gzip")
	}
	if g.wroteHeader {
		g.ResponseWriter.WriteHeader(g.code)
	}
	body := g.buf.Bytes()
	var err error
	switch at := g.keptAt(whole, body); {
	case g.plain:
		_, err = g.ResponseWriter.Write(body)
	case at >= 0:
		err = g.spliced(body, at)
	default:
		g.z = g.pool.writer(g.ResponseWriter)
		_, err = g.z.Write(body)
	}
	g.pool.releaseBuffer(g.buf)
	g.buf = nil
	return err
}

// finish sends what is held and ends the compressed body. A handler that
// wrote no body leaves the answer to whoever writes next (the error
// handler), uncompressed, as it would be without this middleware.
func (g *gzipResponse) finish() {
	if !g.wroteBody {
		if g.wroteHeader {
			g.ResponseWriter.WriteHeader(g.code)
		}
		if g.buf != nil {
			g.pool.releaseBuffer(g.buf)
		}
		return
	}
	if g.z == nil && !g.plain && g.buf != nil {
		_ = g.begin(gzipMinLength, true)
	}
	if g.z != nil {
		_ = g.z.Close()
		g.pool.release(g.z)
		g.z = nil
	}
}

// Flush sends what is held, compressed (the client may be waiting, so the
// size is not known yet), and flushes the connection.
func (g *gzipResponse) Flush() {
	if g.z == nil && !g.plain && g.buf != nil {
		_ = g.begin(0, false)
	}
	if g.z != nil {
		_ = g.z.Flush()
	}
	_ = http.NewResponseController(g.ResponseWriter).Flush()
}

func (g *gzipResponse) Unwrap() http.ResponseWriter { return g.ResponseWriter }
