package report

import (
	"fmt"
	"slices"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// registerChart is a small CIS chart with analytics, quantities and
// currency.
func registerChart() ledger.Chart {
	k := func(ks ...ledger.AnalyticKind) []ledger.AnalyticKind { return ks }
	accounts := []ledger.Account{
		{Code: "002", Names: names("Товары на хранении"), Kind: ledger.Active, Class: ledger.OffBalance, Quantity: true, Analytics: k(ledger.Item)},
		{Code: "41", Names: names("Товары"), Kind: ledger.Active, Class: ledger.Asset, Group: true},
		{Code: "41.01", Parent: "41", Names: names("Товары на складах"), Kind: ledger.Active, Class: ledger.Asset, Quantity: true, Analytics: k(ledger.Item, ledger.Warehouse)},
		{Code: "52", Names: names("Валютные счета"), Kind: ledger.Active, Class: ledger.Asset, Currency: true, Analytics: k(ledger.CashFlowItem)},
		{Code: "60", Names: names("Поставщики"), Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true},
		{Code: "60.01", Parent: "60", Names: names("Поставщики"), Kind: ledger.ActivePassive, Class: ledger.Liability, Analytics: k(ledger.Counterparty, ledger.Contract)},
		{Code: "62", Names: names("Покупатели"), Kind: ledger.ActivePassive, Class: ledger.Asset, Group: true},
		{Code: "62.01", Parent: "62", Names: names("Расчёты с покупателями"), Kind: ledger.ActivePassive, Class: ledger.Asset, Analytics: k(ledger.Counterparty, ledger.Contract)},
		{Code: "62.02", Parent: "62", Names: names("Авансы полученные"), Kind: ledger.Passive, Class: ledger.Liability, Analytics: k(ledger.Counterparty, ledger.Contract)},
		{Code: "80", Names: names("Уставный капитал"), Kind: ledger.Passive, Class: ledger.Equity},
		{Code: "90", Names: names("Продажи"), Kind: ledger.ActivePassive, Class: ledger.Mixed, Group: true},
		{Code: "90.01", Parent: "90", Names: names("Выручка"), Kind: ledger.Passive, Class: ledger.Income},
	}
	ch := ledger.Chart{}
	for i := range accounts {
		ch[accounts[i].Code] = &accounts[i]
	}
	return ch
}

func an(ids ...ledger.AnalyticID) [ledger.MaxAnalytics]ledger.AnalyticID {
	var a [ledger.MaxAnalytics]ledger.AnalyticID
	copy(a[:], ids)
	return a
}

func key(acc ledger.AccountCode, cur string, open, turn ledger.Turnover, ids ...ledger.AnalyticID) ledger.AnalyticTurnover {
	return ledger.AnalyticTurnover{AnalyticKey: ledger.AnalyticKey{Account: acc, Analytics: an(ids...), Currency: cur}, Opening: open, Period: turn}
}

func amounts(od, ok, d, k, cd, ck money.Amount) Amounts {
	return Amounts{OpeningDebit: od, OpeningCredit: ok, Debit: d, Credit: k, ClosingDebit: cd, ClosingCredit: ck}
}

// TestExpandedTrialBalanceByHand: 62.01 by customer and contract, 41.01 by
// item and warehouse with quantities, 52 by cash-flow item in two
// currencies. Amounts are minor units, quantities thousandths.
//
//	62.01 C1/K1  opening Dt 1000 Kt 400 → Dt 600; period Dt 500        → closing Dt 1100
//	62.01 C1/K2  period Kt 300 (an advance)                            → closing Kt  300
//	62.01 C2/K3  opening Dt 200; period Kt 200                         → closing 0
//	C1: opening Dt 600, turnover Dt 500 Kt 300, closing Dt 1100 and Kt 300
//	(the expanded balance: the advance on K2 is not netted against K1's debt)
//	62.01 = 62: opening Dt 800, turnover Dt 500 Kt 500, closing Dt 1100 Kt 300
//	(netted, as an account not expanded shows it: closing Dt 800)
//
//	41.01 I1/W1  opening Dt 5000 (qty 10.000); period Kt 2500 (qty 5.000) → Dt 2500 (5.000)
//	41.01 I1/W2  period Dt 1000 (qty 2.000)                                → Dt 1000 (2.000)
//	I1 = 41.01 = 41: opening Dt 5000 (10.000), turnover Dt 1000 Kt 2500 (2.000, 5.000), closing Dt 3500 (7.000)
//
//	52 CF USD    opening Dt 3500 (USD 1 000.00); period Dt 350 (USD 100.00) → Dt 3850 (USD 1 100.00)
//	52 CF EUR    period Dt 400 (EUR 100.00)                                  → Dt 400 (EUR 100.00)
//	CF = 52: opening Dt 3500, turnover Dt 750, closing Dt 4250, no currency (two of them)
//
//	Total (41, 52, 62): opening Dt 9300; turnover Dt 2250 Kt 3000; closing Dt 8850 Kt 300
//	(8850 − 300 = 9300 + 2250 − 3000)
func TestExpandedTrialBalanceByHand(t *testing.T) {
	const c1, c2, k1, k2, k3, i1, w1, w2, cf = 1, 2, 11, 12, 13, 21, 31, 32, 41
	cat := map[ledger.AnalyticID]ledger.Analytic{}
	for _, a := range []ledger.Analytic{
		{ID: c1, Kind: ledger.Counterparty, Code: "C1", Names: names("Ак Ёл")}, {ID: c2, Kind: ledger.Counterparty, Code: "C2", Names: names("Беркарар")},
		{ID: k1, Kind: ledger.Contract, Code: "K1", Owner: c1}, {ID: k2, Kind: ledger.Contract, Code: "K2", Owner: c1}, {ID: k3, Kind: ledger.Contract, Code: "K3", Owner: c2},
		{ID: i1, Kind: ledger.Item, Code: "I1", Names: names("Цемент")}, {ID: w1, Kind: ledger.Warehouse, Code: "W1"}, {ID: w2, Kind: ledger.Warehouse, Code: "W2"},
		{ID: cf, Kind: ledger.CashFlowItem, Code: "CF"},
	} {
		cat[a.ID] = a
	}
	keys := []ledger.AnalyticTurnover{
		key("62.01", "", ledger.Turnover{Debit: 1000, Credit: 400}, ledger.Turnover{Debit: 500}, c1, k1),
		key("62.01", "", ledger.Turnover{}, ledger.Turnover{Credit: 300}, c1, k2),
		key("62.01", "", ledger.Turnover{Debit: 200}, ledger.Turnover{Credit: 200}, c2, k3),
		key("41.01", "", ledger.Turnover{Debit: 5000, DebitQty: 10000}, ledger.Turnover{Credit: 2500, CreditQty: 5000}, i1, w1),
		key("41.01", "", ledger.Turnover{}, ledger.Turnover{Debit: 1000, DebitQty: 2000}, i1, w2),
		key("52", "USD", ledger.Turnover{Debit: 3500, DebitCur: 100000}, ledger.Turnover{Debit: 350, DebitCur: 10000}, cf),
		key("52", "EUR", ledger.Turnover{}, ledger.Turnover{Debit: 400, DebitCur: 10000}, cf),
	}
	ch := registerChart()
	tb, err := BuildTB(TBInput{Chart: ch, Base: tmt, Expanded: []ledger.AccountCode{"62.01", "41.01", "52"}, Keys: keys, Analytics: cat})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		code  string // account, analytic code or currency
		depth int
		base  Amounts
		cur   string
		curA  Amounts
		qty   Amounts
	}
	wants := []want{
		{"41", 0, amounts(5000, 0, 1000, 2500, 3500, 0), "", Amounts{}, amounts(10000, 0, 2000, 5000, 7000, 0)},
		{"41.01", 1, amounts(5000, 0, 1000, 2500, 3500, 0), "", Amounts{}, amounts(10000, 0, 2000, 5000, 7000, 0)},
		{"I1", 2, amounts(5000, 0, 1000, 2500, 3500, 0), "", Amounts{}, amounts(10000, 0, 2000, 5000, 7000, 0)},
		{"W1", 3, amounts(5000, 0, 0, 2500, 2500, 0), "", Amounts{}, amounts(10000, 0, 0, 5000, 5000, 0)},
		{"W2", 3, amounts(0, 0, 1000, 0, 1000, 0), "", Amounts{}, amounts(0, 0, 2000, 0, 2000, 0)},
		{"52", 0, amounts(3500, 0, 750, 0, 4250, 0), "", Amounts{}, Amounts{}},
		{"CF", 1, amounts(3500, 0, 750, 0, 4250, 0), "", Amounts{}, Amounts{}},
		{"EUR", 2, amounts(0, 0, 400, 0, 400, 0), "EUR", amounts(0, 0, 10000, 0, 10000, 0), Amounts{}},
		{"USD", 2, amounts(3500, 0, 350, 0, 3850, 0), "USD", amounts(100000, 0, 10000, 0, 110000, 0), Amounts{}},
		{"62", 0, amounts(800, 0, 500, 500, 1100, 300), "", Amounts{}, Amounts{}},
		{"62.01", 1, amounts(800, 0, 500, 500, 1100, 300), "", Amounts{}, Amounts{}},
		{"C1", 2, amounts(600, 0, 500, 300, 1100, 300), "", Amounts{}, Amounts{}},
		{"K1", 3, amounts(600, 0, 500, 0, 1100, 0), "", Amounts{}, Amounts{}},
		{"K2", 3, amounts(0, 0, 0, 300, 0, 300), "", Amounts{}, Amounts{}},
		{"C2", 2, amounts(200, 0, 0, 200, 0, 0), "", Amounts{}, Amounts{}},
		{"K3", 3, amounts(200, 0, 0, 200, 0, 0), "", Amounts{}, Amounts{}},
	}
	if len(tb.Rows) != len(wants) {
		for _, r := range tb.Rows {
			t.Logf("%+v", r)
		}
		t.Fatalf("%d rows, want %d", len(tb.Rows), len(wants))
	}
	for i, w := range wants {
		r := tb.Rows[i]
		code := string(r.Account)
		switch {
		case r.CurrencyRow:
			code = r.Currency
		case r.Level > 0:
			code = r.Code
		}
		if code != w.code || r.Depth != w.depth || r.Amounts != w.base || r.Currency != w.cur || r.Cur != w.curA || r.Qty != w.qty {
			t.Errorf("row %d\n got %s depth %d %+v cur %q %+v qty %+v\nwant %+v", i, code, r.Depth, r.Amounts, r.Currency, r.Cur, r.Qty, w)
		}
	}
	if r := tb.Rows[11]; r.Name != names("Ак Ёл") || r.Kind != ledger.Counterparty || r.Analytics != an(c1) || r.Level != 1 || !r.Group {
		t.Errorf("customer row %+v", r)
	}
	if r := tb.Rows[12]; r.Kind != ledger.Contract || r.Analytics != an(c1, k1) || r.Level != 2 || r.Group {
		t.Errorf("contract row %+v", r)
	}
	if r := tb.Rows[10]; !r.Expanded || !r.Expandable || !tb.Rows[9].Expandable {
		t.Errorf("62.01 expanded %v expandable %v, 62 expandable %v", r.Expanded, r.Expandable, tb.Rows[9].Expandable)
	}
	if want := amounts(9300, 0, 2250, 3000, 8850, 300); tb.Total.Amounts != want {
		t.Errorf("total %+v, want %+v", tb.Total.Amounts, want)
	}

	// Not expanded, 62.01 nets its customers: closing Dt 800.
	var opening, period []ledger.AccountTurnover
	for _, k := range keys {
		opening = append(opening, ledger.AccountTurnover{Account: k.Account, Currency: k.Currency, Turnover: k.Opening})
		period = append(period, ledger.AccountTurnover{Account: k.Account, Currency: k.Currency, Turnover: k.Period})
	}
	plain, err := BuildTB(TBInput{Chart: ch, Base: tmt, Opening: opening, Period: period})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range plain.Rows {
		if r.Account == "62.01" && r.Amounts != amounts(800, 0, 500, 500, 800, 0) {
			t.Errorf("62.01 not expanded: %+v", r.Amounts)
		}
		if r.Level > 0 && !r.CurrencyRow {
			t.Errorf("an analytic row where nothing is expanded: %+v", r)
		}
	}
}

