package app_test

import (
	"context"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/statement"
)

// stmtBooks posts entries by hand into an organisation, naming analytics
// by code.
type stmtBooks struct {
	t   *testing.T
	a   *app.App
	org string
	ids map[string]ledger.AnalyticID
}

func newStmtBooks(t *testing.T, a *app.App, org string) *stmtBooks {
	b := &stmtBooks{t: t, a: a, org: org, ids: map[string]ledger.AnalyticID{}}
	for _, x := range []struct {
		kind        ledger.AnalyticKind
		code, owner string
	}{
		{ledger.Counterparty, "C1", ""}, {ledger.Counterparty, "C2", ""}, {ledger.Counterparty, "S1", ""},
		{ledger.Contract, "K1", "C1"}, {ledger.Contract, "K2", "C2"}, {ledger.Contract, "KS1", "S1"},
		{ledger.CashFlowItem, "FIN01", ""}, {ledger.CashFlowItem, "OP01", ""}, {ledger.CashFlowItem, "OP02", ""},
		{ledger.CashFlowItem, "TR", ""}, {ledger.CashFlowItem, "TAX", ""},
	} {
		an := ledger.Analytic{Kind: x.kind, Code: x.code, Names: ledger.Names{RU: "ru " + x.code, EN: "en " + x.code, TK: "tk " + x.code}, Owner: b.ids[x.owner]}
		if err := a.CreateAnalytic(context.Background(), app.System, org, &an); err != nil {
			t.Fatal(err)
		}
		b.ids[x.code] = an.ID
	}
	return b
}

// side is "51/OP01" or "62.01/C1/K1": an account and its analytics' codes.
func (b *stmtBooks) side(s string) ledger.Side {
	parts := strings.Split(s, "/")
	sd := ledger.Side{Account: ledger.AccountCode(parts[0])}
	for i, code := range parts[1:] {
		sd.Analytics[i] = b.ids[code]
	}
	return sd
}

func (b *stmtBooks) post(date string, dt, kt string, amount money.Amount) {
	b.t.Helper()
	d, err := ledger.ParseDate(date)
	if err != nil {
		b.t.Fatal(err)
	}
	e := ledger.Entry{Date: d, Description: dt + " / " + kt, Postings: []ledger.Posting{{Debit: b.side(dt), Credit: b.side(kt), Amount: amount}}}
	if _, err := b.a.Post(context.Background(), app.System, b.org, e); err != nil {
		b.t.Fatalf("post %s %s %s: %v", date, dt, kt, err)
	}
}

func stmt(t *testing.T, a *app.App, actor app.Actor, org string, k statement.Kind, period string, c statement.Compare) *app.StatementReport {
	t.Helper()
	p, err := statement.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Statement(context.Background(), actor, org, k, p, c)
	if err != nil {
		t.Fatalf("%s %s: %v", k, period, err)
	}
	return r
}

// wantLines checks lines of a result: code → amount in minor units.
func wantLines(t *testing.T, what string, r *statement.Result, want map[string]money.Amount) {
	t.Helper()
	for code, w := range want {
		if got := r.Value(code); got != w {
			t.Errorf("%s: line %s = %d, want %d", what, code, got, w)
		}
	}
	if len(r.Unplaced) > 0 {
		t.Errorf("%s: unplaced %+v", what, r.Unplaced)
	}
}

func TestStatementsCIS(t *testing.T) { eachStore(t, testStatementsCIS) }

