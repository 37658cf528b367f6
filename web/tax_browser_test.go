package web_test

import (
	"testing"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserDashboardAndRegisters drives chromium over the demo's year as
// its chief accountant reading in Russian: the home page's two charts
// (revenue and expenses, money at hand) with their titles and the table of
// their numbers, a bar followed to its month's trial balance, the
// receivables ageing, the VAT books of a month and the exchange rates.
// HASAP_SCREENSHOTS=1 saves docs/screenshots/dashboard.png, ageing.png,
// vat.png and rates.png. Skipped without chromium.
func TestBrowserDashboardAndRegisters(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const email = "ogulgerek@demo.example"
	addMember(t, ctx, a, demo.Code, email, "Ogulgerek Berdiýewa", auth.ChiefAccountant)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)
	b.navigate("/o/demo/")
	b.see("main", "Выручка и расходы по месяцам", "Денежные средства на конец месяца")
	b.seeAttr("#cash-chart-t", "id", "cash-chart-t")
	b.see("table.months thead", "Денежные средства")
	b.shot("dashboard")
	b.click("svg.bars a:last-of-type")
	b.seeURL(`/o/demo/(trial-balance\?from=|statements/pnl\?period=)`)
	b.navigate("/o/demo/ageing")
	b.see("main h1", "Анализ дебиторской задолженности по срокам")
	b.shot("ageing")
	b.navigate("/o/demo/vat")
	b.see("main", "Книга продаж", "Книга покупок", "Декларация по НДС за месяц")
	b.shot("vat")
	b.navigate("/o/demo/rates")
	b.see("main", "Курсы валют", "USD")
	b.shot("rates")
	b.noPageErrors()
}
