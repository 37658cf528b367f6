package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"hasap/app"
	"hasap/demo"
	"hasap/internal/apptest"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

// year is fixed so that the tests do not depend on the calendar.
const year = 2025

func newApp(t *testing.T) *app.App {
	t.Helper()
	return apptest.New(t)
}

// build builds the demo in a fresh SQLite store, with the app's clock
// frozen at now unless now is nil.
func build(t *testing.T, opts demo.Options, now func() time.Time) (*app.App, demo.Stats) {
	t.Helper()
	a := newApp(t)
	if now != nil {
		a.Now = now
	}
	start := time.Now()
	stats, err := demo.Build(context.Background(), a, opts)
	if err != nil {
		t.Fatalf("Build: %v (after %d entries)", err, stats.Entries)
	}
	t.Logf("built %d entries, %d postings in %s", stats.Entries, stats.Postings, time.Since(start).Round(time.Millisecond))
	return a, stats
}

func TestBuild(t *testing.T) {
	ctx := context.Background()
	a, stats := build(t, demo.Options{Year: year}, nil)
	if stats.Entries < 1500 || stats.Entries > 3000 {
		t.Errorf("%d entries, want 1 500 to 3 000", stats.Entries)
	}

	t.Run("trial balance balances", func(t *testing.T) {
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		if !tb.Balanced() {
			t.Errorf("trial balance does not balance: %+v", tb.Total)
		}
	})

	t.Run("verify", func(t *testing.T) {
		res, err := a.Verify(ctx, app.System, demo.Code, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Entries != int64(stats.Entries) || res.Postings != int64(stats.Postings) {
			t.Errorf("verify saw %d entries, %d postings; Build reported %+v", res.Entries, res.Postings, stats)
		}
	})

	t.Run("cash and bank never negative at month end", func(t *testing.T) {
		for m := time.January; m <= time.December; m++ {
			end := ledger.DateOf(year, m+1, 1) - 1
			bals, err := a.Balances(ctx, app.System, demo.Code, end)
			if err != nil {
				t.Fatal(err)
			}
			for _, acc := range []ledger.AccountCode{"50.01", "51", "52"} {
				for _, b := range bals {
					if b.Account == acc && b.Amount < 0 {
						t.Errorf("%s: %s is %s %s", end, acc, money.Decimal(b.Amount, 2), b.Currency.Code)
					}
				}
			}
			if m == time.December && balance(bals, "51", "TMT") <= 0 {
				t.Errorf("bank 51 is empty at year end")
			}
		}
	})

	t.Run("stock never negative", func(t *testing.T) {
		org, err := a.Org(ctx, app.System, demo.Code)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := a.Store.Totals(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Rows are sorted by account, analytics, currency and month: a
		// running sum per key is the stock at each month's end.
		type key struct {
			acc ledger.AccountCode
			an  [ledger.MaxAnalytics]ledger.AnalyticID
		}
		qty, value := map[key]ledger.Quantity{}, map[key]money.Amount{}
		items := 0
		for _, r := range rows {
			if r.Key.Account != "41.01" {
				continue
			}
			k := key{r.Key.Account, r.Key.Analytics}
			if _, seen := qty[k]; !seen {
				items++
			}
			qty[k] += r.DebitQty - r.CreditQty
			value[k] += r.Debit - r.Credit
			if qty[k] < 0 || value[k] < 0 {
				t.Errorf("41.01 %v at the end of %d: %d thousandths, %s TMT", k.an, r.Key.Month, qty[k], money.Decimal(value[k], 2))
			}
			if qty[k] == 0 && value[k] != 0 {
				t.Errorf("41.01 %v at the end of %d: no units left but %s TMT", k.an, r.Key.Month, money.Decimal(value[k], 2))
			}
		}
		if items < 60 {
			t.Errorf("goods kept for %d item and warehouse pairs, want most of 84", items)
		}
	})

	t.Run("sales and VAT", func(t *testing.T) {
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		revenue := row(t, tb, "90.01")
		if revenue.Credit <= 0 {
			t.Fatalf("no revenue: %+v", revenue)
		}
		// Output VAT is 15/115 of sales with VAT, rounded per line: the
		// year's total may differ from 15/115 of the total by half a teňňe
		// a line at most.
		outVAT := row(t, tb, "90.03").Debit
		lines := money.Amount(stats.Postings) // more than the invoice lines
		want := revenue.Credit * 15 / 115
		if diff := outVAT - want; diff < -lines/2 || diff > lines/2 {
			t.Errorf("output VAT %s, want about %s (15/115 of revenue %s)", money.Decimal(outVAT, 2), money.Decimal(want, 2), money.Decimal(revenue.Credit, 2))
		}
		// VAT is offset and paid monthly, so what is payable at the end of
		// the year is December's output VAT less December's input VAT.
		dec, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.DateOf(year, 12, 1), ledger.DateOf(year, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		input := row(t, dec, "19.03").Debit + row(t, dec, "19.04").Debit
		payable := row(t, dec, "68.02").ClosingCredit - row(t, dec, "68.02").ClosingDebit
		if got := row(t, dec, "90.03").Debit - input; payable != got {
			t.Errorf("68.02 payable at year end %s, want December's output less input VAT %s", money.Decimal(payable, 2), money.Decimal(got, 2))
		}
		// Sales are made at a margin, and 90 closes to 99 every month.
		if cost := row(t, tb, "90.02").Debit; cost <= 0 || cost >= revenue.Credit-outVAT {
			t.Errorf("cost of sales %s against net revenue %s", money.Decimal(cost, 2), money.Decimal(revenue.Credit-outVAT, 2))
		}
		// A group row shows its sub-accounts' balances side by side.
		if r := row(t, tb, "90"); r.ClosingDebit != r.ClosingCredit {
			t.Errorf("90 does not net to zero at year end: %+v", r)
		}
		for _, acc := range []ledger.AccountCode{"26", "44", "000", "19.03", "19.04"} {
			if r := row(t, tb, acc); r.ClosingDebit != 0 || r.ClosingCredit != 0 {
				t.Errorf("%s is not closed at year end: %+v", acc, r)
			}
		}
		if p := row(t, tb, "99"); p.ClosingCredit <= 0 {
			t.Errorf("the demo company made no profit: %+v", p)
		}
	})

	t.Run("currency", func(t *testing.T) {
		bals, err := a.Balances(ctx, app.System, demo.Code, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		// At a constant 3.50 every USD balance is 3.50 times its manat
		// balance, and imports were bought and paid in dollars.
		for _, acc := range []ledger.AccountCode{"52", "60.21"} {
			r := row(t, tb, acc)
			usd, tmt := balance(bals, acc, "USD"), r.ClosingDebit-r.ClosingCredit
			if usd*35/10 != tmt {
				t.Errorf("%s: %s USD but %s TMT", acc, money.Decimal(usd, 2), money.Decimal(tmt, 2))
			}
			if r.Debit == 0 || r.Credit == 0 {
				t.Errorf("%s has no turnover: %+v", acc, r)
			}
		}
	})
}

// row returns the trial balance row of acc.
func row(t *testing.T, tb *report.TrialBalance, acc ledger.AccountCode) report.TBRow {
	t.Helper()
	i := slices.IndexFunc(tb.Rows, func(r report.TBRow) bool { return r.Account == acc })
	if i < 0 {
		return report.TBRow{Account: acc}
	}
	return tb.Rows[i]
}

// balance returns the balance of acc in currency cur.
func balance(bals []report.Balance, acc ledger.AccountCode, cur string) money.Amount {
	for _, b := range bals {
		if b.Account == acc && b.Currency.Code == cur {
			return b.Amount
		}
	}
	return 0
}

// TestDeterministic builds the same year twice, the second time as "last
// year" by a frozen clock, and expects the same books.
func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	a1, s1 := build(t, demo.Options{Year: year}, nil)
	a2, s2 := build(t, demo.Options{}, func() time.Time { return time.Date(year+1, 3, 1, 12, 0, 0, 0, time.UTC) })
	if s1 != s2 {
		t.Fatalf("stats differ: %+v and %+v", s1, s2)
	}
	b1, err := a1.Balances(ctx, app.System, demo.Code, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := a2.Balances(ctx, app.System, demo.Code, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(b1) == 0 || !slices.Equal(b1, b2) {
		t.Errorf("balances differ between two builds")
	}
	o1, _ := a1.Org(ctx, app.System, demo.Code)
	o2, _ := a2.Org(ctx, app.System, demo.Code)
	t1, err := a1.Store.Totals(ctx, o1.ID)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := a2.Store.Totals(ctx, o2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(t1, t2) {
		t.Errorf("totals by analytics differ between two builds")
	}
}

func TestBuildRefusesExistingOrg(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: demo.Code, Name: "taken"}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, a, demo.Options{Year: year}); !ledger.IsCode(err, ledger.EConflict) {
		t.Errorf("Build over an existing organisation: %v, want a conflict", err)
	}
	if _, err := demo.Build(ctx, newApp(t), demo.Options{Year: -1}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("Build for year -1: %v, want invalid", err)
	}
}
