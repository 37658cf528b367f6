package storetest

import (
	"cmp"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// randomBooks posts n random entries in transactions of 1 to 10 entries.
func randomBooks(t *testing.T, f *fixture, r *rand.Rand, n int) []ledger.Entry {
	t.Helper()
	var posted []ledger.Entry
	for len(posted) < n {
		var batch []ledger.Entry
		for k := min(r.IntN(10)+1, n-len(posted)); k > 0; k-- {
			batch = append(batch, f.randomEntry(r, randomDate(r, f.first, f.last)))
		}
		posted = append(posted, f.post(batch...)...)
	}
	return posted
}

func testTotals(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	f := newFixture(t, s, "tot")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(11, 12))
	randomBooks(t, o, r, 20)
	posted := randomBooks(t, f, r, 150)
	// Journal-style codes whose byte order ("F" < "f") differs from a
	// linguistic collation's: "sorted by key" means ledger.CompareKeys.
	for _, code := range []ledger.AccountCode{"Expenses:fees", "Expenses:Food", "expenses:misc", "Expenses:Food:Café"} {
		kind, class := ledger.KindForName(string(code))
		ok(t, s.PutAccount(t.Context(), f.org.ID, ledger.Account{Code: code, Kind: kind, Class: class}), "PutAccount "+string(code))
		posted = append(posted, f.post(entry(randomDate(r, f.first, f.last), "journal", ledger.Posting{Debit: side(code), Credit: side("80"), Amount: 1}))...)
	}
	scanned := scanAll(t, s, f.org.ID)
	sameEntries(t, scanned, posted, "scan")
	checkTotals(t, s, f.org.ID, derive(t, scanned))
	checkTotals(t, s, o.org.ID, derive(t, scanAll(t, s, o.org.ID)))
	ok(t, Verify(t.Context(), s, f.org.ID), "verify")
}

// turnoverKey is an account and currency.
type turnoverKey struct {
	acc ledger.AccountCode
	cur string
}

// wantTurnover sums turnover from entries the slow way.
func wantTurnover(t *testing.T, es []ledger.Entry, from, to ledger.Date) map[turnoverKey]ledger.Turnover {
	t.Helper()
	sum := map[turnoverKey]ledger.Turnover{}
	add := func(k turnoverKey, u ledger.Turnover) {
		v, err := sum[k].Add(u)
		ok(t, err, "sum turnover")
		sum[k] = v
	}
	for _, e := range es {
		if (from != ledger.NoDate && e.Date < from) || (to != ledger.NoDate && e.Date > to) {
			continue
		}
		for _, p := range e.Postings {
			if p.Debit.Account != "" {
				add(turnoverKey{p.Debit.Account, p.Debit.Currency}, ledger.Turnover{Debit: p.Amount, DebitCur: p.Debit.CurAmount, DebitQty: p.Debit.Qty})
			}
			if p.Credit.Account != "" {
				add(turnoverKey{p.Credit.Account, p.Credit.Currency}, ledger.Turnover{Credit: p.Amount, CreditCur: p.Credit.CurAmount, CreditQty: p.Credit.Qty})
			}
		}
	}
	for k, v := range sum {
		if v.IsZero() {
			delete(sum, k)
		}
	}
	return sum
}

// randomBound draws a period end: none, a month's first or last day, or any
// day around the books' range.
func randomBound(r *rand.Rand, f *fixture) ledger.Date {
	d := randomDate(r, f.first-45, f.last+45)
	switch r.IntN(6) {
	case 0:
		return ledger.NoDate
	case 1:
		return d.MonthStart()
	case 2:
		y, m, _ := d.YMD()
		return ledger.DateOf(y, m+1, 1) - 1
	}
	return d
}

