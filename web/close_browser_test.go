package web_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/web"
)

// TestBrowserClose drives chromium through the month close of October
// 2026 as the owner of books of its own: the revaluation's preview, the
// three steps posted in order, the month locked, the revaluation's
// document page with its rates and the balances it revalued, its printed
// statement, and the period reopened with a reason.
// HASAP_SCREENSHOTS=1 saves docs/screenshots/close-todo.png, close.png,
// close-revaluation.png and close-print.png.
func TestBrowserClose(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	bg := context.Background()
	if _, err := a.CreateOrg(bg, app.System, app.CreateOrgInput{Code: "cls", Name: "Ýapyş", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	const owner = "owner@cls.example"
	addMember(t, bg, a, "cls", owner, "Aýna", auth.Owner)
	cf := ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF", Names: ledger.Names{RU: "Валютные поступления"}}
	if err := a.CreateAnalytic(bg, app.System, "cls", &cf); err != nil {
		t.Fatal(err)
	}
	side := func(code string) ledger.Side { return ledger.Side{Account: ledger.AccountCode(code)} }
	usd := ledger.Side{Account: "52", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf.ID}, Currency: "USD", CurAmount: 100000}
	for _, p := range []struct {
		day    int
		dt, kt ledger.Side
		amount money.Amount
	}{
		{1, usd, side("80"), 350000}, {5, side("50.03"), side("90.01"), 115000}, {5, side("90.03"), side("68.02"), 15000},
		{5, side("90.02"), side("20"), 60000}, {10, side("50.03"), side("91.01"), 10000}, {12, side("91.02"), side("50.03"), 25000},
	} {
		e := ledger.Entry{Date: ledger.DateOf(2026, 10, p.day), Description: "test", Postings: []ledger.Posting{{Debit: p.dt, Credit: p.kt, Amount: p.amount}}}
		if _, err := a.Post(bg, app.System, "cls", e); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.PutRate(bg, app.System, "cls", "USD", ledger.DateOf(2026, 10, 31), money.MustRate("3.6")); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(owner, `/o/cls/$`)
	b.click(`nav.menu a[href="/o/cls/close"]`)
	b.see("main h1", "Закрытие месяца")
	b.navigate("/o/cls/close?month=2026-10")
	b.see(".close-step:nth-child(1)", "Переоценка валюты", "не выполнено", "91.01", "100,00")
	b.see(".close-step:nth-child(2)", "91.09", "50,00") // after the revaluation's 100,00 of other income
	b.see(".close-step:nth-child(3)", "Налог на прибыль", "не выполнено", "28,00")
	b.shot("close-todo")
	for i, step := range []string{"revaluation", "close_month", "profit_tax"} {
		b.click(`form[action="/o/cls/close/2026-10/post/` + step + `"] button`)
		b.seeURL(`/o/cls/close\?month=2026-10$`)
		if i == 1 {
			b.see(".close-step:nth-child(3)", "не выполнено", "68.04", "28,00")
		}
	}
	b.see("dl.meta", "31.10.2026", "месяц закрыт")
	b.see(".close-step:nth-child(2)", "Закрытие счетов 90 и 91 № 1", "проведён", "90.09", "400,00")
	b.shot("close")
	b.click(`.close-step:nth-child(1) a[href^="/o/cls/documents/"]`)
	b.see("main h1", "Переоценка валюты", "проведён")
	b.see("table.postings", "52", "91.01", "100,00")
	b.see("table.reval-rates", "USD", "3,6", "3,5")
	b.see("table.reval", "52", "1 000,00 USD", "3 500,00", "3 600,00", "100,00")
	b.shot("close-revaluation")
	b.click(`.doc-actions a[href$="/print"]`)
	b.see("body", "Переоценка валюты", "Курс USD на конец периода", "52 Валютные счета", "1 000,00 USD", "3 600,00", "52 / 91.01", "100,00")
	b.shot("close-print")
	b.navigate("/o/cls/close?month=2026-10")
	b.setValue(`form[action="/o/cls/close/reopen"] input[name="to"]`, "30.09.2026")
	b.setValue(`form[action="/o/cls/close/reopen"] input[name="reason"]`, "поздний счёт банка")
	b.click(`form[action="/o/cls/close/reopen"] button`)
	b.seeURL(`/o/cls/close\?month=2026-10&saved=reopen$`)
	b.see("main .notice", "Период открыт.")
	b.see(`form[action="/o/cls/close/2026-10/unpost/profit_tax"]`, "Отменить")
	b.noPageErrors()
}
