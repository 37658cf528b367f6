package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

func testOrgs(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	b := newFixture(t, s, "beta")
	a := newFixture(t, s, "alpha")
	if a.org.ID == 0 || a.org.ID == b.org.ID {
		t.Fatalf("CreateOrg ids: alpha %d, beta %d", a.org.ID, b.org.ID)
	}
	if a.org.Created.IsZero() {
		t.Fatal("CreateOrg did not stamp Created")
	}

	dup := ledger.Org{Code: "alpha", Name: "Other", Currency: money.MustLookup("TMT"), LockDate: ledger.NoDate}
	wantCode(t, s.CreateOrg(ctx, &dup, testChart()), ledger.EConflict, "duplicate org code")
	bad := ledger.Org{Code: "has space", Name: "x", Currency: money.MustLookup("TMT"), LockDate: ledger.NoDate}
	wantCode(t, s.CreateOrg(ctx, &bad, nil), ledger.EInvalid, "org code with a space")
	dupAcc := ledger.Org{Code: "gamma", Name: "Gamma", Currency: money.MustLookup("USD"), LockDate: ledger.NoDate}
	wantCode(t, s.CreateOrg(ctx, &dupAcc, append(testChart(), testChart()[0])), ledger.EConflict, "chart with a duplicate account")
	if _, err := s.OrgByCode(ctx, "gamma"); ledger.ErrorCode(err) != ledger.ENotFound {
		t.Fatalf("a failed CreateOrg left organisation gamma behind: %v", err)
	}

	got, err := s.Org(ctx, a.org.ID)
	ok(t, err, "Org")
	if !reflect.DeepEqual(got, a.org) {
		t.Fatalf("Org = %+v, want %+v", got, a.org)
	}
	got, err = s.OrgByCode(ctx, "beta")
	ok(t, err, "OrgByCode")
	if !reflect.DeepEqual(got, b.org) {
		t.Fatalf("OrgByCode = %+v, want %+v", got, b.org)
	}
	_, err = s.Org(ctx, a.org.ID+b.org.ID+100)
	wantCode(t, err, ledger.ENotFound, "Org of an unknown id")
	_, err = s.OrgByCode(ctx, "nope")
	wantCode(t, err, ledger.ENotFound, "OrgByCode of an unknown code")

	z := newFixture(t, s, "Zeta")
	orgs, err := s.Orgs(ctx)
	ok(t, err, "Orgs")
	if !reflect.DeepEqual(orgs, []ledger.Org{z.org, a.org, b.org}) {
		t.Fatalf("Orgs = %+v, want Zeta, alpha, beta (byte order of the codes)", orgs)
	}

	lock := ledger.DateOf(2024, 3, 31)
	ok(t, s.SetLockDate(ctx, a.org.ID, lock), "SetLockDate")
	got, _ = s.Org(ctx, a.org.ID)
	if got.LockDate != lock {
		t.Fatalf("lock date %s, want %s", got.LockDate, lock)
	}
	if got, _ := s.Org(ctx, b.org.ID); got.LockDate != ledger.NoDate {
		t.Fatalf("SetLockDate of alpha moved beta's lock date to %s", got.LockDate)
	}
	ok(t, s.SetLockDate(ctx, a.org.ID, ledger.NoDate), "clear lock date")
	got, _ = s.Org(ctx, a.org.ID)
	if got.LockDate != ledger.NoDate {
		t.Fatalf("cleared lock date reads back as %s", got.LockDate)
	}
	wantCode(t, s.SetLockDate(ctx, a.org.ID+b.org.ID+100, lock), ledger.ENotFound, "SetLockDate of an unknown org")

	h, err := s.Head(ctx, a.org.ID)
	ok(t, err, "Head of a new org")
	if h.Seq != 0 || h.Hash != (ledger.Hash{}) || len(h.Years) != 0 {
		t.Fatalf("Head of a new org = %+v, want empty", h)
	}
	ok(t, Verify(ctx, s, a.org.ID), "verify an empty org")
}

