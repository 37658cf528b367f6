package web_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// The cash desk's organisation: cash orders in manat and in dollars over
// three days of March 2026, and a payment order, for the printed forms and
// the cash book. Its own organisation, so that the other tests' counts
// stay theirs.
const cashOrg = "cash-web"

const (
	cashAccountant = "accountant@cash.example"
	cashViewer     = "viewer@cash.example"
)

var cashOnce = map[*fixture]map[string]int64{}

// cashBooks returns the fixture and the ids of the cash-web documents by
// name. The documents, with their numbers (per type and year):
//
//	2026-03-01  act №1   to CUST     600,00 + 90,00 VAT   posted (CUST owes 690,00)
//	2026-03-02  KO-1 №1  from CUST            1 000,00 TMT  posted (pays the 690,00, Kt 62.01; an advance of 310,00, Kt 62.02)
//	            KO-2 №1  to SUP                 250,00 TMT  posted
//	            KO-1 №2  from CUST               25,00 USD  posted (at 3,50: 87,50 TMT)
//	2026-03-04  KO-1 №3  from EMP, Kt 71.01     120,50 TMT  posted
//	            KO-1 №4  from CUST              300,00 TMT  posted, then unposted (storno)
//	            KO-1 №5  from CUST              450,00 TMT  posted
//	            KO-2 №2  to EMP, Dt 71.01       200,00 TMT  posted
//	            KO-2 №3  to SUP                  99,99 TMT  posted
//	            KO-1 №6  from CUST              100,00 USD  posted (350,00 TMT, an advance: Kt 62.22)
//	            KO-2 №4  to SUP                  40,00 USD  posted (140,00 TMT)
//	            payment order №1 to SUP       2 345,67 TMT  draft
func cashBooks(t *testing.T) (*fixture, map[string]int64) {
	t.Helper()
	f := books(t)
	if ids, ok := cashOnce[f]; ok {
		return f, ids
	}
	cashOnce[f] = buildCashBooks(t, f.app)
	return f, cashOnce[f]
}

