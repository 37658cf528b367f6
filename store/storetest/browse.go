package storetest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// browseWindow is implemented by stores whose ListEntries first tests the
// newest entries one by one and then turns to indexes (*sqldb.DB): the
// suite shrinks the window so that a small ledger takes both ways.
type browseWindow interface{ SetBrowseWindow(n int) }

// browseBooks is a store with two organisations: f with random books plus
// accounts whose codes test sub-account matching, and a bystander o.
type browseBooks struct {
	s      Store
	f, o   *fixture
	posted []ledger.Entry // f's entries in chain order, as ScanEntries reads them
	parent map[ledger.AccountCode]ledger.AccountCode
}

func newBrowseBooks(t *testing.T, open func(t *testing.T) Store, n int) *browseBooks {
	t.Helper()
	s := open(t)
	bb := &browseBooks{s: s, f: newFixture(t, s, "browse"), o: newFixture(t, s, "bystander"),
		parent: map[ledger.AccountCode]ledger.AccountCode{}}
	f := bb.f
	r := rand.New(rand.NewPCG(21, 22))
	randomBooks(t, bb.o, r, 30)
	// "620" and "Expo" continue "62" and "Exp" without a separator: they are
	// not sub-accounts. "Exp:Food" and "Exp.Misc" are, by code alone.
	for _, code := range []ledger.AccountCode{"620", "Exp", "Exp:Food", "Exp.Misc", "Expo"} {
		ok(t, s.PutAccount(t.Context(), f.org.ID, ledger.Account{Code: code, Kind: ledger.Active, Class: ledger.Expense}), "PutAccount "+string(code))
	}
	for _, a := range testChart() {
		bb.parent[a.Code] = a.Parent
	}
	extra := []ledger.AccountCode{"620", "Exp:Food", "Exp.Misc", "Expo"}
	for len(bb.posted) < n {
		var batch []ledger.Entry
		for k := min(r.IntN(20)+1, n-len(bb.posted)); k > 0; k-- {
			e := f.randomEntry(r, randomDate(r, f.first, f.last))
			if r.IntN(8) == 0 {
				acc := extra[r.IntN(len(extra))]
				e.Postings = append(e.Postings, ledger.Posting{Debit: side(acc), Credit: side("80"), Amount: money.Amount(r.Int64N(50_000) + 1)})
			}
			if r.IntN(15) == 0 { // an entry with 62.01 on both sides
				e.Postings = append(e.Postings, ledger.Posting{Debit: side("62.01", f.buyer, f.sale), Credit: side("62.01", f.supplier, f.purchase), Amount: 77_00})
			}
			batch = append(batch, e)
		}
		bb.posted = append(bb.posted, f.post(batch...)...)
	}
	randomBooks(t, bb.o, r, 30)
	// The brute force below works on what ScanEntries reads back.
	scanned := scanAll(t, s, f.org.ID)
	sameEntries(t, scanned, bb.posted, "ScanEntries")
	bb.posted = scanned
	if dialect(s) == "postgres" {
		// As autovacuum would by now: without statistics PostgreSQL takes
		// every table for a few rows and nests loops it should not.
		exec(t, s, "ANALYZE")
	}
	return bb
}

// under reports whether account c is acc or below it, worked out from the
// test chart's parents and the code separators, independently of the store.
func (bb *browseBooks) under(c, acc ledger.AccountCode) bool {
	if c == acc || strings.HasPrefix(string(c), string(acc)+".") || strings.HasPrefix(string(c), string(acc)+":") {
		return true
	}
	for p := bb.parent[c]; p != ""; p = bb.parent[p] {
		if p == acc {
			return true
		}
	}
	return false
}

func hasAnalytic(s ledger.Side, id ledger.AnalyticID) bool {
	return slices.Contains(s.Analytics[:], id)
}

