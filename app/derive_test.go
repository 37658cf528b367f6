package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
)

func TestDeriveDocument(t *testing.T) { eachStore(t, testDeriveDocument) }

// testDeriveDocument: a clerk drafts an order (which does not post) and
// creates an invoice and payments from it; the documents based on it are
// listed; keys make a derive once; roles and tenants are kept apart; a
// post's key is kept with its request.
func testDeriveDocument(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	clerk, accountant, viewer, foreign := w.actors["clerk"], w.actors["accountant"], w.actors["viewer"], w.actors["foreign"]
	order, err := a.CreateDocument(ctx, clerk, "a", orderDoc())
	if err != nil {
		t.Fatal(err)
	}
	if order.Number != 1 || order.Type != doc.Order {
		t.Fatalf("the order: %s № %d", order.Type, order.Number)
	}
	if _, _, err := a.PostDocument(ctx, accountant, "a", order.ID, order.Version); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("post an order: %v, want EInvalid", err)
	}
	if _, err := a.DeriveDocument(ctx, viewer, "a", "", order.ID, doc.SalesInvoice, ledger.NoDate); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a viewer derives: %v", err)
	}
	if _, err := a.DeriveDocument(ctx, foreign, "a", "", order.ID, doc.SalesInvoice, ledger.NoDate); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another organisation's user derives: %v", err)
	}
	// Organisation b's owner cannot reach a's order through b either.
	if _, err := a.DeriveDocument(ctx, foreign, "b", "", order.ID, doc.SalesInvoice, ledger.NoDate); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("derive a's order in b: %v", err)
	}
	inv, err := a.DeriveDocument(ctx, clerk, "a", "form-1", order.ID, doc.SalesInvoice, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if inv.Type != doc.SalesInvoice || inv.BasedOn != order.ID || inv.Status != doc.Draft || inv.Number != 1 ||
		inv.Date != ledger.DateOf(2025, 3, 1) || len(inv.Lines) != 1 || inv.Lines[0].Amount != 10000 || inv.Author != email("clerk") {
		t.Fatalf("the invoice: %+v", inv)
	}
	again, err := a.DeriveDocument(ctx, clerk, "a", "form-1", order.ID, doc.SalesInvoice, ledger.NoDate)
	if err != nil || again.ID != inv.ID {
		t.Fatalf("the same key again: %v, id %d, want %d", err, again.ID, inv.ID)
	}
	if _, err := a.DeriveDocument(ctx, clerk, "a", "form-1", order.ID, doc.Act, ledger.NoDate); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("the key for another document: %v", err)
	}
	if _, err := a.DeriveDocument(ctx, clerk, "a", "", order.ID, doc.SupplierInvoice, ledger.NoDate); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("an order to a supplier invoice: %v", err)
	}
	pay, err := a.DeriveDocument(ctx, clerk, "a", "", inv.ID, doc.PaymentIn, ledger.DateOf(2025, 3, 4))
	if err != nil || len(pay.Lines) != 1 || pay.Lines[0].Amount != 11500 || pay.BasedOn != inv.ID || pay.Date != ledger.DateOf(2025, 3, 4) {
		t.Fatalf("the payment: %+v, %v", pay, err)
	}
	// Paid in full: no second payment, until the first is cancelled.
	if _, err := a.DeriveDocument(ctx, clerk, "a", "", inv.ID, doc.CashReceipt, ledger.NoDate); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("a second payment of a paid invoice: %v", err)
	}
	pay.Status = doc.Cancelled
	if _, err := a.SaveDocument(ctx, clerk, "a", pay); err != nil {
		t.Fatal(err)
	}
	if cash, err := a.DeriveDocument(ctx, clerk, "a", "", inv.ID, doc.CashReceipt, ledger.NoDate); err != nil || cash.Lines[0].Amount != 11500 {
		t.Fatalf("a payment after the first was cancelled: %+v, %v", cash, err)
	}
	based, err := a.DocumentsBasedOn(ctx, viewer, "a", order.ID)
	if err != nil || len(based) != 1 || based[0].ID != inv.ID {
		t.Fatalf("documents based on the order: %v, %v", based, err)
	}
	if based, err := a.DocumentsBasedOn(ctx, foreign, "b", order.ID); err != nil || len(based) != 0 {
		t.Fatalf("documents based on a's order, seen from b: %v, %v", based, err)
	}
	if !hasAction(auditActions(t, a, "a"), "document.create sales_invoice/2025/1") {
		t.Errorf("the derived draft is not audited: %v", auditActions(t, a, "a"))
	}

	// A post's key is kept with its request.
	x, err := a.CreateDocument(ctx, clerk, "a", manualDoc(w))
	if err != nil {
		t.Fatal(err)
	}
	y, err := a.CreateDocument(ctx, clerk, "a", manualDoc(w))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.PostDocumentOnce(ctx, accountant, "a", "k1", x.ID, x.Version); err != nil {
		t.Fatal(err)
	}
	if k, err := a.DocumentTransitionKey(ctx, viewer, "a", "k1"); err != nil || k.Document != x.ID || k.Version != x.Version || k.Unpost {
		t.Fatalf("the key: %+v, %v", k, err)
	}
	if _, _, err := a.PostDocumentOnce(ctx, accountant, "a", "k1", y.ID, y.Version); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("the key for another document: %v", err)
	}
	if got, _ := a.GetDocument(ctx, viewer, "a", y.ID); got.Status != doc.Draft {
		t.Fatalf("after a refused key the document is %s", got.Status)
	}
	if _, err := a.DocumentTransitionKey(ctx, foreign, "b", "k1"); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("a's key seen from b: %v", err)
	}
}
