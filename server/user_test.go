package server_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"norma/workflow"
)

type accountJSON struct {
	ID           int64
	Username     string
	Name         string
	Role         string
	Organization string
	Disabled     bool
	DisabledAt   *string `json:"disabled_at"`
	LastLoginAt  *string `json:"last_login_at"`
}

// wantAPIError checks an API error's status, code, field and message key.
func wantAPIError(tb testing.TB, r *response, status int, field, key string) {
	tb.Helper()
	wantStatus(tb, r, status)
	var out struct {
		Error struct{ Code, Field, Key, Message string }
	}
	r.JSON(tb, &out)
	if out.Error.Field != field || out.Error.Key != key || out.Error.Message == "" {
		tb.Errorf("%s %s: error %+v, want field %q key %q", r.Request.Method, r.Request.URL.Path, out.Error, field, key)
	}
}

func TestUsersAPI(t *testing.T) {
	e := newEnv(t)
	admin, staff, drafter := e.login("admin"), e.login("staff"), e.login("drafter")

	// The list: staff and admins, with the state and last sign-in; nobody else.
	r := e.request("GET", "/api/v1/users", staff, nil)
	wantStatus(t, r, http.StatusOK)
	var list []accountJSON
	r.JSON(t, &list)
	if len(list) != 6 || list[0].Username != "admin" || list[0].LastLoginAt == nil || list[0].Disabled {
		t.Fatalf("GET /users = %+v", list)
	}
	wantStatus(t, e.request("GET", "/api/v1/users", drafter, nil), http.StatusForbidden)
	wantStatus(t, e.request("GET", "/api/v1/users", "", nil), http.StatusUnauthorized)

	// Adding: admins only, the fields checked and named.
	add := map[string]any{"username": "li.si", "name": "李四", "role": "expert", "organization": "山东省标准化研究院",
		"password": "专家-李四-2026"}
	wantAPIError(t, e.request("POST", "/api/v1/users", "", add), http.StatusUnauthorized, "", "err.session.none")
	wantAPIError(t, e.request("POST", "/api/v1/users", staff, add), http.StatusForbidden, "", "err.user.create_forbidden")
	bad := map[string]any{"username": "li.si", "role": "expert", "password": "12345678"}
	wantAPIError(t, e.request("POST", "/api/v1/users", admin, bad), http.StatusUnprocessableEntity, "password", "err.user.password_common")
	bad = map[string]any{"username": "li.si", "role": "guest", "password": "专家-李四-2026"}
	wantAPIError(t, e.request("POST", "/api/v1/users", admin, bad), http.StatusUnprocessableEntity, "role", "err.user.role_unknown")
	r = e.request("POST", "/api/v1/users", admin, add)
	wantStatus(t, r, http.StatusCreated)
	var created accountJSON
	r.JSON(t, &created)
	if created.Username != "li.si" || created.Organization != "山东省标准化研究院" || created.Role != "expert" || created.LastLoginAt != nil {
		t.Errorf("created %+v", created)
	}
	wantAPIError(t, e.request("POST", "/api/v1/users", admin, add), http.StatusConflict, "username", "err.user.taken")
	li := e.loginAs("li.si", "专家-李四-2026")

	// Changing: only what is sent; unknown fields are refused.
	r = e.request("PATCH", "/api/v1/users/li.si", admin, map[string]any{"organization": "青岛市标准化研究院"})
	wantStatus(t, r, http.StatusOK)
	var changed accountJSON
	r.JSON(t, &changed)
	if changed.Name != "李四" || changed.Organization != "青岛市标准化研究院" || changed.Role != "expert" {
		t.Errorf("after PATCH: %+v", changed)
	}
	wantAPIError(t, e.request("PATCH", "/api/v1/users/li.si", admin, map[string]any{"email": "x"}), http.StatusUnprocessableEntity, "email", "")
	wantAPIError(t, e.request("PATCH", "/api/v1/users/li.si", staff, map[string]any{"name": "x"}), http.StatusForbidden, "", "err.user.manage_forbidden")
	wantAPIError(t, e.request("PATCH", "/api/v1/users/nobody", admin, map[string]any{"name": "x"}), http.StatusNotFound, "", "err.user.unknown")

	// Disabling ends the account's sessions at once and keeps it out.
	wantStatus(t, e.request("GET", "/api/v1/session", li, nil), http.StatusOK)
	r = e.request("PATCH", "/api/v1/users/li.si", admin, map[string]any{"disabled": true})
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &changed)
	if !changed.Disabled || changed.DisabledAt == nil {
		t.Errorf("after disabling: %+v", changed)
	}
	wantStatus(t, e.request("GET", "/api/v1/session", li, nil), http.StatusUnauthorized)
	r = e.request("POST", "/api/v1/session", "", map[string]string{"username": "li.si", "password": "专家-李四-2026"})
	wantAPIError(t, r, http.StatusUnauthorized, "", "err.session.disabled")
	wantStatus(t, e.request("PATCH", "/api/v1/users/li.si", admin, map[string]any{"disabled": false}), http.StatusOK)
	e.loginAs("li.si", "专家-李四-2026")

	// The admin's own account and the last admin.
	wantAPIError(t, e.request("PATCH", "/api/v1/users/admin", admin, map[string]any{"disabled": true}), http.StatusConflict, "", "err.user.self_disable")
	wantAPIError(t, e.request("PATCH", "/api/v1/users/admin", admin, map[string]any{"role": "staff"}), http.StatusConflict, "", "err.user.self_demote")

	// Reset: the old password and every session end.
	li = e.loginAs("li.si", "专家-李四-2026")
	wantAPIError(t, e.request("PUT", "/api/v1/users/li.si/password", admin, map[string]any{"password": "li.si"}),
		http.StatusUnprocessableEntity, "password", "err.user.password_short")
	wantStatus(t, e.request("GET", "/api/v1/session", li, nil), http.StatusOK)
	wantStatus(t, e.request("PUT", "/api/v1/users/li.si/password", staff, map[string]any{"password": "新的-专家密码-1"}), http.StatusForbidden)
	wantStatus(t, e.request("PUT", "/api/v1/users/li.si/password", admin, map[string]any{"password": "新的-专家密码-1"}), http.StatusNoContent)
	wantStatus(t, e.request("GET", "/api/v1/session", li, nil), http.StatusUnauthorized)
	e.loginAs("li.si", "新的-专家密码-1")
}