// matches is ListEntries' filter, the slow way.
func (bb *browseBooks) matches(e *ledger.Entry, f store.EntryFilter) bool {
	if (f.From != ledger.NoDate && e.Date < f.From) || (f.To != ledger.NoDate && e.Date > f.To) {
		return false
	}
	if f.Text != "" {
		t := strings.ToLower(f.Text)
		if !strings.Contains(strings.ToLower(e.Description), t) && !strings.Contains(strings.ToLower(e.Document), t) {
			return false
		}
	}
	for _, p := range e.Postings {
		if f.Account != "" && !(p.Debit.Account != "" && bb.under(p.Debit.Account, f.Account)) &&
			!(p.Credit.Account != "" && bb.under(p.Credit.Account, f.Account)) {
			continue
		}
		if f.Analytic != 0 && !hasAnalytic(p.Debit, f.Analytic) && !hasAnalytic(p.Credit, f.Analytic) {
			continue
		}
		if (f.MinAmount != 0 && p.Amount < f.MinAmount) || (f.MaxAmount != 0 && p.Amount > f.MaxAmount) {
			continue
		}
		return true
	}
	return false
}

// listAll pages through ListEntries with f and returns every entry seen,
// checking each page on the way.
func (bb *browseBooks) listAll(t *testing.T, f store.EntryFilter) []ledger.Entry {
	t.Helper()
	var all []ledger.Entry
	limit := f.Limit
	if limit == 0 {
		limit = store.DefaultEntryLimit
	}
	for page := 0; ; page++ {
		got, err := bb.s.ListEntries(t.Context(), bb.f.org.ID, f)
		ok(t, err, "ListEntries")
		if len(got) > limit {
			t.Fatalf("ListEntries(%+v) returned %d entries, limit %d", f, len(got), limit)
		}
		for _, e := range got {
			if f.BeforeSeq != 0 && e.Seq >= f.BeforeSeq {
				t.Fatalf("ListEntries(%+v) returned seq %d, not below the cursor", f, e.Seq)
			}
			f.BeforeSeq = e.Seq
		}
		all = append(all, got...)
		if len(got) < limit {
			return all
		}
		if page > len(bb.posted) {
			t.Fatalf("ListEntries(%+v) pages on and on", f)
		}
	}
}

// checkList compares ListEntries with f against the brute-force filter.
func (bb *browseBooks) checkList(t *testing.T, f store.EntryFilter) int {
	t.Helper()
	var want []ledger.Entry
	for i := len(bb.posted) - 1; i >= 0; i-- {
		if (f.BeforeSeq == 0 || bb.posted[i].Seq < f.BeforeSeq) && bb.matches(&bb.posted[i], f) {
			want = append(want, bb.posted[i])
		}
	}
	got := bb.listAll(t, f)
	if len(got) != len(want) {
		t.Fatalf("ListEntries(%+v) visits %d entries, want %d", f, len(got), len(want))
	}
	sameEntries(t, got, want, fmt.Sprintf("ListEntries(%+v)", f))
	return len(want)
}

