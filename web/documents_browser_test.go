package web_test

import (
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserDocuments drives chromium through the documents as an
// accountant of a small trading company, in Russian: a supplier invoice
// saved and posted through the form, then a sales invoice (a missing
// quantity first, shown at its field), posted, its entry, and the
// documents journal. HASAP_SCREENSHOTS=1 saves docs/screenshots/
// document-form.png, document.png and documents.png. Skipped without
// chromium, as TestBrowser is.
func TestBrowserDocuments(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "shop", "jeren@shop.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Bereket Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	sup := an(ledger.Counterparty, "P01", ledger.Names{TK: "Ak Bugdaý HJ", RU: "ХО «Ак Бугдай»"}, 0)
	cust := an(ledger.Counterparty, "C01", ledger.Names{TK: "Täze Bazar HK", RU: "ХК «Тязе Базар»"}, 0)
	an(ledger.Contract, "P01/25", ledger.Names{RU: "Договор поставки № 25"}, sup)
	custCtr := an(ledger.Contract, "C01/7", ledger.Names{RU: "Договор купли-продажи № 7"}, cust)
	an(ledger.Item, "T001", ledger.Names{TK: "Bugdaý uny, 50 kg", RU: "Мука пшеничная, мешок 50 кг"}, 0)
	an(ledger.Item, "T002", ledger.Names{TK: "Şeker", RU: "Сахар-песок, мешок 50 кг"}, 0)
	wh := an(ledger.Warehouse, "S1", ledger.Names{RU: "Склад № 1 (Ашхабад)"}, 0)
	addMember(t, ctx, a, org, email, "Jeren Orazowa", auth.Accountant)
	// A draft given up on, so that the journal shows every status.
	old, err := a.CreateDocument(ctx, app.System, org, doc.Document{Type: doc.SalesInvoice, Date: ledger.DateOf(2026, 2, 2),
		Refs: doc.Refs{Counterparty: cust, Contract: custCtr, Warehouse: wh}, Lines: []doc.Line{{Service: true, Amount: 25000, VAT: doc.VAT15}}})
	if err != nil {
		t.Fatal(err)
	}
	old.Status = doc.Cancelled
	if _, err := a.SaveDocument(ctx, app.System, org, old); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)

	// The supplier's invoice: 40 bags of flour at 450,00 and 20 of sugar
	// at 610,00, saved and posted at once.
	b.navigate("/o/shop/documents")
	b.see("main h1", "Документы")
	b.setValue(`form.new-doc select[name="type"]`, "supplier_invoice")
	b.click(`form.new-doc button`)
	b.see("main h1", "Счёт-фактура поставщика")
	b.setValue(`input[name="date"]`, "03.02.2026")
	b.typeIn(`input[name="counterparty"]`, "P01")
	b.typeIn(`input[name="contract"]`, "P01/25")
	b.typeIn(`input[name="warehouse"]`, "S1")
	b.typeIn(`input[name="item0"]`, "T001")
	b.typeIn(`input[name="qty0"]`, "40")
	b.typeIn(`input[name="price0"]`, "450,00")
	b.typeIn(`input[name="item1"]`, "T002")
	b.typeIn(`input[name="qty1"]`, "20")
	b.typeIn(`input[name="price1"]`, "610,00")
	b.click(`button[name="post"]`)
	b.seeURL(`/o/shop/documents/[0-9]+$`)
	b.see("main h1", "Счёт-фактура поставщика № 1 от 03.02.2026", "проведён")
	b.see("table.doc-lines tfoot", "30 200,00", "4 530,00", "34 730,00")

	// The sale: the quantity of the second line forgotten first.
	b.navigate("/o/shop/documents")
	b.setValue(`form.new-doc select[name="type"]`, "sales_invoice")
	b.click(`form.new-doc button`)
	b.see("main h1", "Счёт-фактура")
	b.setValue(`input[name="date"]`, "04.02.2026")
	b.typeIn(`input[name="counterparty"]`, "C01")
	b.typeIn(`input[name="contract"]`, "C01/7")
	b.typeIn(`input[name="warehouse"]`, "S1")
	b.typeIn(`input[name="item0"]`, "T001")
	b.typeIn(`input[name="qty0"]`, "12")
	b.typeIn(`input[name="price0"]`, "575,00")
	b.typeIn(`input[name="item1"]`, "T002")
	b.typeIn(`input[name="price1"]`, "780,00")
	b.typeIn(`textarea[name="comment"]`, "Доставка самовывозом со склада № 1")
	b.click(`button[name="post"]`)
	b.see("table.doc-lines-form", "Укажите количество.")
	b.seeValue(`input[name="price1"]`, "780,00")
	b.seeValue(`input[name="counterparty"]`, "C01")
	b.shot("document-form")
	b.typeIn(`input[name="qty1"]`, "5")
	b.click(`button[name="post"]`)
	b.seeURL(`/o/shop/documents/[0-9]+$`)
	b.see("main h1", "Счёт-фактура № 2 от 04.02.2026", "проведён")
	b.see("dl.meta", "ХК «Тязе Базар»", "Договор купли-продажи № 7", "Склад № 1 (Ашхабад)")
	// 12 × 575,00 + 5 × 780,00 = 10 800,00; VAT 15 % 1 620,00; 12 420,00.
	b.see("table.doc-lines", "Мука пшеничная, мешок 50 кг", "6 900,00", "3 900,00", "15 %")
	b.see("table.doc-lines tfoot", "10 800,00", "1 620,00", "12 420,00")
	b.shot("document")
	docURL := b.location()

	// Its printed form, as the browser shows it before printing.
	b.click(`div.doc-actions a[href$="/print"]`)
	b.see("body", "Счёт-фактура", "ХК «Тязе Базар»", "12 420,00", "Двенадцать тысяч четыреста двадцать манатов 00 тенге", "Руководитель")
	b.shot("document-print")
	b.navigate(strings.TrimPrefix(docURL, b.base))

	// Its entry, and the journal of documents.
	b.click(`dl.meta a[href^="/o/shop/entries/2026/"]`)
	b.see("main", "Счёт-фактура № 2 от 04.02.2026", "12 420,00")
	b.click(`nav.menu a[href="/o/shop/documents"]`)
	b.see("table.documents tbody tr:first-child", "04.02.2026", "Счёт-фактура", "ХК «Тязе Базар»", "12 420,00", "проведён")
	b.see("table.documents", "отменён", "34 730,00")
	b.shot("documents")
	b.noPageErrors()
}
