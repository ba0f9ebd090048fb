// Command pagebench times Norma's pages over HTTP against a running
// `norma serve` and weighs each: the HTML with its stylesheet and scripts,
// less the standard's own text (the rendered text, the revision text the
// margin script reads, the diff views). Start a server on the demo data
// with the corpus imported (see the README's performance section), then:
//
//	go run ./bench/pagebench -url http://127.0.0.1:8099 -password PASSWORD [-n 50]
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"regexp"
	"slices"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8099", "the server")
	password := flag.String("password", "", "the demo accounts' password (NORMA_DEMO_PASSWORD)")
	n := flag.Int("n", 50, "timed requests per page")
	flag.Parse()
	if err := run(*base, *password, *n); err != nil {
		fmt.Fprintln(os.Stderr, "pagebench:", err)
		os.Exit(1)
	}
}

type client struct {
	base string
	http *http.Client
}

func newClient(base, user, password string) (*client, error) {
	jar, _ := cookiejar.New(nil)
	c := &client{base: base, http: &http.Client{Jar: jar}}
	if user == "" {
		return c, nil
	}
	body, _ := json.Marshal(map[string]string{"username": user, "password": password})
	r, err := c.http.Post(base+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("login %s: %s", user, r.Status)
	}
	return c, nil
}

func (c *client) get(path string) ([]byte, time.Duration, error) {
	start := time.Now()
	r, err := c.http.Get(c.base + path)
	if err != nil {
		return nil, 0, err
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	d := time.Since(start)
	if err == nil && r.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", path, r.Status)
	}
	return b, d, err
}

// firstID returns the id of the first standard the query lists.
func (c *client) firstID(query string) (string, error) {
	b, _, err := c.get("/api/v1/standards?" + query)
	if err != nil {
		return "", err
	}
	var list []struct {
		ID       string `json:"id"`
		Revision int    `json:"revision"`
	}
	if err := json.Unmarshal(b, &list); err != nil || len(list) == 0 {
		return "", fmt.Errorf("no standard for %s", query)
	}
	return list[0].ID, nil
}

type page struct {
	name, path string
	c          *client
}

func run(base, password string, n int) error {
	staff, err := newClient(base, "staff", password)
	if err != nil {
		return err
	}
	expert, err := newClient(base, "expert1", password)
	if err != nil {
		return err
	}
	anon, _ := newClient(base, "", "")
	review, err := staff.firstID("state=expert_review&level=national")
	if err != nil {
		return err
	}
	notice, err := staff.firstID("state=public_notice")
	if err != nil {
		return err
	}
	pages := []page{
		{"home (staff)", "/", staff},
		{"new standard", "/standards/new", staff},
		{"standard under review (staff)", "/standards/" + review, staff},
		{"standard under review (expert)", "/standards/" + review, expert},
		{"standard under notice (public)", "/standards/" + notice, anon},
		{"disposition table", "/standards/" + review + "/dispositions", staff},
		{"comparison 1→4", "/standards/" + review + "/compare?from=1&to=4", staff},
		{"search 物业服务", "/search?q=%E7%89%A9%E4%B8%9A%E6%9C%8D%E5%8A%A1", staff},
	}
	fmt.Printf("| page | p50 | p95 | weight without the text (gzip) | the text |\n| --- | --- | --- | --- | --- |\n")
	for _, p := range pages {
		if err := measure(p, n); err != nil {
			return err
		}
	}
	return nil
}

func measure(p page, n int) error {
	var html []byte
	var err error
	for i := 0; i < 3; i++ {
		if html, _, err = p.c.get(p.path); err != nil {
			return err
		}
	}
	times := make([]time.Duration, n)
	for i := range times {
		if _, times[i], err = p.c.get(p.path); err != nil {
			return err
		}
	}
	slices.Sort(times)
	rest, text := stripText(html)
	weight, zipped := len(rest), gz(rest)
	for _, a := range assets(html) {
		b, _, err := p.c.get(a)
		if err != nil {
			return err
		}
		weight += len(b)
		zipped += gz(b)
	}
	fmt.Printf("| %s | %.1f ms | %.1f ms | %.1f KB (%.1f KB) | %.1f KB |\n", p.name, ms(times[n/2]), ms(times[n*95/100]),
		kb(weight), kb(zipped), kb(text))
	return nil
}

// textParts are the parts of a page that are the standard's own text.
var textParts = []*regexp.Regexp{
	regexp.MustCompile(`(?s)<article class="text">.*?</article>`),
	regexp.MustCompile(`(?s)<script type="application/json" id="revision-text">.*?</script>`),
	regexp.MustCompile(`(?s)<div class="diff-views"[^>]*>.*</div>`),
}

func stripText(html []byte) ([]byte, int) {
	text := 0
	for _, re := range textParts {
		html = re.ReplaceAllFunc(html, func(m []byte) []byte { text += len(m); return nil })
	}
	return html, text
}

var assetRe = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

func assets(html []byte) []string {
	var out []string
	for _, m := range assetRe.FindAllSubmatch(html, -1) {
		if !slices.Contains(out, string(m[1])) {
			out = append(out, string(m[1]))
		}
	}
	return out
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 1)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func kb(n int) float64           { return float64(n) / 1024 }
