package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/store"
)

func TestCreateAndPostDocument(t *testing.T) { eachStore(t, testCreateAndPostDocument) }

// testCreateAndPostDocument: a document drafted and posted at once is
// numbered, posted and audited in one transaction; one its rule refuses
// leaves no draft and no number used; roles that may not post, and other
// tenants, change nothing.
func testCreateAndPostDocument(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer, foreign := w.actors["accountant"], w.actors["viewer"], w.actors["foreign"]
	an := analyticMaker(t, a, "a")
	supplier, customer := an(ledger.Counterparty, "SUP", 0), an(ledger.Counterparty, "CUST", 0)
	supCtr, custCtr := an(ledger.Contract, "SUP-1", supplier), an(ledger.Contract, "CUST-1", customer)
	tea, wh := an(ledger.Item, "TEA", 0), an(ledger.Warehouse, "WH", 0)
	day := ledger.DateOf(2025, 5, 6)
	receipt := doc.Document{Type: doc.GoodsReceipt, Date: day, Refs: doc.Refs{Counterparty: supplier, Contract: supCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: tea}, Qty: 4000, Amount: 80000}}} // 4 units for 800.00 + VAT 120.00
	sale := doc.Document{Type: doc.Waybill, Date: day + 1, Refs: doc.Refs{Counterparty: customer, Contract: custCtr, Warehouse: wh},
		Lines: []doc.Line{{Refs: doc.Refs{Item: tea}, Qty: 3000, Price: 30000}}}

	for who, want := range map[string]ledger.Code{"clerk": ledger.EForbidden, "viewer": ledger.EForbidden, "foreign": ledger.ENotFound} {
		if _, _, err := a.CreateAndPostDocument(ctx, w.actors[who], "a", receipt); !ledger.IsCode(err, want) {
			t.Errorf("%s drafts and posts: %v, want %s", who, err, want)
		}
	}
	// A sale of goods not yet received is refused whole: no draft, no number.
	if _, _, err := a.CreateAndPostDocument(ctx, accountant, "a", sale); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("a sale with nothing in stock: %v, want EInvalid", err)
	}
	if list, err := a.ListDocuments(ctx, viewer, "a", store.DocumentFilter{From: ledger.NoDate, To: ledger.NoDate}); err != nil || len(list) != 0 {
		t.Fatalf("after refusals the organisation keeps %d documents (%v), want none", len(list), err)
	}

	got, e, err := a.CreateAndPostDocument(ctx, accountant, "a", receipt)
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != 1 || got.Year != 2025 || got.Status != doc.Posted || got.Entry != e.Seq || e.Document != "goods_receipt/2025/1" || got.Author != email("accountant") {
		t.Fatalf("posted receipt № %d/%d %s, entry %d (posted %d %q) by %q", got.Year, got.Number, got.Status, got.Entry, e.Seq, e.Document, got.Author)
	}
	stored, err := a.GetDocument(ctx, viewer, "a", got.ID)
	if err != nil || stored.Status != doc.Posted || stored.Entry != e.Seq || stored.Version != got.Version {
		t.Fatalf("the stored receipt: %+v (%v)", stored, err)
	}
	if _, err := a.GetDocument(ctx, foreign, "a", got.ID); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("another tenant reads it: %v, want ENotFound", err)
	}
	sold, e, err := a.CreateAndPostDocument(ctx, accountant, "a", sale)
	if err != nil {
		t.Fatal(err)
	}
	// The sale is waybill № 1, not 2: the refused one used no number. Its
	// cost is 3 of the 4 units bought for 800.00: 600.00.
	var cost int64
	for _, p := range e.Postings {
		if p.Debit.Account == "90.02" {
			cost += int64(p.Amount)
		}
	}
	if sold.Number != 1 || cost != 60000 {
		t.Errorf("the sale: № %d with cost %d, want № 1 and 60000", sold.Number, cost)
	}
	// It unposts as any posted document does.
	if _, _, err := a.UnpostDocument(ctx, accountant, "a", sold.ID, sold.Version); err != nil {
		t.Fatalf("unposting a document posted at once: %v", err)
	}
	if res, err := a.Verify(ctx, app.System, "a", nil); err != nil {
		t.Fatalf("verify: %v (%+v)", err, res)
	}
	events, err := a.Audit(ctx, app.System, "a", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, ev := range events {
		seen[ev.Action]++
	}
	for action, n := range map[string]int{app.ActDocCreate: 2, app.ActDocPost: 2, app.ActDocUnpost: 1} {
		if seen[action] != n {
			t.Errorf("audit %s: %d events, want %d", action, seen[action], n)
		}
	}
}
