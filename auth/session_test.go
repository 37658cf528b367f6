package auth

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"hasap/ledger"
)

// memStore is a SessionStore in a map, with call counts and injectable
// failures. The real stores pass the same contract in their own tests.
type memStore struct {
	mu        sync.Mutex
	sessions  map[[32]byte]Session
	gets      int
	touches   int
	touchErr  error
	deleteErr error
}

func newMemStore() *memStore { return &memStore{sessions: map[[32]byte]Session{}} }

func (m *memStore) CreateSession(_ context.Context, s Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.sessions[s.Hash]; ok {
		return ledger.Errorf(ledger.EConflict, "session exists")
	}
	m.sessions[s.Hash] = s
	return nil
}

func (m *memStore) GetSession(_ context.Context, h [32]byte) (Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gets++
	s, ok := m.sessions[h]
	if !ok {
		return Session{}, ledger.Errorf(ledger.ENotFound, "no session")
	}
	return s, nil
}

func (m *memStore) TouchSession(_ context.Context, h [32]byte, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.touchErr != nil {
		return m.touchErr
	}
	s, ok := m.sessions[h]
	if !ok {
		return ledger.Errorf(ledger.ENotFound, "no session")
	}
	m.touches++
	s.LastSeenAt = at
	m.sessions[h] = s
	return nil
}

func (m *memStore) DeleteSession(_ context.Context, h [32]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.deleteErr != nil {
		return m.deleteErr
	}
	delete(m.sessions, h)
	return nil
}

func (m *memStore) DeleteUserSessions(_ context.Context, u UserID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for h, s := range m.sessions {
		if s.UserID == u {
			delete(m.sessions, h)
		}
	}
	return nil
}

func (m *memStore) DeleteSessionsBefore(_ context.Context, created, lastSeen time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for h, s := range m.sessions {
		if s.CreatedAt.Before(created) || s.LastSeenAt.Before(lastSeen) {
			delete(m.sessions, h)
			n++
		}
	}
	return n, nil
}

var t0 = time.Date(2026, 3, 21, 9, 0, 0, 0, time.UTC) // Nowruz, 09:00