// posting is one movement of a random ledger: a debit and a credit side
// (either may be empty: off-balance), its date, amount, currency amounts
// and quantities.
type rposting struct {
	date   ledger.Date
	dt, kt ledger.Side
	amount money.Amount
}

// TestExpandedTrialBalanceProperty: random ledgers on registerChart, some
// accounts expanded; every row of the trial balance equals what scanning
// the postings behind it gives (the turnover of the postings it covers,
// the opening and closing balances of each leaf it covers on their own
// sides), every group row adds up the rows directly below it, and the
// total balances.
func TestExpandedTrialBalanceProperty(t *testing.T) {
	r := newRand(t)
	ch := registerChart()
	var posting []ledger.AccountCode
	for c, a := range ch {
		if !a.Group {
			posting = append(posting, c)
		}
	}
	slices.Sort(posting)
	pool := func(acc ledger.AccountCode) [ledger.MaxAnalytics]ledger.AnalyticID {
		var out [ledger.MaxAnalytics]ledger.AnalyticID
		for i := range ch[acc].Analytics {
			out[i] = ledger.AnalyticID(100*(i+1) + r.IntN(4)) // 0 now and then: a posting without it
			if r.IntN(15) == 0 {
				out[i] = 0
			}
		}
		return out
	}
	cat := map[ledger.AnalyticID]ledger.Analytic{}
	for i := 1; i <= 3; i++ {
		for j := range 4 {
			id := ledger.AnalyticID(100*i + j)
			cat[id] = ledger.Analytic{ID: id, Code: fmt.Sprintf("A%03d", 400-int(id))} // codes not in id order
		}
	}
	for trial := range 300 {
		var ps []rposting
		balanceSheet := []ledger.AccountCode{}
		for _, c := range posting {
			if !ch[c].OffBalance() {
				balanceSheet = append(balanceSheet, c)
			}
		}
		mkSide := func(acc ledger.AccountCode) ledger.Side {
			s := ledger.Side{Account: acc, Analytics: pool(acc)}
			if ch[acc].Currency {
				s.Currency = []string{"USD", "EUR"}[r.IntN(2)]
				s.CurAmount = money.Amount(r.IntN(5000) - 500)
			}
			if ch[acc].Quantity {
				s.Qty = ledger.Quantity(r.IntN(9000) - 1000)
			}
			return s
		}
		for n := r.IntN(60); n > 0; n-- {
			p := rposting{date: ledger.DateOf(2025, 1, 1) + ledger.Date(r.IntN(365)), amount: money.Amount(r.IntN(100_000) - 10_000)}
			if r.IntN(8) == 0 {
				s := mkSide("002")
				if r.IntN(2) == 0 {
					p.dt = s
				} else {
					p.kt = s
				}
			} else {
				p.dt, p.kt = mkSide(balanceSheet[r.IntN(len(balanceSheet))]), mkSide(balanceSheet[r.IntN(len(balanceSheet))])
			}
			ps = append(ps, p)
		}
		from := ledger.DateOf(2025, 1, 1) + ledger.Date(r.IntN(365))
		to := from + ledger.Date(r.IntN(120))
		var expanded []ledger.AccountCode
		for _, c := range posting {
			if r.IntN(2) == 0 {
				expanded = append(expanded, c)
			}
		}
		in := inputOf(ch, ps, from, to, expanded)
		in.Analytics = cat
		tb, err := BuildTB(in)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if !tb.Balanced() {
			t.Fatalf("trial %d: not balanced: %+v", trial, tb.Total)
		}
		checkExpanded(t, trial, tb, ch, ps, expanded)
	}
}

