package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// kinds is shorthand for an account's analytics.
func kinds(ks ...ledger.AnalyticKind) []ledger.AnalyticKind { return ks }

func ru(s string) ledger.Names { return ledger.Names{RU: s} }

// testChart is a small CIS-style chart with one account of every shape the
// rules care about.
func testChart() []ledger.Account {
	return []ledger.Account{
		{Code: "002", Names: ru("Товары на ответственном хранении"), Kind: ledger.Active, Class: ledger.OffBalance, Quantity: true},
		{Code: "41", Names: ru("Товары"), Kind: ledger.Active, Class: ledger.Asset, Group: true},
		{Code: "41.01", Parent: "41", Names: ru("Товары на складах"), Kind: ledger.Active, Class: ledger.Asset,
			Quantity: true, Analytics: kinds(ledger.Item, ledger.Warehouse)},
		{Code: "51", Names: ru("Расчётные счета"), Kind: ledger.Active, Class: ledger.Asset, Analytics: kinds(ledger.CashFlowItem)},
		{Code: "52", Names: ru("Валютные счета"), Kind: ledger.Active, Class: ledger.Asset, Currency: true, Analytics: kinds(ledger.CashFlowItem)},
		{Code: "60", Names: ru("Расчёты с поставщиками"), Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true},
		{Code: "60.01", Parent: "60", Names: ru("Расчёты с поставщиками"), Kind: ledger.Passive, Class: ledger.Liability,
			Analytics: kinds(ledger.Counterparty, ledger.Contract)},
		{Code: "62", Names: ru("Расчёты с покупателями"), Kind: ledger.ActivePassive, Class: ledger.Asset, Group: true},
		{Code: "62.01", Parent: "62", Names: ru("Расчёты с покупателями"), Kind: ledger.Active, Class: ledger.Asset,
			Analytics: kinds(ledger.Counterparty, ledger.Contract)},
		{Code: "62.02", Parent: "62", Names: ru("Авансы полученные"), Kind: ledger.Passive, Class: ledger.Liability,
			Inactive: true, Analytics: kinds(ledger.Counterparty, ledger.Contract)},
		{Code: "68", Names: ru("Расчёты по налогам"), Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true},
		{Code: "68.02", Parent: "68", Names: ru("НДС"), Kind: ledger.Passive, Class: ledger.Liability},
		{Code: "80", Names: ru("Уставный капитал"), Kind: ledger.Passive, Class: ledger.Equity},
		{Code: "90", Names: ru("Продажи"), Kind: ledger.ActivePassive, Class: ledger.Mixed, Group: true},
		{Code: "90.01", Parent: "90", Names: ru("Выручка"), Kind: ledger.Passive, Class: ledger.Income},
		{Code: "90.02", Parent: "90", Names: ru("Себестоимость продаж"), Kind: ledger.Active, Class: ledger.Expense},
	}
}

// chartAccount returns the account code of the test chart.
func chartAccount(code ledger.AccountCode) ledger.Account {
	for _, a := range testChart() {
		if a.Code == code {
			return a
		}
	}
	panic("storetest: no account " + code)
}

// fixture is one organisation with the test chart and a few analytics.
type fixture struct {
	t   *testing.T
	ctx context.Context
	s   Store
	org ledger.Org

	cfIn, cfOut      ledger.AnalyticID // cash-flow items
	buyer, supplier  ledger.AnalyticID // counterparties
	sale, purchase   ledger.AnalyticID // contracts
	item1, item2, wh ledger.AnalyticID
	employee         ledger.AnalyticID // a kind no account of the chart takes
	usd, eur         string
	first, last      ledger.Date // the date range random entries use
}