// testStatementsCIS works the four statements of a small cis ledger out
// by hand (amounts in manat):
//
//	01-10  Dt 51 [FIN01]     Kt 80               100 000,00  charter capital paid in
//	01-15  Dt 62.01 [C1 K1]  Kt 90.01             11 500,00  a sale
//	01-15  Dt 90.03          Kt 68.02              1 500,00  its VAT
//	01-20  Dt 51 [OP01]      Kt 62.01 [C1 K1]      6 000,00  part paid
//	01-22  Dt 51 [OP01]      Kt 62.02 [C2 K2]      2 000,00  an advance received
//	01-25  Dt 26             Kt 60.01 [S1 KS1]     3 000,00  rent
//	01-26  Dt 60.01 [S1 KS1] Kt 51 [OP02]          3 000,00  rent paid
//	01-28  Dt 50.01 [TR]     Kt 51 [TR]              500,00  cash drawn: a transfer
//	01-29  Dt 51 [OP01]      Kt 62.01 [C2 K2]        300,00  C2 pays more than it owes
//	01-31  Dt 90.08          Kt 26                 3 000,00  month close
//	01-31  Dt 90.09          Kt 99                 7 000,00  result of sales: 11 500 − 1 500 − 3 000
//	01-31  Dt 99             Kt 68.04                560,00  profit tax 8 %
//	02-01  Dt 26             Kt 80                     1,00  the test world's entry (newWorldOn)
//	02-05  Dt 51 [OP01]      Kt 62.01 [C1 K1]      5 500,00  the rest paid
//	02-10  Dt 68.02          Kt 51 [TAX]           1 500,00  VAT paid
//	02-12  Dt 91.02          Kt 51 [OP02]            100,00  bank charge
//	02-28  Dt 99             Kt 91.09                100,00  month close
//	02-28  Dt 68.04          Kt 99                     8,00  profit tax given back
//
// Balance sheet at 31 January: cash 1250 = 51 104 800 + 50.01 500 =
// 105 300; receivables 1230 = C1's 5 500 on 62.01 (C2's 300 paid ahead on
// the same account is a payable: the detailed balance, not 62.01's net
// 5 200); 1600 = 110 800. Charter capital 1310 100 000; retained earnings
// 1370 = 99 7 000 − 560 = 6 440; 1300 = 106 440; payables 1520 = advance
// 2 000 + C2's 300 + VAT 1 500 + profit tax 560 = 4 360; 1700 = 110 800.
// At 28 February: cash 109 200, receivables 0, 26 in inventories 1210
// 1,00, 1600 = 109 201 = charter capital 100 001 + retained earnings
// 6 348 + VAT 0 + tax 552 + advance 2 000 + C2's 300.
//
// P&L of January: revenue 2110 = 11 500 − 1 500 = 10 000, administrative
// 2220 −3 000, 2200 = 2300 = 7 000, profit tax 2410 −560, net 2400 = 6 440
// = the movement of 99 in January (Kt 7 000 − Dt 560). February: 2350
// −100, 2410 +8, 2400 −92 = 99's movement (Dt 100 − Kt 8).
//
// Cash flows of January: the transfer Dt 50.01 Kt 51 is no flow (4190 =
// 500 from the correspondence totals): operating receipts 4110 = OP01
// 8 300 + TR 500 − 500, payments 4120 = −(OP02 3 000 + TR 500) + 500,
// 4100 = 5 300; financing 4310 = FIN01 100 000; 4400 = 105 300 = 4500 −
// 4450 (105 300 − 0). With a template of its own that marks the item TR
// internal instead (X:TR, the L:4190 terms dropped), the same 8 300 and
// −3 000, and 4490 = TR's 500 in − 500 out = 0.
//
// Changes in equity, January–February: charter capital 0 → 100 001,
// retained earnings 0 → 6 348 (99: 7 000 − 560 − 100 + 8), total 106 349
// = the balance sheet's 1300 at 28 February.
func testStatementsCIS(t *testing.T, a *app.App) {
	w := newWorldOn(t, a)
	viewer := w.actors["viewer"]
	b := newStmtBooks(t, a, "a")
	for _, p := range []struct {
		date, dt, kt string
		amount       money.Amount
	}{
		{"2025-01-10", "51/FIN01", "80", 100_000_00},
		{"2025-01-15", "62.01/C1/K1", "90.01", 11_500_00},
		{"2025-01-15", "90.03", "68.02", 1_500_00},
		{"2025-01-20", "51/OP01", "62.01/C1/K1", 6_000_00},
		{"2025-01-22", "51/OP01", "62.02/C2/K2", 2_000_00},
		{"2025-01-25", "26", "60.01/S1/KS1", 3_000_00},
		{"2025-01-26", "60.01/S1/KS1", "51/OP02", 3_000_00},
		{"2025-01-28", "50.01/TR", "51/TR", 500_00},
		{"2025-01-29", "51/OP01", "62.01/C2/K2", 300_00},
		{"2025-01-31", "90.08", "26", 3_000_00},
		{"2025-01-31", "90.09", "99", 7_000_00},
		{"2025-01-31", "99", "68.04", 560_00},
		{"2025-02-05", "51/OP01", "62.01/C1/K1", 5_500_00},
		{"2025-02-10", "68.02", "51/TAX", 1_500_00},
		{"2025-02-12", "91.02", "51/OP02", 100_00},
		{"2025-02-28", "99", "91.09", 100_00},
		{"2025-02-28", "68.04", "99", 8_00},
	} {
		b.post(p.date, p.dt, p.kt, p.amount)
	}

	bs := stmt(t, a, viewer, "a", statement.BalanceSheet, "2025-02", statement.ComparePrevMonth)
	wantLines(t, "balance sheet at 28 February", bs.Current, map[string]money.Amount{
		"1250": 109_200_00, "1230": 0, "1210": 1_00, "1200": 109_201_00, "1600": 109_201_00,
		"1310": 100_001_00, "1370": 6_348_00, "1300": 106_349_00, "1520": 2_852_00, "1700": 109_201_00,
	})
	wantLines(t, "balance sheet at 31 January", bs.Previous, map[string]money.Amount{
		"1250": 105_300_00, "1230": 5_500_00, "1600": 110_800_00,
		"1310": 100_000_00, "1370": 6_440_00, "1300": 106_440_00, "1520": 4_360_00, "1700": 110_800_00,
	})
	if bs.Custom || bs.Against.String() != "2025-01" {
		t.Errorf("custom %v, against %s", bs.Custom, bs.Against)
	}

	pl := stmt(t, a, viewer, "a", statement.ProfitLoss, "2025-02", statement.ComparePrevMonth)
	wantLines(t, "P&L of January", pl.Previous, map[string]money.Amount{
		"2110": 10_000_00, "2120": 0, "2220": -3_000_00, "2200": 7_000_00, "2300": 7_000_00, "2410": -560_00, "2400": 6_440_00,
	})
	wantLines(t, "P&L of February", pl.Current, map[string]money.Amount{
		"2110": 0, "2350": -100_00, "2300": -100_00, "2410": 8_00, "2400": -92_00,
	})
	year := stmt(t, a, viewer, "a", statement.ProfitLoss, "2025", statement.ComparePrevYear)
	wantLines(t, "P&L of 2025", year.Current, map[string]money.Amount{"2400": 6_348_00})
	wantLines(t, "P&L of 2024", year.Previous, map[string]money.Amount{"2400": 0})

	cf := stmt(t, a, viewer, "a", statement.CashFlow, "2025-01", statement.CompareNone)
	wantLines(t, "cash flows of January", cf.Current, map[string]money.Amount{
		"4110": 8_300_00, "4120": -3_000_00, "4190": 500_00, "4100": 5_300_00, "4310": 100_000_00, "4300": 100_000_00,
		"4400": 105_300_00, "4450": 0, "4500": 105_300_00,
	})
	if cf.Previous != nil || cf.Items["OP01"].EN != "en OP01" {
		t.Errorf("previous %v, items %v", cf.Previous, cf.Items)
	}
	feb := stmt(t, a, viewer, "a", statement.CashFlow, "2025-02", statement.CompareNone)
	wantLines(t, "cash flows of February", feb.Current, map[string]money.Amount{
		"4110": 5_500_00, "4120": -1_600_00, "4400": 3_900_00, "4450": 105_300_00, "4500": 109_200_00,
	})

	eq := stmt(t, a, viewer, "a", statement.Equity, "2025-01-01..2025-02-28", statement.CompareNone)
	wantLines(t, "changes in equity", eq.Current, map[string]money.Amount{"3310": 100_001_00, "3350": 6_348_00, "3300": 106_349_00})
	for i, v := range eq.Current.Values {
		if v.Open+v.Increase-v.Decrease != v.Amount {
			t.Errorf("equity line %s: %d + %d − %d ≠ %d", eq.Current.Template.Lines[i].Code, v.Open, v.Increase, v.Decrease, v.Amount)
		}
	}
	if v := eq.Current.Values[0]; v.Open != 0 || v.Increase != 100_001_00 || v.Decrease != 0 {
		t.Errorf("charter capital %+v", v)
	}
	// By kind of movement, from the correspondence totals: 100 000 of the
	// capital came straight into 51, a contribution; the 1,00 against 26
	// is an other change; retained earnings moved by the profit alone.
	//                      profit  owners  dividends  other
	//   3310 charter           0  100 000          0        1
	//   3350 retained      6 348       0          0        0
	//   3300 total         6 348  100 000          0        1
	for code, want := range map[string][4]money.Amount{
		"3310": {0, 100_000_00, 0, 1_00}, "3350": {6_348_00, 0, 0, 0}, "3300": {6_348_00, 100_000_00, 0, 1_00},
	} {
		for i, l := range eq.Current.Template.Lines {
			if l.Code != code {
				continue
			}
			v := eq.Current.Values[i]
			if len(v.Moves) != 4 || [4]money.Amount(v.Moves) != want {
				t.Errorf("equity line %s moved by %v, want %v", code, v.Moves, want)
			}
		}
	}

	// The organisation's own cash-flow template: TR is a transfer.
	shipped, err := a.StatementTemplate(context.Background(), viewer, "a", statement.CashFlow)
	if err != nil || shipped.Custom || shipped.Chart != "cis" {
		t.Fatalf("shipped template: %v %+v", err, shipped.Custom)
	}
	own := strings.Replace(string(shipped.Body), "4400,0,", "4490,0,X:TR,Geçirimler,Переводы,Transfers\n4400,0,", 1)
	own = strings.Replace(strings.Replace(own, "IN:* -L:4190,", "IN:*,", 1), "-OUT:* L:4190,", "-OUT:*,", 1)
	chief := w.actors["chief"]
	if err := a.PutStatementTemplate(context.Background(), chief, "a", statement.CashFlow, []byte(own)); err != nil {
		t.Fatal(err)
	}
	cf = stmt(t, a, viewer, "a", statement.CashFlow, "2025-01", statement.CompareNone)
	wantLines(t, "cash flows of January, TR internal", cf.Current, map[string]money.Amount{
		"4110": 8_300_00, "4120": -3_000_00, "4490": 0, "4400": 105_300_00, "4500": 105_300_00,
	})
	if !cf.Custom {
		t.Error("the organisation's template is not marked its own")
	}
	// A bad template is refused whole, naming its line; the one before stays.
	bad := strings.Replace(own, "4110,1,IN:*,", "4110,1,IN:*2,", 1)
	err = a.PutStatementTemplate(context.Background(), chief, "a", statement.CashFlow, []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "template line 11:") {
		t.Fatalf("bad template: %v", err)
	}
	if got, _ := a.StatementTemplate(context.Background(), viewer, "a", statement.CashFlow); string(got.Body) != own || !got.Custom {
		t.Fatal("a refused template changed the one before")
	}
	if err := a.PutStatementTemplate(context.Background(), w.actors["accountant"], "a", statement.CashFlow, []byte(own)); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("an accountant loads a template: %v", err)
	}
	if err := a.ResetStatementTemplate(context.Background(), chief, "a", statement.CashFlow); err != nil {
		t.Fatal(err)
	}
	cf = stmt(t, a, viewer, "a", statement.CashFlow, "2025-01", statement.CompareNone)
	if cf.Custom || cf.Current.Value("4110") != 8_300_00 || cf.Current.Value("4190") != 500_00 {
		t.Fatalf("after reset: custom %v, 4110 %d", cf.Custom, cf.Current.Value("4110"))
	}
	// Another organisation's books are not ours.
	if _, err := a.Statement(context.Background(), w.actors["foreign"], "a", statement.BalanceSheet, bs.Period, ""); err == nil {
		t.Fatal("a foreign user read the balance sheet")
	}
}