func testListEntries(t *testing.T, open func(t *testing.T) Store) {
	bb := newBrowseBooks(t, open, 400)
	f := bb.f
	d := ledger.DateOf
	open_ := store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate}
	with := func(change func(*store.EntryFilter)) store.EntryFilter {
		x := open_
		change(&x)
		return x
	}
	filters := []store.EntryFilter{
		open_,
		with(func(x *store.EntryFilter) { x.Limit = 7 }),
		with(func(x *store.EntryFilter) { x.Limit = 1000 }), // at most MaxEntryLimit
		with(func(x *store.EntryFilter) { x.BeforeSeq = 123; x.Limit = 9 }),
		with(func(x *store.EntryFilter) { x.From, x.To = d(2024, 3, 17), d(2024, 5, 2) }),
		with(func(x *store.EntryFilter) { x.From = d(2025, 11, 5) }),
		with(func(x *store.EntryFilter) { x.To = d(2024, 1, 20); x.Limit = 3 }),
		with(func(x *store.EntryFilter) { x.From, x.To = d(2024, 6, 9), d(2024, 6, 9) }),
		with(func(x *store.EntryFilter) { x.From, x.To = d(2024, 6, 10), d(2024, 6, 9) }),
		with(func(x *store.EntryFilter) { x.Account = "62" }),
		with(func(x *store.EntryFilter) { x.Account = "62"; x.Limit = 4 }),
		with(func(x *store.EntryFilter) { x.Account = "62.01"; x.Limit = 11 }),
		with(func(x *store.EntryFilter) { x.Account = "620" }),
		with(func(x *store.EntryFilter) { x.Account = "62.0" }),
		with(func(x *store.EntryFilter) { x.Account = "6" }),
		with(func(x *store.EntryFilter) { x.Account = "Exp" }),
		with(func(x *store.EntryFilter) { x.Account = "41"; x.Limit = 5 }),
		with(func(x *store.EntryFilter) { x.Account = "002" }),
		with(func(x *store.EntryFilter) { x.Account = "51"; x.From, x.To = d(2025, 2, 10), d(2025, 4, 30) }),
		with(func(x *store.EntryFilter) { x.Analytic = f.buyer }),
		with(func(x *store.EntryFilter) { x.Analytic = f.wh; x.Limit = 13 }),
		with(func(x *store.EntryFilter) { x.Analytic = f.employee }),
		with(func(x *store.EntryFilter) { x.Text = "ЦЕМЕНТ" }),
		with(func(x *store.EntryFilter) { x.Text = "doc-1"; x.Limit = 6 }),
		with(func(x *store.EntryFilter) { x.Text = "«КАВЫЧКИ»" }),
		with(func(x *store.EntryFilter) { x.Text = "\tand\n" }),
		with(func(x *store.EntryFilter) { x.Text = "%" }),
		with(func(x *store.EntryFilter) { x.Text = "_" }),
		with(func(x *store.EntryFilter) { x.MinAmount = 9_000_000 }),
		with(func(x *store.EntryFilter) { x.MaxAmount = -1 }),
		with(func(x *store.EntryFilter) { x.MinAmount, x.MaxAmount = 100_000, 200_000 }),
		with(func(x *store.EntryFilter) {
			x.Account, x.Analytic, x.MinAmount, x.From = "62", f.buyer, 1_000_000, d(2024, 5, 15)
		}),
		with(func(x *store.EntryFilter) { x.Account, x.Text, x.MaxAmount, x.Limit = "51", "о", 5_000_000, 8 }),
	}
	// Bounds on the very day of an entry, with and without its account.
	for _, i := range []int{37, 150, 299} {
		e := bb.posted[i]
		acc := e.Postings[0].Debit.Account
		if acc == "" {
			acc = e.Postings[0].Credit.Account
		}
		filters = append(filters,
			with(func(x *store.EntryFilter) { x.From, x.To = e.Date, e.Date }),
			with(func(x *store.EntryFilter) { x.From, x.Account = e.Date, acc }),
			with(func(x *store.EntryFilter) { x.To, x.Account = e.Date, acc }),
			with(func(x *store.EntryFilter) { x.From, x.To, x.Account, x.Limit = e.Date, e.Date, acc, 1 }))
	}
	bw, small := bb.s.(browseWindow)
	check := func(x store.EntryFilter) {
		t.Helper()
		bb.checkList(t, x)
		if small {
			bw.SetBrowseWindow(16)
			bb.checkList(t, x)
			bw.SetBrowseWindow(0)
		}
	}
	for _, x := range filters {
		check(x)
	}
	// "62" means 62 and its sub-accounts, never 620: the entries whose only
	// candidate posting is to 620 are left out, and those to 62's
	// sub-accounts by code ("Exp:Food" for "Exp") are in.
	for _, c := range []struct {
		acc, other ledger.AccountCode
		in         bool
	}{{"62", "620", false}, {"620", "620", true}, {"Exp", "Exp:Food", true}, {"Exp", "Exp.Misc", true}, {"Exp", "Expo", false}} {
		listed := map[int64]bool{}
		for _, e := range bb.listAll(t, with(func(x *store.EntryFilter) { x.Account = c.acc; x.Limit = store.MaxEntryLimit })) {
			listed[e.Seq] = true
		}
		n := 0
		for _, e := range bb.posted {
			has, rival := false, false
			for _, p := range e.Postings {
				for _, a := range []ledger.AccountCode{p.Debit.Account, p.Credit.Account} {
					has = has || a == c.other
					rival = rival || (a != "" && a != c.other && bb.under(a, c.acc))
				}
			}
			if has && !rival {
				n++
				if listed[e.Seq] != c.in {
					t.Fatalf("entry seq %d, with %s but nothing else under %s: listed for %s is %v, want %v", e.Seq, c.other, c.acc, c.acc, listed[e.Seq], c.in)
				}
			}
		}
		if n == 0 {
			t.Fatalf("the books have no entry with %s and nothing else under %s", c.other, c.acc)
		}
	}
	// Random combinations.
	r := rand.New(rand.NewPCG(23, 24))
	accounts := []ledger.AccountCode{"", "", "51", "62", "60.01", "41.01", "90", "52", "Exp"}
	analytics := []ledger.AnalyticID{0, 0, f.buyer, f.cfIn, f.item1, f.sale}
	texts := []string{"", "", "", "оплата", "INVOICE", "haryt ", "doc-2"}
	for i := 0; i < 25; i++ {
		x := open_
		if r.IntN(2) == 0 {
			x.From = randomBound(r, f)
		}
		if r.IntN(2) == 0 {
			x.To = randomBound(r, f)
		}
		x.Account, x.Analytic, x.Text = accounts[r.IntN(len(accounts))], analytics[r.IntN(len(analytics))], texts[r.IntN(len(texts))]
		if r.IntN(3) == 0 {
			x.MinAmount = money.Amount(r.Int64N(6_000_000))
		}
		if r.IntN(3) == 0 {
			x.MaxAmount = money.Amount(r.Int64N(10_000_000))
		}
		x.Limit = []int{0, 1, 5, 20}[r.IntN(4)]
		check(x)
	}
}

