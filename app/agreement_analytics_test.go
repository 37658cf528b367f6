package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/store"
)

// agreementSeed is the seed of a generated ledger: HASAP_AGREEMENT_SEED
// when set (to replay a failure), else a new one, logged.
func agreementSeed(t *testing.T) uint64 {
	t.Helper()
	if s := os.Getenv("HASAP_AGREEMENT_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("HASAP_AGREEMENT_SEED: %v", err)
		}
		return v
	}
	v := uint64(time.Now().UnixNano())
	t.Logf("seed %d (replay with HASAP_AGREEMENT_SEED=%d)", v, v)
	return v
}

// cisJournal writes a random journal on the cis chart: sales on 62.01 to
// customers on contracts, goods with items, warehouses and quantities on
// 41.01, supplies on 60.01 with input VAT per supplier on 19.03, USD on 52
// and 60.21 at a total cost, services on 76.05, payroll per employee on
// 70, cash-flow items on 51 and 52, elided amounts (the elided posting
// carries its tags), returns written as negative amounts, and now and then
// a posting's analytics on the transaction's comment line instead of its
// own. Dates run over 2024 and 2025.
func cisJournal(r *rand.Rand, txns int) string {
	var b strings.Builder
	b.WriteString("; generated for the analytics agreement test\nP 2024-01-01 USD 3.50 TMT\n")
	cp := func() int { return 1 + r.IntN(40) }
	cps := func(k int) string {
		return fmt.Sprintf("counterparty: K%02d, contract: K%02d-%d", k, k, 1+r.IntN(2))
	}
	amt := func(max int64) int64 { return 1 + r.Int64N(max) }
	dec := func(v int64) string { return money.Decimal(money.Amount(v), 2) }
	item := func(q int) string {
		return fmt.Sprintf("item: I%d, warehouse: W%d, qty: %d", 1+r.IntN(8), 1+r.IntN(3), q)
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < txns; i++ {
		day = day.AddDate(0, 0, r.IntN(2)) // about 750 days for 1 500 transactions
		fmt.Fprintf(&b, "\n%s * (%d) t%d\n", day.Format("2006-01-02"), i+1, i)
		sign := int64(1)
		if r.IntN(25) == 0 {
			sign = -1 // a return
		}
		switch r.IntN(9) {
		case 0, 1: // sale with its cost
			k, g, c, q := cp(), amt(500000), amt(300000), 1+r.IntN(20)
			if r.IntN(4) == 0 { // the customer's analytics on the transaction
				fmt.Fprintf(&b, "    ; %s\n    62.01  %s TMT\n", cps(k), dec(sign*g))
			} else {
				fmt.Fprintf(&b, "    62.01  %s TMT  ; %s\n", dec(sign*g), cps(k))
			}
			fmt.Fprintf(&b, "    90.01  %s TMT\n    90.02  %s TMT\n    41.01  %s TMT  ; %s\n", dec(-sign*g), dec(sign*c), dec(-sign*c), item(q))
		case 2: // payment received, the bank's amount elided now and then
			k, v := cp(), amt(400000)
			fmt.Fprintf(&b, "    62.01  %s TMT  ; %s\n", dec(-v), cps(k))
			if r.IntN(3) == 0 {
				b.WriteString("    51  ; cashflow: CF-IN\n")
			} else {
				fmt.Fprintf(&b, "    51  %s TMT  ; cashflow: CF-IN\n", dec(v))
			}
		case 3: // supply with input VAT
			k, n, q := cp(), amt(200000), 1+r.IntN(50)
			v := n * 15 / 100
			fmt.Fprintf(&b, "    41.01  %s TMT  ; %s\n    19.03  %s TMT  ; counterparty: K%02d\n    60.01  %s TMT  ; %s\n",
				dec(sign*n), item(q), dec(sign*v), k, dec(-sign*(n+v)), cps(k))
		case 4: // supplier paid
			k, v := cp(), amt(300000)
			fmt.Fprintf(&b, "    60.01  %s TMT  ; %s\n    51  %s TMT  ; cashflow: CF-OUT\n", dec(v), cps(k), dec(-v))
		case 5: // USD: bought, an import at cost, paid abroad
			k, u, q := cp(), amt(100000), 1+r.IntN(30)
			t := u * 35 / 10
			switch r.IntN(3) {
			case 0:
				fmt.Fprintf(&b, "    52  %s USD @@ %s TMT  ; cashflow: CF-FX\n    51  %s TMT  ; cashflow: CF-FX\n", dec(u), dec(t), dec(-t))
			case 1:
				fmt.Fprintf(&b, "    41.01  %s TMT  ; %s\n    60.21  %s USD @@ %s TMT  ; %s\n", dec(t), item(q), dec(-u), dec(t), cps(k))
			default:
				fmt.Fprintf(&b, "    60.21  %s USD @@ %s TMT  ; %s\n    52  %s USD @@ %s TMT  ; cashflow: CF-OUT\n", dec(u), dec(t), cps(k), dec(-u), dec(t))
			}
		case 6: // a service on 76.05, to 26 or 44
			k, v := cp(), amt(80000)
			fmt.Fprintf(&b, "    %s  %s TMT\n    76.05  %s TMT  ; %s\n", []string{"26", "44"}[r.IntN(2)], dec(sign*v), dec(-sign*v), cps(k))
		case 7: // payroll of an employee, paid
			e, v := 1+r.IntN(6), amt(500000)
			fmt.Fprintf(&b, "    26  %s TMT\n    70  %s TMT  ; employee: E%d\n", dec(v), dec(-v), e)
			fmt.Fprintf(&b, "\n%s * (p%d) paid\n    70  %s TMT  ; employee: E%d\n    51  %s TMT  ; cashflow: CF-PAY\n", day.Format("2006-01-02"), i, dec(v), e, dec(-v))
		default: // goods moved between warehouses: quantity both sides
			v, q := amt(50000), 1+r.IntN(10)
			fmt.Fprintf(&b, "    41.01  %s TMT  ; %s\n    41.01  %s TMT  ; %s\n", dec(v), item(q), dec(-v), item(q))
		}
	}
	return b.String()
}

// movement is one side of a posting as the test reads it from the entries.
type movement struct {
	date  ledger.Date
	key   ledger.AnalyticKey
	debit bool
	amt   money.Amount // base
	cur   money.Amount
	qty   ledger.Quantity
}

// scanMovements reads every posting of the organisation from its entries
// (not from any totals): the test's own account of the books.
func scanMovements(t *testing.T, a *app.App, org ledger.OrgID) []movement {
	t.Helper()
	var ms []movement
	err := a.Store.ScanEntries(context.Background(), org, 1, func(e *ledger.Entry) error {
		for _, p := range e.Postings {
			for _, s := range []struct {
				side  ledger.Side
				debit bool
			}{{p.Debit, true}, {p.Credit, false}} {
				if s.side.Account == "" {
					continue
				}
				ms = append(ms, movement{date: e.Date, debit: s.debit, amt: p.Amount, cur: s.side.CurAmount, qty: s.side.Qty,
					key: ledger.AnalyticKey{Account: s.side.Account, Analytics: s.side.Analytics, Currency: s.side.Currency}})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// sumMoves adds up the movements that keep says, before from (opening) and
// within from..to (period), as totals would.
func sumMoves(ms []movement, from, to ledger.Date, keep func(m *movement) bool) (opening, period ledger.Turnover) {
	for i := range ms {
		m := &ms[i]
		if !keep(m) || (to != ledger.NoDate && m.date > to) {
			continue
		}
		t := &period
		if from != ledger.NoDate && m.date < from {
			t = &opening
		}
		if m.debit {
			t.Debit += m.amt
			t.DebitCur += m.cur
			t.DebitQty += m.qty
		} else {
			t.Credit += m.amt
			t.CreditCur += m.cur
			t.CreditQty += m.qty
		}
	}
	return opening, period
}

// isUnder reports whether code is acct or an account below it in the chart.
func isUnder(ch ledger.Chart, code, acct ledger.AccountCode) bool {
	for c := code; c != ""; {
		if c == acct {
			return true
		}
		a, ok := ch[c]
		if !ok {
			return false
		}
		c = a.Parent
	}
	return false
}

var agreementPeriods = [][2]ledger.Date{
	{ledger.NoDate, ledger.NoDate},
	{ledger.DateOf(2025, 1, 1), ledger.DateOf(2025, 12, 31)}, // a year
	{ledger.DateOf(2025, 3, 1), ledger.DateOf(2025, 3, 31)},  // a month
	{ledger.DateOf(2025, 3, 10), ledger.DateOf(2025, 3, 20)}, // part of a month
	{ledger.DateOf(2024, 11, 15), ledger.DateOf(2025, 2, 9)}, // cut months at both ends, across a year
	{ledger.NoDate, ledger.DateOf(2024, 6, 17)},
	{ledger.DateOf(2025, 7, 2), ledger.NoDate},
	// whole years from the year totals, the rest from the months
	{ledger.DateOf(2024, 1, 1), ledger.DateOf(2025, 12, 31)}, // two whole years
	{ledger.DateOf(2024, 7, 1), ledger.DateOf(2025, 6, 30)},  // whole months from mid-year
	{ledger.DateOf(2024, 5, 17), ledger.DateOf(2025, 9, 8)},  // mid-month from mid-year
	{ledger.DateOf(2025, 1, 1), ledger.NoDate},               // open end from a year start
	{ledger.NoDate, ledger.DateOf(2024, 12, 31)},             // open start to a year end
	{ledger.NoDate, ledger.DateOf(2024, 12, 20)},             // open start to mid-December
}

// TestAgreementWithScannedPostings imports a generated journal on the cis
// chart (with analytics, quantities and USD) and checks, for periods of
// whole months, cut months and open ends, that every row of the trial
// balance, plain and expanded by every analytic, and every analytic key's turnover (base, currency and quantity,
// as AnalyticTurnovers and AnalyticsOpening give them, what the expanded
// trial balance, the ageing and the card read) equals the sum of the
// postings behind it, computed here by scanning the entries.
func TestAgreementWithScannedPostings(t *testing.T) {
	eachStore(t, func(t *testing.T, a *app.App) {
		ctx := context.Background()
		createOrg(t, a, "agr", "cis")
		journal := cisJournal(rand.New(rand.NewPCG(agreementSeed(t), 11)), 1500)
		if _, err := a.ImportLedger(ctx, app.System, "agr", strings.NewReader(journal), app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		org, err := a.Store.OrgByCode(ctx, "agr")
		if err != nil {
			t.Fatal(err)
		}
		ch, err := a.Store.Chart(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		check := func(ms []movement, periods [][2]ledger.Date) (qty, cur, expanded int) {
			used := map[ledger.AccountCode]bool{}
			for _, m := range ms {
				used[m.key.Account] = true
			}
			for _, p := range periods {
				q, c := checkTB(t, a, ch, ms, p[0], p[1])
				qty, cur = qty+q, cur+c
				expanded += checkExpandedTB(t, a, ch, ms, p[0], p[1])
				for acct := range used {
					checkAnalyticTurnovers(t, a, org.ID, ms, acct, p[0], p[1])
				}
			}
			return qty, cur, expanded
		}
		ms := scanMovements(t, a, org.ID)
		used := map[ledger.AccountCode]bool{}
		for _, m := range ms {
			used[m.key.Account] = true
		}
		qty, cur, expanded := check(ms, agreementPeriods)
		if expanded < 100 {
			t.Errorf("the expanded trial balances had %d analytic rows: too few to check", expanded)
		}
		if qty == 0 || cur == 0 {
			t.Errorf("the trial balances showed %d rows with quantities and %d in a currency: nothing to check them against", qty, cur)
		}
		for _, d := range []ledger.Date{ledger.DateOf(2024, 1, 1), ledger.DateOf(2024, 8, 1), ledger.DateOf(2025, 3, 15), ledger.DateOf(2026, 1, 1)} {
			for acct := range used {
				checkAnalyticsOpening(t, a, org.ID, ms, acct, d)
			}
		}
		// More books into 2024 and 2025, whose year totals exist: the bulk
		// import adds to them.
		more := cisJournal(rand.New(rand.NewPCG(agreementSeed(t), 12)), 200)
		if _, err := a.ImportLedger(ctx, app.System, "agr", strings.NewReader(more), app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		ms = scanMovements(t, a, org.ID)
		check(ms, agreementPeriods[len(agreementPeriods)-6:])
		for acct := range used {
			checkAnalyticsOpening(t, a, org.ID, ms, acct, ledger.DateOf(2025, 3, 15))
		}
	})
}

func netOf(t ledger.Turnover) money.Amount { return t.Debit - t.Credit }

// checkTB checks the trial balance of from..to and says how many rows'
// quantity and currency columns it checked.
func checkTB(t *testing.T, a *app.App, ch ledger.Chart, ms []movement, from, to ledger.Date) (checkedQty, checkedCur int) {
	t.Helper()
	tb, err := a.TrialBalance(context.Background(), app.System, "agr", from, to)
	if err != nil {
		t.Fatal(err)
	}
	return checkTBRows(t, tb, ch, ms, from, to)
}

// checkExpandedTB checks the trial balance with every account that keeps
// analytics expanded: the account rows as checkTB does, and each analytic
// row (the postings of the account whose first Level analytics are the
// row's) and currency row (those of them in its currency).
func checkExpandedTB(t *testing.T, a *app.App, ch ledger.Chart, ms []movement, from, to ledger.Date) (analyticRows int) {
	t.Helper()
	tb, err := a.ExpandedTrialBalance(context.Background(), app.System, "agr", app.TrialBalanceQuery{From: from, To: to, All: true})
	if err != nil {
		t.Fatal(err)
	}
	checkTBRows(t, tb, ch, ms, from, to)
	for _, row := range tb.Rows {
		if row.Level == 0 {
			continue
		}
		analyticRows++
		op, per := sumMoves(ms, from, to, func(m *movement) bool {
			if m.key.Account != row.Account || (row.CurrencyRow && m.key.Currency != row.Currency) {
				return false
			}
			levels := row.Level // the analytics the row is of
			if row.CurrencyRow {
				levels-- // its parent's
			}
			for i := 0; i < levels && i < ledger.MaxAnalytics; i++ {
				if m.key.Analytics[i] != row.Analytics[i] {
					return false
				}
			}
			return true
		})
		checkAmounts(t, fmt.Sprintf("%s..%s: expanded row %s %v level %d %s", from, to, row.Account, row.Analytics, row.Level, row.Currency), row, op, per)
	}
	return analyticRows
}

// checkAmounts compares a row's base, currency and quantity columns with
// the turnover of the postings behind it.
func checkAmounts(t *testing.T, what string, row report.TBRow, op, per ledger.Turnover) {
	t.Helper()
	got := [4]money.Amount{row.OpeningDebit - row.OpeningCredit, row.Debit, row.Credit, row.ClosingDebit - row.ClosingCredit}
	want := [4]money.Amount{netOf(op), per.Debit, per.Credit, netOf(op) + netOf(per)}
	if got != want {
		t.Errorf("%s (opening net, Dt, Kt, closing net) = %v, the postings give %v", what, got, want)
	}
	if row.Quantity {
		q := func(v ledger.Quantity) money.Amount { return money.Amount(v) }
		got := [4]money.Amount{row.Qty.OpeningDebit - row.Qty.OpeningCredit, row.Qty.Debit, row.Qty.Credit, row.Qty.ClosingDebit - row.Qty.ClosingCredit}
		want := [4]money.Amount{q(op.DebitQty - op.CreditQty), q(per.DebitQty), q(per.CreditQty), q(op.DebitQty - op.CreditQty + per.DebitQty - per.CreditQty)}
		if got != want {
			t.Errorf("%s: quantities %v, the postings give %v", what, got, want)
		}
	}
	if row.Currency != "" {
		got := [4]money.Amount{row.Cur.OpeningDebit - row.Cur.OpeningCredit, row.Cur.Debit, row.Cur.Credit, row.Cur.ClosingDebit - row.Cur.ClosingCredit}
		want := [4]money.Amount{op.DebitCur - op.CreditCur, per.DebitCur, per.CreditCur, op.DebitCur - op.CreditCur + per.DebitCur - per.CreditCur}
		if got != want {
			t.Errorf("%s: %s %v, the postings give %v", what, row.Currency, got, want)
		}
	}
}

func checkTBRows(t *testing.T, tb *report.TrialBalance, ch ledger.Chart, ms []movement, from, to ledger.Date) (checkedQty, checkedCur int) {
	t.Helper()
	if !tb.Balanced() {
		t.Errorf("%s..%s: the trial balance does not balance: %+v", from, to, tb.Total.Amounts)
	}
	shown := map[ledger.AccountCode]bool{}
	var total ledger.Turnover
	for _, row := range tb.Rows {
		if row.Level != 0 {
			continue
		}
		shown[row.Account] = true
		op, per := sumMoves(ms, from, to, func(m *movement) bool { return isUnder(ch, m.key.Account, row.Account) })
		checkAmounts(t, fmt.Sprintf("%s..%s: trial balance row %s", from, to, row.Account), row, op, per)
		if row.Quantity {
			checkedQty++
		}
		if row.Currency != "" {
			checkedCur++
		}
		if row.Depth == 0 && !row.OffBalance {
			total.Debit += per.Debit
			total.Credit += per.Credit
		}
	}
	if tb.Total.Debit != total.Debit || tb.Total.Credit != total.Credit {
		t.Errorf("%s..%s: total turnover %d/%d, the postings give %d/%d", from, to, tb.Total.Debit, tb.Total.Credit, total.Debit, total.Credit)
	}
	for _, m := range ms {
		if (from == ledger.NoDate || m.date >= from) && (to == ledger.NoDate || m.date <= to) && !shown[m.key.Account] {
			t.Errorf("%s..%s: %s moved but has no row", from, to, m.key.Account)
			shown[m.key.Account] = true
		}
	}
	return checkedQty, checkedCur
}

func checkAnalyticTurnovers(t *testing.T, a *app.App, org ledger.OrgID, ms []movement, acct ledger.AccountCode, from, to ledger.Date) {
	t.Helper()
	rows, err := a.Store.AnalyticTurnovers(context.Background(), org, store.AnalyticFilter{Accounts: []ledger.AccountCode{acct}, From: from, To: to, Limit: store.MaxAnalyticLimit})
	if err != nil {
		t.Fatal(err)
	}
	got := map[ledger.AnalyticKey][2]ledger.Turnover{}
	for _, r := range rows {
		got[r.AnalyticKey] = [2]ledger.Turnover{r.Opening, r.Period}
	}
	want := map[ledger.AnalyticKey][2]ledger.Turnover{}
	for _, m := range ms {
		if m.key.Account != acct || (to != ledger.NoDate && m.date > to) {
			continue
		}
		if _, ok := want[m.key]; ok {
			continue
		}
		k := m.key
		op, per := sumMoves(ms, from, to, func(m *movement) bool { return m.key == k })
		want[k] = [2]ledger.Turnover{op, per}
	}
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s..%s: %s %v %s: turnover (opening, period) %+v, the postings give %+v", from, to, acct, k.Analytics, k.Currency, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && (g != [2]ledger.Turnover{}) {
			t.Errorf("%s..%s: %s %v %s: turnover %+v where no posting is", from, to, acct, k.Analytics, k.Currency, g)
		}
	}
}

func checkAnalyticsOpening(t *testing.T, a *app.App, org ledger.OrgID, ms []movement, acct ledger.AccountCode, d ledger.Date) {
	t.Helper()
	got, err := a.Store.AnalyticsOpening(context.Background(), org, acct, d, [ledger.MaxAnalytics]ledger.AnalyticID{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover{}
	for _, m := range ms {
		if m.key.Account != acct || m.date >= d {
			continue
		}
		an := m.key.Analytics
		if _, ok := want[an]; ok {
			continue
		}
		op, _ := sumMoves(ms, d, ledger.NoDate, func(m *movement) bool { return m.key.Account == acct && m.key.Analytics == an })
		want[an] = op
	}
	for an, w := range want {
		if got[an] != w {
			t.Errorf("before %s: %s %v: %+v, the postings give %+v", d, acct, an, got[an], w)
		}
	}
	for an, g := range got {
		if _, ok := want[an]; !ok && !g.IsZero() {
			t.Errorf("before %s: %s %v: %+v where no posting is", d, acct, an, g)
		}
	}
}

// TestAgreementAnalyticsWithHledger: on the journal Hasap exports of
// generated books on the cis chart, hledger's balance of every account in
// every commodity equals Hasap's, and so does each counterparty's balance
// across the accounts (hledger --pivot counterparty) with the one the
// totals give (AnalyticsOpening summed over the accounts that keep
// counterparties; USD accounts in USD).
func TestAgreementAnalyticsWithHledger(t *testing.T) {
	hledger := hledgerOrSkip(t)
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "agr", "cis")
	journal := cisJournal(rand.New(rand.NewPCG(agreementSeed(t), 12)), 1500)
	if _, err := a.ImportLedger(ctx, app.System, "agr", strings.NewReader(journal), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := a.ExportLedger(ctx, app.System, "agr", &out); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "export.journal")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tmt := money.MustLookup("TMT")
	if got, want := ourBalances(t, a, "agr"), hledgerBalances(t, hledger, file, tmt); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("balances differ from hledger on the export\nours:\n%s\nhledger:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	org, err := a.Store.OrgByCode(ctx, "agr")
	if err != nil {
		t.Fatal(err)
	}
	ch, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]money.Amount{} // "K07,TMT" → balance
	var ids []ledger.AnalyticID
	byAcct := map[ledger.AccountCode]map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover{}
	for code, acc := range ch {
		slot := -1
		for i, k := range acc.Analytics {
			if k == ledger.Counterparty {
				slot = i
			}
		}
		if slot < 0 || acc.Group {
			continue
		}
		m, err := a.Store.AnalyticsOpening(ctx, org.ID, code, ledger.DateOf(9999, 12, 31), [ledger.MaxAnalytics]ledger.AnalyticID{})
		if err != nil {
			t.Fatal(err)
		}
		byAcct[code] = m
		for an := range m {
			ids = append(ids, an[slot])
		}
	}
	names, err := a.Store.AnalyticsByID(ctx, org.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	for code, m := range byAcct {
		acc := ch[code]
		slot := 0
		for i, k := range acc.Analytics {
			if k == ledger.Counterparty {
				slot = i
			}
		}
		for an, tu := range m {
			k, v := names[an[slot]].Code+",TMT", netOf(tu)
			if acc.Currency { // the generator keeps only USD on these
				k, v = names[an[slot]].Code+",USD", tu.DebitCur-tu.CreditCur
			}
			ours[k] += v
		}
	}
	theirs := hledgerPivot(t, hledger, file, "counterparty", tmt)
	var diffs []string
	for k, v := range ours {
		if v != 0 && theirs[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: ours %d, hledger %d", k, v, theirs[k]))
		}
	}
	for k, v := range theirs {
		if strings.HasPrefix(k, "K") && v != 0 && ours[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: hledger %d, ours %d", k, v, ours[k]))
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 || len(ours) < 20 {
		t.Fatalf("counterparty balances differ from hledger --pivot (%d of ours):\n%s", len(ours), strings.Join(diffs, "\n"))
	}
}

// hledgerPivot runs `hledger bal --pivot TAG` and returns the balance of
// each tag value in each commodity ("VALUE,COMMODITY" → minor units).
func hledgerPivot(t *testing.T, hledger, file, tag string, base money.Currency) map[string]money.Amount {
	t.Helper()
	out, err := exec.Command(hledger, "-f", file, "bal", "--pivot", tag, "--flat", "--no-total", "-O", "csv", "--layout=bare").CombinedOutput()
	if err != nil {
		t.Fatalf("hledger: %v\n%s", err, out)
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("hledger csv: %v\n%s", err, out)
	}
	m := map[string]money.Amount{}
	for _, r := range rows[1:] {
		cur := base
		if r[1] != "" {
			if cur, err = money.FromSymbol(r[1]); err != nil {
				t.Fatalf("hledger commodity %q: %v", r[1], err)
			}
		}
		v, err := money.ParseDecimal(strings.ReplaceAll(r[2], ",", ""), cur.Exponent)
		if err != nil {
			t.Fatalf("hledger amount %q: %v", r[2], err)
		}
		m[r[0]+","+cur.Code] += v
	}
	return m
}
