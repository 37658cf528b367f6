package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserChessboard opens the chessboard of the demo year from the
// menu, by synthetic accounts and by sub-accounts (wide: it scrolls, its
// first column stays), follows a cell to the card of that correspondence,
// and goes from the card to the account's analysis by month.
func TestBrowserChessboard(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const email = "chess@demo.example"
	addMember(t, ctx, a, demo.Code, email, "Merdan Şahmat", auth.Viewer)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/o/demo/$`)

	b.click(`nav.menu a[href="/o/demo/reports"]`)
	b.click(`dl.reports a[href="/o/demo/chessboard"]`)
	b.see("main h1", "Шахматка")
	b.setValue(`form.filters input[name="from"]`, "2025-01-01")
	b.setValue(`form.filters input[name="to"]`, "2025-12-31")
	b.click(`form.filters button`)
	b.seeURL(`/o/demo/chessboard\?from=2025-01-01&to=2025-12-31&level=synthetic$`)
	b.see("table.chess thead", "51", "62", "90")
	b.see("table.chess tfoot", "Итого")
	b.see("p.downloads", "XLSX", "CSV", "PDF")
	b.shot("chessboard")

	b.setValue(`form.filters select[name="level"]`, "sub")
	b.click(`form.filters button`)
	b.see("table.chess thead", "62.01", "90.01")
	b.shot("chessboard_sub")

	// 51 debited against 62: a customer's payment. 51 is a posting-level
	// account, so the cell opens the card of 51 narrowed to 62 (62.01 at
	// this level).
	b.click(`table.chess a[href^="/o/demo/accounts/51/card?"][href$="corr=62.01"]`)
	b.seeURL(`/o/demo/accounts/51/card\?from=2025-01-01&to=2025-12-31&corr=62.01$`)
	b.see("p.card-corr", "Корр. счёт", "62.01")
	b.see("table.card tbody", "62.01")

	b.click(`p.card-corr a[href^="/o/demo/accounts/62.01/analysis"]`)
	b.see("main h1", "Анализ счёта 62.01")
	b.run("tick by month", chromedp.Click(chromedp.CSS(`form.filters input[name="bymonth"]`), chromedp.NodeVisible))
	b.click(`form.filters button`)
	b.see("table.analysis", "За весь период", "Сальдо на начало", "51")
	b.shot("account_analysis")
	b.noPageErrors()
}
