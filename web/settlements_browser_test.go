package web_test

import (
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserSettlements drives chromium through a customer's settlements
// as a viewer reading in Russian: the list of counterparties, the
// customer's open items (one act part paid by a payment created from it,
// one unpaid), and its reconciliation act for February from the page's
// form. HASAP_SCREENSHOTS=1 saves docs/screenshots/settlements.png,
// settlement.png and reconciliation-act.png. Skipped without chromium.
func TestBrowserSettlements(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "trade", "aman@trade.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Bereket Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	cust := an(ledger.Counterparty, "C01", ledger.Names{TK: "Täze Bazar HK", RU: "ХК «Тязе Базар»"}, 0)
	k7 := an(ledger.Contract, "C01/7", ledger.Names{RU: "Договор оказания услуг № 7"}, cust)
	sup := an(ledger.Counterparty, "P01", ledger.Names{TK: "Ak Bugdaý HJ", RU: "ХО «Ак Бугдай»"}, 0)
	p25 := an(ledger.Contract, "P01/25", ledger.Names{RU: "Договор поставки № 25"}, sup)
	cf := an(ledger.CashFlowItem, "CF1", ledger.Names{RU: "Расчёты с контрагентами"}, 0)
	addMember(t, ctx, a, org, email, "Aman Orazow", auth.Viewer)
	post := func(d doc.Document) int64 {
		t.Helper()
		x, err := a.CreateDocument(ctx, app.System, org, d)
		if err == nil {
			x, _, err = a.PostDocument(ctx, app.System, org, x.ID, x.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	day := func(d int) ledger.Date { return ledger.DateOf(2026, 2, d) }
	act1 := post(doc.Document{Type: doc.Act, Date: day(2), Refs: doc.Refs{Counterparty: cust, Contract: k7}, Lines: []doc.Line{{Service: true, Amount: 120000}}})
	post(doc.Document{Type: doc.Act, Date: day(9), Refs: doc.Refs{Counterparty: cust, Contract: k7}, Lines: []doc.Line{{Service: true, Amount: 50000}}})
	post(doc.Document{Type: doc.PaymentIn, Date: day(12), BasedOn: act1, Refs: doc.Refs{Counterparty: cust, Contract: k7, CashFlow: cf},
		Lines: []doc.Line{{Amount: 100000}}})
	bill := post(doc.Document{Type: doc.SupplierInvoice, Date: day(4), Refs: doc.Refs{Counterparty: sup, Contract: p25}, Lines: []doc.Line{{Service: true, Amount: 80000}}})
	post(doc.Document{Type: doc.PaymentOut, Date: day(5), BasedOn: bill, Refs: doc.Refs{Counterparty: sup, Contract: p25, CashFlow: cf},
		Lines: []doc.Line{{Amount: 100000}}})

	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)
	b.navigate("/o/trade/settlements")
	b.see("main h1", "Расчёты с контрагентами")
	// 1 380,00 + 575,00 − 1 000,00 = 955,00 owed by the customer; 1 000,00
	// paid to the supplier for 920,00: 80,00 in advance.
	b.see("table.settlements tbody", "ХК «Тязе Базар»", "955,00", "ХО «Ак Бугдай»", "80,00")
	b.shot("settlements")
	b.click(`table.settlements a[href$="/settlements/1"]`)
	b.see("main h1", "ХК «Тязе Базар»")
	b.see("table.open-items", "Акт выполненных работ № 1", "380,00", "Акт выполненных работ № 2", "575,00")
	b.see("table#balance", "955,00")
	b.setValue(`#act-form input[name="from"]`, "01.02.2026")
	b.setValue(`#act-form input[name="to"]`, "28.02.2026")
	b.shot("settlement")
	b.click(`#act-form button:not([formaction])`)
	b.seeURL(`/o/trade/settlements/1/act/print\?`)
	b.see("body", "Акт сверки взаимных расчётов", "ХК «Тязе Базар»", "1 380,00", "575,00", "1 000,00", "955,00",
		"в пользу Bereket Söwda HJ")
	b.shot("reconciliation-act")
	b.noPageErrors()
}
