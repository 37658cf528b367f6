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
	"hasap/money"
	"hasap/store"
)

// formsOrg is the organisation of the tests of the forms of payments, cash
// orders, advance reports, opening balances and manual operations: the
// cis chart, a supplier and a customer with their contracts, an employee,
// cash-flow items, flour and a warehouse; a clerk, an accountant and a
// viewer of its own.
const formsOrg = "forms-web"

const (
	formsClerk      = "clerk@forms.example"
	formsAccountant = "accountant@forms.example"
	formsViewer     = "viewer@forms.example"
)

var formsOnce = map[*fixture]bool{}

func formsBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	if formsOnce[f] {
		return f
	}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: formsOrg, Name: "Forms Söwda", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := func(kind ledger.AnalyticKind, code string, names ledger.Names, owner string) {
		x := ledger.Analytic{Kind: kind, Code: code, Names: names}
		if owner != "" {
			o, err := f.app.AnalyticByCode(ctx, app.System, formsOrg, ledger.Counterparty, owner)
			if err != nil {
				t.Fatal(err)
			}
			x.Owner = o.ID
		}
		if err := f.app.CreateAnalytic(ctx, app.System, formsOrg, &x); err != nil {
			t.Fatal(err)
		}
	}
	an(ledger.Counterparty, "SUP", ledger.Names{TK: "Ak Bugdaý HJ", RU: "ХО «Ак Бугдай»", EN: "Ak Bugday"}, "")
	an(ledger.Counterparty, "CUST", ledger.Names{TK: "Täze Bazar", RU: "Тязе Базар", EN: "Taze Bazar"}, "")
	an(ledger.Contract, "SUP-1", ledger.Names{TK: "Üpjünçilik şertnamasy", RU: "Договор поставки 1", EN: "Supply contract 1"}, "SUP")
	an(ledger.Contract, "CUST-1", ledger.Names{TK: "Satuw şertnamasy", RU: "Договор продажи 1", EN: "Sales contract 1"}, "CUST")
	an(ledger.Employee, "EMP", ledger.Names{TK: "Amanow Aman", RU: "Аманов Аман", EN: "Aman Amanov"}, "")
	an(ledger.CashFlowItem, "CF-IN", ledger.Names{TK: "Alyjylardan", RU: "Поступления от покупателей", EN: "From customers"}, "")
	an(ledger.CashFlowItem, "CF-OUT", ledger.Names{TK: "Üpjün edijilere", RU: "Оплата поставщикам", EN: "To suppliers"}, "")
	an(ledger.Item, "FLOUR", ledger.Names{TK: "Un", RU: "Мука пшеничная", EN: "Flour"}, "")
	an(ledger.Warehouse, "WH", ledger.Names{TK: "Esasy ammar", RU: "Основной склад", EN: "Main warehouse"}, "")
	addMembers(t, f.app, formsOrg, "Forms", []member{{formsClerk, "ru", auth.Clerk}, {formsAccountant, "ru", auth.Accountant}, {formsViewer, "tk", auth.Viewer}})
	formsOnce[f] = true
	return f
}

const formsBase = "/o/" + formsOrg

var formsDocPath = regexp.MustCompile(`^/o/` + formsOrg + `/documents/([0-9]+)$`)

