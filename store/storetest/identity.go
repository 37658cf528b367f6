package storetest

import (
	"crypto/sha256"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// t0 is the identity tests' clock: a time with nanoseconds, which the store
// keeps to the microsecond.
var t0 = time.Date(2026, 3, 21, 9, 0, 0, 123_456_789, time.UTC)

// newOrg creates an organisation with no chart.
func newOrg(t *testing.T, s Store, code string) ledger.OrgID {
	t.Helper()
	o := ledger.Org{Code: code, Name: "Org " + code, Currency: money.MustLookup("TMT"), Chart: "empty", LockDate: ledger.NoDate}
	ok(t, s.CreateOrg(t.Context(), &o, nil), "create org "+code)
	return o.ID
}

// newUser creates a user with the given email.
func newUser(t *testing.T, s Store, email string) auth.User {
	t.Helper()
	u := auth.User{Email: email, Name: "User " + email, PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Lang: "ru", Created: t0}
	ok(t, s.CreateUser(t.Context(), &u), "create user "+email)
	return u
}

func mem(org ledger.OrgID, u auth.UserID, r auth.Role) auth.Membership {
	return auth.Membership{Org: org, User: u, Role: r}
}

func hashOf(s string) [32]byte { return sha256.Sum256([]byte(s)) }

func micro(t time.Time) time.Time { return t.Truncate(time.Microsecond).UTC() }

func testUsers(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	u := newUser(t, s, "Aman.Berdiyev@Example.COM")
	if u.ID <= 0 || u.Email != "aman.berdiyev@example.com" || !u.Created.Equal(micro(t0)) {
		t.Fatalf("created user %+v: want an id, the email in lower case and the time to the microsecond", u)
	}
	for _, email := range []string{"aman.berdiyev@example.com", "AMAN.BERDIYEV@EXAMPLE.COM"} {
		dup := auth.User{Email: email, Name: "Другой"}
		wantCode(t, s.CreateUser(ctx, &dup), ledger.EConflict, "user with taken email "+email)
	}
	// Lower case beyond ASCII, as Turkmen and Russian addresses have.
	tk := newUser(t, s, "ÝAZGÜL@MYSAL.TM")
	if tk.Email != "ýazgül@mysal.tm" {
		t.Fatalf("email stored as %q, want ýazgül@mysal.tm", tk.Email)
	}
	dup := auth.User{Email: "ýazgül@mysal.tm"}
	wantCode(t, s.CreateUser(ctx, &dup), ledger.EConflict, "user with a taken non-ASCII email")
	noEmail := auth.User{Name: "nobody"}
	wantCode(t, s.CreateUser(ctx, &noEmail), ledger.EInvalid, "user without an email")

	for _, got := range []func() (auth.User, error){
		func() (auth.User, error) { return s.User(ctx, u.ID) },
		func() (auth.User, error) { return s.UserByEmail(ctx, "AMAN.berdiyev@example.com") },
	} {
		g, err := got()
		ok(t, err, "read user")
		if !reflect.DeepEqual(g, u) {
			t.Fatalf("read user %+v, want %+v", g, u)
		}
	}
	g, err := s.UserByEmail(ctx, "Ýazgül@mysal.tm")
	ok(t, err, "user by non-ASCII email in other case")
	if g.ID != tk.ID {
		t.Fatalf("UserByEmail found user %d, want %d", g.ID, tk.ID)
	}
	_, err = s.User(ctx, u.ID+100)
	wantCode(t, err, ledger.ENotFound, "unknown user id")
	_, err = s.UserByEmail(ctx, "nobody@example.com")
	wantCode(t, err, ledger.ENotFound, "unknown email")

	up := u
	up.Name, up.PasswordHash, up.TOTPSecret, up.TOTPLastStep, up.Lang, up.Disabled = "Аман Бердыев", "$argon2id$new", "JBSWY3DPEHPK3PXP", 58_000_123, "tk", true
	up.Email, up.Created = "changed@example.com", t0.Add(time.Hour) // not saved
	ok(t, s.UpdateUser(ctx, up), "update user")
	g, err = s.User(ctx, u.ID)
	ok(t, err, "read updated user")
	want := up
	want.Email, want.Created = u.Email, u.Created
	if !reflect.DeepEqual(g, want) {
		t.Fatalf("updated user reads %+v, want %+v", g, want)
	}
	if g, _ := s.User(ctx, tk.ID); g.Name != tk.Name || g.Disabled {
		t.Fatalf("updating one user changed another: %+v", g)
	}
	up.ID = u.ID + 100
	wantCode(t, s.UpdateUser(ctx, up), ledger.ENotFound, "update of an unknown user")
}

func testMemberships(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a, b := newOrg(t, s, "a"), newOrg(t, s, "b")
	u1, u2 := newUser(t, s, "one@example.com"), newUser(t, s, "two@example.com")
	put := func(org ledger.OrgID, u auth.UserID, r auth.Role) {
		t.Helper()
		ok(t, s.PutMembership(ctx, auth.Membership{Org: org, User: u, Role: r}), "put membership")
	}
	put(a, u1.ID, auth.Owner)
	put(a, u2.ID, auth.Viewer)
	put(b, u1.ID, auth.Accountant)
	put(a, u1.ID, auth.Auditor) // replaces Owner

	m, err := s.Membership(ctx, a, u1.ID)
	ok(t, err, "membership")
	if m != (auth.Membership{Org: a, User: u1.ID, Role: auth.Auditor}) {
		t.Fatalf("membership %+v, want the replaced role auditor", m)
	}
	_, err = s.Membership(ctx, b, u2.ID)
	wantCode(t, err, ledger.ENotFound, "a membership in org a seen through org b")

	wantMembers := func(what string, got []auth.Membership, err error, want ...auth.Membership) {
		t.Helper()
		ok(t, err, what)
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%s: %+v, want %+v", what, got, want)
		}
	}
	got, err := s.OrgMembers(ctx, a)
	wantMembers("members of a", got, err, mem(a, u1.ID, auth.Auditor), mem(a, u2.ID, auth.Viewer))
	got, err = s.OrgMembers(ctx, b)
	wantMembers("members of b", got, err, mem(b, u1.ID, auth.Accountant))
	got, err = s.Memberships(ctx, u1.ID)
	wantMembers("memberships of u1", got, err, mem(a, u1.ID, auth.Auditor), mem(b, u1.ID, auth.Accountant))
	got, err = s.Memberships(ctx, u2.ID)
	wantMembers("memberships of u2", got, err, mem(a, u2.ID, auth.Viewer))

	wantCode(t, s.PutMembership(ctx, auth.Membership{Org: a, User: u2.ID, Role: "admin"}), ledger.EInvalid, "unknown role")
	wantCode(t, s.PutMembership(ctx, auth.Membership{Org: a, User: u2.ID + 100, Role: auth.Viewer}), ledger.ENotFound, "unknown user")
	wantCode(t, s.PutMembership(ctx, auth.Membership{Org: b + 100, User: u2.ID, Role: auth.Viewer}), ledger.ENotFound, "unknown organisation")

	wantCode(t, s.RemoveMembership(ctx, b, u2.ID), ledger.ENotFound, "removing u2 from b, where u2 is not a member")
	got, err = s.OrgMembers(ctx, a)
	wantMembers("members of a after a removal through b", got, err, mem(a, u1.ID, auth.Auditor), mem(a, u2.ID, auth.Viewer))
	ok(t, s.RemoveMembership(ctx, a, u2.ID), "remove u2 from a")
	wantCode(t, s.RemoveMembership(ctx, a, u2.ID), ledger.ENotFound, "removing u2 from a twice")
	_, err = s.Membership(ctx, a, u2.ID)
	wantCode(t, err, ledger.ENotFound, "removed membership")
	got, err = s.Memberships(ctx, u2.ID)
	wantMembers("memberships of u2 after removal", got, err)
	got, err = s.OrgMembers(ctx, b)
	wantMembers("members of b after removals in a", got, err, mem(b, u1.ID, auth.Accountant))
}

