package api_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
)

// orderBody: customer order of 2 kg of flour at 500.00 and a delivery of
// 100.00, VAT 15 % on top.
const orderBody = `{"type":"sales_order","date":"2025-02-05",
	"refs":{"counterparty":{"code":"CUST"},"contract":{"code":"CUST-1"},"warehouse":{"code":"WH"}},
	"lines":[{"refs":{"item":{"code":"FLOUR"}},"qty":"2.000","price":"500.00","vat":"15%"},{"service":true,"amount":"100.00","vat":"15%"}]}`

var (
	deriveOnce sync.Once
	deriveFix  *docsFixture
	deriveErr  error
)

// deriveBooks returns an organisation like docsBooks' of its own
// ("derive"), so that the numbers of other tests' documents stay theirs.
func deriveBooks(t *testing.T) *docsFixture {
	t.Helper()
	f := books(t)
	deriveOnce.Do(func() { deriveFix, deriveErr = buildDocs(f, "derive") })
	if deriveErr != nil {
		t.Fatal(deriveErr)
	}
	return deriveFix
}

func (d *docsFixture) derive(t *testing.T, who caller, id any, body, key string) response {
	t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	return d.do(t, who, call{method: "POST", path: fmt.Sprintf("%s/%v/derive", d.path, id), body: body, headers: h})
}

// TestDeriveDocument: a clerk drafts an order, which does not post (422
// with the reason), and creates from it an invoice (its lines), a waybill
// (the goods only) and a payment of the total with VAT, then of what is
// left; a key again answers the same draft, with another request 409; a
// path that does not exist is 422; the documents based on the order are
// listed by based_on.
func TestDeriveDocument(t *testing.T) {
	d := deriveBooks(t)
	order := d.create(t, d.clerk, orderBody)
	mustStatus(t, "draft an order", order, 201)
	checkFields(t, "order", order.json, map[string]string{"type": "sales_order", "totals.total": "1265.00"})
	id := field(order.json, "id")
	post := d.transition(t, d.accountant, id, "post", field(order.json, "version"), newKey())
	mustStatus(t, "post an order", post, 422)
	if msg, _ := field(post.json, "message").(string); msg != "an order does not post: create an invoice from it" {
		t.Errorf("post an order: %s", post.body)
	}

	mustStatus(t, "viewer derives", d.derive(t, d.viewer, id, `{"type":"sales_invoice"}`, ""), 403)
	key := newKey()
	inv := d.derive(t, d.clerk, id, `{"type":"sales_invoice","date":"2025-02-06"}`, key)
	mustStatus(t, "derive an invoice", inv, 201)
	checkFields(t, "invoice", inv.json, map[string]string{"type": "sales_invoice", "status": "draft", "date": "2025-02-06",
		"based_on": fmt.Sprint(id), "refs.counterparty.code": "CUST", "refs.contract.code": "CUST-1", "refs.warehouse.code": "WH",
		"lines.0.qty": "2.000", "lines.0.price": "500.00", "lines.0.refs.item.code": "FLOUR", "lines.1.amount": "100.00",
		"totals.total": "1265.00"})
	if loc := inv.header.Get("Location"); loc != fmt.Sprintf("%s/%v", d.path, field(inv.json, "id")) {
		t.Errorf("Location %q", loc)
	}
	again := d.derive(t, d.clerk, id, `{"type":"sales_invoice","date":"2025-02-06"}`, key)
	mustStatus(t, "derive again", again, 201)
	if !bytes.Equal(again.body, inv.body) {
		t.Errorf("a retried derive answers\n%s\nnot the first\n%s", again.body, inv.body)
	}
	mustStatus(t, "the key for another document", d.derive(t, d.clerk, id, `{"type":"waybill","date":"2025-02-06"}`, key), 409)

	bill := d.derive(t, d.clerk, field(inv.json, "id"), `{"type":"waybill","date":"2025-02-06"}`, "")
	mustStatus(t, "a waybill from the invoice", bill, 201)
	if lines, _ := field(bill.json, "lines").([]any); len(lines) != 1 || field(bill.json, "lines", 0, "refs", "item", "code") != "FLOUR" {
		t.Errorf("the waybill takes the goods only: %s", bill.body)
	}
	pay := d.derive(t, d.clerk, id, `{"type":"payment_in","date":"2025-02-07"}`, newKey())
	mustStatus(t, "a payment of the order", pay, 201)
	checkFields(t, "payment", pay.json, map[string]string{"type": "payment_in", "lines.0.amount": "1265.00", "refs.counterparty.code": "CUST"})
	// Part paid: the payment says 1 000.00, so the next is of the rest.
	edited := fmt.Sprintf(`{"version":%v,"date":"2025-02-07","refs":{"counterparty":{"code":"CUST"},"contract":{"code":"CUST-1"}},"lines":[{"amount":"1000.00"}]}`,
		field(pay.json, "version"))
	mustStatus(t, "pay part", d.do(t, d.clerk, call{method: "PUT", path: fmt.Sprintf("%s/%v", d.path, field(pay.json, "id")), body: edited}), 200)
	rest := d.derive(t, d.clerk, id, `{"type":"cash_receipt","date":"2025-02-08"}`, "")
	mustStatus(t, "a payment of the rest", rest, 201)
	checkFields(t, "the rest", rest.json, map[string]string{"type": "cash_receipt", "lines.0.amount": "265.00"})
	mustStatus(t, "paid in full", d.derive(t, d.clerk, id, `{"type":"payment_in"}`, ""), 422)

	for _, c := range []struct {
		name, body string
		status     int
	}{
		{"order to supplier invoice", `{"type":"supplier_invoice"}`, 422},
		{"unknown type", `{"type":"bill"}`, 422},
		{"no type", `{}`, 422},
		{"bad date", `{"type":"act","date":"2025-13-01"}`, 422},
		{"unknown field", `{"type":"act","lines":[]}`, 422},
	} {
		r := d.derive(t, d.clerk, id, c.body, "")
		mustStatus(t, c.name, r, c.status)
	}
	mustStatus(t, "derive from nothing", d.derive(t, d.clerk, 9999, `{"type":"act"}`, ""), 404)

	list := d.do(t, d.viewer, call{method: "GET", path: fmt.Sprintf("%s?based_on=%v", d.path, id)})
	mustStatus(t, "documents based on the order", list, 200)
	var types []string
	items, _ := field(list.json, "items").([]any)
	for i := range items {
		types = append(types, fmt.Sprint(field(list.json, "items", i, "type")))
	}
	if got := strings.Join(types, ","); got != "cash_receipt,payment_in,sales_invoice" {
		t.Errorf("documents based on the order: %s", got)
	}
	mustStatus(t, "bad based_on", d.do(t, d.viewer, call{method: "GET", path: d.path + "?based_on=x"}), 422)
}