// formsCreated sends form v to path as c and returns the id of the
// document the answer redirects to.
func formsCreated(t *testing.T, what string, c *client, path string, v url.Values) int64 {
	t.Helper()
	res, body := c.post(path, v, nil)
	m := formsDocPath.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: %d to %q, want 303 to a document:\n%s", what, res.StatusCode, res.Header.Get("Location"), clip(body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func formsDoc(t *testing.T, f *fixture, id int64) app.Document {
	t.Helper()
	d, err := f.app.GetDocument(context.Background(), app.System, formsOrg, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// formsCount is how many documents forms-web has.
func formsCount(t *testing.T, f *fixture) int {
	t.Helper()
	ds, err := f.app.ListDocuments(context.Background(), app.System, formsOrg, store.DocumentFilter{Limit: store.MaxDocumentLimit})
	if err != nil {
		t.Fatal(err)
	}
	return len(ds)
}

// formsEntry is the entry document id posted.
func formsEntry(t *testing.T, f *fixture, id int64) ledger.Entry {
	t.Helper()
	d := formsDoc(t, f, id)
	if d.Status != doc.Posted || d.Entry == 0 {
		t.Fatalf("document %d is %s, want posted", id, d.Status)
	}
	e, err := f.app.EntryBySeq(context.Background(), app.System, formsOrg, d.Entry)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// posting finds the posting Dt dt Kt kt of e; ok false when none.
func posting(e ledger.Entry, dt, kt ledger.AccountCode) (ledger.Posting, bool) {
	for _, p := range e.Postings {
		if p.Debit.Account == dt && p.Credit.Account == kt {
			return p, true
		}
	}
	return ledger.Posting{}, false
}

// analyticID is the id of a catalog entry of forms-web.
func analyticID(t *testing.T, f *fixture, kind ledger.AnalyticKind, code string) ledger.AnalyticID {
	t.Helper()
	a, err := f.app.AnalyticByCode(context.Background(), app.System, formsOrg, kind, code)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// form builds the values of a form: pairs of name and value.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// mustHave fails when body lacks any of want.
func mustHave(t *testing.T, what, body string, want ...string) {
	t.Helper()
	main := body
	if i := strings.Index(body, "<main>"); i >= 0 {
		main = body[i:]
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, clip(main))
		}
	}
}

// TestDocFormsPayments: each of the four money documents through its form:
// the clerk's empty form (no posting button), a draft saved with what was
// typed, the accountant's save-and-post, and the entry in the books.
func TestDocFormsPayments(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "ru")
	acc := f.login(t, formsAccountant, "ru")
	cust, custCtr, sup, supCtr := analyticID(t, f, ledger.Counterparty, "CUST"), analyticID(t, f, ledger.Contract, "CUST-1"),
		analyticID(t, f, ledger.Counterparty, "SUP"), analyticID(t, f, ledger.Contract, "SUP-1")
	cfIn, cfOut := analyticID(t, f, ledger.CashFlowItem, "CF-IN"), analyticID(t, f, ledger.CashFlowItem, "CF-OUT")
	for _, c := range []struct {
		typ            doc.Type
		basis          string
		cp, ctr, cf    string
		dt, kt         ledger.AccountCode
		cpID, ctrID    ledger.AnalyticID
		cfID           ledger.AnalyticID
		cash, incoming bool
		rule           ledger.AccountCode
	}{
		// Nothing is owed on either contract yet: each payment is an
		// advance, received (62.02) or paid (60.02); the form names the
		// rule's settlement account, from which the rule splits the advance.
		{doc.PaymentIn, "Назначение платежа", "CUST", "CUST-1", "CF-IN", "51", "62.02", cust, custCtr, cfIn, false, true, "62.01"},
		{doc.PaymentOut, "Назначение платежа", "SUP", "SUP-1", "CF-OUT", "60.02", "51", sup, supCtr, cfOut, false, false, "60.01"},
		{doc.CashReceipt, "Основание", "CUST", "CUST-1", "CF-IN", "50.01", "62.02", cust, custCtr, cfIn, true, true, "62.01"},
		{doc.CashExpense, "Основание", "SUP", "SUP-1", "CF-OUT", "60.02", "50.01", sup, supCtr, cfOut, true, false, "60.01"},
	} {
		t.Run(string(c.typ), func(t *testing.T) {
			path := formsBase + "/documents/new?type=" + string(c.typ)
			res, body := clerk.get(path)
			if res.StatusCode != http.StatusOK || strings.Contains(body, `name="post"`) {
				t.Fatalf("the clerk's form: %d, or it offers to post:\n%s", res.StatusCode, clip(body))
			}
			mustHave(t, "the form", body, c.basis, `name="basis"`, `name="cashflow"`, `name="currency"`, `name="acct0"`, `name="key"`)
			if c.cash != strings.Contains(body, `name="person"`) || c.cash != strings.Contains(body, `name="attachment"`) {
				t.Errorf("person and attachment on a cash order only: cash %v", c.cash)
			}
			v := form("date", "05.03.2026", "counterparty", c.cp, "contract", c.ctr, "cashflow", c.cf, "lines", "3",
				"amt0", "1 150,00", "basis", "Оплата по договору "+c.ctr, "person", "Ахмедов А.", "attachment", "Счёт № 12",
				"key", "web:test-"+string(c.typ), "save", "1")
			id := formsCreated(t, "the clerk's draft", clerk, path, v)
			d := formsDoc(t, f, id)
			wantPerson, wantAttach := "", ""
			if c.cash {
				wantPerson, wantAttach = "Ахмедов А.", "Счёт № 12"
			}
			if d.Status != doc.Draft || d.Counterparty != c.cpID || d.Contract != c.ctrID || d.CashFlow != c.cfID ||
				d.Basis != "Оплата по договору "+c.ctr || d.Person != wantPerson || d.Attachment != wantAttach ||
				len(d.Lines) != 1 || d.Lines[0].Amount != 115000 || d.Lines[0].Account != "" || d.Currency != "" {
				t.Fatalf("the draft as saved: %+v", d.Document)
			}
			// The same form again (a double click): the same draft.
			if again := formsCreated(t, "the form again", clerk, path, v); again != id {
				t.Errorf("the form sent twice made documents %d and %d", id, again)
			}
			docPage := formsBase + "/documents/" + strconv.FormatInt(id, 10)
			_, body = clerk.get(docPage)
			mustHave(t, "the draft's page", body, doc.Title(c.typ, "ru"), "Оплата по договору "+c.ctr, "1 150,00", "Статья ДДС", string(c.rule)+` <small class="hint">по правилу`)
			// The clerk's edit form shows what was typed; the accountant
			// saves and posts it.
			_, body = clerk.get(docPage + "/edit")
			mustHave(t, "the edit form", body, `value="1 150,00"`, `value="`+c.cf+`"`, `value="Оплата по договору `+c.ctr+`"`)
			v.Del("key")
			v.Del("save")
			v.Set("version", strconv.FormatInt(d.Version, 10))
			v.Set("post", "1")
			res, body = acc.post(docPage+"/edit", v, nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save and post: %d\n%s", res.StatusCode, clip(body))
			}
			e := formsEntry(t, f, id)
			p, ok := posting(e, c.dt, c.kt)
			if len(e.Postings) != 1 || !ok || p.Amount != 115000 {
				t.Fatalf("the entry: want Dt %s Kt %s 1150.00, got %+v", c.dt, c.kt, e.Postings)
			}
			money := p.Debit
			if !c.incoming {
				money = p.Credit
			}
			if money.Analytics[0] != c.cfID {
				t.Errorf("the cash side's cash-flow item: %+v", money)
			}
			_, body = acc.get(docPage)
			mustHave(t, "the posted document's page", body, "Проводки", ">"+string(c.dt)+"<", ">"+string(c.kt)+"<")
		})
	}
}

// TestDocFormsCashInCurrency: a KO-2 in dollars to the accountable person:
// the line's account is 71.01 with the employee, the cash desk 50.21,
// converted at the rate typed.
func TestDocFormsCashInCurrency(t *testing.T) {
	f := formsBooks(t)
	acc := f.login(t, formsAccountant, "en")
	path := formsBase + "/documents/new?type=cash_expense"
	v := form("date", "2026-03-06", "employee", "EMP", "cashflow", "CF-OUT", "currency", "USD", "rate", "3.5", "lines", "3",
		"acct0", "71.01", "amt0", "100.00", "basis", "Travel advance", "person", "Aman Amanov", "post", "1", "key", "web:test-ko2-usd")
	id := formsCreated(t, "KO-2 in USD", acc, path, v)
	d := formsDoc(t, f, id)
	if d.Currency != "USD" || d.Rate.String() != "3.5" || d.Employee != analyticID(t, f, ledger.Employee, "EMP") {
		t.Fatalf("the KO-2 as saved: %+v", d.Document)
	}
	e := formsEntry(t, f, id)
	p, ok := posting(e, "71.01", "50.21")
	if !ok || p.Amount != 35000 || p.Credit.Currency != "USD" || p.Credit.CurAmount != 10000 {
		t.Fatalf("the entry: want Dt 71.01 Kt 50.21 350.00 (USD 100.00), got %+v", e.Postings)
	}
	_, body := acc.get(formsBase + "/documents/" + strconv.FormatInt(id, 10))
	mustHave(t, "the KO-2's page", body, "USD", "Issued to", "Aman Amanov", "Travel advance", "Employee")

	// In the base currency, the account left empty: to an employee with
	// no counterparty it is 71.01.
	v = form("date", "2026-03-06", "employee", "EMP", "cashflow", "CF-OUT", "lines", "3", "amt0", "40.00",
		"person", "Aman Amanov", "post", "1", "key", "web:test-ko2-emp")
	id = formsCreated(t, "KO-2 to the employee", acc, path, v)
	if d := formsDoc(t, f, id); len(d.Lines) != 1 || d.Lines[0].Account != "71.01" {
		t.Fatalf("the KO-2 to the employee as saved: %+v", d.Lines)
	}
	if p, ok := posting(formsEntry(t, f, id), "71.01", "50.01"); !ok || p.Amount != 4000 || p.Debit.Analytics[0] != analyticID(t, f, ledger.Employee, "EMP") {
		t.Errorf("KO-2 to the employee: want Dt 71.01 (the employee) Kt 50.01 40.00")
	}
}

// TestDocFormsErrors: each problem at its field in the user's language,
// what was typed kept, nothing saved.
func TestDocFormsErrors(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "ru")
	before := formsCount(t, f)
	for _, c := range []struct {
		name, typ string
		v         url.Values
		want      []string
	}{
		{"no one, no cash-flow item", "payment_in", form("date", "05.03.2026", "lines", "3", "amt0", "10,00", "basis", "Аванс"),
			[]string{"Выберите контрагента или сотрудника.", "Выберите статью движения денежных средств.", `value="Аванс"`, `value="10,00"`}},
		{"an amount that is not one, an unknown account", "payment_out", form("date", "05.03.2026", "counterparty", "SUP", "cashflow", "CF-OUT", "lines", "3", "amt0", "десять", "acct1", "99.99", "amt1", "5"),
			[]string{"не сумма", "счёт 99.99 не существует", `value="десять"`, `value="99.99"`}},
		{"a group account", "cash_receipt", form("date", "05.03.2026", "counterparty", "CUST", "cashflow", "CF-IN", "lines", "3", "acct0", "62", "amt0", "5"),
			[]string{"у счёта 62 есть субсчета"}},
		{"a basis too long, no lines", "cash_expense", form("date", "05.03.2026", "counterparty", "SUP", "cashflow", "CF-OUT", "lines", "3", "basis", strings.Repeat("я", 501)),
			[]string{"основание длиннее 1000 байт"}},
		{"an unknown currency and a rate", "payment_in", form("date", "05.03.2026", "counterparty", "CUST", "cashflow", "CF-IN", "lines", "3", "amt0", "5", "currency", "XXX", "rate", "abc"),
			[]string{"неизвестная валюта", "не курс валюты"}},
		{"a rate without a currency", "payment_in", form("date", "05.03.2026", "counterparty", "CUST", "cashflow", "CF-IN", "lines", "3", "amt0", "5", "rate", "3.5"),
			[]string{"Курс указывается только для иностранной валюты."}},
		{"an advance report without the employee", "advance_report", form("date", "05.03.2026", "lines", "3", "acct0", "26", "amt0", "115", "vat0", "15%", "sup0", "Чек 5"),
			[]string{"Выберите сотрудника.", `value="Чек 5"`}},
		{"an expense without an amount, an unknown supplier", "advance_report", form("date", "05.03.2026", "employee", "EMP", "lines", "3", "acct0", "26", "cp0", "NOPE", "vat0", "15%"),
			[]string{"Укажите сумму.", "NOPE"}},
		{"opening: both columns, an analytic missing", "opening_balances", form("date", "31.12.2025", "lines", "3", "ac0", "51", "deb0", "10", "cred0", "10", "ac1", "60.01", "ac1_1", "SUP", "cred1", "5"), nil},
		{"opening: no amount, an unknown account", "opening_balances", form("date", "31.12.2025", "lines", "3", "ac0", "51", "ac0_1", "CF-IN", "ac1", "77.77", "deb1", "5"), nil},
		{"manual: no analytics, no amount", "manual", form("date", "05.03.2026", "lines", "3", "dt0", "26", "kt0", "60.01", "amt0", "100", "dt1", "26", "kt1", "80"), nil},
		{"manual: nothing", "manual", form("date", "05.03.2026", "lines", "3"),
			[]string{"Заполните хотя бы одну проводку"}},
	} {
		c.v.Set("save", "1")
		res, body := clerk.post(formsBase+"/documents/new?type="+c.typ, c.v, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Исправьте отмеченные поля.") && !strings.Contains(body, `role="alert"`) {
			t.Errorf("%s: %d, want 422 with the form's message:\n%s", c.name, res.StatusCode, clip(body))
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the answer lacks %q:\n%s", c.name, w, clip(body))
			}
		}
	}
	if n := formsCount(t, f); n != before {
		t.Errorf("refused forms saved %d documents", n-before)
	}
	// The messages of the opening balances and the manual operation at
	// their fields.
	res, body := clerk.post(formsBase+"/documents/new?type=opening_balances", form("date", "31.12.2025", "lines", "3",
		"ac0", "51", "deb0", "10", "cred0", "10", "ac1", "60.01", "ac1_1", "SUP", "cred1", "5", "ac2", "77.77", "deb2", "1", "save", "1"), nil)
	mustHave(t, "opening balances with mistakes", body, "Укажите остаток в колонке Дт или Кт, но не в обеих.",
		"Для счёта 51 требуется субконто «Статья движения денежных средств»", "Для счёта 60.01 требуется субконто «Договор»", "счёт 77.77 не существует", `value="SUP"`)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("opening balances with mistakes: %d", res.StatusCode)
	}
	_, body = clerk.post(formsBase+"/documents/new?type=manual", form("date", "05.03.2026", "lines", "3",
		"dt0", "26", "kt0", "60.01", "amt0", "100", "dt1", "26", "kt1", "80", "save", "1"), nil)
	mustHave(t, "a manual operation with mistakes", body, "требуется субконто", "Укажите сумму.", `value="60.01"`)
}

