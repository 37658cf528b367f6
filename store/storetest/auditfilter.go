package storetest

import (
	"fmt"
	"testing"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// testAuditWhere: the audit log read by action and by user, newest first,
// paged by seq, and never another organisation's events.
func testAuditWhere(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a, b := newOrg(t, s, "a"), newOrg(t, s, "b")
	u, v := newUser(t, s, "u@example.com"), newUser(t, s, "v@example.com")
	add := func(org ledger.OrgID, user auth.UserID, action string) {
		t.Helper()
		e := auth.AuditEvent{Org: org, Time: t0, User: user, Action: action, Detail: "d"}
		ok(t, s.AppendAudit(ctx, &e), "append audit")
	}
	// a: 1 u login, 2 v post, 3 u verify, 4 v verify, 5 system post, 6 u post
	add(a, u.ID, "login")
	add(a, v.ID, "post")
	add(a, u.ID, "verify")
	add(a, v.ID, "verify")
	add(a, 0, "post")
	add(a, u.ID, "post")
	add(b, u.ID, "verify")
	add(b, v.ID, "post")
	seqs := func(f store.AuditFilter) string {
		t.Helper()
		got, err := s.AuditWhere(ctx, a, f)
		ok(t, err, "audit where")
		var out []int64
		for _, e := range got {
			if e.Org != a {
				t.Fatalf("event of organisation %d in a's log", e.Org)
			}
			out = append(out, e.Seq)
		}
		return fmt.Sprint(out)
	}
	for _, tc := range []struct {
		f    store.AuditFilter
		want string
	}{
		{store.AuditFilter{}, "[6 5 4 3 2 1]"},
		{store.AuditFilter{Action: "post"}, "[6 5 2]"},
		{store.AuditFilter{Action: "post", BeforeSeq: 6}, "[5 2]"},
		{store.AuditFilter{Action: "verify", Limit: 1}, "[4]"},
		{store.AuditFilter{User: u.ID}, "[6 3 1]"},
		{store.AuditFilter{User: v.ID, Action: "verify"}, "[4]"},
		{store.AuditFilter{User: v.ID, Action: "login"}, "[]"},
		{store.AuditFilter{Action: "nothing"}, "[]"},
	} {
		if got := seqs(tc.f); got != tc.want {
			t.Errorf("AuditWhere(%+v) = seqs %s, want %s", tc.f, got, tc.want)
		}
	}
	got, err := s.AuditWhere(ctx, b, store.AuditFilter{User: u.ID})
	ok(t, err, "audit where of b")
	if len(got) != 1 || got[0].Action != "verify" || got[0].Org != b {
		t.Fatalf("b's events of u: %+v", got)
	}
}
