package web_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
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
	settleOrg     = "settle-web"
	settleOrgName = "Hasap Söwda"
	settleViewer  = "viewer@settle.example"
)

// settleBooks is an organisation of its own with a customer: an act of
// 1 000.00 + VAT 150.00 on 3 February 2025, a payment of 400.00 created
// from it on 10 February: 750.00 open. Another customer pays 200.00 in
// advance on 12 February.
type settleBooks struct {
	f                   *fixture
	cust, adv           ledger.AnalyticID
	act, payment, early int64
}

var (
	settleOnce sync.Once
	settled    *settleBooks
)

// newSettleBooks builds the organisation once for the package's tests,
// which only read it.
func newSettleBooks(t *testing.T) *settleBooks {
	t.Helper()
	settleOnce.Do(func() { settled = buildSettleBooks(t) })
	if settled == nil {
		t.Fatal("the settlements organisation was not built")
	}
	return settled
}

func buildSettleBooks(t *testing.T) *settleBooks {
	t.Helper()
	f := books(t)
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: settleOrg, Name: settleOrgName, Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, settleOrg)
	b := &settleBooks{f: f}
	b.cust = an(ledger.Counterparty, "ROMASHKA", ledger.Names{RU: "ООО «Ромашка»", TK: "Romaşka HJ", EN: "Romashka LLC"}, 0)
	k1 := an(ledger.Contract, "R-1", ledger.Names{RU: "Договор услуг 1", TK: "Hyzmat şertnamasy 1", EN: "Service contract 1"}, b.cust)
	b.adv = an(ledger.Counterparty, "LALE", ledger.Names{RU: "Лале", TK: "Läle", EN: "Lale"}, 0)
	k2 := an(ledger.Contract, "L-1", ledger.Names{RU: "Договор 2"}, b.adv)
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Поступления"}, 0)
	post := func(d doc.Document) int64 {
		t.Helper()
		x, err := f.app.CreateDocument(ctx, app.System, settleOrg, d)
		if err == nil {
			x, _, err = f.app.PostDocument(ctx, app.System, settleOrg, x.ID, x.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	b.act = post(doc.Document{Type: doc.Act, Date: ledger.DateOf(2025, 2, 3), Refs: doc.Refs{Counterparty: b.cust, Contract: k1},
		Lines: []doc.Line{{Service: true, Amount: 100000}}})
	b.payment = post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 2, 10), BasedOn: b.act,
		Refs: doc.Refs{Counterparty: b.cust, Contract: k1, CashFlow: cf}, Lines: []doc.Line{{Amount: money.Amount(40000)}}})
	b.early = post(doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2025, 2, 12),
		Refs: doc.Refs{Counterparty: b.adv, Contract: k2, CashFlow: cf}, Lines: []doc.Line{{Amount: money.Amount(20000)}}})
	if _, err := f.app.CreateUser(ctx, app.System, settleViewer, "Viewer", password, "ru"); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, settleOrg, settleViewer, auth.Viewer); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSettlements: the list of counterparties with their balances, one
// counterparty's open items with links to the documents, in three
// languages, to a viewer; nothing to another organisation's user.
func TestSettlements(t *testing.T) {
	b := newSettleBooks(t)
	base := "/o/" + settleOrg
	viewer := b.f.login(t, settleViewer, "ru")
	res, body := viewer.get(base + "/settlements")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the list: %d", res.StatusCode)
	}
	for _, w := range []string{"Расчёты с контрагентами", "ООО «Ромашка»", "750,00", "Лале", "200,00", "Авансы полученные",
		`href="` + base + `/settlements/` + strconv.FormatInt(int64(b.cust), 10) + `"`, "550,00 Дт"} {
		if !strings.Contains(body, w) {
			t.Errorf("the list lacks %q", w)
		}
	}
	if len(body) > 50_000 {
		t.Errorf("the list is %d bytes", len(body))
	}
	u := base + "/settlements/" + strconv.FormatInt(int64(b.cust), 10)
	for lang, want := range map[string][]string{
		"ru": {"Незакрытые позиции", "Договор: Договор услуг 1", "Акт выполненных работ № 1", "1 150,00", "750,00", "Дебиторская задолженность",
			`href="` + base + `/documents/` + strconv.FormatInt(b.act, 10) + `"`, `action="` + u + `/act/print"`, `formaction="` + u + `/act/pdf"`},
		"tk": {"Ýapylmadyk ýazgylar", "Hyzmat şertnamasy 1", "Debitor bergisi", "750,00"},
		"en": {"Open items", "Service contract 1", "Act of completed work No. 1", "750.00", "Receivable"},
	} {
		c := b.f.login(t, settleViewer, lang)
		res, body := c.get(u)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", lang, res.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the counterparty's page lacks %q", lang, w)
			}
		}
		// The payment created from the act settled it: it is not open.
		if strings.Contains(body, `/documents/`+strconv.FormatInt(b.payment, 10)+`"`) {
			t.Errorf("%s: the applied payment is listed as open", lang)
		}
	}
	// The advance of the other customer.
	if _, body := viewer.get(base + "/settlements/" + strconv.FormatInt(int64(b.adv), 10)); !strings.Contains(body, "Аванс полученный") || !strings.Contains(body, "200,00") {
		t.Errorf("the advance is not shown")
	}
	// Another organisation's user, a counterparty that is not one, a bad contract.
	outsider := b.f.login(t, acmeUser, "en")
	for _, p := range []string{base + "/settlements", u, u + "/act/print?from=2025-02-01&to=2025-02-28", u + "/act/pdf?from=2025-02-01&to=2025-02-28"} {
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Ромашка") {
			t.Errorf("another organisation's user, %s: %d", p, res.StatusCode)
		}
	}
	for _, p := range []string{base + "/settlements/999999", u + "?contract=abc", u + "?contract=999999"} {
		if res, _ := viewer.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
}

