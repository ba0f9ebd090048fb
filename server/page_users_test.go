package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"norma/internal/htmlcheck"
)

// signIn signs a browser client in through the login form.
func (e *env) signIn(b *http.Client, name, password string) {
	e.t.Helper()
	csrf := e.pageCSRF(b, "/login")
	r := e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {name}, "password": {password}, "next": {"/"}})
	wantStatus(e.t, r, http.StatusSeeOther)
}

// submit posts a form of the page at path, as a browser without script
// does: the page's CSRF token and the fields.
func (e *env) submit(b *http.Client, page, action string, fields url.Values) *response {
	e.t.Helper()
	fields.Set("_csrf", e.pageCSRF(b, page))
	return e.postForm(b, action, fields)
}

// fieldError is the message shown beside the field with the id.
func fieldError(tb testing.TB, body []byte, id string) string {
	tb.Helper()
	return strings.Join(selectTexts(tb, string(body), "[id="+id+"-error]"), " | ")
}

func inputValue(tb testing.TB, body []byte, id string) (string, bool) {
	tb.Helper()
	n := htmlcheck.First(parseHTML(tb, string(body)), "input[id="+id+"]")
	if n == nil {
		return "", false
	}
	return htmlcheck.Attr(n, "value"), true
}

// Who reaches the accounts page and the account page: admins manage,
// staff see the list, others are refused as on every staff page, the
// public is sent to sign in; everyone signed in has an account page.
func TestAccountPagesAccess(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		actor            string
		users, account   int
		forms, adminLink bool
	}{
		{"", http.StatusSeeOther, http.StatusSeeOther, false, false},
		{"drafter", http.StatusForbidden, http.StatusOK, false, false},
		{"expert1", http.StatusForbidden, http.StatusOK, false, false},
		{"staff", http.StatusOK, http.StatusOK, false, false},
		{"admin", http.StatusOK, http.StatusOK, true, true},
	} {
		b := e.browser()
		if tc.actor != "" {
			e.signIn(b, tc.actor, testPassword)
		}
		r := e.send(b, "GET", "/admin/users", "", nil)
		if r.StatusCode != tc.users {
			t.Errorf("/admin/users as %q: %d, want %d", tc.actor, r.StatusCode, tc.users)
		}
		if tc.actor == "" && r.Header.Get("Location") != "/login?next=/admin/users" {
			t.Errorf("/admin/users anonymously leads to %q", r.Header.Get("Location"))
		}
		if r.StatusCode == http.StatusOK {
			forms := selectTexts(t, string(r.body), `form[action="/admin/users"]`)
			if (len(forms) > 0) != tc.forms {
				t.Errorf("/admin/users as %q offers the add form: %v, want %v", tc.actor, len(forms) > 0, tc.forms)
			}
			if rows := selectTexts(t, string(r.body), "table.users tbody tr"); len(rows) != 6 {
				t.Errorf("/admin/users as %q lists %d accounts, want 6", tc.actor, len(rows))
			}
		}
		a := e.send(b, "GET", "/account", "", nil)
		if a.StatusCode != tc.account {
			t.Errorf("/account as %q: %d, want %d", tc.actor, a.StatusCode, tc.account)
		}
		if tc.actor == "" {
			continue
		}
		header := string(a.body)
		if got := len(selectTexts(t, header, `header a[href="/account"]`)); got != 1 {
			t.Errorf("the header as %q has %d links to the account page", tc.actor, got)
		}
		if got := len(selectTexts(t, header, `header a[href="/admin/users"]`)) == 1; got != tc.adminLink {
			t.Errorf("the header as %q links 用户管理: %v, want %v", tc.actor, got, tc.adminLink)
		}
		// Posting to the admin forms is refused to all but admins.
		if tc.actor != "admin" {
			r := e.submit(b, "/account", "/admin/users", url.Values{"username": {"x1"}, "role": {"drafter"}, "password": {"密码-足够长-1"}})
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("adding an account as %q: %d, want 403", tc.actor, r.StatusCode)
			}
			r = e.submit(b, "/account", "/admin/users/drafter2/disabled", url.Values{"disabled": {"true"}})
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("disabling an account as %q: %d, want 403", tc.actor, r.StatusCode)
			}
		}
	}
}

