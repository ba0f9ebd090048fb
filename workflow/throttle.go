package workflow

import (
	"sync"
	"time"
)

// throttle counts failures per key (a user name, a client address) in a
// sliding window and refuses a key that has reached the limit.
type throttle struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	fails  map[string][]time.Time
}

func newThrottle(limit int, window time.Duration) *throttle {
	if limit <= 0 {
		limit = 5
	}
	if window <= 0 {
		window = 15 * time.Minute
	}
	return &throttle{limit: limit, window: window, fails: map[string][]time.Time{}}
}

// blocked returns how long the most restricted of keys must still wait, or 0.
func (t *throttle) blocked(keys []string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		f := t.recent(k, now)
		if len(f) >= t.limit {
			if w := f[len(f)-t.limit].Add(t.window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	return wait
}

func (t *throttle) fail(keys []string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		t.fails[k] = append(t.recent(k, now), now)
	}
	if len(t.fails) > 100_000 { // forget old keys rather than grow without end
		for k := range t.fails {
			if len(t.recent(k, now)) == 0 {
				delete(t.fails, k)
			}
		}
	}
}

func (t *throttle) reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

// recent returns the failures of key within the window; the caller holds mu.
func (t *throttle) recent(key string, now time.Time) []time.Time {
	f := t.fails[key]
	i := 0
	for i < len(f) && !f[i].After(now.Add(-t.window)) {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = f
	return f
}
