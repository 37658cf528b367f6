package app_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestCashBook(t *testing.T) { eachStore(t, testCashBook) }

// testCashBook checks the sheets of the cash book against figures worked
// out by hand. Organisation a's cash:
//
//	2025-03-31  entry typed by hand   Dt 50.01 Kt 80      5 000,00
//	2025-04-01  KO-1 №1  from CUST    Dt 50.01 Kt 62.02   1 200,00
//	            KO-2 №1  to SUP       Dt 60.02 Kt 50.01     300,00
//	            KO-1 №2  from CUST    Dt 50.01 Kt 62.02      50,00  posted, unposted, posted again: once
//	            KO-2 №2  to EMP       Dt 71.01 Kt 50.01     100,00
//	                     and to SUP   Dt 60.02 Kt 50.01      40,00  (a second line)
//	            entry typed by hand   Dt 26 Kt 50.01         20,00
//	            KO-1 №3  from CUST    Dt 50.21 Kt 62.22     100,00 USD (at 3,50: 350,00)
//	            KO-1 №4  from CUST    Dt 50.21 Kt 62.22      10,00 EUR (at 3,80:  38,00)
//	2025-04-03  KO-1 №5  from CUST    Dt 50.01 Kt 62.02      10,00
//	            KO-2 №3  to SUP       Dt 60.22 Kt 50.21      30,00 USD (105,00)
//
// Nobody owes anything on these contracts: every payment to or from a
// counterparty is an advance (62.02, 60.02 and their currency twins).
//
// 50.01 on 04-01: opening 5 000,00, receipts 1 200,00 + 50,00 = 1 250,00,
// expenses 300,00 + 100,00 + 40,00 + 20,00 = 460,00, closing 5 790,00; its
// sheet is the second of the year (03-31 is the first). On 04-03: 5 790,00
// + 10,00 = 5 800,00, sheet 3. On 04-02 nothing moved: no sheet.
// 50.21 in USD on 04-03: opening 100,00 USD (350,00), expense 30,00 USD
// (105,00), closing 70,00 USD (245,00), the second USD sheet.
func testCashBook(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	an := analyticMaker(t, a, "a")
	cust, sup := an(ledger.Counterparty, "CUST", 0), an(ledger.Counterparty, "SUP", 0)
	custK, supK := an(ledger.Contract, "CUST-1", cust), an(ledger.Contract, "SUP-1", sup)
	emp, cf := an(ledger.Employee, "EMP", 0), an(ledger.CashFlowItem, "CF", 0)
	for cur, rate := range map[string]string{"USD": "3.5", "EUR": "3.8"} {
		if err := a.PutRate(ctx, app.System, "a", cur, ledger.DateOf(2025, 3, 1), money.MustRate(rate)); err != nil {
			t.Fatal(err)
		}
	}
	cash := ledger.Side{Account: "50.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf}}
	for _, p := range []ledger.Posting{
		{Debit: cash, Credit: ledger.Side{Account: "80"}, Amount: 5000_00},
		{Debit: ledger.Side{Account: "26"}, Credit: cash, Amount: 20_00},
	} {
		day := ledger.DateOf(2025, 3, 31)
		if p.Amount == 20_00 {
			day = ledger.DateOf(2025, 4, 1)
		}
		if _, err := a.Post(ctx, app.System, "a", ledger.Entry{Date: day, Description: "typed by hand", Postings: []ledger.Posting{p}}); err != nil {
			t.Fatal(err)
		}
	}
	fromCust := doc.Refs{Counterparty: cust, Contract: custK, CashFlow: cf}
	toSup := doc.Refs{Counterparty: sup, Contract: supK, CashFlow: cf}
	post := func(typ doc.Type, day int, refs doc.Refs, cur string, lines ...doc.Line) app.Document {
		t.Helper()
		x, err := a.CreateDocument(ctx, app.System, "a", doc.Document{Type: typ, Date: ledger.DateOf(2025, 4, day), Refs: refs, Currency: cur, Lines: lines})
		if err != nil {
			t.Fatal(err)
		}
		if x, _, err = a.PostDocument(ctx, app.System, "a", x.ID, x.Version); err != nil {
			t.Fatal(err)
		}
		return x
	}
	post(doc.CashReceipt, 1, fromCust, "", doc.Line{Amount: 1200_00})
	post(doc.CashExpense, 1, toSup, "", doc.Line{Amount: 300_00})
	again := post(doc.CashReceipt, 1, fromCust, "", doc.Line{Amount: 50_00})
	again, _, err := a.UnpostDocument(ctx, app.System, "a", again.ID, again.Version)
	if err == nil {
		_, _, err = a.PostDocument(ctx, app.System, "a", again.ID, again.Version)
	}
	if err != nil {
		t.Fatal(err)
	}
	post(doc.CashExpense, 1, doc.Refs{Counterparty: sup, Contract: supK, Employee: emp, CashFlow: cf}, "",
		doc.Line{Account: "71.01", Amount: 100_00}, doc.Line{Amount: 40_00})
	post(doc.CashReceipt, 1, fromCust, "USD", doc.Line{Amount: 100_00})
	post(doc.CashReceipt, 1, fromCust, "EUR", doc.Line{Amount: 10_00})
	post(doc.CashReceipt, 3, fromCust, "", doc.Line{Amount: 10_00})
	post(doc.CashExpense, 3, toSup, "USD", doc.Line{Amount: 30_00})

	viewer := w.actors["viewer"]
	book := func(account, cur string, day int) *app.CashBook {
		t.Helper()
		b, err := a.CashBook(ctx, viewer, "a", app.CashBookQuery{Account: ledger.AccountCode(account), Currency: cur, Date: ledger.DateOf(2025, 4, day)})
		if err != nil {
			t.Fatalf("cash book of %s %s on 04-%02d: %v", account, cur, day, err)
		}
		return b
	}
	type figures struct {
		sheet                                int
		opening, receipts, expenses, closing money.Amount
		base                                 [4]money.Amount
		prev, next                           ledger.Date
	}
	check := func(name string, b *app.CashBook, want figures) {
		t.Helper()
		got := figures{b.Sheet, b.Opening, b.Receipts, b.Expenses, b.Closing,
			[4]money.Amount{b.OpeningBase, b.ReceiptsBase, b.ExpensesBase, b.ClosingBase}, b.Prev, b.Next}
		if got != want {
			t.Errorf("%s:\n got  %+v\n want %+v", name, got, want)
		}
	}
	d := func(m, day int) ledger.Date { return ledger.DateOf(2025, time.Month(m), day) }
	b := book("50.01", "", 1)
	check("50.01 on 04-01", b, figures{2, 5000_00, 1250_00, 460_00, 5790_00, [4]money.Amount{5000_00, 1250_00, 460_00, 5790_00}, d(3, 31), d(4, 3)})
	type row struct {
		doc     string
		number  int64
		counter ledger.AccountCode
		receipt bool
		amount  money.Amount
	}
	var rows []row
	for _, l := range b.Lines {
		rows = append(rows, row{l.Document, l.Number, l.Counter, l.Receipt, l.Amount})
		if l.Document != "" && (l.DocID == 0 || l.Analytic == 0) {
			t.Errorf("line of %s: document %d, analytic %d", l.Document, l.DocID, l.Analytic)
		}
	}
	want := []row{ // in the order they were posted
		{"", 0, "26", false, 20_00},
		{"cash_receipt/2025/1", 1, "62.02", true, 1200_00},
		{"cash_expense/2025/1", 1, "60.02", false, 300_00},
		{"cash_receipt/2025/2", 2, "62.02", true, 50_00},
		{"cash_expense/2025/2", 2, "71.01", false, 100_00},
		{"cash_expense/2025/2", 2, "60.02", false, 40_00},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("50.01 on 04-01:\n got  %+v\n want %+v", rows, want)
	}
	if b.ReceiptOrders != 2 || b.ExpenseOrders != 2 {
		t.Errorf("50.01 on 04-01: %d receipt and %d expense orders, want 2 and 2", b.ReceiptOrders, b.ExpenseOrders)
	}
	if l := b.Lines[0]; l.Description != "typed by hand" || l.Year != 2025 || l.EntryNumber == 0 {
		t.Errorf("the entry typed by hand: %+v", l)
	}
	check("50.01 on 04-03", book("50.01", "", 3), figures{3, 5790_00, 10_00, 0, 5800_00, [4]money.Amount{5790_00, 10_00, 0, 5800_00}, d(4, 1), ledger.NoDate})
	if b := book("50.01", "", 2); b.Sheet != 0 || len(b.Lines) != 0 || b.Opening != 5790_00 || b.Closing != 5790_00 {
		t.Errorf("50.01 on 04-02, a day without cash: sheet %d, %d lines, %d to %d", b.Sheet, len(b.Lines), b.Opening, b.Closing)
	}
	usd := book("50.21", "usd", 3)
	check("50.21 USD on 04-03", usd, figures{2, 100_00, 0, 30_00, 70_00, [4]money.Amount{350_00, 0, 105_00, 245_00}, d(4, 1), ledger.NoDate})
	if usd.Currency.Code != "USD" || !usd.Foreign || !slices.Equal(usd.Currencies, []string{"EUR", "USD"}) || len(usd.Lines) != 1 || usd.Lines[0].Base != 105_00 {
		t.Errorf("50.21 USD on 04-03: %s %v %v %+v", usd.Currency.Code, usd.Foreign, usd.Currencies, usd.Lines)
	}
	eur := book("50.21", "", 1) // the first currency of the year
	check("50.21 EUR on 04-01", eur, figures{1, 0, 10_00, 0, 10_00, [4]money.Amount{0, 38_00, 0, 38_00}, ledger.NoDate, ledger.NoDate})
	if eur.Currency.Code != "EUR" {
		t.Errorf("50.21 without a currency: the book of %s, want EUR", eur.Currency.Code)
	}

	for _, c := range []struct {
		who          app.Actor
		account, cur string
		want         ledger.Code
		date         ledger.Date
	}{
		{w.actors["foreign"], "50.01", "", ledger.ENotFound, d(4, 1)},
		{w.actors["anonymous"], "50.01", "", ledger.EUnauthorized, d(4, 1)},
		{viewer, "50", "", ledger.EInvalid, d(4, 1)},
		{viewer, "50.77", "", ledger.ENotFound, d(4, 1)},
		{viewer, "50.01", "USD", ledger.EInvalid, d(4, 1)},
		{viewer, "50.21", "TMT", ledger.EInvalid, d(4, 1)},
		{viewer, "50.21", "XYZ", ledger.EInvalid, d(4, 1)},
		{viewer, "50.21", "", ledger.EInvalid, ledger.DateOf(2024, 4, 1)}, // no currency moved that year
		{viewer, "50.01", "", ledger.EInvalid, ledger.NoDate},
	} {
		_, err := a.CashBook(ctx, c.who, "a", app.CashBookQuery{Account: ledger.AccountCode(c.account), Currency: c.cur, Date: c.date})
		if !ledger.IsCode(err, c.want) {
			t.Errorf("cash book of %s %q on %s: %v, want %s", c.account, c.cur, c.date, err, c.want)
		}
	}
	// Organisation b's cash book sees none of a's cash.
	if b, err := a.CashBook(ctx, w.actors["foreign"], "b", app.CashBookQuery{Account: "50.01", Date: d(4, 1)}); err != nil || len(b.Lines) != 0 || b.Closing != 0 || b.Sheet != 0 {
		t.Errorf("b's cash book: %v, %+v", err, b)
	}
}
