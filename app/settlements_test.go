package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/settle"
)

func TestSettlements(t *testing.T) { eachStore(t, testSettlements) }

// testSettlements posts a month of a customer and a supplier through
// documents and checks the open items, the balances and the acts against
// figures worked by hand (VAT 15 % on top of each act and supplier invoice):
//
//	customer CUST, contract K1:
//	  act 1       3 Feb  1 000.00 + 150.00 = 1 150.00   Dt 62.01
//	  act 2       5 Feb  2 000.00 + 300.00 = 2 300.00   Dt 62.01
//	  payment 1  10 Feb  1 000.00, created from act 2    Kt 62.01: act 2 open 1 300.00
//	  payment 3  15 Feb  2 000.00, from nothing          Kt 62.01: act 1 paid (1 150.00), act 2 850.00 more: open 450.00
//	customer CUST, contract K2:
//	  payment 2  12 Feb    500.00, nothing sold on K2    advance received 500.00
//	supplier SUP, contract S1:
//	  supplier invoice 4 Feb  400.00 + 60.00 = 460.00   Kt 60.01
//	  payment out      6 Feb  500.00, created from it   advance paid 40.00
//
// CUST: receivable 450.00, advances received 500.00, net −50.00 (we owe).
// Its act for February: debit 3 450.00, credit 3 500.00, closing −50.00;
// from 11 February: opening 2 450.00, credit 2 500.00, closing −50.00; for
// K1 alone: closing 450.00.
func testSettlements(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer, foreign := w.actors["accountant"], w.actors["viewer"], w.actors["foreign"]
	an := func(org string, kind ledger.AnalyticKind, code string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{RU: code}, Owner: owner}
		if err := a.CreateAnalytic(ctx, app.System, org, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	cust, sup := an("a", ledger.Counterparty, "CUST", 0), an("a", ledger.Counterparty, "SUP", 0)
	k1, k2, s1 := an("a", ledger.Contract, "K1", cust), an("a", ledger.Contract, "K2", cust), an("a", ledger.Contract, "S1", sup)
	cf := an("a", ledger.CashFlowItem, "CF", 0)
	day := func(d int) ledger.Date { return ledger.DateOf(2025, 2, d) }
	post := func(d doc.Document) app.Document {
		t.Helper()
		made, err := a.CreateDocument(ctx, accountant, "a", d)
		if err != nil {
			t.Fatal(err)
		}
		made, _, err = a.PostDocument(ctx, accountant, "a", made.ID, made.Version)
		if err != nil {
			t.Fatalf("post %s: %v", made.Ref(), err)
		}
		return made
	}
	service := func(net money.Amount) []doc.Line { return []doc.Line{{Service: true, Amount: net}} }
	pay := func(typ doc.Type, d int, cp, k ledger.AnalyticID, amount money.Amount, basedOn int64) app.Document {
		return post(doc.Document{Type: typ, Date: day(d), Refs: doc.Refs{Counterparty: cp, Contract: k, CashFlow: cf},
			BasedOn: basedOn, Lines: []doc.Line{{Amount: amount}}})
	}
	act1 := post(doc.Document{Type: doc.Act, Date: day(3), Refs: doc.Refs{Counterparty: cust, Contract: k1}, Lines: service(100000)})
	bill := post(doc.Document{Type: doc.SupplierInvoice, Date: day(4), Refs: doc.Refs{Counterparty: sup, Contract: s1}, Lines: service(40000)})
	act2 := post(doc.Document{Type: doc.Act, Date: day(5), Refs: doc.Refs{Counterparty: cust, Contract: k1}, Lines: service(200000)})
	payOut := pay(doc.PaymentOut, 6, sup, s1, 50000, bill.ID)
	pay1 := pay(doc.PaymentIn, 10, cust, k1, 100000, act2.ID)
	pay2 := pay(doc.PaymentIn, 12, cust, k2, 50000, 0)
	pay3 := pay(doc.PaymentIn, 15, cust, k1, 200000, 0)

	s, err := a.OpenItems(ctx, viewer, "a", cust, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range s.Items {
		got = append(got, fmt.Sprintf("%s %s %d/%d", it.Ref, s.Contracts[it.Contract].Code, it.Amount, it.Open))
	}
	want := []string{"act/2025/1 K1 115000/0", "act/2025/2 K1 230000/45000", "payment_in/2025/1 K1 100000/0",
		"payment_in/2025/3 K1 200000/0", "payment_in/2025/2 K2 50000/50000"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("items of CUST:\n got  %s\n want %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
	if (s.Balance != settle.Balance{Receivable: 45000, AdvancesReceived: 50000}) {
		t.Errorf("balance of CUST %+v", s.Balance)
	}
	// The payment created from act 2 paid act 2, not the older act 1.
	for _, m := range s.Matches {
		if s.Items[m.Credit].DocID == pay1.ID && (s.Items[m.Debit].DocID != act2.ID || m.Amount != 100000) {
			t.Errorf("payment 1 settled %s with %d", s.Items[m.Debit].Ref, m.Amount)
		}
	}
	if d := s.Documents[pay3.ID]; d.Ref() != "payment_in/2025/3" || s.Documents[pay1.ID].BasedOn != act2.ID || s.Documents[act1.ID].ID != act1.ID {
		t.Errorf("documents of the items: %+v", s.Documents)
	}
	only, err := a.OpenItems(ctx, viewer, "a", cust, k2)
	if err != nil {
		t.Fatal(err)
	}
	if len(only.Items) != 1 || only.Items[0].DocID != pay2.ID || only.Items[0].Kind() != settle.AdvanceReceived {
		t.Errorf("open items of K2: %+v", only.Items)
	}
	sups, err := a.OpenItems(ctx, viewer, "a", sup, 0)
	if err != nil {
		t.Fatal(err)
	}
	if (sups.Balance != settle.Balance{AdvancesPaid: 4000}) || len(sups.Open()) != 1 || sups.Open()[0].DocID != payOut.ID {
		t.Errorf("SUP: %+v, open %+v", sups.Balance, sups.Open())
	}

	// The balances from the totals are the open items' sums.
	bals, err := a.CounterpartyBalances(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(bals) != 2 || bals[0].Counterparty.Code != "CUST" || bals[0].Balance != s.Balance ||
		bals[1].Counterparty.Code != "SUP" || bals[1].Balance != sups.Balance {
		t.Errorf("balances %+v", bals)
	}

	// The acts.
	act, err := a.Reconciliation(ctx, viewer, "a", cust, 0, day(1), day(28))
	if err != nil {
		t.Fatal(err)
	}
	if act.Opening != 0 || act.Debit != 345000 || act.Credit != 350000 || act.Closing != -5000 || len(act.Lines) != 5 {
		t.Errorf("February act: opening %d debit %d credit %d closing %d, %d lines", act.Opening, act.Debit, act.Credit, act.Closing, len(act.Lines))
	}
	if l := act.Lines[2]; l.DocID != pay1.ID || l.Credit != 100000 || l.Debit != 0 || act.Documents[l.DocID].Number != 1 {
		t.Errorf("third line %+v", l)
	}
	act, err = a.Reconciliation(ctx, viewer, "a", cust, 0, day(11), day(28))
	if err != nil {
		t.Fatal(err)
	}
	if act.Opening != 245000 || act.Debit != 0 || act.Credit != 250000 || act.Closing != -5000 {
		t.Errorf("act from 11 Feb: opening %d debit %d credit %d closing %d", act.Opening, act.Debit, act.Credit, act.Closing)
	}
	act, err = a.Reconciliation(ctx, viewer, "a", cust, k1, day(1), day(28))
	if err != nil {
		t.Fatal(err)
	}
	if act.Closing != 45000 || act.Contract.Code != "K1" {
		t.Errorf("act of K1: closing %d, contract %q", act.Closing, act.Contract.Code)
	}

	// Unposting payment 3 opens act 1 again (and all of act 2's 1 300.00).
	if _, _, err := a.UnpostDocument(ctx, accountant, "a", pay3.ID, pay3.Version); err != nil {
		t.Fatal(err)
	}
	s, err = a.OpenItems(ctx, viewer, "a", cust, k1)
	if err != nil {
		t.Fatal(err)
	}
	if (s.Balance != settle.Balance{Receivable: 245000}) || len(s.Open()) != 2 || s.Open()[0].Open != 115000 || s.Open()[1].Open != 130000 {
		t.Errorf("after unposting payment 3: %+v, open %+v", s.Balance, s.Open())
	}

	// Bad requests and other tenants.
	if _, err := a.OpenItems(ctx, foreign, "a", cust, 0); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("another tenant's user: %v", err)
	}
	if _, err := a.OpenItems(ctx, w.actors["anonymous"], "a", cust, 0); !ledger.IsCode(err, ledger.EUnauthorized) {
		t.Errorf("anonymous: %v", err)
	}
	if _, err := a.OpenItems(ctx, viewer, "a", 999999, 0); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("a counterparty that does not exist: %v", err)
	}
	if _, err := a.OpenItems(ctx, viewer, "a", k1, 0); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("a contract as counterparty: %v", err)
	}
	if _, err := a.OpenItems(ctx, viewer, "a", cust, s1); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("another counterparty's contract: %v", err)
	}
	if _, err := a.CounterpartyBalances(ctx, foreign, "a"); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("balances for another tenant: %v", err)
	}
	for _, p := range [][2]ledger.Date{{day(2), day(1)}, {ledger.NoDate, day(1)}, {day(1), day(1) + app.MaxActDays + 1}} {
		if _, err := a.Reconciliation(ctx, viewer, "a", cust, 0, p[0], p[1]); !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("act for %s..%s: %v", p[0], p[1], err)
		}
	}
	if bs, err := a.CounterpartyBalances(ctx, foreign, "b"); err != nil || len(bs) != 0 {
		t.Errorf("b's balances: %+v, %v", bs, err)
	}
}

