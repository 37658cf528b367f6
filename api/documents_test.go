package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// Documents through the API. The tests keep their own organisation,
// "docs" (a supplier, a customer, their contracts, flour and a
// warehouse), with its own accountant, clerk and viewer; the access
// matrix makes its documents in acme (matrixDocument).

const docsOrg = "docs"

type docsFixture struct {
	*fixture
	path                      string // the documents of its organisation
	accountant, clerk, viewer caller
	ids                       struct{ supplier, customer, supCtr, custCtr, flour, wh ledger.AnalyticID }
}

var (
	docsOnce sync.Once
	docsFix  *docsFixture
	docsErr  error
)

// docsBooks returns the documents' organisation, building it on first use.
func docsBooks(t *testing.T) *docsFixture {
	t.Helper()
	f := books(t)
	docsOnce.Do(func() { docsFix, docsErr = buildDocs(f, docsOrg) })
	if docsErr != nil {
		t.Fatal(docsErr)
	}
	return docsFix
}

// buildDocs makes organisation org with the documents' catalog and users.
func buildDocs(f *fixture, org string) (*docsFixture, error) {
	ctx := context.Background()
	a := f.app
	d := &docsFixture{fixture: f, path: "/api/v1/orgs/" + org + "/documents"}
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Docs Trading", Chart: "cis"}); err != nil {
		return nil, err
	}
	for _, an := range []struct {
		dst   *ledger.AnalyticID
		kind  ledger.AnalyticKind
		code  string
		owner *ledger.AnalyticID
	}{
		{&d.ids.supplier, ledger.Counterparty, "SUP", nil},
		{&d.ids.customer, ledger.Counterparty, "CUST", nil},
		{&d.ids.supCtr, ledger.Contract, "SUP-1", &d.ids.supplier},
		{&d.ids.custCtr, ledger.Contract, "CUST-1", &d.ids.customer},
		{&d.ids.flour, ledger.Item, "FLOUR", nil},
		{&d.ids.wh, ledger.Warehouse, "WH", nil},
	} {
		x := &ledger.Analytic{Kind: an.kind, Code: an.code, Names: ledger.Names{EN: an.code}}
		if an.owner != nil {
			x.Owner = *an.owner
		}
		if err := a.CreateAnalytic(ctx, app.System, org, x); err != nil {
			return nil, err
		}
		*an.dst = x.ID
	}
	for _, u := range []struct {
		dst  *caller
		name string
		role auth.Role
	}{{&d.accountant, "accountant", auth.Accountant}, {&d.clerk, "clerk", auth.Clerk}, {&d.viewer, "viewer", auth.Viewer}} {
		_, token, err := userWithToken(ctx, a, u.name+"@"+org+".example", org, u.role)
		if err != nil {
			return nil, err
		}
		*u.dst = caller{name: org + "-" + u.name, token: token, role: u.role, org: org}
	}
	return d, nil
}

const docsPath = "/api/v1/orgs/" + docsOrg + "/documents"

// purchaseBody: 10 kg of flour for 3 000.00 + VAT 15 %.
const purchaseBody = `{"type":"supplier_invoice","date":"2025-02-03",
	"refs":{"counterparty":{"code":"SUP"},"contract":{"code":"SUP-1"},"warehouse":{"code":"WH"}},
	"lines":[{"refs":{"item":{"code":"FLOUR"}},"qty":"10","amount":"3000.00","vat":"15%"}],
	"comment":"Flour from the mill"}`

// saleBody: 2 kg of that flour at 500.00.
const saleBody = `{"type":"sales_invoice","date":"2025-02-04",
	"refs":{"counterparty":{"code":"CUST"},"contract":{"code":"CUST-1"},"warehouse":{"code":"WH"}},
	"lines":[{"refs":{"item":{"code":"FLOUR"}},"qty":"2.000","price":"500.00"}]}`

func (d *docsFixture) create(t *testing.T, who caller, body string) response {
	t.Helper()
	return d.do(t, who, call{method: "POST", path: d.path, body: body})
}