// inputOf sums the postings the way the store does: per account and
// currency before from and within from..to, and per key for every account.
func inputOf(ch ledger.Chart, ps []rposting, from, to ledger.Date, expanded []ledger.AccountCode) TBInput {
	in := TBInput{Chart: ch, Base: tmt, From: from, To: to, Expanded: expanded}
	keys := map[ledger.AnalyticKey]*ledger.AnalyticTurnover{}
	var opening, period []ledger.AccountTurnover
	for _, p := range ps {
		if p.date > to {
			continue
		}
		for i, s := range []ledger.Side{p.dt, p.kt} {
			if s.Account == "" {
				continue
			}
			u := ledger.Turnover{Debit: p.amount, DebitCur: s.CurAmount, DebitQty: s.Qty}
			if i == 1 {
				u = ledger.Turnover{Credit: p.amount, CreditCur: s.CurAmount, CreditQty: s.Qty}
			}
			k := ledger.AnalyticKey{Account: s.Account, Analytics: s.Analytics, Currency: s.Currency}
			kt := keys[k]
			if kt == nil {
				kt = &ledger.AnalyticTurnover{AnalyticKey: k}
				keys[k] = kt
			}
			at := ledger.AccountTurnover{Account: s.Account, Currency: s.Currency, Turnover: u}
			if p.date < from {
				kt.Opening, _ = kt.Opening.Add(u)
				opening = append(opening, at)
			} else {
				kt.Period, _ = kt.Period.Add(u)
				period = append(period, at)
			}
		}
	}
	for _, k := range keys {
		in.Keys = append(in.Keys, *k)
	}
	in.Opening, in.Period = opening, period
	return in
}

