package report

import (
	"math"
	"reflect"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

var tmt = money.MustLookup("TMT")

func names(ru string) ledger.Names { return ledger.Names{RU: ru} }

// exampleChart is the chart of the hand-worked example. 62.01 and 90.01 are
// kept without their synthetic accounts to keep it small: here they are
// top-level accounts whose codes happen to contain a dot.
func exampleChart() ledger.Chart {
	accounts := []ledger.Account{
		{Code: "50", Names: names("Касса"), Kind: ledger.Active, Class: ledger.Asset},
		{Code: "51", Names: names("Расчётные счета"), Kind: ledger.Active, Class: ledger.Asset},
		{Code: "60", Names: names("Расчёты с поставщиками"), Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true},
		{Code: "60.01", Parent: "60", Names: names("Расчёты с поставщиками"), Kind: ledger.Passive, Class: ledger.Liability},
		{Code: "60.02", Parent: "60", Names: names("Авансы выданные"), Kind: ledger.Active, Class: ledger.Asset},
		{Code: "62.01", Names: names("Расчёты с покупателями"), Kind: ledger.Active, Class: ledger.Asset},
		{Code: "90.01", Names: names("Выручка"), Kind: ledger.Passive, Class: ledger.Income},
		{Code: "001", Names: names("Арендованные ОС"), Kind: ledger.Active, Class: ledger.OffBalance},
	}
	ch := ledger.Chart{}
	for i := range accounts {
		ch[accounts[i].Code] = &accounts[i]
	}
	return ch
}

func turn(acc ledger.AccountCode, cur string, dt, kt money.Amount) ledger.AccountTurnover {
	return ledger.AccountTurnover{Account: acc, Currency: cur, Turnover: ledger.Turnover{Debit: dt, Credit: kt}}
}

// TestTrialBalanceByHand checks BuildTrialBalance against a trial balance
// worked out on paper. Amounts are minor units.
//
// Opening turnover (everything before the period), per account:
//
//	50     Dt   500  Kt  200                      → opening Dt  300
//	51     Dt  1500  Kt  800  (TMT row)
//	       Dt   500  Kt    0  (USD row, base part) → Dt 2000 Kt 800 → Dt 1200
//	60.01  Dt   700  Kt 1000                      → opening Kt  300
//	60.02  Dt   100  Kt    0                      → opening Dt  100
//	62.01  Dt   400  Kt  400                      → opening 0 (no balance)
//	90.01  Dt     0  Kt 1300                      → opening Kt 1300
//	001    Dt  5000                               → opening Dt 5000 (off-balance)
//	balance-sheet debits 500+2000+700+100+400 = 3700 = credits 200+800+1000+400+1300
//
// Period postings:
//
//	Dt 62.01 Kt 90.01  1150  sale
//	Dt 51    Kt 62.01  1000  customer pays
//	Dt 60.01 Kt 51      100  we pay a supplier
//	Dt 60.02 Kt 50       50  advance to a supplier in cash
//	Dt 60.01 Kt 60.02   120  advance set off
//	Kt 001             2000  leased asset returned (single-entry)
//
// which give the period turnover per account:
//
//	50 Kt 50; 51 Dt 1000 Kt 100; 60.01 Dt 220; 60.02 Dt 50 Kt 120;
//	62.01 Dt 1150 Kt 1000; 90.01 Kt 1150; 001 Kt 2000.
//
// The trial balance, closing = opening + Dt − Kt on each posting-level row:
//
//	account  open Dt  open Kt  turn Dt  turn Kt  close Dt  close Kt
//	50           300        0        0       50       250         0
//	51          1200        0     1000      100      2100         0
//	60           100      300      270      120        30        80   group: both sides, not the net
//	 60.01         0      300      220        0         0        80
//	 60.02       100        0       50      120        30         0
//	62.01          0        0     1150     1000       150         0
//	90.01          0     1300        0     1150         0      2450
//	001         5000        0        0     2000      3000         0   off-balance, last, not in Total
//	Total       1600     1600     2420     2420      2530      2530
//
// Total adds the top-level balance-sheet rows 50, 51, 60, 62.01, 90.01, so
// group 60 counts with its expanded columns (Dt 100 and Kt 300 opening), and
// 60.01 and 60.02 are not counted a second time.
func TestTrialBalanceByHand(t *testing.T) {
	opening := []ledger.AccountTurnover{
		turn("50", "", 500, 200),
		turn("51", "", 1500, 800),
		{Account: "51", Currency: "USD", Turnover: ledger.Turnover{Debit: 500, DebitCur: 77}}, // currency units never reach the TB
		turn("60.01", "", 700, 1000),
		turn("60.02", "", 100, 0),
		turn("62.01", "", 400, 400),
		turn("90.01", "", 0, 1300),
		{Account: "001", Turnover: ledger.Turnover{Debit: 5000, DebitQty: 3000}},
	}
	period := []ledger.AccountTurnover{
		turn("90.01", "", 0, 1150),
		turn("62.01", "", 1150, 1000),
		turn("51", "", 1000, 100),
		turn("60.01", "", 220, 0),
		turn("60.02", "", 50, 120),
		turn("50", "", 0, 50),
		turn("001", "", 0, 2000),
	}
	from, to := ledger.DateOf(2024, 4, 1), ledger.DateOf(2024, 6, 30)
	tb, err := BuildTrialBalance(exampleChart(), tmt, from, to, opening, period)
	if err != nil {
		t.Fatal(err)
	}
	ch := exampleChart()
	row := func(code ledger.AccountCode, depth int, od, ok, d, k, cd, ck money.Amount) TBRow {
		a := ch[code]
		return TBRow{Account: code, Name: a.Names, Depth: depth, Group: a.Group, OffBalance: a.OffBalance(),
			Amounts: Amounts{OpeningDebit: od, OpeningCredit: ok, Debit: d, Credit: k, ClosingDebit: cd, ClosingCredit: ck}}
	}
	want := []TBRow{
		row("50", 0, 300, 0, 0, 50, 250, 0),
		row("51", 0, 1200, 0, 1000, 100, 2100, 0),
		row("60", 0, 100, 300, 270, 120, 30, 80),
		row("60.01", 1, 0, 300, 220, 0, 0, 80),
		row("60.02", 1, 100, 0, 50, 120, 30, 0),
		row("62.01", 0, 0, 0, 1150, 1000, 150, 0),
		row("90.01", 0, 0, 1300, 0, 1150, 0, 2450),
		row("001", 0, 5000, 0, 0, 2000, 3000, 0),
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(tb.Rows), len(want), tb.Rows)
	}
	for i := range want {
		if tb.Rows[i] != want[i] {
			t.Errorf("row %d\n got %+v\nwant %+v", i, tb.Rows[i], want[i])
		}
	}
	wantTotal := TBRow{Account: "total", Amounts: Amounts{OpeningDebit: 1600, OpeningCredit: 1600, Debit: 2420, Credit: 2420, ClosingDebit: 2530, ClosingCredit: 2530}}
	if tb.Total != wantTotal {
		t.Errorf("total\n got %+v\nwant %+v", tb.Total, wantTotal)
	}
	if !tb.Balanced() {
		t.Error("not balanced")
	}
	if tb.From != from || tb.To != to || tb.Currency != tmt {
		t.Errorf("header %s–%s %s", tb.From, tb.To, tb.Currency)
	}
}