func testAccounts(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "acc")
	other := newFixture(t, s, "other")

	ch, err := s.Chart(ctx, f.org.ID)
	ok(t, err, "Chart")
	want := ledger.Chart{}
	for _, a := range testChart() {
		want[a.Code] = &a
	}
	if !reflect.DeepEqual(ch, want) {
		t.Fatalf("Chart differs from what CreateOrg stored:\n got  %v\n want %v", ch, want)
	}

	// Insert, then update freely while the account has no postings.
	acc := ledger.Account{Code: "70", Names: ru("Расчёты с персоналом"), Kind: ledger.Passive, Class: ledger.Liability, Analytics: kinds(ledger.Employee)}
	ok(t, s.PutAccount(ctx, f.org.ID, acc), "PutAccount insert")
	acc.Kind, acc.Class, acc.Names.EN = ledger.ActivePassive, ledger.Liability, "Payroll"
	ok(t, s.PutAccount(ctx, f.org.ID, acc), "PutAccount update without postings")
	ch, _ = s.Chart(ctx, f.org.ID)
	if !reflect.DeepEqual(ch["70"], &acc) {
		t.Fatalf("account 70 = %+v, want %+v", ch["70"], acc)
	}
	if och, _ := s.Chart(ctx, other.org.ID); och["70"] != nil {
		t.Fatal("PutAccount of one org added the account to another")
	}
	wantCode(t, s.PutAccount(ctx, f.org.ID, ledger.Account{Code: "71", Kind: "X", Class: ledger.Asset}), ledger.EInvalid, "PutAccount with a bad kind")

	// Once posted to, only names, parent and active state may change.
	f.post(entry(ledger.DateOf(2024, 2, 1), "wages", ledger.Posting{Debit: side("90.02"), Credit: side("70", f.employee), Amount: 100}))
	changes := map[string]func(a *ledger.Account){
		"kind":      func(a *ledger.Account) { a.Kind = ledger.Passive },
		"class":     func(a *ledger.Account) { a.Class = ledger.Expense },
		"currency":  func(a *ledger.Account) { a.Currency = true },
		"quantity":  func(a *ledger.Account) { a.Quantity = true },
		"group":     func(a *ledger.Account) { a.Group = true },
		"analytics": func(a *ledger.Account) { a.Analytics = kinds(ledger.Employee, ledger.Project) },
	}
	for what, change := range changes {
		b := acc
		change(&b)
		wantCode(t, s.PutAccount(ctx, f.org.ID, b), ledger.EConflict, "changing the "+what+" of an account with postings")
	}
	ch, _ = s.Chart(ctx, f.org.ID)
	if !reflect.DeepEqual(ch["70"], &acc) {
		t.Fatalf("a refused PutAccount changed account 70 to %+v", ch["70"])
	}
	renamed := acc
	renamed.Names = ledger.Names{TK: "Işgärler bilen hasaplaşyklar", RU: "Расчёты по оплате труда", EN: "Payroll"}
	renamed.Parent = "80"
	ok(t, s.PutAccount(ctx, f.org.ID, renamed), "renaming an account with postings")
	renamed.Inactive = true
	ok(t, s.PutAccount(ctx, f.org.ID, renamed), "deactivating an account with postings")
	ch, _ = s.Chart(ctx, f.org.ID)
	if !reflect.DeepEqual(ch["70"], &renamed) {
		t.Fatalf("account 70 = %+v, want %+v", ch["70"], renamed)
	}
	// The poster sees the deactivation at once (no stale chart cache).
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e := entry(ledger.DateOf(2024, 2, 2), "wages", ledger.Posting{Debit: side("90.02"), Credit: side("70", f.employee), Amount: 100})
	_, err = p.Post(&e)
	wantCode(t, err, ledger.EInvalid, "posting to a deactivated account")
	ok(t, p.Rollback(), "rollback")
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

