package workflow

import (
	"context"
	"fmt"
	"time"

	"norma/docs"
)

// Guard checks one condition of a move and returns what is unmet, in words
// a user can act on, or nothing. Adding a rule to a move is adding a Guard
// to its list.
type Guard func(ctx context.Context, c *check) []Unmet

// Unmet is one condition of a move that does not hold: a message key of the
// UI catalogs with its arguments, and the same in English for the API.
// Arguments of type State or []State are names the pages translate.
type Unmet struct {
	Key     string `json:"key"`
	Args    []any  `json:"args,omitempty"`
	Message string `json:"message"`
}

func unmet(key string, args []any, format string, fargs ...any) Unmet {
	return Unmet{Key: key, Args: args, Message: fmt.Sprintf(format, fargs...)}
}

func messages(us []Unmet) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Message
	}
	return out
}

var (
	consultGuards = []Guard{guardNoConsultationOpen}
	submitGuards  = []Guard{guardHasExpert, guardNoConflictOfInterest, guardNoStructureErrors, guardConsultationDone}
	approveGuards = []Guard{guardHasExpert, guardAllVerdicts, guardDecisionRule, guardReviewCommentsDisposed}
	issueGuards   = []Guard{guardWindowClosed, guardPublicCommentsDisposed, guardNumberFree}
)

// Dossier is what the guards read of a standard, loaded in one transaction.
type Dossier struct {
	Standard *Standard
	Experts  []*User
	// Round is the open review round, nil when none is open; Rounds counts
	// every round so far.
	Round  *Round
	Rounds int
	// Body is the text of the latest revision.
	Body string
	// OpenReviewComments and OpenPublicComments count the comments of
	// experts and staff, and of the public, that have no disposition.
	OpenReviewComments int
	OpenPublicComments int
	// OpenConsultComments counts the public comments of the consultation
	// that have no disposition.
	OpenConsultComments int
	// Amendments are the numbers of the standard's issued amendment
	// sheets, which the index files it under too.
	Amendments []string
}

// check is one move being checked: its dossier, its input, and what the
// input resolved to.
type check struct {
	svc    *Service
	d      *Dossier
	in     TransitionInput
	now    time.Time
	actor  *User
	number docs.StdNumber
	days   int
	// replaced are the standards an issue supersedes.
	replaced []*Standard
	// parent is the standard an amendment sheet amends, when one is
	// issued, and parentBody its current text.
	parent     *Standard
	parentBody string
}

func (c *check) run(ctx context.Context, guards []Guard) []Unmet {
	var unmet []Unmet
	for _, g := range guards {
		unmet = append(unmet, g(ctx, c)...)
	}
	return unmet
}

// prepare validates the fields of the action and resolves them.
func (c *check) prepare(ctx context.Context) error {
	switch c.in.Action {
	case ActionConsult:
		return c.prepareConsult()
	case ActionSubmit:
		return c.prepareSubmit()
	case ActionApprove:
		if err := c.prepareApprove(); err != nil {
			return err
		}
		return c.prepareConclusion()
	case ActionIssue:
		return c.prepareIssue(ctx)
	}
	return nil
}

func (c *check) prepareApprove() error {
	min := c.svc.cfg.NoticeMinDays[c.d.Standard.Level]
	c.days = min
	if c.in.NoticeDays != nil {
		c.days = *c.in.NoticeDays
	}
	switch {
	case c.days < min:
		return FieldError("notice_days", "a %s standard is put out for public notice for at least %d days", c.d.Standard.Level, min).WithKey("err.notice.too_short", Args{"level": c.d.Standard.Level, "min": min})
	case c.days > 365:
		return FieldError("notice_days", "notice_days is at most 365").WithKey("err.notice.too_long", nil)
	}
	return nil
}