// TestTrialBalanceEdges: rows with nothing to show are left out, accounts
// missing from the chart still count, and an unbalanced input shows.
func TestTrialBalanceEdges(t *testing.T) {
	ch := exampleChart()
	t.Run("empty", func(t *testing.T) {
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, nil, nil)
		if err != nil || len(tb.Rows) != 0 || !tb.Balanced() || tb.Total != (TBRow{Account: "total"}) {
			t.Fatalf("%+v, %v", tb, err)
		}
	})
	t.Run("nothing to show", func(t *testing.T) {
		// Opening turnover that nets to zero and no movement: no row, not
		// even for the group above it.
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, []ledger.AccountTurnover{turn("60.01", "", 70, 70), turn("50", "", 0, 0)}, nil)
		if err != nil || len(tb.Rows) != 0 {
			t.Fatalf("%+v, %v", tb.Rows, err)
		}
	})
	t.Run("movement that nets to zero is shown", func(t *testing.T) {
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, nil, []ledger.AccountTurnover{turn("50", "", 70, 70)})
		if err != nil || len(tb.Rows) != 1 || tb.Rows[0].Debit != 70 || tb.Rows[0].Credit != 70 || tb.Rows[0].ClosingDebit != 0 {
			t.Fatalf("%+v, %v", tb.Rows, err)
		}
	})
	t.Run("account not in the chart", func(t *testing.T) {
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, nil, []ledger.AccountTurnover{turn("Assets:Cash", "", 10, 0), turn("50", "", 0, 10)})
		if err != nil || len(tb.Rows) != 2 || !tb.Balanced() || tb.Total.Debit != 10 {
			t.Fatalf("%+v, %v", tb, err)
		}
		if r := tb.Rows[1]; r.Account != "Assets:Cash" || r.Depth != 0 || r.Name != (ledger.Names{}) || r.ClosingDebit != 10 {
			t.Errorf("row %+v", r)
		}
	})
	t.Run("unbalanced", func(t *testing.T) {
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, []ledger.AccountTurnover{turn("50", "", 10, 0)}, nil)
		if err != nil || tb.Balanced() {
			t.Fatalf("balanced %v, %v", tb.Balanced(), err)
		}
		tb, err = BuildTrialBalance(ch, tmt, 0, 0, nil, []ledger.AccountTurnover{turn("50", "", 10, 0), turn("51", "", 0, 9)})
		if err != nil || tb.Balanced() {
			t.Fatalf("balanced %v, %v", tb.Balanced(), err)
		}
	})
	t.Run("overflow", func(t *testing.T) {
		for _, in := range [][2][]ledger.AccountTurnover{
			{{turn("50", "", math.MaxInt64, 0), turn("50", "", 1, 0)}, nil},
			{nil, {turn("50", "", 0, math.MaxInt64), turn("50", "", 0, 1)}},
			{{turn("50", "", 0, math.MinInt64)}, nil},
			{{turn("50", "", math.MaxInt64, 0)}, {turn("50", "", 1, 0)}},
			{{turn("60.01", "", math.MaxInt64, 0), turn("60.02", "", math.MaxInt64, 0)}, nil},
		} {
			if _, err := BuildTrialBalance(ch, tmt, 0, 0, in[0], in[1]); !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("%+v: %v", in, err)
			}
		}
	})
}