func TestStatementsIFRS(t *testing.T) { eachStore(t, testStatementsIFRS) }

// testStatementsIFRS works January of a small ifrs ledger out by hand:
//
//	01-10  Dt 1020 [FIN01]  Kt 3000        50 000,00  share capital paid in
//	01-15  Dt 1100 [C1]     Kt 4000         8 000,00  a sale
//	01-16  Dt 7100          Kt 2600 [S1]    1 000,00  rent
//	01-20  Dt 1020 [OP01]   Kt 1100 [C1]    3 000,00  part paid
//	01-21  Dt 1020 [OP01]   Kt 2030 [C2]      400,00  an advance received
//	01-31  Dt 8900          Kt 2110           560,00  profit tax 8 % of 7 000
//	01-31  Dt 4000          Kt 3900         8 000,00  close
//	01-31  Dt 3900          Kt 7100         1 000,00  close
//	01-31  Dt 3900          Kt 8900           560,00  close
//
// Financial position at 31 January: cash 230 = 53 400, trade receivables
// 210 = 5 000, 300 = 58 400; share capital 400 = 50 000, retained
// earnings 420 = 3900's 6 440, advances 600 = 400, tax 610 = 560, other
// payables 650 = 1 000, 800 = 58 400. Profit or loss: revenue 10 = 8 000,
// administrative 50 = −1 000, 110 = 7 000, tax 120 = −560 (the closing of
// 8900 left out), 130 = 6 440 = 3900's movement. Cash: 4110 = 3 400,
// 4310 = 50 000, 4500 = 53 400.
func testStatementsIFRS(t *testing.T, a *app.App) {
	createOrg(t, a, "i", "ifrs")
	b := newStmtBooks(t, a, "i")
	for _, p := range []struct {
		date, dt, kt string
		amount       money.Amount
	}{
		{"2025-01-10", "1020/FIN01", "3000", 50_000_00},
		{"2025-01-15", "1100/C1", "4000", 8_000_00},
		{"2025-01-16", "7100", "2600/S1", 1_000_00},
		{"2025-01-20", "1020/OP01", "1100/C1", 3_000_00},
		{"2025-01-21", "1020/OP01", "2030/C2", 400_00},
		{"2025-01-31", "8900", "2110", 560_00},
		{"2025-01-31", "4000", "3900", 8_000_00},
		{"2025-01-31", "3900", "7100", 1_000_00},
		{"2025-01-31", "3900", "8900", 560_00},
	} {
		b.post(p.date, p.dt, p.kt, p.amount)
	}
	bs := stmt(t, a, app.System, "i", statement.BalanceSheet, "2025-01", statement.CompareYearStart)
	wantLines(t, "financial position", bs.Current, map[string]money.Amount{
		"230": 53_400_00, "210": 5_000_00, "300": 58_400_00, "400": 50_000_00, "420": 6_440_00,
		"490": 56_440_00, "600": 400_00, "610": 560_00, "650": 1_000_00, "800": 58_400_00,
	})
	wantLines(t, "financial position at the start of the year", bs.Previous, map[string]money.Amount{"300": 0, "800": 0})
	pl := stmt(t, a, app.System, "i", statement.ProfitLoss, "2025-01", statement.CompareNone)
	wantLines(t, "profit or loss", pl.Current, map[string]money.Amount{
		"10": 8_000_00, "50": -1_000_00, "60": 7_000_00, "110": 7_000_00, "120": -560_00, "130": 6_440_00,
	})
	cf := stmt(t, a, app.System, "i", statement.CashFlow, "2025-01", statement.CompareNone)
	wantLines(t, "cash flows", cf.Current, map[string]money.Amount{"4110": 3_400_00, "4310": 50_000_00, "4400": 53_400_00, "4500": 53_400_00})
	eq := stmt(t, a, app.System, "i", statement.Equity, "2025-01", statement.CompareNone)
	wantLines(t, "changes in equity", eq.Current, map[string]money.Amount{"10": 50_000_00, "40": 6_440_00, "90": 56_440_00})
}