// testPutAccountRace: a PutAccount that would change an account's kind must
// not slip in while a posting transaction is about to give the account its
// first postings.
func testPutAccountRace(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "race")
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e := entry(ledger.DateOf(2024, 5, 5), "VAT", f.posting(6, 100, 0, 0))
	_, err = p.Post(&e)
	ok(t, err, "post")
	done := make(chan error, 1)
	go func() {
		a := chartAccount("68.02")
		a.Kind = ledger.Active
		done <- s.PutAccount(ctx, f.org.ID, a)
	}()
	select {
	case err := <-done:
		ok(t, p.Rollback(), "rollback")
		t.Fatalf("PutAccount finished (%v) while a posting transaction of the organisation was open; it must wait for it", err)
	case <-time.After(200 * time.Millisecond):
	}
	ok(t, p.Commit(), "commit")
	wantCode(t, <-done, ledger.EConflict, "changing the kind of an account that got postings meanwhile")
	ch, _ := s.Chart(ctx, f.org.ID)
	if ch["68.02"].Kind != ledger.Passive {
		t.Fatalf("account 68.02 has kind %s after the race", ch["68.02"].Kind)
	}
}

func testAnalytics(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "an")
	other := newFixture(t, s, "other")

	a := ledger.Analytic{Kind: ledger.Counterparty, Code: "ROMA-2", Names: ledger.Names{RU: "ИП Ромашкин", TK: "Romaşkin", EN: "Romashkin Ltd"}}
	ok(t, s.CreateAnalytic(ctx, f.org.ID, &a), "CreateAnalytic")
	lower := ledger.Analytic{Kind: ledger.Counterparty, Code: "buyer-2", Names: ledger.Names{RU: "Покупатель 2"}}
	ok(t, s.CreateAnalytic(ctx, f.org.ID, &lower), "CreateAnalytic")
	if a.ID == 0 {
		t.Fatal("CreateAnalytic did not set the id")
	}
	dup := ledger.Analytic{Kind: ledger.Counterparty, Code: "ROMA-2"}
	wantCode(t, s.CreateAnalytic(ctx, f.org.ID, &dup), ledger.EConflict, "duplicate analytic")
	sameCode := ledger.Analytic{Kind: ledger.Project, Code: "ROMA-2"}
	ok(t, s.CreateAnalytic(ctx, f.org.ID, &sameCode), "same code in another catalog")
	inOther := ledger.Analytic{Kind: ledger.Counterparty, Code: "ROMA-2"}
	ok(t, s.CreateAnalytic(ctx, other.org.ID, &inOther), "same code in another organisation")
	wantCode(t, s.CreateAnalytic(ctx, f.org.ID, &ledger.Analytic{Kind: "planet", Code: "X"}), ledger.EInvalid, "unknown catalog")
	wantCode(t, s.CreateAnalytic(ctx, f.org.ID, &ledger.Analytic{Kind: ledger.Item, Code: " "}), ledger.EInvalid, "blank code")

	got, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Counterparty, "ROMA-2")
	ok(t, err, "AnalyticByCode")
	if got != a {
		t.Fatalf("AnalyticByCode = %+v, want %+v", got, a)
	}
	_, err = s.AnalyticByCode(ctx, f.org.ID, ledger.Item, "ROMA-2")
	wantCode(t, err, ledger.ENotFound, "AnalyticByCode in the wrong catalog")
	contract, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Contract, "BUYER-1")
	ok(t, err, "AnalyticByCode contract")
	if contract.Owner != f.buyer {
		t.Fatalf("contract owner %d, want %d", contract.Owner, f.buyer)
	}

	codes := func(as []ledger.Analytic) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Code)
		}
		return out
	}
	search := []struct {
		search string
		limit  int
		want   []string
	}{
		{"", 0, []string{"BUYER", "ROMA-2", "SUPPLIER", "buyer-2"}}, // byte order of the codes
		{"", 2, []string{"BUYER", "ROMA-2"}},
		{"buyer", 0, []string{"BUYER", "buyer-2"}},
		{"покупатель", 0, []string{"buyer-2"}},
		{"roma", 0, []string{"ROMA-2"}},           // code, any case
		{"ромаш", 0, []string{"BUYER", "ROMA-2"}}, // Russian name, any case
		{"РОМАШ", 0, []string{"BUYER", "ROMA-2"}},
		{"TÜRKMEN", 0, []string{"SUPPLIER"}}, // Turkmen letters, any case
		{"ltd", 0, []string{"ROMA-2"}},       // English name
		{"%", 0, nil},                        // LIKE wildcards are literal
		{"_", 0, nil},
		{"nobody", 0, nil},
	}
	for _, c := range search {
		as, err := s.Analytics(ctx, f.org.ID, ledger.Counterparty, c.search, c.limit)
		ok(t, err, "Analytics "+c.search)
		if !slices.Equal(codes(as), c.want) {
			t.Fatalf("Analytics(counterparty, %q, %d) = %v, want %v", c.search, c.limit, codes(as), c.want)
		}
	}
	as, _ := s.Analytics(ctx, f.org.ID, ledger.Counterparty, "roma-2", 0)
	if len(as) != 1 || as[0] != a {
		t.Fatalf("Analytics returned %+v, want %+v", as, a)
	}

	byID, err := s.AnalyticsByID(ctx, f.org.ID, []ledger.AnalyticID{a.ID, f.item1, 0, a.ID})
	ok(t, err, "AnalyticsByID")
	if len(byID) != 2 || byID[a.ID] != a || byID[f.item1].Code != "ITEM-1" {
		t.Fatalf("AnalyticsByID = %+v", byID)
	}
	_, err = s.AnalyticsByID(ctx, f.org.ID, []ledger.AnalyticID{a.ID + 1000})
	wantCode(t, err, ledger.ENotFound, "AnalyticsByID of an unknown id")

	// More than one query's worth (they are read in chunks of 500), a
	// second time from the cache, and another organisation's id refused.
	var many []ledger.AnalyticID
	for i := range 1100 {
		x := ledger.Analytic{Kind: ledger.Counterparty, Code: fmt.Sprintf("MANY-%04d", i), Names: ru(fmt.Sprintf("Много %d", i))}
		ok(t, s.CreateAnalytic(ctx, f.org.ID, &x), "CreateAnalytic")
		many = append(many, x.ID)
	}
	for range 2 {
		byID, err = s.AnalyticsByID(ctx, f.org.ID, many)
		ok(t, err, "AnalyticsByID of 1 100")
		if len(byID) != len(many) || byID[many[1099]].Code != "MANY-1099" || byID[many[500]].Code != "MANY-0500" {
			t.Fatalf("AnalyticsByID of 1 100: %d, last %+v", len(byID), byID[many[1099]])
		}
	}
	stranger := newFixture(t, s, "stranger")
	_, err = s.AnalyticsByID(ctx, stranger.org.ID, []ledger.AnalyticID{stranger.item1, many[700]})
	wantCode(t, err, ledger.ENotFound, "AnalyticsByID of another organisation's id")
}