// TestDocFormsAdvanceReport: an advance report of the employee: a service
// with VAT from a supplier and materials into the warehouse; posted, it
// credits 71.01 with the employee.
func TestDocFormsAdvanceReport(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "ru")
	acc := f.login(t, formsAccountant, "ru")
	path := formsBase + "/documents/new?type=advance_report"
	res, body := clerk.get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the form: %d", res.StatusCode)
	}
	mustHave(t, "the advance report's form", body, doc.Title(doc.AdvanceReport, "ru"), `name="employee"`, `name="sup0"`, "Оправдательный документ", `placeholder="26"`)
	v := form("date", "07.03.2026", "employee", "EMP", "warehouse", "WH", "attachment", "2 документа", "lines", "3",
		"acct0", "26", "amt0", "115,00", "vat0", "15%", "cp0", "SUP", "sup0", "Счёт № 5 от 06.03.2026",
		"acct1", "10.01", "item1", "FLOUR", "qty1", "2", "amt1", "40,00", "vat1", "exempt", "sup1", "Чек 7",
		"vat2", "15%", "key", "web:test-ao1", "save", "1")
	id := formsCreated(t, "the advance report", clerk, path, v)
	d := formsDoc(t, f, id)
	if len(d.Lines) != 2 || d.Lines[0].Supporting != "Счёт № 5 от 06.03.2026" || d.Lines[1].Qty != 2000 || d.Lines[1].Account != "10.01" || d.Attachment != "2 документа" {
		t.Fatalf("the advance report as saved: %+v", d.Document)
	}
	docPage := formsBase + "/documents/" + strconv.FormatInt(id, 10)
	_, body = clerk.get(docPage)
	mustHave(t, "the advance report's page", body, "Счёт № 5 от 06.03.2026", "Чек 7", "Аманов Аман", "155,00", "15,00")
	res, body = acc.post(docPage+"/post", url.Values{"version": {strconv.FormatInt(d.Version, 10)}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d\n%s", res.StatusCode, clip(body))
	}
	e := formsEntry(t, f, id)
	emp := analyticID(t, f, ledger.Employee, "EMP")
	for _, w := range []struct {
		dt     ledger.AccountCode
		amount money.Amount
	}{{"26", 10000}, {"19.04", 1500}, {"10.01", 4000}} {
		p, ok := posting(e, w.dt, "71.01")
		if !ok || p.Amount != w.amount || p.Credit.Analytics[0] != emp {
			t.Errorf("Dt %s Kt 71.01 %d with the employee: %+v", w.dt, w.amount, e.Postings)
		}
	}
}

