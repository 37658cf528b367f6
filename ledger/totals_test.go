package ledger

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"hasap/money"
)

// bookEntry draws an entry the way books look: balance postings between
// accounts with a few analytics, currencies and quantities, off-balance
// single-entry postings, red stornos; amounts small enough never to
// overflow. Validity against a chart does not matter to the totals.
func bookEntry(r *rand.Rand, from Date, days int) Entry {
	e := Entry{Date: from + Date(r.IntN(days)), Description: randomText(r, 4)}
	for n := 1 + r.IntN(4); n > 0; n-- {
		p := Posting{Debit: bookSide(r), Credit: bookSide(r), Amount: money.Amount(r.IntN(2_000_001) - 200_000)}
		if r.IntN(8) == 0 { // off-balance, one side
			p.Debit, p.Credit = Side{Account: "001", Qty: Quantity(r.IntN(100))}, Side{}
			if r.IntN(2) == 0 {
				p.Debit, p.Credit = p.Credit, p.Debit
			}
		}
		e.Postings = append(e.Postings, p)
	}
	return e
}

func bookSide(r *rand.Rand) Side {
	codes := []AccountCode{"50", "51", "52", "41.01", "60.01", "62.01", "90.01"}
	s := Side{Account: codes[r.IntN(len(codes))]}
	for i := 0; i < r.IntN(3); i++ {
		s.Analytics[i] = AnalyticID(1 + r.IntN(3))
	}
	if r.IntN(3) == 0 {
		s.Currency = []string{"USD", "EUR"}[r.IntN(2)]
		s.CurAmount = money.Amount(r.IntN(100_001) - 10_000)
	}
	if r.IntN(3) == 0 {
		s.Qty = Quantity(r.IntN(50_001) - 5_000)
	}
	return s
}

// sideTurn is one side of a posting: its totals key, its day, and what it adds.
type sideTurn struct {
	key TotalKey
	day Date
	t   Turnover
}

// sidesOf lists every non-empty side of every posting of es, the plain way.
func sidesOf(es []Entry) []sideTurn {
	var out []sideTurn
	for _, e := range es {
		for _, p := range e.Postings {
			if p.Debit.Account != "" {
				out = append(out, sideTurn{TotalKey{p.Debit.Account, p.Debit.Analytics, p.Debit.Currency, e.Date.Month()}, e.Date,
					Turnover{Debit: p.Amount, DebitCur: p.Debit.CurAmount, DebitQty: p.Debit.Qty}})
			}
			if p.Credit.Account != "" {
				out = append(out, sideTurn{TotalKey{p.Credit.Account, p.Credit.Analytics, p.Credit.Currency, e.Date.Month()}, e.Date,
					Turnover{Credit: p.Amount, CreditCur: p.Credit.CurAmount, CreditQty: p.Credit.Qty}})
			}
		}
	}
	return out
}

func plainAdd(a, b Turnover) Turnover {
	return Turnover{a.Debit + b.Debit, a.Credit + b.Credit, a.DebitCur + b.DebitCur, a.CreditCur + b.CreditCur, a.DebitQty + b.DebitQty, a.CreditQty + b.CreditQty}
}

// naiveTotals sums each key by brute force: for every key ever seen, a scan
// of every side.
func naiveTotals(es []Entry) (Totals, DayTotals) {
	sides := sidesOf(es)
	tot, days := Totals{}, DayTotals{}
	for _, s := range sides {
		if _, done := tot[s.key]; !done {
			var sum Turnover
			for _, o := range sides {
				if o.key == s.key {
					sum = plainAdd(sum, o.t)
				}
			}
			tot[s.key] = sum
		}
		dk := DayKey{s.key.Account, s.key.Currency, s.day}
		if _, done := days[dk]; !done {
			var sum Turnover
			for _, o := range sides {
				if (DayKey{o.key.Account, o.key.Currency, o.day}) == dk {
					sum = plainAdd(sum, o.t)
				}
			}
			days[dk] = sum
		}
	}
	return tot, days
}

