package main

import (
	"context"
	"crypto/rand"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"norma/workflow"
)

//go:embed demo/*.md
var demoFiles embed.FS

// demoAccounts are created by serve --demo, in this order.
var demoAccounts = []workflow.NewUser{
	{Username: "admin", Name: "系统管理员", Role: workflow.RoleAdmin},
	{Username: "staff", Name: "标准化管理员", Role: workflow.RoleStaff},
	{Username: "drafter", Name: "起草人", Role: workflow.RoleDrafter, Organization: "北京市机关事务管理局"},
	{Username: "expert1", Name: "审查专家一", Role: workflow.RoleExpert, Organization: "中国标准化研究院"},
	{Username: "expert2", Name: "审查专家二", Role: workflow.RoleExpert, Organization: "清华大学"},
}

// demoStandard is one demo text: demo/<key>.rN.md are its revisions,
// messages says why each revision after the first was saved, and the
// standard is brought to state through the ordinary moves, starting age
// ago.
type demoStandard struct {
	key      string
	owner    string
	messages []string
	state    workflow.State
	age      time.Duration
	experts  []string
	// verdicts are given in order by the experts during review.
	verdicts []workflow.VerdictInput
	// number is the undated number of an issued standard; its year, issue
	// and implementation dates follow from when it is issued.
	number string
	// plan is the plan number of the proposal the standard comes from.
	plan string
}

const day = 24 * time.Hour

var demoStandards = []demoStandard{
	{key: "jiguan-shuyu", owner: "drafter", state: workflow.StateDraft, age: 12 * day, experts: []string{"expert1"},
		plan: "2026-031"},
	{key: "wuye-pingjia", owner: "drafter", state: workflow.StateExpertReview, age: 110 * day, plan: "2026-007",
		experts: []string{"expert1", "expert2"},
		messages: []string{
			"根据起草组讨论，完善评价指标表述并增加满意度调查条款",
			"采纳专家意见，增加能源资源管理条款，后续条款顺延",
			"修改附录 A 评价指标分值",
		},
		verdicts: []workflow.VerdictInput{{Verdict: workflow.VerdictApproveWithChanges,
			Note: "建议进一步明确满意度测评的抽样方法，修改后同意。"}}},
	{key: "huiyi-fuwu", owner: "drafter", state: workflow.StatePublicNotice, age: 58 * day, plan: "2026-012",
		experts:  []string{"expert1", "expert2"},
		verdicts: []workflow.VerdictInput{{Verdict: workflow.VerdictApprove}, {Verdict: workflow.VerdictApprove}}},
	{key: "gongwu-yongche", owner: "drafter", state: workflow.StateIssued, age: 200 * day,
		experts: []string{"expert2"}, verdicts: []workflow.VerdictInput{{Verdict: workflow.VerdictApprove}},
		number: "DB31/T 1523", plan: "2025-004"},
	{key: "nengyuan-dinge", owner: "staff", state: workflow.StateIssued, age: 300 * day,
		experts: []string{"expert1"}, verdicts: []workflow.VerdictInput{{Verdict: workflow.VerdictApprove}},
		number: "DB44/T 2680", plan: "2025-002"},
	{key: "bangong-yongfang", owner: "drafter", state: workflow.StateDraft, age: 5 * day, plan: "2026-036"},
	{key: "shitang-fuwu", owner: "staff", state: workflow.StateDraft, age: 8 * day, plan: "2026-040"},
}

// seedDemo fills an empty data folder with demo accounts and standards. A
// folder that has any account already is left as it is.
func seedDemo(ctx context.Context, a *app) error {
	users, err := a.db.FindUsers(ctx)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		a.log.Info("demo: the data folder has accounts already; nothing added")
		return nil
	}
	accounts := map[string]*workflow.User{}
	for _, n := range demoAccounts {
		n.Password = demoPassword()
		u, err := a.svc.CreateUser(ctx, nil, n)
		if err != nil {
			return fmt.Errorf("demo account %s: %w", n.Username, err)
		}
		accounts[u.Username] = u
		a.log.Info("demo account (the password is shown only now)", "username", u.Username, "role", u.Role, "password", n.Password)
	}
	for _, d := range demoStandards {
		if err := seedStandard(ctx, a, d, accounts); err != nil {
			return fmt.Errorf("demo standard %s: %w", d.key, err)
		}
	}
	proposal, err := a.svc.CreateProposal(ctx, accounts["drafter"], demoProposal)
	if err != nil {
		return fmt.Errorf("demo proposal: %w", err)
	}
	if err := seedAftercare(ctx, a, accounts, proposal); err != nil {
		return fmt.Errorf("demo after issue: %w", err)
	}
	if err := seedAmendment(ctx, a, accounts); err != nil {
		return fmt.Errorf("demo amendment: %w", err)
	}
	a.log.Info("demo: accounts and standards created", "standards", len(demoStandards))
	return nil
}