func (c *check) prepareIssue(ctx context.Context) error {
	st := c.d.Standard
	if st.IsAmendment() {
		return c.prepareAmendmentIssue(ctx)
	}
	if c.in.Number == "" {
		return FieldError("number", "an issued standard needs its number, such as GB/T 12345—2026").WithKey("err.issue.number_required", nil)
	}
	n, err := docs.ParseNumber(c.in.Number)
	if err != nil {
		return FieldError("number", "%v", err).WithKey("err.number.invalid", Args{"detail": err})
	}
	if err := n.ValidFor(string(st.Level), st.Region); err != nil {
		return FieldError("number", "%v", err).WithKey("err.number.invalid", Args{"detail": err})
	}
	if n.Amendment != "" {
		return FieldError("number", "%s numbers an amendment sheet, not a standard", n).WithKey("err.amend.sheet_number", Args{"number": n.String()})
	}
	if n.Year == "" {
		return FieldError("number", "the number of an issued standard carries its year, as in %s—%d", n.Undated(), c.now.Year()).WithKey("err.issue.number_year", Args{"example": n.Undated() + "—" + itoa(c.now.Year())})
	}
	if err := c.checkNumberAgainstText(n); err != nil {
		return err
	}
	c.number = n
	if err := c.checkIssueDates(); err != nil {
		return err
	}
	if n.Year != c.in.IssueDate[:4] {
		return FieldError("number", "the number's year %s is not the year of issue %s", n.Year, c.in.IssueDate[:4]).WithKey("err.issue.year_mismatch", Args{"year": n.Year, "issue": c.in.IssueDate[:4]})
	}
	if err := c.resolveReplaces(ctx); err != nil {
		return err
	}
	return c.earlierEditions(ctx)
}

// checkIssueDates checks the dates of an issue: both given, the
// implementation not before the issue, the issue not before the notice.
func (c *check) checkIssueDates() error {
	for _, f := range []struct{ name, v string }{{"issue_date", c.in.IssueDate}, {"impl_date", c.in.ImplDate}} {
		if f.v == "" {
			return FieldError(f.name, "%s is required (YYYY-MM-DD)", f.name).WithKey("err.date.required", Args{"field": f.name})
		} else if !ValidDate(f.v) {
			return FieldError(f.name, "%s %q is not a date written YYYY-MM-DD", f.name, f.v).WithKey("err.date.invalid", Args{"field": f.name, "value": f.v})
		}
	}
	if c.in.IssueDate > c.in.ImplDate {
		return FieldError("impl_date", "the implementation date %s is before the issue date %s", c.in.ImplDate, c.in.IssueDate).WithKey("err.issue.impl_before", Args{"impl": c.in.ImplDate, "issue": c.in.IssueDate})
	}
	if start := c.d.Standard.NoticeStart; start != nil && c.in.IssueDate < start.Format(time.DateOnly) {
		return FieldError("issue_date", "the issue date %s is before the public notice opened on %s", c.in.IssueDate, start.Format(time.DateOnly)).WithKey("err.issue.before_notice", Args{"issue": c.in.IssueDate, "start": start.Format(time.DateOnly)})
	}
	return nil
}

// earlierEditions adds the current editions of the same number (GB/T 1.1—
// 2009 when GB/T 1.1—2020 is issued) to what the issue supersedes.
func (c *check) earlierEditions(ctx context.Context) error {
	editions, err := c.svc.store.FindStandardsByNumberBase(ctx, c.number.Undated())
	if err != nil {
		return err
	}
	for _, e := range editions {
		if e.ID != c.d.Standard.ID && e.State == StateIssued && e.Status == StatusCurrent && !c.replacing(e.ID) {
			c.replaced = append(c.replaced, e)
		}
	}
	return nil
}

func (c *check) replacing(id string) bool {
	for _, r := range c.replaced {
		if r.ID == id {
			return true
		}
	}
	return false
}

// mayReplace reports whether a standard of st's level and region may
// replace other: a national standard any, others one of their own level
// (and, for a local standard, of its own region).
func mayReplace(st, other *Standard) bool {
	switch {
	case st.Level == LevelNational:
		return true
	case st.Level != other.Level:
		return false
	}
	return st.Level != LevelLocal || st.Region == other.Region
}

