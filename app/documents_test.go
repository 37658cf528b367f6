package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

func TestDocuments(t *testing.T) { eachStore(t, testDocuments) }

// testDocuments walks a purchase and a sale through their life: a clerk
// drafts, an accountant posts (the entry and the document in one
// transaction, the sale's cost from the stock the purchase brought), the
// sale is unposted (a red storno), edited and posted again; stale saves
// and other roles and tenants are refused; every step is audited.
func testDocuments(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	clerk, accountant, viewer, foreign := w.actors["clerk"], w.actors["accountant"], w.actors["viewer"], w.actors["foreign"]
	an := analyticMaker(t, a, "a")
	supplier, customer := an(ledger.Counterparty, "SUP", 0), an(ledger.Counterparty, "CUST", 0)
	supCtr, custCtr := an(ledger.Contract, "SUP-1", supplier), an(ledger.Contract, "CUST-1", customer)
	flour, wh := an(ledger.Item, "FLOUR", 0), an(ledger.Warehouse, "WH", 0)
	q := func(s string) ledger.Quantity {
		v, err := money.Parse(s, ledger.QuantityExp, money.English)
		if err != nil {
			t.Fatal(err)
		}
		return ledger.Quantity(v)
	}
	day := ledger.DateOf(2025, 2, 3)

	// 10 kg of flour bought for 3 000.00 + VAT 450.00.
	buy := doc.Document{Type: doc.SupplierInvoice, Date: day, Refs: doc.Refs{Counterparty: supplier, Contract: supCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: flour}, Qty: q("10"), Amount: 300000}}}
	if _, err := a.CreateDocument(ctx, viewer, "a", buy); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a viewer drafts: %v, want EForbidden", err)
	}
	bought, err := a.CreateDocument(ctx, clerk, "a", buy)
	if err != nil {
		t.Fatal(err)
	}
	if bought.Number != 1 || bought.Year != 2025 || bought.Status != doc.Draft || bought.Author != email("clerk") {
		t.Fatalf("the clerk's draft: № %d/%d %s by %q", bought.Year, bought.Number, bought.Status, bought.Author)
	}
	if _, _, err := a.PostDocument(ctx, clerk, "a", bought.ID, bought.Version); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a clerk posts: %v, want EForbidden", err)
	}
	if _, err := a.GetDocument(ctx, foreign, "a", bought.ID); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another tenant reads the document: %v, want ENotFound", err)
	}
	bought, e, err := a.PostDocument(ctx, accountant, "a", bought.ID, bought.Version)
	if err != nil {
		t.Fatal(err)
	}
	if bought.Status != doc.Posted || bought.Entry != e.Seq || e.Document != "supplier_invoice/2025/1" {
		t.Fatalf("posted purchase: %s, entry %d (posted %d, %q)", bought.Status, bought.Entry, e.Seq, e.Document)
	}

	// The sale of 2 kg at 500.00 takes its cost from that stock: 600.00.
	sell := doc.Document{Type: doc.SalesInvoice, Date: day + 1, Refs: doc.Refs{Counterparty: customer, Contract: custCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: flour}, Qty: q("2"), Price: 50000}}}
	sold, err := a.CreateDocument(ctx, clerk, "a", sell)
	if err != nil {
		t.Fatal(err)
	}
	sold, e, err = a.PostDocument(ctx, accountant, "a", sold.ID, sold.Version)
	if err != nil {
		t.Fatal(err)
	}
	balance := func(code ledger.AccountCode) money.Amount {
		t.Helper()
		bs, err := a.Balances(ctx, app.System, "a", ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			if b.Account == code && b.Currency.Code == "TMT" {
				return b.Amount
			}
		}
		return 0
	}
	// 62.01: 1 000.00 + VAT 150.00; 90.02: the cost 600.00; 41.01: 3 000.00 - 600.00.
	for code, want := range map[ledger.AccountCode]money.Amount{"62.01": 115000, "90.02": 60000, "41.01": 240000} {
		if got := balance(code); got != want {
			t.Errorf("after the sale %s = %d, want %d", code, got, want)
		}
	}

	// A stale save is refused; the posted sale cannot be saved at all.
	stale := sold
	stale.Comment = "too late"
	if _, err := a.SaveDocument(ctx, clerk, "a", stale); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("saving a posted document: %v, want EConflict", err)
	}

	// Unpost, change the price, post again: the books are as if the new
	// price had been posted at once.
	sold, storno, err := a.UnpostDocument(ctx, accountant, "a", sold.ID, sold.Version)
	if err != nil {
		t.Fatal(err)
	}
	if sold.Status != doc.Draft || sold.Entry != 0 || storno.Reverses != e.Seq || storno.Postings[0].Amount >= 0 {
		t.Fatalf("unposted: %s, entry %d; storno reverses %d with %d", sold.Status, sold.Entry, storno.Reverses, storno.Postings[0].Amount)
	}
	if got := balance("62.01"); got != 0 {
		t.Fatalf("62.01 after unposting = %d, want 0", got)
	}
	sold.Lines[0].Price = 60000
	sold.Lines[0].Amount = 0
	if sold, err = a.SaveDocument(ctx, clerk, "a", sold); err != nil {
		t.Fatal(err)
	}
	old := sold
	old.Version--
	if _, err := a.SaveDocument(ctx, clerk, "a", old); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("a save of an older version: %v, want EConflict", err)
	}
	if _, _, err = a.PostDocument(ctx, accountant, "a", sold.ID, sold.Version); err != nil {
		t.Fatal(err)
	}
	for code, want := range map[ledger.AccountCode]money.Amount{"62.01": 138000, "90.02": 60000, "41.01": 240000} {
		if got := balance(code); got != want {
			t.Errorf("after reposting %s = %d, want %d", code, got, want)
		}
	}
	if res, err := a.Verify(ctx, app.System, "a", nil); err != nil {
		t.Fatalf("verify: %v (%+v)", err, res)
	}

	// A cancelled draft keeps its number; the next draft takes the next.
	spare, err := a.CreateDocument(ctx, clerk, "a", sell)
	if err != nil {
		t.Fatal(err)
	}
	spare.Status = doc.Cancelled
	if spare, err = a.SaveDocument(ctx, clerk, "a", spare); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.PostDocument(ctx, accountant, "a", spare.ID, spare.Version); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("posting a cancelled document: %v, want EConflict", err)
	}
	next, err := a.CreateDocument(ctx, clerk, "a", sell)
	if err != nil {
		t.Fatal(err)
	}
	if spare.Number != 2 || next.Number != 3 {
		t.Fatalf("sales invoices № %d (cancelled) and № %d, want 2 and 3", spare.Number, next.Number)
	}
	list, err := a.ListDocuments(ctx, viewer, "a", store.DocumentFilter{Type: string(doc.SalesInvoice), From: ledger.NoDate, To: ledger.NoDate})
	if err != nil || len(list) != 3 {
		t.Fatalf("the viewer lists %d sales invoices (%v), want 3", len(list), err)
	}

	// Each act is in the audit log.
	events, err := a.Audit(ctx, app.System, "a", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, ev := range events {
		seen[ev.Action]++
	}
	for action, n := range map[string]int{app.ActDocCreate: 4, app.ActDocPost: 3, app.ActDocUnpost: 1, app.ActDocSave: 1, app.ActDocCancel: 1} {
		if seen[action] != n {
			t.Errorf("audit %s: %d events, want %d", action, seen[action], n)
		}
	}
}

