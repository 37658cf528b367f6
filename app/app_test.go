package app_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/internal/apptest"
	"hasap/ledger"
)

// newApp opens a fresh SQLite store in a temporary directory.
func newApp(t testing.TB) *app.App {
	t.Helper()
	a := apptest.New(t)
	a.Now = func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }
	return a
}

func createOrg(t *testing.T, a *app.App, code, chart string) {
	t.Helper()
	if _, err := a.CreateOrg(context.Background(), app.System, app.CreateOrgInput{Code: code, Name: code, Chart: chart}); err != nil {
		t.Fatal(err)
	}
}

const sample = `; a small trading month
account assets:bank
P 2025-01-01 USD 3.50 TMT

2025-01-02 * (1) Opening capital
    assets:bank            10000.00 TMT
    equity:capital

2025-01-05 * Buy dollars
    assets:usd               100.00 USD @@ 350.00 TMT
    assets:bank

2025-01-06 Goods for cash, three ways
    expenses:goods           300.00 TMT
    expenses:fees              5.50 TMT
    assets:bank             -200.00 TMT
    assets:cash             -105.50 TMT = -105.50 TMT

2025-01-07 USD at the journal's rate
    expenses:travel           10.00 USD
    assets:usd               -10.00 USD = 90.00 USD
`

func balancesCSV(t *testing.T, a *app.App, org string) string {
	t.Helper()
	bs, err := a.Balances(context.Background(), app.System, org, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, x := range bs {
		b.WriteString(string(x.Account) + "," + x.Currency.Code + "," + strconv.FormatInt(int64(x.Amount), 10) + "\n")
	}
	return b.String()
}

func TestImportBalancesExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "one", "empty")
	st, err := a.ImportLedger(ctx, app.System, "one", strings.NewReader(sample), app.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Transactions != 4 || st.Assertions != 2 {
		t.Fatalf("stats %+v", st)
	}
	got := balancesCSV(t, a, "one")
	want := "assets:bank,TMT,945000\nassets:cash,TMT,-10550\nassets:usd,USD,9000\nequity:capital,TMT,-1000000\nexpenses:fees,TMT,550\nexpenses:goods,TMT,30000\nexpenses:travel,USD,1000\n"
	if got != want {
		t.Fatalf("balances:\n%s\nwant:\n%s", got, want)
	}
	if _, err := a.Verify(ctx, app.System, "one", nil); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := a.ExportLedger(ctx, app.System, "one", &out); err != nil {
		t.Fatal(err)
	}
	createOrg(t, a, "two", "empty")
	if _, err := a.ImportLedger(ctx, app.System, "two", bytes.NewReader(out.Bytes()), app.ImportOptions{}); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if again := balancesCSV(t, a, "two"); again != want {
		t.Fatalf("after round trip:\n%s", again)
	}
	tb, err := a.TrialBalance(ctx, app.System, "two", ledger.NoDate, ledger.NoDate)
	if err != nil || !tb.Balanced() {
		t.Fatalf("trial balance %v %+v", err, tb)
	}
}

func TestBadImportChangesNothing(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "one", "empty")
	bad := sample + "\n2025-01-08 broken\n    assets:bank  1.00 TMT\n    assets:cash  -2.00 TMT\n"
	_, err := a.ImportLedger(ctx, app.System, "one", strings.NewReader(bad), app.ImportOptions{})
	line := strings.Count(bad[:strings.Index(bad, "2025-01-08")], "\n") + 1
	if err == nil || !strings.Contains(err.Error(), "line "+strconv.Itoa(line)+":") {
		t.Fatalf("want an error naming line %d, got %v", line, err)
	}
	if got := balancesCSV(t, a, "one"); got != "" {
		t.Fatalf("a failed import left balances:\n%s", got)
	}
	org, _ := a.Org(ctx, app.System, "one")
	ch, _ := a.Store.Chart(ctx, org.ID)
	if len(ch) != 0 {
		t.Fatalf("a failed import left %d accounts", len(ch))
	}
}
