package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

const (
	taxOrg    = "tax-web"
	taxViewer = "viewer@tax.example"
	taxEditor = "editor@tax.example"
)

// taxBooks is an organisation of its own for the registers' pages (ageing,
// VAT books, rates), worked by hand:
//
//	BALKAN  act  3 Feb 2025 1 000.00 + VAT 150.00 = 1 150.00, paid 400.00 on 10 Feb (created from it): 750.00 open
//	        act 20 Mar 2025 2 000.00 + 300.00 = 2 300.00, open
//	LALE    pays 200.00 in advance on 12 Feb: an advance received
//	ÝÜPJÜN  supplier invoice 5 Feb 400.00 + 60.00 = 460.00, open
//	DOLLAR  act 10 Apr 2025 100.00 USD + 15 %, no USD rate entered: at the
//	        official 3.50, net 350.00, VAT 52.50, gross 402.50
//
// As of 31 March 2025: BALKAN 750.00 is 56 days old (31–60), 2 300.00 is
// 11 days old (0–30); ÝÜPJÜN's 460.00 is 54 days old (31–60).
type taxBooks struct {
	f                  *fixture
	balkan, lale, supp ledger.AnalyticID
	act1, act2, inv    int64
	usd                int64
}

var (
	taxOnce  sync.Once
	taxBuilt *taxBooks
)

func newTaxBooks(t *testing.T) *taxBooks {
	t.Helper()
	taxOnce.Do(func() { taxBuilt = buildTaxBooks(t) })
	if taxBuilt == nil {
		t.Fatal("the tax organisation was not built")
	}
	return taxBuilt
}

func buildTaxBooks(t *testing.T) *taxBooks {
	t.Helper()
	f := books(t)
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: taxOrg, Name: "Salgyt HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, taxOrg)
	b := &taxBooks{f: f}
	b.balkan = an(ledger.Counterparty, "BALKAN", ledger.Names{RU: "Балкан", TK: "Balkan HJ", EN: "Balkan LLC"}, 0)
	k1 := an(ledger.Contract, "B-1", ledger.Names{RU: "Договор Б-1"}, b.balkan)
	b.lale = an(ledger.Counterparty, "LALE", ledger.Names{RU: "Лале", TK: "Läle", EN: "Lale"}, 0)
	k2 := an(ledger.Contract, "L-1", ledger.Names{RU: "Договор Л-1"}, b.lale)
	b.supp = an(ledger.Counterparty, "UPJUN", ledger.Names{RU: "Упджун", TK: "Üpjün", EN: "Upjun"}, 0)
	k3 := an(ledger.Contract, "U-1", ledger.Names{RU: "Договор У-1"}, b.supp)
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Поступления"}, 0)
	post := func(d doc.Document) int64 {
		t.Helper()
		x, err := f.app.CreateDocument(ctx, app.System, taxOrg, d)
		if err == nil {
			x, _, err = f.app.PostDocument(ctx, app.System, taxOrg, x.ID, x.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	b.act1 = post(doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 2, 3), Refs: doc.Refs{Counterparty: b.balkan, Contract: k1},
		Lines: []doc.Line{{Service: true, Amount: 100000}}})
	post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 2, 10), BasedOn: b.act1,
		Refs: doc.Refs{Counterparty: b.balkan, Contract: k1, CashFlow: cf}, Lines: []doc.Line{{Amount: money.Amount(40000)}}})
	post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 2, 12),
		Refs: doc.Refs{Counterparty: b.lale, Contract: k2, CashFlow: cf}, Lines: []doc.Line{{Amount: money.Amount(20000)}}})
	b.inv = post(doc.Document{Type: doc.SupplierInvoice, Date: ledger.DateOf(2025, 2, 5), Refs: doc.Refs{Counterparty: b.supp, Contract: k3},
		Lines: []doc.Line{{Service: true, Amount: 40000}}})
	b.act2 = post(doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 3, 20), Refs: doc.Refs{Counterparty: b.balkan, Contract: k1},
		Lines: []doc.Line{{Service: true, Amount: 200000}}})
	dollar := an(ledger.Counterparty, "DOLLAR", ledger.Names{RU: "Доллар", EN: "Dollar"}, 0)
	k4 := an(ledger.Contract, "D-1", ledger.Names{RU: "Договор Д-1"}, dollar)
	b.usd = post(doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 4, 10), Refs: doc.Refs{Counterparty: dollar, Contract: k4},
		Currency: "USD", Rate: money.MustRate("3.7"), Lines: []doc.Line{{Service: true, Amount: 10000}}})
	if _, err := f.app.CreateUser(ctx, app.System, taxViewer, "Viewer", password, "ru"); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, taxOrg, taxViewer, auth.Viewer); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.CreateUser(ctx, app.System, taxEditor, "Editor", password, "ru"); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, taxOrg, taxEditor, auth.Accountant); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAgeingPage: the receivables and payables ageing of 31 March in three
