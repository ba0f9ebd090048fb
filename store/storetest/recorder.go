package storetest

import (
	"context"
	"reflect"
	"sort"
	"sync"
	"time"

	"norma/docs/anchor"
	"norma/workflow"
)

// calls notes which methods of the Store the suite's tests called.
type calls struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (c *calls) called(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[name] = true
}

// missing lists the methods of Store that no test called, in order.
func (c *calls) missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	typ := reflect.TypeOf((*Store)(nil)).Elem()
	for i := range typ.NumMethod() {
		if name := typ.Method(i).Name; !c.seen[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// recorder is the Store the suite's tests see: it passes each call on and
// notes the method. A method added to Store without a line here reaches the
// embedded store unnoted, so the suite reports it as never exercised until
// it is wrapped below and a test calls it.
type recorder struct {
	Store
	*calls
}

func (r *recorder) CreateUser(ctx context.Context, a1 *workflow.User) error {
	r.called("CreateUser")
	return r.Store.CreateUser(ctx, a1)
}

func (r *recorder) FindUserByID(ctx context.Context, a1 int64) (*workflow.User, error) {
	r.called("FindUserByID")
	return r.Store.FindUserByID(ctx, a1)
}

func (r *recorder) FindUserByName(ctx context.Context, a1 string) (*workflow.User, error) {
	r.called("FindUserByName")
	return r.Store.FindUserByName(ctx, a1)
}

func (r *recorder) FindUsers(ctx context.Context) ([]*workflow.User, error) {
	r.called("FindUsers")
	return r.Store.FindUsers(ctx)
}

func (r *recorder) CreateSession(ctx context.Context, a1 *workflow.Session) error {
	r.called("CreateSession")
	return r.Store.CreateSession(ctx, a1)
}

func (r *recorder) FindSession(ctx context.Context, a1 []byte) (*workflow.Session, error) {
	r.called("FindSession")
	return r.Store.FindSession(ctx, a1)
}

func (r *recorder) DeleteSession(ctx context.Context, a1 []byte) error {
	r.called("DeleteSession")
	return r.Store.DeleteSession(ctx, a1)
}

func (r *recorder) DeleteExpiredSessions(ctx context.Context, a1 time.Time) (int, error) {
	r.called("DeleteExpiredSessions")
	return r.Store.DeleteExpiredSessions(ctx, a1)
}

func (r *recorder) CreateStandard(ctx context.Context, a1 *workflow.Standard, a2 *workflow.Revision, a3 *workflow.HistoryEntry) error {
	r.called("CreateStandard")
	return r.Store.CreateStandard(ctx, a1, a2, a3)
}

func (r *recorder) FindStandard(ctx context.Context, a1 string) (*workflow.Standard, error) {
	r.called("FindStandard")
	return r.Store.FindStandard(ctx, a1)
}

func (r *recorder) FindStandards(ctx context.Context, a1 workflow.StandardFilter) ([]*workflow.Standard, int, error) {
	r.called("FindStandards")
	return r.Store.FindStandards(ctx, a1)
}

func (r *recorder) CreateRevision(ctx context.Context, a1 *workflow.Revision, a2 int, a3 *workflow.StandardUpdate) error {
	r.called("CreateRevision")
	return r.Store.CreateRevision(ctx, a1, a2, a3)
}

func (r *recorder) FindRevision(ctx context.Context, a1 string, a2 int) (*workflow.Revision, error) {
	r.called("FindRevision")
	return r.Store.FindRevision(ctx, a1, a2)
}

func (r *recorder) FindRevisions(ctx context.Context, a1 string) ([]*workflow.Revision, error) {
	r.called("FindRevisions")
	return r.Store.FindRevisions(ctx, a1)
}

func (r *recorder) FindExperts(ctx context.Context, a1 string) ([]*workflow.User, error) {
	r.called("FindExperts")
	return r.Store.FindExperts(ctx, a1)
}

func (r *recorder) AssignExpert(ctx context.Context, a1 string, a2 int64, a3 time.Time) error {
	r.called("AssignExpert")
	return r.Store.AssignExpert(ctx, a1, a2, a3)
}

func (r *recorder) RemoveExpert(ctx context.Context, a1 string, a2 int64, a3 time.Time) error {
	r.called("RemoveExpert")
	return r.Store.RemoveExpert(ctx, a1, a2, a3)
}

func (r *recorder) FindStandardByNumber(ctx context.Context, a1 string) (*workflow.Standard, error) {
	r.called("FindStandardByNumber")
	return r.Store.FindStandardByNumber(ctx, a1)
}

func (r *recorder) FindStandardsByNumberBase(ctx context.Context, a1 string) ([]*workflow.Standard, error) {
	r.called("FindStandardsByNumberBase")
	return r.Store.FindStandardsByNumberBase(ctx, a1)
}

func (r *recorder) FindDossier(ctx context.Context, a1 string) (*workflow.Dossier, error) {
	r.called("FindDossier")
	return r.Store.FindDossier(ctx, a1)
}

func (r *recorder) ApplyTransition(ctx context.Context, a1 *workflow.Transition) error {
	r.called("ApplyTransition")
	return r.Store.ApplyTransition(ctx, a1)
}

func (r *recorder) FindHistory(ctx context.Context, a1 string) ([]*workflow.HistoryEntry, error) {
	r.called("FindHistory")
	return r.Store.FindHistory(ctx, a1)
}

func (r *recorder) PutVerdict(ctx context.Context, a1 string, a2 *workflow.Verdict) error {
	r.called("PutVerdict")
	return r.Store.PutVerdict(ctx, a1, a2)
}

func (r *recorder) FindRounds(ctx context.Context, a1 string) ([]*workflow.Round, error) {
	r.called("FindRounds")
	return r.Store.FindRounds(ctx, a1)
}

func (r *recorder) ImportStandard(ctx context.Context, a1 *workflow.Standard, a2 *workflow.Revision, a3 *workflow.HistoryEntry) (workflow.ImportOutcome, error) {
	r.called("ImportStandard")
	return r.Store.ImportStandard(ctx, a1, a2, a3)
}

func (r *recorder) CreateComment(ctx context.Context, a1 *workflow.Comment) error {
	r.called("CreateComment")
	return r.Store.CreateComment(ctx, a1)
}

func (r *recorder) FindComment(ctx context.Context, a1 int64) (*workflow.Comment, error) {
	r.called("FindComment")
	return r.Store.FindComment(ctx, a1)
}

func (r *recorder) FindComments(ctx context.Context, a1 string) ([]*workflow.Comment, error) {
	r.called("FindComments")
	return r.Store.FindComments(ctx, a1)
}

func (r *recorder) CreateReply(ctx context.Context, a1 *workflow.Reply) error {
	r.called("CreateReply")
	return r.Store.CreateReply(ctx, a1)
}

func (r *recorder) SetDisposition(ctx context.Context, a1 int64, a2 *workflow.Disposition) error {
	r.called("SetDisposition")
	return r.Store.SetDisposition(ctx, a1, a2)
}

func (r *recorder) ApplySuggestion(ctx context.Context, a1 *workflow.Revision, a2 int, a0 *workflow.StandardUpdate, a3 int64, a4 *workflow.Disposition, a5 anchor.Position) error {
	r.called("ApplySuggestion")
	return r.Store.ApplySuggestion(ctx, a1, a2, a0, a3, a4, a5)
}

func (r *recorder) FindOutbox(ctx context.Context, a1 int) ([]workflow.OutboxEntry, error) {
	r.called("FindOutbox")
	return r.Store.FindOutbox(ctx, a1)
}

func (r *recorder) DeleteOutbox(ctx context.Context, a1 int64) error {
	r.called("DeleteOutbox")
	return r.Store.DeleteOutbox(ctx, a1)
}

func (r *recorder) CountOutbox(ctx context.Context) (int, error) {
	r.called("CountOutbox")
	return r.Store.CountOutbox(ctx)
}

func (r *recorder) EnqueueAll(ctx context.Context) (int, error) {
	r.called("EnqueueAll")
	return r.Store.EnqueueAll(ctx)
}

func (r *recorder) PutFingerprint(ctx context.Context, a1 workflow.Fingerprint) error {
	r.called("PutFingerprint")
	return r.Store.PutFingerprint(ctx, a1)
}

func (r *recorder) FindFingerprints(ctx context.Context, a1 time.Time) ([]workflow.Fingerprint, error) {
	r.called("FindFingerprints")
	return r.Store.FindFingerprints(ctx, a1)
}

func (r *recorder) FindSearchTexts(ctx context.Context, a1 []string) (map[string]workflow.SearchText, error) {
	r.called("FindSearchTexts")
	return r.Store.FindSearchTexts(ctx, a1)
}

func (r *recorder) CreateProposal(ctx context.Context, a1 *workflow.Proposal) error {
	r.called("CreateProposal")
	return r.Store.CreateProposal(ctx, a1)
}

func (r *recorder) FindProposal(ctx context.Context, a1 int64) (*workflow.Proposal, error) {
	r.called("FindProposal")
	return r.Store.FindProposal(ctx, a1)
}

func (r *recorder) FindProposals(ctx context.Context, a1 workflow.ProposalFilter) ([]*workflow.Proposal, error) {
	r.called("FindProposals")
	return r.Store.FindProposals(ctx, a1)
}

func (r *recorder) DecideProposal(ctx context.Context, a1 *workflow.Proposal, a2 *workflow.Standard, a3 *workflow.Revision, a4 *workflow.HistoryEntry) error {
	r.called("DecideProposal")
	return r.Store.DecideProposal(ctx, a1, a2, a3, a4)
}

func (r *recorder) CreateConsultee(ctx context.Context, a1 *workflow.Consultee) error {
	r.called("CreateConsultee")
	return r.Store.CreateConsultee(ctx, a1)
}

func (r *recorder) FindConsultee(ctx context.Context, a1 int64) (*workflow.Consultee, error) {
	r.called("FindConsultee")
	return r.Store.FindConsultee(ctx, a1)
}

func (r *recorder) FindConsultees(ctx context.Context, a1 string) ([]*workflow.Consultee, error) {
	r.called("FindConsultees")
	return r.Store.FindConsultees(ctx, a1)
}

func (r *recorder) UpdateConsultee(ctx context.Context, a1 *workflow.Consultee) error {
	r.called("UpdateConsultee")
	return r.Store.UpdateConsultee(ctx, a1)
}

func (r *recorder) FindStandardsByNumberBases(ctx context.Context, a1 []string) (map[string][]*workflow.Standard, error) {
	r.called("FindStandardsByNumberBases")
	return r.Store.FindStandardsByNumberBases(ctx, a1)
}

func (r *recorder) FindStandardsByNumbers(ctx context.Context, a1 []string) (map[string]*workflow.Standard, error) {
	r.called("FindStandardsByNumbers")
	return r.Store.FindStandardsByNumbers(ctx, a1)
}
