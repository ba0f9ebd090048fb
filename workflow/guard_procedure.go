package workflow

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"norma/docs"
)

// prepareConsult reads the length of the consultation window: at least the
// level's minimum, at most a year.
func (c *check) prepareConsult() error {
	min := c.svc.cfg.ConsultMinDays[c.d.Standard.Level]
	c.days = min
	if c.in.NoticeDays != nil {
		c.days = *c.in.NoticeDays
	}
	switch {
	case c.days < min:
		return FieldError("notice_days", "a %s standard is out for consultation for at least %d days", c.d.Standard.Level, min)
	case c.days > 365:
		return FieldError("notice_days", "notice_days is at most 365")
	}
	return nil
}

func (c *check) prepareSubmit() error {
	switch c.in.ReviewMode {
	case "":
		c.in.ReviewMode = ReviewMeeting
		if c.d.Standard.IsAmendment() {
			c.in.ReviewMode = ReviewLetter // a sheet's few changes are reviewed by letter (函审)
		}
	case ReviewMeeting, ReviewLetter:
	default:
		return FieldError("review_mode", "unknown review_mode %q: meeting or letter", c.in.ReviewMode)
	}
	return nil
}

func (c *check) prepareConclusion() error {
	c.in.Conclusion, c.in.Minutes = strings.TrimSpace(c.in.Conclusion), strings.TrimSpace(c.in.Minutes)
	if err := checkText("conclusion", c.in.Conclusion, 5000, false); err != nil {
		return err
	}
	if !utf8.ValidString(c.in.Minutes) || len(c.in.Minutes) > 1<<20 {
		return FieldError("minutes", "minutes are valid UTF-8 of at most 1 MiB")
	}
	return nil
}

// checkNumberAgainstText refuses a local or industry number without /T
// (these standards are recommended, 推荐性, by law) and a number other than
// the one the text's front matter states.
func (c *check) checkNumberAgainstText(n docs.StdNumber) error {
	if (n.Level == string(LevelLocal) || n.Level == string(LevelIndustry)) && !n.Recommended {
		return FieldError("number", "a %s standard is recommended (推荐性): its number carries /T, as in %s/T %s", n.Level, n.Prefix, n.Code)
	}
	meta, _, err := docs.ParseFrontMatter(c.d.Body)
	if err != nil || strings.TrimSpace(meta.Number) == "" {
		return nil
	}
	stated, err := docs.ParseNumber(meta.Number)
	if err != nil {
		return FieldError("number", "the text states the number %q, which is not a standard number", meta.Number)
	}
	if stated.Year == "" && stated.Undated() == n.Undated() || stated.String() == n.String() {
		return nil
	}
	return FieldError("number", "the text states the number %s, not %s", stated.String(), n.String())
}

func guardNoConsultationOpen(_ context.Context, c *check) []Unmet {
	if st := c.d.Standard; st.ConsultationOpen(c.now) {
		end := st.ConsultEnd.Format(time.DateOnly)
		return []Unmet{unmet("guard.consultation_open", []any{end}, "the consultation is open until %s", end)}
	}
	return nil
}

// guardConsultationDone, when the office requires it, wants a consultation
// that has ended and every consultation comment disposed.
func guardConsultationDone(_ context.Context, c *check) []Unmet {
	if !c.svc.cfg.RequireConsultation {
		return nil
	}
	st := c.d.Standard
	var out []Unmet
	switch {
	case st.ConsultStart == nil:
		out = append(out, unmet("guard.no_consultation", nil, "the draft has not been out for consultation (征求意见)"))
	case !st.ConsultationDone(c.now):
		end := st.ConsultEnd.Format(time.DateOnly)
		out = append(out, unmet("guard.consultation_open", []any{end}, "the consultation is open until %s", end))
	}
	if n := c.d.OpenConsultComments; n > 0 {
		out = append(out, unmet("guard.consultation_undisposed", []any{n}, "%d consultation comment(s) have no disposition", n))
	}
	return out
}

// ConflictOfInterest says why u may not review st, or "": the drafter may
// not review their own text, nor may anyone of the drafting organisation.
func ConflictOfInterest(u *User, st *Standard) string {
	switch {
	case u.Is(st.OwnerID):
		return u.Username + " drafted the standard and may not review it"
	case sameOrg(u.Organization, st.DraftingOrg):
		return u.Username + " works for the drafting organisation " + st.DraftingOrg + " and may not review the standard"
	}
	return ""
}

func sameOrg(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

func guardNoConflictOfInterest(_ context.Context, c *check) []Unmet {
	var out []Unmet
	for _, e := range c.d.Experts {
		if why := ConflictOfInterest(e, c.d.Standard); why != "" {
			out = append(out, unmet("guard.conflict_of_interest", []any{e.Username}, "%s", why))
		}
	}
	return out
}

// guardDecisionRule applies the level's decision rule to the verdicts of the
// open round: unanimous (no assigned expert rejects) or three quarters of
// the assigned experts approving, with or without changes.
func guardDecisionRule(ctx context.Context, c *check) []Unmet {
	if c.d.Round == nil || len(c.d.Experts) == 0 {
		return nil
	}
	if c.svc.rule(c.d.Standard.Level) == RuleUnanimous {
		return guardNoReject(ctx, c)
	}
	yes := 0
	for _, e := range c.d.Experts {
		if v := c.d.Round.VerdictOf(e.ID); v != nil && v.Verdict != VerdictReject {
			yes++
		}
	}
	if n := len(c.d.Experts); 4*yes < 3*n {
		return []Unmet{unmet("guard.three_quarters", []any{yes, n}, "%d of %d assigned experts approve; three quarters must", yes, n)}
	}
	return nil
}

// rule returns the decision rule of a level.
func (s *Service) rule(l Level) string {
	if r := s.cfg.ReviewRule[l]; ValidRule(r) {
		return r
	}
	return RuleThreeQuarters
}

// stage marks the latest revision with what the move makes it.
func (c *check) stage(t *Transition, stage string) {
	t.Stage, t.StageRevision = stage, c.d.Standard.Latest
}