func deriveAll(t *testing.T, es []Entry) *Derived {
	t.Helper()
	d := NewDerived()
	for i := range es {
		if err := d.AddEntry(&es[i]); err != nil {
			t.Fatalf("AddEntry %d: %v", i, err)
		}
	}
	return d
}

func TestDerivedMatchesNaive(t *testing.T) {
	r := newRand(t)
	for trial := 0; trial < 30; trial++ {
		var es []Entry
		for n := r.IntN(150); n > 0; n-- {
			es = append(es, bookEntry(r, DateOf(2024, 1, 1), 400))
		}
		d := deriveAll(t, es)
		wantTot, wantDays := naiveTotals(es)
		if !mapsEqual(d.Totals, wantTot) {
			t.Fatalf("trial %d: totals differ from the naive sums:\n got %v\nwant %v", trial, d.Totals, wantTot)
		}
		if !mapsEqual(d.Days, wantDays) {
			t.Fatalf("trial %d: day totals differ from the naive sums", trial)
		}
		// Rows: every key once, sorted, with its turnover.
		rows := d.Totals.Rows()
		if len(rows) != len(d.Totals) || !slices.IsSortedFunc(rows, func(a, b TotalRow) int { return CompareKeys(a.Key, b.Key) }) {
			t.Fatalf("trial %d: %d rows of %d keys, or not sorted", trial, len(rows), len(d.Totals))
		}
		for i, row := range rows {
			if d.Totals[row.Key] != row.Turnover || (i > 0 && CompareKeys(rows[i-1].Key, row.Key) >= 0) {
				t.Fatalf("trial %d: row %d %+v", trial, i, row)
			}
		}
	}
}

func mapsEqual[K comparable](got, want map[K]Turnover) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			return false
		}
	}
	return true
}

// netKey is a totals key without its month: where a net balance lives.
type netKey struct {
	Account   AccountCode
	Analytics [MaxAnalytics]AnalyticID
	Currency  string
}

type net struct{ base, cur, qty money.Amount }

// nets sums debit minus credit per account, analytics and currency over all
// months, leaving out zero balances.
func nets(t Totals) map[netKey]net {
	out := map[netKey]net{}
	for k, v := range t {
		nk := netKey{k.Account, k.Analytics, k.Currency}
		n := out[nk]
		n.base += v.Debit - v.Credit
		n.cur += v.DebitCur - v.CreditCur
		n.qty += money.Amount(v.DebitQty - v.CreditQty)
		out[nk] = n
	}
	for k, n := range out {
		if n == (net{}) {
			delete(out, k)
		}
	}
	return out
}

func dayNets(t DayTotals) map[[2]string]net {
	out := map[[2]string]net{}
	for k, v := range t {
		nk := [2]string{string(k.Account), k.Currency}
		n := out[nk]
		n.base += v.Debit - v.Credit
		n.cur += v.DebitCur - v.CreditCur
		n.qty += money.Amount(v.DebitQty - v.CreditQty)
		out[nk] = n
	}
	for k, n := range out {
		if n == (net{}) {
			delete(out, k)
		}
	}
	return out
}

// TestReversalLeavesBalances: an entry followed by its storno or its plain
// reversal, on any date, leaves every net balance where it was. A storno on
// the entry's own date leaves even the turnover itself unchanged.
func TestReversalLeavesBalances(t *testing.T) {
	r := newRand(t)
	for trial := 0; trial < 200; trial++ {
		var es []Entry
		for n := r.IntN(30); n > 0; n-- {
			es = append(es, bookEntry(r, DateOf(2024, 1, 1), 400))
		}
		before := deriveAll(t, es)
		e := bookEntry(r, DateOf(2024, 1, 1), 400)
		e.Seq = int64(len(es) + 1)
		storno := r.IntN(2) == 0
		date := e.Date
		if r.IntN(2) == 0 {
			date = DateOf(2024, 1, 1) + Date(r.IntN(400))
		}
		rev, err := e.Reversal(date, storno)
		if err != nil {
			t.Fatal(err)
		}
		after := deriveAll(t, append(slices.Clone(es), e, rev))
		if got, want := nets(after.Totals), nets(before.Totals); !mapsEqualNet(got, want) {
			t.Fatalf("trial %d (storno %v): net balances changed:\n got %v\nwant %v", trial, storno, got, want)
		}
		if got, want := dayNets(after.Days), dayNets(before.Days); !mapsEqualNet(got, want) {
			t.Fatalf("trial %d (storno %v): net day balances changed", trial, storno)
		}
		if storno && date == e.Date {
			for k, v := range after.Totals {
				if before.Totals[k] != v {
					t.Fatalf("trial %d: same-day storno changed the turnover of %+v: %+v, was %+v", trial, k, v, before.Totals[k])
				}
			}
		}
	}
}

