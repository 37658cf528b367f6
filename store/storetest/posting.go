package storetest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

func testPost(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "post")
	start := time.Date(2024, 3, 1, 9, 0, 0, 0, time.FixedZone("Asia/Ashgabat", 5*3600))
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{Now: fixedClock(start)})
	ok(t, err, "begin post")
	defer p.Rollback()
	if got := p.Org(); !reflect.DeepEqual(got, f.org) {
		t.Fatalf("Poster.Org = %+v, want %+v", got, f.org)
	}
	if _, err := p.Chart().Get("62.01"); err != nil {
		t.Fatalf("Poster.Chart: %v", err)
	}
	es := []ledger.Entry{
		entry(ledger.DateOf(2024, 3, 1), "sale", f.posting(1, 118_00, 0, 0), f.posting(6, 18_00, 0, 0)),
		entry(ledger.DateOf(2024, 3, 2), "payment", f.posting(0, 118_00, 0, 0)),
	}
	var prev ledger.Hash
	for i := range es {
		e := &es[i]
		e.Org, e.Seq, e.Number = 999, 999, 999 // the store overrides whatever the caller set
		replay, err := p.Post(e)
		ok(t, err, "post")
		if replay {
			t.Fatal("Post without an idempotency key reported a replay")
		}
		wantAt := start.Add(time.Duration(i+1) * time.Second).UTC()
		switch {
		case e.Org != f.org.ID:
			t.Fatalf("entry org %d, want %d", e.Org, f.org.ID)
		case e.Seq != int64(i+1) || e.Year != 2024 || e.Number != int64(i+1):
			t.Fatalf("entry %d: seq %d, year %d, number %d", i, e.Seq, e.Year, e.Number)
		case !e.PostedAt.Equal(wantAt) || e.PostedAt.Location() != time.UTC:
			t.Fatalf("PostedAt %v, want %v in UTC truncated to microseconds", e.PostedAt, wantAt)
		case e.PrevHash != prev:
			t.Fatalf("entry %d: PrevHash %s, want %s", i, e.PrevHash, prev)
		}
		if h, _ := e.ComputeHash(prev, nil); h != e.Hash || h == (ledger.Hash{}) {
			t.Fatalf("entry %d: Hash %s, want %s", i, e.Hash, h)
		}
		prev = e.Hash
	}
	if h := f.head(); h.Seq != 0 {
		t.Fatalf("uncommitted entries are visible: head %+v", h)
	}
	ok(t, p.Commit(), "commit")
	wantCode(t, p.Commit(), ledger.EInternal, "second Commit")
	_, err = p.Post(&ledger.Entry{})
	wantCode(t, err, ledger.EInternal, "Post after Commit")
	ok(t, p.Rollback(), "Rollback after Commit is a no-op")

	h := f.head()
	if h.Seq != 2 || h.Hash != prev || !reflect.DeepEqual(h.Years, map[int]int64{2024: 2}) {
		t.Fatalf("head %+v, want seq 2, hash %s, years 2024:2", h, prev)
	}
	sameEntries(t, scanAll(t, s, f.org.ID), es, "read back")
	checkTotals(t, s, f.org.ID, derive(t, es))
	ok(t, Verify(ctx, s, f.org.ID), "verify")
	ok(t, VerifyCheckpoint(ctx, s, f.org.ID, Checkpoint{h.Seq, h.Hash}), "verify against the current head")
}

