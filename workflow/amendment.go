package workflow

import (
	"context"
	"strings"

	"norma/docs"
)

// Kinds of standard text.
const (
	KindStandard  = "standard"
	KindAmendment = "amendment" // an amendment sheet (修改单) of an issued standard
)

// IsAmendment reports whether st is an amendment sheet of another standard.
func (st *Standard) IsAmendment() bool { return st.Kind == KindAmendment }

// AmendmentInput opens an amendment: the sheet's wording (may be left
// empty, to be offered from the diff) and a note for the history.
type AmendmentInput struct {
	Sheet string `json:"sheet"`
	Note  string `json:"note"`
}

// maxSheet is the longest sheet, in characters.
const maxSheet = 20000

// onWayToIssue reports whether a standard is still on its way to issue.
func onWayToIssue(st State) bool {
	return st == StateDraft || st == StateExpertReview || st == StatePublicNotice
}

// everIssued reports whether a standard in this state was issued once.
func everIssued(st State) bool {
	return st == StateIssued || st == StateSuperseded || st == StateAbolished
}

// MayAmend reports whether u may open an amendment sheet of st now, as far
// as st alone tells: staff or its owner, on a numbered standard in force
// that is no sheet itself (OpenAmendment also wants no sheet under way).
func MayAmend(u *User, st *Standard) bool {
	return (u.IsStaff() || u.Is(st.OwnerID)) && !st.IsAmendment() && st.Number != "" &&
		st.State == StateIssued && st.Status != StatusSuperseded && st.Status != StatusAbolished
}

// MayWriteSheet reports whether u may write the sheet of the amendment st:
// its owner or staff, until it is issued.
func MayWriteSheet(u *User, st *Standard) bool {
	return st.IsAmendment() && CanEdit(u, st) && onWayToIssue(st.State)
}

// OpenAmendment opens an amendment sheet (修改单) of the issued standard
// parentID: a standard of kind amendment in draft whose first revision is the
// parent's current text, titled 《title》第N号修改单 with the parent's level,
// region and classification. Staff and the parent's owner may open one,
// while the parent is in force, has a number and has no other amendment
// under way. The amendment belongs to the parent's owner, who drafted the
// text, or, for a standard without one (a library entry), to whoever opens it.
func (s *Service) OpenAmendment(ctx context.Context, actor *User, parentID string, in AmendmentInput) (*Standard, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to open an amendment").WithKey("err.amend.login", nil)
	}
	parent, err := s.Standard(ctx, actor, parentID)
	if err != nil {
		return nil, err
	}
	if !actor.IsStaff() && !actor.Is(parent.OwnerID) {
		return nil, Errorf(EFORBIDDEN, "only staff and the standard's owner open an amendment").WithKey("err.amend.forbidden", nil)
	}
	in.Sheet, in.Note = strings.TrimSpace(docs.NormalizeNewlines(in.Sheet)), strings.TrimSpace(in.Note)
	if err := checkMessage("sheet", in.Sheet, maxSheet); err != nil {
		return nil, err
	}
	if err := checkText("note", in.Note, 2000, false); err != nil {
		return nil, err
	}
	siblings, err := s.amendable(ctx, parent)
	if err != nil {
		return nil, err
	}
	cur, err := s.store.FindRevision(ctx, parent.ID, parent.Latest)
	if err != nil {
		return nil, err
	}
	owner := actor
	if parent.OwnerID != 0 && parent.OwnerID != actor.ID {
		if o, err := s.store.FindUserByID(ctx, parent.OwnerID); err == nil {
			owner = o
		}
	}
	n := 1 + issuedCount(siblings)
	now := s.now()
	a := &Standard{ID: NewID(), Kind: KindAmendment, Parent: parent.ID, Sheet: in.Sheet,
		Title: "《" + parent.Title + "》第" + itoa(n) + "号修改单", Level: parent.Level, Region: parent.Region,
		Category: parent.Category, ICS: parent.ICS, CCS: parent.CCS, DraftingOrg: parent.DraftingOrg,
		Replaces: []string{}, State: StateDraft, OwnerID: owner.ID, Owner: owner.Username, Latest: 1,
		CreatedAt: now, UpdatedAt: now}
	if parent.TitleEN != "" {
		a.TitleEN = "Amendment No. " + itoa(n) + " to " + parent.TitleEN
	}
	r := newRevision(a, actor, cur.Body, "修改单：以 "+parent.Number+" 的现行文本为起点", now)
	r.Number = 1
	h := &HistoryEntry{StandardID: a.ID, Action: "create", To: StateDraft, ActorID: actor.ID, Actor: actor.Username,
		At: now, Note: in.Note}
	if in.Note == "" {
		h.Note, h.NoteKey, h.NoteArgs = "amendment of "+parent.Number, "history.amendment_of", Args{"number": parent.Number}
	}
	if err := s.store.CreateStandard(ctx, a, r, h); err != nil {
		return nil, err
	}
	return a, nil
}