// transition posts, unposts or cancels document id at version with key.
func (d *docsFixture) transition(t *testing.T, who caller, id any, action string, version any, key string) response {
	t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	return d.do(t, who, call{method: "POST", path: fmt.Sprintf("%s/%v/%s", d.path, id, action),
		body: fmt.Sprintf(`{"version":%v}`, version), headers: h})
}

// TestDocumentLifecycle: a clerk drafts a purchase, an accountant posts
// it (a retry answers the same), a sale takes its cost from that stock, is
// unposted (a retry answers the same), saved with a stale version (409)
// and the current one, and cancelled; viewers and clerks are refused what
// their role may not do.
func TestDocumentLifecycle(t *testing.T) {
	d := docsBooks(t)

	mustStatus(t, "viewer drafts", d.create(t, d.viewer, purchaseBody), 403)
	buy := d.create(t, d.clerk, purchaseBody)
	mustStatus(t, "clerk drafts", buy, 201)
	id, version := field(buy.json, "id"), field(buy.json, "version")
	for path, want := range map[string]any{"type": "supplier_invoice", "status": "draft", "year": "2025", "number": "1",
		"date": "2025-02-03", "currency": "TMT", "comment": "Flour from the mill"} {
		if got := fmt.Sprint(field(buy.json, path)); got != want {
			t.Errorf("draft %s = %s, want %s", path, got, want)
		}
	}
	checkFields(t, "draft", buy.json, map[string]string{
		"refs.counterparty.code": "SUP", "refs.contract.code": "SUP-1", "refs.warehouse.code": "WH",
		"lines.0.qty": "10.000", "lines.0.amount": "3000.00", "lines.0.vat": "15%", "lines.0.refs.item.code": "FLOUR",
		"lines.0.totals.vat": "450.00", "totals.net": "3000.00", "totals.vat": "450.00", "totals.total": "3450.00",
	})
	if field(buy.json, "entry") != nil {
		t.Errorf("a draft with an entry: %s", buy.body)
	}
	if loc := buy.header.Get("Location"); loc != fmt.Sprintf("%s/%v", docsPath, id) {
		t.Errorf("Location %q", loc)
	}
	got := d.do(t, d.viewer, call{method: "GET", path: fmt.Sprintf("%s/%v", docsPath, id)})
	mustStatus(t, "viewer reads", got, 200)
	if !bytes.Equal(got.body, buy.body) {
		t.Errorf("GET answers\n%s\nnot what the create answered\n%s", got.body, buy.body)
	}

	// Posting: a clerk may not; the Idempotency-Key is required.
	mustStatus(t, "clerk posts", d.transition(t, d.clerk, id, "post", version, newKey()), 403)
	mustStatus(t, "post without a key", d.transition(t, d.accountant, id, "post", version, ""), 422)
	key := newKey()
	posted := d.transition(t, d.accountant, id, "post", version, key)
	mustStatus(t, "post", posted, 200)
	checkFields(t, "posted", posted.json, map[string]string{"document.status": "posted", "document.entry.year": "2025",
		"document.entry.number": fmt.Sprint(field(posted.json, "entry", "number")), "entry.document": "supplier_invoice/2025/1"})
	again := d.transition(t, d.accountant, id, "post", version, key)
	mustStatus(t, "post again", again, 200)
	if !bytes.Equal(again.body, posted.body) {
		t.Errorf("a retried post answers\n%s\nnot the first result\n%s", again.body, posted.body)
	}
	mustStatus(t, "post a posted document", d.transition(t, d.accountant, id, "post", field(posted.json, "document", "version"), newKey()), 409)

	// The sale's cost of 2 kg is 600.00, from the purchase's stock.
	sale := d.create(t, d.clerk, saleBody)
	mustStatus(t, "draft the sale", sale, 201)
	checkFields(t, "sale", sale.json, map[string]string{"totals.net": "1000.00", "totals.vat": "150.00", "totals.total": "1150.00", "number": "1"})
	saleID := field(sale.json, "id")
	sold := d.transition(t, d.accountant, saleID, "post", field(sale.json, "version"), newKey())
	mustStatus(t, "post the sale", sold, 200)
	if !hasPosting(sold.json, "90.02", "41.01", "600.00") {
		t.Errorf("the sale's entry has no cost of 600.00 (Dt 90.02 Kt 41.01): %s", sold.body)
	}

	// Unposting: a red storno; a retry answers the same.
	key = newKey()
	soldVersion := field(sold.json, "document", "version")
	mustStatus(t, "clerk unposts", d.transition(t, d.clerk, saleID, "unpost", soldVersion, newKey()), 403)
	unposted := d.transition(t, d.accountant, saleID, "unpost", soldVersion, key)
	mustStatus(t, "unpost", unposted, 200)
	checkFields(t, "unposted", unposted.json, map[string]string{"document.status": "draft"})
	if field(unposted.json, "document", "entry") != nil || !hasPosting(unposted.json, "90.02", "41.01", "-600.00") {
		t.Errorf("unposted: want a draft without an entry and a red storno of the cost: %s", unposted.body)
	}
	if again := d.transition(t, d.accountant, saleID, "unpost", soldVersion, key); again.status != 200 || !bytes.Equal(again.body, unposted.body) {
		t.Errorf("a retried unpost answers %d\n%s\nnot the first result\n%s", again.status, again.body, unposted.body)
	}

	// Saving: the version read; a stale one is 409 with the app's message.
	current := field(unposted.json, "document", "version")
	edited := strings.Replace(saleBody, `"type":"sales_invoice",`, fmt.Sprintf(`"version":%v,"type":"sales_invoice",`, current), 1)
	edited = strings.Replace(edited, `"price":"500.00"`, `"price":"510.00"`, 1)
	saved := d.do(t, d.clerk, call{method: "PUT", path: fmt.Sprintf("%s/%v", docsPath, saleID), body: edited})
	mustStatus(t, "save", saved, 200)
	checkFields(t, "saved", saved.json, map[string]string{"totals.net": "1020.00", "lines.0.price": "510.00", "status": "draft"})
	stale := d.do(t, d.clerk, call{method: "PUT", path: fmt.Sprintf("%s/%v", docsPath, saleID), body: edited})
	mustStatus(t, "stale save", stale, 409)
	if msg := fmt.Sprint(field(stale.json, "message")); !strings.Contains(msg, "changed by someone else") {
		t.Errorf("stale save: %s", stale.body)
	}
	ru := d.do(t, d.clerk, call{method: "PUT", path: fmt.Sprintf("%s/%v?lang=ru", docsPath, saleID), body: edited})
	mustStatus(t, "stale save in Russian", ru, 409)
	if msg := fmt.Sprint(field(ru.json, "message")); strings.Contains(msg, "someone") || msg == "" {
		t.Errorf("stale save in Russian: %s", ru.body)
	}
	mustStatus(t, "viewer saves", d.do(t, d.viewer, call{method: "PUT", path: fmt.Sprintf("%s/%v", docsPath, saleID), body: edited}), 403)

	// Cancelling: a clerk may; a retry answers the same; a cancelled
	// document is not posted.
	v := field(saved.json, "version")
	cancelled := d.transition(t, d.clerk, saleID, "cancel", v, "")
	mustStatus(t, "cancel", cancelled, 200)
	checkFields(t, "cancelled", cancelled.json, map[string]string{"status": "cancelled", "number": "1"})
	if again := d.transition(t, d.clerk, saleID, "cancel", v, ""); again.status != 200 || !bytes.Equal(again.body, cancelled.body) {
		t.Errorf("a retried cancel answers %d %s", again.status, again.body)
	}
	mustStatus(t, "post a cancelled document", d.transition(t, d.accountant, saleID, "post", field(cancelled.json, "version"), newKey()), 409)
	mustStatus(t, "a missing document", d.do(t, d.viewer, call{method: "GET", path: docsPath + "/999999"}), 404)
	mustStatus(t, "not a document id", d.do(t, d.viewer, call{method: "GET", path: docsPath + "/x"}), 404)
	mustStatus(t, "another tenant's document", d.do(t, d.callers["accountant"], call{method: "GET", path: fmt.Sprintf("%s/%v", docsPath, id)}), 404)
}