func TestLastAdminOverHTTP(t *testing.T) {
	e := newEnv(t)
	// A second admin disables the first, then may not disable themselves,
	// nor be disabled by anyone while the last one.
	if _, err := e.svc.CreateUser(t.Context(), nil, workflow.NewUser{Username: "admin2", Role: workflow.RoleAdmin, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	a2 := e.login("admin2")
	wantStatus(t, e.request("PATCH", "/api/v1/users/admin", a2, map[string]any{"disabled": true}), http.StatusOK)
	_, err := e.svc.UpdateUser(t.Context(), workflow.Console, "admin2", workflow.UserPatch{Disabled: ptr(true)})
	if workflow.ErrorCode(err) != workflow.ECONFLICT {
		t.Errorf("disabling the last admin: %v", err)
	}
}

func TestAccountAPI(t *testing.T) {
	e := newEnv(t)
	here, there := e.login("drafter"), e.login("drafter")
	path := "/api/v1/account/password"
	wantStatus(t, e.request("PUT", path, "", map[string]any{"current_password": testPassword, "new_password": "起草人-新密码-9"}), http.StatusUnauthorized)
	for _, tc := range []struct {
		body       map[string]any
		field, key string
	}{
		{map[string]any{"current_password": "wrong-one", "new_password": "起草人-新密码-9"}, "current_password", "err.account.current_wrong"},
		{map[string]any{"current_password": testPassword, "new_password": "drafter"}, "new_password", "err.user.password_short"},
		{map[string]any{"current_password": testPassword, "new_password": "11111111"}, "new_password", "err.user.password_repeated"},
		{map[string]any{"current_password": testPassword, "new_password": "password"}, "new_password", "err.user.password_common"},
		{map[string]any{"current_password": testPassword, "new_password": "DRAFTER1"}, "new_password", ""},
	} {
		r := e.request("PUT", path, here, tc.body)
		if tc.key == "" { // the name with a digit added is allowed
			wantStatus(t, r, http.StatusNoContent)
			continue
		}
		wantAPIError(t, r, http.StatusUnprocessableEntity, tc.field, tc.key)
	}
	// The change went through: the other session ended, this one stays.
	wantStatus(t, e.request("GET", "/api/v1/session", there, nil), http.StatusUnauthorized)
	wantStatus(t, e.request("GET", "/api/v1/session", here, nil), http.StatusOK)
	wantStatus(t, e.request("PUT", path, here, map[string]any{"current_password": "DRAFTER1", "new_password": "起草人-新密码-9"}), http.StatusNoContent)
	wantStatus(t, e.request("GET", "/api/v1/session", here, nil), http.StatusOK)

	// Signing out everywhere ends this session too.
	other := e.loginAs("drafter", "起草人-新密码-9")
	staff := e.login("staff")
	wantStatus(t, e.request("DELETE", "/api/v1/sessions", here, nil), http.StatusNoContent)
	for _, tok := range []string{here, other} {
		wantStatus(t, e.request("GET", "/api/v1/session", tok, nil), http.StatusUnauthorized)
	}
	wantStatus(t, e.request("GET", "/api/v1/session", staff, nil), http.StatusOK)
	wantStatus(t, e.request("DELETE", "/api/v1/sessions", "", nil), http.StatusUnauthorized)
}

// loginAs returns a bearer token for the account with its password.
func (e *env) loginAs(name, password string) string {
	e.t.Helper()
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": name, "password": password})
	wantStatus(e.t, r, http.StatusOK)
	var out struct{ Token string }
	r.JSON(e.t, &out)
	return out.Token
}

func ptr[T any](v T) *T { return &v }

// An organisation an admin sets shows as 提出单位 in the disposition table:
// on its page and in every download.
func TestOrganizationInDispositionTable(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	admin, expert, drafter := e.login("admin"), e.login("expert1"), e.login("drafter")
	wantStatus(t, e.request("PATCH", "/api/v1/users/expert1", admin, map[string]any{"name": "王工", "organization": "市建筑设计研究院"}), http.StatusOK)
	e.comment(expert, id, map[string]any{"body": "全文术语应统一。"})
	const want = "市建筑设计研究院 王工"
	page := e.request("GET", "/standards/"+id+"/dispositions", drafter, nil)
	wantStatus(t, page, http.StatusOK)
	if cells := selectTexts(t, string(page.body), "table.dispositions tbody td"); len(cells) < 4 || cells[3] != want {
		t.Errorf("the page's row: %q", cells)
	}
	path := "/api/v1/standards/" + id + "/dispositions?format="
	if csv := e.request("GET", path+"csv", drafter, nil); !strings.Contains(string(csv.body), ","+want+",") {
		t.Errorf("CSV: %s", csv.body)
	}
	x := e.request("GET", path+"xlsx", drafter, nil)
	f, err := excelize.OpenReader(bytes.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue(f.GetSheetName(0), "D5"); got != want {
		t.Errorf("XLSX 提出单位 = %q", got)
	}
	if doc := docxPart(t, e.request("GET", path+"docx", drafter, nil).body, "word/document.xml"); !strings.Contains(doc, want) {
		t.Error("the Word table lacks the organisation")
	}
}