// cardKey is a card line's position: the cursor of the next page.
type cardKey struct {
	date ledger.Date
	seq  int64
	line int
}

// wantCard lists an account's card lines from entries, the slow way.
func wantCard(es []ledger.Entry, acc ledger.AccountCode, an ledger.AnalyticID, from, to ledger.Date) []store.CardLine {
	var out []store.CardLine
	for _, e := range es {
		if (from != ledger.NoDate && e.Date < from) || (to != ledger.NoDate && e.Date > to) {
			continue
		}
		for i, p := range e.Postings {
			l := store.CardLine{Seq: e.Seq, Line: i + 1, Date: e.Date, Year: e.Year, Number: e.Number, Description: e.Description,
				Document: e.Document, Amount: p.Amount}
			if p.Debit.Account == acc && (an == 0 || hasAnalytic(p.Debit, an)) {
				l.Debit, l.Side, l.Other = true, p.Debit, p.Credit
				out = append(out, l)
			}
			if p.Credit.Account == acc && (an == 0 || hasAnalytic(p.Credit, an)) {
				l.Debit, l.Side, l.Other = false, p.Credit, p.Debit
				out = append(out, l)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b store.CardLine) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.Line, b.Line))
	})
	return out
}

// addLine adds a card line to a turnover.
func addLine(t *testing.T, sum ledger.Turnover, l store.CardLine) ledger.Turnover {
	t.Helper()
	u := ledger.Turnover{Credit: l.Amount, CreditCur: l.Side.CurAmount, CreditQty: l.Side.Qty}
	if l.Debit {
		u = ledger.Turnover{Debit: l.Amount, DebitCur: l.Side.CurAmount, DebitQty: l.Side.Qty}
	}
	sum, err := sum.Add(u)
	ok(t, err, "add card line")
	return sum
}

