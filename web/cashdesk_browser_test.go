package web_test

import (
	"testing"

	"hasap/web"
)

// TestCashBookBrowser walks the cash book as an accountant does: from the
// menu to the last day of cash, back to the day before, then the currency
// cash desk, and the printed sheet. With HASAP_SCREENSHOTS=1 it saves
// docs/screenshots/cashbook*.png.
func TestCashBookBrowser(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	buildCashBooks(t, a)
	srv := serveBooks(t, a, web.Options{})
	b := newBrowser(t, ctx, srv.URL)
	b.logIn(cashAccountant, `/$`)
	b.navigate("/o/" + cashOrg + "/")
	b.click(`nav.menu a[href="/o/cash-web/cashbook"]`)
	b.see("main h1", "Кассовая книга", "50.01")
	b.see("main .sub", "04.03.2026", "Лист 2")
	b.see("table.cashbook tbody", "Ивановой Марии Петровны", "120,50", "Тязе Базар", "450,00", "Ивановой М. П.", "200,00", "99,99")
	b.see("table.cashbook tfoot", "570,50", "299,99", "1 020,51")
	b.seeCell("table.cashbook tbody tr:first-child", 3, "750,00")
	b.shot("cashbook")

	b.click(`a[rel="prev"]`)
	b.seeURL(`date=2026-03-02`)
	b.see("main .sub", "Лист 1")
	b.see("table.cashbook tfoot", "1 000,00", "250,00", "750,00")

	b.setValue(`select[name="account"]`, "50.21")
	b.setValue(`input[name="date"]`, "04.03.2026")
	b.click(`form.filters button`)
	b.see("main h1", "50.21", "USD")
	b.see("table.cashbook thead", "Приход, USD", "Расход, TMT")
	b.see("table.cashbook tfoot", "100,00", "40,00", "85,00", "297,50")
	b.shot("cashbook_usd")

	b.navigate("/o/" + cashOrg + "/cashbook/print?account=50.01&date=2026-03-04")
	b.see("h1", "Касса за 04.03.2026")
	b.see("table.items", "Остаток на начало дня", "1 020,51")
	b.shot("cashbook_print")
	b.noPageErrors()
}