// buildCashBooks makes the cash-web organisation of cashBooks in a, with
// its accountant and viewer.
func buildCashBooks(t *testing.T, a *app.App) map[string]int64 {
	t.Helper()
	f := struct{ app *app.App }{a}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: cashOrg, Name: "Nagt Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, cashOrg)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{TK: "Täze Bazar", RU: "Тязе Базар", EN: "Taze Bazar"}, 0)
	custK := an(ledger.Contract, "CUST-1", ledger.Names{RU: "Договор продажи 1", TK: "Satuw şertnamasy 1", EN: "Sales contract 1"}, cust)
	sup := an(ledger.Counterparty, "SUP", ledger.Names{TK: "Ak Bugdaý HJ", RU: "ХО «Ак Бугдай»", EN: "Ak Bugday"}, 0)
	supK := an(ledger.Contract, "SUP-1", ledger.Names{RU: "Договор поставки 1", TK: "Üpjünçilik şertnamasy 1", EN: "Supply contract 1"}, sup)
	emp := an(ledger.Employee, "EMP", ledger.Names{TK: "Iwanowa M. P.", RU: "Иванова М. П.", EN: "Ivanova M. P."}, 0)
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Расчёты", TK: "Hasaplaşyklar", EN: "Settlements"}, 0)
	if err := f.app.PutRate(ctx, app.System, cashOrg, "USD", ledger.DateOf(2026, 3, 1), money.MustRate("3.5")); err != nil {
		t.Fatal(err)
	}
	fromCust := doc.Refs{Counterparty: cust, Contract: custK, CashFlow: cf}
	toSup := doc.Refs{Counterparty: sup, Contract: supK, CashFlow: cf}
	withEmp := doc.Refs{Employee: emp, CashFlow: cf}
	ids := map[string]int64{}
	mk := func(name string, typ doc.Type, day int, refs doc.Refs, cur string, line doc.Line, post bool, set func(*doc.Document)) {
		d := doc.Document{Type: typ, Date: ledger.DateOf(2026, 3, day), Refs: refs, Currency: cur, Lines: []doc.Line{line}}
		if set != nil {
			set(&d)
		}
		x, err := f.app.CreateDocument(ctx, app.System, cashOrg, d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if post {
			if x, _, err = f.app.PostDocument(ctx, app.System, cashOrg, x.ID, x.Version); err != nil {
				t.Fatalf("post %s: %v", name, err)
			}
		}
		ids[name] = x.ID
	}
	mk("act", doc.Act, 1, doc.Refs{Counterparty: cust, Contract: custK}, "", doc.Line{Service: true, Amount: 600_00}, true, nil)
	mk("ko1a", doc.CashReceipt, 2, fromCust, "", doc.Line{Amount: 1000_00}, true, nil)
	mk("ko2a", doc.CashExpense, 2, toSup, "", doc.Line{Amount: 250_00}, true, nil)
	mk("ko1usd0", doc.CashReceipt, 2, fromCust, "USD", doc.Line{Amount: 25_00}, true, nil)
	mk("ko1b", doc.CashReceipt, 4, withEmp, "", doc.Line{Account: "71.01", Amount: 120_50}, true, func(d *doc.Document) {
		d.Person, d.Basis, d.Attachment = "Ивановой Марии Петровны", "возврат неизрасходованного остатка подотчётной суммы", "авансовый отчёт № 7 от 03.03.2026"
	})
	mk("ko1c", doc.CashReceipt, 4, fromCust, "", doc.Line{Amount: 300_00}, true, nil)
	x, err := f.app.GetDocument(ctx, app.System, cashOrg, ids["ko1c"])
	if err == nil {
		_, _, err = f.app.UnpostDocument(ctx, app.System, cashOrg, x.ID, x.Version)
	}
	if err != nil {
		t.Fatalf("unpost ko1c: %v", err)
	}
	mk("ko1d", doc.CashReceipt, 4, fromCust, "", doc.Line{Amount: 450_00}, true, nil)
	mk("ko2b", doc.CashExpense, 4, withEmp, "", doc.Line{Account: "71.01", Amount: 200_00}, true, func(d *doc.Document) {
		d.Person, d.Basis = "Ивановой М. П.", "выдача под отчёт на хозяйственные расходы"
	})
	mk("ko2c", doc.CashExpense, 4, toSup, "", doc.Line{Amount: 99_99}, true, nil)
	mk("ko1usd", doc.CashReceipt, 4, fromCust, "USD", doc.Line{Amount: 100_00}, true, nil)
	mk("ko2usd", doc.CashExpense, 4, toSup, "USD", doc.Line{Amount: 40_00}, true, nil)
	mk("pay", doc.PaymentOut, 4, toSup, "", doc.Line{Amount: 2345_67}, false, func(d *doc.Document) {
		d.Basis = "Оплата по счёту № 12 от 01.03.2026, в т. ч. НДС 15 %"
	})
	addMembers(t, f.app, cashOrg, "Cash", []member{{cashAccountant, "ru", auth.Accountant}, {cashViewer, "tk", auth.Viewer}})
	return ids
}

// pdfText returns the text of a PDF as pdftotext reads it, squeezed to
// single spaces; "" and a skip when pdftotext is not installed.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
		}
		t.Skip("no pdftotext (poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(in, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestCashOrderPrint: KO-1 (with its receipt), KO-2 and the payment order
// print as HTML and PDF in the page's language or another, with the
// person, the basis, the attachment, the accounts, the amount in figures
// and in words and the signature lines; another organisation's user gets
// 404.
func TestCashOrderPrint(t *testing.T) {
	f, ids := cashBooks(t)
	acc := f.login(t, cashAccountant, "ru")
	viewer := f.login(t, cashViewer, "tk")
	u := func(name string) string { return "/o/" + cashOrg + "/documents/" + strconv.FormatInt(ids[name], 10) }
	ko1 := []string{"Приходный кассовый ордер", "№ 3 от 04.03.2026", "Nagt Söwda HJ", "Принято от", "Ивановой Марии Петровны",
		"Основание", "возврат неизрасходованного остатка подотчётной суммы", "Приложение", "авансовый отчёт № 7 от 03.03.2026",
		"50.01", "71.01", "Иванова М. П.", "120,50", "Сто двадцать манатов 50 тенге", "Главный бухгалтер", "Получил кассир",
		"линия отреза", "Квитанция к приходному кассовому ордеру", "М.П."}
	ko2 := []string{"Расходный кассовый ордер", "№ 2 от 04.03.2026", "Выдать", "Ивановой М. П.", "выдача под отчёт на хозяйственные расходы",
		"71.01", "50.01", "200,00", "Двести манатов 00 тенге", "Руководитель", "Главный бухгалтер", "Получил", "Выдал кассир"}
	pay := []string{"Платёжное поручение", "№ 1 от 04.03.2026", "Плательщик", "Nagt Söwda HJ", "Получатель", "ХО «Ак Бугдай»",
		"Договор поставки 1", "Назначение платежа", "Оплата по счёту № 12 от 01.03.2026", "60.01", "2 345,67",
		"Две тысячи триста сорок пять манатов 67 тенге", "Руководитель", "Главный бухгалтер", "Отметки банка", "М.П."}
	for _, c := range []struct {
		who  *client
		path string
		want []string
	}{
		{acc, u("ko1b") + "/print", ko1},
		// A receipt that pays the debt and leaves an advance names both.
		{acc, u("ko1a") + "/print", []string{"№ 1 от 02.03.2026", "50.01", "62.01, 62.02", "1 000,00", "Одна тысяча манатов 00 тенге"}},
		{acc, u("ko2b") + "/print", ko2},
		{acc, u("pay") + "/print", pay},
		{viewer, u("ko1b") + "/print", []string{"Kassa girdeji orderi", "Kimden kabul edildi", "Bir ýüz ýigrimi manat 50 teňňe",
			"Kassa girdeji orderine kwitansiýa", "Baş hasapçy", "Kabul eden kassir", "kesilýän çyzyk"}},
		{viewer, u("ko2b") + "/print?lang=en", []string{"Cash expense order", "Issue to", "Two hundred manat 00 tenge", "Issued by cashier", "Received by"}},
		{acc, u("pay") + "/print?lang=tk", []string{"Töleg tabşyrygy", "Töleýji", "Alyjy", "Ak Bugdaý HJ", "Iki müň üç ýüz kyrk bäş manat 67 teňňe", "Bankyň bellikleri"}},
		// The customer owes nothing: the dollars are an advance received, 62.22.
		{acc, u("ko1usd") + "/print", []string{"№ 6 от 04.03.2026", "50.21", "62.22", "Тязе Базар", "Сумма, USD", "100,00 USD", "Сто долларов США 00 центов"}},
	} {
		res, body := c.who.get(c.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", c.path, res.StatusCode)
		}
		body = htmlText(body)
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", c.path, w)
			}
		}
	}
	for name, want := range map[string][]string{"ko1b": ko1, "ko2b": ko2, "pay": pay} {
		res, pdf := acc.get(u(name) + "/pdf")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("%s PDF: %d %s", name, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if dir := os.Getenv("HASAP_KEEP_FORMS"); dir != "" { // to look at: HASAP_KEEP_FORMS=/tmp/forms go test ./web -run TestCashOrderPrint
			_, page := acc.get(u(name) + "/print")
			_ = os.WriteFile(filepath.Join(dir, name+".pdf"), []byte(pdf), 0o644)
			_ = os.WriteFile(filepath.Join(dir, name+".html"), []byte(page), 0o644)
			for _, l := range []string{"tk", "en"} {
				_, other := acc.get(u(name) + "/pdf?lang=" + l)
				_ = os.WriteFile(filepath.Join(dir, name+"-"+l+".pdf"), []byte(other), 0o644)
			}
		}
		text := pdfText(t, pdf)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s PDF lacks %q", name, w)
			}
		}
	}
	outsider := f.login(t, acmeUser, "en")
	for _, p := range []string{u("ko1b") + "/print", u("pay") + "/pdf"} {
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Ивановой") {
			t.Errorf("another organisation's user, %s: %d", p, res.StatusCode)
		}
	}
}

