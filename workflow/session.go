package workflow

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Session is a login: the hash of its token (the token itself is never
// stored), its account and when it ends.
type Session struct {
	TokenHash []byte
	UserID    int64
	User      *User
	CreatedAt time.Time
	ExpiresAt time.Time
}

// HashToken returns what the store keeps of a session token.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func newToken() string {
	b := make([]byte, 32) // 256 bits
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// dummyHash is compared against when a name is unknown, so that a wrong name
// and a wrong password take the same time.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("norma-no-such-user"), bcrypt.DefaultCost)

// Login checks a name and password and opens a session. Bad credentials give
// one unauthorized error whichever part was wrong; repeated failures for a
// name from an address, for a name, or from an address are refused with
// too_many for a while (see Config.LoginFailures).
func (s *Service) Login(ctx context.Context, username, password, client string) (string, *Session, error) {
	now, name := s.now(), CanonicalUsername(username)
	wait, err := s.loginWait(ctx, name, client, now)
	if err != nil {
		return "", nil, err
	}
	if wait > 0 {
		return "", nil, &Error{Code: ETOOMANY, Message: "too many failed logins; try again later", Key: "err.session.too_many",
			Details: map[string]any{"retry_after": int(wait.Seconds()) + 1}}
	}
	u, err := s.store.FindUserByName(ctx, username)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return "", nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u == nil {
		if err := errors.Join(s.throttle.fail(ctx, []string{name + "|" + client}, now),
			s.userLimit.fail(ctx, []string{name}, now), s.addrLimit.fail(ctx, []string{client}, now)); err != nil {
			return "", nil, err
		}
		return "", nil, Errorf(EUNAUTHORIZED, "wrong user name or password").WithKey("err.session.wrong_password", nil)
	}
	if err := errors.Join(s.throttle.reset(ctx, name+"|"+client), s.userLimit.reset(ctx, name)); err != nil {
		return "", nil, err
	}
	if u.Disabled() {
		// Said only to whoever knows the password: a guesser learns nothing.
		return "", nil, Errorf(EUNAUTHORIZED, "this account is disabled; ask an admin").WithKey("err.session.disabled", nil)
	}
	token := newToken()
	sess := &Session{TokenHash: HashToken(token), UserID: u.ID, User: u, CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionLifetime)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// loginWait is how long logins of the canonical name from the address are
// refused.
func (s *Service) loginWait(ctx context.Context, name, client string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	for _, c := range []struct {
		t   *throttle
		key string
	}{{s.throttle, name + "|" + client}, {s.userLimit, name}, {s.addrLimit, client}} {
		w, err := c.t.blocked(ctx, []string{c.key}, now)
		if err != nil {
			return 0, err
		}
		wait = max(wait, w)
	}
	return wait, nil
}

// Authenticate returns the account of a live session token.
func (s *Service) Authenticate(ctx context.Context, token string) (*User, error) {
	if token == "" {
		return nil, Errorf(EUNAUTHORIZED, "no session").WithKey("err.session.none", nil)
	}
	sess, err := s.store.FindSession(ctx, HashToken(token))
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "the session is unknown or has ended").WithKey("err.session.unknown", nil)
	} else if err != nil {
		return nil, err
	}
	if sess.User.Disabled() {
		// Disabling ends the sessions; this holds should one outlive it.
		return nil, Errorf(EUNAUTHORIZED, "this account is disabled; ask an admin").WithKey("err.session.disabled", nil)
	}
	if !s.now().Before(sess.ExpiresAt) {
		_ = s.store.DeleteSession(ctx, sess.TokenHash)
		return nil, Errorf(EUNAUTHORIZED, "the session has expired; log in again").WithKey("err.session.expired", nil)
	}
	return sess.User, nil
}

// Logout ends the session of a token. Ending an unknown session is no error.
func (s *Service) Logout(ctx context.Context, token string) error {
	err := s.store.DeleteSession(ctx, HashToken(token))
	if ErrorCode(err) == ENOTFOUND {
		return nil
	}
	return err
}

// PurgeSessions removes every expired session.
func (s *Service) PurgeSessions(ctx context.Context) (int, error) {
	return s.store.DeleteExpiredSessions(ctx, s.now())
}
