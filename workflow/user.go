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
}

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
		return FieldError("username", "a user name is required")
	case !reUsername.MatchString(n.Username):
		return FieldError("username", "a user name is 1 to 64 letters, digits, dots, dashes or underscores")
	case !n.Role.Valid():
		return FieldError("role", "unknown role %q: one of admin, staff, drafter, expert", n.Role)
	case utf8.RuneCountInString(n.Password) < MinPasswordLength:
		return FieldError("password", "a password has at least %d characters", MinPasswordLength)
	case len(n.Password) > 72:
		return FieldError("password", "a password has at most 72 bytes")
	case utf8.RuneCountInString(n.Name) > 100:
		return FieldError("name", "a name has at most 100 characters")
	}
	n.Organization = strings.TrimSpace(n.Organization)
	if err := checkLine("organization", n.Organization, 200, false); err != nil {
		return err
	}
	return nil
}

// CreateUser adds an account. Only the command line (actor nil) and admins
// may create accounts.
func (s *Service) CreateUser(ctx context.Context, actor *User, n NewUser) (*User, error) {
	if actor != nil && actor.Role != RoleAdmin {
		return nil, Errorf(EFORBIDDEN, "only an admin may create accounts")
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
		return nil, Errorf(EFORBIDDEN, "only staff may list accounts")
	}
	return s.store.FindUsers(ctx)
}