// resolveReplaces finds each replaced standard by id or by number.
func (c *check) resolveReplaces(ctx context.Context) error {
	seen := map[string]bool{}
	for _, ref := range c.in.Replaces {
		r, err := c.svc.findByRef(ctx, ref)
		if err != nil {
			return FieldError("replaces", "%q names no standard in the library", ref).WithKey("err.replaces.unknown", Args{"ref": ref})
		}
		switch {
		case r.ID == c.d.Standard.ID:
			return FieldError("replaces", "a standard cannot replace itself").WithKey("err.replaces.self", nil)
		case r.State != StateIssued:
			return FieldError("replaces", "%s (%s) is %s, not an issued standard", ref, r.ID, r.State).WithKey("err.replaces.not_issued", Args{"ref": ref, "state": r.State})
		case r.Status != "" && r.Status != StatusCurrent:
			return FieldError("replaces", "%s is %s already", ref, r.Status).WithKey("err.replaces.gone", Args{"ref": ref, "status": r.Status})
		case !mayReplace(c.d.Standard, r):
			return FieldError("replaces", "a %s standard of region %q cannot replace %s, a %s standard of region %q",
				c.d.Standard.Level, c.d.Standard.Region, ref, r.Level, r.Region).WithKey("err.replaces.scope", Args{"ref": ref})
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			c.replaced = append(c.replaced, r)
		}
	}
	return nil
}

// findByRef finds a standard by its id or, failing that, by its number.
func (s *Service) findByRef(ctx context.Context, ref string) (*Standard, error) {
	if ValidID(ref) {
		if st, err := s.store.FindStandard(ctx, ref); err == nil {
			return st, nil
		}
	}
	n, err := docs.ParseNumber(ref)
	if err != nil {
		return nil, err
	}
	return s.store.FindStandardByNumber(ctx, n.String())
}

func guardHasExpert(_ context.Context, c *check) []Unmet {
	if len(c.d.Experts) == 0 {
		return []Unmet{unmet("guard.no_expert", nil, "no expert is assigned to review the text")}
	}
	return nil
}

// guardNoStructureErrors refuses a text the structure check finds errors in;
// warnings are allowed.
func guardNoStructureErrors(ctx context.Context, c *check) []Unmet {
	findings, err := c.svc.Lint(ctx, c.d.Body)
	if err != nil {
		return []Unmet{unmet("guard.lint_failed", nil, "the structure check failed: %v", err)}
	}
	var us []Unmet
	for _, f := range findings {
		if f.Severity == docs.SeverityError {
			// The rule id stays second for clients; pages show the finding's
			// words (third Chinese, fourth English), the id only as a tooltip.
			us = append(us, unmet("guard.structure", []any{f.Line, f.Rule, f.Message, f.MessageEN},
				"structure error at line %d (%s): %s", f.Line, f.Rule, f.MessageEN))
		}
	}
	return us
}

func guardAllVerdicts(_ context.Context, c *check) []Unmet {
	if c.d.Round == nil {
		return []Unmet{unmet("guard.no_round", nil, "no review round is open")}
	}
	var us []Unmet
	for _, e := range c.d.Experts {
		if c.d.Round.VerdictOf(e.ID) == nil {
			us = append(us, unmet("guard.no_verdict", []any{e.Username, c.d.Round.Number},
				"expert %s has given no verdict in round %d", e.Username, c.d.Round.Number))
		}
	}
	return us
}

func guardNoReject(_ context.Context, c *check) []Unmet {
	if c.d.Round == nil {
		return nil
	}
	var us []Unmet
	for _, v := range c.d.Round.Verdicts {
		if v.Verdict == VerdictReject && c.isExpert(v.ExpertID) {
			us = append(us, unmet("guard.rejected", []any{v.Expert}, "expert %s rejected the text", v.Expert))
		}
	}
	return us
}

func (c *check) isExpert(id int64) bool {
	for _, e := range c.d.Experts {
		if e.ID == id {
			return true
		}
	}
	return false
}

func guardReviewCommentsDisposed(_ context.Context, c *check) []Unmet {
	if n := c.d.OpenReviewComments; n > 0 {
		return []Unmet{unmet("guard.review_open", []any{n}, "%d review comment(s) have no disposition", n)}
	}
	return nil
}

