package storetest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// testAnalyticTurnovers holds AnalyticTurnovers to a model that scans the
// posted entries: random books with 25 customers on contracts, random
// periods (open, whole months, cut months, one day), every kind of filter,
// read whole and page by page.
func testAnalyticTurnovers(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "anturn")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(31, 32))
	randomBooks(t, o, r, 20)
	posted := randomBooks(t, f, r, 120)
	type party struct{ cp, contract ledger.AnalyticID }
	var parties []party
	for i := range 25 {
		cp := ledger.Analytic{Kind: ledger.Counterparty, Code: fmt.Sprintf("C%03d", i), Names: ru(fmt.Sprintf("Покупатель %d", i))}
		ok(t, s.CreateAnalytic(ctx, f.org.ID, &cp), "customer")
		k := ledger.Analytic{Kind: ledger.Contract, Code: fmt.Sprintf("K%03d", i), Names: ru("Договор"), Owner: cp.ID}
		ok(t, s.CreateAnalytic(ctx, f.org.ID, &k), "contract")
		parties = append(parties, party{cp.ID, k.ID})
	}
	var extra []ledger.Entry
	for range 80 {
		p := parties[r.IntN(len(parties))]
		a := money.Amount(r.Int64N(1_000_000) + 1)
		ps := ledger.Posting{Debit: side("62.01", p.cp, p.contract), Credit: side("90.01"), Amount: a}
		if r.IntN(2) == 0 {
			ps = ledger.Posting{Debit: side("51", f.cfIn), Credit: side("62.01", p.cp, p.contract), Amount: a}
		}
		extra = append(extra, entry(randomDate(r, f.first, f.last), "customer", ps))
	}
	posted = append(posted, f.post(extra...)...)

	wantCode(t, func() error {
		_, err := s.AnalyticTurnovers(ctx, f.org.ID, store.AnalyticFilter{Analytic: o.buyer + 1000})
		return err
	}(), ledger.ENotFound, "an analytic of no catalog")
	filters := []store.AnalyticFilter{
		{Under: "62"},
		{Under: "41"},
		{Accounts: []ledger.AccountCode{"52", "51", "002"}},
		{Analytic: f.buyer},
		{Analytic: parties[3].cp},
		{Analytic: f.wh},
		{Analytic: parties[5].contract},
		{Under: "62", Match: [ledger.MaxAnalytics]ledger.AnalyticID{parties[7].cp}},
		{Accounts: []ledger.AccountCode{"41.01"}, Analytic: f.item1},
		{Under: "62", Analytic: f.cfIn}, // 62 keeps no cash-flow item
	}
	periods := [][2]ledger.Date{
		{ledger.NoDate, ledger.NoDate},
		{ledger.DateOf(2025, 1, 1), ledger.DateOf(2025, 12, 31)},
		{ledger.DateOf(2025, 3, 1), ledger.NoDate},
		{ledger.NoDate, ledger.DateOf(2024, 11, 30)},
		{ledger.DateOf(2024, 9, 1), ledger.DateOf(2024, 9, 30)},
		{ledger.DateOf(2025, 12, 31), ledger.DateOf(2025, 1, 1)}, // from after to
	}
	for range 8 {
		from := randomDate(r, f.first, f.last)
		periods = append(periods, [2]ledger.Date{from, from + ledger.Date(r.IntN(90))}, [2]ledger.Date{from, from})
	}
	for _, fl := range filters {
		for _, per := range periods {
			fl.From, fl.To = per[0], per[1]
			want := modelAnalyticTurnovers(t, posted, fl, f)
			all, err := s.AnalyticTurnovers(ctx, f.org.ID, fl)
			ok(t, err, "AnalyticTurnovers")
			what := fmt.Sprintf("AnalyticTurnovers(%+v)", fl)
			if got := nonZeroTurnovers(all); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
			}
			if !slices.IsSortedFunc(all, func(a, b store.AnalyticTurnover) int { return compareTotalsKeys(a.AnalyticKey, b.AnalyticKey) }) {
				t.Fatalf("%s: not in key order: %v", what, all)
			}
			checkPaged(t, s, f.org.ID, fl, 1+r.IntN(4), all, what)
		}
	}
}

