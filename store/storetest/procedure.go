package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

func newProposal(proposer *workflow.User, title string) *workflow.Proposal {
	return &workflow.Proposal{Title: title, Level: workflow.LevelLocal, Region: "11", Kind: workflow.ProposalNew,
		ProposerOrg: "北京市机关事务管理局", DraftingOrg: "北京市机关事务管理局", Rationale: "缺少统一要求。",
		Scope: "适用于机关办公区域。", Due: "2027-12-31", Status: workflow.ProposalPending, ProposerID: proposer.ID,
		Proposer: proposer.Username, CreatedAt: t0}
}

// approval is a decided proposal with the standard it opens.
func approval(p *workflow.Proposal, id, plan string, at time.Time) (*workflow.Standard, *workflow.Revision, *workflow.HistoryEntry) {
	pid := p.ID
	p.Status, p.PlanNumber, p.DecidedAt, p.DecidedBy, p.StandardID = workflow.ProposalApproved, plan, &at, "staff", id
	st := &workflow.Standard{ID: id, Title: p.Title, Level: p.Level, Region: p.Region, State: workflow.StateDraft,
		OwnerID: p.ProposerID, Owner: p.Proposer, Latest: 1, Replaces: []string{}, PlanNumber: plan, Due: p.Due,
		ProposalID: &pid, DraftingOrg: p.DraftingOrg, CreatedAt: at, UpdatedAt: at}
	r := &workflow.Revision{StandardID: id, Number: 1, Body: "## 1 范围\n", AuthorID: p.ProposerID, Author: p.Proposer,
		CreatedAt: at, Message: "created"}
	r.Hash, r.Size = workflow.Hash(r.Body), len(r.Body)
	return st, r, &workflow.HistoryEntry{StandardID: id, Action: "create", To: workflow.StateDraft, At: at, Note: "plan " + plan}
}