func guardPublicCommentsDisposed(_ context.Context, c *check) []Unmet {
	if n := c.d.OpenPublicComments; n > 0 {
		return []Unmet{unmet("guard.public_open", []any{n}, "%d public comment(s) have no disposition", n)}
	}
	return nil
}

func guardWindowClosed(_ context.Context, c *check) []Unmet {
	if w := c.d.Standard.Notice(); w.Open(c.now) {
		return []Unmet{unmet("guard.window_open", []any{w.End.Format(time.DateOnly)},
			"the public notice window is open until %s", w.End.Format(time.RFC3339))}
	}
	return nil
}

// guardNumberFree refuses a number another standard carries; before a
// number is given (listing what may be done) there is nothing to check.
func guardNumberFree(ctx context.Context, c *check) []Unmet {
	if c.number.String() == "" {
		return nil
	}
	other, err := c.svc.store.FindStandardByNumber(ctx, c.number.String())
	if err == nil && other.ID != c.d.Standard.ID {
		return []Unmet{unmet("guard.number_taken", []any{c.number.String(), other.ID},
			"the number %s is taken by %s", c.number.String(), other.ID)}
	}
	return nil
}

// transition builds the move to store once every guard has passed.
func (c *check) transition(to State) *Transition {
	st := c.d.Standard
	t := &Transition{StandardID: st.ID, Version: st.Version, From: st.State, To: to, At: c.now}
	t.History = []*HistoryEntry{{StandardID: st.ID, Action: string(c.in.Action), From: st.State, To: to,
		ActorID: c.actor.ID, Actor: c.actor.Username, At: c.now, Note: c.in.Note}}
	switch c.in.Action {
	case ActionConsult:
		end := c.now.Add(time.Duration(c.days) * 24 * time.Hour)
		t.ConsultStart, t.ConsultEnd = &c.now, &end
		c.stage(t, StageConsultation)
	case ActionSubmit:
		t.OpenRound = &Round{StandardID: st.ID, Number: c.d.Rounds + 1, Revision: st.Latest, OpenedAt: c.now,
			Mode: c.in.ReviewMode}
		c.stage(t, StageReview)
	case ActionApprove:
		end := c.now.Add(time.Duration(c.days) * 24 * time.Hour)
		t.NoticeStart, t.NoticeEnd, t.CloseRound = &c.now, &end, "approved"
		t.Conclusion, t.Minutes = c.in.Conclusion, c.in.Minutes
		c.stage(t, StageApproval)
	case ActionReturn, ActionWithdraw:
		t.CloseRound = "returned"
		if c.in.Action == ActionWithdraw {
			t.CloseRound = "withdrawn"
		}
		if st.Notice().Open(c.now) {
			t.NoticeEnd = &c.now // the window closes early
		}
		if st.Consultation().Open(c.now) {
			t.ConsultEnd = &c.now // the consultation closes early
		}
	case ActionIssue:
		c.issue(t)
		c.stage(t, StageIssued)
		if c.parent != nil {
			c.amend(t)
		}
	case ActionAbolish:
		s := StatusAbolished
		t.Status = &s
	}
	return t
}

func (c *check) issue(t *Transition) {
	cur := StatusCurrent
	number, issue, impl := c.number.String(), c.in.IssueDate, c.in.ImplDate
	refs := make([]string, 0, len(c.replaced))
	for _, r := range c.replaced {
		t.Supersede = append(t.Supersede, r.ID)
		ref := r.Number
		if ref == "" {
			ref = r.ID
		}
		refs = append(refs, ref)
		t.History = append(t.History, &HistoryEntry{StandardID: r.ID, Action: "supersede", From: r.State,
			To: StateSuperseded, ActorID: c.actor.ID, Actor: c.actor.Username, At: c.now,
			Note: "replaced by " + number, NoteKey: "history.superseded", NoteArgs: Args{"number": number}})
	}
	t.Status = &cur
	t.Update = &StandardUpdate{Number: &number, IssueDate: &issue, ImplDate: &impl}
	if len(refs) > 0 {
		t.Update.Replaces = &refs
	}
}
