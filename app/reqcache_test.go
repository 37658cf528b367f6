package app_test

import (
	"context"
	"sync/atomic"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// lookups counts the store reads Authorize makes.
type lookups struct {
	store.Store
	orgs, members atomic.Int64
}

func (l *lookups) OrgByCode(ctx context.Context, code string) (ledger.Org, error) {
	l.orgs.Add(1)
	return l.Store.OrgByCode(ctx, code)
}

func (l *lookups) Membership(ctx context.Context, org ledger.OrgID, user auth.UserID) (auth.Membership, error) {
	l.members.Add(1)
	return l.Store.Membership(ctx, org, user)
}

// TestRequestCache: within one request the organisation and the role are
// looked up once, the permission is still checked on every call, and the
// memo answers for nobody but the actor it was filled for.
func TestRequestCache(t *testing.T) {
	w := newWorld(t)
	count := &lookups{Store: w.a.Store}
	w.a.Store = count
	ctx := app.WithRequestCache(context.Background())
	viewer, accountant, foreign := w.actors["viewer"], w.actors["accountant"], w.actors["foreign"]

	for range 5 {
		if _, role, err := w.a.Authorize(ctx, viewer, "a", auth.ReadBooks); err != nil || role != auth.Viewer {
			t.Fatalf("viewer reads: role %q, %v", role, err)
		}
		if _, _, err := w.a.Authorize(ctx, viewer, "a", auth.PostEntries); !ledger.IsCode(err, ledger.EForbidden) {
			t.Fatalf("viewer posts from the memo: %v, want EForbidden", err)
		}
	}
	if o, m := count.orgs.Load(), count.members.Load(); o != 1 || m != 1 {
		t.Errorf("10 authorizations in one request made %d organisation and %d membership reads, want 1 and 1", o, m)
	}
	if _, _, err := w.a.Authorize(ctx, viewer, "b", auth.ReadBooks); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("viewer in another organisation: %v, want ENotFound", err)
	}
	// Other actors in the same context (no handler does that) are looked
	// up afresh, never answered with the viewer's role.
	if _, role, err := w.a.Authorize(ctx, accountant, "a", auth.PostEntries); err != nil || role != auth.Accountant {
		t.Errorf("accountant after the viewer's memo: role %q, %v", role, err)
	}
	if _, _, err := w.a.Authorize(ctx, foreign, "a", auth.ReadBooks); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("foreign user after the viewer's memo: %v, want ENotFound", err)
	}

	// MyOrgs fills the memo for the organisation switcher's pages.
	ctx = app.WithRequestCache(context.Background())
	if _, err := w.a.MyOrgs(ctx, accountant); err != nil {
		t.Fatal(err)
	}
	before := count.orgs.Load()
	if _, _, err := w.a.Authorize(ctx, accountant, "a", auth.PostEntries); err != nil {
		t.Fatal(err)
	}
	if count.orgs.Load() != before {
		t.Error("Authorize after MyOrgs read the organisation again")
	}
}