func testReadBack(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "read")
	other := newFixture(t, s, "other")
	other.post(other.randomEntry(rand.New(rand.NewPCG(7, 7)), ledger.DateOf(2024, 1, 5)))

	r := rand.New(rand.NewPCG(1, 2))
	var posted []ledger.Entry
	for tx := 0; tx < 6; tx++ {
		var batch []ledger.Entry
		for i := 0; i < 5; i++ {
			e := f.randomEntry(r, randomDate(r, f.first, f.last))
			if i == 0 {
				e.IdemKey = "read-" + string(rune('a'+tx))
			}
			if i == 1 && len(posted) > 0 {
				e.Reverses = posted[r.IntN(len(posted))].Seq
			}
			if tx == 0 && i == 2 {
				e.Description = strings.Repeat("ж", ledger.MaxTextLen/2) // the longest text, in two-byte runes
				e.Document, e.Author = "", ""
			}
			batch = append(batch, e)
		}
		posted = append(posted, f.post(batch...)...)
	}
	sameEntries(t, scanAll(t, s, f.org.ID), posted, "ScanEntries")
	for _, want := range posted {
		got, err := s.Entry(ctx, f.org.ID, want.Seq)
		ok(t, err, "Entry")
		sameEntry(t, got, want, "Entry")
		got, err = s.EntryByNumber(ctx, f.org.ID, want.Year, want.Number)
		ok(t, err, "EntryByNumber")
		sameEntry(t, got, want, "EntryByNumber")
	}
	var tail []ledger.Entry
	ok(t, s.ScanEntries(ctx, f.org.ID, 17, func(e *ledger.Entry) error {
		c := *e
		c.Postings = append([]ledger.Posting(nil), e.Postings...)
		tail = append(tail, c)
		return nil
	}), "ScanEntries from 17")
	sameEntries(t, tail, posted[16:], "ScanEntries from 17")

	ok(t, s.Snapshot(ctx, func(rd store.Reader) error {
		got, err := rd.Entry(ctx, f.org.ID, 3)
		ok(t, err, "Snapshot Entry")
		sameEntry(t, got, posted[2], "Snapshot Entry")
		got, err = rd.EntryByNumber(ctx, f.org.ID, posted[4].Year, posted[4].Number)
		ok(t, err, "Snapshot EntryByNumber")
		sameEntry(t, got, posted[4], "Snapshot EntryByNumber")
		n := 0
		ok(t, rd.ScanEntries(ctx, f.org.ID, 1, func(e *ledger.Entry) error {
			sameEntry(t, *e, posted[n], "Snapshot ScanEntries")
			n++
			return nil
		}), "Snapshot ScanEntries")
		if n != len(posted) {
			t.Fatalf("Snapshot ScanEntries saw %d entries, want %d", n, len(posted))
		}
		return nil
	}), "Snapshot")

	n := int64(len(posted))
	_, err := s.Entry(ctx, f.org.ID, n+1)
	wantCode(t, err, ledger.ENotFound, "Entry past the head")
	_, err = s.Entry(ctx, f.org.ID, 0)
	wantCode(t, err, ledger.ENotFound, "Entry 0")
	_, err = s.EntryByNumber(ctx, f.org.ID, 2024, 10_000)
	wantCode(t, err, ledger.ENotFound, "EntryByNumber past the end")
	_, err = s.Entry(ctx, other.org.ID, 2)
	wantCode(t, err, ledger.ENotFound, "Entry of another organisation")
	if got := scanAll(t, s, other.org.ID); len(got) != 1 || got[0].Org != other.org.ID {
		t.Fatalf("the other organisation sees %d entries", len(got))
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
	ok(t, Verify(ctx, s, other.org.ID), "verify other")
}

// invalidCase is an entry the store must refuse, and the code it must give.
type invalidCase struct {
	name string
	code ledger.Code
	bad  func(f *fixture, d ledger.Date) ledger.Entry
}