// TestDocumentInput: what a body may not hold, each refusal naming the
// field.
func TestDocumentInput(t *testing.T) {
	d := docsBooks(t)
	line := func(l string) string {
		return `{"type":"act","date":"2025-03-01","refs":{"counterparty":{"code":"CUST"}},"lines":[{"service":true,"amount":"1.00"},` + l + `]}`
	}
	for _, c := range []struct{ name, body, want string }{
		{"a number for a price", line(`{"service":true,"price":100}`), "lines[1].price must be a string"},
		{"a number for a quantity", line(`{"qty":2}`), "lines[1].qty must be a string"},
		{"an unknown field of a line", line(`{"amont":"1.00"}`), `lines[1]: unknown field "amont"`},
		{"four decimals of a quantity", line(`{"qty":"1.0001"}`), "lines[1].qty"},
		{"three decimals of an amount", line(`{"amount":"1.001"}`), "lines[1].amount"},
		{"not a decimal", line(`{"amount":"1,5"}`), "lines[1].amount"},
		{"a VAT rate", line(`{"amount":"1.00","vat":"fifteen"}`), "lines[1].vat"},
		{"an unknown catalog entry", line(`{"amount":"1.00","refs":{"item":{"code":"NOPE"}}}`), "lines[1].refs.item"},
		{"an entry of another catalog", line(fmt.Sprintf(`{"amount":"1.00","refs":{"item":{"id":%d}}}`, d.ids.customer)), "lines[1].refs.item"},
		{"an unknown catalog", line(`{"amount":"1.00","refs":{"planet":{"code":"X"}}}`), "lines[1].refs"},
		{"a line that is not an object", line(`"x"`), "lines[1]"},
		{"an unknown type", `{"type":"invoice","date":"2025-03-01"}`, `unknown document type "invoice"`},
		{"no type", `{"date":"2025-03-01"}`, "type is required"},
		{"no date", `{"type":"act"}`, "date is required"},
		{"an unknown field", `{"type":"act","date":"2025-03-01","colour":"red"}`, "colour"},
		{"a version on create", `{"type":"act","date":"2025-03-01","version":1}`, "version"},
		{"a number for the rate", `{"type":"act","date":"2025-03-01","currency":"USD","rate":3.5}`, "rate must be a string"},
		{"an unknown currency", `{"type":"act","date":"2025-03-01","currency":"XXX"}`, "currency"},
		{"a basis too long", `{"type":"cash_receipt","date":"2025-03-01","basis":"` + strings.Repeat("é", 501) + `"}`, "basis is longer than 1000 bytes"},
		{"a person too long", `{"type":"cash_receipt","date":"2025-03-01","person":"` + strings.Repeat("x", 1001) + `"}`, "person is longer than 1000 bytes"},
		{"an attachment too long", `{"type":"cash_receipt","date":"2025-03-01","attachment":"` + strings.Repeat("x", 1001) + `"}`, "attachment is longer than 1000 bytes"},
		{"a supporting document too long", line(`{"amount":"1.00","supporting":"` + strings.Repeat("x", 1001) + `"}`), "lines[1].supporting is longer than 1000 bytes"},
		{"a posting's amount as a number", `{"type":"manual","date":"2025-03-01","postings":[{"debit":{"account":"26"},"credit":{"account":"80"},"amount":5}]}`, "amount must be a string"},
	} {
		r := d.create(t, d.clerk, c.body)
		if r.status != 422 || field(r.json, "error") != "invalid" || !strings.Contains(fmt.Sprint(field(r.json, "message")), c.want) {
			t.Errorf("%s: %d %s, want 422 naming %q", c.name, r.status, r.body, c.want)
		}
	}
	// The message is in the caller's language, the field as sent.
	r := d.do(t, d.clerk, call{method: "POST", path: docsPath + "?lang=tk", body: line(`{"amont":"1.00"}`)})
	if msg := fmt.Sprint(field(r.json, "message")); r.status != 422 || !strings.Contains(msg, "lines[1]") || !strings.Contains(msg, "näbelli") {
		t.Errorf("in Turkmen: %d %s", r.status, r.body)
	}
	for _, q := range []string{"?type=invoice", "?status=open", "?from=2025-13-01", "?counterparty=x", "?limit=501", "?cursor=zz"} {
		mustStatus(t, "list "+q, d.do(t, d.viewer, call{method: "GET", path: docsPath + q}), 422)
	}
	mustStatus(t, "a version as a string", d.transition(t, d.accountant, 1, "post", `"1"`, newKey()), 422)
}

