package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserBank imports a statement through the bank page in chromium,
// as an accountant in Russian: the review with its proposals and the
// reconciliation of 51, then confirmed and posted, the reconciliation
// showing no difference. HASAP_SCREENSHOTS=1 saves
// docs/screenshots/bank-review.png and bank-posted.png. Skipped without
// chromium, as TestBrowser is.
func TestBrowserBank(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "shop", "jeren@shop.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Bereket Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{TK: "Gök Bazar HJ", RU: "ХО «Гёк Базар»"}, 0)
	sup := an(ledger.Counterparty, "102030405", ledger.Names{TK: "Nebit Gaz", RU: "Небит Газ"}, 0)
	custCtr := an(ledger.Contract, "CUST-1", ledger.Names{RU: "Договор 1"}, cust)
	supCtr := an(ledger.Contract, "SUP-1", ledger.Names{RU: "Договор 2"}, sup)
	an(ledger.CashFlowItem, "CF-IN", ledger.Names{RU: "Поступления"}, 0)
	an(ledger.CashFlowItem, "CF-OUT", ledger.Names{RU: "Платежи"}, 0)
	for _, d := range []doc.Document{
		{Type: doc.Act, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: cust, Contract: custCtr}, Lines: []doc.Line{{Service: true, Amount: 100000}}},
		{Type: doc.SupplierInvoice, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: sup, Contract: supCtr}, Lines: []doc.Line{{Service: true, Amount: 20000}}},
	} {
		made, err := a.CreateDocument(ctx, app.System, org, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.PostDocument(ctx, app.System, org, made.ID, made.Version); err != nil {
			t.Fatal(err)
		}
	}
	addMember(t, ctx, a, org, email, "Jeren Orazowa", auth.Accountant)
	file := filepath.Join(t.TempDir(), "march.sta")
	if err := os.WriteFile(file, []byte(bankMT940), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)
	b.navigate("/o/shop/bank")
	b.see("main h1", "Банковские выписки")
	b.run("choose the statement", chromedp.SetUploadFiles(`input[name="file"]`, []string{file}))
	b.click(`form.bank-upload button.primary`)
	b.seeURL(`/o/shop/bank/\d+$`)
	b.see("main h1", "Банковская выписка", "MARCH-1")
	b.see("table.bank-lines", "по номеру в назначении платежа", "по ИНН", "№ 1 · 01.03.2026")
	b.see("table.recon", "920,00")
	b.setValue(`input[name="cashflow_in"]`, "CF-IN")
	b.setValue(`input[name="cashflow_out"]`, "CF-OUT")
	b.shot("bank-review")
	b.click(`button[value="confirm"]`)
	b.see("main p.ok", "Создано документов: 2; проведено: 2.")
	b.see("table.bank-lines", "Поступление на расчётный счёт", "Платёжное поручение исходящее")
	b.see("main", "Строк ещё нет в учёте: 0")
	b.shot("bank-posted")
	b.noPageErrors()
}
