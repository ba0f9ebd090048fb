package workflow

import (
	"context"
	"sort"
	"time"
)

// WorkSection is one part of a work list: the standards waiting for
// someone for one reason.
type WorkSection struct {
	// Key names the section in the message catalogs (work.<key>).
	Key string
	// Target names the place on the standard's page where the section's
	// action is taken: an anchor ("actions", "comments", "round",
	// "aftercare", "feedback"), or "" for the page itself.
	Target string
	// Watch marks a section of what the account follows rather than what
	// waits for it; its items are not counted in the header.
	Watch bool
	Items []WorkItem
}

// WorkItem is one standard in a work list and since when it waits.
type WorkItem struct {
	Standard *Standard
	Since    time.Time
	// Overdue says the plan's due date, the filing or the review has passed.
	Overdue bool
	// Count is how many things wait on the standard in this section
	// (comments without a disposition, unanswered feedback); 0 when the
	// section counts nothing.
	Count int
	// Due is the date the duty falls due (a filing, a review), "" if none;
	// DaysLeft counts the days to it, negative once it has passed.
	Due      string
	DaysLeft int
}

// workLimit bounds each list the store is asked for.
const workLimit = 200

// reviewHorizon is how far ahead the staff's work list shows reviews due.
const reviewHorizon = 90

// filingHorizon is how far ahead it shows filings due.
const filingHorizon = 30

var ownOnly = false

// inProgress are the states in which a standard is still being made.
var inProgress = []State{StateDraft, StateExpertReview, StatePublicNotice}

// WorkList returns what waits for actor, section by section, one function
// per role; for the public (nil), the open consultations and notices and
// the recently issued standards. Empty sections are left out.
func (s *Service) WorkList(ctx context.Context, actor *User) ([]WorkSection, error) {
	var secs []WorkSection
	var err error
	switch {
	case actor == nil:
		secs, err = s.publicWork(ctx)
	case actor.IsStaff():
		secs, err = s.staffWork(ctx, actor)
	case actor.Role == RoleDrafter:
		secs, err = s.drafterWork(ctx, actor)
	case actor.Role == RoleExpert:
		secs, err = s.expertWork(ctx, actor)
	}
	if err != nil {
		return nil, err
	}
	out := secs[:0]
	for _, sec := range secs {
		if len(sec.Items) > 0 {
			out = append(out, sec)
		}
	}
	return out, nil
}

// WorkCount is how many standards wait for actor: the count in the header.
// A standard waiting for two reasons counts once; followed sections and
// the public's list count nothing.
func (s *Service) WorkCount(ctx context.Context, actor *User) (int, error) {
	if actor == nil {
		return 0, nil
	}
	secs, err := s.WorkList(ctx, actor)
	return CountWork(secs), err
}

// CountWork counts the standards waiting in a work list, each once,
// followed sections aside.
func CountWork(secs []WorkSection) int {
	seen := map[string]bool{}
	for _, sec := range secs {
		for _, it := range sec.Items {
			if !sec.Watch {
				seen[it.Standard.ID] = true
			}
		}
	}
	return len(seen)
}

// workStandards lists the office's own standards in the states that actor
// may read, the most recently changed first.
func (s *Service) workStandards(ctx context.Context, actor *User, f StandardFilter) ([]*Standard, error) {
	f.Library, f.Reader, f.Limit = &ownOnly, actor, workLimit
	list, _, err := s.store.FindStandards(ctx, f)
	return list, err
}

// item is a standard waiting since a time, overdue when its plan's due
// date has passed.
func (s *Service) item(st *Standard, since time.Time) WorkItem {
	return WorkItem{Standard: st, Since: since, Overdue: planOverdue(st, s.now())}
}

// planOverdue says the plan's due date of a standard in progress has passed.
func planOverdue(st *Standard, now time.Time) bool {
	return st.Due != "" && st.Due < now.Format(time.DateOnly) && stateIn(st.State, inProgress)
}

func consultEnd(st *Standard) time.Time { return timeOr(st.ConsultEnd, st.UpdatedAt) }
func noticeEnd(st *Standard) time.Time  { return timeOr(st.NoticeEnd, st.UpdatedAt) }

func timeOr(t *time.Time, or time.Time) time.Time {
	if t == nil {
		return or
	}
	return *t
}

// dateTime is a YYYY-MM-DD date as a time, or or when it is not one.
func dateTime(s string, or time.Time) time.Time {
	if t, ok := parseDate(s); ok {
		return t
	}
	return or
}

// oldestFirst orders a section's items by how long they have waited.
func oldestFirst(items []WorkItem) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].Since.Before(items[j].Since) })
}

// openComments counts a standard's comments without a disposition.
func openComments(d *Dossier) int {
	return d.OpenReviewComments + d.OpenPublicComments
}

// feedbackItems groups unanswered feedback into one item per standard,
// waiting since the oldest.
func (s *Service) feedbackItems(ctx context.Context, actor *User) ([]WorkItem, error) {
	open, err := s.OpenFeedback(ctx, actor)
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	var items []WorkItem
	for _, f := range open {
		if i, ok := at[f.StandardID]; ok {
			items[i].Count++
			continue
		}
		st, err := s.store.FindStandard(ctx, f.StandardID)
		if err != nil {
			return nil, err
		}
		at[f.StandardID] = len(items)
		items = append(items, WorkItem{Standard: st, Since: f.CreatedAt, Count: 1})
	}
	oldestFirst(items)
	return items, nil
}