// checkExpanded recomputes every row from the postings.
func checkExpanded(t *testing.T, trial int, tb *TrialBalance, ch ledger.Chart, ps []rposting, expanded []ledger.AccountCode) {
	t.Helper()
	covers := func(row TBRow, s ledger.Side) bool {
		if s.Account == "" {
			return false
		}
		if row.Level == 0 {
			return s.Account == row.Account || isBelow(ch, s.Account, row.Account)
		}
		if s.Account != row.Account {
			return false
		}
		for i := range row.Analytics {
			if i < row.Level && s.Analytics[i] != row.Analytics[i] {
				if !(row.CurrencyRow && i >= analyticLevels(ch, row.Account, expanded)) {
					return false
				}
			}
		}
		return !row.CurrencyRow || s.Currency == row.Currency
	}
	leafOf := func(s ledger.Side) ledger.AnalyticKey {
		k := ledger.AnalyticKey{Account: s.Account}
		if slices.Contains(expanded, s.Account) {
			k.Analytics = s.Analytics
		}
		if ch[s.Account].Currency {
			k.Currency = s.Currency
		}
		return k
	}
	for i, row := range tb.Rows {
		type sums struct{ od, ok, d, k, cod, cok, cd, ck, qod, qok, qd, qk money.Amount }
		leaves := map[ledger.AnalyticKey]*sums{}
		var want Amounts
		var wantQty Amounts
		for _, p := range ps {
			if p.date > tb.To {
				continue
			}
			for j, s := range []ledger.Side{p.dt, p.kt} {
				if !covers(row, s) {
					continue
				}
				l := leaves[leafOf(s)]
				if l == nil {
					l = &sums{}
					leaves[leafOf(s)] = l
				}
				before := p.date < tb.From
				switch {
				case j == 0 && before:
					l.od, l.cod, l.qod = l.od+p.amount, l.cod+s.CurAmount, l.qod+money.Amount(s.Qty)
				case j == 1 && before:
					l.ok, l.cok, l.qok = l.ok+p.amount, l.cok+s.CurAmount, l.qok+money.Amount(s.Qty)
				case j == 0:
					l.d, l.cd, l.qd = l.d+p.amount, l.cd+s.CurAmount, l.qd+money.Amount(s.Qty)
					want.Debit += p.amount
					wantQty.Debit += money.Amount(s.Qty)
				default:
					l.k, l.ck, l.qk = l.k+p.amount, l.ck+s.CurAmount, l.qk+money.Amount(s.Qty)
					want.Credit += p.amount
					wantQty.Credit += money.Amount(s.Qty)
				}
			}
		}
		for k, l := range leaves {
			od, ok := split(l.od - l.ok)
			cd, ck := split(l.od - l.ok + l.d - l.k)
			want.OpeningDebit += od
			want.OpeningCredit += ok
			want.ClosingDebit += cd
			want.ClosingCredit += ck
			if ch[k.Account].Quantity {
				od, ok := split(l.qod - l.qok)
				cd, ck := split(l.qod - l.qok + l.qd - l.qk)
				wantQty.OpeningDebit += od
				wantQty.OpeningCredit += ok
				wantQty.ClosingDebit += cd
				wantQty.ClosingCredit += ck
			}
		}
		if !row.Quantity {
			wantQty = Amounts{}
		}
		if row.Amounts != want || row.Qty != wantQty {
			t.Fatalf("trial %d: row %d %+v\n base %+v qty %+v\nwant %+v qty %+v (from the postings)", trial, i, row, row.Amounts, row.Qty, want, wantQty)
		}
		if row.Amounts.IsZero() && row.Qty.IsZero() && row.Cur.IsZero() {
			t.Fatalf("trial %d: row %d shows nothing: %+v", trial, i, row)
		}
		if row.Currency != "" {
			checkCurrency(t, trial, row, ps, covers, leafOf, tb.From, tb.To)
		}
	}
	// Each row with rows below it adds them up.
	for i, row := range tb.Rows {
		var sum, qty Amounts
		n := 0
		for j := i + 1; j < len(tb.Rows) && tb.Rows[j].Depth > row.Depth; j++ {
			if tb.Rows[j].Depth == row.Depth+1 {
				sum.Add(tb.Rows[j].Amounts)
				qty.Add(tb.Rows[j].Qty)
				n++
			}
		}
		if n > 0 && (sum != row.Amounts || (row.Quantity && qty != row.Qty)) {
			t.Fatalf("trial %d: row %d %+v does not add up the %d rows below it: %+v qty %+v", trial, i, row, n, sum, qty)
		}
	}
}

