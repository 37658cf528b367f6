package app_test

import (
	"context"
	"strings"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/store"
)

func TestOrgSettings(t *testing.T) { eachStore(t, testOrgSettings) }

// testOrgSettings: the settings start as the chart's defaults; the chief
// accountant saves details and another revenue sub-account, audited; bad
// accounts are refused naming the field and change nothing; a stale save
// is refused; a sale posted after the change credits the new sub-account,
// while the sale posted before keeps its entry.
func testOrgSettings(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	chief, viewer, foreign := w.actors["chief"], w.actors["viewer"], w.actors["foreign"]

	s, err := a.OrgSettings(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	def, _ := doc.DefaultSettings("cis")
	if s.Version != 0 || s.PostingSaved || !s.ChartDefaults || s.Posting.Sales.Revenue != def.Sales.Revenue || s.Details != (app.OrgDetails{}) {
		t.Fatalf("settings before any save: %+v", s)
	}
	if _, err := a.OrgSettings(ctx, foreign, "a"); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another tenant reads the settings: %v, want ENotFound", err)
	}

	customer := ledger.Analytic{Kind: ledger.Counterparty, Code: "CUST", Names: ledger.Names{RU: "Покупатель"}}
	if err := a.CreateAnalytic(ctx, app.System, "a", &customer); err != nil {
		t.Fatal(err)
	}
	contract := ledger.Analytic{Kind: ledger.Contract, Code: "CUST-1", Names: ledger.Names{RU: "Договор"}, Owner: customer.ID}
	if err := a.CreateAnalytic(ctx, app.System, "a", &contract); err != nil {
		t.Fatal(err)
	}
	act := doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 2, 10), Refs: doc.Refs{Counterparty: customer.ID, Contract: contract.ID},
		Lines: []doc.Line{{Service: true, Amount: 100000}}}
	credits := func(e ledger.Entry) []ledger.AccountCode {
		var out []ledger.AccountCode
		for _, p := range e.Postings {
			out = append(out, p.Credit.Account)
		}
		return out
	}
	post := func() ledger.Entry {
		t.Helper()
		d, err := a.CreateDocument(ctx, app.System, "a", act)
		if err != nil {
			t.Fatal(err)
		}
		_, e, err := a.PostDocument(ctx, app.System, "a", d.ID, d.Version)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}

	// The organisation splits its revenue: 90.01 gets two sub-accounts,
	// goods and services, and 90.01 itself no longer takes postings.
	for _, code := range []ledger.AccountCode{"90.01.1", "90.01.2"} {
		rev := ledger.Account{Code: code, Parent: "90.01", Names: ledger.Names{RU: "Выручка " + string(code)}, Kind: ledger.Passive, Class: ledger.Income}
		if err := a.CreateAccount(ctx, app.System, "a", rev); err != nil {
			t.Fatal(err)
		}
	}

	// Bad input: every problem at its field, nothing saved.
	bad := s
	bad.Details.TaxID = "ИНН 12345"
	bad.Details.Address = "line one\nline two"
	bad.Details.BankAccount = "TM№1"
	bad.Posting.Sales.Revenue = "90.01" // now a group
	bad.Posting.Sales.Cost = "99.99"
	bad.Posting.DefaultVAT = "15"
	bad.Posting.VATRounding = "sometimes"
	_, err = a.SaveOrgSettings(ctx, chief, "a", bad)
	got := map[string]bool{}
	for _, fe := range app.FieldErrors(err) {
		got[fe.Field] = true
	}
	for _, f := range []string{"tax_id", "address", "bank_account", "posting.Sales.Revenue", "posting.Sales.Cost", "posting.DefaultVAT", "posting.VATRounding"} {
		if !got[f] {
			t.Errorf("bad settings: no error at %s in %v", f, err)
		}
	}
	if !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("bad settings: code %q, want EInvalid", ledger.ErrorCode(err))
	}
	if after, _ := a.OrgSettings(ctx, viewer, "a"); after.Version != 0 {
		t.Fatalf("refused settings were saved: %+v", after)
	}
	if _, err := a.SaveOrgSettings(ctx, w.actors["accountant"], "a", s); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("an accountant saves the settings: %v, want EForbidden", err)
	}

	good := s
	good.Details = app.OrgDetails{LegalName: " «Ak Ýol» HJ ", TaxID: "101234567890", BankAccount: "TM12 3456 7890 1234 5678 90",
		BankCode: "390101201", Director: "Annaýew A."}
	good.Posting.Sales.Revenue = "90.01.1"
	saved, err := a.SaveOrgSettings(ctx, chief, "a", good)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 1 || !saved.PostingSaved || saved.Posting.Sales.Revenue != "90.01.1" || saved.Details.LegalName != "«Ak Ýol» HJ" ||
		saved.Author != email("chief") || saved.Posting.Purchases.InputVATGoods != def.Purchases.InputVATGoods {
		t.Fatalf("saved: %+v", saved)
	}
	if _, err := a.SaveOrgSettings(ctx, chief, "a", good); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("a save of the version read before another save: %v, want EConflict", err)
	}
	e1 := post()
	if c := credits(e1); !containsCode(c, "90.01.1") {
		t.Fatalf("the sale credits %v, want 90.01.1", c)
	}

	// The owner moves revenue to 90.01.2: the next sale credits it, the
	// sale posted before keeps its entry.
	saved.Posting.Sales.Revenue = "90.01.2"
	if _, err := a.SaveOrgSettings(ctx, w.actors["owner"], "a", saved); err != nil {
		t.Fatal(err)
	}
	ev, err := a.Audit(ctx, app.System, "a", 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range ev {
		if e.Action == app.ActSettings && e.User != 0 && strings.Contains(e.Detail, "Sales.Revenue 90.01.1→90.01.2") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no audit event of the settings change in %+v", ev)
	}
	e2 := post()
	if c := credits(e2); !containsCode(c, "90.01.2") || containsCode(c, "90.01.1") {
		t.Fatalf("the sale after the change credits %v, want 90.01.2", c)
	}
	if again, err := a.EntryBySeq(ctx, app.System, "a", e1.Seq); err != nil || !containsCode(credits(again), "90.01.1") {
		t.Fatalf("the sale posted before the change: %v, %v", credits(again), err)
	}

	// A field the stored JSON lacks (added to doc.Settings later) takes
	// the chart's default.
	raw, err := a.Store.OrgSettings(ctx, mustOrgID(t, a, "a"))
	if err != nil {
		t.Fatal(err)
	}
	raw.Posting = []byte(`{"DefaultVAT":"0%","VATRounding":"document","Sales":{"Revenue":"90.01.2"}}`)
	if err := a.Store.SaveOrgSettings(ctx, mustOrgID(t, a, "a"), &raw); err != nil {
		t.Fatal(err)
	}
	partial, err := a.OrgSettings(ctx, viewer, "a")
	if err != nil {
		t.Fatal(err)
	}
	if partial.Posting.DefaultVAT != doc.VAT0 || partial.Posting.Sales.Revenue != "90.01.2" || partial.Posting.Sales.Receivable != "62.01" || partial.Posting.Bank != "51" {
		t.Fatalf("settings missing fields: %+v", partial.Posting)
	}

	// The act posted first, with no rate on its line, was posted at the
	// default 15 % per line; it keeps those terms, and so its totals, now
	// that the default is 0 % per document.
	typ, year, number, ok := doc.ParseRef(e1.Document)
	if !ok {
		t.Fatalf("entry's document %q", e1.Document)
	}
	first, err := a.ListDocuments(ctx, viewer, "a", store.DocumentFilter{Type: string(typ), From: ledger.NoDate, To: ledger.NoDate})
	if err != nil {
		t.Fatal(err)
	}
	var d1 app.Document
	for _, d := range first {
		if d.Year == year && d.Number == number {
			d1 = d
		}
	}
	if d1.ID == 0 || d1.Lines[0].VAT != doc.VAT15 || d1.VATRounding != doc.PerLine {
		t.Fatalf("the first act after posting: %+v", d1.Document)
	}
	tot, err := doc.ComputeTotals(d1.Document, partial.Posting)
	if err != nil || tot.VAT != 15000 {
		t.Fatalf("the first act's VAT under the new settings: %d, %v; want 150.00 as posted", tot.VAT, err)
	}
}

func containsCode(cs []ledger.AccountCode, c ledger.AccountCode) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func mustOrgID(t *testing.T, a *app.App, code string) ledger.OrgID {
	t.Helper()
	o, err := a.Org(context.Background(), app.System, code)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// TestPostingWithoutDefaults: an organisation on a chart without default
// posting settings is told to choose its accounts on the settings page.
func TestPostingWithoutDefaults(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	createOrg(t, a, "x", "ifrs")
	d, err := a.CreateDocument(ctx, app.System, "x", doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 2, 10),
		Lines: []doc.Line{{Service: true, Amount: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = a.PostDocument(ctx, app.System, "x", d.ID, d.Version)
	if !ledger.IsCode(err, ledger.EInvalid) || !strings.Contains(err.Error(), "settings page") {
		t.Fatalf("posting without settings on ifrs: %v", err)
	}
	s, err := a.OrgSettings(ctx, app.System, "x")
	if err != nil {
		t.Fatal(err)
	}
	if s.ChartDefaults || s.Posting.Sales.Revenue != "" || s.Posting.DefaultVAT != doc.VAT15 {
		t.Fatalf("ifrs settings: %+v", s)
	}
}
