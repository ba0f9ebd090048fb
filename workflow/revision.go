package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"norma/docs"
)

// MaxBodyBytes is the largest text a revision may hold: 4 MiB, as much as
// a request may carry.
const MaxBodyBytes = 4 << 20

// Revision is one saved version of a standard's text. Revisions never change.
type Revision struct {
	StandardID string    `json:"standard"`
	Number     int       `json:"number"`
	Body       string    `json:"body,omitempty"`
	AuthorID   int64     `json:"-"`
	Author     string    `json:"author"`
	CreatedAt  time.Time `json:"time"`
	Message    string    `json:"message"`
	Hash       string    `json:"hash"`
	Size       int       `json:"size"`
	// Stage is what the revision became when a move froze it: consultation
	// (征求意见稿), review (送审稿), approval (报批稿) or issued (发布稿); ""
	// for a working draft.
	Stage string `json:"stage,omitempty"`
}

// Revision stages.
const (
	StageConsultation = "consultation"
	StageReview       = "review"
	StageApproval     = "approval"
	StageIssued       = "issued"
	// StageNotice marks a public comment made during the public notice (公示).
	StageNotice = "notice"
)

// Hash returns the hash a revision of body carries.
func Hash(body string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:])
}

// newRevision makes a revision of body; every text enters Norma through it
// and is stored with "\n" line endings.
func newRevision(st *Standard, author *User, body, message string, now time.Time) *Revision {
	body = docs.NormalizeNewlines(body)
	r := &Revision{StandardID: st.ID, Body: body, Message: message, CreatedAt: now,
		Hash: Hash(body), Size: len(body)}
	if author != nil {
		r.AuthorID, r.Author = author.ID, author.Username
	}
	return r
}

// checkBody validates a text and reads its front matter.
func checkBody(body string) (docs.Meta, error) {
	switch {
	case !utf8.ValidString(body):
		return docs.Meta{}, FieldError("body", "the text is not valid UTF-8").WithKey("err.text.utf8", nil)
	case len(body) > MaxBodyBytes:
		return docs.Meta{}, &Error{Code: ETOOLARGE, Field: "body",
			Message: "the text is larger than 4 MiB", Key: "err.text.too_large"}
	case strings.ContainsRune(body, 0):
		return docs.Meta{}, FieldError("body", "the text contains a NUL character").WithKey("err.text.nul", nil)
	}
	meta, _, err := docs.ParseFrontMatter(body)
	if err != nil {
		return docs.Meta{}, FieldError("body", "%v", err).WithKey("err.text.front_matter", Args{"detail": err})
	}
	return meta, nil
}

// NewRevision is the input for saving a revision.
type NewRevision struct {
	Body    string `json:"body"`
	Base    int    `json:"base"`
	Message string `json:"message"`
}

// editable returns, as a conflict, why a standard in st's state takes no new
// revision, or nil.
func editable(st *Standard, now time.Time) error {
	switch st.State {
	case StateDraft:
		if w := st.Consultation(); w.Open(now) {
			return Errorf(ECONFLICT, "the text is frozen while it is out for consultation, until %s", w.End.Format(time.DateOnly)).
				WithKey("err.edit.frozen_consultation", Args{"date": w.End.Format(time.DateOnly)})
		}
		return nil
	case StateExpertReview:
		return nil
	case StatePublicNotice:
		if !st.Notice().Open(now) {
			return nil
		}
		return Errorf(ECONFLICT, "the text is frozen during public notice").WithKey("err.edit.frozen", nil)
	}
	return Errorf(ECONFLICT, "a standard in state %s takes no new revisions", st.State).
		WithKey("err.edit.state", Args{"state": st.State})
}

// WhyReadOnly returns, as a keyed error, why actor may not save a revision
// of st now (not theirs, or frozen by its state or window), or nil when
// they may: the editor opens read-only with it.
func WhyReadOnly(actor *User, st *Standard, now time.Time) error {
	if !CanEdit(actor, st) {
		return Errorf(EFORBIDDEN, "only the drafter who owns the standard, or staff, may save revisions").WithKey("err.edit.forbidden", nil)
	}
	return editable(st, now)
}

// StandardToEdit returns the standard with id if actor may save revisions
// of it (when its state allows): for the editor.
func (s *Service) StandardToEdit(ctx context.Context, actor *User, id string) (*Standard, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to edit").WithKey("err.edit.login", nil)
	}
	return s.editableStandard(ctx, actor, id)
}

func (s *Service) editableStandard(ctx context.Context, actor *User, id string) (*Standard, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanEdit(actor, st) {
		return nil, Errorf(EFORBIDDEN, "only the drafter who owns the standard, or staff, may save revisions").WithKey("err.edit.forbidden", nil)
	}
	return st, nil
}

