package app_test

import (
	"context"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

func TestOverviewCash(t *testing.T) { eachStore(t, testOverviewCash) }

// testOverviewCash: the money at hand (50, 51, 52, 55) at each month's
// end, the last month's as of the day asked, worked by hand:
//
//	2024-12-20  capital 500.00 to the bank                 before the months: 500.00
//	2025-01-10  capital 1 000.00 to the bank (51)          January's end: 1 500.00
//	2025-02-05  200.00 from the bank to the cash desk      February: 1 500.00 (moved within)
//	2025-03-03  150.00 of overheads paid from the cash desk
//	2025-03-20  40.00 more, after the day asked            15 March: 1 350.00
func testOverviewCash(t *testing.T, a *app.App) {
	ctx := context.Background()
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "cash", Name: "cash", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	journal := `2024-12-20 Capital
    51  500.00 TMT ; cashflow: CF
    80

2025-01-10 Capital
    51  1000.00 TMT ; cashflow: CF
    80

2025-02-05 To the cash desk
    50.01  200.00 TMT ; cashflow: CF
    51  ; cashflow: CF

2025-03-03 Overheads
    26  150.00 TMT
    50.01  ; cashflow: CF

2025-03-20 Overheads
    26  40.00 TMT
    50.01  ; cashflow: CF
`
	if _, err := a.ImportLedger(ctx, app.System, "cash", strings.NewReader(journal), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ov, err := a.Overview(ctx, app.System, "cash", ledger.DateOf(2025, 3, 15), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		month int
		cash  money.Amount
	}{{202501, 150000}, {202502, 150000}, {202503, 135000}}
	if len(ov.Months) != len(want) {
		t.Fatalf("%d months, want 3", len(ov.Months))
	}
	for i, w := range want {
		if m := ov.Months[i]; m.Month != w.month || m.Cash != w.cash {
			t.Errorf("month %d: %d cash %d, want %d cash %d", i, m.Month, m.Cash, w.month, w.cash)
		}
	}
	if ov.Cash+ov.Bank+ov.CurrencyBank != 135000 {
		t.Errorf("the tiles: cash %d + bank %d + currency %d, want 1 350.00", ov.Cash, ov.Bank, ov.CurrencyBank)
	}
}
