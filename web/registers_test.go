package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

const (
	regOrg    = "registers-web"
	regViewer = "viewer@registers.example"
	regCount  = 300 // customers on 62.01
)

// regBooks is an organisation of its own, a realistic one for the
// registers: 300 customers on 62.01, each with a contract, a sale of
// (100 + i) manat to each in January 2025 and a payment of 50 manat from
// every third in February; 41.01 with an item in a warehouse (10 pieces for
// 500,00); 52 with 100,00 USD at 3,50.
type regBooks struct {
	f       *fixture
	cust    []ledger.AnalyticID
	item    ledger.AnalyticID
	foreign ledger.AnalyticID // a customer of another organisation
}

var (
	regOnce  sync.Once
	regBuilt *regBooks
)

func newRegBooks(t *testing.T) *regBooks {
	t.Helper()
	regOnce.Do(func() { regBuilt = buildRegBooks(t) })
	if regBuilt == nil {
		t.Fatal("the registers organisation was not built")
	}
	return regBuilt
}

func buildRegBooks(t *testing.T) *regBooks {
	t.Helper()
	f := books(t)
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: regOrg, Name: "Registers Söwda", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, regOrg)
	b := &regBooks{f: f}
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Поступления", TK: "Girdejiler", EN: "Receipts"}, 0)
	side := func(acc ledger.AccountCode, ids ...ledger.AnalyticID) ledger.Side {
		s := ledger.Side{Account: acc}
		copy(s.Analytics[:], ids)
		return s
	}
	var es []ledger.Entry
	pays := ledger.Entry{Date: ledger.DateOf(2025, 2, 20), Description: "payments"}
	for i := range regCount {
		c := an(ledger.Counterparty, fmt.Sprintf("C%03d", i+1), ledger.Names{RU: fmt.Sprintf("Покупатель %d", i+1), TK: fmt.Sprintf("Alyjy %d", i+1), EN: fmt.Sprintf("Customer %d", i+1)}, 0)
		k := an(ledger.Contract, fmt.Sprintf("K%03d", i+1), ledger.Names{RU: fmt.Sprintf("Договор %d", i+1)}, c)
		b.cust = append(b.cust, c)
		// Sales of ten customers an entry (each day's sales at once), so
		// the organisation is built in a few posts.
		if i%10 == 0 {
			es = append(es, ledger.Entry{Date: ledger.DateOf(2025, 1, 10), Description: "sales"})
		}
		sales := &es[len(es)-1]
		sales.Postings = append(sales.Postings, ledger.Posting{Debit: side("62.01", c, k), Credit: side("90.01"), Amount: money.Amount(10000 + 100*i)})
		if i%3 == 0 {
			pays.Postings = append(pays.Postings, ledger.Posting{Debit: side("51", cf), Credit: side("62.01", c, k), Amount: 5000})
		}
	}
	b.item = an(ledger.Item, "CEM", ledger.Names{RU: "Цемент", TK: "Sement", EN: "Cement"}, 0)
	wh := an(ledger.Warehouse, "WH", ledger.Names{RU: "Склад", TK: "Ammar", EN: "Warehouse"}, 0)
	goods := side("41.01", b.item, wh)
	goods.Qty = 10000
	usd := side("52", cf)
	usd.Currency, usd.CurAmount = "USD", 10000
	es = append(es, pays,
		ledger.Entry{Date: ledger.DateOf(2025, 1, 5), Description: "goods", Postings: []ledger.Posting{{Debit: goods, Credit: side("80"), Amount: 50000}}},
		ledger.Entry{Date: ledger.DateOf(2025, 1, 6), Description: "dollars", Postings: []ledger.Posting{{Debit: usd, Credit: side("80"), Amount: 35000}}})
	for _, e := range es {
		if _, err := f.app.Post(ctx, app.System, regOrg, e); err != nil {
			t.Fatal(err)
		}
	}
	x := ledger.Analytic{Kind: ledger.Counterparty, Code: "FOREIGN-REG", Names: ledger.Names{RU: "Чужой"}}
	if err := f.app.CreateAnalytic(ctx, app.System, "acme", &x); err != nil {
		t.Fatal(err)
	}
	b.foreign = x.ID
	addMember(t, ctx, f.app, regOrg, regViewer, "Viewer", auth.Viewer)
	return b
}

