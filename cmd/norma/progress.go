package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far a long run is: a bar on a terminal, a plain line
// every few seconds otherwise (logs, CI).
type progress struct {
	w            io.Writer
	what         string
	files, total int
	bytes, size  int64
	start, last  time.Time
	bar          *progressbar.ProgressBar
}

func newProgress(w io.Writer, what string, files int, size int64) *progress {
	p := &progress{w: w, what: what, total: files, size: size, start: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && size > 0 {
		p.bar = progressbar.NewOptions64(size, progressbar.OptionSetWriter(w), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription(fmt.Sprintf("%s 0/%d", what, files)), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionFullWidth(), progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) add(files int, bytes int64) {
	p.files += files
	p.bytes += bytes
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s %d/%d", p.what, p.files, p.total))
		_ = p.bar.Add64(bytes)
		return
	}
	if time.Since(p.last) >= 2*time.Second {
		p.last = time.Now()
		p.line()
	}
}

// line prints files, MB (when sizes are known), rate and time left.
func (p *progress) line() {
	el := max(time.Since(p.start).Seconds(), 0.001)
	done, total := float64(p.files), float64(p.total)
	if p.size > 0 {
		done, total = float64(p.bytes), float64(p.size)
	}
	left := "?"
	if done > 0 {
		left = time.Duration(el * (total - done) / done * float64(time.Second)).Round(time.Second).String()
	}
	if p.size > 0 {
		fmt.Fprintf(p.w, "%s: %d/%d files, %.1f/%.1f MB, %.1f MB/s, %s left\n", p.what, p.files, p.total,
			float64(p.bytes)/1e6, float64(p.size)/1e6, float64(p.bytes)/1e6/el, left)
		return
	}
	fmt.Fprintf(p.w, "%s: %d/%d, %.0f a second, %s left\n", p.what, p.files, p.total, float64(p.files)/el, left)
}

func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	took := time.Since(p.start).Round(time.Millisecond)
	if p.size > 0 {
		fmt.Fprintf(p.w, "%s: %d files, %.1f MB in %s\n", p.what, p.files, float64(p.bytes)/1e6, took)
		return
	}
	fmt.Fprintf(p.w, "%s: %d in %s\n", p.what, p.files, took)
}