// newFixture creates organisation code with the test chart.
func newFixture(t *testing.T, s Store, code string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: t.Context(), s: s, usd: "USD", eur: "EUR",
		first: ledger.DateOf(2024, 1, 1), last: ledger.DateOf(2025, 12, 31)}
	f.org = ledger.Org{Code: code, Name: "Test " + code, Currency: money.MustLookup("TMT"), Chart: "test", LockDate: ledger.NoDate}
	ok(t, s.CreateOrg(f.ctx, &f.org, testChart()), "create org "+code)
	add := func(kind ledger.AnalyticKind, code, name string, owner ledger.AnalyticID) ledger.AnalyticID {
		a := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{RU: name, EN: name}, Owner: owner}
		ok(t, s.CreateAnalytic(f.ctx, f.org.ID, &a), "create analytic "+code)
		return a.ID
	}
	f.cfIn = add(ledger.CashFlowItem, "CF-IN", "Поступления от покупателей", 0)
	f.cfOut = add(ledger.CashFlowItem, "CF-OUT", "Оплата поставщикам", 0)
	f.buyer = add(ledger.Counterparty, "BUYER", "ООО «Ромашка»", 0)
	f.supplier = add(ledger.Counterparty, "SUPPLIER", "Türkmen Nebit", 0)
	f.sale = add(ledger.Contract, "BUYER-1", "Договор поставки 1", f.buyer)
	f.purchase = add(ledger.Contract, "SUPPLIER-1", "Договор закупки 1", f.supplier)
	f.item1 = add(ledger.Item, "ITEM-1", "Цемент М500", 0)
	f.item2 = add(ledger.Item, "ITEM-2", "Кирпич", 0)
	f.wh = add(ledger.Warehouse, "WH-1", "Основной склад", 0)
	f.employee = add(ledger.Employee, "EMP-1", "Иванов И. И.", 0)
	return f
}

func side(acc ledger.AccountCode, an ...ledger.AnalyticID) ledger.Side {
	s := ledger.Side{Account: acc}
	copy(s.Analytics[:], an)
	return s
}

// postingKinds is the number of shapes randomPosting draws from.
const postingKinds = 11

// posting returns a valid posting of shape kind with base amount a.
func (f *fixture) posting(kind int, a money.Amount, qty ledger.Quantity, cur money.Amount) ledger.Posting {
	switch kind {
	case 0: // customer pays
		return ledger.Posting{Debit: side("51", f.cfIn), Credit: side("62.01", f.buyer, f.sale), Amount: a}
	case 1: // sale
		return ledger.Posting{Debit: side("62.01", f.buyer, f.sale), Credit: side("90.01"), Amount: a}
	case 2: // cost of goods sold
		p := ledger.Posting{Debit: side("90.02"), Credit: side("41.01", f.item1, f.wh), Amount: a}
		p.Credit.Qty = qty
		return p
	case 3: // purchase
		p := ledger.Posting{Debit: side("41.01", f.item2, f.wh), Credit: side("60.01", f.supplier, f.purchase), Amount: a}
		p.Debit.Qty = qty
		return p
	case 4: // pay supplier
		return ledger.Posting{Debit: side("60.01", f.supplier, f.purchase), Credit: side("51", f.cfOut), Amount: a}
	case 5: // buy currency
		p := ledger.Posting{Debit: side("52", f.cfIn), Credit: side("51", f.cfOut), Amount: a}
		p.Debit.Currency, p.Debit.CurAmount = f.usd, cur
		return p
	case 6: // VAT
		return ledger.Posting{Debit: side("90.02"), Credit: side("68.02"), Amount: a}
	case 7: // capital paid in
		return ledger.Posting{Debit: side("51", f.cfIn), Credit: side("80"), Amount: a}
	case 8: // goods taken into custody: single-sided off-balance
		p := ledger.Posting{Debit: side("002"), Amount: a}
		p.Debit.Qty = qty
		return p
	case 9: // goods returned from custody
		p := ledger.Posting{Credit: side("002"), Amount: 0}
		p.Credit.Qty = qty
		return p
	default: // currency conversion, currency on both sides
		p := ledger.Posting{Debit: side("52", f.cfIn), Credit: side("52", f.cfOut), Amount: a}
		p.Debit.Currency, p.Debit.CurAmount = f.eur, cur
		p.Credit.Currency, p.Credit.CurAmount = f.usd, cur+1
		return p
	}
}

// randomPosting draws a valid posting; one in ten is a red storno (negative).
func (f *fixture) randomPosting(r *rand.Rand) ledger.Posting {
	a := money.Amount(r.Int64N(10_000_000) + 1)
	qty := ledger.Quantity(r.Int64N(100_000) + 1)
	cur := money.Amount(r.Int64N(1_000_000) + 1)
	if r.IntN(10) == 0 {
		a, qty, cur = -a, -qty, -cur
	}
	return f.posting(r.IntN(postingKinds), a, qty, cur)
}

var words = []string{"оплата", "поставка", "счёт", "töleg", "haryt", "invoice", "цемент", "№ 17", "«кавычки»", "tab\tand\nnewline"}

