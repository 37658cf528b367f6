package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// The bank pages' organisation: its own, so that its statements and
// documents are its own.
const (
	bankOrg        = "bank-web"
	bankAccountant = "accountant@bank-web.example"
	bankClerk      = "clerk@bank-web.example"
	bankViewer     = "viewer@bank-web.example"
)

var bankOnce = map[*fixture]bool{}

// bankBooks makes bank-web: a customer with an act of 1 150.00 and a
// supplier with an invoice of 230.00, both posted, cash-flow items, and an
// accountant (ru), a clerk (tk) and a viewer (en).
func bankBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	if bankOnce[f] {
		return f
	}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: bankOrg, Name: "Bank Söwda", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, bankOrg)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{TK: "Gök Bazar HJ", RU: "ХО «Гёк Базар»", EN: "Gok Bazar"}, 0)
	sup := an(ledger.Counterparty, "102030405", ledger.Names{TK: "Nebit Gaz", RU: "Небит Газ", EN: "Nebit Gaz"}, 0)
	custCtr := an(ledger.Contract, "CUST-1", ledger.Names{RU: "Договор 1"}, cust)
	supCtr := an(ledger.Contract, "SUP-1", ledger.Names{RU: "Договор 2"}, sup)
	an(ledger.CashFlowItem, "CF-IN", ledger.Names{RU: "Поступления"}, 0)
	an(ledger.CashFlowItem, "CF-OUT", ledger.Names{RU: "Платежи"}, 0)
	for _, d := range []doc.Document{
		{Type: doc.Act, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: cust, Contract: custCtr}, Lines: []doc.Line{{Service: true, Amount: 100000}}},
		{Type: doc.SupplierInvoice, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: sup, Contract: supCtr}, Lines: []doc.Line{{Service: true, Amount: 20000}}},
	} {
		made, err := f.app.CreateDocument(ctx, app.System, bankOrg, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.app.PostDocument(ctx, app.System, bankOrg, made.ID, made.Version); err != nil {
			t.Fatal(err)
		}
	}
	addMembers(t, f.app, bankOrg, "Bank", []member{{bankAccountant, "ru", auth.Accountant}, {bankClerk, "tk", auth.Clerk}, {bankViewer, "en", auth.Viewer}})
	bankOnce[f] = true
	return f
}

// The March statement: the customer pays act № 1 naming it, we pay the
// supplier, whose tax id the bank writes.
const bankMT940 = `:20:MARCH-1
:25:TM0001
:60F:C260302TMT0,00
:61:2603030303C1150,00NTRFE2E-1//B1
:86:Payment for act № 1
:61:2603050305D230,00NTRFNONREF//B2
:86:Nebit Gaz INN 102030405
:62F:C260305TMT920,00
`