// testSessions holds the stores to the auth.SessionStore contract, then runs
// auth.Sessions over them.
func testSessions(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	u, v := newUser(t, s, "u@example.com"), newUser(t, s, "v@example.com")
	sess := func(token string, user auth.UserID, created, seen time.Time) auth.Session {
		return auth.Session{Hash: hashOf(token), UserID: user, CreatedAt: created, LastSeenAt: seen}
	}
	get := func(h [32]byte) auth.Session {
		t.Helper()
		g, err := s.GetSession(ctx, h)
		ok(t, err, "get session")
		return g
	}
	a := sess("a", u.ID, t0, t0.Add(10*time.Minute))
	ok(t, s.CreateSession(ctx, a), "create session")
	wantCode(t, s.CreateSession(ctx, sess("a", v.ID, t0, t0)), ledger.EConflict, "a second session with the same hash")
	want := auth.Session{Hash: a.Hash, UserID: u.ID, CreatedAt: micro(a.CreatedAt), LastSeenAt: micro(a.LastSeenAt)}
	if g := get(a.Hash); g != want {
		t.Fatalf("session reads %+v, want %+v", g, want)
	}
	_, err := s.GetSession(ctx, hashOf("nope"))
	wantCode(t, err, ledger.ENotFound, "unknown session")

	seen := t0.Add(20 * time.Minute)
	ok(t, s.TouchSession(ctx, a.Hash, seen), "touch")
	if g := get(a.Hash); !g.LastSeenAt.Equal(micro(seen)) || !g.CreatedAt.Equal(micro(t0)) {
		t.Fatalf("touched session reads %+v, want last seen %v", g, micro(seen))
	}
	wantCode(t, s.TouchSession(ctx, hashOf("nope"), seen), ledger.ENotFound, "touch of an unknown session")
	ok(t, s.DeleteSession(ctx, a.Hash), "delete")
	_, err = s.GetSession(ctx, a.Hash)
	wantCode(t, err, ledger.ENotFound, "deleted session")
	ok(t, s.DeleteSession(ctx, a.Hash), "deleting a deleted session")
	wantCode(t, s.TouchSession(ctx, a.Hash, seen), ledger.ENotFound, "touch of a deleted session")

	// Log out everywhere touches only that user's sessions.
	for _, x := range []auth.Session{sess("u1", u.ID, t0, t0), sess("u2", u.ID, t0, t0), sess("v1", v.ID, t0, t0)} {
		ok(t, s.CreateSession(ctx, x), "create session")
	}
	ok(t, s.DeleteUserSessions(ctx, u.ID), "delete u's sessions")
	for tok, live := range map[string]bool{"u1": false, "u2": false, "v1": true} {
		_, err := s.GetSession(ctx, hashOf(tok))
		if (err == nil) != live {
			t.Fatalf("session %s after deleting u's sessions: %v, want live=%v", tok, err, live)
		}
	}
	ok(t, s.DeleteSession(ctx, hashOf("v1")), "delete v1")

	// "Before" is strict, to the nanosecond.
	h := time.Hour
	old := sess("old", u.ID, micro(t0), micro(t0).Add(10*time.Minute))
	idle := sess("idle", u.ID, micro(t0).Add(h), micro(t0).Add(h))
	busy := sess("busy", v.ID, micro(t0).Add(2*h), micro(t0).Add(3*h))
	for _, x := range []auth.Session{old, idle, busy} {
		ok(t, s.CreateSession(ctx, x), "create session")
	}
	sweep := func(created, seen time.Time, want int) {
		t.Helper()
		n, err := s.DeleteSessionsBefore(ctx, created, seen)
		ok(t, err, "delete sessions before")
		if n != want {
			t.Fatalf("DeleteSessionsBefore(%v, %v) deleted %d, want %d", created, seen, n, want)
		}
	}
	sweep(old.CreatedAt, old.LastSeenAt, 0)
	sweep(old.CreatedAt.Add(time.Nanosecond), time.Time{}, 1)
	sweep(time.Time{}, busy.LastSeenAt.Add(-time.Nanosecond), 1)
	for tok, live := range map[string]bool{"old": false, "idle": false, "busy": true} {
		_, err := s.GetSession(ctx, hashOf(tok))
		if (err == nil) != live {
			t.Fatalf("session %s after the sweeps: %v, want live=%v", tok, err, live)
		}
	}

	// The rules of auth.Sessions, over the real store.
	m := &auth.Sessions{Store: s}
	now := t0.Add(24 * h)
	tok, _, err := m.Login(ctx, u.ID, "", now)
	ok(t, err, "login")
	tok2, _, err := m.Login(ctx, u.ID, tok, now.Add(time.Minute))
	ok(t, err, "login again from the same browser")
	_, err = m.Validate(ctx, tok, now.Add(2*time.Minute))
	wantCode(t, err, ledger.ENotFound, "the token from before the second login")
	got, err := m.Validate(ctx, tok2, now.Add(10*time.Minute))
	ok(t, err, "validate")
	if got.UserID != u.ID || !got.LastSeenAt.Equal(now.Add(10*time.Minute)) {
		t.Fatalf("validated session %+v", got)
	}
	if g := get(auth.TokenHash(tok2)); !g.LastSeenAt.Equal(micro(now.Add(10 * time.Minute))) {
		t.Fatalf("validation did not touch the stored session: %+v", g)
	}
	n, err := m.Sweep(ctx, now.Add(10*time.Minute+auth.DefaultIdleTimeout))
	ok(t, err, "sweep")
	if n != 2 { // tok2's session, idle for exactly the timeout, and "busy"
		t.Fatalf("sweep deleted %d sessions, want 2", n)
	}
	_, err = m.Validate(ctx, tok2, now.Add(11*time.Minute))
	wantCode(t, err, ledger.ENotFound, "a swept session")
}