func compareTotalsKeys(a, b store.TotalsKey) int {
	if c := cmp.Compare(a.Account, b.Account); c != 0 {
		return c
	}
	for i := range a.Analytics {
		if c := cmp.Compare(a.Analytics[i], b.Analytics[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Currency, b.Currency)
}

func nonZeroTurnovers(ts []store.AnalyticTurnover) []store.AnalyticTurnover {
	out := []store.AnalyticTurnover{}
	for _, t := range ts {
		if !t.Opening.IsZero() || !t.Period.IsZero() {
			out = append(out, t)
		}
	}
	return out
}

// modelAnalyticTurnovers scans the entries for the rows fl asks for.
func modelAnalyticTurnovers(t *testing.T, posted []ledger.Entry, fl store.AnalyticFilter, f *fixture) []store.AnalyticTurnover {
	t.Helper()
	if fl.From != ledger.NoDate && fl.To != ledger.NoDate && fl.From > fl.To {
		return []store.AnalyticTurnover{}
	}
	chart := map[ledger.AccountCode]ledger.Account{}
	for _, a := range testChart() {
		chart[a.Code] = a
	}
	kindOf := map[ledger.AnalyticID]ledger.AnalyticKind{f.buyer: ledger.Counterparty, f.wh: ledger.Warehouse, f.item1: ledger.Item, f.cfIn: ledger.CashFlowItem}
	selected := func(sd ledger.Side) bool {
		in := slices.Contains(fl.Accounts, sd.Account) || (fl.Under != "" && (sd.Account == fl.Under || sd.Account[:min(len(sd.Account), len(fl.Under)+1)] == fl.Under+"."))
		if fl.Analytic != 0 {
			if len(fl.Accounts) == 0 && fl.Under == "" {
				in = true
			}
			kind, known := kindOf[fl.Analytic]
			if !known { // the test's customers and contracts
				kind = ledger.Counterparty
				if slices.Contains(sd.Analytics[1:], fl.Analytic) {
					kind = ledger.Contract
				}
			}
			slot := slices.Index(chart[sd.Account].Analytics, kind)
			if slot < 0 || sd.Analytics[slot] != fl.Analytic {
				return false
			}
		}
		return in && matches(sd.Analytics, fl.Match)
	}
	sums := map[store.TotalsKey]*store.AnalyticTurnover{}
	for _, e := range posted {
		if fl.To != ledger.NoDate && e.Date > fl.To {
			continue
		}
		for _, p := range e.Postings {
			for _, sd := range []struct {
				side  ledger.Side
				debit bool
			}{{p.Debit, true}, {p.Credit, false}} {
				if sd.side.Account == "" || !selected(sd.side) {
					continue
				}
				k := store.TotalsKey{Account: sd.side.Account, Analytics: sd.side.Analytics, Currency: sd.side.Currency}
				row := sums[k]
				if row == nil {
					row = &store.AnalyticTurnover{AnalyticKey: k}
					sums[k] = row
				}
				u := ledger.Turnover{Credit: p.Amount, CreditCur: sd.side.CurAmount, CreditQty: sd.side.Qty}
				if sd.debit {
					u = ledger.Turnover{Debit: p.Amount, DebitCur: sd.side.CurAmount, DebitQty: sd.side.Qty}
				}
				dst := &row.Period
				if fl.From != ledger.NoDate && e.Date < fl.From {
					dst = &row.Opening
				}
				sum, err := dst.Add(u)
				ok(t, err, "model")
				*dst = sum
			}
		}
	}
	var out []store.AnalyticTurnover
	for _, row := range sums {
		out = append(out, *row)
	}
	slices.SortFunc(out, func(a, b store.AnalyticTurnover) int { return compareTotalsKeys(a.AnalyticKey, b.AnalyticKey) })
	return nonZeroTurnovers(out)
}
