package workflow

import (
	"context"
	"time"
)

// drafterWork is a drafter's work list: returned standards, comments to
// dispose, ended consultations and notices, drafts to write and feedback
// to answer; then, followed, what is with the experts or out for comment.
func (s *Service) drafterWork(ctx context.Context, u *User) ([]WorkSection, error) {
	own, err := s.workStandards(ctx, u, StandardFilter{Owner: &u.ID, States: inProgress})
	if err != nil {
		return nil, err
	}
	returned := WorkSection{Key: "drafter.returned"}
	comments := WorkSection{Key: "drafter.comments", Target: "comments"}
	consulted := WorkSection{Key: "drafter.consulted", Target: "actions"}
	noticeClosed := WorkSection{Key: "drafter.notice_closed", Target: "comments"}
	drafts := WorkSection{Key: "drafter.drafts"}
	consulting := WorkSection{Key: "drafter.consulting", Watch: true}
	review := WorkSection{Key: "drafter.review", Watch: true}
	notice := WorkSection{Key: "drafter.notice", Watch: true}
	now := s.now()
	for _, st := range own {
		d, err := s.store.FindDossier(ctx, st.ID)
		if err != nil {
			return nil, err
		}
		if n := openComments(d); n > 0 {
			it := s.item(st, st.UpdatedAt)
			it.Count = n
			comments.Items = append(comments.Items, it)
		}
		switch {
		case st.State == StateDraft && d.Rounds > 0:
			since, err := s.returnedAt(ctx, st)
			if err != nil {
				return nil, err
			}
			returned.Items = append(returned.Items, s.item(st, since))
		case st.State == StateDraft && st.ConsultationDone(now):
			consulted.Items = append(consulted.Items, s.item(st, consultEnd(st)))
		case st.State == StateDraft && st.ConsultationOpen(now):
			consulting.Items = append(consulting.Items, s.item(st, st.UpdatedAt))
		case st.State == StateDraft:
			drafts.Items = append(drafts.Items, s.item(st, st.UpdatedAt))
		case st.State == StatePublicNotice && st.Notice().Ended(now):
			noticeClosed.Items = append(noticeClosed.Items, s.item(st, noticeEnd(st)))
		case st.State == StatePublicNotice:
			notice.Items = append(notice.Items, s.item(st, st.UpdatedAt))
		default:
			review.Items = append(review.Items, s.item(st, st.UpdatedAt))
		}
	}
	feedback, err := s.feedbackItems(ctx, u)
	if err != nil {
		return nil, err
	}
	secs := []WorkSection{returned, comments, consulted, noticeClosed, drafts,
		{Key: "drafter.feedback", Target: "feedback", Items: feedback}, consulting, review, notice}
	for i := range secs[:4] {
		oldestFirst(secs[i].Items)
	}
	return secs, nil
}

// returnedAt is when a draft was last returned to its drafter.
func (s *Service) returnedAt(ctx context.Context, st *Standard) (time.Time, error) {
	hist, err := s.store.FindHistory(ctx, st.ID)
	if err != nil {
		return time.Time{}, err
	}
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Action == string(ActionReturn) {
			return hist[i].At, nil
		}
	}
	return st.UpdatedAt, nil
}

// expertWork is an expert's work list: the texts whose open round waits
// for their verdict; then, followed, those where they have given it.
func (s *Service) expertWork(ctx context.Context, u *User) ([]WorkSection, error) {
	list, err := s.workStandards(ctx, u, StandardFilter{Expert: &u.ID, States: []State{StateExpertReview}})
	if err != nil {
		return nil, err
	}
	due := WorkSection{Key: "expert.due", Target: "round"}
	given := WorkSection{Key: "expert.given", Target: "round", Watch: true}
	for _, st := range list {
		d, err := s.store.FindDossier(ctx, st.ID)
		if err != nil {
			return nil, err
		}
		if d.Round == nil {
			continue
		}
		if d.Round.VerdictOf(u.ID) == nil {
			due.Items = append(due.Items, s.item(st, d.Round.OpenedAt))
		} else {
			given.Items = append(given.Items, s.item(st, d.Round.OpenedAt))
		}
	}
	oldestFirst(due.Items)
	return []WorkSection{due, given}, nil
}