// TestReconciliationAct: the act of February prints in Russian, Turkmen
// and English, as HTML and as a PDF whose text says the same: opening
// 0.00, the act 1 150.00 on our debit, the payment 400.00 on our credit,
// closing 750.00 in our favour, the counterparty's columns blank, the
// signature lines of both sides. A bad period is refused with the reason.
func TestReconciliationAct(t *testing.T) {
	b := newSettleBooks(t)
	u := "/o/" + settleOrg + "/settlements/" + strconv.FormatInt(int64(b.cust), 10) + "/act/print?from=2025-02-01&to=2025-02-28"
	viewer := b.f.login(t, settleViewer, "ru")
	for lang, want := range map[string][]string{
		"ru": {"Акт сверки взаимных расчётов", "ООО «Ромашка»", settleOrgName, "01.02.2025 – 28.02.2025", "03.02.2025", "Акт выполненных работ № 1",
			"10.02.2025", "Поступление на расчётный счёт № 1", "1 150,00", "400,00", "Обороты за период", "Сальдо",
			"По данным " + settleOrgName + " на 28.02.2025 задолженность составляет 750,00 TMT в пользу " + settleOrgName + ".",
			"Семьсот пятьдесят манатов 00 тенге", "Главный бухгалтер (ООО «Ромашка»)", "Графы 5–8"},
		"tk": {"Özara hasaplaşyklaryň deňeşdirme namasy", "Romaşka HJ", "750,00 TMT möçberdäki bergi " + settleOrgName + " peýdasyna", "Ýedi ýüz elli manat 00 teňňe"},
		"en": {"Reconciliation act", "Romashka LLC", "2025-02-03", "Act of completed work No. 1", "the balance is 750.00 TMT in favour of " + settleOrgName,
			"Seven hundred fifty manat 00 tenge"},
	} {
		res, body := viewer.get(u + "&lang=" + lang)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || res.Header.Get("Content-Security-Policy") == "" {
			t.Fatalf("%s: %d %s", lang, res.StatusCode, res.Header.Get("Content-Type"))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the act lacks %q", lang, w)
			}
		}
	}
	pu := strings.Replace(u, "/act/print?", "/act/pdf?", 1)
	res, pdf := viewer.get(pu)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "reconciliation-ROMASHKA-2025-02-01-2025-02-28.pdf") {
		t.Fatalf("the PDF: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		in := filepath.Join(t.TempDir(), "act.pdf")
		if err := os.WriteFile(in, []byte(pdf), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool, "-layout", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Акт сверки взаимных расчётов", "ООО «Ромашка»", "1 150,00", "400,00", "750,00", "в пользу", "Семьсот пятьдесят манатов 00 тенге"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("the PDF's text lacks %q", w)
			}
		}
	} else if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
		t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
	}
	// In the counterparty's favour: the other customer's advance.
	adv := "/o/" + settleOrg + "/settlements/" + strconv.FormatInt(int64(b.adv), 10) + "/act/print?from=2025-01-01&to=2025-03-31"
	if _, body := viewer.get(adv); !strings.Contains(body, "задолженность составляет 200,00 TMT в пользу Лале.") {
		t.Errorf("the advance's act does not favour the customer")
	}
	for q, msg := range map[string]string{
		"from=2025-03-01&to=2025-02-01": "начало периода позже его конца",
		"from=2025-03-01":               "для периода акта нужны обе даты",
		"from=2025-13-01&to=2025-02-01": "2025-13-01",
	} {
		p := "/o/" + settleOrg + "/settlements/" + strconv.FormatInt(int64(b.cust), 10) + "/act/print?" + q
		if res, body := viewer.get(p); res.StatusCode == http.StatusOK || !strings.Contains(body, msg) {
			t.Errorf("%s: %d, want the message %q", q, res.StatusCode, msg)
		}
	}
}