// TestDocFormsOpeningBalances: balances in the Dt and Kt columns with
// analytics, a quantity, and a currency amount; posted through 000; the
// edit form shows each in its column.
func TestDocFormsOpeningBalances(t *testing.T) {
	f := formsBooks(t)
	acc := f.login(t, formsAccountant, "ru")
	path := formsBase + "/documents/new?type=opening_balances"
	res, body := acc.get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the form: %d", res.StatusCode)
	}
	mustHave(t, "the opening balances' form", body, doc.Title(doc.OpeningBalances, "ru"), `name="ac0"`, `name="deb0"`, `name="cred0"`, `name="cur0"`)
	v := form("date", "31.12.2025", "currency", "USD", "rate", "3.5", "lines", "5",
		"ac0", "51", "ac0_1", "CF-IN", "deb0", "10 000,00",
		"ac1", "60.01", "ac1_1", "SUP", "ac1_2", "SUP-1", "cred1", "2 500,00",
		"ac2", "41.01", "ac2_1", "FLOUR", "ac2_2", "WH", "qty2", "100", "deb2", "1 000,00",
		"ac3", "52", "ac3_1", "CF-IN", "deb3", "350,00", "cur3", "100,00",
		"ac4", "80", "cred4", "8 850,00", "key", "web:test-opening", "save", "1")
	id := formsCreated(t, "opening balances", acc, path, v)
	d := formsDoc(t, f, id)
	if len(d.Lines) != 5 || d.Lines[1].Amount != -250000 || d.Lines[2].Qty != 100000 || d.Lines[3].CurAmount != 10000 || d.Lines[4].Amount != -885000 {
		t.Fatalf("the opening balances as saved: %+v", d.Lines)
	}
	// Typing a line's account asks for its side again, as on the entry
	// form: the account's name and the catalogs of its analytics.
	res, body = acc.get(formsBase + "/entries/new/side?side=ac&row=1&ac1=60.01&ac1_1=SUP")
	if res.StatusCode != http.StatusOK {
		t.Errorf("the side of an opening line: %d", res.StatusCode)
	}
	mustHave(t, "the side of an opening line", body, `name="ac1"`, `name="ac1_2"`, "Расчёты с поставщиками", `placeholder="Договор"`, `value="SUP"`)
	docPage := formsBase + "/documents/" + strconv.FormatInt(id, 10)
	_, body = acc.get(docPage + "/edit")
	mustHave(t, "the edit form", body, `name="cred1" value="2 500,00"`, `name="ac1_2" value="SUP-1"`, `name="qty2" value="100`, `name="cur3" value="100,00"`)
	_, body = acc.get(docPage)
	mustHave(t, "the page", body, "8 850,00", "ХО «Ак Бугдай»", "Валютная сумма")
	res, body = acc.post(docPage+"/post", url.Values{"version": {strconv.FormatInt(d.Version, 10)}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d\n%s", res.StatusCode, clip(body))
	}
	e := formsEntry(t, f, id)
	for _, w := range []struct {
		dt, kt ledger.AccountCode
		amount money.Amount
	}{{"51", "000", 1000000}, {"000", "60.01", 250000}, {"41.01", "000", 100000}, {"52", "000", 35000}, {"000", "80", 885000}} {
		if p, ok := posting(e, w.dt, w.kt); !ok || p.Amount != w.amount {
			t.Errorf("Dt %s Kt %s %d: %+v", w.dt, w.kt, w.amount, e.Postings)
		}
	}
	if p, _ := posting(e, "52", "000"); p.Debit.CurAmount != 10000 || p.Debit.Currency != "USD" {
		t.Errorf("52's currency amount: %+v", p.Debit)
	}
}