// languages, each amount a link to the counterparty's open items, its CSV,
// other buckets, a bad side refused, nothing to another organisation.
func TestAgeingPage(t *testing.T) {
	b := newTaxBooks(t)
	base := "/o/" + taxOrg
	u := base + "/ageing?date=2025-03-31"
	settle := func(id ledger.AnalyticID) string {
		return `href="` + base + `/settlements/` + strconv.FormatInt(int64(id), 10) + `"`
	}
	for lang, want := range map[string][]string{
		"ru": {"Анализ дебиторской задолженности по срокам", "Балкан", "0–30", "31–60", "61–90", "более 90", "2 300,00", "750,00", "3 050,00",
			"Лале", "200,00", "Авансы полученные", settle(b.balkan), settle(b.lale), "На 31.03.2025"},
		"tk": {"Debitor bergisiniň möhletler boýunça seljermesi", "Balkan HJ", "2 300,00", "750,00", "Läle"},
		"en": {"Receivables ageing", "Balkan LLC", "over 90", "2,300.00", "750.00", "3,050.00", "As of 2025-03-31"},
	} {
		c := b.f.login(t, taxViewer, lang)
		res, body := c.get(u)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", lang, res.StatusCode, snippet(body))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the ageing lacks %q", lang, w)
			}
		}
		if strings.Contains(body, "Упджун") || strings.Contains(body, "Üpjün") {
			t.Errorf("%s: a supplier among the receivables", lang)
		}
		if len(body) > 50_000 {
			t.Errorf("%s: the page is %d bytes", lang, len(body))
		}
	}
	viewer := b.f.login(t, taxViewer, "ru")
	if _, body := viewer.get(base + "/ageing?date=2025-03-31&side=payable"); !strings.Contains(body, "Упджун") || !strings.Contains(body, "460,00") ||
		strings.Contains(body, "Балкан") || !strings.Contains(body, settle(b.supp)) {
		t.Errorf("payables: %s", snippet(body))
	}
	// Buckets of one's own: 0–10, 11–40, over 40: 2 300.00 (11 days) in 11–40, 750.00 (56) over 40.
	if _, body := viewer.get(u + "&buckets=10,40"); !strings.Contains(body, "11–40") || !strings.Contains(body, "более 40") {
		t.Errorf("buckets 10,40: %s", snippet(body))
	}
	res, csv := viewer.get(u + "&format=csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, w := range []string{"BALKAN,Балкан,2300.00,750.00,,,3050.00,", "LALE,Лале,,,,,,200.00", "Итого,,2300.00,750.00,0.00,0.00,3050.00,200.00"} {
		if !strings.Contains(csv, w) {
			t.Errorf("the CSV lacks %q:\n%s", w, csv)
		}
	}
	for _, p := range []string{"date=2025-03-31&side=others", "buckets=60,30", "buckets=x", "date=31.02.2025"} {
		if res, _ := viewer.get(base + "/ageing?" + p); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", p, res.StatusCode)
		}
	}
	outsider := b.f.login(t, acmeUser, "en")
	if res, body := outsider.get(u); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Balkan") {
		t.Errorf("another organisation's user: %d", res.StatusCode)
	}
}