// TestCashBook: the sheets of the cash book of cash-web (see cashBooks),
// worked out by hand:
//
//	50.01 on 2026-03-04, sheet 2 (03-02 is sheet 1, 03-03 has none):
//	  opening                 1 000,00 − 250,00 =   750,00
//	  receipts  KO-1 №3 120,50 + KO-1 №5 450,00 =   570,50  (KO-1 №4 was unposted: not there)
//	  expenses  KO-2 №2 200,00 + KO-2 №3  99,99 =   299,99
//	  closing          750,00 + 570,50 − 299,99 = 1 020,51
//	50.21 in USD on 2026-03-04, sheet 2:
//	  opening 25,00 USD (87,50), receipt 100,00 (350,00), expense 40,00
//	  (140,00), closing 85,00 USD (297,50 TMT)
func TestCashBook(t *testing.T) {
	f, ids := cashBooks(t)
	acc := f.login(t, cashAccountant, "ru")
	viewer := f.login(t, cashViewer, "tk")
	base := "/o/" + cashOrg + "/cashbook"
	docURL := func(name string) string {
		return `href="/o/` + cashOrg + `/documents/` + strconv.FormatInt(ids[name], 10) + `"`
	}
	day := base + "?account=50.01&date=2026-03-04"
	for _, c := range []struct {
		who        *client
		path       string
		want, lack []string
	}{
		{acc, day, []string{"Кассовая книга", "Лист 2", "Остаток на начало дня", "750,00", "Ивановой Марии Петровны", "71.01", "120,50",
			"Тязе Базар", "450,00", "Ивановой М. П.", "200,00", "ХО «Ак Бугдай»", "99,99", "570,50", "299,99", "1 020,51",
			docURL("ko1b"), docURL("ko1d"), docURL("ko2b"), docURL("ko2c"), "приходных 2, расходных 2",
			"date=2026-03-02", "/cashbook/print?", "/cashbook/pdf?"}, []string{"300,00", docURL("ko1c"), "date=2026-03-03"}},
		// Without a date: the last day of cash before today (2026-03-10).
		{acc, base, []string{"Лист 2", "1 020,51", docURL("ko1b")}, nil},
		{viewer, day, []string{"Kassa kitaby", "Sahypa 2", "Günüň başyna galyndy", "1 020,51"}, nil},
		{acc, base + "?account=50.01&date=2026-03-02", []string{"Лист 1", "1 000,00", "250,00", "750,00", docURL("ko1a"), "date=2026-03-04"}, []string{docURL("ko1usd0")}},
		{acc, base + "?account=50.01&date=2026-03-03", []string{"листа за этот день в книге нет", "750,00"}, []string{docURL("ko1a")}},
		{acc, base + "?account=50.21&date=2026-03-04", []string{"50.21", "USD", "Лист 2", "25,00", "87,50", "100,00", "350,00", "40,00",
			"140,00", "85,00", "297,50", docURL("ko1usd"), docURL("ko2usd")}, []string{docURL("ko1b")}},
	} {
		res, body := c.who.get(c.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", c.path, res.StatusCode)
		}
		body = htmlText(body)
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", c.path, w)
			}
		}
		for _, w := range c.lack {
			if strings.Contains(body, w) {
				t.Errorf("%s has %q", c.path, w)
			}
		}
	}
	// The printed sheet, as HTML and PDF, in Russian and English.
	sheet := []string{"Касса за 04.03.2026", "Лист", "Nagt Söwda HJ", "Номер документа", "От кого получено или кому выдано",
		"Остаток на начало дня", "750,00", "Ивановой Марии Петровны", "120,50", "Итого за день", "570,50", "299,99",
		"Остаток на конец дня", "1 020,51", "Кассир", "Бухгалтер",
		"Записи в кассовой книге проверил и документы в количестве 2 приходных и 2 расходных получил."}
	res, page := acc.get(base + "/print?account=50.01&date=2026-03-04")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" {
		t.Fatalf("the printed sheet: %d", res.StatusCode)
	}
	page = htmlText(page)
	for _, w := range sheet {
		if !strings.Contains(page, w) {
			t.Errorf("the printed sheet lacks %q", w)
		}
	}
	res, pdf := acc.get(base + "/pdf?account=50.01&date=2026-03-04")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "cashbook-50.01-2026-03-04.pdf") {
		t.Fatalf("the sheet's PDF: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if dir := os.Getenv("HASAP_KEEP_FORMS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "cashbook.pdf"), []byte(pdf), 0o644)
	}
	text := pdfText(t, pdf)
	for _, w := range sheet[:3] {
		if !strings.Contains(text, w) {
			t.Errorf("the sheet's PDF lacks %q", w)
		}
	}
	for _, w := range sheet[5:] { // the column headers wrap in the PDF's cells
		if !strings.Contains(text, w) {
			t.Errorf("the sheet's PDF lacks %q", w)
		}
	}
	_, usd := acc.get(base + "/pdf?account=50.21&currency=USD&date=2026-03-04&lang=en")
	if dir := os.Getenv("HASAP_KEEP_FORMS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "cashbook-usd.pdf"), []byte(usd), 0o644)
	}
	text = pdfText(t, usd)
	if strings.Contains(text, "1970") {
		t.Errorf("the USD sheet's PDF has a date of 1970: %s", text)
	}
	for _, w := range []string{"Cash desk for 4 March 2026", "Sheet", "Currency", "USD", "Receipt, USD", "25.00", "100.00", "40.00", "85.00", "297.50"} {
		if !strings.Contains(text, w) {
			t.Errorf("the USD sheet's PDF lacks %q", w)
		}
	}
	// What the user typed wrong is said at the form; others' books are not there.
	for _, c := range []struct {
		path, want string
	}{
		{base + "?account=50.01&date=31.02.2026", ""},
		{base + "?account=50.99&date=2026-03-04", "50.99"},
		{base + "?account=50&date=2026-03-04", "субсчета"},
		{base + "?account=50.01&currency=USD&date=2026-03-04", "не ведётся в иностранной валюте"},
	} {
		res, body := acc.get(c.path)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(htmlText(body), c.want) || !strings.Contains(body, `name="date"`) {
			t.Errorf("%s: %d, want 422 with %q at the form", c.path, res.StatusCode, c.want)
		}
	}
	outsider := f.login(t, acmeUser, "en")
	for _, p := range []string{day, base + "/print?account=50.01&date=2026-03-04", base + "/pdf?account=50.01&date=2026-03-04"} {
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "1 020,51") || strings.Contains(body, "1,020.51") {
			t.Errorf("another organisation's user, %s: %d", p, res.StatusCode)
		}
	}
}
