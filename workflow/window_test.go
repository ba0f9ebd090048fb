package workflow

import (
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	start := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	end := start.Add(30 * 24 * time.Hour)
	open := &Standard{State: StatePublicNotice, NoticeStart: &start, NoticeEnd: &end}
	returned := &Standard{State: StateDraft, NoticeStart: &start, NoticeEnd: &end}
	for _, tc := range []struct {
		name   string
		st     *Standard
		now    time.Time
		open   bool
		detail string
		days   int
	}{
		{"never put out", &Standard{State: StateDraft}, start, false, "", 0},
		{"before it opens", open, start.Add(-time.Minute), false, "opens", 0},
		{"at the start", open, start, true, "", 30},
		{"half a day in", open, start.Add(12 * time.Hour), true, "", 30},
		{"last minute", open, end.Add(-time.Minute), true, "", 1},
		{"at the end", open, end, false, "closed", 0},
		{"left early", returned, start.Add(time.Hour), false, "closed", 0},
	} {
		w := tc.st.Notice()
		err := w.Check(tc.now)
		if w.Open(tc.now) != tc.open || (err == nil) != tc.open || w.DaysLeft(tc.now) != tc.days {
			t.Errorf("%s: Open %t, Check %v, DaysLeft %d; want %t, %d", tc.name, w.Open(tc.now), err, w.DaysLeft(tc.now), tc.open, tc.days)
		}
		if e := AsError(err); err != nil && (e == nil || e.Code != ECONFLICT || (tc.detail != "" && e.Details[tc.detail] == nil)) {
			t.Errorf("%s: Check = %#v, want a conflict with %q", tc.name, err, tc.detail)
		}
	}
}
