package web_test

import (
	"fmt"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/web"
)

// TestBrowserRegisters drives chromium through the registers as a viewer
// reading in Russian: the trial balance, 62 expanded with the + of its row
// (customers and their contracts; one customer's advance on its own
// contract shown apart from its debt), a customer's name opening its
// analysis across the accounts, the general ledger by months, and the
// reports page from the menu. HASAP_SCREENSHOTS=1 saves
// docs/screenshots/trial-balance-expanded.png, analytic-analysis.png and
// general-ledger.png. Skipped without chromium.
func TestBrowserRegisters(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "regs", "ogulgerek@regs.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Ýyldyz Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	addMember(t, ctx, a, org, email, "Ogulgerek Annaýewa", auth.Viewer)
	side := func(acc ledger.AccountCode, ids ...ledger.AnalyticID) ledger.Side {
		s := ledger.Side{Account: acc}
		copy(s.Analytics[:], ids)
		return s
	}
	cf := an(ledger.CashFlowItem, "CF1", ledger.Names{RU: "Поступления от покупателей"}, 0)
	names := []string{"ХК «Тязе Базар»", "ХО «Ак Бугдай»", "ИП Мырадов", "ХК «Гарагум»", "ХО «Ылham»"}
	var posts []ledger.Posting
	var k1 ledger.AnalyticID
	for i, n := range names {
		c := an(ledger.Counterparty, fmt.Sprintf("C%02d", i+1), ledger.Names{RU: n}, 0)
		k := an(ledger.Contract, fmt.Sprintf("C%02d/1", i+1), ledger.Names{RU: fmt.Sprintf("Договор поставки № %d", i+1)}, c)
		posts = append(posts, ledger.Posting{Debit: side("62.01", c, k), Credit: side("90.01"), Amount: money.Amount(115000 * (i + 1))})
		if i == 0 {
			k1 = an(ledger.Contract, "C01/2", ledger.Names{RU: "Договор поставки № 6"}, c)
			posts = append(posts, ledger.Posting{Debit: side("51", cf), Credit: side("62.01", c, k1), Amount: 40000})
		}
	}
	item := an(ledger.Item, "CEM", ledger.Names{RU: "Цемент М500"}, 0)
	wh := an(ledger.Warehouse, "WH1", ledger.Names{RU: "Основной склад"}, 0)
	goods := side("41.01", item, wh)
	goods.Qty = 25000
	posts = append(posts, ledger.Posting{Debit: goods, Credit: side("80"), Amount: 250000})
	for i, p := range posts {
		e := ledger.Entry{Date: ledger.DateOf(2026, time.Month(1+i%3), 5+i), Description: "registers", Postings: []ledger.Posting{p}}
		if _, err := a.Post(ctx, app.System, org, e); err != nil {
			t.Fatal(err)
		}
	}

	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)
	b.navigate("/o/regs/trial-balance?from=2026-01-01&to=2026-03-31")
	b.see("main h1", "Оборотно-сальдовая ведомость")
	b.click(`table.tb tr.d0 a.tg[href*="expand=62"]`)
	b.seeURL(`expand=62`)
	// 62.01: 1 150 + 2 300 + 3 450 + 4 600 + 5 750 = 17 250,00 sold, 400,00
	// paid in advance by the first customer on its second contract.
	b.see("table.tb tbody", "ХК «Тязе Базар»", "Договор поставки № 6", "400,00", "17 250,00", "ХО «Ылham»")
	b.shot("trial-balance-expanded")
	b.click(`table.tb td.name a[href*="analytic-analysis"]`)
	b.seeURL(`/o/regs/analytic-analysis\?`)
	b.see("main h1", "Анализ субконто", "ХК «Тязе Базар»")
	b.see("table.tb tbody", "62.01", "Договор поставки № 1", "1 150,00", "Договор поставки № 6", "400,00")
	b.shot("analytic-analysis")
	b.navigate("/o/regs/general-ledger?from=2026-01-01&to=2026-03-31")
	b.see("main h1", "Главная книга")
	b.see("table.tb tbody", "01.2026", "02.2026", "03.2026", "Товары")
	b.shot("general-ledger")
	b.click(`nav.menu a[href="/o/regs/reports"]`)
	b.see("main h1", "Отчёты")
	b.see("main", "Главная книга", "Анализ субконто", "Оборотно-сальдовая ведомость")
	b.noPageErrors()
}