// TestTransitionKeyReused: the Idempotency-Key of a post or unpost is
// kept with its request: the same key for another document, another
// version or the other transition is 422 naming the key, and changes
// nothing; the same key and request again is the first answer.
func TestTransitionKeyReused(t *testing.T) {
	d := deriveBooks(t)
	a := d.create(t, d.clerk, purchaseBody)
	b := d.create(t, d.clerk, purchaseBody)
	mustStatus(t, "draft a", a, 201)
	mustStatus(t, "draft b", b, 201)
	key := newKey()
	posted := d.transition(t, d.accountant, field(a.json, "id"), "post", field(a.json, "version"), key)
	mustStatus(t, "post a", posted, 200)

	clash := d.transition(t, d.accountant, field(b.json, "id"), "post", field(b.json, "version"), key)
	mustStatus(t, "the key for another document", clash, 422)
	if msg, _ := field(clash.json, "message").(string); !strings.Contains(msg, key) || field(clash.json, "error") != "invalid" {
		t.Errorf("clash answer %s: want the key named", clash.body)
	}
	if got := d.do(t, d.viewer, call{method: "GET", path: fmt.Sprintf("%s/%v", d.path, field(b.json, "id"))}); field(got.json, "status") != "draft" {
		t.Errorf("after a clash the other document is %v", field(got.json, "status"))
	}
	newVersion := field(posted.json, "document", "version")
	mustStatus(t, "the key for the unpost", d.transition(t, d.accountant, field(a.json, "id"), "unpost", newVersion, key), 422)
	mustStatus(t, "the key for another version", d.transition(t, d.accountant, field(a.json, "id"), "post", newVersion, key), 422)
	again := d.transition(t, d.accountant, field(a.json, "id"), "post", field(a.json, "version"), key)
	mustStatus(t, "the same request again", again, 200)
	if !bytes.Equal(again.body, posted.body) {
		t.Errorf("a retried post answers\n%s\nnot the first\n%s", again.body, posted.body)
	}
	// The unpost keeps its own key the same way.
	ukey := newKey()
	unposted := d.transition(t, d.accountant, field(a.json, "id"), "unpost", newVersion, ukey)
	mustStatus(t, "unpost a", unposted, 200)
	mustStatus(t, "the unpost's key for a post", d.transition(t, d.accountant, field(b.json, "id"), "post", field(b.json, "version"), ukey), 422)
	if again := d.transition(t, d.accountant, field(a.json, "id"), "unpost", newVersion, ukey); again.status != 200 || !bytes.Equal(again.body, unposted.body) {
		t.Errorf("a retried unpost answers %d %s", again.status, again.body)
	}
	// b is posted with a fresh key.
	mustStatus(t, "post b", d.transition(t, d.accountant, field(b.json, "id"), "post", field(b.json, "version"), newKey()), 200)
}

// matrixOrder returns a path maker for the access matrix: each call drafts
// a customer order in acme and returns the path of its derive.
func matrixOrder(o string) func() string {
	return func() string {
		d, err := fix.app.CreateDocument(context.Background(), app.System, acme, doc.Document{Type: doc.Order, Date: ledger.DateOf(2025, 3, 2),
			Lines: []doc.Line{{Service: true, Amount: 10000, VAT: doc.VAT15}}})
		if err != nil {
			panic(err)
		}
		return fmt.Sprintf("%s/documents/%d/derive", o, d.ID)
	}
}
