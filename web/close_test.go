package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// The month close tests' own organisation.
const (
	closeOrg        = "close-web"
	closeOwner      = "owner@close.example"
	closeChief      = "chief@close.example"
	closeAccountant = "accountant@close.example"
	closeViewer     = "viewer@close.example"
)

var closeOnce sync.Map // *fixture → true

// closeBooks adds the close tests' organisation to the shared books, once:
// October 2026 with 1 000.00 USD taken in at 3.50 (3 500.00), a sale of
// 1 150.00 with VAT 150.00 and cost 600.00, other income 100.00 and other
// expenses 250.00, and the USD at 3.60 on 31 October (app/close_test.go
// works the same month out).
func closeBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	if _, done := closeOnce.Load(f); done {
		return f
	}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: closeOrg, Name: "Ýapyş", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	cf := ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF", Names: ledger.Names{TK: "Pul", RU: "Деньги", EN: "Money"}}
	if err := f.app.CreateAnalytic(ctx, app.System, closeOrg, &cf); err != nil {
		t.Fatal(err)
	}
	addMembers(t, f.app, closeOrg, "Close", []member{{closeOwner, "ru", auth.Owner}, {closeChief, "ru", auth.ChiefAccountant},
		{closeAccountant, "tk", auth.Accountant}, {closeViewer, "en", auth.Viewer}})
	side := func(code string) ledger.Side { return ledger.Side{Account: ledger.AccountCode(code)} }
	usd := ledger.Side{Account: "52", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf.ID}, Currency: "USD", CurAmount: 100000}
	for _, p := range []struct {
		day    int
		dt, kt ledger.Side
		amount money.Amount
	}{
		{1, usd, side("80"), 350000}, {5, side("50.03"), side("90.01"), 115000}, {5, side("90.03"), side("68.02"), 15000},
		{5, side("90.02"), side("20"), 60000}, {10, side("50.03"), side("91.01"), 10000}, {12, side("91.02"), side("50.03"), 25000},
	} {
		e := ledger.Entry{Date: ledger.DateOf(2026, 10, p.day), Description: "test", Postings: []ledger.Posting{{Debit: p.dt, Credit: p.kt, Amount: p.amount}}}
		if _, err := f.app.Post(ctx, app.System, closeOrg, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.app.PutRate(ctx, app.System, closeOrg, "USD", ledger.DateOf(2026, 10, 31), money.MustRate("3.6")); err != nil {
		t.Fatal(err)
	}
	closeOnce.Store(f, true)
	return f
}

// TestClosePage: every member sees the steps of October in their language
// under 50 KB; the accountant may not post them nor the chief accountant
// reopen; the chief accountant posts them in order and the month locks;
// the documents journal and page show the closing documents; the owner
// reopens with a reason and the steps unpost in reverse order.
func TestClosePage(t *testing.T) {
	f := closeBooks(t)
	page := "/o/" + closeOrg + "/close?month=2026-10"
	for email, want := range map[string][]string{
		closeViewer:     {"Month close", "Currency revaluation", "to do", "100.00", "28.00"},
		closeAccountant: {"Aýy ýapmak", "Walýutany täzeden bahalandyrmak", "ýerine ýetirilmedi"},
		closeChief:      {"Закрытие месяца", "Переоценка валюты", "не выполнено", "Провести"},
	} {
		c := f.login(t, email, "")
		res, body := c.get(page)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", email, res.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", email, w)
			}
		}
		if len(body) > 50<<10 {
			t.Errorf("%s: the page weighs %d bytes", email, len(body))
		}
		if email != closeChief && strings.Contains(body, `/close/2026-10/post/`) {
			t.Errorf("%s is offered to post a step", email)
		}
	}
	acct := f.login(t, closeAccountant, "")
	if res, _ := acct.post("/o/"+closeOrg+"/close/2026-10/post/revaluation", url.Values{}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("the accountant posts a step: %d, want 403", res.StatusCode)
	}
	chief := f.login(t, closeChief, "")
	if res, body := chief.post("/o/"+closeOrg+"/close/2026-10/post/close_month", url.Values{}, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "сначала проведите шаг «Переоценка валюты»") {
		t.Errorf("closing 90 before the revaluation: %d", res.StatusCode)
	}
	for _, step := range []string{"revaluation", "close_month", "profit_tax"} {
		if res, _ := chief.post("/o/"+closeOrg+"/close/2026-10/post/"+step, url.Values{}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("post %s: %d", step, res.StatusCode)
		}
	}
	_, body := chief.get(page)
	for _, w := range []string{"месяц закрыт", "31.10.2026", "Налог на прибыль № 1", "проведён"} {
		if !strings.Contains(body, w) {
			t.Errorf("October closed: the page lacks %q", w)
		}
	}
	if strings.Contains(body, "/unpost/") {
		t.Errorf("a closed month offers to unpost")
	}
	if res, _ := chief.post("/o/"+closeOrg+"/close/reopen", url.Values{"month": {"2026-10"}, "to": {"2026-09-30"}, "reason": {"x"}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("the chief accountant reopens: %d, want 403", res.StatusCode)
	}
	// The documents: in the journal by their names, and a page each.
	_, list := chief.get("/o/" + closeOrg + "/documents?type=revaluation")
	if !strings.Contains(list, "Переоценка валюты") {
		t.Errorf("the documents journal does not list the revaluation")
	}
	mc, err := f.app.MonthClose(context.Background(), app.System, closeOrg, ledger.DateOf(2026, 10, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "tk", "ru"} {
		c := f.login(t, closeViewer, lang)
		res, doc := c.get("/o/" + closeOrg + "/documents/" + itoa64(mc.Steps[0].Document.ID))
		if res.StatusCode != http.StatusOK || !strings.Contains(doc, "91.01") || strings.Contains(doc, "/edit") || strings.Contains(doc, "/unpost") {
			t.Errorf("%s: the revaluation's page: %d", lang, res.StatusCode)
		}
	}
	// The revaluation shows the rates it used and each balance it
	// revalued: 1 000.00 USD × 3.60 − 3 500.00 = 100.00, on its page and
	// its printed statement, where the difference's posting is named.
	rv := "/o/" + closeOrg + "/documents/" + itoa64(mc.Steps[0].Document.ID)
	for lang, want := range map[string][]string{
		"ru": {"Курс на конец периода", "Курс на конец предыдущего месяца", "Переоценённые остатки", "3,6", "3,5", "1 000,00 USD", "3 500,00", "3 600,00", "100,00", "CF · Деньги"},
		"en": {"Rate at the period's end", "3.6", "2026-10-31", "3.5", "1,000.00 USD", "3,500.00", "3,600.00", "100.00", "Book value before"},
	} {
		_, body := f.login(t, closeViewer, lang).get(rv)
		body = strings.ReplaceAll(html.UnescapeString(body), "\u00a0", " ")
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the revaluation's page lacks %q", lang, w)
			}
		}
	}
	printed := []string{"Курс USD на конец периода", "3,6 (31.10.2026)", "Курс USD на конец предыдущего месяца", "52 Валютные счета; CF · Деньги",
		"1 000,00 USD", "3 500,00", "3 600,00", "100,00", "52 / 91.01", "Остаток в валюте × курс на конец периода − балансовая стоимость до переоценки = курсовая разница."}
	_, body = chief.get(rv + "/print?lang=ru")
	body = strings.ReplaceAll(html.UnescapeString(body), "\u00a0", " ")
	for _, w := range printed {
		if !strings.Contains(body, w) {
			t.Errorf("the printed revaluation lacks %q", w)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil || os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
		_, pdf := chief.get(rv + "/pdf?lang=ru")
		text := strings.ReplaceAll(pdfText(t, pdf), "\u00a0", " ")
		for _, w := range append(printed[:3:3], "1 000,00 USD", "3 600,00", "100,00", "52 / 91.01", "− балансовая стоимость до переоценки") {
			if !strings.Contains(text, w) {
				t.Errorf("the revaluation's PDF lacks %q:\n%s", w, text)
			}
		}
	}
	// The printed statement of the profit tax: its posting, in words of
	// the language asked for, and as a PDF.
	pt := "/o/" + closeOrg + "/documents/" + itoa64(mc.Steps[2].Document.ID)
	if res, body := chief.get(pt + "/print?lang=ru"); res.StatusCode != http.StatusOK || !strings.Contains(body, "Налог на прибыль") || !strings.Contains(body, "68.04 Налог на прибыль") || !strings.Contains(body, "28,00") {
		t.Errorf("the printed profit tax: %d", res.StatusCode)
	}
	if res, body := chief.get(pt + "/pdf"); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("the profit tax's PDF: %d", res.StatusCode)
	}
	// The owner reopens, with a reason; the steps unpost in reverse order.
	owner := f.login(t, closeOwner, "")
	if res, body := owner.post("/o/"+closeOrg+"/close/reopen", url.Values{"month": {"2026-10"}, "to": {"2026-09-30"}, "reason": {""}}, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "укажите причину") {
		t.Errorf("reopening without a reason: %d", res.StatusCode)
	}
	if res, _ := owner.post("/o/"+closeOrg+"/close/reopen", url.Values{"month": {"2026-10"}, "to": {"2026-09-30"}, "reason": {"счёт банка"}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopening: %d", res.StatusCode)
	}
	if _, log := owner.get("/o/" + closeOrg + "/audit?action=period.reopen"); !strings.Contains(log, "Период открыт вновь") || !strings.Contains(log, "счёт банка") {
		t.Errorf("the audit log does not show the reopening with its reason")
	}
	if res, _ := owner.post("/o/"+closeOrg+"/close/2026-10/unpost/revaluation", url.Values{}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unposting the revaluation first: %d", res.StatusCode)
	}
	for _, step := range []string{"profit_tax", "close_month", "revaluation"} {
		if res, _ := owner.post("/o/"+closeOrg+"/close/2026-10/unpost/"+step, url.Values{}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("unpost %s: %d", step, res.StatusCode)
		}
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