func testAPITokens(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a, b := newOrg(t, s, "a"), newOrg(t, s, "b")
	u, outsider := newUser(t, s, "u@example.com"), newUser(t, s, "x@example.com")
	for _, org := range []ledger.OrgID{a, b} {
		ok(t, s.PutMembership(ctx, auth.Membership{Org: org, User: u.ID, Role: auth.Accountant}), "membership")
	}
	create := func(org ledger.OrgID, name string, expires time.Time) auth.APIToken {
		t.Helper()
		tok := auth.APIToken{Hash: hashOf(fmt.Sprint(org, name)), Org: org, User: u.ID, Name: name, Created: t0, Expires: expires}
		ok(t, s.CreateAPIToken(ctx, &tok), "create API token "+name)
		tok.Created, tok.Expires = micro(tok.Created), micro(expires)
		if expires.IsZero() {
			tok.Expires = time.Time{}
		}
		return tok
	}
	a1 := create(a, "ci", time.Time{})
	b1 := create(b, "export", time.Time{})
	a2 := create(a, "backup", t0.Add(24*time.Hour))
	b2 := create(b, "bank", time.Time{})
	b3 := create(b, "audit", time.Time{})
	if a1.ID != 1 || a2.ID != 2 || b1.ID != 1 || b2.ID != 2 || b3.ID != 3 {
		t.Fatalf("token ids a: %d, %d; b: %d, %d, %d; want 1, 2 and 1, 2, 3 (numbered per organisation)", a1.ID, a2.ID, b1.ID, b2.ID, b3.ID)
	}
	dup := auth.APIToken{Hash: a1.Hash, Org: b, User: u.ID, Name: "dup"}
	wantCode(t, s.CreateAPIToken(ctx, &dup), ledger.EConflict, "a token with a taken hash")
	stranger := auth.APIToken{Hash: hashOf("stranger"), Org: a, User: outsider.ID, Name: "x"}
	wantCode(t, s.CreateAPIToken(ctx, &stranger), ledger.ENotFound, "a token for a user who is not a member")

	for _, want := range []auth.APIToken{a1, a2, b1, b3} {
		got, err := s.APITokenByHash(ctx, want.Hash)
		ok(t, err, "token by hash")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("token by hash %+v, want %+v", got, want)
		}
	}
	_, err := s.APITokenByHash(ctx, hashOf("nope"))
	wantCode(t, err, ledger.ENotFound, "unknown token hash")
	list := func(org ledger.OrgID, want ...auth.APIToken) {
		t.Helper()
		got, err := s.APITokens(ctx, org)
		ok(t, err, "list tokens")
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("tokens of org %d: %+v, want %+v", org, got, want)
		}
	}
	list(a, a1, a2)
	list(b, b1, b2, b3)

	used := t0.Add(time.Hour + 7*time.Nanosecond)
	ok(t, s.TouchAPIToken(ctx, a, a2.ID, used), "touch token")
	a2.LastUsed = micro(used)
	wantCode(t, s.TouchAPIToken(ctx, a, b3.ID, used), ledger.ENotFound, "touching b's token 3 through a")
	list(a, a1, a2)
	list(b, b1, b2, b3)

	wantCode(t, s.DeleteAPIToken(ctx, a, b3.ID), ledger.ENotFound, "deleting b's token 3 through a")
	ok(t, s.DeleteAPIToken(ctx, a, a1.ID), "delete a's token 1")
	list(a, a2)
	list(b, b1, b2, b3) // b's token 1 has the same id as a's, and stays
	wantCode(t, s.DeleteAPIToken(ctx, a, a1.ID), ledger.ENotFound, "deleting a token twice")
	_, err = s.APITokenByHash(ctx, a1.Hash)
	wantCode(t, err, ledger.ENotFound, "a deleted token")
}