func TestUsersPageForms(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	e.signIn(b, "admin", testPassword)

	// A refused account comes back with the input kept, the password not,
	// and the reason in Chinese beside the field.
	r := e.submit(b, "/admin/users", "/admin/users", url.Values{"username": {"zhang.san"}, "name": {"张三"}, "role": {"expert"},
		"organization": {"山东省标准化研究院"}, "password": {"iloveyou"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if got := fieldError(t, r.body, "add-password"); got != "该密码属于最常见的密码，请另选一个" {
		t.Errorf("beside the password: %q", got)
	}
	for id, want := range map[string]string{"add-username": "zhang.san", "add-name": "张三", "add-organization": "山东省标准化研究院", "add-password": ""} {
		if got, ok := inputValue(t, r.body, id); !ok || got != want {
			t.Errorf("%s keeps %q (%v), want %q", id, got, ok, want)
		}
	}
	if sel := selectTexts(t, string(r.body), `select[id=add-role] option[selected]`); len(sel) != 1 || sel[0] != "审查专家" {
		t.Errorf("the role kept is %v", sel)
	}
	if strings.Contains(string(r.body), "iloveyou") {
		t.Error("the refused password is sent back in the page")
	}

	r = e.submit(b, "/admin/users", "/admin/users", url.Values{"username": {"zhang.san"}, "name": {"张三"}, "role": {"expert"},
		"organization": {"山东省标准化研究院"}, "password": {"专家-张三-2026"}})
	wantStatus(t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != "/admin/users?done=created&user=zhang.san#user-zhang.san" {
		t.Errorf("after adding: %s", loc)
	}
	r = e.send(b, "GET", "/admin/users?done=created&user=zhang.san", "", nil)
	if got := selectTexts(t, string(r.body), "p.ok"); len(got) != 1 || got[0] != "已添加用户 zhang.san。" {
		t.Errorf("after adding the page says %v", got)
	}
	if row := selectTexts(t, string(r.body), "tr[id=user-zhang.san] td"); len(row) < 7 || row[1] != "张三" ||
		row[2] != "审查专家" || row[3] != "山东省标准化研究院" || row[5] != "正常" || row[6] != "从未登录" {
		t.Errorf("the new account's row: %q", row)
	}

	// The expert signs in; disabling ends that session at once.
	zb := e.browser()
	e.signIn(zb, "zhang.san", "专家-张三-2026")
	wantStatus(t, e.send(zb, "GET", "/account", "", nil), http.StatusOK)
	r = e.submit(b, "/admin/users", "/admin/users/zhang.san/disabled", url.Values{"disabled": {"true"}})
	wantStatus(t, r, http.StatusSeeOther)
	if got := e.send(zb, "GET", "/account", "", nil); got.StatusCode != http.StatusSeeOther || got.Header.Get("Location") != "/login?next=/account" {
		t.Errorf("a disabled account's browser: %d → %s", got.StatusCode, got.Header.Get("Location"))
	}
	r = e.send(b, "GET", "/admin/users", "", nil)
	if row := selectTexts(t, string(r.body), "tr[id=user-zhang.san] td"); len(row) < 6 || !strings.HasPrefix(row[5], "已停用（") {
		t.Errorf("the disabled account's row: %q", row)
	}
	csrf := e.pageCSRF(zb, "/login")
	r = e.postForm(zb, "/login", url.Values{"_csrf": {csrf}, "username": {"zhang.san"}, "password": {"专家-张三-2026"}})
	if got := selectTexts(t, string(r.body), "p.error"); r.StatusCode != http.StatusUnauthorized || len(got) != 1 || got[0] != "该账户已停用，请联系管理员" {
		t.Errorf("signing in disabled: %d %v", r.StatusCode, got)
	}
	wantStatus(t, e.submit(b, "/admin/users", "/admin/users/zhang.san/disabled", url.Values{"disabled": {"false"}}), http.StatusSeeOther)
	e.signIn(zb, "zhang.san", "专家-张三-2026")

	// The admin's own account: refused beside the row's button, in Chinese.
	r = e.submit(b, "/admin/users", "/admin/users/admin/disabled", url.Values{"disabled": {"true"}})
	wantStatus(t, r, http.StatusConflict)
	if got := selectTexts(t, string(r.body), "tr[id=user-admin] .field-error"); len(got) != 1 || got[0] != "管理员不能停用自己的账户" {
		t.Errorf("disabling oneself: %v", got)
	}
	r = e.submit(b, "/admin/users", "/admin/users/admin", url.Values{"name": {"管理员"}, "role": {"staff"}, "organization": {""}})
	wantStatus(t, r, http.StatusConflict)
	if got := selectTexts(t, string(r.body), "tr[id=user-admin] details[open] p.error"); len(got) != 1 || got[0] != "管理员不能取消自己的管理员角色" {
		t.Errorf("demoting oneself: %v", got)
	}

	// Editing keeps what was typed on refusal and saves it otherwise.
	r = e.submit(b, "/admin/users", "/admin/users/zhang.san", url.Values{"name": {"张三"}, "role": {"expert"}, "organization": {"青岛\u202e市"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if got := fieldError(t, r.body, "edit-zhang.san-organization"); got == "" {
		t.Error("a refused organisation shows no message beside its field")
	}
	r = e.submit(b, "/admin/users", "/admin/users/zhang.san", url.Values{"name": {"张三"}, "role": {"expert"}, "organization": {"青岛市标准化研究院"}})
	wantStatus(t, r, http.StatusSeeOther)
	u, err := e.svc.User(t.Context(), e.users["admin"], "zhang.san")
	if err != nil || u.Organization != "青岛市标准化研究院" {
		t.Errorf("after editing: %+v, %v", u, err)
	}

	// Reset: a refused password is shown beside the row's field, the
	// change form opened; a good one ends the expert's session.
	r = e.submit(b, "/admin/users", "/admin/users/zhang.san/password", url.Values{"password": {"short"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if got := fieldError(t, r.body, "password-zhang.san-password"); got != "密码至少 8 个字符" {
		t.Errorf("beside the reset password: %q", got)
	}
	wantStatus(t, e.submit(b, "/admin/users", "/admin/users/zhang.san/password", url.Values{"password": {"重置-张三-2027"}}), http.StatusSeeOther)
	if got := e.send(zb, "GET", "/account", "", nil); got.StatusCode != http.StatusSeeOther {
		t.Errorf("after a reset the expert's browser is still signed in: %d", got.StatusCode)
	}
	e.signIn(zb, "zhang.san", "重置-张三-2027")
}

func TestAccountPageForms(t *testing.T) {
	e := newEnv(t)
	b, other := e.browser(), e.browser()
	e.signIn(b, "drafter", testPassword)
	e.signIn(other, "drafter", testPassword)

	r := e.send(b, "GET", "/account", "", nil)
	wantStatus(t, r, http.StatusOK)
	if dd := selectTexts(t, string(r.body), "dl.account dd"); len(dd) < 4 || dd[0] != "drafter" || dd[2] != "起草人" {
		t.Errorf("the account page shows %q", dd)
	}
	if h := selectTexts(t, string(r.body), "h1"); len(h) != 1 || h[0] != "账户" {
		t.Errorf("headings %v", h)
	}

	for _, tc := range []struct {
		fields  url.Values
		id, msg string
	}{
		{url.Values{"current_password": {"wrong-password"}, "new_password": {"起草-新密码-1"}, "new_password_confirm": {"起草-新密码-1"}},
			"current_password", "当前密码不正确"},
		{url.Values{"current_password": {testPassword}, "new_password": {"起草-新密码-1"}, "new_password_confirm": {"起草-新密码-2"}},
			"new_password_confirm", "两次输入的新密码不一致"},
		{url.Values{"current_password": {testPassword}, "new_password": {"drafter"}, "new_password_confirm": {"drafter"}},
			"new_password", "密码至少 8 个字符"},
		{url.Values{"current_password": {testPassword}, "new_password": {"aaaaaaaaaaa"}, "new_password_confirm": {"aaaaaaaaaaa"}},
			"new_password", "密码不能是同一字符重复"},
	} {
		r := e.submit(b, "/account", "/account/password", tc.fields)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if got := fieldError(t, r.body, tc.id); got != tc.msg {
			t.Errorf("beside %s: %q, want %q", tc.id, got, tc.msg)
		}
		for k, v := range tc.fields {
			if k != "_csrf" && strings.Contains(string(r.body), `value="`+v[0]+`"`) {
				t.Errorf("a password is sent back in the page: %q", v[0])
			}
		}
	}
	r = e.submit(b, "/account", "/account/password", url.Values{"current_password": {testPassword},
		"new_password": {"起草-新密码-1"}, "new_password_confirm": {"起草-新密码-1"}})
	wantStatus(t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != "/account?done=password" {
		t.Errorf("after the change: %s", loc)
	}
	r = e.send(b, "GET", "/account?done=password", "", nil)
	wantStatus(t, r, http.StatusOK)
	if got := selectTexts(t, string(r.body), "p.ok"); len(got) != 1 {
		t.Errorf("no confirmation after the change: %v", got)
	}
	if got := e.send(other, "GET", "/account", "", nil); got.StatusCode != http.StatusSeeOther {
		t.Errorf("the other browser is still signed in after the change: %d", got.StatusCode)
	}

	// Sign out everywhere: this browser too, then the login page says so.
	e.signIn(other, "drafter", "起草-新密码-1")
	r = e.submit(b, "/account", "/account/sessions/end", url.Values{})
	wantStatus(t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != "/login?ended=all" {
		t.Errorf("after signing out everywhere: %s", loc)
	}
	for name, c := range map[string]*http.Client{"this": b, "the other": other} {
		if got := e.send(c, "GET", "/account", "", nil); got.StatusCode != http.StatusSeeOther {
			t.Errorf("%s browser is still signed in: %d", name, got.StatusCode)
		}
	}
	r = e.send(b, "GET", "/login?ended=all", "", nil)
	if got := selectTexts(t, string(r.body), "p.ok"); len(got) != 1 || got[0] != "已在所有设备上退出登录。" {
		t.Errorf("the login page after signing out everywhere: %v", got)
	}
}
