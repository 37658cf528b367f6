package storetest

import (
	"reflect"
	"slices"
	"testing"

	"hasap/ledger"
)

// testAccountInUse: an account is in use once a posting names it on either
// side, in any organisation of its own only.
func testAccountInUse(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "use")
	other := newFixture(t, s, "other")
	inUse := func(org ledger.OrgID, code ledger.AccountCode) bool {
		t.Helper()
		used, err := s.AccountInUse(ctx, org, code)
		ok(t, err, "AccountInUse "+string(code))
		return used
	}
	for _, code := range []ledger.AccountCode{"62.01", "90.01", "62", "nope"} {
		if inUse(f.org.ID, code) {
			t.Fatalf("account %s is in use before anything was posted", code)
		}
	}
	f.post(entry(ledger.DateOf(2024, 3, 1), "sale", f.posting(1, 500, 0, 0)))
	if !inUse(f.org.ID, "62.01") || !inUse(f.org.ID, "90.01") {
		t.Fatal("the accounts of a posting (debit 62.01, credit 90.01) are not in use")
	}
	if inUse(f.org.ID, "62") {
		t.Fatal("the group account 62 is in use: only the exact code of a posting counts")
	}
	if inUse(other.org.ID, "62.01") {
		t.Fatal("a posting of one organisation put the account of another in use")
	}
	all, err := s.AccountsInUse(ctx, f.org.ID)
	ok(t, err, "AccountsInUse")
	if !slices.Equal(all, []ledger.AccountCode{"62.01", "90.01"}) {
		t.Fatalf("AccountsInUse = %v, want [62.01 90.01]", all)
	}
	if all, _ := s.AccountsInUse(ctx, other.org.ID); len(all) != 0 {
		t.Fatalf("AccountsInUse of an organisation without postings = %v", all)
	}
	// A single-sided off-balance posting counts too.
	f.post(entry(ledger.DateOf(2024, 3, 2), "custody", f.posting(8, 100, 2000, 0)))
	if !inUse(f.org.ID, "002") {
		t.Fatal("off-balance account 002 with a posting is not in use")
	}
}