// SaveRevision saves a new revision of a standard's text. base must be the
// latest revision; otherwise nothing is saved and the conflict names the
// latest number. Front matter in the text updates the standard's metadata.
func (s *Service) SaveRevision(ctx context.Context, actor *User, id string, in NewRevision) (*Revision, error) {
	st, err := s.editableStandard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if in.Base < 1 {
		return nil, FieldError("base", "base must name the revision the text was based on (latest is %d)", st.Latest).WithKey("err.edit.base_required", Args{"latest": st.Latest})
	}
	if err := checkMessage("message", in.Message, 500); err != nil {
		return nil, err
	}
	if _, err := checkBody(in.Body); err != nil {
		return nil, err
	}
	if in.Base != st.Latest {
		return nil, staleBase(in.Base, st.Latest)
	}
	if err := editable(st, s.now()); err != nil {
		return nil, err
	}
	r, update, err := s.nextRevision(st, actor, in.Body, strings.TrimSpace(in.Message))
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateRevision(ctx, r, in.Base, update); err != nil {
		return nil, err
	}
	return r, nil
}

// nextRevision is the one way a new text becomes a revision, whether typed
// or made by applying a suggestion: the text is checked, and its front
// matter becomes the metadata change the store applies with it.
func (s *Service) nextRevision(st *Standard, actor *User, body, message string) (*Revision, *StandardUpdate, error) {
	meta, err := checkBody(body)
	if err != nil {
		return nil, nil, err
	}
	update, err := metaUpdate(st, meta)
	if err != nil {
		return nil, nil, err
	}
	return newRevision(st, actor, body, message, s.now()), update, nil
}

func staleBase(base, latest int) error {
	return &Error{Code: ECONFLICT, Field: "base", Details: map[string]any{"latest": latest},
		Message: "revision " + itoa(base) + " is not the latest; the latest is " + itoa(latest),
		Key:     "err.edit.stale", Args: Args{"base": base, "latest": latest}}
}

// metaUpdate turns the front matter of a new revision into a metadata change,
// validated as a whole against what the standard already has.
//
// An amendment sheet's text is the amended standard's, front matter and
// all: it names that standard, not the sheet, so it changes nothing of the
// sheet's own metadata.
func metaUpdate(st *Standard, m docs.Meta) (*StandardUpdate, error) {
	if st.IsAmendment() {
		return nil, nil
	}
	u := &StandardUpdate{}
	title, level, region, ics, ccs := st.Title, st.Level, st.Region, st.ICS, st.CCS
	set := func(dst **string, cur *string, v string) {
		if v != "" && v != *cur {
			*dst, *cur = &v, v
		}
	}
	set(&u.Title, &title, m.Title)
	set(&u.Region, &region, m.Region)
	set(&u.ICS, &ics, m.ICS)
	set(&u.CCS, &ccs, m.CCS)
	if m.Level != "" && Level(m.Level) != level {
		level = Level(m.Level)
		u.Level = &level
	}
	titleEN, category, org := st.TitleEN, st.Category, st.DraftingOrg
	set(&u.TitleEN, &titleEN, m.TitleEN)
	set(&u.Category, &category, m.Category)
	set(&u.DraftingOrg, &org, m.DraftingOrg)
	if len(m.Replaces) > 0 {
		r := []string(m.Replaces)
		u.Replaces = &r
	}
	if err := ValidateMeta(Meta{Title: title, TitleEN: titleEN, Category: category, DraftingOrg: org,
		Level: level, Region: region, ICS: ics, CCS: ccs, Replaces: m.Replaces}); err != nil {
		e := err.(*Error)
		e.Message = "front matter: " + e.Message
		e.Field = "body"
		return nil, e
	}
	return u, nil
}

// Revisions lists the revisions of a standard, oldest first, without
// bodies. Staff, the drafter and the assigned experts see every draft;
// anyone else, who reads the standard because it is public, only its
// latest text.
func (s *Service) Revisions(ctx context.Context, actor *User, id string) ([]*Revision, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	list, err := s.store.FindRevisions(ctx, id)
	if err != nil {
		return nil, err
	}
	if ok, err := s.canSeeReview(ctx, actor, st); err != nil || ok {
		return list, err
	}
	return list[len(list)-1:], nil
}

// Revision returns one revision with its body, if the actor may see it
// (see Revisions).
func (s *Service) Revision(ctx context.Context, actor *User, id string, n int) (*Revision, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return s.revisionOf(ctx, actor, st, n)
}

// RevisionToExport returns revision n of a standard with the standard and
// its filing (nil when none is recorded), reading the standard once: what
// the Word and PDF export need.
func (s *Service) RevisionToExport(ctx context.Context, actor *User, id string, n int) (*Standard, *Revision, *Filing, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := s.revisionOf(ctx, actor, st, n)
	if err != nil {
		return nil, nil, nil, err
	}
	f, err := s.store.FindFiling(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return st, r, nil, nil
	} else if err != nil {
		return nil, nil, nil, err
	}
	return st, r, f, nil
}

// revisionOf returns revision n of st, which actor reads (see Revisions).
func (s *Service) revisionOf(ctx context.Context, actor *User, st *Standard, n int) (*Revision, error) {
	id := st.ID
	if n != st.Latest {
		if ok, err := s.canSeeReview(ctx, actor, st); err != nil {
			return nil, err
		} else if !ok {
			return nil, Errorf(ENOTFOUND, "standard %q has no revision %d", id, n).WithKey("err.revision.not_found", Args{"id": id, "n": n})
		}
	}
	r, err := s.findRevision(ctx, id, n)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "standard %q has no revision %d", id, n).WithKey("err.revision.not_found", Args{"id": id, "n": n})
	}
	return r, err
}
