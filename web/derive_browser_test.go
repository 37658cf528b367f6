package web_test

import (
	"strconv"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserDerive drives chromium through "create based on", in
// Russian: a customer's order (which offers no posting) creates an
// invoice, whose form opens with the order's lines; saved, it names the
// order, and the order lists it. HASAP_SCREENSHOTS=1 saves
// docs/screenshots/document-order.png (the order with its buttons),
// document-derived.png (the order and what was made from it) and
// order-print.png (the invoice for payment). Skipped without chromium.
func TestBrowserDerive(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "shop", "jeren@shop.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Bereket Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	cust := an(ledger.Counterparty, "C01", ledger.Names{TK: "Täze Bazar HK", RU: "ХК «Тязе Базар»"}, 0)
	ctr := an(ledger.Contract, "C01/7", ledger.Names{RU: "Договор купли-продажи № 7"}, cust)
	flour := an(ledger.Item, "T001", ledger.Names{TK: "Bugdaý uny, 50 kg", RU: "Мука пшеничная, мешок 50 кг"}, 0)
	delivery := an(ledger.Item, "U01", ledger.Names{RU: "Доставка по Ашхабаду"}, 0)
	wh := an(ledger.Warehouse, "S1", ledger.Names{RU: "Склад № 1 (Ашхабад)"}, 0)
	addMember(t, ctx, a, org, email, "Jeren Orazowa", auth.Clerk)
	order, err := a.CreateDocument(ctx, app.System, org, doc.Document{Type: doc.Order, Date: ledger.DateOf(2026, 2, 5),
		Refs: doc.Refs{Counterparty: cust, Contract: ctr, Warehouse: wh}, Lines: []doc.Line{
			{Refs: doc.Refs{Item: flour}, Qty: 12000, Price: 57500, VAT: doc.VAT15},
			{Refs: doc.Refs{Item: delivery}, Service: true, Amount: 30000, VAT: doc.VAT15}}})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)

	b.navigate(orgDocURL(org, order.ID))
	b.see("main h1", "Заказ покупателя № 1 от 05.02.2026", "черновик")
	b.see("div.derive", "Создать на основании", "Счёт-фактура", "Товарная накладная", "Акт выполненных работ", "Поступление на расчётный счёт", "Приходный кассовый ордер")
	// 12 × 575,00 + 300,00 = 7 200,00; VAT 1 080,00; 8 280,00.
	b.see("table.doc-lines tfoot", "7 200,00", "1 080,00", "8 280,00")
	b.shot("document-order")

	b.click(`div.derive form:first-of-type button`)
	b.seeURL(`/o/shop/documents/[0-9]+/edit$`)
	b.see("main h1", "Счёт-фактура")
	b.seeValue(`input[name="item0"]`, "T001")
	b.seeValue(`input[name="counterparty"]`, "C01")
	b.click(`button[name="save"]`)
	b.seeURL(`/o/shop/documents/[0-9]+$`)
	b.see("dl.meta", "Основание", "Заказ покупателя № 1 от 05.02.2026")
	b.click(`dl.meta a[href="` + orgDocURL(org, order.ID) + `"]`)
	b.see("ul.derived", "Счёт-фактура № 1", "черновик")
	b.shot("document-derived")

	b.click(`div.doc-actions a[href$="/print"]`)
	b.see("body", "Счёт на оплату", "ХК «Тязе Базар»", "8 280,00", "Просим оплатить")
	b.shot("order-print")
	b.noPageErrors()
}

func orgDocURL(org string, id int64) string {
	return "/o/" + org + "/documents/" + strconv.FormatInt(id, 10)
}