func testTurnover(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "turn")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(13, 14))
	randomBooks(t, o, r, 15)
	posted := randomBooks(t, f, r, 120)

	check := func(from, to ledger.Date) {
		t.Helper()
		got, err := s.Turnover(ctx, f.org.ID, from, to)
		ok(t, err, "Turnover")
		if !slices.IsSortedFunc(got, func(a, b store.AccountTurnover) int {
			return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Currency, b.Currency))
		}) {
			t.Fatalf("Turnover(%s, %s) is not sorted by account and currency", from, to)
		}
		gotMap := map[turnoverKey]ledger.Turnover{}
		for _, a := range got {
			k := turnoverKey{a.Account, a.Currency}
			if _, dup := gotMap[k]; dup {
				t.Fatalf("Turnover(%s, %s) lists %s %s twice", from, to, a.Account, a.Currency)
			}
			if !a.Turnover.IsZero() {
				gotMap[k] = a.Turnover
			}
		}
		if want := wantTurnover(t, posted, from, to); !reflect.DeepEqual(gotMap, want) {
			t.Fatalf("Turnover(%q, %q):\n got  %v\n want %v", from, to, gotMap, want)
		}
	}
	d := ledger.DateOf
	fixed := [][2]ledger.Date{
		{ledger.NoDate, ledger.NoDate},
		{d(2024, 1, 1), d(2025, 12, 31)},
		{d(2024, 3, 1), d(2024, 3, 31)},   // one whole month
		{d(2024, 3, 5), d(2024, 3, 20)},   // inside one month
		{d(2024, 3, 1), d(2024, 3, 20)},   // month start to mid-month
		{d(2024, 3, 5), d(2024, 3, 31)},   // mid-month to month end
		{d(2024, 3, 5), d(2024, 4, 20)},   // two part months
		{d(2024, 3, 5), d(2024, 6, 20)},   // part, whole, part
		{d(2024, 12, 15), d(2025, 1, 15)}, // across the year end
		{d(2024, 2, 29), d(2024, 2, 29)},  // one day
		{d(2024, 5, 10), d(2024, 5, 9)},   // from after to
		{d(2025, 6, 1), d(2024, 6, 1)},
		{ledger.NoDate, d(2024, 6, 17)},
		{ledger.NoDate, d(2024, 6, 30)},
		{d(2024, 6, 17), ledger.NoDate},
		{d(2024, 6, 1), ledger.NoDate},
		{d(2020, 1, 1), d(2020, 12, 31)}, // before everything
	}
	for _, p := range fixed {
		check(p[0], p[1])
	}
	for i := 0; i < 300; i++ {
		check(randomBound(r, f), randomBound(r, f))
	}
	// Postings in any month between reads: a store that caches month
	// figures must see each of them at once (and the other
	// organisation's postings must change nothing here).
	for round := 0; round < 8; round++ {
		posted = append(posted, randomBooks(t, f, r, 1+r.IntN(6))...)
		randomBooks(t, o, r, 2)
		check(ledger.NoDate, ledger.NoDate)
		for i := 0; i < 10; i++ {
			check(randomBound(r, f), randomBound(r, f))
		}
	}
}

// testTotalsOverflow: stored totals are int64 like every amount; running
// past the range is an error that leaves the books as they were, never a
// wrapped or floating-point total.
func testTotalsOverflow(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "ovf")
	d := ledger.DateOf(2024, 9, 2)
	big := money.Amount(math.MaxInt64 - 10)
	first := f.post(entry(d, "big", f.posting(6, big, 0, 0)))

	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e := entry(d, "two big in one entry", f.posting(6, big, 0, 0), f.posting(6, 20, 0, 0))
	_, err = p.Post(&e)
	wantCode(t, err, ledger.EInvalid, "an entry whose own turnover overflows")
	ok(t, p.Rollback(), "rollback")

	p, err = s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e = entry(d, "overflows the stored total", f.posting(6, 20, 0, 0))
	_, err = p.Post(&e)
	ok(t, err, "post")
	if err := p.Commit(); err == nil {
		t.Fatalf("commit of a posting that overflows the stored totals succeeded; totals are now %v", mustTotals(t, s, f.org.ID))
	}
	sameEntries(t, scanAll(t, s, f.org.ID), first, "entries after the failed commit")
	checkTotals(t, s, f.org.ID, derive(t, first))
	ok(t, Verify(ctx, s, f.org.ID), "verify")

	// The next month's totals fit, but the year's (migration 0018) do not:
	// the same refusal.
	p, err = s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e = entry(d+31, "overflows the year totals", f.posting(6, 20, 0, 0))
	_, err = p.Post(&e)
	ok(t, err, "post")
	if err := p.Commit(); err == nil {
		t.Fatalf("commit of a posting that overflows the stored year totals succeeded")
	}
	checkTotals(t, s, f.org.ID, derive(t, first))
	ok(t, Verify(ctx, s, f.org.ID), "verify")

	// Per-month and per-year totals fit, but a period's sum does not.
	next := ledger.DateOf(2025, 1, 10)
	f.post(entry(next, "next year", f.posting(6, 20, 0, 0)))
	if got, err := s.Turnover(ctx, f.org.ID, ledger.NoDate, ledger.NoDate); err == nil {
		t.Fatalf("Turnover past the int64 range returned %v, want an error", got)
	}
	if got, err := s.Turnover(ctx, f.org.ID, d, next+5); err == nil {
		t.Fatalf("Turnover past the int64 range (day totals) returned %v, want an error", got)
	}
}

func mustTotals(t *testing.T, s store.Store, org ledger.OrgID) any {
	rows, err := s.Totals(t.Context(), org)
	if err != nil {
		return err
	}
	return rows
}
