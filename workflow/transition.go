package workflow

import (
	"context"
	"strings"
	"time"
)

// Action is a move of a standard from one state to another.
type Action string

// Actions.
const (
	ActionConsult  Action = "consult"
	ActionSubmit   Action = "submit"
	ActionReturn   Action = "return"
	ActionApprove  Action = "approve"
	ActionIssue    Action = "issue"
	ActionWithdraw Action = "withdraw"
	ActionAbolish  Action = "abolish"
)

// Actions lists every action.
var Actions = []Action{ActionConsult, ActionSubmit, ActionReturn, ActionApprove, ActionIssue, ActionWithdraw, ActionAbolish}

// move is one action's rule: the states it leaves from, where it goes, the
// guards that must all pass, and the input fields it reads besides action,
// note and version.
type move struct {
	from   []State
	to     State
	guards []Guard
	// params are the fields of TransitionInput the action reads, in the
	// order a form asks for them.
	params []Param
}

var (
	noteParam     = Param{Name: "note", Kind: ParamText}
	reasonParam   = Param{Name: "note", Kind: ParamText, Required: true}
	approveParams = []Param{{Name: "notice_days", Kind: ParamDays, Required: true},
		{Name: "conclusion", Kind: ParamText}, {Name: "minutes", Kind: ParamText}, noteParam}
	issueParams = []Param{{Name: "number", Kind: ParamNumber, Required: true},
		{Name: "issue_date", Kind: ParamDate, Required: true}, {Name: "impl_date", Kind: ParamDate, Required: true},
		{Name: "replaces", Kind: ParamStandards}, noteParam}
)

// moves is the one table of the life of a standard.
var moves = map[Action]move{
	ActionConsult: {from: []State{StateDraft}, to: StateDraft, guards: consultGuards,
		params: []Param{{Name: "notice_days", Kind: ParamDays, Required: true}, noteParam}},
	ActionSubmit: {from: []State{StateDraft}, to: StateExpertReview, guards: submitGuards,
		params: []Param{{Name: "review_mode", Kind: ParamChoice, Options: []string{"meeting", "letter"}, Default: "meeting"}, noteParam}},
	ActionReturn:   {from: []State{StateExpertReview, StatePublicNotice}, to: StateDraft, params: []Param{reasonParam}},
	ActionApprove:  {from: []State{StateExpertReview}, to: StatePublicNotice, guards: approveGuards, params: approveParams},
	ActionIssue:    {from: []State{StatePublicNotice}, to: StateIssued, guards: issueGuards, params: issueParams},
	ActionWithdraw: {from: []State{StateDraft, StateExpertReview, StatePublicNotice}, to: StateWithdrawn, params: []Param{noteParam}},
	ActionAbolish:  {from: []State{StateIssued}, to: StateAbolished, params: []Param{noteParam}},
}

// Allowed reports whether an account may take the action on the standard,
// whatever its state: the owner drafter may put a draft out for
// consultation, submit it and withdraw it;
// staff and admins may take every action; experts and the public none.
func Allowed(u *User, a Action, st *Standard) bool {
	switch {
	case u.IsStaff():
		return true
	case u != nil && u.Role == RoleDrafter && u.Is(st.OwnerID):
		return a == ActionSubmit || a == ActionConsult || a == ActionWithdraw && st.State == StateDraft
	}
	return false
}

// allowedInSomeState reports whether the actor may take the action on the
// standard in one of the states the action leaves from: whether only the
// standard's state, not the actor's role, stands in the way.
func allowedInSomeState(u *User, a Action, st *Standard) bool {
	for _, from := range moves[a].from {
		at := *st
		at.State = from
		if Allowed(u, a, &at) {
			return true
		}
	}
	return false
}

// TransitionInput is a request to move a standard.
type TransitionInput struct {
	Action     Action   `json:"action"`
	Note       string   `json:"note"`
	NoticeDays *int     `json:"notice_days"`
	Number     string   `json:"number"`
	IssueDate  string   `json:"issue_date"`
	ImplDate   string   `json:"impl_date"`
	Replaces   []string `json:"replaces"`
	// ReviewMode is how the committee reviews on submit: meeting (the
	// default) or letter.
	ReviewMode string `json:"review_mode"`
	// Conclusion (审查结论) and Minutes (Markdown) go with an approval.
	Conclusion string `json:"conclusion"`
	Minutes    string `json:"minutes"`
	// Version, when given, is the version of the standard the caller saw;
	// if it has changed since, the move is refused with a conflict.
	Version *int `json:"version"`
}

