package workflow

import (
	"context"
	"strconv"
	"time"
)

// ParamKind says what sort of value a parameter of an action takes, so that
// a form can offer the right field.
type ParamKind string

// Parameter kinds.
const (
	ParamText      ParamKind = "text"      // free text
	ParamDays      ParamKind = "days"      // a whole number of days
	ParamNumber    ParamKind = "number"    // a standard number, GB/T 12345—2026
	ParamDate      ParamKind = "date"      // YYYY-MM-DD
	ParamStandards ParamKind = "standards" // standards by id or number, several
	ParamChoice    ParamKind = "choice"    // one of Options
)

// Param is one field an action takes, named as the API's JSON field.
type Param struct {
	Name     string    `json:"name"`
	Kind     ParamKind `json:"kind"`
	Required bool      `json:"required"`
	// Options are the values of a choice.
	Options []string `json:"options,omitempty"`
	// Default is the value a form starts with, such as the level's minimum
	// days of public notice.
	Default string `json:"default,omitempty"`
}

// ActionOption is an action a visitor may take on a standard, with the
// fields it asks for and every condition that keeps it from being taken
// now; an option with nothing unmet may be taken.
type ActionOption struct {
	Action Action  `json:"action"`
	To     State   `json:"to"`
	Params []Param `json:"params"`
	Unmet  []Unmet `json:"unmet"`
}

// Ready reports whether the action may be taken now.
func (o ActionOption) Ready() bool { return len(o.Unmet) == 0 }

// ActionOptions lists, from the one table of moves, the actions the actor's
// role may take on the standard, in the order of Actions, each with the
// conditions unmet in its present state: a state the action does not leave
// from, and every guard that fails on what is stored. Guards on the input
// (a number, dates) are checked when the action is taken.
func (s *Service) ActionOptions(ctx context.Context, actor *User, id string) ([]ActionOption, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil || actor == nil {
		return nil, err
	}
	var d *Dossier
	var out []ActionOption
	for _, a := range Actions {
		m := moves[a]
		if !Allowed(actor, a, st) {
			continue
		}
		o := ActionOption{Action: a, To: m.to, Params: s.params(st, a, m.params), Unmet: []Unmet{}}
		if !stateIn(st.State, m.from) {
			o.Unmet = append(o.Unmet, unmet("guard.state", []any{st.State, m.from},
				"a standard in state %s cannot be moved by %s", st.State, a))
		} else if len(m.guards) > 0 {
			if d == nil {
				if d, err = s.store.FindDossier(ctx, id); err != nil {
					return nil, err
				}
			}
			c := &check{svc: s, d: d, in: TransitionInput{Action: a}, now: s.now(), actor: actor}
			o.Unmet = append(o.Unmet, c.run(ctx, m.guards)...)
		}
		out = append(out, o)
	}
	return out, nil
}

// params copies an action's parameters with the defaults for this standard.
func (s *Service) params(st *Standard, a Action, ps []Param) []Param {
	out := make([]Param, 0, len(ps))
	for _, p := range ps {
		switch p.Name {
		case "notice_days":
			days := s.cfg.NoticeMinDays[st.Level]
			if a == ActionConsult {
				days = s.cfg.ConsultMinDays[st.Level]
			}
			p.Default = strconv.Itoa(days)
		case "issue_date":
			p.Default = s.now().Format(time.DateOnly)
		case "number":
			// an amendment sheet is numbered at issue when no number is given
			p.Required = p.Required && !st.IsAmendment()
		case "review_mode":
			if st.IsAmendment() {
				p.Default = ReviewLetter
			}
		case "replaces":
			if st.IsAmendment() {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