// staffWork is staff's queue: texts submitted without experts, rounds
// ready to approve, consultations and notices ended, plans overdue,
// filings and reviews due, feedback to answer; then, followed, rounds
// waiting for verdicts and consultations open.
func (s *Service) staffWork(ctx context.Context, u *User) ([]WorkSection, error) {
	list, err := s.workStandards(ctx, u, StandardFilter{States: inProgress})
	if err != nil {
		return nil, err
	}
	noExperts := WorkSection{Key: "staff.no_experts", Target: "round"}
	ready := WorkSection{Key: "staff.ready", Target: "actions"}
	noticeEnded := WorkSection{Key: "staff.notice_ended", Target: "actions"}
	consultEnded := WorkSection{Key: "staff.consult_ended", Target: "actions"}
	overdue := WorkSection{Key: "staff.overdue"}
	review := WorkSection{Key: "staff.review", Target: "round", Watch: true}
	consulting := WorkSection{Key: "staff.consulting", Watch: true}
	now := s.now()
	for _, st := range list {
		if planOverdue(st, now) {
			overdue.Items = append(overdue.Items, s.item(st, dateTime(st.Due, st.UpdatedAt)))
		}
		switch {
		case st.State == StateExpertReview:
			sec, since, err := s.reviewSection(ctx, u, st)
			if err != nil {
				return nil, err
			}
			target := map[string]*WorkSection{noExperts.Key: &noExperts, ready.Key: &ready, review.Key: &review}[sec]
			target.Items = append(target.Items, s.item(st, since))
		case st.State == StatePublicNotice && st.Notice().Ended(now):
			noticeEnded.Items = append(noticeEnded.Items, s.item(st, noticeEnd(st)))
		case st.State == StateDraft && st.ConsultationDone(now):
			consultEnded.Items = append(consultEnded.Items, s.item(st, consultEnd(st)))
		case st.State == StateDraft && st.ConsultationOpen(now):
			consulting.Items = append(consulting.Items, s.item(st, st.UpdatedAt))
		}
	}
	after, err := s.aftercareWork(ctx, u)
	if err != nil {
		return nil, err
	}
	secs := []WorkSection{noExperts, ready, noticeEnded, consultEnded, overdue}
	for i := range secs {
		oldestFirst(secs[i].Items)
	}
	return append(append(secs, after...), review, consulting), nil
}

// reviewSection decides where a standard under review stands for staff:
// without experts, ready to approve (every guard of approve passes), or
// waiting for the experts; and since when.
func (s *Service) reviewSection(ctx context.Context, u *User, st *Standard) (string, time.Time, error) {
	d, err := s.store.FindDossier(ctx, st.ID)
	if err != nil {
		return "", time.Time{}, err
	}
	since := st.UpdatedAt
	if d.Round != nil {
		since = d.Round.OpenedAt
	}
	if len(d.Experts) == 0 {
		return "staff.no_experts", since, nil
	}
	c := &check{svc: s, d: d, in: TransitionInput{Action: ActionApprove}, now: s.now(), actor: u}
	if len(c.run(ctx, approveGuards)) == 0 {
		return "staff.ready", since, nil
	}
	return "staff.review", since, nil
}

// aftercareWork is staff's part after issue: filings due within
// filingHorizon days and overdue, reviews due within reviewHorizon days
// and overdue, and unanswered implementation feedback.
func (s *Service) aftercareWork(ctx context.Context, u *User) ([]WorkSection, error) {
	filings, err := s.FilingsDue(ctx, u, filingHorizon)
	if err != nil {
		return nil, err
	}
	fs := WorkSection{Key: "staff.filings", Target: "aftercare"}
	for _, f := range filings {
		fs.Items = append(fs.Items, WorkItem{Standard: f.Standard, Since: dateTime(f.Standard.IssueDate, f.Standard.UpdatedAt),
			Overdue: f.Overdue, Due: f.Due, DaysLeft: f.DaysLeft})
	}
	reviews, err := s.ReviewsDue(ctx, u, reviewHorizon)
	if err != nil {
		return nil, err
	}
	rs := WorkSection{Key: "staff.reviews", Target: "aftercare"}
	for _, r := range reviews {
		rs.Items = append(rs.Items, WorkItem{Standard: r.Standard, Since: dateTime(r.ReviewDue, r.Standard.UpdatedAt).AddDate(0, 0, -reviewHorizon),
			Overdue: r.Overdue, Due: r.ReviewDue, DaysLeft: r.DaysLeft, Count: r.Feedback})
	}
	feedback, err := s.feedbackItems(ctx, u)
	if err != nil {
		return nil, err
	}
	return []WorkSection{fs, rs, {Key: "staff.feedback", Target: "feedback", Items: feedback}}, nil
}

// publicWork is what anyone sees: open consultations and notices, and the
// standards issued most recently.
func (s *Service) publicWork(ctx context.Context) ([]WorkSection, error) {
	open, err := s.workStandards(ctx, nil, StandardFilter{States: []State{StatePublicNotice, StateDraft}, AllReaders: true})
	if err != nil {
		return nil, err
	}
	notices := WorkSection{Key: "public.notices", Target: "notice"}
	now := s.now()
	for _, st := range open {
		if st.ConsultationOpen(now) || st.State == StatePublicNotice && st.Notice().Open(now) {
			notices.Items = append(notices.Items, WorkItem{Standard: st, Since: st.UpdatedAt})
		}
	}
	issued, err := s.workStandards(ctx, nil, StandardFilter{States: []State{StateIssued}})
	if err != nil {
		return nil, err
	}
	recent := WorkSection{Key: "public.issued"}
	for _, st := range issued {
		recent.Items = append(recent.Items, WorkItem{Standard: st, Since: dateTime(st.IssueDate, st.UpdatedAt)})
	}
	return []WorkSection{notices, recent}, nil
}
