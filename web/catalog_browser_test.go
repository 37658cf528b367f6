package web_test

import (
	"testing"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserCatalogs drives chromium through the chart of accounts and
// the catalogs as the demo's owner, in Russian: a new sub-account (with a
// field error first), the form of an account with postings, the catalogs,
// a search for a counterparty, its movements on the account card, and a
// new contract. HASAP_SCREENSHOTS=1 saves docs/screenshots/accounts-edit.png,
// accounts-edit-posted.png, catalogs.png and catalog.png.
// Skipped without chromium, as TestBrowser is.
func TestBrowserCatalogs(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const ownerEmail = "maral@demo.example"
	addMember(t, ctx, a, demo.Code, ownerEmail, "Maral Annaýewa", auth.Owner)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)

	b.logIn(ownerEmail, `/o/demo/$`)

	// A new sub-account of 76: first without a name, then right.
	b.click(`nav.menu a[href="/o/demo/accounts"]`)
	b.click(`main a.button[href="/o/demo/accounts/new"]`)
	b.see("main h1", "Новый счёт")
	b.typeIn(`input[name="code"]`, "76.50")
	b.typeIn(`input[name="parent"]`, "76")
	b.setValue(`select[name="kind"]`, "AP")
	b.setValue(`select[name="class"]`, "mixed")
	b.setValue(`select[name="analytic1"]`, "counterparty")
	b.setValue(`select[name="analytic2"]`, "contract")
	b.click(`form.account-form button.primary`)
	b.see("form.account-form", "Исправьте отмеченные поля.", "укажите наименование хотя бы на одном языке")
	b.seeValue(`input[name="code"]`, "76.50")
	b.typeIn(`input[name="name_ru"]`, "Расчёты по агентским договорам")
	b.typeIn(`input[name="name_tk"]`, "Agentlik şertnamalary boýunça hasaplaşyklar")
	b.click(`form.account-form button.primary`)
	b.seeURL(`/o/demo/accounts\?saved=76\.50$`)
	b.see("main .notice", "Счёт сохранён:", "76.50")
	b.see("tr.saved", "Расчёты по агентским договорам", "Контрагент, Договор")

	// Its form: everything may still change.
	b.click(`tr.saved td.edit a`)
	b.see("main h1", "76.50")
	b.seeValue(`select[name="kind"]`, "AP")
	b.shot("accounts-edit")

	// An account with postings: only its names.
	b.navigate("/o/demo/accounts/62.01/edit")
	b.see("main .notice", "По счёту есть проводки")
	b.see("form.account-form", "Контрагент, Договор")
	b.shot("accounts-edit-posted")

	// The catalogs, a counterparty found by part of its Russian name in
	// capitals, and its movements on 62.01.
	b.click(`nav.menu a[href="/o/demo/catalogs"]`)
	b.see("table.catalogs", "Контрагент", "Договор", "Номенклатура", "62.01")
	b.shot("catalogs")
	b.click(`table.catalogs a[href="/o/demo/catalogs/counterparty"]`)
	b.see("main h1", "Справочник: Контрагент")
	b.typeIn(`input[name="q"]`, "ЮПЕК")
	b.click(`form.filters button`)
	b.see("table.catalog tbody", "K01", "ХО «Туркмен Юпек»")
	b.shot("catalog")
	b.click(`table.catalog a[href^="/o/demo/accounts/60.01/card?analytic="]`)
	b.see("main .card-analytic", "Контрагент", "K01", "ХО «Туркмен Юпек»")

	// A new contract of that counterparty.
	b.navigate("/o/demo/catalogs/contract")
	b.typeIn(`form.analytic-form input[name="code"]`, "99/TÝ")
	b.typeIn(`form.analytic-form input[name="owner"]`, "K01")
	b.typeIn(`form.analytic-form input[name="name_ru"]`, "Договор поставки тканей № 99")
	b.click(`form.analytic-form button.primary`)
	b.seeURL(`/o/demo/catalogs/contract\?q=`)
	b.see("tr.saved", "99/TÝ", "Договор поставки тканей № 99", "K01", "ХО «Туркмен Юпек»")
	b.noPageErrors()
}
