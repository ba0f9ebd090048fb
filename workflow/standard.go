package workflow

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"time"

	"norma/docs"
)

// Level is the level of a standard.
type Level string

// Levels.
const (
	LevelNational Level = "national"
	LevelIndustry Level = "industry"
	LevelLocal    Level = "local"
	LevelGroup    Level = "group"
)

// Levels lists every level.
var Levels = []Level{LevelNational, LevelIndustry, LevelLocal, LevelGroup}

// Valid reports whether l is one of the levels.
func (l Level) Valid() bool {
	for _, v := range Levels {
		if l == v {
			return true
		}
	}
	return false
}

// State is where a standard is in its life.
type State string

// States.
const (
	StateDraft        State = "draft"
	StateExpertReview State = "expert_review"
	StatePublicNotice State = "public_notice"
	StateIssued       State = "issued"
	StateSuperseded   State = "superseded"
	StateAbolished    State = "abolished"
	StateWithdrawn    State = "withdrawn"
)

// States lists every state in the order of a standard's life.
var States = []State{StateDraft, StateExpertReview, StatePublicNotice, StateIssued,
	StateSuperseded, StateAbolished, StateWithdrawn}

// Valid reports whether st is one of the states.
func (st State) Valid() bool {
	for _, v := range States {
		if st == v {
			return true
		}
	}
	return false
}

// Public reports whether anyone, the public included, may read a standard in
// this state.
func (st State) Public() bool {
	switch st {
	case StatePublicNotice, StateIssued, StateSuperseded, StateAbolished:
		return true
	}
	return false
}

// PublicStates lists the states the public may read.
func PublicStates() []State {
	var out []State
	for _, st := range States {
		if st.Public() {
			out = append(out, st)
		}
	}
	return out
}

// Status is the standing of an issued text in the library.
type Status string

// Statuses.
const (
	StatusCurrent    Status = "current"
	StatusSuperseded Status = "superseded"
	StatusAbolished  Status = "abolished"
)

// Valid reports whether st is one of the statuses.
func (st Status) Valid() bool {
	return st == StatusCurrent || st == StatusSuperseded || st == StatusAbolished
}

// Standard is a standard text: a draft in the workflow or an entry of the
// library of issued standards.
type Standard struct {
	ID          string     `json:"id"`
	Number      string     `json:"number"`
	Title       string     `json:"title"`
	TitleEN     string     `json:"title_en,omitempty"`
	Level       Level      `json:"level"`
	Region      string     `json:"region,omitempty"`
	Category    string     `json:"category,omitempty"`
	ICS         string     `json:"ics,omitempty"`
	CCS         string     `json:"ccs,omitempty"`
	DraftingOrg string     `json:"drafting_org,omitempty"`
	Replaces    []string   `json:"replaces"`
	State       State      `json:"state"`
	Status      Status     `json:"status,omitempty"`
	OwnerID     int64      `json:"-"`
	Owner       string     `json:"owner,omitempty"`
	Latest      int        `json:"revision"`
	IssueDate   string     `json:"issue_date,omitempty"`
	ImplDate    string     `json:"impl_date,omitempty"`
	NoticeStart *time.Time `json:"notice_start,omitempty"`
	NoticeEnd   *time.Time `json:"notice_end,omitempty"`
	// ConsultStart and ConsultEnd are the latest consultation window
	// (征求意见) on the draft, nil before one is opened.
	ConsultStart *time.Time `json:"consult_start,omitempty"`
	ConsultEnd   *time.Time `json:"consult_end,omitempty"`
	// PlanNumber, Due and ProposalID come from the approved proposal the
	// standard was opened from; a standard opened directly has none.
	PlanNumber string `json:"plan_number,omitempty"`
	Due        string `json:"due,omitempty"`
	ProposalID *int64 `json:"proposal,omitempty"`
	// Source is the path of the file an imported standard came from, ""
	// for a standard drafted in Norma.
	Source string `json:"source,omitempty"`
	// Kind is KindStandard, or KindAmendment for an amendment sheet
	// (修改单) of the issued standard Parent; Sheet is its wording as
	// readers see it, "" until it is written (see DraftSheet).
	Kind   string `json:"kind"`
	Parent string `json:"parent,omitempty"`
	Sheet  string `json:"sheet,omitempty"`
	// Version counts changes of the row; a transition names the version it
	// read so that of two concurrent ones only the first succeeds.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// StandardFilter selects standards. Nil fields select everything.
type StandardFilter struct {
	State *State
	// States selects any of these states when not empty.
	States []State
	Level  *Level
	Region *string
	// Category (法律, 行政法规 … for a law), Status and Year (of the issue
	// date, YYYY) narrow library lists.
	Category *string
	Status   *Status
	Year     *string
	// Numbered selects the texts that carry a standard number (no law or
	// regulation has one).
	Numbered bool
	// Owner selects the standards of this account.
	Owner *int64
	// Expert selects the standards this account is assigned to review.
	Expert *int64
	// Library selects the imported texts (true) or the office's own
	// standards (false).
	Library *bool
	// Sort orders the list: SortUpdated (the default), SortNumber, SortTitle.
	Sort string
	// Reader limits the result to what this account may read; nil is the
	// public. Staff and admins read everything.
	Reader *User
	// AllReaders skips the read check (for the command line and the index).
	AllReaders bool
	// Now is the time the reader's keys are compared with (a consultation
	// window); zero is the store's clock.
	Now    time.Time
	Offset int
	Limit  int
}

// FacetFields are the fields StandardFacets counts: year is the issue
// date's year.
var FacetFields = []string{"category", "level", "region", "status", "year"}

// Orders of a list of standards.
const (
	SortUpdated = "updated"
	SortNumber  = "number"
	SortTitle   = "title"
)

// StandardUpdate changes a standard's metadata; nil fields stay as they are.
type StandardUpdate struct {
	Title       *string
	TitleEN     *string
	Level       *Level
	Region      *string
	Category    *string
	ICS         *string
	CCS         *string
	DraftingOrg *string
	Replaces    *[]string
	Number      *string
	Status      *Status
	IssueDate   *string
	ImplDate    *string
	Sheet       *string
}

// CanEdit reports whether u may save revisions of st (when its state allows).
func CanEdit(u *User, st *Standard) bool {
	return u.IsStaff() || u.Is(st.OwnerID)
}

const idAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// NewID returns a fresh standard id such as s-k3x9q2mz7hfa.
func NewID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return "s-" + string(b)
}

