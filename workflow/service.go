package workflow

import (
	"context"
	"time"

	"golang.org/x/crypto/bcrypt"

	"norma/docs"
	"norma/docs/anchor"
	"norma/docs/diff"
	"norma/internal/lru"
)

// Config holds the rules of the process that an office may set.
type Config struct {
	// SessionLifetime is how long a login lasts.
	SessionLifetime time.Duration
	// PasswordCost is the bcrypt cost of stored passwords.
	PasswordCost int
	// LoginFailures is how many failed logins one name may have from one
	// address within LoginWindow before further attempts are refused; one
	// name from any address may have four times as many. An address with
	// six times as many failures for any names is slowed down, not locked:
	// each further attempt waits a delay that doubles up to a minute, so
	// an office behind one address still signs in.
	LoginFailures int
	LoginWindow   time.Duration
	// PublicComments is how many comments one address may send from the
	// public within PublicWindow.
	PublicComments int
	PublicWindow   time.Duration
	// AnonymousChecks is how many structure and duplicate checks one
	// address may ask for without an account within CheckWindow.
	AnonymousChecks int
	CheckWindow     time.Duration
	// NoticeMinDays is the shortest public notice per level.
	NoticeMinDays map[Level]int
	// ConsultMinDays is the shortest consultation (征求意见) per level.
	ConsultMinDays map[Level]int
	// RequireProposal refuses a drafter's new standard that does not come
	// from an approved proposal; staff may still open one directly.
	RequireProposal bool
	// RequireConsultation makes submit wait for a consultation that has
	// ended, with every consultation comment disposed.
	RequireConsultation bool
	// ReviewRule is the committee's decision rule per level: RuleUnanimous
	// or RuleThreeQuarters.
	ReviewRule map[Level]string
	// FilingDaysDefault is the days after issue within which a local or
	// industry standard is filed (备案); FilingDaysRegion overrides it per
	// region code.
	FilingDaysDefault int
	FilingDaysRegion  map[string]int
	// ReviewCycleYears is the years between periodic reviews (复审);
	// ReviewCycleRegion overrides it per region code.
	ReviewCycleYears  int
	ReviewCycleRegion map[string]int
}

// DefaultConfig returns the rules Norma starts with.
func DefaultConfig() Config {
	return Config{
		SessionLifetime: 12 * time.Hour,
		PasswordCost:    bcrypt.DefaultCost,
		LoginFailures:   5,
		LoginWindow:     15 * time.Minute,
		PublicComments:  5,
		PublicWindow:    10 * time.Minute,
		AnonymousChecks: 30,
		CheckWindow:     time.Minute,
		NoticeMinDays: map[Level]int{LevelNational: 60, LevelIndustry: 30, LevelLocal: 30,
			LevelGroup: 30},
		ConsultMinDays: map[Level]int{LevelNational: 60, LevelIndustry: 30, LevelLocal: 30,
			LevelGroup: 30},
		RequireConsultation: true,
		ReviewRule: map[Level]string{LevelNational: RuleThreeQuarters, LevelIndustry: RuleThreeQuarters,
			LevelLocal: RuleThreeQuarters, LevelGroup: RuleThreeQuarters},
		FilingDaysDefault: 60,
		ReviewCycleYears:  5,
	}
}

// Service carries out Norma's use cases: every rule of who may do what, and
// when, is checked here, and every change goes to the Store.
type Service struct {
	store     Store
	cfg       Config
	now       func() time.Time
	throttle  *throttle // per name and address
	userLimit *throttle // per name
	addrLimit *throttle // per address, slowing down
	// publicLimit counts public comments per client address.
	publicLimit *throttle
	// diffs keeps the comparisons of revision pairs made so far.
	diffs *lru.Cache[[2]string, diff.Diff]
	// checkLimit counts the checks the public asks for per address.
	checkLimit *throttle
	// feedbackLimit counts implementation feedback per client address.
	feedbackLimit *throttle
	// citedCache keeps the national numbers each revision's text cites.
	citedCache *lru.Cache[string, []docs.StdNumber]
}