func testProposals(t *testing.T, s Store) {
	drafter := MustUser(t, s, "drafter", workflow.RoleDrafter)
	other := MustUser(t, s, "other", workflow.RoleDrafter)
	p := newProposal(drafter, "机关办公区域绿化养护规范")
	if err := s.CreateProposal(ctx, p); err != nil || p.ID == 0 {
		t.Fatalf("CreateProposal: id %d, %v", p.ID, err)
	}
	got, err := s.FindProposal(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("FindProposal (-stored +read):\n%s", diff)
	}
	_, err = s.FindProposal(ctx, p.ID+100)
	wantCode(t, err, workflow.ENOTFOUND)

	q := newProposal(other, "机关食堂服务规范")
	if err := s.CreateProposal(ctx, q); err != nil {
		t.Fatal(err)
	}
	at := t0.Add(24 * time.Hour)
	st, r, h := approval(p, "s-plan", "2027-001", at)
	if err := s.DecideProposal(ctx, p, st, r, h); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindProposal(ctx, p.ID)
	if got.Status != workflow.ProposalApproved || got.PlanNumber != "2027-001" || got.StandardID != "s-plan" ||
		got.DecidedAt == nil || !got.DecidedAt.Equal(at) {
		t.Errorf("approved proposal = %+v", got)
	}
	made, err := s.FindStandard(ctx, "s-plan")
	if err != nil {
		t.Fatal(err)
	}
	if made.PlanNumber != "2027-001" || made.Due != "2027-12-31" || made.ProposalID == nil || *made.ProposalID != p.ID {
		t.Errorf("standard from the proposal = %+v", made)
	}
	// Decided once: a second decision is a conflict and creates nothing.
	st2, r2, h2 := approval(p, "s-again", "2027-002", at)
	wantCode(t, s.DecideProposal(ctx, p, st2, r2, h2), workflow.ECONFLICT)
	// A plan number is unique: the other proposal's approval fails whole.
	st3, r3, h3 := approval(q, "s-dup", "2027-001", at)
	wantCode(t, s.DecideProposal(ctx, q, st3, r3, h3), workflow.ECONFLICT)
	for _, id := range []string{"s-again", "s-dup"} {
		if _, err := s.FindStandard(ctx, id); workflow.ErrorCode(err) != workflow.ENOTFOUND {
			t.Errorf("a refused decision left standard %s: %v", id, err)
		}
	}
	q.Status, q.PlanNumber, q.StandardID, q.Reason = workflow.ProposalRejected, "", "", "重复"
	if err := s.DecideProposal(ctx, q, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	pending, rejected := workflow.ProposalPending, workflow.ProposalRejected
	for _, tc := range []struct {
		f    workflow.ProposalFilter
		want []int64
	}{
		{workflow.ProposalFilter{}, []int64{q.ID, p.ID}},
		{workflow.ProposalFilter{Status: &rejected}, []int64{q.ID}},
		{workflow.ProposalFilter{Status: &pending}, nil},
		{workflow.ProposalFilter{ProposerID: &drafter.ID}, []int64{p.ID}},
	} {
		list, err := s.FindProposals(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		if !cmp.Equal(ids, tc.want) {
			t.Errorf("FindProposals(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}
}

func testConsultees(t *testing.T, s Store) {
	st := MustStandard(t, s, "s-consult", nil, workflow.StateDraft)
	var made []*workflow.Consultee
	for _, org := range []string{"市财政局", "市市场监督管理局", "市住房和城乡建设委员会"} {
		c := &workflow.Consultee{StandardID: st.ID, Organization: org, Contact: "办公室", Reply: workflow.ReplyNone, SentAt: t0}
		if err := s.CreateConsultee(ctx, c); err != nil {
			t.Fatal(err)
		}
		made = append(made, c)
	}
	wantCode(t, s.CreateConsultee(ctx, &workflow.Consultee{StandardID: "s-none", Organization: "x", Reply: workflow.ReplyNone, SentAt: t0}), workflow.ENOTFOUND)
	at := t0.Add(48 * time.Hour)
	made[0].Reply, made[0].RepliedAt = workflow.ReplyComments, &at
	made[1].Reply, made[1].RepliedAt = workflow.ReplyNoComments, &at
	for _, c := range made[:2] {
		if err := s.UpdateConsultee(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, s.UpdateConsultee(ctx, &workflow.Consultee{ID: 9999, Reply: workflow.ReplyComments}), workflow.ENOTFOUND)
	list, err := s.FindConsultees(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(made, list); diff != "" {
		t.Errorf("FindConsultees (-stored +read):\n%s", diff)
	}
	one, err := s.FindConsultee(ctx, made[2].ID)
	if err != nil || one.Organization != "市住房和城乡建设委员会" || one.RepliedAt != nil {
		t.Errorf("FindConsultee = %+v, %v", one, err)
	}
	if n := workflow.CountConsultees(list); n != (workflow.ConsultationCounts{Sent: 3, Replied: 2, WithComments: 1, NoReply: 1}) {
		t.Errorf("counts = %+v", n)
	}
}

// testProcedureFields: what the procedure adds to accounts, moves, rounds,
// revisions and comments is stored and read back.
func testProcedureFields(t *testing.T, s Store) {
	u := &workflow.User{Username: "e", Name: "e", Role: workflow.RoleExpert, Organization: "中国标准化研究院",
		PasswordHash: []byte("x"), CreatedAt: t0}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindUserByName(ctx, "e"); got.Organization != "中国标准化研究院" {
		t.Errorf("organisation = %q", got.Organization)
	}
	st := MustStandard(t, s, "s-stages", nil, workflow.StateDraft)
	t1, end := t0.Add(time.Hour), t0.Add(31*24*time.Hour)
	tr := move(st, workflow.StateDraft, t1)
	tr.ConsultStart, tr.ConsultEnd, tr.Stage, tr.StageRevision = &t1, &end, workflow.StageConsultation, 1
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindStandard(ctx, st.ID)
	if got.ConsultStart == nil || !got.ConsultStart.Equal(t1) || !got.ConsultEnd.Equal(end) {
		t.Errorf("consultation window %v – %v", got.ConsultStart, got.ConsultEnd)
	}
	c := &workflow.Comment{StandardID: st.ID, Kind: workflow.CommentPublic, Revision: 1, Body: "意见", Author: "张三",
		Stage: workflow.StageConsultation, CreatedAt: t1}
	if err := s.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.FindComment(ctx, c.ID); back.Stage != workflow.StageConsultation {
		t.Errorf("comment stage %q", back.Stage)
	}
	d, _ := s.FindDossier(ctx, st.ID)
	if d.OpenConsultComments != 1 || d.OpenPublicComments != 1 {
		t.Errorf("dossier counts %d consultation, %d public comments open", d.OpenConsultComments, d.OpenPublicComments)
	}
	t2 := end.Add(time.Hour)
	tr = move(got, workflow.StateExpertReview, t2)
	tr.OpenRound = &workflow.Round{Number: 1, Revision: 1, OpenedAt: t2, Mode: workflow.ReviewLetter}
	tr.Stage, tr.StageRevision = workflow.StageReview, 1
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindStandard(ctx, st.ID)
	tr = move(got, workflow.StatePublicNotice, t2)
	tr.CloseRound, tr.Conclusion, tr.Minutes = "approved", "通过", "## 纪要"
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	rounds, _ := s.FindRounds(ctx, st.ID)
	if len(rounds) != 1 || rounds[0].Mode != workflow.ReviewLetter || rounds[0].Conclusion != "通过" || rounds[0].Minutes != "## 纪要" {
		t.Errorf("rounds = %+v", rounds)
	}
	revs, _ := s.FindRevisions(ctx, st.ID)
	if len(revs) != 1 || revs[0].Stage != workflow.StageReview {
		t.Errorf("revision stage = %q", revs[0].Stage)
	}
}