// invalidCases are entries whose last posting breaks one rule each.
func invalidCases(foreign ledger.AnalyticID) []invalidCase {
	with := func(p ledger.Posting, change func(p *ledger.Posting)) ledger.Posting {
		change(&p)
		return p
	}
	one := func(mk func(f *fixture) ledger.Posting) func(f *fixture, d ledger.Date) ledger.Entry {
		return func(f *fixture, d ledger.Date) ledger.Entry {
			return entry(d, "bad", f.posting(0, 500, 0, 0), mk(f))
		}
	}
	return []invalidCase{
		{"unknown account", ledger.ENotFound, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("59"), Credit: side("80"), Amount: 1}
		})},
		{"group account", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("62", f.buyer, f.sale), Credit: side("90.01"), Amount: 1}
		})},
		{"inactive account", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("51", f.cfIn), Credit: side("62.02", f.buyer, f.sale), Amount: 1}
		})},
		{"missing analytic", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("62.01", f.buyer), Credit: side("90.01"), Amount: 1}
		})},
		{"extra analytic", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("62.01", f.buyer, f.sale, f.item1), Credit: side("90.01"), Amount: 1}
		})},
		{"wrong kind of analytic", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("62.01", f.item1, f.sale), Credit: side("90.01"), Amount: 1}
		})},
		{"unknown analytic", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("51", 1_000_000), Credit: side("80"), Amount: 1}
		})},
		{"analytic of another organisation", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("62.01", foreign, f.sale), Credit: side("90.01"), Amount: 1}
		})},
		{"currency on a non-currency account", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return with(f.posting(0, 1, 0, 0), func(p *ledger.Posting) { p.Debit.Currency, p.Debit.CurAmount = "USD", 1 })
		})},
		{"base currency as a foreign one", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return with(f.posting(5, 1, 0, 1), func(p *ledger.Posting) { p.Debit.Currency = "TMT" })
		})},
		{"unknown currency", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return with(f.posting(5, 1, 0, 1), func(p *ledger.Posting) { p.Debit.Currency = "XXY" })
		})},
		{"quantity on a non-quantity account", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return with(f.posting(1, 1, 0, 0), func(p *ledger.Posting) { p.Credit.Qty = 5 })
		})},
		{"off-balance against a balance account", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("002"), Credit: side("80"), Amount: 1}
		})},
		{"single-sided balance posting", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return ledger.Posting{Debit: side("80"), Amount: 1}
		})},
		{"zero posting", ledger.EInvalid, one(func(f *fixture) ledger.Posting {
			return f.posting(1, 0, 0, 0)
		})},
		{"no postings", ledger.EInvalid, func(f *fixture, d ledger.Date) ledger.Entry { return entry(d, "empty") }},
		{"reverses a future entry", ledger.EInvalid, func(f *fixture, d ledger.Date) ledger.Entry {
			e := entry(d, "bad reversal", f.posting(1, 1, 0, 0))
			e.Reverses = 1 << 40
			return e
		}},
		{"year out of range", ledger.EInvalid, func(f *fixture, d ledger.Date) ledger.Entry {
			return entry(ledger.DateOf(10000, 1, 1), "far future", f.posting(1, 1, 0, 0))
		}},
	}
}