// TestTrialBalanceMissingParent: a sub-account whose parent is not in the
// chart (PutAccount does not check parents) gets a row for the missing
// parent, which adds it up; the books must still balance, so the
// sub-account is not counted in the Total a second time.
func TestTrialBalanceMissingParent(t *testing.T) {
	ch := exampleChart()
	ch["62.02"] = &ledger.Account{Code: "62.02", Parent: "62", Kind: ledger.Passive, Class: ledger.Liability}
	ch["008.1"] = &ledger.Account{Code: "008.1", Parent: "008", Kind: ledger.Active, Class: ledger.OffBalance}
	period := []ledger.AccountTurnover{turn("51", "", 500, 0), turn("62.02", "", 0, 500), turn("008.1", "", 7, 0)}
	tb, err := BuildTrialBalance(ch, tmt, 0, 0, nil, period)
	if err != nil {
		t.Fatal(err)
	}
	if !tb.Balanced() || tb.Total.Debit != 500 || tb.Total.ClosingCredit != 500 {
		t.Errorf("total %+v, balanced %v", tb.Total, tb.Balanced())
	}
	depth := map[ledger.AccountCode]int{}
	for _, r := range tb.Rows {
		depth[r.Account] = r.Depth
	}
	if want := map[ledger.AccountCode]int{"51": 0, "62": 0, "62.02": 1, "008": 0, "008.1": 1}; !reflect.DeepEqual(depth, want) {
		t.Errorf("depths %v, want %v", depth, want)
	}
}

func TestBalances(t *testing.T) {
	in := []ledger.AccountTurnover{
		turn("60.01", "", 220, 300),
		{Account: "51", Currency: "USD", Turnover: ledger.Turnover{Debit: 500, Credit: 100, DebitCur: 5000, CreditCur: 1000}},
		turn("50", "", 300, 50),
		turn("62.01", "", 400, 400), // zero: dropped
		{Account: "51", Currency: "EUR", Turnover: ledger.Turnover{Debit: 1, DebitCur: 10, CreditCur: 10}}, // zero in EUR: dropped
		turn("51", "", 1500, 800),
		{Account: "51", Currency: "JPY", Turnover: ledger.Turnover{Debit: 90, DebitCur: 700}},
		{Account: "52", Currency: "usd", Turnover: ledger.Turnover{CreditCur: 25}},
	}
	got, err := Balances(in, tmt)
	if err != nil {
		t.Fatal(err)
	}
	usd, jpy := money.MustLookup("USD"), money.MustLookup("JPY")
	want := []Balance{
		{"50", tmt, 250},
		{"51", jpy, 700},  // in yen, not in base
		{"51", tmt, 700},  // the base-currency row
		{"51", usd, 4000}, // in cents of USD, not the 400 base
		{"52", usd, -25},  // credit balance is negative
		{"60.01", tmt, -80},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Balances\n got %+v\nwant %+v", got, want)
	}

	if got, err := Balances(nil, tmt); err != nil || len(got) != 0 {
		t.Errorf("no turnover: %v, %v", got, err)
	}
	if _, err := Balances([]ledger.AccountTurnover{{Account: "52", Currency: "XXY", Turnover: ledger.Turnover{DebitCur: 1}}}, tmt); err == nil {
		t.Error("unknown currency accepted")
	}
	for _, bad := range []ledger.AccountTurnover{
		turn("50", "", 0, math.MinInt64),
		turn("50", "", math.MaxInt64, -1),
		{Account: "52", Currency: "USD", Turnover: ledger.Turnover{DebitCur: -2, CreditCur: math.MaxInt64}},
	} {
		if _, err := Balances([]ledger.AccountTurnover{bad}, tmt); !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
