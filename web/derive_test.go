package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// deriveOrg is the organisation of the "create based on" tests, with a
// customer, its contract, flour, a warehouse, and a clerk (ru), an
// accountant (en) and a viewer (tk) of its own.
const deriveOrg = "derive-web"

const (
	deriveClerk      = "clerk@derive.example"
	deriveAccountant = "accountant@derive.example"
	deriveViewer     = "viewer@derive.example"
)

var deriveOnce = map[*fixture]bool{}

func deriveBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	if deriveOnce[f] {
		return f
	}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: deriveOrg, Name: "Derive Söwda", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, deriveOrg)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{TK: "Täze Bazar", RU: "Тязе Базар", EN: "Taze Bazar"}, 0)
	an(ledger.Contract, "CUST-1", ledger.Names{TK: "Satuw şertnamasy", RU: "Договор продажи 1", EN: "Sales contract 1"}, cust)
	an(ledger.Item, "FLOUR", ledger.Names{TK: "Un", RU: "Мука пшеничная", EN: "Flour"}, 0)
	an(ledger.Warehouse, "WH", ledger.Names{TK: "Esasy ammar", RU: "Основной склад", EN: "Main warehouse"}, 0)
	addMembers(t, f.app, deriveOrg, "Derive", []member{{deriveClerk, "ru", auth.Clerk}, {deriveAccountant, "en", auth.Accountant}, {deriveViewer, "tk", auth.Viewer}})
	deriveOnce[f] = true
	return f
}

var deriveDocPath = regexp.MustCompile(`^/o/` + deriveOrg + `/documents/([0-9]+)(/edit)?$`)

// redirectedTo returns the id of the document an answer redirects to, and
// whether to its form.
func redirectedTo(t *testing.T, what string, res *http.Response, body string) (int64, bool) {
	t.Helper()
	m := deriveDocPath.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: %d to %q, want 303 to a document:\n%s", what, res.StatusCode, res.Header.Get("Location"), clip(body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id, m[2] != ""
}