// randomEntry draws a valid entry of 1 to 4 postings on date.
func (f *fixture) randomEntry(r *rand.Rand, date ledger.Date) ledger.Entry {
	e := ledger.Entry{Date: date, Author: "storetest",
		Description: words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
		Document:    fmt.Sprintf("DOC-%d", r.IntN(100000))}
	for n := r.IntN(4) + 1; n > 0; n-- {
		e.Postings = append(e.Postings, f.randomPosting(r))
	}
	return e
}

// randomDate draws a date in [lo, hi].
func randomDate(r *rand.Rand, lo, hi ledger.Date) ledger.Date {
	return lo + ledger.Date(r.Int64N(int64(hi-lo)+1))
}

// entry builds an entry on date with the given postings.
func entry(date ledger.Date, desc string, ps ...ledger.Posting) ledger.Entry {
	return ledger.Entry{Date: date, Description: desc, Document: "DOC", Author: "storetest", Postings: ps}
}

// post posts entries in one transaction and commits; it returns them sealed.
func (f *fixture) post(es ...ledger.Entry) []ledger.Entry {
	f.t.Helper()
	return postAll(f.t, f.s, f.org.ID, es...)
}

func postAll(t *testing.T, s store.Store, org ledger.OrgID, es ...ledger.Entry) []ledger.Entry {
	t.Helper()
	p, err := s.BeginPost(t.Context(), org, store.PostOptions{})
	ok(t, err, "begin post")
	defer p.Rollback()
	for i := range es {
		if _, err := p.Post(&es[i]); err != nil {
			t.Fatalf("post entry %d (%s, %q): %v", i, es[i].Date, es[i].Description, err)
		}
	}
	ok(t, p.Commit(), "commit")
	return es
}

// head returns the recorded head.
func (f *fixture) head() store.Head {
	f.t.Helper()
	h, err := f.s.Head(f.ctx, f.org.ID)
	ok(f.t, err, "head")
	return h
}

// entries returns every posted entry in chain order.
func scanAll(t *testing.T, s store.Store, org ledger.OrgID) []ledger.Entry {
	t.Helper()
	var out []ledger.Entry
	err := s.ScanEntries(t.Context(), org, 1, func(e *ledger.Entry) error {
		c := *e
		c.Postings = append([]ledger.Posting(nil), e.Postings...)
		out = append(out, c)
		return nil
	})
	ok(t, err, "scan entries")
	return out
}

// sameEntries fails unless got and want are deep-equal, naming the first
// entry that differs.
func sameEntries(t *testing.T, got, want []ledger.Entry, what string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, want %d", what, len(got), len(want))
	}
	for i := range got {
		sameEntry(t, got[i], want[i], what)
	}
}

func sameEntry(t *testing.T, got, want ledger.Entry, what string) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if !got.PostedAt.Equal(want.PostedAt) || got.PostedAt.Location() != want.PostedAt.Location() {
		t.Fatalf("%s: entry seq %d: PostedAt %v (%v), want %v (%v)", what, want.Seq, got.PostedAt, got.PostedAt.Location(), want.PostedAt, want.PostedAt.Location())
	}
	g, w := got, want
	g.Postings, w.Postings = nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: entry seq %d differs:\n got  %+v\n want %+v", what, want.Seq, g, w)
	}
	t.Fatalf("%s: entry seq %d: postings differ:\n got  %+v\n want %+v", what, want.Seq, got.Postings, want.Postings)
}

// checkNumbers fails unless the entries of each year are numbered 1..n in
// chain order, and returns n per year.
func checkNumbers(t *testing.T, es []ledger.Entry) map[int]int64 {
	t.Helper()
	years := map[int]int64{}
	for i, e := range es {
		if e.Seq != int64(i+1) {
			t.Fatalf("entry %d has seq %d", i+1, e.Seq)
		}
		if e.Year != e.Date.Year() {
			t.Fatalf("entry seq %d: year %d, date %s", e.Seq, e.Year, e.Date)
		}
		if e.Number != years[e.Year]+1 {
			t.Fatalf("entry seq %d: number %d/%d follows %d: numbering has a gap or repeats", e.Seq, e.Year, e.Number, years[e.Year])
		}
		years[e.Year] = e.Number
	}
	return years
}