// TestDocFormsManual: a manual operation typed as the entry form's
// postings; saved as a draft its page shows the postings as typed, posted
// the entry's.
func TestDocFormsManual(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "en")
	acc := f.login(t, formsAccountant, "ru")
	path := formsBase + "/documents/new?type=manual"
	res, body := clerk.get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the form: %d", res.StatusCode)
	}
	mustHave(t, "the manual operation's form", body, doc.Title(doc.Manual, "en"), `name="dt0"`, `name="kt0_1"`, `/entries/new/side?side=dt`)
	v := form("date", "08.03.2026", "lines", "3", "dt0", "26", "kt0", "60.01", "kt0_1", "SUP", "kt0_2", "SUP-1", "amt0", "500.00",
		"dt1", "26", "kt1", "70", "kt1_1", "EMP", "amt1", "1,200.00", "comment", "Month-end accruals", "key", "web:test-manual", "save", "1")
	id := formsCreated(t, "the manual operation", clerk, path, v)
	d := formsDoc(t, f, id)
	if len(d.Postings) != 2 || d.Postings[1].Amount != 120000 || d.Postings[0].Credit.Analytics[1] != analyticID(t, f, ledger.Contract, "SUP-1") {
		t.Fatalf("the manual operation as saved: %+v", d.Postings)
	}
	docPage := formsBase + "/documents/" + strconv.FormatInt(id, 10)
	_, body = clerk.get(docPage)
	mustHave(t, "the draft's page", body, "Postings as typed", "Ak Bugday", "Aman Amanov", "1,700.00")
	_, body = clerk.get(docPage + "/edit")
	mustHave(t, "the edit form", body, `value="SUP-1"`, `value="1,200.00"`, `name="dt3"`)
	res, body = acc.post(docPage+"/post", url.Values{"version": {strconv.FormatInt(d.Version, 10)}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d\n%s", res.StatusCode, clip(body))
	}
	e := formsEntry(t, f, id)
	if p, ok := posting(e, "26", "70"); !ok || p.Amount != 120000 || len(e.Postings) != 2 {
		t.Errorf("the entry: %+v", e.Postings)
	}
}

