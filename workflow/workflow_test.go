package workflow

import (
	"context"
	"testing"
	"time"
)

func TestValidRegion(t *testing.T) {
	for code, want := range map[string]bool{"11": true, "4201": true, "110105": true, "99": false, "1": false,
		"111": false, "44a1": false, "": false, "8100": true} {
		if got := ValidRegion(code); got != want {
			t.Errorf("ValidRegion(%q) = %v", code, got)
		}
	}
}

func TestLibraryID(t *testing.T) {
	for _, tc := range []struct{ id, number, path, want string }{
		{"t-1", "GB 1—2000", "a/b.md", "t-1"},
		{"", "GB/T 1.1—2020", "a/b.md", "GB-T-1.1-2020"},
		{"", "", "laws/b.md", "laws-b"},
	} {
		if got := libraryID(tc.id, tc.number, tc.path); got != tc.want {
			t.Errorf("libraryID(%q, %q, %q) = %q, want %q", tc.id, tc.number, tc.path, got, tc.want)
		}
	}
	a, b := libraryID("", "", "上海/条例.md"), libraryID("", "", "北京/条例.md")
	if a == b || !ValidID(a) || !ValidID(b) {
		t.Errorf("paths with Chinese names give ids %q and %q; want distinct valid ids", a, b)
	}
}

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := newThrottle(NewMemoryCounter(time.Hour), "login", 3, time.Minute)
	ctx := context.Background()
	keys := []string{"user:a", "addr:1"}
	for i := range 3 {
		if w := blocked(t, th, keys, now); w != 0 {
			t.Fatalf("blocked after %d failures", i)
		}
		th.fail(ctx, keys, now.Add(time.Duration(i)*time.Second))
	}
	if w := blocked(t, th, keys, now.Add(3*time.Second)); w <= 0 || w > time.Minute {
		t.Errorf("after 3 failures wait %v, want up to a minute", w)
	}
	if w := blocked(t, th, []string{"addr:1"}, now.Add(3*time.Second)); w == 0 {
		t.Error("the address is not blocked")
	}
	if w := blocked(t, th, keys, now.Add(2*time.Minute)); w != 0 {
		t.Errorf("still blocked after the window: %v", w)
	}
	th.fail(ctx, keys, now)
	th.reset(ctx, "user:a")
	if w := blocked(t, th, []string{"user:a"}, now); w != 0 {
		t.Error("reset did not clear the name")
	}
}

func TestThrottleLocks(t *testing.T) {
	ctx, now := context.Background(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := newThrottle(NewMemoryCounter(time.Hour), "t", 3, time.Minute)
	for i := range 3 {
		if w, _ := th.blocked(ctx, []string{"a"}, now); w != 0 {
			t.Fatalf("blocked after %d failures", i)
		}
		th.fail(ctx, []string{"a"}, now.Add(time.Duration(i)*time.Second))
	}
	if w, _ := th.blocked(ctx, []string{"a"}, now.Add(3*time.Second)); w != 57*time.Second {
		t.Errorf("after 3 failures wait %v, want 57s (until the first failure leaves the window)", w)
	}
	if w, _ := th.blocked(ctx, []string{"b"}, now); w != 0 {
		t.Error("another key is blocked")
	}
	if w, _ := th.blocked(ctx, []string{"a"}, now.Add(2*time.Minute)); w != 0 {
		t.Errorf("still blocked after the window: %v", w)
	}
	th.fail(ctx, []string{"a"}, now)
	th.reset(ctx, "a")
	if f, _ := th.counter.Failures(ctx, "t:a", now.Add(-time.Hour)); len(f) != 0 {
		t.Error("reset did not clear the key")
	}
}

func TestThrottleSlowsDown(t *testing.T) {
	ctx, now := context.Background(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := newThrottle(NewMemoryCounter(time.Hour), "t", 3, 15*time.Minute)
	th.slow = true
	for range 3 {
		th.fail(ctx, []string{"a"}, now)
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second,
		16 * time.Second, 32 * time.Second, time.Minute, time.Minute} {
		if w, _ := th.blocked(ctx, []string{"a"}, now); w != want {
			t.Errorf("after %d failures over the limit wait %v, want %v", i, w, want)
		}
		if w, _ := th.blocked(ctx, []string{"a"}, now.Add(want)); w != 0 {
			t.Errorf("after %d failures over the limit still blocked %v once the delay has passed", i, w)
		}
		th.fail(ctx, []string{"a"}, now)
	}
}

func TestCanonicalUsername(t *testing.T) {
	for _, n := range []string{"staff", "Staff", "STAFF", " sTaFf "} {
		if got := CanonicalUsername(n); got != "staff" {
			t.Errorf("CanonicalUsername(%q) = %q", n, got)
		}
	}
}

func blocked(tb testing.TB, th *throttle, keys []string, now time.Time) time.Duration {
	tb.Helper()
	w, err := th.blocked(context.Background(), keys, now)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}
