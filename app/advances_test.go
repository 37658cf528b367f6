package app_test

import (
	"context"
	"fmt"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestAdvances(t *testing.T) { eachStore(t, testAdvances) }

// testAdvances: a customer pays before the invoice, and the invoice offsets
// the advance; a payment on the invoice's day settles it and the rest is an
// advance; unposting and reposting in between gives the same split; a
// supplier paid in advance is offset by its invoice. The balances of the
// settlement accounts the documents read come from both databases.
func testAdvances(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	clerk, accountant := w.actors["clerk"], w.actors["accountant"]
	an := analyticMaker(t, a, "a")
	customer, supplier := an(ledger.Counterparty, "CUST", 0), an(ledger.Counterparty, "SUP", 0)
	custCtr, otherCtr, supCtr := an(ledger.Contract, "CUST-1", customer), an(ledger.Contract, "CUST-2", customer), an(ledger.Contract, "SUP-1", supplier)
	cf := an(ledger.CashFlowItem, "CF", 0)
	feb := func(day int) ledger.Date { return ledger.DateOf(2025, 2, day) }
	cust := doc.Refs{Counterparty: customer, Contract: custCtr, CashFlow: cf}
	post := func(d doc.Document) (app.Document, ledger.Entry) {
		t.Helper()
		created, err := a.CreateDocument(ctx, clerk, "a", d)
		if err != nil {
			t.Fatal(err)
		}
		posted, e, err := a.PostDocument(ctx, accountant, "a", created.ID, created.Version)
		if err != nil {
			t.Fatalf("post %s: %v", created.Ref(), err)
		}
		return posted, e
	}
	// moves lists an entry's postings as "Dt 62.02 Kt 62.01 1150.00".
	moves := func(e ledger.Entry) []string {
		var out []string
		for _, p := range e.Postings {
			out = append(out, fmt.Sprintf("Dt %s Kt %s %s", p.Debit.Account, p.Credit.Account, money.Decimal(p.Amount, 2)))
		}
		return out
	}
	same := func(what string, got []string, want ...string) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s:\n got  %q\n want %q", what, got, want)
		}
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
	balances := func(when string, want map[ledger.AccountCode]string) {
		t.Helper()
		for code, s := range want {
			if got := balance(code); money.Decimal(got, 2) != s {
				t.Errorf("%s: %s = %s, want %s", when, code, money.Decimal(got, 2), s)
			}
		}
	}

	// 3 February: 1 150.00 comes in before any invoice: all of it an advance.
	_, e := post(doc.Document{Type: doc.PaymentIn, Date: feb(3), Refs: cust, Lines: []doc.Line{{Amount: 115000}}})
	same("the payment before the invoice", moves(e), "Dt 51 Kt 62.02 1150.00")
	// An advance on another contract of the same customer is not this one's.
	other := cust
	other.Contract = otherCtr
	post(doc.Document{Type: doc.CashReceipt, Date: feb(3), Refs: other, Lines: []doc.Line{{Amount: 10000}}})

	// 4 February: the invoice, 1 000.00 + VAT 150.00, offsets the advance.
	sell := doc.Document{Type: doc.Act, Date: feb(4), Refs: cust, Lines: []doc.Line{{Service: true, Amount: 100000}}}
	sold, e := post(sell)
	same("the invoice", moves(e), "Dt 62.01 Kt 90.01 1150.00", "Dt 90.03 Kt 68.02 150.00", "Dt 62.02 Kt 62.01 1150.00")
	balances("after the invoice", map[ledger.AccountCode]string{"62.01": "0.00", "62.02": "-100.00", "51": "1150.00"})

	// Unposted, the advance is back; posted again, the invoice reads the
	// books without its own first entry (cancelled by the storno) and
	// offsets the same.
	sold, _, err := a.UnpostDocument(ctx, accountant, "a", sold.ID, sold.Version)
	if err != nil {
		t.Fatal(err)
	}
	balances("after unposting the invoice", map[ledger.AccountCode]string{"62.01": "0.00", "62.02": "-1250.00"})
	if _, e, err = a.PostDocument(ctx, accountant, "a", sold.ID, sold.Version); err != nil {
		t.Fatal(err)
	}
	same("the invoice posted again", moves(e), "Dt 62.01 Kt 90.01 1150.00", "Dt 90.03 Kt 68.02 150.00", "Dt 62.02 Kt 62.01 1150.00")

	// 5 February: an invoice of 2 300.00 with no advance left, then on the
	// same day a payment of 3 000.00: 2 300.00 settles it, 700.00 is an
	// advance. Unposted and posted again, the payment splits the same.
	sell.Date, sell.Lines[0].Amount = feb(5), 200000
	_, e = post(sell)
	same("the second invoice", moves(e), "Dt 62.01 Kt 90.01 2300.00", "Dt 90.03 Kt 68.02 300.00")
	paid, e := post(doc.Document{Type: doc.PaymentIn, Date: feb(5), Refs: cust, Lines: []doc.Line{{Amount: 300000}}})
	same("the payment on the invoice's day", moves(e), "Dt 51 Kt 62.01 2300.00", "Dt 51 Kt 62.02 700.00")
	paid, _, err = a.UnpostDocument(ctx, accountant, "a", paid.ID, paid.Version)
	if err != nil {
		t.Fatal(err)
	}
	balances("after unposting the payment", map[ledger.AccountCode]string{"62.01": "2300.00", "62.02": "-100.00"})
	if _, e, err = a.PostDocument(ctx, accountant, "a", paid.ID, paid.Version); err != nil {
		t.Fatal(err)
	}
	same("the payment posted again", moves(e), "Dt 51 Kt 62.01 2300.00", "Dt 51 Kt 62.02 700.00")
	balances("after the payments", map[ledger.AccountCode]string{"62.01": "0.00", "62.02": "-800.00", "51": "4150.00", "50.01": "100.00"})

	// The supplier's side: 500.00 paid before its invoice of 1 150.00.
	sup := doc.Refs{Counterparty: supplier, Contract: supCtr, CashFlow: cf}
	_, e = post(doc.Document{Type: doc.PaymentOut, Date: feb(6), Refs: sup, Lines: []doc.Line{{Amount: 50000}}})
	same("the payment to the supplier", moves(e), "Dt 60.02 Kt 51 500.00")
	_, e = post(doc.Document{Type: doc.SupplierInvoice, Date: feb(7), Refs: sup, Lines: []doc.Line{{Account: "26", Service: true, Amount: 100000}}})
	same("the supplier's invoice", moves(e), "Dt 26 Kt 60.01 1000.00", "Dt 19.04 Kt 60.01 150.00", "Dt 68.02 Kt 19.04 150.00", "Dt 60.01 Kt 60.02 500.00")
	balances("after the supplier's invoice", map[ledger.AccountCode]string{"60.01": "-650.00", "60.02": "0.00"})

	if res, err := a.Verify(ctx, app.System, "a", nil); err != nil {
		t.Fatalf("verify: %v (%+v)", err, res)
	}
}
