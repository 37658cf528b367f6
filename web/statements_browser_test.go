package web_test

import (
	"testing"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserStatements drives chromium through the statements of a copy
// of the demo books (2025) as their viewer: the balance sheet at the end
// of 2025 against the start of the year, which balances (1600 = 1700); the
// P&L of December against November; a line's drill-down to the accounts
// behind it and on to an account card. HASAP_SCREENSHOTS=1 saves
// docs/screenshots/statements-*.png. Skipped without chromium, as
// TestBrowser is.
func TestBrowserStatements(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const viewer = "stmt-viewer@demo.example"
	addMember(t, ctx, a, demo.Code, viewer, "Jeren Orazowa", auth.Viewer)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(viewer, `/o/`+demo.Code+`/$`)

	b.click(`nav.menu a[href="/o/` + demo.Code + `/statements/balance-sheet"]`)
	b.see("main h1", "Бухгалтерский баланс")
	b.setValue(`input[name="period"]`, "2025-12")
	b.setValue(`select[name="compare"]`, "year-start")
	b.click(`form.filters button`)
	b.seeURL(`period=2025-12`)
	b.see("main table.stmt", "1600", "1700", "Денежные средства")
	assets, liabilities := b.text(`tr[data-line="1600"] td:nth-child(3)`), b.text(`tr[data-line="1700"] td:nth-child(3)`)
	if assets == "" || assets != liabilities || assets == "0,00" {
		t.Errorf("the demo's balance sheet at 31.12.2025: assets %q, equity and liabilities %q", assets, liabilities)
	}
	if start := b.text(`tr[data-line="1600"] td:nth-child(4)`); start != b.text(`tr[data-line="1700"] td:nth-child(4)`) {
		t.Errorf("at the start of the year: assets %q", start)
	}
	b.shot("statements-balance-sheet")

	b.click(`nav.tabs a:nth-child(2)`)
	b.see("main h1", "Отчёт о финансовых результатах")
	b.setValue(`input[name="period"]`, "2025-12")
	b.setValue(`select[name="compare"]`, "prev-month")
	b.click(`form.filters button`)
	b.see("main table.stmt", "2110", "2400")
	b.shot("statements-pnl")

	b.click(`table.stmt a[href*="/lines/2110"]`)
	b.see("main h1", "2110")
	b.see("main", "90.01")
	b.shot("statements-line")
	b.click(`main table.stmt a[href*="/accounts/90.01/card"]`)
	b.seeURL(`/accounts/90.01/card`)

	b.navigate("/o/" + demo.Code + "/statements/cash-flow?period=2025")
	b.see("main table.stmt", "4110", "PA01", "4500")
	b.shot("statements-cash-flow")
	b.click(`main p.sub a[href$="/statements/cash-flow/template"]`)
	b.see("main pre", "IN:*", "4500")
	b.shot("statements-template")
	b.noPageErrors()
}
