package api_test

import (
	"context"
	"fmt"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// TestOpenItemsOfEntries reads acme's customer C-ALTYN, whose books are
// entries typed by hand (no documents): a sale of 2 500.00 on 62.01, 350.00
// paid in dollars on 62.21 (the oldest item first: 2 150.00 of the sale
// open), and flour bought from it for 625.00 on 60.01 (a payable). The
// act of January: debit 2 500.00,
// credit 975.00, in the organisation's favour; from 12 January the opening
// is the sale's 2 500.00.
func TestOpenItemsOfEntries(t *testing.T) {
	f := books(t)
	viewer := f.callers["viewer"]
	base := fmt.Sprintf("/api/v1/orgs/%s/counterparties/%d", acme, acmeIDs.cust)
	r := f.do(t, viewer, call{method: "GET", path: base + "/open-items?lang=ru"})
	mustStatus(t, "open items", r, 200)
	checkFields(t, "counterparty", field(r.json, "counterparty"), map[string]string{"code": "C-ALTYN", "name": "Алтын Базар"})
	// (The access matrix posts more to acme in March: only January's items
	// are counted here.)
	items := map[string]any{}
	list, _ := field(r.json, "items").([]any)
	for _, it := range list {
		if d := fmt.Sprint(field(it, "date")); d < "2025-02-01" {
			items[fmt.Sprint(field(it, "description"))] = it
		}
	}
	if len(items) != 2 {
		t.Fatalf("January's items: %s", r.body)
	}
	checkFields(t, "the sale", items["Sale"], map[string]string{"kind": "receivable", "date": "2025-01-10", "account": "62.01",
		"amount": "2500.00", "open": "2150.00", "contract.code": "K-1"})
	checkFields(t, "the purchase", items["Flour bought"], map[string]string{"kind": "payable", "account": "60.01", "amount": "625.00", "open": "625.00"})
	if field(items["Sale"], "document") != nil {
		t.Errorf("the sale, an entry typed by hand, names a document: %s", r.body)
	}

	r = f.do(t, viewer, call{method: "GET", path: base + "/reconciliation?from=2025-01-01&to=2025-01-31"})
	mustStatus(t, "act", r, 200)
	checkFields(t, "act", r.json, map[string]string{"opening": "0.00", "debit": "2500.00", "credit": "975.00", "closing": "1525.00",
		"in_favour_of": "organisation", "from": "2025-01-01", "to": "2025-01-31", "currency": "TMT"})
	if lines, _ := field(r.json, "lines").([]any); len(lines) != 3 {
		t.Errorf("lines: %s", r.body)
	}
	r = f.do(t, viewer, call{method: "GET", path: base + "/reconciliation?from=2025-01-12&to=2025-01-31&contract=" + fmt.Sprint(acmeIDs.contract)})
	mustStatus(t, "act from 12 January", r, 200)
	checkFields(t, "act from 12 January", r.json, map[string]string{"opening": "2500.00", "closing": "1525.00", "contract.code": "K-1"})

	// Refusals: a period without its end or backwards, a bad contract, a
	// counterparty that is not one.
	for path, status := range map[string]int{
		base + "/reconciliation?from=2025-01-01":                                         422,
		base + "/reconciliation?from=2025-02-01&to=2025-01-01":                           422,
		base + "/reconciliation?from=2025-02-31&to=2025-03-01":                           422,
		base + "/open-items?contract=x":                                                  422,
		base + "/open-items?contract=" + fmt.Sprint(acmeIDs.flour):                       422,
		fmt.Sprintf("/api/v1/orgs/%s/counterparties/%d/open-items", acme, acmeIDs.flour): 404,
		"/api/v1/orgs/" + acme + "/counterparties/abc/open-items":                        404,
		"/api/v1/orgs/" + acme + "/counterparties/999999/open-items":                     404,
	} {
		mustStatus(t, path, f.do(t, viewer, call{method: "GET", path: path}), status)
	}
}

// TestOpenItemsOfDocuments: an act of 1 000.00 + VAT 150.00, a payment of
// 400.00 created from it, and a payment of 900.00 from nothing: the act is
// paid, 150.00 of the second payment is an advance received; the items
// name their documents.
func TestOpenItemsOfDocuments(t *testing.T) {
	f := books(t)
	ctx := context.Background()
	const org = "settle-api"
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Settle API", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := func(kind ledger.AnalyticKind, code string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{EN: code}, Owner: owner}
		if err := f.app.CreateAnalytic(ctx, app.System, org, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	cust := an(ledger.Counterparty, "CUST", 0)
	k := an(ledger.Contract, "CUST-1", cust)
	cf := an(ledger.CashFlowItem, "CF", 0)
	post := func(d doc.Document) int64 {
		t.Helper()
		x, err := f.app.CreateDocument(ctx, app.System, org, d)
		if err == nil {
			x, _, err = f.app.PostDocument(ctx, app.System, org, x.ID, x.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	refs := doc.Refs{Counterparty: cust, Contract: k, CashFlow: cf}
	act := post(doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 4, 1), Refs: refs, Lines: []doc.Line{{Service: true, Amount: 100000}}})
	post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 4, 2), BasedOn: act, Refs: refs, Lines: []doc.Line{{Amount: 40000}}})
	second := post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 4, 3), Refs: refs, Lines: []doc.Line{{Amount: 90000}}})
	_, token, err := userWithToken(ctx, f.app, "viewer@settle-api.example", org, auth.Viewer)
	if err != nil {
		t.Fatal(err)
	}
	viewer := caller{name: "settle-viewer", token: token, role: auth.Viewer, org: org}
	base := fmt.Sprintf("/api/v1/orgs/%s/counterparties/%d", org, cust)
	r := f.do(t, viewer, call{method: "GET", path: base + "/open-items"})
	mustStatus(t, "open items", r, 200)
	checkFields(t, "balance", field(r.json, "balance"), map[string]string{"receivable": "0.00", "advances_received": "150.00", "net": "-150.00"})
	items, _ := field(r.json, "items").([]any)
	if len(items) != 1 {
		t.Fatalf("items: %s", r.body)
	}
	checkFields(t, "the advance", items[0], map[string]string{"kind": "advance_received", "amount": "900.00", "open": "150.00",
		"document.id": fmt.Sprint(second), "document.type": "payment_in", "document.number": "2", "document.ref": "payment_in/2025/2"})
	r = f.do(t, viewer, call{method: "GET", path: base + "/reconciliation?from=2025-04-01&to=2025-04-30"})
	mustStatus(t, "act", r, 200)
	checkFields(t, "act", r.json, map[string]string{"debit": "1150.00", "credit": "1300.00", "closing": "-150.00", "in_favour_of": "counterparty",
		"lines.0.document.type": "act", "lines.0.debit": "1150.00", "lines.2.credit": "900.00"})
	// acme's viewer sees nothing of it.
	mustStatus(t, "another organisation", f.do(t, f.callers["viewer"], call{method: "GET", path: base + "/open-items"}), 404)
}