// amendable checks that parent may take an amendment now and returns its
// amendments so far.
func (s *Service) amendable(ctx context.Context, parent *Standard) ([]*Standard, error) {
	switch {
	case parent.IsAmendment():
		return nil, Errorf(ECONFLICT, "an amendment sheet is not amended itself; amend %s", parent.Parent).WithKey("err.amend.of_amendment", nil)
	case parent.State != StateIssued || parent.Status == StatusSuperseded || parent.Status == StatusAbolished:
		return nil, Errorf(ECONFLICT, "only an issued standard in force is amended; this one is %s", parent.State).WithKey("err.amend.not_issued", Args{"state": parent.State})
	case parent.Number == "":
		return nil, Errorf(ECONFLICT, "a standard without a number cannot be amended").WithKey("err.amend.no_number", nil)
	}
	siblings, err := s.store.FindAmendments(ctx, parent.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range siblings {
		if onWayToIssue(o.State) {
			return nil, Errorf(ECONFLICT, "the amendment %s is under way; issue or withdraw it first", o.ID).WithKey("err.amend.under_way", Args{"id": o.ID})
		}
	}
	return siblings, nil
}

func issuedCount(list []*Standard) int {
	n := 0
	for _, a := range list {
		if everIssued(a.State) {
			n++
		}
	}
	return n
}

// Amendment is an amendment sheet as a page or the API lists it.
type Amendment struct {
	ID     string `json:"id"`
	Number string `json:"number,omitempty"`
	Title  string `json:"title"`
	State  State  `json:"state"`
	// Sheet is the wording; Drafted tells that it was offered from the
	// diff because none was written yet.
	Sheet     string `json:"sheet"`
	Drafted   bool   `json:"drafted,omitempty"`
	IssueDate string `json:"issue_date,omitempty"`
}

// Amendments lists the amendment sheets of a standard that actor may read,
// oldest first.
func (s *Service) Amendments(ctx context.Context, actor *User, id string) ([]Amendment, error) {
	if _, err := s.Standard(ctx, actor, id); err != nil {
		return nil, err
	}
	list, err := s.store.FindAmendments(ctx, id)
	if err != nil {
		return nil, err
	}
	out := []Amendment{}
	for _, a := range list {
		if !s.canRead(ctx, actor, a) {
			continue
		}
		sheet, drafted, err := s.sheetOf(ctx, a)
		if err != nil {
			return nil, err
		}
		out = append(out, Amendment{ID: a.ID, Number: a.Number, Title: a.Title, State: a.State, Sheet: sheet,
			Drafted: drafted, IssueDate: a.IssueDate})
	}
	return out, nil
}

// Sheet returns an amendment's wording as readers see it: the one written,
// or, while none is, the one DraftSheet offers from the difference between
// the parent's current text and the amendment's latest; drafted says which.
func (s *Service) Sheet(ctx context.Context, actor *User, id string) (sheet string, drafted bool, err error) {
	a, err := s.Standard(ctx, actor, id)
	if err != nil {
		return "", false, err
	}
	if !a.IsAmendment() {
		return "", false, Errorf(ENOTFOUND, "%s is no amendment sheet", id).WithKey("err.amend.not_amendment", nil)
	}
	return s.sheetOf(ctx, a)
}

func (s *Service) sheetOf(ctx context.Context, a *Standard) (string, bool, error) {
	if a.Sheet != "" || !onWayToIssue(a.State) {
		return a.Sheet, false, nil
	}
	body, err := s.amendedPair(ctx, a)
	if err != nil {
		return "", false, err
	}
	return DraftSheet(body[0], body[1]), true, nil
}

// amendedPair returns the parent's current text and the amendment's latest.
func (s *Service) amendedPair(ctx context.Context, a *Standard) ([2]string, error) {
	parent, err := s.findStandard(ctx, a.Parent)
	if err != nil {
		return [2]string{}, err
	}
	old, err := s.findRevision(ctx, parent.ID, parent.Latest)
	if err != nil {
		return [2]string{}, err
	}
	cur, err := s.findRevision(ctx, a.ID, a.Latest)
	if err != nil {
		return [2]string{}, err
	}
	return [2]string{old.Body, cur.Body}, nil
}

// SetSheet writes an amendment's wording before it is issued (its owner or
// staff); an empty sheet goes back to the one offered from the diff.
func (s *Service) SetSheet(ctx context.Context, actor *User, id, sheet string) (*Standard, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to edit").WithKey("err.edit.login", nil)
	}
	a, err := s.editableStandard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !a.IsAmendment() {
		return nil, Errorf(ENOTFOUND, "%s is no amendment sheet", id).WithKey("err.amend.not_amendment", nil)
	}
	if !onWayToIssue(a.State) {
		return nil, Errorf(ECONFLICT, "the sheet of an issued amendment does not change").WithKey("err.amend.sheet_frozen", nil)
	}
	sheet = strings.TrimSpace(docs.NormalizeNewlines(sheet))
	if err := checkMessage("sheet", sheet, maxSheet); err != nil {
		return nil, err
	}
	if err := s.store.UpdateSheet(ctx, id, sheet, s.now()); err != nil {
		return nil, err
	}
	return s.store.FindStandard(ctx, id)
}