// uploadStatement posts a statement file through the bank page's form.
func (c *client) uploadStatement(path string, fields map[string]string, file string) (*http.Response, string) {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != "" {
		fw, _ := mw.CreateFormFile("file", "statement.sta")
		fw.Write([]byte(file))
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.f.srv.URL+path, &b)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// TestBankPages walks a statement through the pages: uploaded by a
// clerk, refused again and when bad (the line named, in the user's
// language), reviewed with its proposals and reconciliation, refused to a
// clerk who would post, confirmed and posted by an accountant once, read
// by a viewer without the form, and by nobody of another organisation.
func TestBankPages(t *testing.T) {
	f := bankBooks(t)
	acc, clerk, viewer := f.login(t, bankAccountant, "ru"), f.login(t, bankClerk, "tk"), f.login(t, bankViewer, "en")
	outsider := f.login(t, acmeUser, "en")

	res, body := clerk.get("/o/" + bankOrg + "/bank")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Bank göçürmeleri") || !strings.Contains(body, `name="format"`) {
		t.Fatalf("the bank page in Turkmen: %d\n%s", res.StatusCode, body)
	}
	bad := strings.Replace(bankMT940, "C1150,00", "C1150,001", 1)
	res, body = clerk.uploadStatement("/o/"+bankOrg+"/bank", map[string]string{"format": "mt940"}, bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "setir 4:") {
		t.Fatalf("a bad file: %d, want 422 naming line 4 in Turkmen\n%s", res.StatusCode, body)
	}
	res, _ = viewer.uploadStatement("/o/"+bankOrg+"/bank", map[string]string{"format": "mt940"}, bankMT940)
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("a viewer uploads: %d", res.StatusCode)
	}
	res, _ = clerk.uploadStatement("/o/"+bankOrg+"/bank", map[string]string{"format": "mt940"}, bankMT940)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/o/bank-web/bank/\d+$`).MatchString(loc) {
		t.Fatalf("upload: %d to %q", res.StatusCode, loc)
	}
	res, body = acc.uploadStatement("/o/"+bankOrg+"/bank", map[string]string{"format": "mt940"}, bankMT940)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "этот файл уже загружен") {
		t.Fatalf("the same file again: %d\n%s", res.StatusCode, body)
	}

	res, body = acc.get(loc)
	if res.StatusCode != http.StatusOK || len(body) > 50<<10 {
		t.Fatalf("review: %d, %d bytes", res.StatusCode, len(body))
	}
	for _, want := range []string{"по номеру в назначении платежа", "по ИНН", `name="cp_1" value="CUST"`, `name="cp_2" value="102030405"`,
		`name="contract_1" value="CUST-1"`, `name="take_1" value="1" checked`, "Сверка", "920,00", `name="cashflow_in"`} {
		if !strings.Contains(body, want) {
			t.Errorf("review lacks %q", want)
		}
	}
	invoice := regexp.MustCompile(`<option value="(\d+)" selected>№ 1 · `).FindStringSubmatch(body)
	if invoice == nil {
		t.Fatalf("review: act № 1 is not the chosen invoice of line 1\n%s", body)
	}
	if res, _ := outsider.get(loc); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another organisation's user: %d", res.StatusCode)
	}

	form := url.Values{"offset": {"0"}, "line": {"1", "2"}, "take_1": {"1"}, "take_2": {"1"}, "cp_1": {"CUST"}, "contract_1": {"CUST-1"},
		"invoice_1": {invoice[1]}, "cp_2": {"102030405"}, "contract_2": {"SUP-1"}, "cashflow_in": {"CF-IN"}, "cashflow_out": {"CF-OUT"},
		"post": {"1"}, "action": {"confirm"}}
	if res, _ := clerk.post(loc, form, nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a clerk posts: %d", res.StatusCode)
	}
	wrong := url.Values{}
	for k, v := range form {
		wrong[k] = v
	}
	wrong.Set("cp_2", "NOBODY")
	res, body = acc.post(loc, wrong, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "строка 2: нет контрагента с кодом &#34;NOBODY&#34;") ||
		!strings.Contains(body, `name="cp_2" value="NOBODY"`) {
		t.Fatalf("an unknown counterparty: %d\n%s", res.StatusCode, body)
	}
	res, _ = acc.post(loc, form, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "made=2&offset=0&posted=2") {
		t.Fatalf("confirm: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = acc.get(res.Header.Get("Location"))
	if !strings.Contains(body, "Создано документов: 2; проведено: 2.") || !strings.Contains(body, "Строк ещё нет в учёте: 0") || strings.Contains(body, `name="take_1"`) {
		t.Fatalf("after confirming: %d\n%s", res.StatusCode, body)
	}
	res, _ = acc.post(loc, form, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "made=0&offset=0&posted=0") {
		t.Fatalf("confirming again: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	res, body = viewer.get(loc)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Reconciliation") || strings.Contains(body, `value="confirm"`) {
		t.Fatalf("the viewer's review: %d\n%s", res.StatusCode, body)
	}
	res, body = viewer.get("/o/" + bankOrg + "/bank")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "MARCH-1") || strings.Contains(body, `name="file"`) {
		t.Fatalf("the viewer's list: %d\n%s", res.StatusCode, body)
	}
}

// TestBankMappingPages: an accountant saves a bank's CSV mapping, a
// mistake comes back at its field, a clerk cannot edit one, and a CSV
// file is read through it.
func TestBankMappingPages(t *testing.T) {
	f := bankBooks(t)
	acc, clerk := f.login(t, bankAccountant, "ru"), f.login(t, bankClerk, "tk")
	if res, _ := clerk.get("/o/" + bankOrg + "/bank/mappings/new"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a clerk opens the editor: %d", res.StatusCode)
	}
	res, body := acc.get("/o/" + bankOrg + "/bank/mappings/new")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="date_layout" value="02.01.2006"`) {
		t.Fatalf("the editor: %d\n%s", res.StatusCode, body)
	}
	form := url.Values{"name": {"Halkbank"}, "delimiter": {";"}, "header_rows": {"1"}, "date": {"1"}, "date_layout": {"02.01.2006"},
		"amount": {"2"}, "counterparty": {"3"}, "description": {"3"}, "decimal_comma": {"1"}, "currency": {"TMT"}, "account": {"TM0009"}}
	res, body = acc.post("/o/"+bankOrg+"/bank/mappings/new", form, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "столбец 3") && !strings.Contains(body, "column 3") {
		t.Fatalf("a column mapped twice: %d\n%s", res.StatusCode, body)
	}
	form.Set("description", "4")
	if res, _ = acc.post("/o/"+bankOrg+"/bank/mappings/new", form, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	_, body = acc.get("/o/" + bankOrg + "/bank")
	m := regexp.MustCompile(`<option value="(\d+)"[^>]*>Halkbank</option>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the upload form does not offer the mapping\n%s", body)
	}
	res, _ = clerk.uploadStatement("/o/"+bankOrg+"/bank", map[string]string{"format": "csv", "mapping": m[1]},
		"Date;Amount;Payer;Details\n06.03.2026;1150,00;Gök Bazar;act 1\n")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a CSV upload: %d", res.StatusCode)
	}
	res, body = acc.get(res.Header.Get("Location"))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "TM0009") {
		t.Fatalf("the CSV statement: %d\n%s", res.StatusCode, body)
	}
}
