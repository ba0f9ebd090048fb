package poll

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// recorder notes a failure instead of ending the test.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestUntilReturnsWhenDone(t *testing.T) {
	calls := 0
	r := &recorder{TB: t}
	Until(r, time.Second, "the third call", func() (bool, error) { calls++; return calls == 3, nil })
	if calls != 3 || r.failed != "" {
		t.Errorf("calls = %d, failed %q; want 3 calls and no failure", calls, r.failed)
	}
}

func TestUntilFailsAtTheDeadline(t *testing.T) {
	r := &recorder{TB: t}
	start := time.Now()
	Until(r, 50*time.Millisecond, "nothing", func() (bool, error) { return false, nil })
	if took := time.Since(start); r.failed == "" || took < 50*time.Millisecond {
		t.Errorf("failed %q after %v; want a failure after the 50ms deadline", r.failed, took)
	}
}

func TestUntilFailsOnError(t *testing.T) {
	r := &recorder{TB: t}
	calls := 0
	Until(r, time.Second, "a broken check", func() (bool, error) { calls++; return false, errors.New("broken") })
	if calls != 1 || r.failed == "" {
		t.Errorf("calls = %d, failed %q; want one call and a failure", calls, r.failed)
	}
}