func deriveDoc(t *testing.T, f *fixture, id int64) app.Document {
	t.Helper()
	d, err := f.app.GetDocument(context.Background(), app.System, deriveOrg, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDeriveDocuments: a clerk enters a customer's order through the form;
// its page offers no posting (not even to the accountant, whose post is
// refused with the reason) but "create based on" the sale's documents and
// the payments; the clerk creates an invoice (its form opens; the same
// click again makes no second one) and a payment (its form opens); the
// order lists them and each names the order, in ru, en and tk; a viewer
// sees the links but no buttons and may not derive; the order prints as
// the invoice for payment.
func TestDeriveDocuments(t *testing.T) {
	f := deriveBooks(t)
	clerk := f.login(t, deriveClerk, "ru")
	acc := f.login(t, deriveAccountant, "en")
	viewer := f.login(t, deriveViewer, "tk")
	base := "/o/" + deriveOrg

	res, body := clerk.get(base + "/documents/new?type=sales_order")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Заказ покупателя") {
		t.Fatalf("the form of an order: %d:\n%s", res.StatusCode, clip(body))
	}
	form := url.Values{"date": {"05.02.2026"}, "counterparty": {"CUST"}, "contract": {"CUST-1"}, "warehouse": {"WH"}, "lines": {"3"},
		"item0": {"FLOUR"}, "qty0": {"2"}, "price0": {"500,00"}, "vat0": {"15%"}, "vat1": {"15%"}, "vat2": {"15%"}, "save": {"1"}, "key": {"order-form-1"}}
	res, body = clerk.post(base+"/documents/new?type=sales_order", form, nil)
	orderID, _ := redirectedTo(t, "save the order", res, body)
	order := deriveDoc(t, f, orderID)
	if order.Type != doc.Order || order.Number != 1 || len(order.Lines) != 1 {
		t.Fatalf("the order as saved: %+v", order.Document)
	}
	orderURL := base + "/documents/" + strconv.FormatInt(orderID, 10)

	_, body = clerk.get(orderURL)
	for _, want := range []string{"Заказ покупателя № 1 от 05.02.2026", "Создать на основании", `action="` + orderURL + `/derive"`,
		`value="sales_invoice"`, `value="waybill"`, `value="act"`, `value="payment_in"`, `value="cash_receipt"`, ">Счёт-фактура<",
		">Приходный кассовый ордер<", orderURL + "/print"} {
		if !strings.Contains(body, want) {
			t.Errorf("the clerk's page of the order lacks %q", want)
		}
	}
	if strings.Contains(body, `value="supplier_invoice"`) || strings.Contains(body, `value="payment_out"`) {
		t.Errorf("the order offers a purchase's documents")
	}
	_, body = acc.get(orderURL)
	if strings.Contains(body, orderURL+`/post"`) || !strings.Contains(body, "Create based on") {
		t.Errorf("the accountant's page of an order: a post button, or no derive buttons")
	}
	if _, body = acc.get(orderURL + "/edit"); strings.Contains(body, `name="post"`) || !strings.Contains(body, `name="save"`) {
		t.Errorf("the accountant's form of an order offers to post it, or not to save it")
	}
	if _, body = acc.get(base + "/documents/new?type=sales_invoice"); !strings.Contains(body, `name="post"`) {
		t.Errorf("the accountant's form of an invoice does not offer to post it")
	}
	res, body = acc.post(orderURL+"/post", version(order), nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "an order does not post: create an invoice from it") {
		t.Fatalf("posting an order: %d, want 422 with the reason:\n%s", res.StatusCode, clip(body))
	}

	// Create an invoice: its form opens; the same click again opens it again.
	click := url.Values{"type": {"sales_invoice"}, "key": {"k1-sales_invoice"}}
	res, body = clerk.post(orderURL+"/derive", click, nil)
	invID, toForm := redirectedTo(t, "derive an invoice", res, body)
	if !toForm {
		t.Errorf("deriving an invoice does not open its form")
	}
	res, body = clerk.post(orderURL+"/derive", click, nil)
	if again, _ := redirectedTo(t, "derive again", res, body); again != invID {
		t.Errorf("the same click made document %d, then %d", invID, again)
	}
	inv := deriveDoc(t, f, invID)
	if inv.Type != doc.SalesInvoice || inv.BasedOn != orderID || inv.Status != doc.Draft || len(inv.Lines) != 1 || inv.Lines[0].Qty != 2000 {
		t.Fatalf("the derived invoice: %+v", inv.Document)
	}
	res, body = clerk.get(base + "/documents/" + strconv.FormatInt(invID, 10) + "/edit")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `value="FLOUR"`) {
		t.Errorf("the derived invoice's form: %d, or without its line", res.StatusCode)
	}
	// A payment: its form opens, for the amount with VAT.
	res, body = clerk.post(orderURL+"/derive", url.Values{"type": {"payment_in"}, "key": {"k1-payment_in"}}, nil)
	payID, toForm := redirectedTo(t, "derive a payment", res, body)
	if !toForm || deriveDoc(t, f, payID).Lines[0].Amount != 115000 {
		t.Errorf("the payment: to its form %v, %+v", toForm, deriveDoc(t, f, payID).Document)
	}
	// A path that does not exist: the order again with the reason.
	res, body = clerk.post(orderURL+"/derive", url.Values{"type": {"payment_out"}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "документ типа payment_out нельзя создать на основании документа типа sales_order") {
		t.Errorf("a path that does not exist: %d:\n%s", res.StatusCode, body[strings.Index(body, "<main"):])
	}

	// The order lists what was made from it; each names the order.
	_, body = clerk.get(orderURL)
	for _, want := range []string{"Документы, созданные на основании этого", "Счёт-фактура № 1 от", "Поступление на расчётный счёт № 1 от",
		`href="` + base + "/documents/" + strconv.FormatInt(invID, 10) + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the order's page lacks %q", want)
		}
	}
	_, body = acc.get(base + "/documents/" + strconv.FormatInt(invID, 10))
	for _, want := range []string{"Based on", "Customer order No. 1 of 2026-02-05", `href="` + orderURL + `"`, `value="waybill"`, `value="payment_in"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the invoice's page in English lacks %q", want)
		}
	}
	res, body = viewer.get(orderURL)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Şunuň esasynda döredilen resminamalar") || !strings.Contains(body, "Hasap-faktura № 1") {
		t.Errorf("the viewer's page of the order in Turkmen: %d:\n%s", res.StatusCode, clip(body))
	}
	if strings.Contains(body, "/derive\"") {
		t.Errorf("the viewer is offered to create documents")
	}
	res, _ = viewer.post(orderURL+"/derive", url.Values{"type": {"act"}, "key": {"v1"}}, nil)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("the viewer derives: %d, want 403", res.StatusCode)
	}
	if based, _ := f.app.DocumentsBasedOn(context.Background(), app.System, deriveOrg, orderID); len(based) != 2 {
		t.Errorf("%d documents based on the order, want 2 (the invoice and the payment)", len(based))
	}

	// The journal filters orders; the order prints as the invoice for payment.
	_, body = clerk.get(base + "/documents?type=sales_order")
	if !strings.Contains(body, `href="`+orderURL+`"`) || strings.Contains(body, `href="`+base+"/documents/"+strconv.FormatInt(invID, 10)+`"`) {
		t.Errorf("the journal's filter by orders")
	}
	res, body = clerk.get(orderURL + "/print")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Счёт на оплату") || !strings.Contains(body, "Просим оплатить") || !strings.Contains(body, "1 150,00") {
		t.Errorf("the order's printed form: %d:\n%s", res.StatusCode, clip(body))
	}
	res, body = clerk.get(orderURL + "/print?lang=tk")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Töleg üçin hasap") {
		t.Errorf("the order's printed form in Turkmen: %d", res.StatusCode)
	}
}
