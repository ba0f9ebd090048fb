package workflow

import (
	"context"
	"sync"
	"time"
)

// Counters keeps the events the throttles count (failed logins, public
// comments) per scope and key. The stores keep them in the database, so
// that several nodes count together; without one a process counts alone.
type Counters interface {
	// AddEvent records an event of key in scope at the time.
	AddEvent(ctx context.Context, scope, key string, at time.Time) error
	// FindEvents returns the times of key's events in scope after since,
	// oldest first.
	FindEvents(ctx context.Context, scope, key string, since time.Time) ([]time.Time, error)
	// DeleteEvents forgets every event of key in scope.
	DeleteEvents(ctx context.Context, scope, key string) error
	// DeleteEventsBefore forgets every event older than the time.
	DeleteEventsBefore(ctx context.Context, before time.Time) (int, error)
}

// throttle counts events per key (a user name, a client address) in a
// sliding window and refuses a key that has reached the limit.
type throttle struct {
	scope  string
	limit  int
	window time.Duration
	events Counters
}

func newThrottle(events Counters, scope string, limit int, window time.Duration) *throttle {
	if limit <= 0 {
		limit = 5
	}
	if window <= 0 {
		window = 15 * time.Minute
	}
	return &throttle{scope: scope, limit: limit, window: window, events: events}
}

// blocked returns how long the most restricted of keys must still wait, or 0.
func (t *throttle) blocked(ctx context.Context, keys []string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		f, err := t.events.FindEvents(ctx, t.scope, k, now.Add(-t.window))
		if err != nil {
			return 0, err
		}
		if len(f) >= t.limit {
			if w := f[len(f)-t.limit].Add(t.window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	return wait, nil
}

func (t *throttle) fail(ctx context.Context, keys []string, now time.Time) error {
	for _, k := range keys {
		if err := t.events.AddEvent(ctx, t.scope, k, now); err != nil {
			return err
		}
	}
	return nil
}

func (t *throttle) reset(ctx context.Context, key string) error {
	return t.events.DeleteEvents(ctx, t.scope, key)
}

// memCounters keeps the events in the process, for a store that keeps none.
type memCounters struct {
	mu     sync.Mutex
	events map[string][]time.Time // by scope + "\x00" + key, oldest first
}

func newMemCounters() *memCounters { return &memCounters{events: map[string][]time.Time{}} }

func (m *memCounters) AddEvent(_ context.Context, scope, key string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := scope + "\x00" + key
	m.events[k] = append(m.events[k], at)
	if len(m.events) > 100_000 { // forget old keys rather than grow without end
		m.deleteBefore(at.Add(-24 * time.Hour))
	}
	return nil
}

func (m *memCounters) FindEvents(_ context.Context, scope, key string, since time.Time) ([]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []time.Time
	for _, at := range m.events[scope+"\x00"+key] {
		if at.After(since) {
			out = append(out, at)
		}
	}
	return out, nil
}

func (m *memCounters) DeleteEvents(_ context.Context, scope, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.events, scope+"\x00"+key)
	return nil
}

func (m *memCounters) DeleteEventsBefore(_ context.Context, before time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.deleteBefore(before), nil
}

// deleteBefore drops the events before the time; the caller holds mu.
func (m *memCounters) deleteBefore(before time.Time) int {
	n := 0
	for k, f := range m.events {
		i := 0
		for i < len(f) && f[i].Before(before) {
			i++
		}
		n += i
		if i == len(f) {
			delete(m.events, k)
		} else {
			m.events[k] = f[i:]
		}
	}
	return n
}
