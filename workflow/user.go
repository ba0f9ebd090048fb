package workflow

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Role is what an account may do. Anonymous visitors, the public, have no
// account and no role.
type Role string

// Roles.
const (
	RoleAdmin   Role = "admin"
	RoleStaff   Role = "staff"
	RoleDrafter Role = "drafter"
	RoleExpert  Role = "expert"
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleAdmin, RoleStaff, RoleDrafter, RoleExpert}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// User is an account.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	// Organization is the account's employer; an expert of the standard's
	// drafting organisation may not review it.
	Organization string    `json:"organization"`
	PasswordHash []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
	// DisabledAt is when an admin disabled the account, nil while it is
	// active. A disabled account cannot sign in; its name stays on what it
	// did. LastLoginAt is its last sign-in. Neither is part of the account
	// as others see it (the API's account list shows them to staff).
	DisabledAt  *time.Time `json:"-"`
	LastLoginAt *time.Time `json:"-"`
}

// Disabled reports whether the account may no longer sign in.
func (u *User) Disabled() bool { return u != nil && u.DisabledAt != nil }

// IsStaff reports whether u runs the process: staff and admin may read and
// move every standard. A nil user is the public.
func (u *User) IsStaff() bool {
	return u != nil && (u.Role == RoleStaff || u.Role == RoleAdmin)
}

// Is reports whether u is the account with the given id.
func (u *User) Is(id int64) bool { return u != nil && id != 0 && u.ID == id }

// MinPasswordLength is the shortest password an account may have.
const MinPasswordLength = 8

var reUsername = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// NewUser is the input for creating an account.
type NewUser struct {
	Username string
	Name     string
	Role     Role
	Password string
	// Organization is where the account's holder works.
	Organization string
}

// Validate checks the fields of a new account.
func (n *NewUser) Validate() error {
	n.Username = strings.TrimSpace(n.Username)
	switch {
	case n.Username == "":
		return FieldError("username", "a user name is required").WithKey("err.user.name_required", nil)
	case !reUsername.MatchString(n.Username):
		return FieldError("username", "a user name is 1 to 64 letters, digits, dots, dashes or underscores").WithKey("err.user.name_invalid", nil)
	case !n.Role.Valid():
		return FieldError("role", "unknown role %q: one of admin, staff, drafter, expert", n.Role).WithKey("err.user.role_unknown", Args{"role": n.Role})
	}
	if err := ValidPassword("password", n.Password, n.Username, n.Name); err != nil {
		return err
	}
	if err := checkLine("name", n.Name, 100, false); err != nil {
		return err
	}
	n.Organization = strings.TrimSpace(n.Organization)
	return checkLine("organization", n.Organization, 200, false)
}

// CreateUser adds an account. Only the command line (actor nil) and admins
// may create accounts.
func (s *Service) CreateUser(ctx context.Context, actor *User, n NewUser) (*User, error) {
	if actor != nil && actor.Role != RoleAdmin {
		return nil, Errorf(EFORBIDDEN, "only an admin may create accounts").WithKey("err.user.create_forbidden", nil)
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(n.Password), s.cfg.PasswordCost)
	if err != nil {
		return nil, err
	}
	u := &User{Username: n.Username, Name: n.Name, Role: n.Role, Organization: n.Organization, PasswordHash: hash, CreatedAt: s.now()}
	if u.Name == "" {
		u.Name = u.Username
	}
	if err := s.store.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// Users lists the accounts; staff and admins only.
func (s *Service) Users(ctx context.Context, actor *User) ([]*User, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff may list accounts").WithKey("err.user.list_forbidden", nil)
	}
	return s.store.FindUsers(ctx)
}

// ValidPassword checks a new password of the account username (display
// name name) against the rules: its length, and none of the passwords
// guessed first. Errors name field.
func ValidPassword(field, pw, username, name string) error {
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return FieldError(field, "a password has at least %d characters", MinPasswordLength).WithKey("err.user.password_short", Args{"min": MinPasswordLength})
	case len(pw) > 72:
		return FieldError(field, "a password has at most 72 bytes").WithKey("err.user.password_long", nil)
	}
	return checkPassword(field, pw, username, name)
}

// commonPasswords are among the most used passwords of at least eight
// characters, here and abroad; they are guessed first.
var commonPasswords = map[string]bool{
	"password": true, "password1": true, "password123": true, "12345678": true, "123456789": true,
	"1234567890": true, "qwertyui": true, "qwerty123": true, "qwertyuiop": true, "iloveyou": true,
	"admin123": true, "admin888": true, "abc12345": true, "abcd1234": true, "a1234567": true,
	"1qaz2wsx": true, "1q2w3e4r": true, "zxcvbnm1": true, "asdfghjk": true, "woaini1314": true,
	"5201314520": true, "123123123": true, "12341234": true, "87654321": true, "11223344": true,
	"aa123456": true, "a12345678": true, "p@ssw0rd": true, "passw0rd": true, "welcome1": true,
	"sunshine": true, "football": true, "baseball": true, "princess": true, "superman": true,
	"changeme": true, "letmein1": true, "trustno1": true, "norma123": true, "12qwaszx": true,
}

// checkPassword refuses, as an error on field, a password that is guessed
// first: the account's own name, one character repeated, or a common
// password.
func checkPassword(field, pw, username, name string) error {
	low := strings.ToLower(pw)
	same := true
	for _, r := range pw {
		if r != []rune(pw)[0] {
			same = false
			break
		}
	}
	switch {
	case low == strings.ToLower(strings.TrimSpace(username)) || name != "" && low == strings.ToLower(strings.TrimSpace(name)):
		return FieldError(field, "a password may not be the user's own name").WithKey("err.user.password_own_name", nil)
	case same:
		return FieldError(field, "a password may not be one character repeated").WithKey("err.user.password_repeated", nil)
	case commonPasswords[low]:
		return FieldError(field, "this password is among the most common ones; choose another").WithKey("err.user.password_common", nil)
	}
	return nil
}
