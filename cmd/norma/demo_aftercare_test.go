package main

import (
	"context"
	"testing"
)

// testDemoAftercare checks the demo shows the life after issue.
func testDemoAftercare(t *testing.T, a *app) {
	t.Helper()
	ctx := context.Background()
	staff, err := a.db.FindUserByName(ctx, "staff")
	if err != nil {
		t.Fatal(err)
	}
	filings, err := a.svc.FilingsDue(ctx, staff, 3650)
	if err != nil || len(filings) != 1 || filings[0].Standard.Number[:11] != "DB31/T 1523" {
		t.Errorf("demo filings due = %+v, %v; want DB31/T 1523 awaiting", filings, err)
	}
	reviews, err := a.svc.ReviewsDue(ctx, staff, 30)
	if err != nil || len(reviews) != 1 || reviews[0].Feedback != 2 {
		t.Errorf("demo reviews due within 30 days = %+v, %v; want the library entry with 2 feedback", reviews, err)
	}
	rows, err := a.svc.SystemTable(ctx, staff)
	if err != nil {
		t.Fatal(err)
	}
	placed, empty := 0, 0
	for _, r := range rows {
		placed += len(r.Standards) + len(r.Proposals)
		if r.Empty {
			empty++
		}
	}
	if placed != 9 || empty == 0 {
		t.Errorf("demo system: %d placed (want the 8 texts and the proposal), %d empty modules", placed, empty)
	}
}