// checkCurrency: a row in one currency shows that currency's balances from
// the postings, each leaf's on its own side.
func checkCurrency(t *testing.T, trial int, row TBRow, ps []rposting, covers func(TBRow, ledger.Side) bool, leafOf func(ledger.Side) ledger.AnalyticKey, from, to ledger.Date) {
	t.Helper()
	type sums struct{ open, d, k money.Amount }
	leaves := map[ledger.AnalyticKey]*sums{}
	for _, p := range ps {
		if p.date > to {
			continue
		}
		for j, s := range []ledger.Side{p.dt, p.kt} {
			if !covers(row, s) {
				continue
			}
			if s.Currency != row.Currency {
				t.Fatalf("trial %d: row %+v in %s covers a posting in %q", trial, row, row.Currency, s.Currency)
			}
			l := leaves[leafOf(s)]
			if l == nil {
				l = &sums{}
				leaves[leafOf(s)] = l
			}
			switch {
			case p.date < from && j == 0:
				l.open += s.CurAmount
			case p.date < from:
				l.open -= s.CurAmount
			case j == 0:
				l.d += s.CurAmount
			default:
				l.k += s.CurAmount
			}
		}
	}
	var want Amounts
	for _, l := range leaves {
		od, ok := split(l.open)
		cd, ck := split(l.open + l.d - l.k)
		want.Add(amounts(od, ok, l.d, l.k, cd, ck))
	}
	if row.Cur != want {
		t.Fatalf("trial %d: row %+v in %s: %+v, want %+v from the postings", trial, row, row.Currency, row.Cur, want)
	}
}

