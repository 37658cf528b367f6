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

func TestVATBooks(t *testing.T) { eachStore(t, testVATBooks) }

// testVATBooks checks the books of February 2026 against figures worked
// out by hand. Organisation a:
//
//	02-03  act № 1          1 000,00 at 15 %   VAT 150,00
//	02-10  act № 2            200,00 at 15 %   VAT  30,00
//	02-12  act № 3            500,00 at 0 %    VAT   0,00
//	02-14  act № 4            300,00 exempt
//	02-05  goods receipt      800,00 at 15 %   VAT 120,00
//	02-15  act, a draft       999,00 at 15 %   left out (not posted)
//	02-16  act, cancelled     777,00 at 15 %   left out
//	03-01  act                400,00 at 15 %   left out (March)
//
// Sales: net 15 % 1 200,00, 0 % 500,00, exempt 300,00, VAT 180,00, gross
// 2 180,00. Purchases: net 15 % 800,00, VAT 120,00, gross 920,00. Payable
// 180,00 − 120,00 = 60,00; and the output VAT is the month's credit
// turnover of 68.02, the input VAT the debit turnover of 19.
func testVATBooks(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer := w.actors["accountant"], w.actors["viewer"]
	an := analyticMaker(t, a, "a")
	sup, cust := an(ledger.Counterparty, "SUP", 0), an(ledger.Counterparty, "CUST", 0)
	supK, custK := an(ledger.Contract, "SUP-1", sup), an(ledger.Contract, "CUST-1", cust)
	tea, wh := an(ledger.Item, "TEA", 0), an(ledger.Warehouse, "WH", 0)
	act := func(day int, amount money.Amount, rate doc.Rate) doc.Document {
		return doc.Document{Type: doc.Act, Date: ledger.DateOf(2026, 2, day), Refs: doc.Refs{Counterparty: cust, Contract: custK},
			Lines: []doc.Line{{Service: true, Amount: amount, VAT: rate}}}
	}
	march := act(1, 40000, doc.VAT15)
	march.Date = ledger.DateOf(2026, 3, 1)
	for _, d := range []doc.Document{
		act(3, 100000, doc.VAT15), act(10, 20000, doc.VAT15), act(12, 50000, doc.VAT0), act(14, 30000, doc.Exempt),
		{Type: doc.GoodsReceipt, Date: ledger.DateOf(2026, 2, 5), Refs: doc.Refs{Counterparty: sup, Contract: supK, Warehouse: wh},
			Lines: []doc.Line{{Refs: doc.Refs{Item: tea}, Qty: 4000, Amount: 80000, VAT: doc.VAT15}}},
		march,
	} {
		if _, _, err := a.CreateAndPostDocument(ctx, accountant, "a", d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.CreateDocument(ctx, accountant, "a", act(15, 99900, doc.VAT15)); err != nil {
		t.Fatal(err)
	}
	c, err := a.CreateDocument(ctx, accountant, "a", act(16, 77700, doc.VAT15))
	if err != nil {
		t.Fatal(err)
	}
	c.Status = doc.Cancelled
	if _, err := a.SaveDocument(ctx, accountant, "a", c); err != nil {
		t.Fatal(err)
	}

	b, err := a.VATBooks(ctx, viewer, "a", 2026, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sales.Rows) != 4 || len(b.Purchase.Rows) != 1 {
		t.Fatalf("%d sales rows and %d purchase rows, want 4 and 1", len(b.Sales.Rows), len(b.Purchase.Rows))
	}
	st, pt := b.Sales.Total, b.Purchase.Total
	if st.Net15 != 120000 || st.Net0 != 50000 || st.NetExempt != 30000 || st.VAT != 18000 || st.Gross != 218000 {
		t.Errorf("sales totals %+v", st)
	}
	if pt.Net15 != 80000 || pt.Net0 != 0 || pt.NetExempt != 0 || pt.VAT != 12000 || pt.Gross != 92000 {
		t.Errorf("purchase totals %+v", pt)
	}
	if b.Output != 18000 || b.Input != 12000 || b.Payable != 6000 {
		t.Errorf("summary: output %d, input %d, payable %d; want 18000, 12000, 6000", b.Output, b.Input, b.Payable)
	}
	for _, r := range b.Sales.Rows {
		if r.Counterparty != cust || r.DocType != doc.Act || r.Date < b.From || r.Date > b.To {
			t.Errorf("sales row %+v", r)
		}
	}

	org, err := a.Org(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := a.Store.Turnover(ctx, org.ID, b.From, b.To)
	if err != nil {
		t.Fatal(err)
	}
	var out68, in19 money.Amount
	for _, x := range ts {
		switch {
		case x.Account == "68.02":
			out68 += x.Turnover.Credit
		case x.Account == "19" || strings.HasPrefix(string(x.Account), "19."):
			in19 += x.Turnover.Debit
		}
	}
	if out68 != b.Output || in19 != b.Input {
		t.Errorf("the totals: credit 68.02 %d, debit 19 %d; the books: %d, %d", out68, in19, b.Output, b.Input)
	}

	if _, err := a.VATBooks(ctx, w.actors["foreign"], "a", 2026, 2); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("another tenant reads the books: %v, want ENotFound", err)
	}
	if _, err := a.VATBooks(ctx, viewer, "a", 2026, 13); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("month 13: %v, want EInvalid", err)
	}
}

func TestVATBooksInCurrency(t *testing.T) { eachStore(t, testVATBooksInCurrency) }

// testVATBooksInCurrency: currency documents enter the books at the rate
// their entries converted at, not at the rate they show. Each shows 3.60:
//
//	02-20  act 100.00 USD + 15 % = 115.00 USD; no USD rate entered: the
//	       official default 3.50: net 350.00, VAT 52.50, gross 402.50
//	02-21  act 200.00 USD + 15 % = 230.00 USD; the rate of 21 February
//	       entered, 3.55: gross 816.50, VAT 106.50, net 710.00
//
// Sales: net 15 % 1 060.00, VAT 159.00, gross 1 219.00 — the credit
// turnover of 68.02 in February. (At the shown 3.60 it would be 1 242.00.)
func testVATBooksInCurrency(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer := w.actors["accountant"], w.actors["viewer"]
	an := analyticMaker(t, a, "a")
	cust := an(ledger.Counterparty, "CUST", 0)
	custK := an(ledger.Contract, "CUST-USD", cust)
	if err := a.PutRate(ctx, accountant, "a", "USD", ledger.DateOf(2026, 2, 21), money.MustRate("3.55")); err != nil {
		t.Fatal(err)
	}
	var entries []int64
	for _, x := range []struct {
		day    int
		amount money.Amount
	}{{20, 10000}, {21, 20000}} {
		d := doc.Document{Type: doc.Act, Date: ledger.DateOf(2026, 2, x.day), Refs: doc.Refs{Counterparty: cust, Contract: custK},
			Currency: "USD", Rate: money.MustRate("3.6"), Lines: []doc.Line{{Service: true, Amount: x.amount, VAT: doc.VAT15}}}
		made, _, err := a.CreateAndPostDocument(ctx, accountant, "a", d)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, made.Entry)
	}
	b, err := a.VATBooks(ctx, viewer, "a", 2026, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sales.Rows) != 2 {
		t.Fatalf("%d sales rows, want 2", len(b.Sales.Rows))
	}
	want := map[ledger.Date][3]money.Amount{ledger.DateOf(2026, 2, 20): {35000, 5250, 40250}, ledger.DateOf(2026, 2, 21): {71000, 10650, 81650}}
	for _, r := range b.Sales.Rows {
		if got := [3]money.Amount{r.Net15, r.VAT, r.Gross}; got != want[r.Date] {
			t.Errorf("row of %s: net, VAT, gross %v, want %v", r.Date, got, want[r.Date])
		}
	}
	if st := b.Sales.Total; st.Net15 != 106000 || st.VAT != 15900 || st.Gross != 121900 || b.Output != 15900 || b.Payable != 15900 {
		t.Errorf("sales totals %+v, output %d, payable %d", st, b.Output, b.Payable)
	}
	org, err := a.Org(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := a.Store.Turnover(ctx, org.ID, b.From, b.To)
	if err != nil {
		t.Fatal(err)
	}
	var out68 money.Amount
	for _, x := range ts {
		if x.Account == "68.02" {
			out68 += x.Turnover.Credit
		}
	}
	if out68 != b.Output {
		t.Errorf("credit turnover of 68.02 %d, the sales book's VAT %d", out68, b.Output)
	}
	if len(entries) != 2 || entries[0] == 0 {
		t.Errorf("entries %v", entries)
	}
}