// Transition is a move about to be stored. The store applies it only if the
// standard's version is still Version, so that of two concurrent moves only
// the first wins.
type Transition struct {
	StandardID string
	Version    int
	From, To   State
	Status     *Status
	Update     *StandardUpdate
	// NoticeStart and NoticeEnd, when set, open (or close) the notice window.
	NoticeStart, NoticeEnd *time.Time
	// ConsultStart and ConsultEnd, when set, open (or close) the
	// consultation window.
	ConsultStart, ConsultEnd *time.Time
	// Stage, when set, marks revision StageRevision with what it became.
	Stage         string
	StageRevision int
	// OpenRound opens a review round; CloseRound closes the open one with
	// this outcome.
	OpenRound  *Round
	CloseRound string
	// Conclusion and Minutes are recorded on the round an approval closes.
	Conclusion, Minutes string
	// Supersede lists the standards this one replaces.
	Supersede []string
	// Amend, on the issue of an amendment sheet, is the amended standard's
	// new revision with its history entry.
	Amend   *AmendedText
	History []*HistoryEntry
	At      time.Time
	// Recheck, when set, runs the move's guards again on the dossier the
	// store reads in the transaction that stores the move, while verdicts,
	// comments and dispositions wait for it; an error refuses the move.
	Recheck func(*Dossier) error
}

// Transition moves a standard: it checks the role, the state, the fields and
// every guard, and stores the move with its history entry in one transaction.
func (s *Service) Transition(ctx context.Context, actor *User, id string, in TransitionInput) (*Standard, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	m, ok := moves[in.Action]
	if in.Action == "" {
		return nil, FieldError("action", "action is required: consult, submit, return, approve, issue, withdraw or abolish").WithKey("err.action.required", nil)
	} else if !ok {
		return nil, FieldError("action", "unknown action %q: one of consult, submit, return, approve, issue, withdraw, abolish", in.Action).WithKey("err.action.unknown", Args{"action": in.Action})
	}
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to %s a standard", in.Action).WithKey("err.action.login", Args{"action": in.Action})
	}
	if !allowedInSomeState(actor, in.Action, st) {
		return nil, Errorf(EFORBIDDEN, "a %s may not %s this standard", actor.Role, in.Action).WithKey("err.action.forbidden", Args{"role": actor.Role, "action": in.Action})
	}
	// Refused only by the state: the standard may have moved since the
	// actor saw it (a drafter's withdraw losing to a submit), a conflict.
	if !stateIn(st.State, m.from) || !Allowed(actor, in.Action, st) {
		return nil, &Error{Code: ECONFLICT, Field: "action", Details: map[string]any{"state": st.State},
			Message: "cannot " + string(in.Action) + " a standard in state " + string(st.State),
			Key:     "err.action.state", Args: Args{"action": in.Action, "state": st.State}}
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := checkText("note", in.Note, 2000, in.Action == ActionReturn); err != nil {
		return nil, err
	}
	if in.Version != nil && *in.Version != st.Version {
		return nil, staleVersion()
	}
	d, err := s.store.FindDossier(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Standard.Version != st.Version { // moved by someone else since this request began
		return nil, staleVersion()
	}
	c := &check{svc: s, d: d, in: in, now: s.now(), actor: actor}
	if err := c.prepare(ctx); err != nil {
		return nil, err
	}
	if err := c.guarded(ctx, m.guards); err != nil {
		return nil, err
	}
	t := c.transition(m.to)
	t.Recheck = func(d *Dossier) error {
		if d.Standard.Version != t.Version {
			return staleVersion()
		}
		again := *c
		again.d = d
		return again.guarded(ctx, m.guards)
	}
	if err := s.store.ApplyTransition(ctx, t); err != nil {
		return nil, err
	}
	return s.store.FindStandard(ctx, id)
}

// guarded runs the guards and refuses the move with what is unmet.
func (c *check) guarded(ctx context.Context, guards []Guard) error {
	if unmet := c.run(ctx, guards); len(unmet) > 0 {
		return &Error{Code: ECONFLICT, Details: map[string]any{"unmet": messages(unmet)},
			Message: "cannot " + string(c.in.Action) + ": " + strings.Join(messages(unmet), "; "),
			Key:     "err.action.unmet", Args: Args{"action": c.in.Action, "unmet": strings.Join(messages(unmet), "; ")}}
	}
	return nil
}

func staleVersion() error {
	return Errorf(ECONFLICT, "the standard changed while this move was being made; reload it and try again").WithKey("err.action.stale", nil)
}

func stateIn(st State, states []State) bool {
	for _, v := range states {
		if st == v {
			return true
		}
	}
	return false
}

// History returns a standard's history, oldest first.
func (s *Service) History(ctx context.Context, actor *User, id string) ([]*HistoryEntry, error) {
	if _, err := s.Standard(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.store.FindHistory(ctx, id)
}