// TestDocumentCashTexts: the basis, person and attachment of a cash
// order are kept as sent and answered back; a draft without them answers
// none.
func TestDocumentCashTexts(t *testing.T) {
	d := docsBooks(t)
	r := d.create(t, d.clerk, `{"type":"cash_receipt","date":"2025-03-05","refs":{"counterparty":{"code":"CUST"}},
		"lines":[{"account":"62.01","amount":"100.00","supporting":"Çek 5"}],
		"basis":"Оплата по договору CUST-1","person":"Ahmedow A.","attachment":"Hasap-faktura 12"}`)
	mustStatus(t, "cash receipt", r, 201)
	checkFields(t, "cash receipt", r.json, map[string]string{"basis": "Оплата по договору CUST-1", "person": "Ahmedow A.", "attachment": "Hasap-faktura 12", "lines.0.supporting": "Çek 5"})
	got := d.do(t, d.viewer, call{method: "GET", path: fmt.Sprintf("%s/%v", docsPath, field(r.json, "id"))})
	if !bytes.Equal(got.body, r.body) {
		t.Errorf("GET answers\n%s\nnot what the create answered\n%s", got.body, r.body)
	}
	plain := d.create(t, d.clerk, saleBody)
	mustStatus(t, "sale", plain, 201)
	for _, f := range []string{"basis", "person", "attachment"} {
		if field(plain.json, f) != nil {
			t.Errorf("a sale answers %s: %s", f, plain.body)
		}
	}
}