// TestVATPage: the books of February 2025 (the act of 3 February 1 000.00
// + 150.00, the supplier invoice of 5 February 400.00 + 60.00: payable
// 90.00) and of April (the dollar act at 3.50, not the 3.70 it shows), in
// three languages, each document a link; the CSV; a bad month.
func TestVATPage(t *testing.T) {
	b := newTaxBooks(t)
	base := "/o/" + taxOrg
	doc := func(id int64) string { return `href="` + base + `/documents/` + strconv.FormatInt(id, 10) + `"` }
	for lang, want := range map[string][]string{
		"ru": {"Книги покупок и продаж", "Книга продаж", "Книга покупок", "Декларация по НДС за месяц", "Акт выполненных работ № 1", "Балкан",
			"1 000,00", "150,00", "1 150,00", "400,00", "60,00", "460,00", "90,00", doc(b.act1), doc(b.inv), "01.02.2025 – 28.02.2025"},
		"tk": {"Satuwlar kitaby", "Satyn almalar kitaby", "Balkan HJ", "1 150,00", "90,00"},
		"en": {"VAT books", "Sales book", "Purchases book", "Act of completed work No. 1", "1,150.00", "90.00", "VAT payable"},
	} {
		c := b.f.login(t, taxViewer, lang)
		res, body := c.get(base + "/vat?year=2025&month=2")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", lang, res.StatusCode, snippet(body))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the VAT books lack %q", lang, w)
			}
		}
		if len(body) > 50_000 {
			t.Errorf("%s: the page is %d bytes", lang, len(body))
		}
	}
	viewer := b.f.login(t, taxViewer, "en")
	if _, body := viewer.get(base + "/vat?year=2025&month=4"); !strings.Contains(body, "350.00") || !strings.Contains(body, "52.50") ||
		!strings.Contains(body, "402.50") || !strings.Contains(body, doc(b.usd)) || strings.Contains(body, "425.50") {
		t.Errorf("April, the dollar act at 3.50: %s", snippet(body))
	}
	res, csv := viewer.get(base + "/vat?year=2025&month=2&format=csv")
	if res.StatusCode != http.StatusOK || !strings.Contains(csv, "2025-02-03,Act of completed work No. 1,Balkan LLC,1000.00,,,150.00,1150.00") ||
		!strings.Contains(csv, ",VAT payable,,,,,90.00,") {
		t.Errorf("csv: %d\n%s", res.StatusCode, csv)
	}
	for _, q := range []string{"?year=2025&month=13", "?year=x", "?month=0"} {
		if res, _ := viewer.get(base + "/vat" + q); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", q, res.StatusCode)
		}
	}
	if res, body := b.f.login(t, acmeUser, "en").get(base + "/vat?year=2025&month=2"); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Balkan") {
		t.Errorf("another organisation's user: %d", res.StatusCode)
	}
}