func testAudit(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a, b := newOrg(t, s, "a"), newOrg(t, s, "b")
	u := newUser(t, s, "u@example.com")
	appendOne := func(org ledger.OrgID, action, detail string, at time.Time) auth.AuditEvent {
		t.Helper()
		e := auth.AuditEvent{Org: org, Time: at, User: u.ID, Action: action, Detail: detail, IP: "2001:db8::1"}
		ok(t, s.AppendAudit(ctx, &e), "append audit")
		return e
	}
	var evA []auth.AuditEvent
	evA = append(evA, appendOne(a, "login", "", t0))
	evB := appendOne(b, "login", "", t0)
	evA = append(evA, appendOne(a, "post", "entry 2025/17", t0.Add(time.Second)))
	ev0 := appendOne(0, "login_failed", "nobody@example.com", t0)
	before := time.Now()
	evA = append(evA, appendOne(a, "role", "u@example.com: owner → «auditor»", time.Time{}))
	for i, e := range evA {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d of org a has seq %d", i+1, e.Seq)
		}
	}
	if evB.Seq != 1 || ev0.Seq != 1 {
		t.Fatalf("first events of org b and the installation have seqs %d and %d, want 1 and 1", evB.Seq, ev0.Seq)
	}
	if at := evA[2].Time; at.Before(before.Add(-time.Second)) || at.After(time.Now().Add(time.Second)) || at.Location() != time.UTC {
		t.Fatalf("an event without a time was stamped %v, want about now in UTC", at)
	}
	bad := auth.AuditEvent{Org: a, Action: ""}
	wantCode(t, s.AppendAudit(ctx, &bad), ledger.EInvalid, "an event without an action")

	page := func(org ledger.OrgID, beforeSeq int64, limit int) []auth.AuditEvent {
		t.Helper()
		got, err := s.Audit(ctx, org, beforeSeq, limit)
		ok(t, err, "audit")
		return got
	}
	got := page(a, 0, 0)
	want := []auth.AuditEvent{evA[2], evA[1], evA[0]}
	for i := range want {
		want[i].Time = micro(want[i].Time)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("audit of a: %+v, want %+v", got, want)
	}
	if got := page(a, 3, 1); len(got) != 1 || got[0].Seq != 2 {
		t.Fatalf("audit of a before 3, limit 1: %+v", got)
	}
	if got := page(a, 1, 10); len(got) != 0 {
		t.Fatalf("audit of a before 1: %+v", got)
	}
	if got := page(0, 0, 10); len(got) != 1 || got[0].Action != "login_failed" || got[0].Org != 0 {
		t.Fatalf("the installation's audit: %+v", got)
	}

	// Concurrent appends stay gapless, per organisation.
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for w := 0; w < writers; w++ {
		for _, org := range []ledger.OrgID{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					e := auth.AuditEvent{Org: org, Time: t0, Action: "export", Detail: fmt.Sprintf("writer %d, %d", w, i)}
					if err := s.AppendAudit(ctx, &e); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent append: %v", err)
	}
	for org, n := range map[ledger.OrgID]int64{a: 3 + writers*each, b: 1 + writers*each} {
		next, seen := int64(n), 0
		for cursor := int64(0); ; {
			got := page(org, cursor, 7)
			if len(got) == 0 {
				break
			}
			for _, e := range got {
				if e.Seq != next || e.Org != org {
					t.Fatalf("org %d: paging the log met seq %d (org %d), want %d", org, e.Seq, e.Org, next)
				}
				next--
				seen++
			}
			cursor = got[len(got)-1].Seq
		}
		if next != 0 || seen != int(n) {
			t.Fatalf("org %d: paged %d events down to seq %d, want %d down to 1", org, seen, next+1, n)
		}
	}

	// The database itself refuses to rewrite history.
	attacks := []string{
		"UPDATE audit SET detail = 'nothing happened' WHERE org_id = ? AND seq = 2",
		"DELETE FROM audit WHERE org_id = ? AND seq = 2",
		"DELETE FROM audit WHERE org_id = ?",
	}
	if dialect(s) == "sqlite" {
		attacks = append(attacks, "INSERT OR REPLACE INTO audit (org_id, seq, time_us, user_id, action, detail, ip) VALUES (?, 2, 0, 0, 'post', 'forged', '')")
	} else {
		attacks = append(attacks, "TRUNCATE audit")
	}
	for _, q := range attacks {
		var args []any
		if q != "TRUNCATE audit" {
			args = []any{int64(a)}
		}
		if err := execErr(ctx, s, rebind(s, q), args...); err == nil {
			t.Fatalf("raw SQL %q succeeded on the audit log", q)
		}
	}
	if got := page(a, 3, 1); len(got) != 1 || got[0] != want[1] {
		t.Fatalf("event 2 after the attacks: %+v, want %+v", got, want[1])
	}
}

// testAuditInPosting: an audit event appended through a Poster commits and
// rolls back with the entries it records.
func testAuditInPosting(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "acme")
	entry := ledger.Entry{Date: ledger.DateOf(2025, 3, 1), Postings: []ledger.Posting{f.posting(0, 1000, 0, 0)}}
	for _, commit := range []bool{false, true} {
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin post")
		e := entry
		_, err = p.Post(&e)
		ok(t, err, "post")
		ev := auth.AuditEvent{Org: f.org.ID, Action: "post", Detail: "entry"}
		ok(t, p.AppendAudit(&ev), "append audit in the posting transaction")
		other := auth.AuditEvent{Org: f.org.ID + 1000, Action: "post"}
		if err := p.AppendAudit(&other); err == nil {
			t.Fatal("a posting transaction took an audit event of another organisation")
		}
		if commit {
			ok(t, p.Commit(), "commit")
		} else {
			ok(t, p.Rollback(), "rollback")
		}
		got, err := s.Audit(ctx, f.org.ID, 0, 10)
		ok(t, err, "audit")
		if want := map[bool]int{false: 0, true: 1}[commit]; len(got) != want {
			t.Fatalf("commit %v: %d audit events, want %d", commit, len(got), want)
		}
	}
}