// readCard pages through AccountCard with page size limit.
func readCard(t *testing.T, s Store, org ledger.OrgID, acc ledger.AccountCode, an ledger.AnalyticID, from, to ledger.Date, limit int) []store.CardLine {
	t.Helper()
	var all []store.CardLine
	after := cardKey{date: ledger.NoDate}
	for pages := 0; ; pages++ {
		got, err := s.AccountCard(t.Context(), org, acc, an, "", from, to, after.date, after.seq, after.line, limit)
		ok(t, err, "AccountCard")
		if len(got) == 0 {
			return all
		}
		if len(got) > limit && !(limit == 1 && len(got) == 2) {
			t.Fatalf("AccountCard(%s, %d, %s, %s, limit %d) returned %d lines", acc, an, from, to, limit, len(got))
		}
		last := got[len(got)-1]
		after = cardKey{last.Date, last.Seq, last.Line}
		all = append(all, got...)
		if pages > 10_000 {
			t.Fatalf("AccountCard(%s) pages on and on", acc)
		}
	}
}

func testAccountCard(t *testing.T, open func(t *testing.T) Store) {
	bb := newBrowseBooks(t, open, 250)
	s, f, ctx := bb.s, bb.f, t.Context()
	type target struct {
		acc ledger.AccountCode
		an  ledger.AnalyticID
	}
	targets := []target{
		{"51", 0}, {"51", f.cfIn}, {"52", 0}, {"52", f.cfOut}, {"62.01", 0}, {"62.01", f.buyer}, {"62.01", f.purchase},
		{"41.01", f.item1}, {"41.01", 0}, {"002", 0}, {"90.02", 0}, {"620", 0}, {"62", 0}, {"51", f.buyer},
	}
	// Single-sided off-balance postings and postings with the account on
	// both sides are what the card must get right; make sure there are some.
	if n := len(wantCard(bb.posted, "62.01", f.buyer, ledger.NoDate, ledger.NoDate)); n == 0 {
		t.Fatal("the books have no 62.01 movements with the buyer")
	}
	total := func(tg target) ledger.Turnover {
		var sum ledger.Turnover
		for _, l := range wantCard(bb.posted, tg.acc, tg.an, ledger.NoDate, ledger.NoDate) {
			sum = addLine(t, sum, l)
		}
		return sum
	}
	opening := func(tg target, date ledger.Date) ledger.Turnover {
		t.Helper()
		o, err := s.AccountOpening(ctx, f.org.ID, tg.acc, tg.an, date)
		ok(t, err, "AccountOpening")
		var want ledger.Turnover
		if date != ledger.NoDate {
			for _, l := range wantCard(bb.posted, tg.acc, tg.an, ledger.NoDate, date-1) {
				want = addLine(t, want, l)
			}
		}
		if o != want {
			t.Fatalf("AccountOpening(%s, %d, %s) = %+v, want %+v", tg.acc, tg.an, date, o, want)
		}
		return o
	}
	r := rand.New(rand.NewPCG(25, 26))
	for i := 0; i < 60; i++ {
		tg := targets[i%len(targets)]
		from, to := randomBound(r, f), randomBound(r, f)
		if i < len(targets) {
			from, to = ledger.NoDate, ledger.NoDate
		}
		limit := []int{1, 2, 3, 10, 50, 1000}[r.IntN(6)]
		got := readCard(t, s, f.org.ID, tg.acc, tg.an, from, to, limit)
		want := wantCard(bb.posted, tg.acc, tg.an, from, to)
		if from != ledger.NoDate && to != ledger.NoDate && from > to {
			want = nil
		}
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("AccountCard(%s, %d, %s, %s) with pages of %d: %d lines, want %d\n got  %+v\n want %+v",
				tg.acc, tg.an, from, to, limit, len(got), len(want), got, want)
		}
		if from != ledger.NoDate && to != ledger.NoDate && from > to {
			continue
		}
		// The opening plus the running sum of the card is the closing.
		sum := ledger.Turnover{}
		if from != ledger.NoDate {
			sum = opening(tg, from)
		}
		for _, l := range got {
			sum = addLine(t, sum, l)
		}
		closing := total(tg)
		if to != ledger.NoDate {
			closing = opening(tg, to+1)
		}
		if sum != closing {
			t.Fatalf("%s/%d from %s to %s: opening plus the card is %+v, closing %+v", tg.acc, tg.an, from, to, sum, closing)
		}
		// Without an analytic, the card's turnover is the store's Turnover.
		if tg.an == 0 {
			var lines, turnover ledger.Turnover
			for _, l := range got {
				lines = addLine(t, lines, l)
			}
			ts, err := s.Turnover(ctx, f.org.ID, from, to)
			ok(t, err, "Turnover")
			for _, x := range ts {
				if x.Account == tg.acc {
					turnover, err = turnover.Add(x.Turnover)
					ok(t, err, "sum turnover")
				}
			}
			if lines != turnover {
				t.Fatalf("%s from %s to %s: the card sums to %+v, Turnover says %+v", tg.acc, from, to, lines, turnover)
			}
		}
	}
	// The other organisation's books never show.
	if got := readCard(t, s, bb.o.org.ID, "620", 0, ledger.NoDate, ledger.NoDate, 100); len(got) != 0 {
		t.Fatalf("the bystander's card of 620 shows %d lines of another organisation", len(got))
	}
	o, err := s.AccountOpening(ctx, bb.o.org.ID, "620", 0, f.last+1)
	ok(t, err, "AccountOpening of the bystander")
	if !o.IsZero() {
		t.Fatalf("the bystander's opening of 620 is %+v", o)
	}
}

