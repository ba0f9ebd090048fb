package workflow

import (
	"context"
	"strings"
	"sync"
	"time"
)

// FailureCounter keeps the recent failures of keys (a canonical user name,
// a client address, both). The memory one serves a single node; a store
// may keep them where several nodes see the same counts.
type FailureCounter interface {
	// Failures returns the times of key's failures after since, oldest first.
	Failures(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	// AddFailure records a failure of key at a time.
	AddFailure(ctx context.Context, key string, at time.Time) error
	// ClearFailures forgets key's failures.
	ClearFailures(ctx context.Context, key string) error
}

// CanonicalUsername is the form of a user name that accounts are matched
// and failed logins counted by: names match whatever their letter case.
func CanonicalUsername(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// throttle decides from a FailureCounter how long a key must wait. A key
// that has reached the limit within the window is refused until the oldest
// of those failures leaves it (lock); with slow set, it is instead refused
// only for a delay after its last failure that doubles with each failure
// over the limit, up to maxSlow (slow down: an office behind one address
// still signs in, a guesser gets one try a minute).
type throttle struct {
	counter FailureCounter
	prefix  string
	limit   int
	window  time.Duration
	slow    bool
}

// maxSlow is the longest delay of a slowed-down key.
const maxSlow = time.Minute

func newThrottle(counter FailureCounter, prefix string, limit int, window time.Duration) *throttle {
	if limit <= 0 {
		limit = 5
	}
	if window <= 0 {
		window = 15 * time.Minute
	}
	return &throttle{counter: counter, prefix: prefix + ":", limit: limit, window: window}
}

// blocked returns how long the most restricted of keys must still wait, or 0.
func (t *throttle) blocked(ctx context.Context, keys []string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		f, err := t.counter.Failures(ctx, t.prefix+k, now.Add(-t.window))
		if err != nil {
			return 0, err
		}
		wait = max(wait, t.wait(f, now))
	}
	return wait, nil
}

// wait is how long a key with the failures f must still wait.
func (t *throttle) wait(f []time.Time, now time.Time) time.Duration {
	if len(f) < t.limit {
		return 0
	}
	if !t.slow {
		return max(0, f[len(f)-t.limit].Add(t.window).Sub(now))
	}
	over := len(f) - t.limit
	delay := maxSlow
	if over < 6 {
		delay = min(maxSlow, time.Second<<over)
	}
	return max(0, f[len(f)-1].Add(delay).Sub(now))
}

func (t *throttle) fail(ctx context.Context, keys []string, now time.Time) error {
	for _, k := range keys {
		if err := t.counter.AddFailure(ctx, t.prefix+k, now); err != nil {
			return err
		}
	}
	return nil
}

func (t *throttle) reset(ctx context.Context, key string) error {
	return t.counter.ClearFailures(ctx, t.prefix+key)
}

// memoryCounter is a FailureCounter in this process's memory.
type memoryCounter struct {
	mu     sync.Mutex
	keep   time.Duration
	fails  map[string][]time.Time
	writes int
}

// NewMemoryCounter returns a FailureCounter in memory that forgets failures
// older than keep.
func NewMemoryCounter(keep time.Duration) FailureCounter {
	return &memoryCounter{keep: keep, fails: map[string][]time.Time{}}
}

func (m *memoryCounter) Failures(_ context.Context, key string, since time.Time) ([]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.fails[key]
	i := 0
	for i < len(f) && !f[i].After(since) {
		i++
	}
	return append([]time.Time(nil), f[i:]...), nil
}

func (m *memoryCounter) AddFailure(_ context.Context, key string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.fails[key]
	i := 0
	for i < len(f) && !f[i].After(at.Add(-m.keep)) {
		i++
	}
	m.fails[key] = append(f[i:], at)
	if m.writes++; m.writes%10_000 == 0 { // forget old keys rather than grow without end
		for k, f := range m.fails {
			if len(f) == 0 || !f[len(f)-1].After(at.Add(-m.keep)) {
				delete(m.fails, k)
			}
		}
	}
	return nil
}

func (m *memoryCounter) ClearFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.fails, key)
	return nil
}
