package workflow

import (
	"context"
	"time"
)

// WorkSection is one part of a work list: the standards waiting for
// someone for one reason, the most recently changed first.
type WorkSection struct {
	// Key names the section in the message catalogs (work.<key>).
	Key   string
	Items []WorkItem
}

// WorkItem is one standard in a work list and since when it waits.
type WorkItem struct {
	Standard *Standard
	Since    time.Time
	// Overdue says the plan's due date or the window has passed.
	Overdue bool
}

// workSection selects the standards of one section of a work list: the
// store narrows by filter, keep decides on each (nil keeps all).
type workSection struct {
	key    string
	filter func(u *User) StandardFilter
	keep   func(ctx context.Context, s *Service, st *Standard, now time.Time) bool
	// since is when the item started waiting; nil: its last change.
	since func(st *Standard) time.Time
}

// workLimit bounds each section.
const workLimit = 100

var ownOnly = false

func states(sts ...State) []State { return sts }

// workSections lists the sections of each role's work list, in the order
// they are shown. A new duty is a new entry here.
var workSections = map[Role][]workSection{
	RoleDrafter: {
		{key: "drafter.consulted", filter: ownIn(StateDraft), keep: consultationEnded, since: consultEnd},
		{key: "drafter.drafts", filter: ownIn(StateDraft), keep: notConsulted},
		{key: "drafter.review", filter: ownIn(StateExpertReview)},
		{key: "drafter.notice", filter: ownIn(StatePublicNotice)},
	},
	RoleExpert: {
		{key: "expert.assigned", filter: func(u *User) StandardFilter {
			return StandardFilter{Expert: &u.ID, States: states(StateExpertReview)}
		}},
	},
	RoleStaff: staffSections,
	RoleAdmin: staffSections,
}

var staffSections = []workSection{
	{key: "staff.no_experts", filter: allIn(StateExpertReview), keep: withoutExperts},
	{key: "staff.review", filter: allIn(StateExpertReview), keep: func(ctx context.Context, s *Service, st *Standard, now time.Time) bool {
		return !withoutExperts(ctx, s, st, now)
	}},
	{key: "staff.notice_ended", filter: allIn(StatePublicNotice), keep: noticeEnded, since: noticeEnd},
	{key: "staff.consulting", filter: allIn(StateDraft), keep: consultationOpen, since: consultEnd},
}

// publicSections are what anyone sees: open windows, recent issues.
var publicSections = []workSection{
	{key: "public.notices", filter: func(*User) StandardFilter {
		return StandardFilter{Library: &ownOnly, States: states(StatePublicNotice, StateDraft), AllReaders: true}
	}, keep: func(_ context.Context, _ *Service, st *Standard, now time.Time) bool {
		return st.ConsultationOpen(now) || st.State == StatePublicNotice && st.Notice().Open(now)
	}},
	{key: "public.issued", filter: func(*User) StandardFilter {
		return StandardFilter{Library: &ownOnly, States: states(StateIssued)}
	}},
}

func ownIn(sts ...State) func(u *User) StandardFilter {
	return func(u *User) StandardFilter { return StandardFilter{Owner: &u.ID, States: sts, Library: &ownOnly} }
}

func allIn(sts ...State) func(u *User) StandardFilter {
	return func(*User) StandardFilter { return StandardFilter{States: sts, Library: &ownOnly} }
}

func consultationEnded(_ context.Context, _ *Service, st *Standard, now time.Time) bool {
	return st.ConsultationDone(now)
}

func notConsulted(_ context.Context, _ *Service, st *Standard, now time.Time) bool {
	return !st.ConsultationDone(now)
}

func consultationOpen(_ context.Context, _ *Service, st *Standard, now time.Time) bool {
	return st.ConsultationOpen(now)
}

func noticeEnded(_ context.Context, _ *Service, st *Standard, now time.Time) bool {
	return st.NoticeEnd != nil && !now.Before(*st.NoticeEnd)
}

func withoutExperts(ctx context.Context, s *Service, st *Standard, _ time.Time) bool {
	experts, err := s.store.FindExperts(ctx, st.ID)
	return err == nil && len(experts) == 0
}

func consultEnd(st *Standard) time.Time { return timeOr(st.ConsultEnd, st.UpdatedAt) }
func noticeEnd(st *Standard) time.Time  { return timeOr(st.NoticeEnd, st.UpdatedAt) }

func timeOr(t *time.Time, or time.Time) time.Time {
	if t == nil {
		return or
	}
	return *t
}

// WorkList returns what waits for actor, section by section; for the
// public (nil), the open notices and the recently issued standards. Empty
// sections are left out.
func (s *Service) WorkList(ctx context.Context, actor *User) ([]WorkSection, error) {
	sections := publicSections
	if actor != nil {
		sections = workSections[actor.Role]
	}
	now := s.now()
	var out []WorkSection
	for _, ws := range sections {
		f := ws.filter(actor)
		if !f.AllReaders {
			f.Reader = actor
		}
		f.Limit = workLimit
		list, _, err := s.store.FindStandards(ctx, f)
		if err != nil {
			return nil, err
		}
		sec := WorkSection{Key: ws.key}
		for _, st := range list {
			if ws.keep != nil && !ws.keep(ctx, s, st, now) {
				continue
			}
			it := WorkItem{Standard: st, Since: st.UpdatedAt}
			if ws.since != nil {
				it.Since = ws.since(st)
			}
			it.Overdue = st.Due != "" && st.Due < now.Format(time.DateOnly) || ws.key == "staff.notice_ended"
			sec.Items = append(sec.Items, it)
		}
		if len(sec.Items) > 0 {
			out = append(out, sec)
		}
	}
	return out, nil
}

// WorkCount is how many items wait for actor: the count in the header.
// The public's list is not a duty and counts nothing.
func (s *Service) WorkCount(ctx context.Context, actor *User) (int, error) {
	if actor == nil {
		return 0, nil
	}
	secs, err := s.WorkList(ctx, actor)
	n := 0
	for _, sec := range secs {
		n += len(sec.Items)
	}
	return n, err
}