// TestRatesPage: the rates a new manat organisation starts with and the
// note of the official default, in three languages; a viewer sees no form;
// an accountant adds a rate (a comma decimal), is told about a bad one,
// and imports a file: a bad line is named and nothing is recorded, a good
// file is; the CSV of the list.
func TestRatesPage(t *testing.T) {
	b := newTaxBooks(t)
	base := "/o/" + taxOrg
	for lang, want := range map[string][]string{
		"ru": {"Курсы валют", "USD", "3,5", "2,85", "01.01.2015", "официальный курс Центрального банка: USD 2,85 с 01.01.2009; USD 3,50 с 01.01.2015"},
		"tk": {"Walýuta hümmetleri", "Merkezi bankyň resmi hümmeti"},
		"en": {"Exchange rates", "Rate, TMT per unit", "2015-01-01", "3.5"},
	} {
		res, body := b.f.login(t, taxViewer, lang).get(base + "/rates")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", lang, res.StatusCode, snippet(body))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the rates page lacks %q", lang, w)
			}
		}
		if strings.Contains(body, `action="`+base+`/rates/import"`) || len(body) > 50_000 {
			t.Errorf("%s: the viewer is offered the import, or the page is %d bytes", lang, len(body))
		}
	}
	ed := b.f.login(t, taxEditor, "ru")
	if res, _ := ed.post(base+"/rates", url.Values{"date": {"01.03.2025"}, "currency": {"eur"}, "rate": {"3,85"}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save a rate: %d", res.StatusCode)
	}
	if _, body := ed.get(base + "/rates?currency=EUR"); !strings.Contains(body, "3,85") || !strings.Contains(body, "01.03.2025") || strings.Contains(body, ">USD<") {
		t.Errorf("the EUR rate is not listed: %s", snippet(body))
	}
	if res, body := ed.post(base+"/rates", url.Values{"date": {"01.03.2025"}, "currency": {"EUR"}, "rate": {"-1"}}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "не положительное") {
		t.Errorf("a negative rate: %d %s", res.StatusCode, snippet(body))
	}
	if res, body := ed.post(base+"/rates/import", url.Values{"data": {"02.03.2025;CNY;0,49\n03.03.2025;CNY;x"}}, nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Строка 2") {
		t.Errorf("a bad file: %d %s", res.StatusCode, snippet(body))
	}
	if _, body := ed.get(base + "/rates?currency=CNY"); !strings.Contains(body, "Курсы не введены.") {
		t.Errorf("a bad file recorded a rate")
	}
	if res, _ := ed.post(base+"/rates/import", url.Values{"data": {"date;currency;rate\n02.03.2025;CNY;0,49\n2025-03-03;CNY;0.5"}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good file: %d", res.StatusCode)
	}
	res, csv := ed.get(base + "/rates?currency=CNY&format=csv")
	if res.StatusCode != http.StatusOK || !strings.Contains(csv, "2025-03-02,CNY,0.49") || !strings.Contains(csv, "2025-03-03,CNY,0.50") {
		t.Errorf("csv: %d\n%s", res.StatusCode, csv)
	}
	viewer := b.f.login(t, taxViewer, "ru")
	if res, _ := viewer.post(base+"/rates", url.Values{"date": {"01.03.2025"}, "currency": {"EUR"}, "rate": {"9"}}, nil); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer saves a rate: %d", res.StatusCode)
	}
	if res, _ := b.f.login(t, acmeUser, "en").get(base + "/rates"); res.StatusCode != http.StatusNotFound {
		t.Errorf("another organisation's user: %d", res.StatusCode)
	}
}

// TestHomeCharts: the home page of February 2025 draws revenue and
// expenses and the money at hand (the 400.00 paid by Balkan and the 200.00
// advance of Lale: 600.00 on the bank at February's end), each chart with
// its title and description, each bar a link (the month's profit and loss,
// the month's trial balance), the numbers in a table beside them.
func TestHomeCharts(t *testing.T) {
	b := newTaxBooks(t)
	base := "/o/" + taxOrg
	for lang, want := range map[string][]string{
		"ru": {`<title id="rev-chart-t">Выручка и расходы по месяцам</title>`, `<title id="cash-chart-t">Денежные средства на конец месяца</title>`,
			`aria-describedby="cash-chart-d"`, `<desc id="cash-chart-d">`, `href="` + base + `/statements/pnl?period=2025-02"`,
			`href="` + base + `/trial-balance?from=2025-02-01&amp;to=2025-02-28"`, "Денежные средства 28.02.2025: 600,00", "<td>600,00</td>"},
		"tk": {"Aýyň ahyryna pul serişdeleri", "Pul serişdeleri"},
		"en": {"Money at hand at the end of each month", "Money at hand 2025-02-28: 600.00"},
	} {
		res, body := b.f.login(t, taxViewer, lang).get(base + "/?on=2025-02-28")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", lang, res.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the home page lacks %q", lang, w)
			}
		}
		if len(body) > 50_000 {
			t.Errorf("%s: the home page is %d bytes", lang, len(body))
		}
	}
}
