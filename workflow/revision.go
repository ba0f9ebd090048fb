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
		return docs.Meta{}, FieldError("body", "the text is not valid UTF-8")
	case len(body) > MaxBodyBytes:
		return docs.Meta{}, &Error{Code: ETOOLARGE, Field: "body",
			Message: "the text is larger than 4 MiB"}
	case strings.ContainsRune(body, 0):
		return docs.Meta{}, FieldError("body", "the text contains a NUL character")
	}
	meta, _, err := docs.ParseFrontMatter(body)
	if err != nil {
		return docs.Meta{}, FieldError("body", "%v", err)
	}
	return meta, nil
}

// NewRevision is the input for saving a revision.
type NewRevision struct {
	Body    string `json:"body"`
	Base    int    `json:"base"`
	Message string `json:"message"`
}

// editable reports why a standard in st's state takes no new revision, or "".
func editable(st *Standard, now time.Time) string {
	switch editBlock(st, now) {
	case ReadOnlyConsultation:
		return "the text is frozen while it is out for consultation, until " + st.ConsultEnd.Format(time.DateOnly)
	case ReadOnlyNotice:
		return "the text is frozen during public notice"
	case ReadOnlyState:
		return "a standard in state " + string(st.State) + " takes no new revisions"
	}
	return ""
}

// Reasons a text cannot be edited now.
const (
	ReadOnlyOwner        = "owner"        // not the owner's nor staff's
	ReadOnlyConsultation = "consultation" // frozen while out for consultation
	ReadOnlyNotice       = "notice"       // frozen during the public notice
	ReadOnlyState        = "state"        // issued or ended: no new revisions
)

// WhyReadOnly says why actor may not save a revision of st now, as one of
// the ReadOnly reasons, or "" when they may.
func WhyReadOnly(actor *User, st *Standard, now time.Time) string {
	if !CanEdit(actor, st) {
		return ReadOnlyOwner
	}
	return editBlock(st, now)
}

func editBlock(st *Standard, now time.Time) string {
	switch st.State {
	case StateDraft:
		if st.ConsultationOpen(now) {
			return ReadOnlyConsultation
		}
		return ""
	case StateExpertReview:
		return ""
	case StatePublicNotice:
		if st.NoticeEnd != nil && !now.Before(*st.NoticeEnd) {
			return ""
		}
		return ReadOnlyNotice
	}
	return ReadOnlyState
}

// SaveRevision saves a new revision of a standard's text. base must be the
// latest revision; otherwise nothing is saved and the conflict names the
// latest number. Front matter in the text updates the standard's metadata.
func (s *Service) SaveRevision(ctx context.Context, actor *User, id string, in NewRevision) (*Revision, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanEdit(actor, st) {
		return nil, Errorf(EFORBIDDEN, "only the drafter who owns the standard, or staff, may save revisions")
	}
	if in.Base < 1 {
		return nil, FieldError("base", "base must name the revision the text was based on (latest is %d)", st.Latest)
	}
	if err := checkMessage("message", in.Message, 500); err != nil {
		return nil, err
	}
	meta, err := checkBody(in.Body)
	if err != nil {
		return nil, err
	}
	if in.Base != st.Latest {
		return nil, staleBase(in.Base, st.Latest)
	}
	if why := editable(st, s.now()); why != "" {
		return nil, Errorf(ECONFLICT, "%s", why)
	}
	update, err := metaUpdate(st, meta)
	if err != nil {
		return nil, err
	}
	r := newRevision(st, actor, in.Body, strings.TrimSpace(in.Message), s.now())
	if err := s.store.CreateRevision(ctx, r, in.Base, update); err != nil {
		return nil, err
	}
	return r, nil
}

func staleBase(base, latest int) error {
	return &Error{Code: ECONFLICT, Field: "base", Details: map[string]any{"latest": latest},
		Message: "revision " + itoa(base) + " is not the latest; the latest is " + itoa(latest)}
}

// metaUpdate turns the front matter of a new revision into a metadata change,
// validated as a whole against what the standard already has.
func metaUpdate(st *Standard, m docs.Meta) (*StandardUpdate, error) {
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
	if n != st.Latest {
		if ok, err := s.canSeeReview(ctx, actor, st); err != nil {
			return nil, err
		} else if !ok {
			return nil, Errorf(ENOTFOUND, "standard %q has no revision %d", id, n)
		}
	}
	r, err := s.store.FindRevision(ctx, id, n)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "standard %q has no revision %d", id, n)
	}
	return r, err
}
