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

func TestOverviewIFRS(t *testing.T) { eachStore(t, testOverviewIFRS) }

// testOverviewIFRS: the home page's figures on the IFRS chart, worked by
// hand:
//
//	2025-01-10  share capital 2 000.00 to the bank (1020)
//	2025-01-15  300.00 from the bank to the cash desk (1010)
//	2025-02-03  a sale of 500.00 on credit to K1 (1100 / 4000)
//	2025-02-04  goods of 120.00 on credit from S1 (1200 / 2010)
//	2025-02-10  K1 pays 200.00 into the bank
//
// At the end of February: cash desk 300.00, bank 1 900.00, receivables
// 300.00, payables 120.00; money at hand 2 000.00 in January, 2 200.00 in
// February.
func testOverviewIFRS(t *testing.T, a *app.App) {
	ctx := context.Background()
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "intl", Name: "intl", Chart: "ifrs"}); err != nil {
		t.Fatal(err)
	}
	journal := `2025-01-10 Capital
    1020  2000.00 TMT ; cashflow: CF
    3000

2025-01-15 To the cash desk
    1010  300.00 TMT ; cashflow: CF
    1020  ; cashflow: CF

2025-02-03 Sale
    1100  500.00 TMT ; counterparty: K1
    4000

2025-02-04 Goods
    1200  120.00 TMT ; item: G1, warehouse: W1
    2010  ; counterparty: S1

2025-02-10 Payment
    1020  200.00 TMT ; cashflow: CF
    1100  ; counterparty: K1
`
	if _, err := a.ImportLedger(ctx, app.System, "intl", strings.NewReader(journal), app.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ov, err := a.Overview(ctx, app.System, "intl", ledger.DateOf(2025, 2, 28), 2)
	if err != nil {
		t.Fatal(err)
	}
	if ov.Cash != 300_00 || ov.Bank != 1_900_00 || ov.CurrencyBank != 0 || ov.Receivables != 300_00 || ov.Payables != 120_00 {
		t.Errorf("tiles: cash %d bank %d currency %d receivables %d payables %d", ov.Cash, ov.Bank, ov.CurrencyBank, ov.Receivables, ov.Payables)
	}
	if len(ov.Months) != 2 || ov.Months[0].Cash != 2_000_00 || ov.Months[1].Cash != 2_200_00 || ov.Months[1].Revenue != 500_00 {
		t.Errorf("months %+v", ov.Months)
	}
}