func mapsEqualNet[K comparable](got, want map[K]net) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestTurnoverAddOverflow(t *testing.T) {
	big := Turnover{Debit: math.MaxInt64}
	if _, err := big.Add(Turnover{Debit: 1}); !IsCode(err, EInvalid) {
		t.Errorf("Debit overflow: %v", err)
	}
	for _, u := range []Turnover{{Credit: math.MinInt64}, {CreditCur: 1}, {DebitQty: 1}} {
		v := Turnover{Credit: -1, CreditCur: math.MaxInt64, DebitQty: math.MaxInt64}
		if got, err := v.Add(u); !IsCode(err, EInvalid) || !got.IsZero() {
			t.Errorf("%+v + %+v = %+v, %v", v, u, got, err)
		}
	}
	sum, err := Turnover{1, 2, 3, 4, 5, 6}.Add(Turnover{10, 20, 30, 40, 50, 60})
	if err != nil || sum != (Turnover{11, 22, 33, 44, 55, 66}) {
		t.Errorf("Add = %+v, %v", sum, err)
	}
	if !(Turnover{}).IsZero() || (Turnover{CreditQty: 1}).IsZero() {
		t.Error("IsZero")
	}

	// Totals and day totals refuse to wrap.
	e := Entry{Date: DateOf(2024, 5, 5), Postings: []Posting{
		{Debit: side("50"), Credit: side("51"), Amount: math.MaxInt64},
		{Debit: side("50"), Credit: side("52"), Amount: 1},
	}}
	if err := (Totals{}).AddEntry(&e); !IsCode(err, EInvalid) {
		t.Errorf("Totals.AddEntry: %v", err)
	}
	if err := (DayTotals{}).AddEntry(&e); !IsCode(err, EInvalid) {
		t.Errorf("DayTotals.AddEntry: %v", err)
	}
	e.Postings[1] = Posting{Debit: side("52"), Credit: side("51"), Amount: 1}
	if err := (Totals{}).AddEntry(&e); !IsCode(err, EInvalid) {
		t.Errorf("Totals.AddEntry credit: %v", err)
	}
	if err := (DayTotals{}).AddEntry(&e); !IsCode(err, EInvalid) {
		t.Errorf("DayTotals.AddEntry credit: %v", err)
	}
	if err := NewDerived().AddEntry(&e); !IsCode(err, EInvalid) {
		t.Errorf("Derived.AddEntry: %v", err)
	}
}

func TestCompareKeys(t *testing.T) {
	keys := []TotalKey{
		{Account: "50", Month: 202401},
		{Account: "50", Month: 202402},
		{Account: "50", Currency: "EUR", Month: 202401},
		{Account: "50", Currency: "USD", Month: 202312},
		{Account: "50", Analytics: [3]AnalyticID{0, 0, 1}, Month: 202401},
		{Account: "50", Analytics: [3]AnalyticID{0, 1, 0}, Month: 202401},
		{Account: "50", Analytics: [3]AnalyticID{1, 0, 0}, Month: 202312},
		{Account: "50.01", Month: 202312},
		{Account: "51", Month: 202312},
	}
	for i := range keys {
		for j := range keys {
			got := CompareKeys(keys[i], keys[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("CompareKeys(%+v, %+v) = %d, want %d", keys[i], keys[j], got, want)
			}
		}
	}
}
