package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// client talks to norma serve's API over one kept-alive connection, as a
// browser would (it asks for gzip, which the server uses for answers of
// 1 KB or more).
type client struct {
	base string
	http *http.Client
}

func newClient(base string) *client {
	return &client{base: base, http: &http.Client{Timeout: 60 * time.Second}}
}

// withoutGzip returns a client that does not ask for compressed answers.
func (c *client) withoutGzip() *client {
	return &client{base: c.base, http: &http.Client{Timeout: 60 * time.Second,
		Transport: &http.Transport{DisableCompression: true}}}
}

// searchAnswer is what GET /api/v1/search answers, as far as the benchmark
// reads it.
type searchAnswer struct {
	size  int // bytes of JSON
	Total int `json:"total"`
	Hits  []struct {
		ID      string `json:"id"`
		Snippet string `json:"snippet"`
	} `json:"hits"`
}

// similarAnswer is what the duplicate check answers.
type similarAnswer struct {
	Hits []struct {
		ID       string            `json:"id"`
		Title    string            `json:"title"`
		Score    float64           `json:"score"`
		Overlaps []json.RawMessage `json:"overlaps"`
	} `json:"hits"`
}

// do sends a request and reads the whole answer; the time is from sending
// to the last byte read. A status other than 200 is an error.
func (c *client) do(method, path, token string, body any) ([]byte, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return nil, 0, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	raw, err := io.ReadAll(resp.Body)
	took := time.Since(start)
	resp.Body.Close()
	if err != nil {
		return nil, took, err
	}
	if resp.StatusCode != http.StatusOK {
		return raw, took, fmt.Errorf("%s %s: %s: %.300s", method, path, resp.Status, raw)
	}
	return raw, took, nil
}

// login returns a bearer token for the account.
func (c *client) login(name, password string) (string, error) {
	raw, _, err := c.do("POST", "/api/v1/session", "", map[string]string{"username": name, "password": password})
	if err != nil {
		return "", fmt.Errorf("log in as %s: %w", name, err)
	}
	var ans struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(raw, &ans); err != nil || ans.Token == "" {
		return "", fmt.Errorf("log in as %s: no token in %.200s", name, raw)
	}
	return ans.Token, nil
}

// search runs one search and returns the answer and how long it took.
func (c *client) search(token string, params url.Values) (searchAnswer, time.Duration, error) {
	var ans searchAnswer
	raw, took, err := c.do("GET", "/api/v1/search?"+params.Encode(), token, nil)
	if err != nil {
		return ans, took, err
	}
	ans.size = len(raw)
	return ans, took, json.Unmarshal(raw, &ans)
}

// similar runs a duplicate check: POST /api/v1/similar, or GET
// /api/v1/standards/{id}/similar when id is given.
func (c *client) similar(token, id string, in map[string]string) (similarAnswer, time.Duration, error) {
	var ans similarAnswer
	var raw []byte
	var took time.Duration
	var err error
	if id != "" {
		raw, took, err = c.do("GET", "/api/v1/standards/"+url.PathEscape(id)+"/similar", token, nil)
	} else {
		raw, took, err = c.do("POST", "/api/v1/similar", token, in)
	}
	if err != nil {
		return ans, took, err
	}
	return ans, took, json.Unmarshal(raw, &ans)
}

// waitHealthy waits until /healthz answers 200, or the server has exited
// (done is closed), or the time is up.
func (c *client) waitHealthy(done <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, _, err := c.do("GET", "/healthz", "", nil); err == nil {
			return nil
		}
		select {
		case <-done:
			return errors.New("norma serve exited before it answered /healthz")
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("norma serve did not answer /healthz within %v", limit)
}

// waitIndexed waits until an empty search as staff counts want documents:
// every imported text is in the index.
func (c *client) waitIndexed(token string, want int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	got := -1
	for time.Now().Before(deadline) {
		ans, _, err := c.search(token, url.Values{"q": {""}, "size": {"1"}})
		if err != nil {
			return fmt.Errorf("waiting for the index: %w", err)
		}
		if got = ans.Total; got == want {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the index holds %d documents after %v; the import stored %d", got, limit, want)
}