// analyticLevels is how many analytic levels an account's rows have.
func analyticLevels(ch ledger.Chart, acc ledger.AccountCode, expanded []ledger.AccountCode) int {
	if !slices.Contains(expanded, acc) {
		return 0
	}
	return len(ch[acc].Analytics)
}

func isBelow(ch ledger.Chart, c, code ledger.AccountCode) bool {
	for a := ch[c]; a != nil && a.Parent != ""; a = ch[a.Parent] {
		if a.Parent == code {
			return true
		}
	}
	return false
}

// TestGeneralLedgerProperty: on random ledgers, each synthetic account's
// line of the general ledger over the period is its line of the trial
// balance of the whole period, each month's closing is the next month's
// opening, and the months' turnover adds up to the period's.
func TestGeneralLedgerProperty(t *testing.T) {
	r := newRand(t)
	ch := registerChart()
	accounts := []ledger.AccountCode{"41.01", "52", "60.01", "62.01", "62.02", "80", "90.01"}
	for trial := range 200 {
		var ps []rposting
		for n := r.IntN(50); n > 0; n-- {
			ps = append(ps, rposting{date: ledger.DateOf(2025, 1, 1) + ledger.Date(r.IntN(365)), amount: money.Amount(r.IntN(100_000) - 10_000),
				dt: ledger.Side{Account: accounts[r.IntN(len(accounts))]}, kt: ledger.Side{Account: accounts[r.IntN(len(accounts))]}})
		}
		from := ledger.DateOf(2025, 1, 1) + ledger.Date(r.IntN(300))
		to := from + ledger.Date(r.IntN(200))
		sum := func(lo, hi ledger.Date) []ledger.AccountTurnover {
			var out []ledger.AccountTurnover
			for _, p := range ps {
				if p.date >= lo && p.date <= hi {
					out = append(out, ledger.AccountTurnover{Account: p.dt.Account, Turnover: ledger.Turnover{Debit: p.amount}},
						ledger.AccountTurnover{Account: p.kt.Account, Turnover: ledger.Turnover{Credit: p.amount}})
				}
			}
			return out
		}
		opening := sum(0, from-1)
		var months []MonthTurnover
		for _, m := range MonthsOf(from, to) {
			months = append(months, MonthTurnover{From: m[0], To: m[1], Turnover: sum(m[0], m[1])})
		}
		gl, err := BuildGeneralLedger(ch, tmt, from, to, opening, months, "")
		if err != nil {
			t.Fatal(err)
		}
		tb, err := BuildTrialBalance(ch, tmt, from, to, opening, sum(from, to))
		if err != nil {
			t.Fatal(err)
		}
		want := map[ledger.AccountCode]Amounts{}
		for _, row := range tb.Rows {
			if row.Depth == 0 {
				want[row.Account] = row.Amounts
			}
		}
		if len(gl.Accounts) != len(want) {
			t.Fatalf("trial %d: %d accounts in the general ledger, %d in the trial balance", trial, len(gl.Accounts), len(want))
		}
		for _, a := range gl.Accounts {
			if a.Period != want[a.Account] {
				t.Fatalf("trial %d: %s over the period %+v, trial balance %+v", trial, a.Account, a.Period, want[a.Account])
			}
			for i := 1; i < len(a.Months); i++ {
				p, m := a.Months[i-1], a.Months[i]
				if p.To+1 == m.From && (p.ClosingDebit != m.OpeningDebit || p.ClosingCredit != m.OpeningCredit) {
					t.Fatalf("trial %d: %s month %d closes %+v, the next opens %+v", trial, a.Account, i, p.Amounts, m.Amounts)
				}
			}
		}
	}
}

// BenchmarkBuildTBExpanded: 62.01 expanded with 5 000 customers on two
// contracts each, the rest of registerChart plain.
func BenchmarkBuildTBExpanded(b *testing.B) {
	ch := registerChart()
	var keys []ledger.AnalyticTurnover
	cat := map[ledger.AnalyticID]ledger.Analytic{}
	for i := range 5000 {
		c := ledger.AnalyticID(1 + i)
		cat[c] = ledger.Analytic{ID: c, Code: fmt.Sprintf("C%05d", i)}
		for j := range 2 {
			k := ledger.AnalyticID(100000 + 2*i + j)
			cat[k] = ledger.Analytic{ID: k, Code: fmt.Sprintf("K%05d-%d", i, j)}
			keys = append(keys, key("62.01", "", ledger.Turnover{Debit: money.Amount(1000 * i)}, ledger.Turnover{Credit: money.Amount(700*i + j)}, c, k))
		}
	}
	in := TBInput{Chart: ch, Base: tmt, Expanded: []ledger.AccountCode{"62.01"}, Keys: keys, Analytics: cat}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildTB(in); err != nil {
			b.Fatal(err)
		}
	}
}
