package workflow

import (
	"context"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Console is the actor of the command line: whoever runs norma on the
// server's machine holds its data and manages accounts as an admin. It is
// no account (its id is 0), so no rule about one's own account applies.
var Console = &User{Username: "console", Name: "console", Role: RoleAdmin}

// UserUpdate is what the store writes of an account: every field of User
// that may change (name, role, organisation, password hash, disabled time).
// With EndSessions the account's sessions end in the same transaction, all
// but the one whose token hash is Keep.
type UserUpdate struct {
	User        *User
	EndSessions bool
	Keep        []byte
}

// LastAdminError is the conflict of a change that would leave no active
// admin; the store refuses it in the transaction that would make it.
func LastAdminError(username string) *Error {
	return KeyedError(ECONFLICT, "err.user.last_admin", Args{"username": username},
		"%s is the last active admin; make another account admin first", username)
}

// UserPatch is an admin's change to an account: the fields that are set.
type UserPatch struct {
	Name         *string `json:"name"`
	Role         *Role   `json:"role"`
	Organization *string `json:"organization"`
	Disabled     *bool   `json:"disabled"`
}

// mayManage refuses anyone but an admin (or the command line).
func mayManage(actor *User) error {
	if actor == nil || actor.Role != RoleAdmin {
		return Errorf(EFORBIDDEN, "only an admin may manage accounts").WithKey("err.user.manage_forbidden", nil)
	}
	return nil
}

// User returns the account with the user name; staff and admins only.
func (s *Service) User(ctx context.Context, actor *User, username string) (*User, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff may list accounts").WithKey("err.user.list_forbidden", nil)
	}
	return s.findAccount(ctx, username)
}

func (s *Service) findAccount(ctx context.Context, username string) (*User, error) {
	u, err := s.store.FindUserByName(ctx, strings.TrimSpace(username))
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "no account %q", username).WithKey("err.user.unknown", Args{"username": username})
	}
	return u, err
}

// UpdateUser changes an account's name, role, organisation or whether it is
// disabled (admins only). Disabling ends the account's sessions at once; an
// admin may neither disable nor demote their own account, and the last
// active admin stays one (409 naming why).
func (s *Service) UpdateUser(ctx context.Context, actor *User, username string, p UserPatch) (*User, error) {
	if err := mayManage(actor); err != nil {
		return nil, err
	}
	u, err := s.findAccount(ctx, username)
	if err != nil {
		return nil, err
	}
	up := UserUpdate{User: u}
	if err := applyPatch(u, p); err != nil {
		return nil, err
	}
	if p.Disabled != nil {
		switch {
		case *p.Disabled && actor.Is(u.ID):
			return nil, KeyedError(ECONFLICT, "err.user.self_disable", nil, "an admin cannot disable their own account")
		case *p.Disabled && u.DisabledAt == nil:
			now := s.now()
			u.DisabledAt, up.EndSessions = &now, true
		case !*p.Disabled:
			u.DisabledAt = nil
		}
	}
	if actor.Is(u.ID) && u.Role != RoleAdmin {
		return nil, KeyedError(ECONFLICT, "err.user.self_demote", nil, "an admin cannot take the admin role from their own account")
	}
	if err := s.store.UpdateUser(ctx, up); err != nil {
		return nil, err
	}
	return u, nil
}

// applyPatch checks and applies the set fields of p to u.
func applyPatch(u *User, p UserPatch) error {
	if p.Name != nil {
		name := strings.TrimSpace(*p.Name)
		if err := checkLine("name", name, 100, false); err != nil {
			return err
		}
		u.Name = name
		if u.Name == "" {
			u.Name = u.Username
		}
	}
	if p.Role != nil {
		if !p.Role.Valid() {
			return FieldError("role", "unknown role %q: one of admin, staff, drafter, expert", *p.Role).WithKey("err.user.role_unknown", Args{"role": *p.Role})
		}
		u.Role = *p.Role
	}
	if p.Organization != nil {
		org := strings.TrimSpace(*p.Organization)
		if err := checkLine("organization", org, 200, false); err != nil {
			return err
		}
		u.Organization = org
	}
	return nil
}

// ResetPassword sets a new password on an account (admins only) and ends
// all of the account's sessions.
func (s *Service) ResetPassword(ctx context.Context, actor *User, username, password string) error {
	if err := mayManage(actor); err != nil {
		return err
	}
	u, err := s.findAccount(ctx, username)
	if err != nil {
		return err
	}
	if err := ValidPassword("password", password, u.Username, u.Name); err != nil {
		return err
	}
	if u.PasswordHash, err = bcrypt.GenerateFromPassword([]byte(password), s.cfg.PasswordCost); err != nil {
		return err
	}
	return s.store.UpdateUser(ctx, UserUpdate{User: u, EndSessions: true})
}

// PasswordChange is an account holder's change of their own password.
type PasswordChange struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

// ChangePassword sets the signed-in account's own password, given the
// current one. Every other session of the account ends; the one of token
// (the session making the change) stays. Wrong current passwords count as
// failed logins of the name.
func (s *Service) ChangePassword(ctx context.Context, actor *User, token string, in PasswordChange) error {
	if actor == nil || actor.ID == 0 {
		return Errorf(EUNAUTHORIZED, "log in to change your password").WithKey("err.session.none", nil)
	}
	u, err := s.store.FindUserByID(ctx, actor.ID)
	if err != nil {
		return err
	}
	now, name := s.now(), CanonicalUsername(u.Username)
	if wait, err := s.userLimit.blocked(ctx, []string{name}, now); err != nil {
		return err
	} else if wait > 0 {
		return &Error{Code: ETOOMANY, Message: "too many wrong passwords; try again later", Key: "err.session.too_many",
			Details: map[string]any{"retry_after": int(wait.Seconds()) + 1}}
	}
	if in.Current == "" {
		return FieldError("current_password", "the current password is required").WithKey("err.account.current_required", nil)
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(in.Current)) != nil {
		if err := s.userLimit.fail(ctx, []string{name}, now); err != nil {
			return err
		}
		return FieldError("current_password", "the current password is wrong").WithKey("err.account.current_wrong", nil)
	}
	if err := ValidPassword("new_password", in.New, u.Username, u.Name); err != nil {
		return err
	}
	if in.New == in.Current {
		return FieldError("new_password", "the new password is the current one").WithKey("err.account.password_same", nil)
	}
	if u.PasswordHash, err = bcrypt.GenerateFromPassword([]byte(in.New), s.cfg.PasswordCost); err != nil {
		return err
	}
	return s.store.UpdateUser(ctx, UserUpdate{User: u, EndSessions: true, Keep: HashToken(token)})
}

// EndSessions signs the account out everywhere: every session of it ends,
// the current one too. It returns how many ended.
func (s *Service) EndSessions(ctx context.Context, actor *User) (int, error) {
	if actor == nil || actor.ID == 0 {
		return 0, Errorf(EUNAUTHORIZED, "not logged in").WithKey("err.session.none", nil)
	}
	return s.store.DeleteUserSessions(ctx, actor.ID, nil)
}