// seeder brings one demo standard through its life on a clock of its own,
// so that its history reads as weeks of real work.
type seeder struct {
	svc      *workflow.Service
	now      time.Time
	accounts map[string]*workflow.User
	st       *workflow.Standard
	d        demoStandard
}

func (sd *seeder) clock() time.Time { return sd.now }

func (sd *seeder) step(d time.Duration) { sd.now = sd.now.Add(d) }

func seedStandard(ctx context.Context, a *app, d demoStandard, accounts map[string]*workflow.User) error {
	sd := &seeder{now: time.Now().UTC().Add(-d.age), accounts: accounts, d: d}
	sd.svc = workflow.NewService(a.db, a.svc.Config(), sd.clock)
	if err := sd.draft(ctx); err != nil || d.state == workflow.StateDraft {
		return err
	}
	if err := sd.consult(ctx); err != nil {
		return err
	}
	if err := sd.review(ctx); err != nil || d.state == workflow.StateExpertReview {
		return err
	}
	staff := accounts["staff"]
	days := a.svc.Config().NoticeMinDays[sd.st.Level]
	if err := sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: &days,
		Conclusion: "审查组一致同意该标准通过技术审查，按专家意见修改后报批。",
		Minutes:    demoMinutes}); err != nil {
		return err
	}
	if d.state == workflow.StatePublicNotice {
		return nil
	}
	sd.step(time.Duration(days+1) * day)
	issued := sd.now.Format(time.DateOnly)
	return sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionIssue,
		Number: d.number + "—" + issued[:4], IssueDate: issued, ImplDate: sd.now.AddDate(0, 3, 0).Format(time.DateOnly),
		Note: "批准发布"})
}

// draft creates the standard, saves its revisions and assigns its experts.
func (sd *seeder) draft(ctx context.Context) error {
	texts, err := demoTexts(sd.d.key)
	if err != nil {
		return err
	}
	owner := sd.accounts[sd.d.owner]
	if err := sd.propose(ctx, texts[0]); err != nil {
		return err
	}
	for i, body := range texts {
		sd.step(2 * day)
		msg := "初稿"
		if i > 0 {
			msg = fmt.Sprintf("第 %d 稿", i+1)
			if i-1 < len(sd.d.messages) {
				msg = sd.d.messages[i-1]
			}
		}
		if _, err := sd.svc.SaveRevision(ctx, owner, sd.st.ID, workflow.NewRevision{Body: body, Base: i + 1, Message: msg}); err != nil {
			return err
		}
	}
	for _, e := range sd.d.experts {
		if _, err := sd.svc.AssignExpert(ctx, sd.accounts["staff"], sd.st.ID, e); err != nil {
			return err
		}
	}
	return nil
}

// review submits the text and gives the experts' verdicts.
func (sd *seeder) review(ctx context.Context) error {
	sd.step(day)
	if err := sd.move(ctx, sd.accounts[sd.d.owner], workflow.TransitionInput{Action: workflow.ActionSubmit,
		ReviewMode: workflow.ReviewMeeting, Note: "征求意见已处理完毕，提交送审稿"}); err != nil {
		return err
	}
	for i, v := range sd.d.verdicts {
		sd.step(3 * day)
		if _, err := sd.svc.GiveVerdict(ctx, sd.accounts[sd.d.experts[i]], sd.st.ID, v); err != nil {
			return err
		}
	}
	sd.step(day)
	return nil
}

func (sd *seeder) move(ctx context.Context, actor *workflow.User, in workflow.TransitionInput) error {
	_, err := sd.svc.Transition(ctx, actor, sd.st.ID, in)
	return err
}

// demoTexts returns the revisions of a demo text in order.
func demoTexts(key string) ([]string, error) {
	names, err := fs.Glob(demoFiles, "demo/"+key+".r*.md")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no demo text %s", key)
	}
	sort.Slice(names, func(i, j int) bool { return revisionOf(names[i]) < revisionOf(names[j]) })
	out := make([]string, len(names))
	for i, n := range names {
		b, err := demoFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}

func revisionOf(name string) int {
	var n int
	i := strings.LastIndex(name, ".r")
	fmt.Sscanf(name[i+2:], "%d", &n)
	return n
}

// demoPassword returns NORMA_DEMO_PASSWORD when set, else a fresh random one.
func demoPassword() string {
	if p := os.Getenv("NORMA_DEMO_PASSWORD"); p != "" {
		return p
	}
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 14)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
