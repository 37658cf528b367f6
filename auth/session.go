package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hasap/ledger"
)

// Session lifetimes. The idle timeout ends a session nobody uses; the
// absolute one ends every session, however busy, so that a stolen token
// has a bounded life.
const (
	DefaultIdleTimeout     = 30 * time.Minute
	DefaultAbsoluteTimeout = 12 * time.Hour
	// DefaultTouchInterval spares the store a write on every request: a
	// session's last-seen time moves only when it is at least this old. The
	// idle timeout is therefore exact to within this interval.
	DefaultTouchInterval = time.Minute
)

// UserID identifies a user as the store numbers them.
type UserID int64

// Session is one logged-in browser, as the store keeps it. The token itself
// is never stored: Hash is its TokenHash.
type Session struct {
	Hash       [32]byte
	UserID     UserID
	CreatedAt  time.Time // for the absolute timeout
	LastSeenAt time.Time // for the idle timeout
}

// SessionStore keeps sessions. Implementations live with the stores (SQLite,
// PostgreSQL); the key is the token's hash. Every method is safe for
// concurrent use.
type SessionStore interface {
	// CreateSession stores s; an existing session with s.Hash is an
	// EConflict error (with 256-bit tokens it means a bug, not bad luck).
	CreateSession(ctx context.Context, s Session) error
	// GetSession returns the session with the hash, or an ENotFound error.
	GetSession(ctx context.Context, hash [32]byte) (Session, error)
	// TouchSession sets the session's LastSeenAt, or returns an ENotFound
	// error when there is no such session (it was deleted meanwhile).
	TouchSession(ctx context.Context, hash [32]byte, lastSeen time.Time) error
	// DeleteSession deletes the session with the hash; none is not an error.
	DeleteSession(ctx context.Context, hash [32]byte) error
	// DeleteUserSessions deletes every session of the user (log out
	// everywhere: after a password change or reset, or by an owner).
	DeleteUserSessions(ctx context.Context, user UserID) error
	// DeleteSessionsBefore deletes the sessions created before
	// createdBefore or last seen before lastSeenBefore, and says how many.
	DeleteSessionsBefore(ctx context.Context, createdBefore, lastSeenBefore time.Time) (int, error)
}

// Sessions applies the session rules over a SessionStore: rotation at
// login, idle and absolute timeouts. Every method takes the time as an
// argument, so that a request uses one frozen now and tests need no sleep.
// A zero timeout or interval means its default.
type Sessions struct {
	Store           SessionStore
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	TouchInterval   time.Duration
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (m *Sessions) idle() time.Duration { return orDefault(m.IdleTimeout, DefaultIdleTimeout) }
func (m *Sessions) absolute() time.Duration {
	return orDefault(m.AbsoluteTimeout, DefaultAbsoluteTimeout)
}
func (m *Sessions) touch() time.Duration { return orDefault(m.TouchInterval, DefaultTouchInterval) }

// Login starts a session for user after a successful login and returns its
// token, to be set with SessionCookie. It rotates: the session of oldToken
// (the cookie the browser came with, possibly planted by an attacker, or
// "") is deleted, so a token known before login is worthless after it.
func (m *Sessions) Login(ctx context.Context, user UserID, oldToken string, now time.Time) (string, Session, error) {
	if ValidToken(oldToken) {
		if err := m.Store.DeleteSession(ctx, TokenHash(oldToken)); err != nil {
			return "", Session{}, fmt.Errorf("login: delete old session: %w", err)
		}
	}
	token, err := NewToken()
	if err != nil {
		return "", Session{}, err
	}
	s := Session{Hash: TokenHash(token), UserID: user, CreatedAt: now, LastSeenAt: now}
	if err := m.Store.CreateSession(ctx, s); err != nil {
		return "", Session{}, fmt.Errorf("login: %w", err)
	}
	return token, s, nil
}

// Validate returns the live session of token at now and records the
// activity. A malformed or unknown token is an ENotFound error; a session
// past its idle or absolute timeout is an EUnauthorized error, and is
// deleted. A web handler treats both as "log in again".
func (m *Sessions) Validate(ctx context.Context, token string, now time.Time) (Session, error) {
	if !ValidToken(token) {
		return Session{}, ledger.Errorf(ledger.ENotFound, "no such session; please log in")
	}
	hash := TokenHash(token)
	s, err := m.Store.GetSession(ctx, hash)
	if err != nil {
		return Session{}, fmt.Errorf("validate session: %w", err)
	}
	if m.Expired(s, now) {
		expired := ledger.Errorf(ledger.EUnauthorized, "the session has expired; please log in")
		if err := m.Store.DeleteSession(ctx, hash); err != nil {
			return Session{}, errors.Join(expired, fmt.Errorf("delete expired session: %w", err))
		}
		return Session{}, expired
	}
	if now.Sub(s.LastSeenAt) >= m.touch() {
		if err := m.Store.TouchSession(ctx, hash, now); err != nil {
			return Session{}, fmt.Errorf("validate session: %w", err)
		}
		s.LastSeenAt = now
	}
	return s, nil
}

// Expired reports whether s is past its idle or absolute timeout at now.
func (m *Sessions) Expired(s Session, now time.Time) bool {
	return now.Sub(s.CreatedAt) >= m.absolute() || now.Sub(s.LastSeenAt) >= m.idle()
}

// Expires returns when s ends at the latest (its absolute timeout): the
// session cookie's Max-Age is Expires(s).Sub(now).
func (m *Sessions) Expires(s Session) time.Time { return s.CreatedAt.Add(m.absolute()) }

// Logout deletes the session of token, if any.
func (m *Sessions) Logout(ctx context.Context, token string) error {
	if !ValidToken(token) {
		return nil
	}
	if err := m.Store.DeleteSession(ctx, TokenHash(token)); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

// LogoutEverywhere deletes every session of user. Call it when the user's
// password is changed or reset, or their TOTP is set up or removed, and
// then Login again the browser that did it.
func (m *Sessions) LogoutEverywhere(ctx context.Context, user UserID) error {
	if err := m.Store.DeleteUserSessions(ctx, user); err != nil {
		return fmt.Errorf("log out user %d everywhere: %w", user, err)
	}
	return nil
}

// Sweep deletes the sessions that are expired at now, which Validate never
// saw again, and says how many. Run it periodically (say hourly), so the
// table stays as large as the number of live sessions.
func (m *Sessions) Sweep(ctx context.Context, now time.Time) (int, error) {
	// A session created at exactly now-absolute is expired, as in Expired:
	// "before" is strict, so ask for a nanosecond later.
	n, err := m.Store.DeleteSessionsBefore(ctx, now.Add(-m.absolute()+1), now.Add(-m.idle()+1))
	if err != nil {
		return n, fmt.Errorf("sweep sessions: %w", err)
	}
	return n, nil
}