// ValidID reports whether id may name a standard: 1 to 128 letters, digits,
// dots, dashes and underscores.
func ValidID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return false
		}
	}
	return true
}

// Standard returns the standard with id, as actor may see it.
func (s *Service) Standard(ctx context.Context, actor *User, id string) (*Standard, error) {
	st, err := s.findStandard(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, notFound(id)
	} else if err != nil {
		return nil, err
	}
	if !s.canRead(ctx, actor, st) {
		return nil, notFound(id)
	}
	return st, nil
}

// Standards lists the standards actor may read.
func (s *Service) Standards(ctx context.Context, actor *User, f StandardFilter) ([]*Standard, int, error) {
	f.Reader, f.AllReaders, f.Now = actor, false, s.now()
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 500
	}
	return s.store.FindStandards(ctx, f)
}

// StandardFacets counts, per field of FacetFields and value, the standards
// of the filter that actor may read, as Standards lists them.
func (s *Service) StandardFacets(ctx context.Context, actor *User, f StandardFilter) (map[string]map[string]int, error) {
	f.Reader, f.AllReaders, f.Now = actor, false, s.now()
	out := map[string]map[string]int{}
	for _, field := range FacetFields {
		counts, err := s.store.CountStandards(ctx, f, field)
		if err != nil {
			return nil, err
		}
		out[field] = counts
	}
	return out, nil
}

func (s *Service) canRead(ctx context.Context, actor *User, st *Standard) bool {
	ok, err := CanReadStored(ctx, s.store, actor, st, s.now())
	return err == nil && ok
}

// readMemoKey keys the standards already read in a context made by WithReadMemo.
type readMemoKey struct{}

type readMemo struct {
	mu sync.Mutex
	m  map[string]*Standard
	// revs keeps the revisions read, by standard and number: a revision
	// never changes once written.
	revs map[revKey]*Revision
}

type revKey struct {
	id string
	n  int
}

// WithReadMemo returns a context in which Standard reads each standard from
// the store once and then answers from what it read, for a request that
// only reads: a page is made of several reads of the same standard (its
// revisions, relations, filing…), each of which checks the read rule on it.
// The rule is still checked on every call; only the stored row is kept.
// Never use it for a request that writes.
func WithReadMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, readMemoKey{}, &readMemo{m: map[string]*Standard{}, revs: map[revKey]*Revision{}})
}

// findStandard reads a standard from the store, or from the context's memo.
func (s *Service) findStandard(ctx context.Context, id string) (*Standard, error) {
	read := func() (*Standard, error) { return s.store.FindStandard(ctx, id) }
	if memo, _ := ctx.Value(readMemoKey{}).(*readMemo); memo != nil {
		return remembered(&memo.mu, memo.m, id, read)
	}
	return read()
}

// findRevision reads revision n of a standard from the store, or from the
// context's memo.
func (s *Service) findRevision(ctx context.Context, id string, n int) (*Revision, error) {
	read := func() (*Revision, error) { return s.store.FindRevision(ctx, id, n) }
	if memo, _ := ctx.Value(readMemoKey{}).(*readMemo); memo != nil {
		return remembered(&memo.mu, memo.revs, revKey{id, n}, read)
	}
	return read()
}

// remembered returns a copy of what kept holds under k, or reads it and
// keeps a copy: callers may change what they get.
func remembered[K comparable, V any](mu *sync.Mutex, kept map[K]*V, k K, read func() (*V, error)) (*V, error) {
	mu.Lock()
	v, ok := kept[k]
	mu.Unlock()
	if ok {
		cp := *v
		return &cp, nil
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	cp := *v
	mu.Lock()
	kept[k] = &cp
	mu.Unlock()
	return v, nil
}

func notFound(id string) error {
	return Errorf(ENOTFOUND, "no standard %q", id).WithKey("err.standard.not_found", Args{"id": id})
}

// NumberBase is the undated form of a standard number, under which the store
// files every edition so that an undated reference finds them (see
// Store.FindStandardsByNumberBase); "" when the number cannot be read or
// numbers an amendment sheet, which is no edition of its own.
func NumberBase(number string) string {
	n, err := docs.ParseNumber(number)
	if err != nil || n.Amendment != "" {
		return ""
	}
	return n.Undated()
}