// NewService returns a Service on the store. now may be nil for the wall clock.
func NewService(store Store, cfg Config, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	if cfg.PasswordCost == 0 {
		cfg.PasswordCost = bcrypt.DefaultCost
	}
	s := &Service{store: store, cfg: cfg, now: func() time.Time { return now().UTC() },
		throttle:      newThrottle(nil, "login", cfg.LoginFailures, cfg.LoginWindow),
		userLimit:     newThrottle(nil, "login-name", 4*cfg.LoginFailures, cfg.LoginWindow),
		addrLimit:     newThrottle(nil, "login-addr", 6*cfg.LoginFailures, cfg.LoginWindow),
		publicLimit:   newThrottle(nil, "public-comment", cfg.PublicComments, cfg.PublicWindow),
		checkLimit:    newThrottle(nil, "check", cfg.AnonymousChecks, cfg.CheckWindow),
		feedbackLimit: newThrottle(nil, "public-feedback", cfg.PublicComments, cfg.PublicWindow),
		diffs:         newDiffCache(), citedCache: newCitedCache()}
	s.addrLimit.slow = true
	s.CountFailuresIn(NewMemoryCounter(max(s.throttle.window, s.publicLimit.window, s.checkLimit.window)))
	return s
}

// CountFailuresIn makes the service keep failed logins and public comments
// in c, which several nodes may share.
func (s *Service) CountFailuresIn(c FailureCounter) {
	for _, t := range []*throttle{s.throttle, s.userLimit, s.addrLimit, s.publicLimit, s.checkLimit, s.feedbackLimit} {
		t.counter = c
	}
}

// Config returns the rules the service runs by.
func (s *Service) Config() Config { return s.cfg }

// Now returns the service's current time.
func (s *Service) Now() time.Time { return s.now() }

