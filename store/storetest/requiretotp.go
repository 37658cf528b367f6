package storetest

import (
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// testRequireTOTP: an organisation's "owners must use two-factor" setting
// starts off (or as created), is read back by every way of loading an
// organisation, and belongs to that organisation alone.
func testRequireTOTP(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a := newOrg(t, s, "a")
	b := newOrg(t, s, "b")
	strict := ledger.Org{Code: "strict", Name: "Strict", Currency: money.MustLookup("TMT"), Chart: "empty", LockDate: ledger.NoDate, RequireTOTP: true}
	ok(t, s.CreateOrg(ctx, &strict, nil), "create org with RequireTOTP")
	want := func(id ledger.OrgID, code string, on bool) {
		t.Helper()
		o, err := s.Org(ctx, id)
		ok(t, err, "org")
		byCode, err := s.OrgByCode(ctx, code)
		ok(t, err, "org by code")
		if o.RequireTOTP != on || byCode.RequireTOTP != on {
			t.Fatalf("org %s: RequireTOTP %v (by id), %v (by code), want %v", code, o.RequireTOTP, byCode.RequireTOTP, on)
		}
		all, err := s.Orgs(ctx)
		ok(t, err, "orgs")
		for _, x := range all {
			if x.ID == id && x.RequireTOTP != on {
				t.Fatalf("org %s in Orgs: RequireTOTP %v, want %v", code, x.RequireTOTP, on)
			}
		}
	}
	want(a, "a", false)
	want(strict.ID, "strict", true)
	ok(t, s.SetRequireTOTP(ctx, a, true), "require TOTP in a")
	want(a, "a", true)
	want(b, "b", false)
	ok(t, s.SetRequireTOTP(ctx, a, true), "require TOTP in a again")
	want(a, "a", true)
	ok(t, s.SetRequireTOTP(ctx, strict.ID, false), "stop requiring TOTP")
	want(strict.ID, "strict", false)
	wantCode(t, s.SetRequireTOTP(ctx, 999999, true), ledger.ENotFound, "RequireTOTP of a missing organisation")
}
