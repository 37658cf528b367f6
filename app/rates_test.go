package app_test

import (
	"context"
	"errors"
	"testing"

	"hasap/app"
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
