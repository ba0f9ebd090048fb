package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// An admin adds an expert from the header's 用户管理 in the browser, is
// refused a common password beside the field with the rest kept, then
// disables the account; the expert changes their password on 账户.
func TestAccountsInBrowser(t *testing.T) {
	ctx := browseFor(t, 2*time.Minute)
	e := newEnv(t)
	b := &lifeBrowser{t: t, ctx: ctx, e: e, shots: shotsDir(t)}
	b.loginAs("admin")
	b.submit(`header a[href="/admin/users"]`)
	if h := b.text("main h1"); h != "用户管理" {
		t.Fatalf("the accounts page's heading is %q", h)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#add-username`), "zhao.liu"),
		chromedp.SendKeys(chromedp.CSS(`#add-name`), "赵六"),
		chromedp.SetValue(chromedp.CSS(`#add-role`), "expert"),
		chromedp.SendKeys(chromedp.CSS(`#add-organization`), "山东省标准化研究院"),
		chromedp.SendKeys(chromedp.CSS(`#add-password`), "12345678"))
	b.submit(`#add button[type=submit]`)
	b.shot("users-refused")
	if msg := b.text(`#add-password-error`); msg != "该密码属于最常见的密码，请另选一个" {
		t.Errorf("beside the password: %q", msg)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#add-organization`))); v != "山东省标准化研究院" {
		t.Errorf("the organisation typed is now %q", v)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#add-role`))); v != "expert" {
		t.Errorf("the role chosen is now %q", v)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#add-password`), "专家-赵六-2026"))
	b.submit(`#add button[type=submit]`)
	b.shot("users-added")
	if row := b.text(`[id="user-zhao.liu"]`); !strings.Contains(row, "赵六") || !strings.Contains(row, "山东省标准化研究院") || !strings.Contains(row, "审查专家") {
		t.Errorf("the new row reads %q", row)
	}

	// The expert changes their password from the header's 账户.
	b.submit(`form[action="/logout"] button`)
	b.open("/login")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "zhao.liu"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "专家-赵六-2026"))
	b.submit(`form.stack button`)
	b.submit(`header a[href="/account"]`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#current_password`), "专家-赵六-2026"),
		chromedp.SendKeys(chromedp.CSS(`#new_password`), "专家-赵六-2027"),
		chromedp.SendKeys(chromedp.CSS(`#new_password_confirm`), "专家-赵六-2028"))
	b.submit(`form[action="/account/password"] button`)
	b.shot("account-refused")
	if msg := b.text(`#new_password_confirm-error`); msg != "两次输入的新密码不一致" {
		t.Errorf("beside the confirmation: %q", msg)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#current_password`), "专家-赵六-2026"),
		chromedp.SendKeys(chromedp.CSS(`#new_password`), "专家-赵六-2027"),
		chromedp.SendKeys(chromedp.CSS(`#new_password_confirm`), "专家-赵六-2027"))
	b.submit(`form[action="/account/password"] button`)
	if msg := b.text(`p.ok`); !strings.Contains(msg, "密码已修改") {
		t.Errorf("after the change: %q", msg)
	}
	b.submit(`form[action="/account/sessions/end"] button`)
	b.shot("signed-out-everywhere")
	if msg := b.text(`p.ok`); msg != "已在所有设备上退出登录。" {
		t.Errorf("after signing out everywhere: %q", msg)
	}
}
