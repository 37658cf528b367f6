package web_test

import (
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserDownloads opens the report pages in chromium as a viewer in
// Russian: each shows "Скачать: XLSX · CSV · PDF" under its filters, the
// links keep the page's filters and ask for the file. HASAP_SCREENSHOTS=1
// saves docs/screenshots/account_card_downloads.png. Skipped without
// chromium, as TestBrowser is.
func TestBrowserDownloads(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "dl", "aman@dl.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Ýükle Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{TK: "Gök Bazar HJ", RU: "ХО «Гёк Базар»"}, 0)
	k := an(ledger.Contract, "CUST-1", ledger.Names{RU: "Договор 1"}, cust)
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Поступления"}, 0)
	for _, d := range []doc.Document{
		{Type: doc.Act, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: cust, Contract: k}, Lines: []doc.Line{{Service: true, Amount: 100000}}},
		{Type: doc.CashReceipt, Date: ledger.DateOf(2026, 3, 2), Refs: doc.Refs{Counterparty: cust, Contract: k, CashFlow: cf}, Lines: []doc.Line{{Amount: 40000}}},
	} {
		made, err := a.CreateDocument(ctx, app.System, org, d)
		if err == nil {
			_, _, err = a.PostDocument(ctx, app.System, org, made.ID, made.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	addMember(t, ctx, a, org, email, "Aman Berdiýew", auth.Viewer)

	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)
	for _, page := range []string{"/o/dl/accounts/62.01/card?from=2026-03-01&to=2026-03-31", "/o/dl/journal?from=2026-03-01", "/o/dl/settlements",
		"/o/dl/cashbook?account=50.01&date=2026-03-02", "/o/dl/trial-balance?from=2026-03-01&to=2026-03-31"} {
		b.navigate(page)
		b.see("p.downloads", "Скачать:", "XLSX", "CSV", "PDF")
		b.seeAttr(`p.downloads a:first-of-type`, "download", "")
		if page == "/o/dl/accounts/62.01/card?from=2026-03-01&to=2026-03-31" {
			b.seeAttr(`p.downloads a:first-of-type`, "href", "/o/dl/accounts/62.01/card?format=xlsx&from=2026-03-01&to=2026-03-31")
			b.shot("account_card_downloads")
		}
		b.noPageErrors()
	}
}