func testValidation(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	other := newFixture(t, s, "other")
	f := newFixture(t, s, "valid")
	// other has analytics f lacks: other's last id does not exist in f.
	extra := ledger.Analytic{Kind: ledger.Counterparty, Code: "ONLY-IN-OTHER"}
	for i := 0; i < 5; i++ {
		extra.ID, extra.Code = 0, "ONLY-IN-OTHER-"+string(rune('A'+i))
		ok(t, s.CreateAnalytic(ctx, other.org.ID, &extra), "create analytic in other")
	}

	// Each bad entry follows good ones in the same transaction; the
	// transaction is rolled back and nothing may remain.
	d := ledger.DateOf(2024, 6, 10)
	check := func(name string, code ledger.Code, bad ledger.Entry) {
		t.Helper()
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin post")
		good := []ledger.Entry{entry(d, "good", f.posting(1, 700, 0, 0)), entry(d, "good", f.posting(2, 300, 7, 0))}
		good[1].IdemKey = "good-" + name
		for i := range good {
			_, err := p.Post(&good[i])
			ok(t, err, name+": good entry")
		}
		_, err = p.Post(&bad)
		if ledger.ErrorCode(err) != code {
			p.Rollback()
			t.Fatalf("%s: Post returned %v (code %q), want code %q", name, err, ledger.ErrorCode(err), code)
		}
		ok(t, p.Rollback(), name+": rollback")
		if h := f.head(); h.Seq != 0 || h.Hash != (ledger.Hash{}) || len(h.Years) != 0 {
			t.Fatalf("%s: head %+v after rollback", name, h)
		}
		if es := scanAll(t, s, f.org.ID); len(es) != 0 {
			t.Fatalf("%s: %d entries after rollback", name, len(es))
		}
		checkTotals(t, s, f.org.ID, ledger.NewDerived())
	}
	for _, c := range invalidCases(extra.ID) {
		check(c.name, c.code, c.bad(f, d))
	}

	lock := ledger.DateOf(2024, 6, 30)
	ok(t, s.SetLockDate(ctx, f.org.ID, lock), "set lock date")
	d = lock + 1
	check("on the lock date", ledger.ELocked, entry(lock, "locked", f.posting(1, 1, 0, 0)))
	check("before the lock date", ledger.ELocked, entry(ledger.DateOf(2023, 12, 31), "locked", f.posting(1, 1, 0, 0)))
	posted := f.post(entry(lock+1, "the day after the lock date", f.posting(1, 1, 0, 0)))
	if posted[0].Number != 1 {
		t.Fatalf("first committed entry has number %d, want 1", posted[0].Number)
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
	ok(t, Verify(ctx, s, other.org.ID), "verify other")
}

func testRollback(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "rb")
	r := rand.New(rand.NewPCG(3, 4))
	d := ledger.DateOf(2024, 4, 1)

	rollback := func(n int) {
		t.Helper()
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin post")
		for i := 0; i < n; i++ {
			e := f.randomEntry(r, d+ledger.Date(i))
			e.IdemKey = "rolled-back-" + string(rune('a'+i))
			_, err := p.Post(&e)
			ok(t, err, "post")
		}
		ok(t, p.Rollback(), "rollback")
		wantCode(t, p.Commit(), ledger.EInternal, "Commit after Rollback")
	}

	rollback(3)
	if h := f.head(); h.Seq != 0 || len(h.Years) != 0 {
		t.Fatalf("head %+v after a rolled-back transaction on an empty ledger", h)
	}
	checkTotals(t, s, f.org.ID, ledger.NewDerived())

	first := f.post(f.randomEntry(r, d), f.randomEntry(r, d+40))
	h := f.head()
	rollback(4)
	if got := f.head(); !reflect.DeepEqual(got, h) {
		t.Fatalf("head %+v after rollback, want %+v", got, h)
	}
	sameEntries(t, scanAll(t, s, f.org.ID), first, "entries after rollback")
	checkTotals(t, s, f.org.ID, derive(t, first))

	// The numbers and keys of the rolled-back entries are free again.
	e := f.randomEntry(r, d+3)
	e.IdemKey = "rolled-back-a"
	next := f.post(e)
	if next[0].Seq != 3 || next[0].Number != 3 {
		t.Fatalf("entry after rollbacks: seq %d number %d, want 3 and 3", next[0].Seq, next[0].Number)
	}
	all := append(first, next...)
	checkNumbers(t, scanAll(t, s, f.org.ID))
	checkTotals(t, s, f.org.ID, derive(t, all))
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

func testAccountsInTransaction(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "addacc")
	d := ledger.DateOf(2024, 7, 1)
	acc := ledger.Account{Code: "70", Names: ru("Расчёты с персоналом"), Kind: ledger.Passive, Class: ledger.Liability, Analytics: kinds(ledger.Employee)}

	attempt := func(commit bool) ledger.AnalyticID {
		t.Helper()
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin post")
		defer p.Rollback()
		ok(t, p.AddAccount(acc), "AddAccount")
		if _, ok := p.Chart()["70"]; !ok {
			t.Fatal("Poster.Chart lacks the account just added")
		}
		wantCode(t, p.AddAccount(chartAccount("51")), ledger.EConflict, "AddAccount of an existing account")
		emp := ledger.Analytic{Kind: ledger.Employee, Code: "EMP-2", Names: ru("Петров П. П.")}
		ok(t, p.AddAnalytic(&emp), "AddAnalytic")
		again := ledger.Analytic{Kind: ledger.Employee, Code: "EMP-2"}
		ok(t, p.AddAnalytic(&again), "AddAnalytic of the same code")
		if again != emp {
			t.Fatalf("AddAnalytic of an existing code returned %+v, want %+v", again, emp)
		}
		old := ledger.Analytic{Kind: ledger.Employee, Code: "EMP-1"}
		ok(t, p.AddAnalytic(&old), "AddAnalytic of a committed code")
		if old.ID != f.employee {
			t.Fatalf("AddAnalytic of EMP-1 returned id %d, want %d", old.ID, f.employee)
		}
		e := entry(d, "wages", ledger.Posting{Debit: side("90.02"), Credit: side("70", emp.ID), Amount: 5000})
		_, err = p.Post(&e)
		ok(t, err, "post to the new account")
		if commit {
			ok(t, p.Commit(), "commit")
		} else {
			ok(t, p.Rollback(), "rollback")
		}
		return emp.ID
	}

	empID := attempt(false)
	ch, _ := s.Chart(ctx, f.org.ID)
	if ch["70"] != nil {
		t.Fatal("a rolled-back AddAccount left the account in the chart")
	}
	_, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Employee, "EMP-2")
	wantCode(t, err, ledger.ENotFound, "a rolled-back AddAnalytic")
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	e := entry(d, "wages", ledger.Posting{Debit: side("90.02"), Credit: side("70", f.employee), Amount: 5000})
	_, err = p.Post(&e)
	wantCode(t, err, ledger.ENotFound, "posting to a rolled-back account")
	e = entry(d, "wages", ledger.Posting{Debit: side("51", empID), Credit: side("80"), Amount: 5000})
	_, err = p.Post(&e)
	if ledger.ErrorCode(err) != ledger.EInvalid {
		p.Rollback()
		t.Fatalf("posting with a rolled-back analytic id %d: %v, want %q", empID, err, ledger.EInvalid)
	}
	ok(t, p.Rollback(), "rollback")

	attempt(true)
	ch, _ = s.Chart(ctx, f.org.ID)
	if !reflect.DeepEqual(ch["70"], &acc) {
		t.Fatalf("committed AddAccount: chart has %+v, want %+v", ch["70"], acc)
	}
	if _, err := s.AnalyticByCode(ctx, f.org.ID, ledger.Employee, "EMP-2"); err != nil {
		t.Fatalf("committed AddAnalytic: %v", err)
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

func testNumbering(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "num")
	r := rand.New(rand.NewPCG(5, 6))
	y24, y25, y26 := ledger.DateOf(2024, 12, 31), ledger.DateOf(2025, 1, 1), ledger.DateOf(2026, 6, 1)
	var es []ledger.Entry
	es = append(es, f.post(f.randomEntry(r, y24), f.randomEntry(r, y24))...)
	es = append(es, f.post(f.randomEntry(r, y25), f.randomEntry(r, y24-100), f.randomEntry(r, y26), f.randomEntry(r, y25+3))...)
	es = append(es, f.post(f.randomEntry(r, y24))...)
	want := []struct {
		year   int
		number int64
	}{{2024, 1}, {2024, 2}, {2025, 1}, {2024, 3}, {2026, 1}, {2025, 2}, {2024, 4}}
	for i, w := range want {
		if es[i].Year != w.year || es[i].Number != w.number {
			t.Fatalf("entry seq %d (%s): %d/%d, want %d/%d", es[i].Seq, es[i].Date, es[i].Year, es[i].Number, w.year, w.number)
		}
	}
	years := checkNumbers(t, scanAll(t, s, f.org.ID))
	if h := f.head(); !reflect.DeepEqual(h.Years, years) || !reflect.DeepEqual(years, map[int]int64{2024: 4, 2025: 2, 2026: 1}) {
		t.Fatalf("head years %v, entries give %v", h.Years, years)
	}
	got, err := s.EntryByNumber(ctx, f.org.ID, 2025, 1)
	ok(t, err, "EntryByNumber")
	sameEntry(t, got, es[2], "EntryByNumber 2025/1")
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

func testIdempotency(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "idem")
	d := ledger.DateOf(2024, 8, 1)
	mk := func(key string, amount money.Amount) ledger.Entry {
		e := entry(d, "invoice 17", f.posting(1, amount, 0, 0), f.posting(3, amount/2, 1500, 0))
		e.IdemKey = key
		return e
	}
	postOne := func(e *ledger.Entry) (bool, error) {
		t.Helper()
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin post")
		defer p.Rollback()
		replay, err := p.Post(e)
		if err != nil {
			return replay, err
		}
		return replay, p.Commit()
	}

	first := mk("k1", 1000)
	replay, err := postOne(&first)
	ok(t, err, "first post")
	if replay {
		t.Fatal("first use of a key reported a replay")
	}
	h := f.head()

	// Across transactions: a fresh copy, and the sealed entry handed back.
	for _, retry := range []ledger.Entry{mk("k1", 1000), first} {
		replay, err = postOne(&retry)
		ok(t, err, "retry")
		if !replay {
			t.Fatal("retry with the same key and content was not a replay")
		}
		sameEntry(t, retry, first, "replayed entry")
	}
	if got := f.head(); !reflect.DeepEqual(got, h) {
		t.Fatalf("a replay moved the head from %+v to %+v", h, got)
	}
	other := mk("k1", 1001)
	_, err = postOne(&other)
	wantCode(t, err, ledger.EConflict, "same key, other content")

	// Within one transaction.
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	a, b := mk("k2", 2000), mk("k2", 2000)
	_, err = p.Post(&a)
	ok(t, err, "post k2")
	replay, err = p.Post(&b)
	ok(t, err, "repost k2")
	if !replay {
		t.Fatal("the same key twice in one transaction was not a replay")
	}
	sameEntry(t, b, a, "replay within a transaction")
	c := mk("k2", 2001)
	_, err = p.Post(&c)
	wantCode(t, err, ledger.EConflict, "same key, other content, same transaction")
	ok(t, p.Rollback(), "rollback")

	p, err = s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin post")
	a, b = mk("k2", 2000), mk("k2", 2000)
	_, err = p.Post(&a)
	ok(t, err, "post k2")
	replay, err = p.Post(&b)
	if err != nil || !replay {
		t.Fatalf("repost k2: replay %v, %v", replay, err)
	}
	ok(t, p.Commit(), "commit")
	got := scanAll(t, s, f.org.ID)
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2 (k1 and k2 once each)", len(got))
	}
	sameEntry(t, got[1], a, "k2")

	// A retry gets the first result even after the period was closed.
	ok(t, s.SetLockDate(ctx, f.org.ID, d+10), "lock")
	retry := mk("k1", 1000)
	replay, err = postOne(&retry)
	if err != nil || !replay {
		t.Fatalf("retry after the lock date passed the entry: replay %v, %v", replay, err)
	}
	sameEntry(t, retry, first, "retry after lock")
	checkNumbers(t, scanAll(t, s, f.org.ID))
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