// derive recomputes totals from entries.
func derive(t *testing.T, es []ledger.Entry) *ledger.Derived {
	t.Helper()
	d := ledger.NewDerived()
	for i := range es {
		ok(t, d.AddEntry(&es[i]), "derive totals")
	}
	// The correspondence totals' model is a plain scan, not ledger's code.
	d.Corr = ledger.CorrTotals{}
	for _, e := range es {
		for _, p := range e.Postings {
			d.Corr[ledger.CorrKey{Month: e.Date.Month(), Debit: p.Debit.Account, Credit: p.Credit.Account}] += p.Amount
		}
	}
	return d
}

// checkTotals fails unless the stored totals and day totals equal want
// (rows whose turnover is all zero are the same as no row).
func checkTotals(t *testing.T, s store.Store, org ledger.OrgID, want *ledger.Derived) {
	t.Helper()
	ctx := t.Context()
	rows, err := s.Totals(ctx, org)
	ok(t, err, "totals")
	for i := 1; i < len(rows); i++ {
		if ledger.CompareKeys(rows[i-1].Key, rows[i].Key) >= 0 {
			t.Fatalf("totals not sorted by key: %+v before %+v", rows[i-1].Key, rows[i].Key)
		}
	}
	got := ledger.Totals{}
	for _, r := range rows {
		if !r.Turnover.IsZero() {
			got[r.Key] = r.Turnover
		}
	}
	wantT := ledger.Totals{}
	for k, v := range want.Totals {
		if !v.IsZero() {
			wantT[k] = v
		}
	}
	if !reflect.DeepEqual(got, wantT) {
		t.Fatalf("stored totals differ from the postings:\n got  %v\n want %v", got.Rows(), wantT.Rows())
	}
	days, err := s.DayTotals(ctx, org)
	ok(t, err, "day totals")
	gotD, wantD := ledger.DayTotals{}, ledger.DayTotals{}
	for k, v := range days {
		if !v.IsZero() {
			gotD[k] = v
		}
	}
	for k, v := range want.Days {
		if !v.IsZero() {
			wantD[k] = v
		}
	}
	if !reflect.DeepEqual(gotD, wantD) {
		t.Fatalf("stored day totals differ from the postings:\n got  %v\n want %v", gotD, wantD)
	}
	checkCorr(t, s, org, want.Corr)
	checkYearSums(t, s, org, want.Totals)
}

// checkCorr fails unless the stored correspondence totals equal a model
// computed here by scanning the postings behind want (a zero row is the
// same as no row), and CorrTurnover over all time equals their sum.
func checkCorr(t *testing.T, s store.Store, org ledger.OrgID, want ledger.CorrTotals) {
	t.Helper()
	rows, err := s.CorrTotals(t.Context(), org)
	ok(t, err, "correspondence totals")
	for i := 1; i < len(rows); i++ {
		if ledger.CompareCorrKeys(rows[i-1].Key, rows[i].Key) >= 0 {
			t.Fatalf("correspondence totals not sorted by key: %+v before %+v", rows[i-1].Key, rows[i].Key)
		}
	}
	got, wantC := ledger.CorrTotals{}, ledger.CorrTotals{}
	for _, r := range rows {
		if r.Amount != 0 {
			got[r.Key] = r.Amount
		}
	}
	all := map[[2]ledger.AccountCode]money.Amount{}
	for k, v := range want {
		if v != 0 {
			wantC[k] = v
		}
		all[[2]ledger.AccountCode{k.Debit, k.Credit}] += v
	}
	if !reflect.DeepEqual(got, wantC) {
		t.Fatalf("stored correspondence totals differ from the postings:\n got  %v\n want %v", got.Rows(), wantC.Rows())
	}
	turn, err := s.CorrTurnover(t.Context(), org, ledger.NoDate, ledger.NoDate, store.CorrFilter{})
	ok(t, err, "correspondence turnover")
	gotAll := map[[2]ledger.AccountCode]money.Amount{}
	for _, c := range turn {
		if c.Amount != 0 {
			gotAll[[2]ledger.AccountCode{c.Debit, c.Credit}] = c.Amount
		}
	}
	for k, v := range all {
		if v == 0 {
			delete(all, k)
		}
	}
	if !reflect.DeepEqual(gotAll, all) {
		t.Fatalf("correspondence turnover of all time differs from the postings:\n got  %v\n want %v", gotAll, all)
	}
}

// fixedClock returns a clock that ticks one second per call from start,
// with sub-microsecond noise that the store must truncate.
func fixedClock(start time.Time) func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return start.Add(time.Duration(n)*time.Second + 789*time.Nanosecond)
	}
}