func TestSettlementsLeaveOutAdvanceVAT(t *testing.T) { eachStore(t, testSettlementsLeaveOutAdvanceVAT) }

// testSettlementsLeaveOutAdvanceVAT: the VAT on an advance received (Dt
// 76.AV Kt 68.02, as the payment rule posts it with VAT on advances on)
// keeps the customer's analytics, yet it is owed to the budget, not by the
// customer: the customer's settlements show the advance of 750.00 and no
// receivable of 97.83.
func testSettlementsLeaveOutAdvanceVAT(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	viewer := w.actors["viewer"]
	an := analyticMaker(t, a, "a")
	cust := an(ledger.Counterparty, "CUST", 0)
	k := an(ledger.Contract, "K", cust)
	cf := an(ledger.CashFlowItem, "CF", 0)
	cp := [ledger.MaxAnalytics]ledger.AnalyticID{cust, k}
	e := ledger.Entry{Date: ledger.DateOf(2025, 2, 3), Description: "advance with its VAT", Postings: []ledger.Posting{
		{Debit: ledger.Side{Account: "51", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf}}, Credit: ledger.Side{Account: "62.02", Analytics: cp}, Amount: 750_00},
		{Debit: ledger.Side{Account: "76.AV", Analytics: cp}, Credit: ledger.Side{Account: "68.02"}, Amount: 97_83},
	}}
	if _, err := a.Post(ctx, app.System, "a", e); err != nil {
		t.Fatal(err)
	}
	s, err := a.OpenItems(ctx, viewer, "a", cust, 0)
	if err != nil {
		t.Fatal(err)
	}
	if (s.Balance != settle.Balance{AdvancesReceived: 750_00}) {
		t.Errorf("balance of CUST %+v, want only the advance of 750.00", s.Balance)
	}
	bals, err := a.CounterpartyBalances(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(bals) != 1 || (bals[0].Balance != settle.Balance{AdvancesReceived: 750_00}) {
		t.Errorf("balances %+v", bals)
	}
}
