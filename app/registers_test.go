package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

func TestRegisters(t *testing.T) { eachStore(t, testRegisters) }

// registerBooks posts, in organisation r (the cis chart):
//
//	2025-01-10  Dt 62.01 C1/K1  Kt 90.01   1 000,00  sale
//	2025-01-20  Dt 62.01 C2/K3  Kt 90.01     200,00  sale
//	2025-01-25  Dt 41.01 I/W    Kt 80         50,00  goods, 10.000 pieces
//	2025-02-05  Dt 51 CF        Kt 62.01 C1/K2  300,00  an advance on K2
//	2025-02-15  Dt 51 CF        Kt 62.01 C2/K3  200,00  C2 pays
//	2025-03-10  Dt 62.01 C1/K1  Kt 90.01     500,00  sale
//
// and returns C1 and its contracts K1, K2, C2's K3.
func registerBooks(t *testing.T, a *app.App) (c1, k1, k2, k3 ledger.AnalyticID) {
	t.Helper()
	ctx := context.Background()
	createOrg(t, a, "r", "cis")
	an := func(kind ledger.AnalyticKind, code, name string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{RU: name, TK: name + " tk"}, Owner: owner}
		if err := a.CreateAnalytic(ctx, app.System, "r", &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	c1, c2 := an(ledger.Counterparty, "C1", "Ак Ёл", 0), an(ledger.Counterparty, "C2", "Беркарар", 0)
	k1, k2, k3 = an(ledger.Contract, "K1", "Договор 1", c1), an(ledger.Contract, "K2", "Договор 2", c1), an(ledger.Contract, "K3", "Договор 3", c2)
	cf, item, wh := an(ledger.CashFlowItem, "CF", "Поступления", 0), an(ledger.Item, "I", "Цемент", 0), an(ledger.Warehouse, "W", "Склад", 0)
	side := func(acc ledger.AccountCode, ids ...ledger.AnalyticID) ledger.Side {
		s := ledger.Side{Account: acc}
		copy(s.Analytics[:], ids)
		return s
	}
	goods := side("41.01", item, wh)
	goods.Qty = 10000
	for _, p := range []struct {
		day    ledger.Date
		dt, kt ledger.Side
		amount money.Amount
	}{
		{ledger.DateOf(2025, 1, 10), side("62.01", c1, k1), side("90.01"), 100000},
		{ledger.DateOf(2025, 1, 20), side("62.01", c2, k3), side("90.01"), 20000},
		{ledger.DateOf(2025, 1, 25), goods, side("80"), 5000},
		{ledger.DateOf(2025, 2, 5), side("51", cf), side("62.01", c1, k2), 30000},
		{ledger.DateOf(2025, 2, 15), side("51", cf), side("62.01", c2, k3), 20000},
		{ledger.DateOf(2025, 3, 10), side("62.01", c1, k1), side("90.01"), 50000},
	} {
		e := ledger.Entry{Date: p.day, Description: "registers", Postings: []ledger.Posting{{Debit: p.dt, Credit: p.kt, Amount: p.amount}}}
		if _, err := a.Post(ctx, app.System, "r", e); err != nil {
			t.Fatal(err)
		}
	}
	return c1, k1, k2, k3
}

func testRegisters(t *testing.T, a *app.App) {
	ctx := context.Background()
	c1, k1, k2, k3 := registerBooks(t, a)
	d := ledger.DateOf
	am := func(od, ok, dt, kt, cd, ck money.Amount) report.Amounts {
		return report.Amounts{OpeningDebit: od, OpeningCredit: ok, Debit: dt, Credit: kt, ClosingDebit: cd, ClosingCredit: ck}
	}
	find := func(tb *report.TrialBalance, acc ledger.AccountCode, ids ...ledger.AnalyticID) report.TBRow {
		t.Helper()
		for _, r := range tb.Rows {
			if r.Account != acc || r.CurrencyRow || r.Level != len(ids) {
				continue
			}
			match := true
			for i, id := range ids {
				match = match && r.Analytics[i] == id
			}
			if match {
				return r
			}
		}
		t.Fatalf("no row %s %v in %+v", acc, ids, tb.Rows)
		return report.TBRow{}
	}

	// February and March, 62 expanded: C1 owes 1 500,00 on K1 and has
	// paid 300,00 in advance on K2, shown apart; C2 is settled.
	tb, err := a.ExpandedTrialBalance(ctx, app.System, "r", app.TrialBalanceQuery{From: d(2025, 2, 1), To: d(2025, 3, 31), Expand: []ledger.AccountCode{"62"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		acc  ledger.AccountCode
		ids  []ledger.AnalyticID
		want report.Amounts
	}{
		{"62", nil, am(120000, 0, 50000, 50000, 150000, 30000)},
		{"62.01", nil, am(120000, 0, 50000, 50000, 150000, 30000)},
		{"62.01", []ledger.AnalyticID{c1}, am(100000, 0, 50000, 30000, 150000, 30000)},
		{"62.01", []ledger.AnalyticID{c1, k1}, am(100000, 0, 50000, 0, 150000, 0)},
		{"62.01", []ledger.AnalyticID{c1, k2}, am(0, 0, 0, 30000, 0, 30000)},
		{"62.01", []ledger.AnalyticID{c1 + 1}, am(20000, 0, 0, 20000, 0, 0)}, // C2
		{"51", nil, am(0, 0, 50000, 0, 50000, 0)},
	} {
		if got := find(tb, c.acc, c.ids...); got.Amounts != c.want {
			t.Errorf("%s %v: %+v, want %+v", c.acc, c.ids, got.Amounts, c.want)
		}
	}
	if r := find(tb, "62.01", c1); r.Name.RU != "Ак Ёл" || r.Code != "C1" || r.Kind != ledger.Counterparty {
		t.Errorf("C1's row %+v", r)
	}
	if !tb.Balanced() {
		t.Errorf("not balanced: %+v", tb.Total)
	}

	// From the 10th of February: the advance of the 5th is opening now,
	// read from February's postings.
	tb, err = a.ExpandedTrialBalance(ctx, app.System, "r", app.TrialBalanceQuery{From: d(2025, 2, 10), To: d(2025, 3, 31), All: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := find(tb, "62.01", c1, k2).Amounts, am(0, 30000, 0, 0, 0, 30000); got != want {
		t.Errorf("K2 from the 10th: %+v, want %+v", got, want)
	}
	if got, want := find(tb, "62.01", c1+1, k3).Amounts, am(20000, 0, 0, 20000, 0, 0); got != want {
		t.Errorf("K3 from the 10th: %+v, want %+v", got, want)
	}
	// All expands 41.01 by item and warehouse, with its quantity.
	if r := find(tb, "41.01"); !r.Quantity || r.Qty != am(10000, 0, 0, 0, 10000, 0) || !r.Expanded {
		t.Errorf("41.01: %+v", r)
	}

	// The general ledger of the quarter, 62 by months (netted per
	// posting-level account): January Dt 1 200,00; February Kt 500,00;
	// March Dt 500,00.
	gl, err := a.GeneralLedger(ctx, app.System, "r", d(2025, 1, 1), d(2025, 3, 31), "")
	if err != nil {
		t.Fatal(err)
	}
	var g62 *report.GLAccount
	for i := range gl.Accounts {
		if gl.Accounts[i].Account == "62" {
			g62 = &gl.Accounts[i]
		}
	}
	if g62 == nil || len(g62.Months) != 3 {
		t.Fatalf("62 in the general ledger: %+v", g62)
	}
	for i, want := range []report.Amounts{am(0, 0, 120000, 0, 120000, 0), am(120000, 0, 0, 50000, 70000, 0), am(70000, 0, 50000, 0, 120000, 0)} {
		if g62.Months[i].Amounts != want {
			t.Errorf("62 month %d: %+v, want %+v", i+1, g62.Months[i].Amounts, want)
		}
	}
	if want := am(0, 0, 170000, 50000, 120000, 0); g62.Period != want {
		t.Errorf("62 over the quarter: %+v, want %+v", g62.Period, want)
	}
	one, err := a.GeneralLedger(ctx, app.System, "r", d(2025, 2, 1), d(2025, 3, 15), "62.01")
	if err != nil || len(one.Accounts) != 1 || one.Accounts[0].Account != "62.01" || len(one.Accounts[0].Months) != 2 ||
		one.Accounts[0].Months[1].To != d(2025, 3, 15) {
		t.Fatalf("62.01 by months: %+v, %v", one, err)
	}
	if _, err := a.GeneralLedger(ctx, app.System, "r", ledger.NoDate, d(2025, 3, 15), ""); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("an open period: %v", err)
	}
	if _, err := a.GeneralLedger(ctx, app.System, "r", d(2000, 1, 1), d(2025, 3, 15), ""); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("25 years of months: %v", err)
	}

	// C1 across the accounts that keep counterparties: 62.01 by contract.
	an, an1, err := a.AnalyticAnalysis(ctx, app.System, "r", c1, d(2025, 2, 1), d(2025, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	if an1.Code != "C1" {
		t.Errorf("the analytic %+v", an1)
	}
	var got []string
	for _, r := range an.Rows {
		code, _ := report.RowLabel(r, "ru")
		got = append(got, code)
		if r.Level > 0 && r.Analytics[0] != c1 {
			t.Errorf("a row of another counterparty: %+v", r)
		}
	}
	if want := []string{"62", "62.01", "K1", "K2"}; !equalStrings(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if r := an.Rows[1]; r.Amounts != am(100000, 0, 50000, 30000, 150000, 30000) || r.Depth != 1 {
		t.Errorf("62.01 of C1: %+v", r)
	}
	if r := an.Rows[2]; r.Depth != 2 || r.Analytics != [ledger.MaxAnalytics]ledger.AnalyticID{c1, k1} {
		t.Errorf("K1 of C1: %+v", r)
	}
	if _, _, err := a.AnalyticAnalysis(ctx, app.System, "r", k3+1000, ledger.NoDate, ledger.NoDate); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("an analytic that is not there: %v", err)
	}

	// The sheets.
	sh, err := report.TrialBalanceSheet(tb, report.Heading{Org: "R", Lang: "ru"}, "ОСВ")
	if err != nil || sh.Check() != nil || len(sh.Rows) != len(tb.Rows)+1 {
		t.Fatalf("sheet: %v, %d rows", err, len(sh.Rows))
	}
	if gs := report.GeneralLedgerSheet(gl, report.Heading{Org: "R", Lang: "tk"}, "Baş kitap"); gs.Check() != nil {
		t.Fatal(gs.Check())
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
