package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

// RunCounters tests the events the throttles count, which the store keeps so
// that every node on one database counts together.
func RunCounters(t *testing.T, c workflow.Counters) {
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	for _, s := range []int{1, 2, 3} {
		if err := c.AddEvent(ctx, "login", "wang|10.0.0.1", at(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.AddEvent(ctx, "login_addr", "10.0.0.1", at(2)); err != nil {
		t.Fatal(err)
	}
	got, err := c.FindEvents(ctx, "login", "wang|10.0.0.1", at(1))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Time{at(2), at(3)}, got); diff != "" {
		t.Errorf("events after the first (-want +got):\n%s", diff)
	}
	if got, _ := c.FindEvents(ctx, "login", "li|10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("another key has events %v", got)
	}
	if err := c.DeleteEvents(ctx, "login", "wang|10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.FindEvents(ctx, "login", "wang|10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("after DeleteEvents: %v", got)
	}
	if got, _ := c.FindEvents(ctx, "login_addr", "10.0.0.1", at(0)); len(got) != 1 {
		t.Errorf("DeleteEvents reached another scope: %v", got)
	}
	if n, err := c.DeleteEventsBefore(ctx, at(3)); err != nil || n != 1 {
		t.Errorf("DeleteEventsBefore = %d, %v; want 1", n, err)
	}
	if got, _ := c.FindEvents(ctx, "login_addr", "10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("an old event outlived DeleteEventsBefore: %v", got)
	}
}