// TestDocumentPaging walks the acts a page at a time: each once, newest
// first, the cursor bound to its filters.
func TestDocumentPaging(t *testing.T) {
	d := docsBooks(t)
	var made []string
	for i := range 5 {
		r := d.create(t, d.clerk, fmt.Sprintf(`{"type":"act","date":"2025-05-%02d","refs":{"counterparty":{"id":%d}},"lines":[{"service":true,"amount":"%d.00"}]}`, i+1, d.ids.customer, 10+i))
		mustStatus(t, "act", r, 201)
		made = append(made, fmt.Sprint(field(r.json, "id")))
	}
	q := fmt.Sprintf("?type=act&from=2025-05-01&to=2025-05-31&counterparty=%d&limit=2", d.ids.customer)
	var seen []string
	cursor, pages := "", 0
	for {
		r := d.do(t, d.viewer, call{method: "GET", path: docsPath + q + "&cursor=" + url.QueryEscape(cursor)})
		mustStatus(t, "page", r, 200)
		pages++
		items, _ := field(r.json, "items").([]any)
		for _, it := range items {
			seen = append(seen, fmt.Sprint(field(it, "id")))
			if field(it, "type") != "act" {
				t.Errorf("a %v in the acts", field(it, "type"))
			}
		}
		next, _ := field(r.json, "next_cursor").(string)
		if next == "" {
			break
		}
		cursor = next
		if pages > 10 {
			t.Fatal("the walk does not end")
		}
	}
	if pages != 3 || len(seen) != 5 {
		t.Fatalf("%d pages, ids %v, want 3 pages and 5 acts", pages, seen)
	}
	for i := range seen {
		if seen[i] != made[len(made)-1-i] {
			t.Fatalf("walked %v, want newest first %v", seen, made)
		}
	}
	r := d.do(t, d.viewer, call{method: "GET", path: docsPath + "?type=act&limit=2"})
	next, _ := field(r.json, "next_cursor").(string)
	mustStatus(t, "a cursor of other filters", d.do(t, d.viewer, call{method: "GET", path: docsPath + "?type=waybill&cursor=" + next}), 422)
	r = d.do(t, d.viewer, call{method: "GET", path: fmt.Sprintf("%s?counterparty=%d&status=posted", docsPath, d.ids.supplier)})
	mustStatus(t, "by counterparty", r, 200)
	for _, it := range field(r.json, "items").([]any) {
		if field(it, "status") != "posted" || fmt.Sprint(field(it, "refs", "counterparty", "code")) != "SUP" {
			t.Errorf("posted documents of SUP: %v", it)
		}
	}
}