// testBulk: PostOptions.Bulk may change how the store writes, never what it
// writes. Batches of rows (stores batch at most 500) fill up exactly at the
// end of a transaction, and right after each one fills a keyed entry of that
// batch is replayed: a store that writes behind must catch up first.
func testBulk(t *testing.T, open func(t *testing.T) Store) {
	const batchRows = 500
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "bulk")
	r := rand.New(rand.NewPCG(21, 22))
	var posted []ledger.Entry
	for _, shape := range []struct{ entries, postings int }{{1000, 1}, {500, 3}, {7, 2}} {
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{Bulk: true})
		ok(t, err, "begin bulk post")
		var keyed ledger.Entry
		for i := 0; i < shape.entries; i++ {
			e := entry(randomDate(r, f.first, f.last), fmt.Sprintf("bulk %d", i))
			for k := 0; k < shape.postings; k++ {
				e.Postings = append(e.Postings, f.randomPosting(r))
			}
			if i%97 == 3 {
				e.IdemKey = fmt.Sprintf("bulk-%d", len(posted))
			}
			if _, err := p.Post(&e); err != nil {
				p.Rollback()
				t.Fatalf("bulk post %d: %v", i, err)
			}
			if e.IdemKey != "" {
				keyed = e
			}
			posted = append(posted, e)
			crossed := (i+1)%batchRows == 0 || (i+1)*shape.postings/batchRows > i*shape.postings/batchRows
			if crossed || i == shape.entries-1 {
				retry := keyed
				retry.Seq, retry.Number, retry.PostedAt = 0, 0, time.Time{}
				replay, err := p.Post(&retry)
				if err != nil || !replay {
					p.Rollback()
					t.Fatalf("replay of %s after entry %d of a bulk transaction: replay %v, %v", keyed.IdemKey, i, replay, err)
				}
				sameEntry(t, retry, keyed, "replay in a bulk transaction")
			}
		}
		ok(t, p.Commit(), "commit bulk")
		sameEntries(t, scanAll(t, s, f.org.ID), posted, fmt.Sprintf("after a bulk transaction of %d×%d", shape.entries, shape.postings))
	}
	checkNumbers(t, posted)
	checkTotals(t, s, f.org.ID, derive(t, posted))
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}
