package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestRatesPutListImport(t *testing.T) {
	eachStore(t, func(t *testing.T, a *app.App) {
		ctx := context.Background()
		if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "rt", Name: "rt", Chart: "empty", Currency: "TMT"}); err != nil {
			t.Fatal(err)
		}
		list := func() string {
			t.Helper()
			rs, err := a.Rates(ctx, app.System, "rt", "", ledger.NoDate, ledger.NoDate, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			s := ""
			for _, r := range rs {
				s += r.Currency + " " + r.Date.String() + " " + r.Rate.String() + "\n"
			}
			return s
		}
		want := "USD 2009-01-01 2.85\nUSD 2015-01-01 3.5\n"
		if got := list(); got != want {
			t.Fatalf("new manat organisation's rates:\n%s\nwant\n%s", got, want)
		}
		if err := a.PutRate(ctx, app.System, "rt", "EUR", ledger.DateOf(2025, 1, 1), money.MustRate("3.9")); err != nil {
			t.Fatal(err)
		}
		// correcting a rate replaces it
		if err := a.PutRate(ctx, app.System, "rt", "EUR", ledger.DateOf(2025, 1, 1), money.MustRate("3.95")); err != nil {
			t.Fatal(err)
		}
		want = "EUR 2025-01-01 3.95\nUSD 2009-01-01 2.85\nUSD 2015-01-01 3.5\n"
		if got := list(); got != want {
			t.Fatalf("after put:\n%s\nwant\n%s", got, want)
		}
		for _, bad := range []struct {
			data string
			line int
		}{
			{"date;currency;rate\n01.02.2025;EUR;3,97\n2025-02-02;XXX;1\n", 3},
			{"01.02.2025;EUR;3,97\n31.02.2025;EUR;3.9\n", 2},
			{"01.02.2025;EUR;0\n", 1},
			{"01.02.2025;EUR\n", 1},
			{"01.02.2025;EUR;1\n01.03.2025;TMT;1\n", 2},
		} {
			_, err := a.ImportRates(ctx, app.System, "rt", bad.data)
			var le *app.RateLineError
			if !errors.As(err, &le) || le.Line != bad.line || !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("import %q: %v, want an invalid line %d", bad.data, err, bad.line)
			}
		}
		if got := list(); got != want {
			t.Fatalf("a refused file changed the rates:\n%s", got)
		}
		n, err := a.ImportRates(ctx, app.System, "rt", "\ufeffdate;currency;rate\r\n01.02.2025;eur;3,97\r\n\r\n2025-01-01;EUR;3.96\n")
		if err != nil || n != 2 {
			t.Fatalf("import: %d, %v", n, err)
		}
		want = "EUR 2025-01-01 3.96\nEUR 2025-02-01 3.97\nUSD 2009-01-01 2.85\nUSD 2015-01-01 3.5\n"
		if got := list(); got != want {
			t.Fatalf("after import:\n%s\nwant\n%s", got, want)
		}
		rs, err := a.Rates(ctx, app.System, "rt", "usd", ledger.DateOf(2010, 1, 1), ledger.NoDate, 0, 1)
		if err != nil || len(rs) != 1 || rs[0].Rate.String() != "3.5" {
			t.Fatalf("USD from 2010, one: %v, %v", rs, err)
		}
		rs, err = a.Rates(ctx, app.System, "rt", "", ledger.NoDate, ledger.NoDate, 2, 10)
		if err != nil || len(rs) != 2 || rs[0].Currency != "USD" {
			t.Fatalf("page from 2: %v, %v", rs, err)
		}
	})
}