// checkFields checks dotted paths ("lines.0.qty") of v.
func checkFields(t *testing.T, what string, v any, want map[string]string) {
	t.Helper()
	for path, w := range want {
		var keys []any
		for _, k := range strings.Split(path, ".") {
			var n int
			if _, err := fmt.Sscanf(k, "%d", &n); err == nil {
				keys = append(keys, n)
			} else {
				keys = append(keys, k)
			}
		}
		if got := fmt.Sprint(field(v, keys...)); got != w {
			t.Errorf("%s: %s = %s, want %s", what, path, got, w)
		}
	}
}

// hasPosting reports whether the result's entry has Dt debit Kt credit
// of amount.
func hasPosting(result any, debit, credit, amount string) bool {
	ps, _ := field(result, "entry", "postings").([]any)
	for _, p := range ps {
		if field(p, "debit", "account") == debit && field(p, "credit", "account") == credit && field(p, "amount") == amount {
			return true
		}
	}
	return false
}

// The access matrix's documents are manual operations of acme.
const matrixDocumentBody = `{"type":"manual","date":"2025-03-02","comment":"Matrix document",
	"postings":[{"debit":{"account":"26"},"credit":{"account":"80"},"amount":"3.00"}]}`

// matrixVersion is the version of the document matrixDocument made last.
var matrixVersion_ struct {
	sync.Mutex
	v int64
}

// matrixDocument returns a path maker: each call makes a new document in
// acme (posted if posted) and returns its path with suffix.
func matrixDocument(o, suffix string, posted bool) func() string {
	return func() string {
		ctx := context.Background()
		d, err := fix.app.CreateDocument(ctx, app.System, acme, doc.Document{Type: doc.Manual, Date: ledger.DateOf(2025, 3, 2),
			Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 300}}})
		if err == nil && posted {
			d, _, err = fix.app.PostDocument(ctx, app.System, acme, d.ID, d.Version)
		}
		if err != nil {
			panic(err)
		}
		matrixVersion_.Lock()
		matrixVersion_.v = d.Version
		matrixVersion_.Unlock()
		return fmt.Sprintf("%s/documents/%d%s", o, d.ID, suffix)
	}
}

// matrixVersion returns a body maker: body (or an empty object) with the
// version of the document made last.
func matrixVersion(body string) func() string {
	return func() string {
		matrixVersion_.Lock()
		defer matrixVersion_.Unlock()
		if body == "" {
			body = "{}"
		}
		b := strings.Replace(body, "{", fmt.Sprintf(`{"version":%d,`, matrixVersion_.v), 1)
		return strings.Replace(b, ",}", "}", 1)
	}
}

// TestDocumentCreateOnce: a create with an Idempotency-Key sent again
// answers the draft it made (the same body); the key with another
// document is 409; without a key, two creates make two drafts.
func TestDocumentCreateOnce(t *testing.T) {
	d := docsBooks(t)
	key := newKey()
	h := map[string]string{"Idempotency-Key": key}
	first := d.do(t, d.clerk, call{method: "POST", path: docsPath, body: purchaseBody, headers: h})
	mustStatus(t, "create with a key", first, 201)
	again := d.do(t, d.clerk, call{method: "POST", path: docsPath, body: purchaseBody, headers: h})
	mustStatus(t, "the same create again", again, 201)
	if !bytes.Equal(first.body, again.body) {
		t.Errorf("the same create again answers\n%s\nnot the first answer\n%s", again.body, first.body)
	}
	other := strings.Replace(purchaseBody, "Flour from the mill", "Another comment", 1)
	if other == purchaseBody {
		t.Fatal("the test's other body is the same body")
	}
	mustStatus(t, "the key with another document", d.do(t, d.clerk, call{method: "POST", path: docsPath, body: other, headers: h}), 409)
	a := d.create(t, d.clerk, purchaseBody)
	b := d.create(t, d.clerk, purchaseBody)
	mustStatus(t, "without a key", a, 201)
	if field(a.json, "id") == field(b.json, "id") || field(a.json, "id") == field(first.json, "id") {
		t.Errorf("creates without a key: ids %v and %v (first %v), want three drafts", field(a.json, "id"), field(b.json, "id"), field(first.json, "id"))
	}
}