// testAccountDays checks AccountDays against the day-by-day sums of the
// account's movements, the slow way, over random periods of up to a year:
// every day and currency that moved, with its turnover, nothing else; a
// longer period is refused; another organisation's days never show.
func testAccountDays(t *testing.T, open func(t *testing.T) Store) {
	bb := newBrowseBooks(t, open, 250)
	s, f, ctx := bb.s, bb.f, t.Context()
	want := func(acc ledger.AccountCode, from, to ledger.Date) []store.DayTurnover {
		sums := map[store.DayTurnover]ledger.Turnover{} // keyed by day and currency
		for _, l := range wantCard(bb.posted, acc, 0, from, to) {
			k := store.DayTurnover{Day: l.Date, Currency: l.Side.Currency}
			sums[k] = addLine(t, sums[k], l)
		}
		var out []store.DayTurnover
		for k, sum := range sums {
			if !sum.IsZero() {
				k.Turnover = sum
				out = append(out, k)
			}
		}
		slices.SortFunc(out, func(a, b store.DayTurnover) int {
			return cmp.Or(cmp.Compare(a.Day, b.Day), strings.Compare(a.Currency, b.Currency))
		})
		return out
	}
	r := rand.New(rand.NewPCG(27, 28))
	for i := 0; i < 40; i++ {
		acc := []ledger.AccountCode{"51", "52", "62.01", "41.01", "002", "90.02"}[i%6]
		from := randomDate(r, f.first-10, f.last)
		to := from + ledger.Date(r.Int64N(store.MaxAccountDays))
		if i%6 == 0 {
			from, to = f.first, min(f.last, f.first+store.MaxAccountDays-1)
		}
		got, err := s.AccountDays(ctx, f.org.ID, acc, from, to)
		ok(t, err, "AccountDays")
		if w := want(acc, from, to); !(len(got) == 0 && len(w) == 0) && !reflect.DeepEqual(got, w) {
			t.Fatalf("AccountDays(%s, %s, %s):\n got  %+v\n want %+v", acc, from, to, got, w)
		}
	}
	if n := len(want("52", f.first, f.last)); n == 0 {
		t.Fatal("the books have no days of 52")
	}
	if _, err := s.AccountDays(ctx, f.org.ID, "51", f.first, f.first+store.MaxAccountDays); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Fatalf("AccountDays over %d days: %v, want EInvalid", store.MaxAccountDays+1, err)
	}
	if got, err := s.AccountDays(ctx, bb.o.org.ID, "620", f.first-400, f.first-400+store.MaxAccountDays-1); err != nil || len(got) != 0 {
		t.Fatalf("the bystander's days of 620: %v, %d days", err, len(got))
	}
}