// Store is everything the domain needs from persistence. Each method is one
// transaction; a missing row is a not_found Error.
type Store interface {
	CreateUser(ctx context.Context, u *User) error
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByName(ctx context.Context, username string) (*User, error)
	FindUsers(ctx context.Context) ([]*User, error)
	// UpdateUser stores an account's changed fields (see UserUpdate) and,
	// when asked, ends its sessions, in one transaction. A change that
	// leaves no active admin is refused with LastAdminError.
	UpdateUser(ctx context.Context, up UserUpdate) error
	// DeleteUserSessions ends every session of the account but the one
	// whose token hash is keep (nil: all); it returns how many ended.
	DeleteUserSessions(ctx context.Context, userID int64, keep []byte) (int, error)

	// CreateSession stores a session and notes it as its account's last
	// sign-in.
	CreateSession(ctx context.Context, sess *Session) error
	FindSession(ctx context.Context, tokenHash []byte) (*Session, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// CreateStandard stores a new standard with its first revision and the
	// history entry of its creation.
	CreateStandard(ctx context.Context, s *Standard, r *Revision, h *HistoryEntry) error
	FindStandard(ctx context.Context, id string) (*Standard, error)
	FindStandards(ctx context.Context, f StandardFilter) ([]*Standard, int, error)
	// CountStandards counts the standards the filter selects (its paging
	// aside) per value of a field of FacetFields.
	CountStandards(ctx context.Context, f StandardFilter, field string) (map[string]int, error)
	// CreateRevision stores r as revision base+1 of its standard and applies
	// the metadata change, or fails with a conflict when base is not the
	// latest revision.
	CreateRevision(ctx context.Context, r *Revision, base int, meta *StandardUpdate) error
	FindRevision(ctx context.Context, standardID string, number int) (*Revision, error)
	// FindRevisions lists a standard's revisions without their bodies.
	FindRevisions(ctx context.Context, standardID string) ([]*Revision, error)

	// FindExperts lists the accounts assigned to review a standard.
	FindExperts(ctx context.Context, standardID string) ([]*User, error)
	AssignExpert(ctx context.Context, standardID string, userID int64, at time.Time) error
	RemoveExpert(ctx context.Context, standardID string, userID int64, at time.Time) error

	// FindStandardByNumber returns the standard with the canonical number.
	FindStandardByNumber(ctx context.Context, number string) (*Standard, error)
	// FindStandardsByNumberBase returns every edition of an undated number
	// (GB/T 1.1 → GB/T 1.1—2009, GB/T 1.1—2020), newest first.
	FindStandardsByNumberBase(ctx context.Context, base string) ([]*Standard, error)
	// FindStandardsByNumberBases does FindStandardsByNumberBase for many
	// numbers at once, by undated number.
	FindStandardsByNumberBases(ctx context.Context, bases []string) (map[string][]*Standard, error)
	// FindStandardsByNumbers does FindStandardByNumber for many numbers in
	// one snapshot, by number; a number no standard carries is left out.
	FindStandardsByNumbers(ctx context.Context, numbers []string) (map[string]*Standard, error)
	// FindDossier loads what the guards of a move read.
	FindDossier(ctx context.Context, standardID string) (*Dossier, error)
	// ApplyTransition stores a move if the standard is still at t.Version,
	// else fails with a conflict; the history entries go in the same
	// transaction.
	ApplyTransition(ctx context.Context, t *Transition) error
	FindHistory(ctx context.Context, standardID string) ([]*HistoryEntry, error)
	// PutVerdict records or replaces an expert's verdict in the open round.
	PutVerdict(ctx context.Context, standardID string, v *Verdict) error
	FindRounds(ctx context.Context, standardID string) ([]*Round, error)

	// ImportStandard stores a library text as DecideImport decides, in its
	// transaction: a new standard with the history entry h, a new revision
	// of one whose text changed, or nothing.
	ImportStandard(ctx context.Context, st *Standard, r *Revision, h *HistoryEntry) (ImportOutcome, error)

	CreateComment(ctx context.Context, c *Comment) error
	// FindComment and FindComments return comments with their replies;
	// FindComments lists a standard's comments in the order they were
	// created, and every thread is in the order of its replies.
	FindComment(ctx context.Context, id int64) (*Comment, error)
	FindComments(ctx context.Context, standardID string) ([]*Comment, error)
	CreateReply(ctx context.Context, r *Reply) error
	SetDisposition(ctx context.Context, commentID int64, d *Disposition) error
	// ApplySuggestion stores r as the revision after base with its metadata
	// change (or fails with a conflict, as CreateRevision) and the comment's
	// disposition, linked to r, in one transaction.
	ApplySuggestion(ctx context.Context, r *Revision, base int, meta *StandardUpdate, commentID int64, d *Disposition, at anchor.Position) error

	CreateProposal(ctx context.Context, p *Proposal) error
	FindProposal(ctx context.Context, id int64) (*Proposal, error)
	// FindProposals lists proposals, newest first.
	FindProposals(ctx context.Context, f ProposalFilter) ([]*Proposal, error)
	// DecideProposal records the decision on a pending proposal (a conflict
	// when it was decided already, or when its plan number is taken) and,
	// on approval, creates the standard st with its first revision and
	// history entry, all in one transaction.
	DecideProposal(ctx context.Context, p *Proposal, st *Standard, r *Revision, h *HistoryEntry) error

	CreateConsultee(ctx context.Context, c *Consultee) error
	FindConsultee(ctx context.Context, id int64) (*Consultee, error)
	// FindConsultees lists a standard's consulted organisations in the
	// order they were added.
	FindConsultees(ctx context.Context, standardID string) ([]*Consultee, error)
	// UpdateConsultee stores a consultee's reply.
	UpdateConsultee(ctx context.Context, c *Consultee) error

	// PutFiling records or replaces a standard's filing with its history entry.
	PutFiling(ctx context.Context, f *Filing, h *HistoryEntry) error
	FindFiling(ctx context.Context, standardID string) (*Filing, error)
	// FindFilings lists every recorded filing.
	FindFilings(ctx context.Context) ([]*Filing, error)
	// CreatePeriodicReview stores a review with what it changes: its
	// history entry, the move to abolished (only if the standard is still
	// at that version) or the revision project; all or nothing.
	CreatePeriodicReview(ctx context.Context, c ReviewChange) error
	// FindPeriodicReviews lists a standard's reviews oldest first, or every
	// review when standardID is "".
	FindPeriodicReviews(ctx context.Context, standardID string) ([]*PeriodicReview, error)
	CreateFeedback(ctx context.Context, f *Feedback) error
	FindFeedbackItem(ctx context.Context, id int64) (*Feedback, error)
	// FindFeedback lists feedback oldest first.
	FindFeedback(ctx context.Context, f FeedbackFilter) ([]*Feedback, error)
	// AnswerFeedback stores a feedback's answer.
	AnswerFeedback(ctx context.Context, f *Feedback) error

	// FindSystem returns the standard system, empty before one is stored.
	FindSystem(ctx context.Context) (*System, error)
	PutSystem(ctx context.Context, sys *System) error
	// PutPlacement puts a standard or proposal in a module ("" takes it out).
	PutPlacement(ctx context.Context, p Placement) error
	FindPlacements(ctx context.Context) ([]Placement, error)
	// FindPlacement returns the placement of one standard or proposal;
	// not_found when it sits in no module.
	FindPlacement(ctx context.Context, kind, ref string) (Placement, error)
	// FindReplacing lists the standards whose replaces names the number.
	FindReplacing(ctx context.Context, number string) ([]*Standard, error)
	// FindAmendments lists the amendment sheets of a standard, oldest first.
	FindAmendments(ctx context.Context, parentID string) ([]*Standard, error)
	// UpdateSheet writes an amendment's wording.
	UpdateSheet(ctx context.Context, id, sheet string, at time.Time) error
}
