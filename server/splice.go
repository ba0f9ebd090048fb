package server

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"sync"

	"github.com/labstack/echo/v4"
)

// A revision's text is the bulk of its page and the same on every visit,
// while the page around it is made for each visitor. So the text is
// compressed once, kept with its rendering, and spliced into each page's
// gzip stream: the page before the text is compressed and flushed to a
// byte boundary, the kept blocks follow, and a fresh compressor goes on
// with the rest. Deflate allows it: blocks that end on a sync flush refer
// to nothing after them, and blocks that start a fresh compressor refer to
// nothing before them. The CRC is still over every plain byte.

// deflatedText is a text with its deflate blocks: blocks that end on a
// sync flush and are not the last of a stream.
type deflatedText struct {
	plain string
	raw   []byte
}

func newDeflatedText(plain string) *deflatedText {
	var b bytes.Buffer
	z, _ := flate.NewWriter(&b, flate.DefaultCompression)
	_, _ = z.Write([]byte(plain))
	_ = z.Flush()
	return &deflatedText{plain: plain, raw: b.Bytes()}
}

// size is what the kept text costs in memory, once compressed.
func (d *deflatedText) size() int { return len(d.raw) }

// offerDeflated tells the answer being compressed, if it is, that text
// appears whole in the body and has been compressed already.
func offerDeflated(c echo.Context, text *deflatedText) {
	if g, ok := c.Response().Writer.(*gzipResponse); ok && len(text.plain) >= gzipMinLength {
		g.kept = text
	}
}

// flateWriters are level-1 compressors for the pieces of a spliced body.
var flateWriters = sync.Pool{New: func() any {
	z, _ := flate.NewWriter(nil, flate.BestSpeed)
	return z
}}

// gzipHeader is a gzip member's header with no name, time or extra field.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// keptAt returns where the kept text stands in body, -1 when the body is
// not whole yet, there is no kept text, or the body does not hold it.
func (g *gzipResponse) keptAt(whole bool, body []byte) int {
	if !whole || g.kept == nil {
		return -1
	}
	return bytes.Index(body, []byte(g.kept.plain))
}

// spliced writes body as one gzip member whose middle, the kept text at
// offset at, is its blocks as they were compressed before.
func (g *gzipResponse) spliced(body []byte, at int) error {
	w := g.ResponseWriter
	if _, err := w.Write(gzipHeader); err != nil {
		return err
	}
	z := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(z)
	z.Reset(w)
	end := at + len(g.kept.plain)
	if _, err := z.Write(body[:at]); err != nil {
		return err
	}
	if err := z.Flush(); err != nil {
		return err
	}
	if _, err := w.Write(g.kept.raw); err != nil {
		return err
	}
	z.Reset(w)
	if _, err := z.Write(body[end:]); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc32.ChecksumIEEE(body))
	binary.LittleEndian.PutUint32(trailer[4:], uint32(len(body)))
	_, err := w.Write(trailer[:])
	return err
}
