package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// stmtOrg makes an organisation of its own for the statement pages: the
// cis chart, a cash-flow item, capital paid into the bank and a sale in
// February 2026, and its members in three languages.
func stmtOrg(t *testing.T, f *fixture, code string) {
	t.Helper()
	ctx := context.Background()
	a := f.app
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: code, Name: "Hasabat " + code, Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := func(kind ledger.AnalyticKind, c string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: c, Names: ledger.Names{TK: "Maýa goýum " + c, RU: "Взнос " + c, EN: "Contribution " + c}, Owner: owner}
		if err := a.CreateAnalytic(ctx, app.System, code, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	cf, cust := an(ledger.CashFlowItem, "FIN01", 0), an(ledger.Counterparty, "C1", 0)
	k := an(ledger.Contract, "K1", cust)
	post := func(d ledger.Date, dt, kt ledger.Side, amount money.Amount) {
		e := ledger.Entry{Date: d, Description: "statements", Postings: []ledger.Posting{{Debit: dt, Credit: kt, Amount: amount}}}
		if _, err := a.Post(ctx, app.System, code, e); err != nil {
			t.Fatal(err)
		}
	}
	post(ledger.DateOf(2026, 1, 10), ledger.Side{Account: "51", Analytics: [3]ledger.AnalyticID{cf}}, ledger.Side{Account: "80"}, 5_000_000)
	post(ledger.DateOf(2026, 2, 3), ledger.Side{Account: "62.01", Analytics: [3]ledger.AnalyticID{cust, k}}, ledger.Side{Account: "90.01"}, 115_000)
	addMembers(t, a, code, "Stmt", []member{
		{"owner@" + code + ".example", "ru", auth.Owner},
		{"viewer@" + code + ".example", "tk", auth.Viewer},
		{"chief@" + code + ".example", "en", auth.ChiefAccountant},
	})
}

// Each statement's page in tk, ru and en: its title and lines in the
// language, amounts linked to the line's drill-down, under 50 KB; the
// drill-down links the accounts to their cards; CSV export.
func TestStatementPages(t *testing.T) {
	f := books(t)
	stmtOrg(t, f, "stmtpages")
	titles := map[string][]string{
		"tk": {"Buhgalteriýa balansy", "Maliýe netijeleri baradaky hasabat", "Pul serişdeleriniň hereketi baradaky hasabat", "Maýadaky üýtgeşmeler baradaky hasabat"},
		"ru": {"Бухгалтерский баланс", "Отчёт о финансовых результатах", "Отчёт о движении денежных средств", "Отчёт об изменениях капитала"},
		"en": {"Statement of financial position", "Profit and loss", "Cash flows", "Changes in equity"},
	}
	users := map[string]string{"tk": "viewer@stmtpages.example", "ru": "owner@stmtpages.example", "en": "chief@stmtpages.example"}
	for lang, email := range users {
		c := f.login(t, email, lang)
		for i, kind := range []string{"balance-sheet", "pnl", "cash-flow", "equity"} {
			path := "/o/stmtpages/statements/" + kind + "?period=2026-02&compare=prev-month"
			res, body := c.get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d %s", lang, path, res.StatusCode, snippet(body))
			}
			if !strings.Contains(body, titles[lang][i]) {
				t.Errorf("%s %s: no title %q", lang, kind, titles[lang][i])
			}
			if len(body) > 50<<10 {
				t.Errorf("%s %s: %d bytes", lang, kind, len(body))
			}
			if !strings.Contains(body, `/o/stmtpages/statements/`+kind+`/lines/`) {
				t.Errorf("%s %s: no amount links to a line", lang, kind)
			}
		}
	}
	c := f.login(t, "owner@stmtpages.example", "ru")
	// The balance sheet at 28 February: cash 1250 50 000,00, receivables 1230
	// 1 150,00 (the sale), 1600 = 51 150,00 = 1310 50 000,00 + 1370 1 150,00.
	_, body := c.get("/o/stmtpages/statements/balance-sheet?period=2026-02")
	for _, want := range []string{"50 000,00", "1 150,00", "51 150,00", "Денежные средства"} {
		if !strings.Contains(body, want) {
			t.Errorf("balance sheet: no %q", want)
		}
	}
	// Compared with January (1600 50 000,00): the difference 1 150,00 and
	// +2,3 %; receivables 1230 were 0, so no percent.
	_, body = c.get("/o/stmtpages/statements/balance-sheet?period=2026-02&compare=prev-month")
	for line, want := range map[string][]string{
		"1600": {">51 150,00<", ">50 000,00<", ">1 150,00<", ">2,3<"},
		"1230": {">1 150,00<", ">0,00<", "<td></td>"},
		"1310": {">50 000,00<", ">0,00<", ">0,0<"},
	} {
		row := stmtRowHTML(body, line)
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("compared balance sheet, line %s: no %q in %s", line, w, row)
			}
		}
	}
	if !strings.Contains(body, "Изменение, %") || !strings.Contains(body, "Разница") {
		t.Error("compared balance sheet: no difference and change columns")
	}
	// The changes in equity of January by kind of movement: the capital
	// came straight into 51 (not through 75), an other change of 3310;
	// the movement lines are columns, not rows.
	_, body = c.get("/o/stmtpages/statements/equity?period=2026-01")
	for _, want := range []string{"Прибыль (убыток) за период", "Вклады собственников", "Дивиденды и распределения", "Прочие изменения"} {
		if !strings.Contains(body, want) {
			t.Errorf("changes in equity: no column %q", want)
		}
	}
	if row := stmtRowHTML(body, "3310"); strings.Count(row, ">50 000,00<") != 2 || strings.Count(row, ">0,00<") != 4 {
		t.Errorf("changes in equity, 3310: %s", row)
	}
	if strings.Contains(body, `data-line="PL"`) {
		t.Error("changes in equity: a movement line is a row")
	}
	res, body := c.get("/o/stmtpages/statements/equity/lines/3310?period=2026-02&compare=prev-month")
	if res.StatusCode != http.StatusOK || strings.Count(body, "Сальдо на конец") != 2 || !strings.Contains(body, "50 000,00") {
		t.Errorf("drill-down of 3310: %d %s", res.StatusCode, snippet(body))
	}
	if res, _ := c.get("/o/stmtpages/statements/equity/lines/PL?period=2026-02"); res.StatusCode != http.StatusNotFound {
		t.Errorf("drill-down of a movement line: %d", res.StatusCode)
	}
	_, body = c.get("/o/stmtpages/statements/balance-sheet/lines/1250?period=2026-02")
	if !strings.Contains(body, "/o/stmtpages/accounts/51/card?from=2026-01-01&amp;to=2026-02-28") {
		t.Errorf("drill-down of 1250 links no card of 51: %s", snippet(body))
	}
	_, body = c.get("/o/stmtpages/statements/balance-sheet/lines/1600?period=2026-02")
	if !strings.Contains(body, "/statements/balance-sheet/lines/1200") {
		t.Error("drill-down of 1600 does not link its lines")
	}
	res, body = c.get("/o/stmtpages/statements/pnl?period=2026-02&format=csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(body, "2110") {
		t.Errorf("CSV: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), snippet(body))
	}
	for path, want := range map[string]int{
		"/o/stmtpages/statements/trial":                         http.StatusNotFound,
		"/o/stmtpages/statements/pnl/lines/9999?period=2026-02": http.StatusNotFound,
		"/o/stmtpages/statements/pnl?period=2026-13":            http.StatusUnprocessableEntity,
	} {
		if res, _ := c.get(path); res.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
	}
}