func TestDocumentsSameDayStock(t *testing.T) { eachStore(t, testDocumentsSameDayStock) }

// testDocumentsSameDayStock: a sale takes the stock at the end of its
// day, as a warehouse sees it: goods received that morning can be sold,
// and two sales of the day cannot take the same units.
func testDocumentsSameDayStock(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant := w.actors["accountant"]
	an := analyticMaker(t, a, "a")
	supplier, customer := an(ledger.Counterparty, "SUP", 0), an(ledger.Counterparty, "CUST", 0)
	supCtr, custCtr := an(ledger.Contract, "SUP-1", supplier), an(ledger.Contract, "CUST-1", customer)
	rice, wh := an(ledger.Item, "RICE", 0), an(ledger.Warehouse, "WH", 0)
	day := ledger.DateOf(2025, 3, 4)
	post := func(d doc.Document) (ledger.Entry, error) {
		t.Helper()
		c, err := a.CreateDocument(ctx, accountant, "a", d)
		if err != nil {
			t.Fatal(err)
		}
		_, e, err := a.PostDocument(ctx, accountant, "a", c.ID, c.Version)
		return e, err
	}
	// 10 units for 1 000.00 net in the morning.
	if _, err := post(doc.Document{Type: doc.GoodsReceipt, Date: day, Refs: doc.Refs{Counterparty: supplier, Contract: supCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: rice}, Qty: 10000, Amount: 100000}}}); err != nil {
		t.Fatal(err)
	}
	sale := doc.Document{Type: doc.Waybill, Date: day, Refs: doc.Refs{Counterparty: customer, Contract: custCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: rice}, Qty: 6000, Price: 20000}}}
	// The first sale of the day takes 6 of the 10 received: 600.00.
	e, err := post(sale)
	if err != nil {
		t.Fatalf("a sale of goods received the same day: %v", err)
	}
	var cost money.Amount
	for _, p := range e.Postings {
		if p.Debit.Account == "90.02" {
			cost += p.Amount
		}
	}
	if cost != 60000 {
		t.Errorf("the cost of 6 of 10 units bought for 1 000.00 is %d, want 60000", cost)
	}
	// The second finds 4 left, not 10.
	if _, err := post(sale); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("a second sale of 6 of the 4 left that day: %v, want EInvalid", err)
	}
}