// FuzzParseRatesCSV: the rates reader never panics, and what it accepts is
// positive rates of known currencies, as many as the file has lines.
func FuzzParseRatesCSV(f *testing.F) {
	for _, s := range []string{"01.02.2025;EUR;3,97\n", "date;currency;rate\n2025-01-01;USD;3.5\n", "31.02.2025;EUR;1", ";;", "\ufeff\n\n", "01.02.2025;EUR;1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := app.ParseRatesCSV(s)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Rate.IsZero() || r.Date == ledger.NoDate {
				t.Fatalf("%q: accepted %v", s, r)
			}
			if _, err := money.Lookup(r.Currency); err != nil {
				t.Fatalf("%q: accepted currency %q", s, r.Currency)
			}
		}
	})
}

func TestDefaultRatesWhereNoneEntered(t *testing.T) { eachStore(t, testDefaultRatesWhereNoneEntered) }

// testDefaultRatesWhereNoneEntered: a manat organisation that keeps no
// rates at all (made with an empty rates table) still converts US dollars
// at the official rates, the same way everywhere: a journal's USD amount
// without a cost or a P price, and a USD document.
//
//	2010-06-01  100.00 USD at 2.85 = 285.00 TMT
//	2025-03-01  100.00 USD at 3.50 = 350.00 TMT
//	2025-03-03  act 200.00 USD + 15 % = 230.00 USD at 3.50 = 805.00 TMT on 62
func testDefaultRatesWhereNoneEntered(t *testing.T, a *app.App) {
	ctx := context.Background()
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "bare", Name: "bare", Chart: "cis", Rates: map[string][]app.RateAt{}}); err != nil {
		t.Fatal(err)
	}
	if rows, err := a.Rates(ctx, app.System, "bare", "", ledger.NoDate, ledger.NoDate, 0, 0); err != nil || len(rows) != 0 {
		t.Fatalf("rates of bare: %v %v, want none", rows, err)
	}
	journal := "2010-06-01 Dollars\n    assets:usd  100.00 USD\n    equity:capital\n\n2025-03-01 Dollars\n    assets:usd  100.00 USD\n    equity:capital\n"
	if _, err := a.ImportLedger(ctx, app.System, "bare", strings.NewReader(journal), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	org, err := a.Org(ctx, app.System, "bare")
	if err != nil {
		t.Fatal(err)
	}
	all, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, ledger.DateOf(2025, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	var usdInTMT money.Amount
	for _, x := range all {
		if x.Account == "assets:usd" {
			usdInTMT += x.Turnover.Debit
		}
	}
	if usdInTMT != 28500+35000 {
		t.Errorf("assets:usd in manat: %d, want 63500 (285.00 + 350.00)", usdInTMT)
	}
	cp := ledger.Analytic{Kind: ledger.Counterparty, Code: "US", Names: ledger.Names{EN: "US"}}
	if err := a.CreateAnalytic(ctx, app.System, "bare", &cp); err != nil {
		t.Fatal(err)
	}
	k := ledger.Analytic{Kind: ledger.Contract, Code: "US-1", Names: ledger.Names{EN: "US-1"}, Owner: cp.ID}
	if err := a.CreateAnalytic(ctx, app.System, "bare", &k); err != nil {
		t.Fatal(err)
	}
	d := doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 3, 3), Refs: doc.Refs{Counterparty: cp.ID, Contract: k.ID}, Currency: "USD",
		Lines: []doc.Line{{Service: true, Amount: 20000, VAT: doc.VAT15}}}
	if _, _, err := a.CreateAndPostDocument(ctx, app.System, "bare", d); err != nil {
		t.Fatal(err)
	}
	ts, err := a.Store.Turnover(ctx, org.ID, ledger.DateOf(2025, 3, 3), ledger.DateOf(2025, 3, 3))
	if err != nil {
		t.Fatal(err)
	}
	var dt62 money.Amount
	for _, x := range ts {
		if strings.HasPrefix(string(x.Account), "62") {
			dt62 += x.Turnover.Debit
		}
	}
	if dt62 != 80500 {
		t.Errorf("the USD act on 62: %d, want 80500 (230.00 USD at 3.50)", dt62)
	}
}