// testRenameAccount: only an account without postings gets a new code, and
// its sub-accounts follow it.
func testRenameAccount(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "ren")
	other := newFixture(t, s, "other")

	ok(t, s.PutAccount(ctx, f.org.ID, ledger.Account{Code: "76", Names: ru("Расчёты с разными"), Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true}), "put 76")
	sub := ledger.Account{Code: "76.01", Parent: "76", Names: ru("Страхование"), Kind: ledger.ActivePassive, Class: ledger.Liability, Analytics: kinds(ledger.Counterparty)}
	ok(t, s.PutAccount(ctx, f.org.ID, sub), "put 76.01")
	ok(t, s.RenameAccount(ctx, f.org.ID, "76", "77"), "rename 76 to 77")
	ch, err := s.Chart(ctx, f.org.ID)
	ok(t, err, "Chart")
	if ch["76"] != nil || ch["77"] == nil || !ch["77"].Group {
		t.Fatalf("after the rename: 76 = %v, 77 = %v", ch["76"], ch["77"])
	}
	want := sub
	want.Parent = "77"
	if !reflect.DeepEqual(ch["76.01"], &want) {
		t.Fatalf("sub-account after its parent's rename = %+v, want %+v", ch["76.01"], want)
	}
	ok(t, s.RenameAccount(ctx, f.org.ID, "76.01", "77.01"), "rename a sub-account")
	ok(t, s.RenameAccount(ctx, f.org.ID, "77.01", "77.01"), "rename to the same code")

	wantCode(t, s.RenameAccount(ctx, f.org.ID, "77.01", "80"), ledger.EConflict, "rename to a taken code")
	wantCode(t, s.RenameAccount(ctx, f.org.ID, "nope", "78"), ledger.ENotFound, "rename of a missing account")
	wantCode(t, s.RenameAccount(ctx, f.org.ID, "77.01", " 78"), ledger.EInvalid, "rename to a bad code")
	wantCode(t, s.RenameAccount(ctx, other.org.ID, "77", "78"), ledger.ENotFound, "rename of another organisation's account")

	f.post(entry(ledger.DateOf(2024, 4, 1), "VAT", f.posting(6, 100, 0, 0)))
	wantCode(t, s.RenameAccount(ctx, f.org.ID, "68.02", "68.03"), ledger.EConflict, "rename of an account with postings")
	ch, _ = s.Chart(ctx, f.org.ID)
	if ch["68.02"] == nil || ch["68.03"] != nil {
		t.Fatal("a refused rename changed the chart")
	}
	if och, _ := s.Chart(ctx, other.org.ID); och["77"] != nil || och["76"] != nil {
		t.Fatal("a rename in one organisation reached another")
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

// testUpdateAnalytic: names change, kind, code and owner stay, and another
// organisation's entry or the wrong catalog is ENotFound.
func testUpdateAnalytic(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "upd")
	other := newFixture(t, s, "other")

	c, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Contract, "BUYER-1")
	ok(t, err, "contract")
	changed := c
	changed.Code, changed.Owner = "HACKED", f.supplier
	changed.Names = ledger.Names{TK: "Üpjünçilik şertnamasy", RU: "Договор поставки № 1", EN: "Supply contract 1"}
	before, err := s.AnalyticsByID(ctx, f.org.ID, []ledger.AnalyticID{c.ID}) // a store may cache names
	ok(t, err, "AnalyticsByID before the update")
	if before[c.ID].Names != c.Names {
		t.Fatalf("AnalyticsByID = %+v, want %+v", before[c.ID], c)
	}
	ok(t, s.UpdateAnalytic(ctx, f.org.ID, changed), "UpdateAnalytic")
	after, err := s.AnalyticsByID(ctx, f.org.ID, []ledger.AnalyticID{c.ID, c.ID, 0})
	ok(t, err, "AnalyticsByID after the update")
	if len(after) != 1 || after[c.ID].Names != changed.Names {
		t.Fatalf("AnalyticsByID after UpdateAnalytic = %+v, want the new names", after)
	}
	got, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Contract, "BUYER-1")
	ok(t, err, "contract after the update")
	want := c
	want.Names = changed.Names
	if got != want {
		t.Fatalf("after UpdateAnalytic = %+v, want %+v (only the names change)", got, want)
	}
	wrongKind := changed
	wrongKind.Kind = ledger.Counterparty
	wantCode(t, s.UpdateAnalytic(ctx, f.org.ID, wrongKind), ledger.ENotFound, "UpdateAnalytic in the wrong catalog")
	// Ids count per organisation: one that only f has is not found in other.
	extra := ledger.Analytic{Kind: ledger.Contract, Code: "BUYER-2", Owner: f.buyer}
	ok(t, s.CreateAnalytic(ctx, f.org.ID, &extra), "second contract")
	extra.Names.RU = "Чужой"
	wantCode(t, s.UpdateAnalytic(ctx, other.org.ID, extra), ledger.ENotFound, "UpdateAnalytic of an id only another organisation has")
	if oc, _ := s.AnalyticByCode(ctx, other.org.ID, ledger.Contract, "BUYER-1"); oc.Names == changed.Names {
		t.Fatal("UpdateAnalytic renamed another organisation's entry")
	}
}

// testAnalyticCounts counts each organisation's catalogs on their own.
func testAnalyticCounts(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "cnt")
	other := newFixture(t, s, "other")
	ok(t, s.CreateAnalytic(ctx, other.org.ID, &ledger.Analytic{Kind: ledger.Project, Code: "P1"}), "project in other")
	got, err := s.AnalyticCounts(ctx, f.org.ID)
	ok(t, err, "AnalyticCounts")
	want := map[ledger.AnalyticKind]int{ledger.CashFlowItem: 2, ledger.Counterparty: 2, ledger.Contract: 2, ledger.Item: 2, ledger.Warehouse: 1, ledger.Employee: 1}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("AnalyticCounts = %v, want %v", got, want)
	}
	got, _ = s.AnalyticCounts(ctx, other.org.ID)
	if got[ledger.Project] != 1 {
		t.Fatalf("AnalyticCounts of other = %v, want 1 project", got)
	}
}