// TestTrialBalanceExpanded: 62 expanded by customer and contract, a page of
// 100 customers at a time with its own line adding up all 300, every
// amount a link to the card with the analytic; 41.01's quantity and 52's
// dollars under their amounts; the detailed trial balance; the CSV with
// every customer; in three languages, each page light.
func TestTrialBalanceExpanded(t *testing.T) {
	b := newRegBooks(t)
	base := "/o/" + regOrg
	period := "from=2025-01-01&to=2025-12-31"
	c := b.f.login(t, regViewer, "ru")
	u := base + "/trial-balance?" + period + "&expand=62"
	res, body := c.get(u)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d: %s", res.StatusCode, body)
	}
	// 62.01: sales Σ(10000+100i) = 3 000 000 + 4 485 000 = 7 485 000; 100 payments of 5 000.
	first := strconv.FormatInt(int64(b.cust[0]), 10)
	for _, w := range []string{"Покупатель 1<", "Договор 1<", "Покупатель 100<", "62.01: строки 1–100 из 300", "Дальше",
		"74 850,00", "5 000,00", "69 850,00",
		`/accounts/62.01/card?from=2025-01-01&amp;to=2025-12-31&amp;analytic=` + first + `"`,
		`/analytic-analysis?catalog=counterparty&amp;from=2025-01-01&amp;id=` + first,
		`title="Свернуть">−</a>`, `title="Развернуть">+</a>`} {
		if !strings.Contains(body, w) {
			t.Errorf("the expanded trial balance lacks %q", w)
		}
	}
	if strings.Contains(body, "Покупатель 101<") {
		t.Error("the first page shows customer 101")
	}
	c.gzip = true
	_, zipped := c.get(u)
	c.gzip = false
	t.Logf("62 expanded, 100 of 300 customers: %.1f KB, %.1f KB with gzip", kb(len(body)), kb(len(zipped)))
	if len(zipped) > 40<<10 {
		t.Errorf("the page weighs %.1f KB with gzip", kb(len(zipped)))
	}
	_, body = c.get(u + "&skip=200")
	for _, w := range []string{"Покупатель 201<", "Покупатель 300<", "62.01: строки 201–300 из 300", "Назад", "74 850,00"} {
		if !strings.Contains(body, w) {
			t.Errorf("the third page lacks %q", w)
		}
	}
	if strings.Contains(body, "Покупатель 200<") || strings.Contains(body, "Дальше") {
		t.Error("the third page shows the second's customers or a next page")
	}

	for lang, want := range map[string][]string{
		"ru": {"Развёрнуто: по субконто", "10,000", "100,00 USD", "Цемент", "Склад", "62.01: строки 1–20 из 300"},
		"tk": {"Giňişleýin: analitika boýunça", "Sement", "Ammar", "100,00 USD", "Alyjy 1<"},
		"en": {"Detailed: by analytics", "Cement", "10.000", "100.00 USD", "Customer 1<"},
	} {
		c := b.f.login(t, regViewer, lang)
		res, body := c.get(base + "/trial-balance?" + period + "&detail=analytics")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", lang, res.StatusCode)
		}
		if lang == "ru" {
			t.Logf("the detailed trial balance, 20 of 300 customers: %.1f KB", kb(len(body)))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the detailed trial balance lacks %q", lang, w)
			}
		}
	}

	res, csv := c.get(u + "&format=csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, w := range []string{"Покупатель 300", `"      K300",Договор 300`, `"  62.01",Расчёты с покупателями и заказчиками`, "52,Валютные счета,,,350.00,,350.00,,USD,,,100.00,,100.00", "Итого"} {
		if !strings.Contains(csv, w) {
			t.Errorf("the CSV lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("CSV:\n%s", csv[:min(len(csv), 3000)])
	}
}

// TestGeneralLedgerPage: the general ledger by months, one account's
// analysis, their CSV; a bad period is said, not failed.
func TestGeneralLedgerPage(t *testing.T) {
	b := newRegBooks(t)
	base := "/o/" + regOrg
	c := b.f.login(t, regViewer, "ru")
	res, body := c.get(base + "/general-ledger?from=2025-01-01&to=2025-03-31")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d", res.StatusCode)
	}
	for _, w := range []string{"Главная книга", "01.2025", "02.2025", "74 850,00", "69 850,00",
		`/accounts/62/card?from=2025-02-01&amp;to=2025-02-28"`, `/general-ledger?from=2025-01-01&amp;to=2025-03-31&amp;account=62"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the general ledger lacks %q", w)
		}
	}
	if len(body) > 50_000 {
		t.Errorf("the general ledger is %d bytes", len(body))
	}
	_, body = c.get(base + "/general-ledger?from=2025-01-01&to=2025-03-31&account=62.01&format=csv")
	if !strings.Contains(body, "62.01,") || !strings.Contains(body, ",02.2025,74850.00,,,5000.00,69850.00,") {
		t.Errorf("62.01 by months as CSV:\n%s", body)
	}
	res, body = c.get(base + "/general-ledger?from=2025-01-01&to=2025-03-31&account=99.99")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "99.99") {
		t.Errorf("an account that is not there: %d", res.StatusCode)
	}
}

// TestAnalyticAnalysisPage: a customer across its accounts, by id and by
// the picker; the picker without a choice; another organisation's
// customer is not there.
func TestAnalyticAnalysisPage(t *testing.T) {
	b := newRegBooks(t)
	base := "/o/" + regOrg
	c := b.f.login(t, regViewer, "ru")
	id := strconv.FormatInt(int64(b.cust[3]), 10)
	res, body := c.get(base + "/analytic-analysis?catalog=counterparty&id=" + id + "&from=2025-01-01&to=2025-12-31")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d", res.StatusCode)
	}
	// customer 4: a sale of 103,00, a payment of 50,00 (every third from the first).
	for _, w := range []string{"Покупатель 4", "62.01", "K004", "103,00", "50,00", "53,00", "analytic=" + strconv.FormatInt(int64(b.cust[3])+1, 10)} {
		if !strings.Contains(body, w) {
			t.Errorf("the analysis lacks %q", w)
		}
	}
	_, body = c.get(base + "/analytic-analysis?catalog=item&find=CEM&from=2025-01-01&to=2025-12-31")
	if !strings.Contains(body, "41.01") || !strings.Contains(body, "500,00") || !strings.Contains(body, "10,000") {
		t.Errorf("the item's analysis lacks 41.01 with its quantity")
	}
	_, body = c.get(base + "/analytic-analysis")
	if !strings.Contains(body, "Выберите субконто") {
		t.Error("the empty picker says nothing")
	}
	res, _ = c.get(base + "/analytic-analysis?catalog=counterparty&find=zzz-nobody")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("nobody found: %d", res.StatusCode)
	}
	// Catalog ids are numbered per organisation: another's customer is
	// never read here, and an id this one has not given is not found.
	res, _ = c.get(base + "/analytic-analysis?catalog=counterparty&id=999999")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a customer that is not there: %d", res.StatusCode)
	}
	res, body = c.get(base + "/analytic-analysis?catalog=counterparty&id=" + id + "&from=2025-01-01&to=2025-12-31&format=csv")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "K004") {
		t.Errorf("CSV %d", res.StatusCode)
	}
	_, body = c.get(base + "/reports")
	for _, w := range []string{base + "/trial-balance", base + "/general-ledger", base + "/analytic-analysis", "Анализ субконто"} {
		if !strings.Contains(body, w) {
			t.Errorf("the reports page lacks %q", w)
		}
	}
}