// A template is loaded from the page, refused whole naming its line,
// shown as the organisation's own, and reset; a viewer may read it only.
func TestStatementTemplatePage(t *testing.T) {
	f := books(t)
	stmtOrg(t, f, "stmttpl")
	owner := f.login(t, "owner@stmttpl.example", "en")
	viewer := f.login(t, "viewer@stmttpl.example", "tk")
	const path = "/o/stmttpl/statements/pnl/template"
	res, body := viewer.get(path)
	if res.StatusCode != http.StatusOK || strings.Contains(body, "<textarea") || !strings.Contains(body, "KT:90.01") {
		t.Fatalf("viewer: %d %s", res.StatusCode, snippet(body))
	}
	if res, _ := viewer.post(path, url.Values{"body": {"x"}}, nil); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("viewer loads a template: %d", res.StatusCode)
	}
	res, body = owner.get(path + "?format=csv")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "#") {
		t.Fatalf("download: %d", res.StatusCode)
	}
	bad := strings.Replace(body, "2120,0,-DT:90.02", "2120,0,-DT:90.02 L:9999", 1)
	res, page := owner.post(path, url.Values{"body": {bad}}, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "template line 8: no line 9999") {
		t.Fatalf("bad template: %d %s", res.StatusCode, snippet(page))
	}
	own := strings.Replace(body, "Revenue", "Net sales", 1)
	if res, _ := owner.post(path, url.Values{"body": {own}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("good template: %d", res.StatusCode)
	}
	_, page = owner.get("/o/stmttpl/statements/pnl?period=2026-02")
	if !strings.Contains(page, "Net sales") {
		t.Error("the statement does not use the organisation's template")
	}
	_, page = owner.get(path)
	if !strings.Contains(page, "own template") {
		t.Error("the template page does not say it is the organisation's own")
	}
	if res, _ := owner.post(path+"/reset", url.Values{}, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	_, page = owner.get("/o/stmttpl/statements/pnl?period=2026-02")
	if strings.Contains(page, "Net sales") || !strings.Contains(page, "Revenue") {
		t.Error("reset left the organisation's template")
	}
}

// stmtRowHTML is the table row of a statement's line in a page.
func stmtRowHTML(body, line string) string {
	i := strings.Index(body, `data-line="`+line+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</tr>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}
