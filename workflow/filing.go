package workflow

import (
	"context"
	"sort"
	"strings"
	"time"
)

// Filing is the record that a standard has been filed (备案) with the level
// above: the 备案号 and the date. It is recorded once and may be corrected
// by staff with a note.
type Filing struct {
	StandardID string    `json:"standard"`
	Number     string    `json:"number"`
	FiledOn    string    `json:"filed_on"`
	Note       string    `json:"note,omitempty"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// FilingInput records or corrects a filing.
type FilingInput struct {
	Number  string `json:"number"`
	FiledOn string `json:"filed_on"`
	// Note is required when a recorded filing is corrected.
	Note string `json:"note"`
}

// FilingStatus is where an issued standard stands with its filing.
type FilingStatus struct {
	Standard *Standard `json:"standard"`
	Due      string    `json:"due"`
	Overdue  bool      `json:"overdue"`
	DaysLeft int       `json:"days_left"`
	Filing   *Filing   `json:"filing,omitempty"`
}

const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	return t, err == nil
}

// daysBetween counts whole days from a to b (negative when b is earlier).
func daysBetween(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// NeedsFiling reports whether st is to be filed with the level above: an
// issued local or industry standard with an issue date; a local law or
// regulation is not a standard and is not filed here.
func NeedsFiling(st *Standard) bool {
	_, dated := parseDate(st.IssueDate)
	return dated && st.State == StateIssued && (st.Level == LevelLocal || st.Level == LevelIndustry) && !IsLaw(st)
}

// FilingDays returns the days a standard of the region has for its filing:
// the region's own value when the office set one, else the default.
func (c Config) FilingDays(region string) int {
	if d, ok := c.FilingDaysRegion[region]; ok && d > 0 {
		return d
	}
	if c.FilingDaysDefault > 0 {
		return c.FilingDaysDefault
	}
	return 60
}

// FilingDue returns the last day for filing st, "" when it needs none.
func (c Config) FilingDue(st *Standard) string {
	issued, ok := parseDate(st.IssueDate)
	if !ok || !NeedsFiling(st) {
		return ""
	}
	return issued.AddDate(0, 0, c.FilingDays(st.Region)).Format(dateLayout)
}

// RecordFiling records (or, with a note, corrects) the filing of an issued
// local or industry standard. Staff only.
func (s *Service) RecordFiling(ctx context.Context, actor *User, id string, in FilingInput) (*Filing, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff record filings").WithKey("err.filing.forbidden", nil)
	}
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !NeedsFiling(st) {
		return nil, Errorf(ECONFLICT, "only an issued local or industry standard with an issue date is filed").WithKey("err.filing.not_needed", nil)
	}
	f := &Filing{StandardID: id, Number: strings.TrimSpace(in.Number), FiledOn: strings.TrimSpace(in.FiledOn),
		Note: strings.TrimSpace(in.Note), RecordedBy: actor.Username, RecordedAt: s.now()}
	if err := s.checkFiling(st, f); err != nil {
		return nil, err
	}
	action := "filing"
	if _, err := s.store.FindFiling(ctx, id); err == nil {
		if f.Note == "" {
			return nil, FieldError("note", "a recorded filing is corrected with a note saying why").WithKey("err.filing.note_required", nil)
		}
		action = "filing_correction"
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	h := &HistoryEntry{StandardID: id, Action: action, From: st.State, To: st.State, ActorID: actor.ID,
		Actor: actor.Username, At: f.RecordedAt, Note: strings.TrimSpace(f.Number + " " + f.FiledOn + " " + f.Note)}
	if err := s.store.PutFiling(ctx, f, h); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Service) checkFiling(st *Standard, f *Filing) error {
	if err := checkLine("number", f.Number, 100, true); err != nil {
		return err
	}
	if err := checkText("note", f.Note, 2000, false); err != nil {
		return err
	}
	on, ok := parseDate(f.FiledOn)
	if !ok {
		return FieldError("filed_on", "filed_on is a date such as 2026-12-04").WithKey("err.filing.date", nil)
	}
	if issued, _ := parseDate(st.IssueDate); on.Before(issued) {
		return FieldError("filed_on", "filed_on is not before the issue date %s", st.IssueDate).WithKey("err.filing.before_issue", Args{"date": st.IssueDate})
	}
	if on.After(s.now()) {
		return FieldError("filed_on", "filed_on is not in the future").WithKey("err.filing.future", nil)
	}
	return nil
}

// Filing returns the filing of a standard actor may read; not_found when
// none is recorded.
func (s *Service) Filing(ctx context.Context, actor *User, id string) (*Filing, error) {
	if _, err := s.Standard(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.store.FindFiling(ctx, id)
}

// FilingsDue lists, for staff, the issued standards whose filing is not
// recorded and falls due within days (overdue ones included), the most
// overdue first.
func (s *Service) FilingsDue(ctx context.Context, actor *User, days int) ([]FilingStatus, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff see the filings due").WithKey("err.aftercare.staff", nil)
	}
	filed, err := s.store.FindFilings(ctx)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, f := range filed {
		done[f.StandardID] = true
	}
	issued, err := s.issuedStandards(ctx)
	if err != nil {
		return nil, err
	}
	out := []FilingStatus{}
	for _, st := range issued {
		due := s.cfg.FilingDue(st)
		if due == "" || done[st.ID] {
			continue
		}
		d, _ := parseDate(due)
		if left := daysBetween(s.now(), d); left <= days {
			out = append(out, FilingStatus{Standard: st, Due: due, DaysLeft: left, Overdue: left < 0})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out, nil
}

// issuedStandards returns every standard in force, drafted or imported:
// only numbered texts, for a law or regulation (which has no standard
// number) is neither filed nor reviewed, and a library holds thousands.
func (s *Service) issuedStandards(ctx context.Context) ([]*Standard, error) {
	state := StateIssued
	var out []*Standard
	for offset := 0; ; offset += 500 {
		page, total, err := s.store.FindStandards(ctx, StandardFilter{State: &state, AllReaders: true, Numbered: true,
			Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || offset+len(page) >= total {
			return out, nil
		}
	}
}
