// Package poll waits in tests for something that happens in the background
// (an index worker catching up, a child process answering), with a deadline
// so that a test that waits in vain fails, naming what it waited for,
// instead of hanging until the test binary's timeout.
package poll

import (
	"testing"
	"time"
)

// Interval is how long Until sleeps between two checks.
const Interval = 10 * time.Millisecond

// Until calls done every Interval until it reports true, and fails tb,
// naming what, if that has not happened within timeout or done returns an
// error.
func Until(tb testing.TB, timeout time.Duration, what string, done func() (bool, error)) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := done()
		if err != nil {
			tb.Fatalf("waiting for %s: %v", what, err)
			return
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s did not happen within %v", what, timeout)
			return
		}
		time.Sleep(Interval)
	}
}
