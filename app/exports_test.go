package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/store"
)

func TestExportSheetsReadEveryPage(t *testing.T) { eachStore(t, testExportSheetsReadEveryPage) }

// testExportSheetsReadEveryPage: the account card's and the journal's
// sheets read the store a page at a time to the end. Entry i (1…510) pays
// i·1.00 into 50.01 from 80 and i·0.10 out of it to 26: 1 020 movements of
// 50.01 (past one card page of 1 000) in 510 entries (past one journal
// page of 500). Debit turnover 1.00·(1+…+510) = 130 305.00, credit 13 030.50,
// closing 117 274.50; the journal's postings add up to 143 335.50.
func testExportSheetsReadEveryPage(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "x", "cis")
	cf := ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF", Names: ledger.Names{RU: "Поток"}}
	if err := a.CreateAnalytic(ctx, app.System, "x", &cf); err != nil {
		t.Fatal(err)
	}
	cash := ledger.Side{Account: "50.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf.ID}}
	for i := 1; i <= 510; i++ {
		e := ledger.Entry{Date: ledger.DateOf(2025, 1, 1) + ledger.Date(i%300), Description: "E", Postings: []ledger.Posting{
			{Debit: cash, Credit: ledger.Side{Account: "80"}, Amount: money.Amount(i * 100)},
			{Debit: ledger.Side{Account: "26"}, Credit: cash, Amount: money.Amount(i * 10)}}}
		if _, err := a.Post(ctx, app.System, "x", e); err != nil {
			t.Fatal(err)
		}
	}
	card, err := a.AccountCardSheet(ctx, app.System, "x", app.CardQuery{Account: "50.01", From: ledger.NoDate, To: ledger.NoDate}, "ru")
	if err != nil {
		t.Fatal(err)
	}
	// Opening, 1 020 movements, turnover, closing.
	if n := len(card.Rows); n != 1023 {
		t.Fatalf("card: %d rows, want 1 023", n)
	}
	var dt, kt money.Amount
	for _, r := range card.Rows[1:1021] {
		dt += r.Cells[5].N
		kt += r.Cells[6].N
	}
	last := card.Rows[1020].Cells[7].N
	turn, closing := card.Rows[1021], card.Rows[1022]
	if dt != 13030500 || kt != 1303050 || turn.Cells[5].N != dt || turn.Cells[6].N != kt || closing.Cells[7].N != 11727450 || last != 11727450 {
		t.Errorf("card: Dt %d Kt %d, turnover %d/%d, last balance %d, closing %d", dt, kt, turn.Cells[5].N, turn.Cells[6].N, last, closing.Cells[7].N)
	}
	if card.Rows[0].Style != sheet.Heading || turn.Style != sheet.Total || card.Rows[1].Cells[4].Text != "80" {
		t.Errorf("card rows: %+v %+v", card.Rows[0], card.Rows[1])
	}
	j, err := a.JournalSheet(ctx, app.System, "x", store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate}, "ru")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(j.Rows); n != 1021 {
		t.Fatalf("journal: %d rows, want 1 021", n)
	}
	if total := j.Rows[1020].Cells[6].N; total != 14333550 {
		t.Errorf("journal total %d, want 14 333 550", total)
	}
	// Newest first: entry 510's receipt, then its payment out (no date on
	// the entry's second line).
	if r := j.Rows[0]; r.Cells[1].Text != "2025/510" || r.Cells[4].Text != "50.01 (CF Поток)" || r.Cells[6].N != 51000 || j.Rows[1].Cells[0].Set {
		t.Errorf("journal's first rows: %+v %+v", r, j.Rows[1])
	}
	// 26, 50.01 and 80.
	b, err := a.BalancesSheet(ctx, app.System, "x", ledger.NoDate, "en")
	if err != nil || len(b.Rows) != 3 {
		t.Fatalf("balances: %v %+v", err, b)
	}
}