func login(t *testing.T, m *Sessions, user UserID, old string, now time.Time) string {
	t.Helper()
	tok, s, err := m.Login(context.Background(), user, old, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.UserID != user || !s.CreatedAt.Equal(now) || s.Hash != TokenHash(tok) {
		t.Fatalf("Login returned session %+v for token %q", s, tok)
	}
	return tok
}

func wantCode(t *testing.T, err error, code ledger.Code) {
	t.Helper()
	if got := ledger.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// TestSessionTimeouts walks a session through time: each step validates at
// an offset from the login and expects a result.
func TestSessionTimeouts(t *testing.T) {
	type step struct {
		at   time.Duration
		want ledger.Code // "" for a live session
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"fresh", []step{{0, ""}}},
		{"idle just under 30 min", []step{{30*time.Minute - time.Second, ""}}},
		{"idle 30 min", []step{{30 * time.Minute, ledger.EUnauthorized}, {30 * time.Minute, ledger.ENotFound}}},
		{"activity keeps it alive", []step{{20 * time.Minute, ""}, {40 * time.Minute, ""}, {60 * time.Minute, ""}}},
		{"a touch within the interval is not recorded", []step{{30 * time.Second, ""}, {30*time.Minute + 10*time.Second, ledger.EUnauthorized}}},
		{"absolute 12 h despite activity", func() []step {
			var s []step
			for at := 20 * time.Minute; at < 12*time.Hour; at += 20 * time.Minute {
				s = append(s, step{at, ""})
			}
			return append(s, step{12 * time.Hour, ledger.EUnauthorized}, step{12*time.Hour + time.Minute, ledger.ENotFound})
		}()},
		{"clock behind the login", []step{{-time.Minute, ""}, {0, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Sessions{Store: newMemStore()}
			tok := login(t, m, 7, "", t0)
			for _, st := range tc.steps {
				s, err := m.Validate(context.Background(), tok, t0.Add(st.at))
				if st.want == "" {
					if err != nil || s.UserID != 7 {
						t.Fatalf("at +%v: %+v, %v; want user 7's session", st.at, s, err)
					}
					continue
				}
				wantCode(t, err, st.want)
			}
		})
	}
}

func TestSessionTouchInterval(t *testing.T) {
	store := newMemStore()
	m := &Sessions{Store: store}
	tok := login(t, m, 1, "", t0)
	ctx := context.Background()
	for _, tc := range []struct {
		at      time.Duration
		touches int
		seen    time.Duration
	}{
		{30 * time.Second, 0, 0},
		{59 * time.Second, 0, 0},
		{time.Minute, 1, time.Minute},
		{90 * time.Second, 1, time.Minute},
		{3 * time.Minute, 2, 3 * time.Minute},
	} {
		s, err := m.Validate(ctx, tok, t0.Add(tc.at))
		if err != nil {
			t.Fatal(err)
		}
		if store.touches != tc.touches || !s.LastSeenAt.Equal(t0.Add(tc.seen)) {
			t.Fatalf("at +%v: %d touches, last seen %v; want %d, +%v", tc.at, store.touches, s.LastSeenAt.Sub(t0), tc.touches, tc.seen)
		}
	}
}

func TestSessionCustomTimeouts(t *testing.T) {
	m := &Sessions{Store: newMemStore(), IdleTimeout: 5 * time.Minute, AbsoluteTimeout: time.Hour, TouchInterval: time.Second}
	tok := login(t, m, 1, "", t0)
	ctx := context.Background()
	if _, err := m.Validate(ctx, tok, t0.Add(4*time.Minute)); err != nil {
		t.Fatal(err)
	}
	_, err := m.Validate(ctx, tok, t0.Add(9*time.Minute))
	wantCode(t, err, ledger.EUnauthorized)
	if got := m.Expires(Session{CreatedAt: t0}); !got.Equal(t0.Add(time.Hour)) {
		t.Fatalf("Expires = %v", got)
	}
	if got := (&Sessions{}).Expires(Session{CreatedAt: t0}); !got.Equal(t0.Add(12 * time.Hour)) {
		t.Fatalf("default Expires = %v", got)
	}
}

func TestSessionRotationAtLogin(t *testing.T) {
	store := newMemStore()
	m := &Sessions{Store: store}
	ctx := context.Background()
	planted := login(t, m, 1, "", t0) // e.g. fixed by an attacker before the victim logs in
	fresh := login(t, m, 1, planted, t0.Add(time.Minute))
	if fresh == planted {
		t.Fatal("login kept the old token")
	}
	_, err := m.Validate(ctx, planted, t0.Add(2*time.Minute))
	wantCode(t, err, ledger.ENotFound)
	if _, err := m.Validate(ctx, fresh, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if len(store.sessions) != 1 {
		t.Fatalf("%d sessions stored, want 1", len(store.sessions))
	}
	// A malformed or unknown old token is no obstacle to logging in.
	login(t, m, 2, "garbage", t0)
	login(t, m, 2, "hsp_whatever", t0)
}

func TestSessionMalformedTokenSkipsStore(t *testing.T) {
	store := newMemStore()
	m := &Sessions{Store: store}
	for _, tok := range []string{"", "x", "hsp_" + login(t, m, 1, "", t0)} {
		_, err := m.Validate(context.Background(), tok, t0)
		wantCode(t, err, ledger.ENotFound)
	}
	if store.gets != 0 {
		t.Fatalf("%d store lookups for malformed tokens", store.gets)
	}
	unknown, _ := NewToken()
	_, err := m.Validate(context.Background(), unknown, t0)
	wantCode(t, err, ledger.ENotFound)
}

func TestSessionLogout(t *testing.T) {
	m := &Sessions{Store: newMemStore()}
	ctx := context.Background()
	a1, a2, b := login(t, m, 1, "", t0), login(t, m, 1, "", t0), login(t, m, 2, "", t0)
	if err := m.Logout(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if err := m.Logout(ctx, "not a token"); err != nil {
		t.Fatal(err)
	}
	_, err := m.Validate(ctx, a1, t0)
	wantCode(t, err, ledger.ENotFound)
	if _, err := m.Validate(ctx, a2, t0); err != nil {
		t.Fatal(err)
	}
	if err := m.LogoutEverywhere(ctx, 1); err != nil {
		t.Fatal(err)
	}
	_, err = m.Validate(ctx, a2, t0)
	wantCode(t, err, ledger.ENotFound)
	if _, err := m.Validate(ctx, b, t0); err != nil {
		t.Fatalf("another user's session went too: %v", err)
	}
}

func TestSessionSweep(t *testing.T) {
	store := newMemStore()
	m := &Sessions{Store: store}
	now := t0.Add(24 * time.Hour)
	keep := []Session{
		{Hash: [32]byte{1}, CreatedAt: now.Add(-time.Hour), LastSeenAt: now.Add(-29 * time.Minute)},
		{Hash: [32]byte{2}, CreatedAt: now.Add(-12*time.Hour + time.Nanosecond), LastSeenAt: now},
	}
	drop := []Session{
		{Hash: [32]byte{3}, CreatedAt: now.Add(-time.Hour), LastSeenAt: now.Add(-30 * time.Minute)},
		{Hash: [32]byte{4}, CreatedAt: now.Add(-12 * time.Hour), LastSeenAt: now},
		{Hash: [32]byte{5}, CreatedAt: t0, LastSeenAt: t0},
	}
	for _, s := range append(append([]Session{}, keep...), drop...) {
		if err := store.CreateSession(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	// Sweep and Expired must agree on every boundary.
	for _, s := range keep {
		if m.Expired(s, now) {
			t.Fatalf("session %d: Expired, want live", s.Hash[0])
		}
	}
	for _, s := range drop {
		if !m.Expired(s, now) {
			t.Fatalf("session %d: live, want Expired", s.Hash[0])
		}
	}
	n, err := m.Sweep(context.Background(), now)
	if err != nil || n != len(drop) {
		t.Fatalf("Sweep = %d, %v; want %d", n, err, len(drop))
	}
	for _, s := range keep {
		if _, ok := store.sessions[s.Hash]; !ok {
			t.Fatalf("live session %d swept", s.Hash[0])
		}
	}
}

func TestSessionStoreErrors(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("disk on fire")

	store := newMemStore()
	m := &Sessions{Store: store}
	tok := login(t, m, 1, "", t0)
	store.touchErr = boom
	if _, err := m.Validate(ctx, tok, t0.Add(5*time.Minute)); !errors.Is(err, boom) {
		t.Fatalf("touch failure: got %v", err)
	}

	store.touchErr, store.deleteErr = nil, boom
	_, err := m.Validate(ctx, tok, t0.Add(time.Hour))
	wantCode(t, err, ledger.EUnauthorized) // still "log in again" to the user
	if !errors.Is(err, boom) {
		t.Fatalf("delete failure not reported: %v", err)
	}
	if _, _, err := m.Login(ctx, 1, tok, t0); !errors.Is(err, boom) {
		t.Fatalf("login with a failing delete: %v", err)
	}
}
