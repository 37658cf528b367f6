package storetest

import (
	"strings"
	"sync"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// testOrgSettings: an organisation's settings read as zero until the first
// save, come back as saved, belong to one organisation only, and a save
// naming a stale version (a lost update) is refused and changes nothing.
func testOrgSettings(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "settings")
	o := newFixture(t, s, "other")

	got, err := s.OrgSettings(ctx, f.org.ID)
	ok(t, err, "settings before any save")
	if got.Version != 0 || got.Details != (store.OrgDetails{}) || got.Posting != nil {
		t.Fatalf("settings before any save: %+v, want zero", got)
	}
	_, err = s.OrgSettings(ctx, ledger.OrgID(9999))
	wantCode(t, err, ledger.ENotFound, "settings of no organisation")

	details := store.OrgDetails{LegalName: "Hojalyk jogapkärçiligi çäklendirilen «Ak Ýol»", TaxID: "101234567890",
		Address: "Aşgabat ş., Görogly köç., 45", Phone: "+993 12 34-56-78", BankName: "«Türkmenistan» DTB",
		BankAccount: "TM12 3456 7890 1234 5678 90", BankCode: "390101201", Director: "Annaýew A.",
		ChiefAccountant: "Иванова И. И.", Cashier: "Berdiýewa G."}
	first := store.OrgSettings{Details: details, Posting: []byte(`{"DefaultVAT":"15"}`), Author: "owner@example"}
	ok(t, s.SaveOrgSettings(ctx, f.org.ID, &first), "first save")
	if first.Version != 1 || first.Updated.IsZero() {
		t.Fatalf("after the first save: version %d, updated %v", first.Version, first.Updated)
	}
	got, err = s.OrgSettings(ctx, f.org.ID)
	ok(t, err, "read back")
	if got.Details != details || string(got.Posting) != `{"DefaultVAT":"15"}` || got.Version != 1 ||
		got.Author != "owner@example" || !got.Updated.Equal(first.Updated) {
		t.Fatalf("read back %+v, want %+v", got, first)
	}
	other, err := s.OrgSettings(ctx, o.org.ID)
	ok(t, err, "another organisation's settings")
	if other.Version != 0 || other.Details != (store.OrgDetails{}) {
		t.Fatalf("another organisation sees %+v", other)
	}

	// A second first save, and a save of a version read before another
	// save, are lost updates: refused, nothing changes.
	again := store.OrgSettings{Details: store.OrgDetails{LegalName: "lost"}}
	wantCode(t, s.SaveOrgSettings(ctx, f.org.ID, &again), ledger.EConflict, "a second first save")
	second := got
	second.Details.Cashier, second.Posting = "Orazowa M.", nil
	ok(t, s.SaveOrgSettings(ctx, f.org.ID, &second), "second save")
	if second.Version != 2 {
		t.Fatalf("version after the second save %d, want 2", second.Version)
	}
	stale := got
	stale.Details.LegalName = "lost"
	wantCode(t, s.SaveOrgSettings(ctx, f.org.ID, &stale), ledger.EConflict, "a stale save")
	got, err = s.OrgSettings(ctx, f.org.ID)
	ok(t, err, "read after the refused saves")
	if got.Details.LegalName != details.LegalName || got.Details.Cashier != "Orazowa M." || got.Posting != nil || got.Version != 2 {
		t.Fatalf("after the refused saves: %+v", got)
	}

	// Bad input is refused and changes nothing.
	for name, bad := range map[string]store.OrgSettings{
		"long text":        {Details: store.OrgDetails{Address: strings.Repeat("a", store.MaxDetailText+1)}, Version: 2},
		"not UTF-8":        {Details: store.OrgDetails{TaxID: "\xff"}, Version: 2},
		"long posting":     {Posting: make([]byte, store.MaxPostingSettings+1), Version: 2},
		"negative version": {Version: -1},
	} {
		wantCode(t, s.SaveOrgSettings(ctx, f.org.ID, &bad), ledger.EInvalid, name)
	}
	wantCode(t, s.SaveOrgSettings(ctx, ledger.OrgID(9999), &store.OrgSettings{}), ledger.ENotFound, "save for no organisation")
	if after, _ := s.OrgSettings(ctx, f.org.ID); after.Version != 2 || after.Details != got.Details {
		t.Fatalf("a refused save changed the settings: %+v", after)
	}

	// Two saves of the same version at once: exactly one wins.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := got
			c.Details.Phone = strings.Repeat("1", i+1)
			errs[i] = s.SaveOrgSettings(ctx, f.org.ID, &c)
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("two saves of version 2 at once: %v and %v; want one to win", errs[0], errs[1])
	}
	for _, err := range errs {
		if err != nil {
			wantCode(t, err, ledger.EConflict, "the losing save")
		}
	}
}