func testRates(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "rates")
	other := newFixture(t, s, "other")
	d := ledger.DateOf
	ok(t, s.PutRate(ctx, f.org.ID, "USD", d(2024, 1, 10), money.MustRate("3.5")), "PutRate")
	ok(t, s.PutRate(ctx, f.org.ID, "USD", d(2024, 2, 1), money.MustRate("3.49")), "PutRate")
	ok(t, s.PutRate(ctx, f.org.ID, "USD", d(2024, 2, 1), money.MustRate("3.4975")), "PutRate overwrite")
	ok(t, s.PutRate(ctx, f.org.ID, "EUR", d(2024, 1, 1), money.MustRate("3.8")), "PutRate EUR")
	ok(t, s.PutRate(ctx, other.org.ID, "USD", d(2023, 1, 1), money.MustRate("19.5")), "PutRate other org")
	wantCode(t, s.PutRate(ctx, f.org.ID, "XXY", d(2024, 1, 1), money.MustRate("1")), ledger.EInvalid, "PutRate of an unknown currency")
	wantCode(t, s.PutRate(ctx, f.org.ID, "USD", d(2024, 1, 1), money.Rate{}), ledger.EInvalid, "PutRate of a zero rate")
	// PutRates is all or nothing: a batch with one bad rate writes none.
	wantCode(t, s.PutRates(ctx, f.org.ID, []store.RateRow{
		{Currency: "JPY", Date: d(2024, 1, 1), Rate: money.MustRate("0.025")},
		{Currency: "JPY", Date: d(2024, 1, 2), Rate: money.Rate{}},
	}), ledger.EInvalid, "PutRates with a zero rate")
	_, _, err := s.RateOn(ctx, f.org.ID, "JPY", d(2024, 12, 31))
	wantCode(t, err, ledger.ENotFound, "RateOn after a refused PutRates")
	ok(t, s.PutRates(ctx, other.org.ID, []store.RateRow{
		{Currency: "GBP", Date: d(2022, 1, 1), Rate: money.MustRate("4.4")},
		{Currency: "GBP", Date: d(2022, 1, 1), Rate: money.MustRate("4.5")},
	}), "PutRates")
	if r, _, err := s.RateOn(ctx, other.org.ID, "GBP", d(2022, 1, 1)); err != nil || r != money.MustRate("4.5") {
		t.Fatalf("PutRates: the later of two rates of a day wins: %v %v", r, err)
	}

	cases := []struct {
		cur      string
		on       ledger.Date
		rate     string
		from     ledger.Date
		notFound bool
	}{
		{"USD", d(2024, 1, 9), "", 0, true},
		{"USD", d(2024, 1, 10), "3.5", d(2024, 1, 10), false},
		{"USD", d(2024, 1, 31), "3.5", d(2024, 1, 10), false},
		{"USD", d(2024, 2, 1), "3.4975", d(2024, 2, 1), false},
		{"USD", d(2030, 1, 1), "3.4975", d(2024, 2, 1), false},
		{"EUR", d(2024, 1, 9), "3.8", d(2024, 1, 1), false},
		{"JPY", d(2024, 1, 9), "", 0, true},
	}
	for _, c := range cases {
		r, from, err := s.RateOn(ctx, f.org.ID, c.cur, c.on)
		if c.notFound {
			wantCode(t, err, ledger.ENotFound, "RateOn "+c.cur+" "+c.on.String())
			continue
		}
		ok(t, err, "RateOn")
		if r != money.MustRate(c.rate) || from != c.from {
			t.Fatalf("RateOn(%s, %s) = %s from %s, want %s from %s", c.cur, c.on, r, from, c.rate, c.from)
		}
	}
}

// testAccountParents: PutAccount refuses a missing parent and a cycle.
func testAccountParents(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "acme")
	a := ledger.Account{Code: "X1", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "x"}}
	ok(t, s.PutAccount(ctx, f.org.ID, a), "put X1")
	b := ledger.Account{Code: "X2", Parent: "X1", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "y"}}
	ok(t, s.PutAccount(ctx, f.org.ID, b), "put X2 under X1")
	a.Parent = "X2"
	wantCode(t, s.PutAccount(ctx, f.org.ID, a), ledger.EInvalid, "X1 under its own child")
	c := ledger.Account{Code: "X3", Parent: "nope", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "z"}}
	wantCode(t, s.PutAccount(ctx, f.org.ID, c), ledger.EInvalid, "a missing parent")
}
