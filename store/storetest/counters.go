package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

// Counter is a store that keeps the throttles' failures, so that every
// node on one database counts together.
type Counter interface {
	workflow.FailureCounter
	DeleteFailuresBefore(ctx context.Context, before time.Time) (int, error)
}

// RunCounter tests the failures a store keeps for the throttles.
func RunCounter(t *testing.T, c Counter) {
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	for _, s := range []int{1, 2, 3} {
		if err := c.AddFailure(ctx, "login:wang|10.0.0.1", at(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.AddFailure(ctx, "login-addr:10.0.0.1", at(2)); err != nil {
		t.Fatal(err)
	}
	got, err := c.Failures(ctx, "login:wang|10.0.0.1", at(1))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Time{at(2), at(3)}, got); diff != "" {
		t.Errorf("failures after the first (-want +got):\n%s", diff)
	}
	if got, _ := c.Failures(ctx, "login:li|10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("another key has failures %v", got)
	}
	if err := c.ClearFailures(ctx, "login:wang|10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Failures(ctx, "login:wang|10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("after ClearFailures: %v", got)
	}
	if got, _ := c.Failures(ctx, "login-addr:10.0.0.1", at(0)); len(got) != 1 {
		t.Errorf("ClearFailures reached another key: %v", got)
	}
	if n, err := c.DeleteFailuresBefore(ctx, at(3)); err != nil || n != 1 {
		t.Errorf("DeleteFailuresBefore = %d, %v; want 1", n, err)
	}
	if got, _ := c.Failures(ctx, "login-addr:10.0.0.1", at(0)); len(got) != 0 {
		t.Errorf("an old failure outlived DeleteFailuresBefore: %v", got)
	}
}
