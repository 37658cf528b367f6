package app_test

import (
	"context"
	"strings"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestVATBooksKeepTheEntryAmounts(t *testing.T) { eachStore(t, testVATBooksKeepTheEntryAmounts) }

// testVATBooksKeepTheEntryAmounts: a currency document's row is its
// entry's amounts, so a rate changed after it was posted does not move the
// books. With USD at 3.55 on 20 February 2026:
//
//	an act of 100.00 USD at 15 % (VAT 15.00) and 33.33 USD at 0 %:
//	  gross 133.33 + 15.00 = 148.33 USD = 526.57, VAT 53.25, so net 15 %
//	  408.25 − 53.25 = 355.00 and net 0 % 118.32
//	a supplier invoice of a service, 100.00 USD + 15.00 VAT, and of
//	  construction (08.03, capital: its VAT goes to the asset's cost),
//	  1 000.00 USD + 150.00 VAT: gross 115.00 + 1 150.00 = 1 265.00 USD
//	  = 4 490.75 (408.25 + 4 082.50); VAT 53.25 posted to 19.04 and
//	  4 082.50 × 15/115 = 532.50 in the cost, 585.75 in the book as the
//	  book counts a capital purchase's VAT; net 3 905.00
//
// Then the rate of 20 February becomes 3.70 (at which the act would be
// 548.82 with VAT 55.50): the books stay as they were, and stay the credit
// turnover of 68.02 and the debit turnover of 19 (with the capital VAT). Only when the entry no
// longer reads as the settings' postings (the revenue account changed) is
// the act converted again, at the rate of its day.
func testVATBooksKeepTheEntryAmounts(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer := w.actors["accountant"], w.actors["viewer"]
	an := analyticMaker(t, a, "a")
	cust, sup := an(ledger.Counterparty, "CUST", 0), an(ledger.Counterparty, "SUP", 0)
	custK, supK := an(ledger.Contract, "CUST-USD", cust), an(ledger.Contract, "SUP-USD", sup)
	day := ledger.DateOf(2026, 2, 20)
	if err := a.PutRate(ctx, accountant, "a", "USD", day, money.MustRate("3.55")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []doc.Document{
		{Type: doc.Act, Date: day, Refs: doc.Refs{Counterparty: cust, Contract: custK}, Currency: "USD",
			Lines: []doc.Line{{Service: true, Amount: 100_00, VAT: doc.VAT15}, {Service: true, Amount: 33_33, VAT: doc.VAT0}}},
		{Type: doc.SupplierInvoice, Date: day, Refs: doc.Refs{Counterparty: sup, Contract: supK}, Currency: "USD",
			Lines: []doc.Line{{Service: true, Amount: 100_00, VAT: doc.VAT15}, {Service: true, Account: "08.03", Amount: 1_000_00, VAT: doc.VAT15}}},
	} {
		if _, _, err := a.CreateAndPostDocument(ctx, accountant, "a", d); err != nil {
			t.Fatal(err)
		}
	}
	wantSale := app.VATRow{Net15: 355_00, Net0: 118_32, VAT: 53_25, Gross: 526_57}
	wantPurchase := app.VATRow{Net15: 3_905_00, VAT: 585_75, Gross: 4_490_75}
	check := func(when string, sale, purchase app.VATRow) {
		t.Helper()
		b, err := a.VATBooks(ctx, viewer, "a", 2026, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Sales.Rows) != 1 || len(b.Purchase.Rows) != 1 {
			t.Fatalf("%s: %d sales rows and %d purchase rows, want 1 and 1", when, len(b.Sales.Rows), len(b.Purchase.Rows))
		}
		amounts := func(r app.VATRow) app.VATRow {
			return app.VATRow{Net15: r.Net15, Net0: r.Net0, NetExempt: r.NetExempt, VAT: r.VAT, Gross: r.Gross}
		}
		if got := amounts(b.Sales.Rows[0]); got != sale {
			t.Errorf("%s: the act's row %+v, want %+v", when, got, sale)
		}
		if got := amounts(b.Purchase.Rows[0]); got != purchase {
			t.Errorf("%s: the supplier invoice's row %+v, want %+v", when, got, purchase)
		}
		out68, in19 := turnover68and19(t, a, viewer, b)
		if sale == wantSale && (out68 != b.Output || in19+532_50 != b.Input) {
			t.Errorf("%s: credit 68.02 %d, debit 19 %d + the capital VAT 532.50; the books %d, %d", when, out68, in19, b.Output, b.Input)
		}
	}
	check("as posted", wantSale, wantPurchase)

	if err := a.PutRate(ctx, accountant, "a", "USD", day, money.MustRate("3.7")); err != nil {
		t.Fatal(err)
	}
	check("after the rate changed", wantSale, wantPurchase)

	s, err := a.OrgSettings(ctx, accountant, "a")
	if err != nil {
		t.Fatal(err)
	}
	s.Posting.Sales.Revenue = "91.01"
	if _, err := a.SaveOrgSettings(ctx, w.actors["owner"], "a", s); err != nil {
		t.Fatal(err)
	}
	// 148.33 USD at 3.70 = 548.82 (line by line 425.50 + 123.32), VAT 55.50.
	check("after the revenue account changed", app.VATRow{Net15: 370_00, Net0: 123_32, VAT: 55_50, Gross: 548_82}, wantPurchase)
}

// turnover68and19 is the credit turnover of 68.02 and the debit turnover
// of 19 and its sub-accounts over the books' month.
func turnover68and19(t *testing.T, a *app.App, actor app.Actor, b *app.VATBooks) (out68, in19 money.Amount) {
	t.Helper()
	org, err := a.Org(context.Background(), actor, "a")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := a.Store.Turnover(context.Background(), org.ID, b.From, b.To)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		switch {
		case x.Account == "68.02":
			out68 += x.Turnover.Credit
		case x.Account == "19" || strings.HasPrefix(string(x.Account), "19."):
			in19 += x.Turnover.Debit
		}
	}
	return out68, in19
}
