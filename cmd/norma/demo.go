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

	"norma/workflow"
)

//go:embed demo/*.md
var demoFiles embed.FS

// demoAccounts are created by serve --demo, in this order.
var demoAccounts = []workflow.NewUser{
	{Username: "admin", Name: "系统管理员", Role: workflow.RoleAdmin},
	{Username: "staff", Name: "标准化管理员", Role: workflow.RoleStaff},
	{Username: "drafter", Name: "起草人", Role: workflow.RoleDrafter},
	{Username: "expert1", Name: "审查专家一", Role: workflow.RoleExpert},
	{Username: "expert2", Name: "审查专家二", Role: workflow.RoleExpert},
}

// demoStandard is one demo text: demo/<key>.rN.md are its revisions, and
// messages says why each revision after the first was saved.
type demoStandard struct {
	key      string
	owner    string
	messages []string
}

var demoStandards = []demoStandard{
	{key: "jiguan-shuyu", owner: "drafter"},
	{key: "wuye-pingjia", owner: "drafter", messages: []string{
		"根据起草组讨论，完善评价指标表述并增加满意度调查条款",
		"采纳专家意见，增加评价数据采集要求，后续条款顺延",
		"修改附录 A 评价指标分值",
	}},
	{key: "huiyi-fuwu", owner: "drafter"},
	{key: "gongwu-yongche", owner: "drafter"},
	{key: "nengyuan-dinge", owner: "staff"},
	{key: "bangong-yongfang", owner: "drafter"},
	{key: "shitang-fuwu", owner: "staff"},
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
		if err := seedStandard(ctx, a, d, accounts[d.owner]); err != nil {
			return fmt.Errorf("demo standard %s: %w", d.key, err)
		}
	}
	a.log.Info("demo: accounts and standards created", "standards", len(demoStandards))
	return nil
}

func seedStandard(ctx context.Context, a *app, d demoStandard, owner *workflow.User) error {
	texts, err := demoTexts(d.key)
	if err != nil {
		return err
	}
	st, err := a.svc.CreateStandard(ctx, owner, workflow.NewStandard{Body: texts[0], Message: "初稿"})
	if err != nil {
		return err
	}
	for i, body := range texts[1:] {
		msg := fmt.Sprintf("第 %d 稿", i+2)
		if i < len(d.messages) {
			msg = d.messages[i]
		}
		if _, err := a.svc.SaveRevision(ctx, owner, st.ID, workflow.NewRevision{Body: body, Base: i + 1, Message: msg}); err != nil {
			return err
		}
	}
	return nil
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