// TestDocFormsMoreLines: "more lines" keeps what was typed and adds
// lines (posting rows on a manual operation), saving nothing.
func TestDocFormsMoreLines(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "ru")
	before := formsCount(t, f)
	res, body := clerk.post(formsBase+"/documents/new?type=manual", form("date", "05.03.2026", "lines", "3", "dt0", "26", "amt0", "5", "more", "1"), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("more rows: %d", res.StatusCode)
	}
	mustHave(t, "more rows", body, `name="dt5"`, `name="lines" value="6"`, `name="dt0" value="26"`)
	res, body = clerk.post(formsBase+"/documents/new?type=payment_in", form("date", "05.03.2026", "lines", "3", "acct0", "62.01", "more", "1"), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("more lines: %d", res.StatusCode)
	}
	mustHave(t, "more lines", body, `name="amt5"`, `value="62.01"`)
	if formsCount(t, f) != before {
		t.Errorf("more lines saved a document")
	}
}

// TestDocFormsAccess: the journal offers every type; a viewer gets no form
// and cannot save; another organisation's user gets 404; each form speaks
// tk, ru and en.
func TestDocFormsAccess(t *testing.T) {
	f := formsBooks(t)
	clerk := f.login(t, formsClerk, "ru")
	_, body := clerk.get(formsBase + "/documents")
	for _, ty := range doc.Types {
		if !strings.Contains(body, `<option value="`+string(ty)+`">`) {
			t.Errorf("the new-document menu lacks %s", ty)
		}
	}
	id := formsCreated(t, "a payment", clerk, formsBase+"/documents/new?type=payment_in",
		form("date", "05.03.2026", "counterparty", "CUST", "cashflow", "CF-IN", "lines", "1", "amt0", "7", "save", "1"))
	docPage := formsBase + "/documents/" + strconv.FormatInt(id, 10)
	viewer := f.login(t, formsViewer, "tk")
	outsider := f.login(t, acmeUser, "en")
	langs := map[string]*client{}
	for _, lang := range []string{"tk", "ru", "en"} {
		langs[lang] = f.login(t, formsAccountant, lang)
	}
	for _, ty := range []doc.Type{doc.PaymentOut, doc.PaymentIn, doc.CashReceipt, doc.CashExpense, doc.AdvanceReport, doc.OpeningBalances, doc.Manual} {
		p := formsBase + "/documents/new?type=" + string(ty)
		if res, _ := viewer.get(p); res.StatusCode != http.StatusForbidden {
			t.Errorf("the viewer's form of %s: %d, want 403", ty, res.StatusCode)
		}
		if res, _ := viewer.post(p, form("date", "05.03.2026", "save", "1"), nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("the viewer saves a %s: %d, want 403", ty, res.StatusCode)
		}
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Täze") {
			t.Errorf("another organisation's user, form of %s: %d, want 404", ty, res.StatusCode)
		}
		for _, lang := range []string{"tk", "ru", "en"} {
			res, body := langs[lang].get(p)
			if len(body) > 50_000 {
				t.Errorf("the form of %s in %s is %d bytes, over 50 KB", ty, lang, len(body))
			}
			if res.StatusCode != http.StatusOK || !strings.Contains(body, doc.Title(ty, lang)) || !strings.Contains(body, `<html lang="`+lang+`"`) {
				t.Errorf("%s form in %s: %d, or not in its words", ty, lang, res.StatusCode)
			}
		}
	}
	for _, p := range []string{docPage, docPage + "/edit"} {
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Täze") {
			t.Errorf("another organisation's user GET %s: %d, want 404", p, res.StatusCode)
		}
	}
	if res, _ := outsider.post(docPage+"/edit", form("date", "05.03.2026", "counterparty", "CUST", "cashflow", "CF-IN", "lines", "1", "amt0", "9", "version", "1", "save", "1"), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organisation's user saves: %d, want 404", res.StatusCode)
	}
	if formsDoc(t, f, id).Lines[0].Amount != 700 {
		t.Errorf("someone else's save changed the payment")
	}
}
