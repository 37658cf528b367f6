package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

func TestCorrespondence(t *testing.T) { eachStore(t, testCorrespondence) }

// testCorrespondence reads the chessboard, the account analysis and the
// card of one correspondence of registerBooks (minor units):
//
//	Q1 by synthetic accounts: 62 × 90  1 000,00 + 200,00 + 500,00 = 1 700,00
//	                          41 × 80     50,00
//	                          51 × 62    300,00 + 200,00          =   500,00
//	                          total                                 2 250,00
//	15.01–10.02 (two part months): 62 × 90 200,00, 41 × 80 50,00, 51 × 62 300,00
//	62, February–March by month: opening Dt 1 200,00 (1 000,00 + 200,00);
//	  February 51 Kt 500,00 → Dt 700,00; March 90 Dt 500,00 → Dt 1 200,00
func testCorrespondence(t *testing.T, a *app.App) {
	ctx := context.Background()
	registerBooks(t, a)
	d := ledger.DateOf
	c, err := a.Chessboard(ctx, app.System, "r", d(2025, 1, 1), d(2025, 3, 31), report.Synthetic)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cell("62", "90") != 170000 || c.Cell("41", "80") != 5000 || c.Cell("51", "62") != 50000 || c.Total != 225000 || len(c.Cells) != 3 {
		t.Errorf("Q1: %v, total %d", c.Cells, c.Total)
	}
	c, err = a.Chessboard(ctx, app.System, "r", d(2025, 1, 15), d(2025, 2, 10), report.SubAccount)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cell("62.01", "90.01") != 20000 || c.Cell("41.01", "80") != 5000 || c.Cell("51", "62.01") != 30000 || c.Total != 55000 {
		t.Errorf("15.01–10.02: %v, total %d", c.Cells, c.Total)
	}

	an, err := a.AccountAnalysis(ctx, app.System, "r", app.AnalysisQuery{Account: "62", From: d(2025, 2, 1), To: d(2025, 3, 31), ByMonth: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(an.Months) != 2 || an.OpeningDebit != 120000 || an.Months[0].Credit != 50000 || an.Months[0].ClosingDebit != 70000 ||
		an.Months[1].Debit != 50000 || an.ClosingDebit != 120000 || len(an.Lines) != 2 || an.Lines[0].Account != "51" || an.Lines[1].Account != "90" {
		t.Errorf("analysis of 62: %+v", an)
	}
	if _, err := a.AccountAnalysis(ctx, app.System, "r", app.AnalysisQuery{Account: "62", From: ledger.NoDate, To: ledger.NoDate, ByMonth: true}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("by month without a period: %v", err)
	}
	if _, err := a.AccountAnalysis(ctx, app.System, "r", app.AnalysisQuery{Account: "999"}); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("no such account: %v", err)
	}

	card, err := a.AccountCard(ctx, app.System, "r", app.CardQuery{Account: "51", Corr: "62", From: d(2025, 1, 1), To: d(2025, 3, 31)})
	if err != nil {
		t.Fatal(err)
	}
	if card.Debit != 50000 || card.Credit != 0 || len(card.Lines) != 2 || card.Lines[1].Balance != money.Amount(50000) {
		t.Errorf("card of 51 against 62: Dt %d Kt %d, %d lines", card.Debit, card.Credit, len(card.Lines))
	}
	// the second page starts from the net turnover before its cursor
	page1, err := a.AccountCard(ctx, app.System, "r", app.CardQuery{Account: "51", Corr: "62", From: ledger.NoDate, To: ledger.NoDate, Limit: 1})
	if err != nil || page1.Next == nil {
		t.Fatalf("first page: %v", err)
	}
	page2, err := a.AccountCard(ctx, app.System, "r", app.CardQuery{Account: "51", Corr: "62", From: ledger.NoDate, To: ledger.NoDate, Limit: 1, After: *page1.Next})
	if err != nil || page2.StartingBalance != 30000 || len(page2.Lines) != 1 || page2.Lines[0].Balance != 50000 {
		t.Errorf("second page: %+v, %v", page2, err)
	}
	if _, err := a.AccountCard(ctx, app.System, "r", app.CardQuery{Account: "51", Corr: "62", Analytic: 1}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("correspondent and analytic: %v", err)
	}
	if _, err := a.AccountCard(ctx, app.System, "r", app.CardQuery{Account: "51", Corr: "999"}); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("no such correspondent: %v", err)
	}
}
