package web_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

var (
	corrOnce sync.Once
	corrErr  error
)

// corrWeb is the organisation of the chessboard and analysis page tests,
// on the cis chart (minor units; none of these accounts keeps analytics):
//
//	2026-01-10  Dt 50.03 Kt 80    1 000.00  capital paid in cash
//	2026-01-20  Dt 26    Kt 50.03   200.00  expenses paid in cash
//	2026-02-05  Dt 50.03 Kt 90.01   500.00  a sale for cash
//	2026-02-05  Dt 90.01 Kt 68.02    75.00  its VAT
//	2026-02-28  Dt 90.02 Kt 26      200.00  expenses to cost of sales
//
// Chessboard of January–February by synthetic accounts:
//
//	Dt \ Kt   26    50    68    80     90 | total
//	26             200                    |   200
//	50                        1000   500  |  1500
//	90       200          75              |   275
//	total    200   200    75  1000   500  |  1975
const corrWeb = "corrweb"

func corrWebBooks(t *testing.T) (*fixture, *client) {
	t.Helper()
	f := books(t)
	ctx := context.Background()
	corrOnce.Do(func() {
		a := f.app
		if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: corrWeb, Name: "Şahmat HJ", Chart: "cis"}); err != nil {
			corrErr = err
			return
		}
		d := ledger.DateOf
		p := func(dt, kt ledger.AccountCode, a int64) ledger.Posting {
			return ledger.Posting{Debit: ledger.Side{Account: dt}, Credit: ledger.Side{Account: kt}, Amount: money.Amount(a)}
		}
		for _, e := range []ledger.Entry{
			{Date: d(2026, 1, 10), Description: "Capital paid in cash", Postings: []ledger.Posting{p("50.03", "80", 1_000_00)}},
			{Date: d(2026, 1, 20), Description: "Expenses paid in cash", Postings: []ledger.Posting{p("26", "50.03", 200_00)}},
			{Date: d(2026, 2, 5), Description: "Sale for cash", Postings: []ledger.Posting{p("50.03", "90.01", 500_00), p("90.01", "68.02", 75_00)}},
			{Date: d(2026, 2, 28), Description: "Expenses to cost of sales", Postings: []ledger.Posting{p("90.02", "26", 200_00)}},
		} {
			if _, err := a.Post(ctx, app.System, corrWeb, e); err != nil {
				corrErr = err
				return
			}
		}
		if _, err := a.CreateUser(ctx, app.System, "viewer@corrweb.example", "Corr viewer", password, "ru"); err != nil {
			corrErr = err
			return
		}
		corrErr = a.AddMember(ctx, app.System, corrWeb, "viewer@corrweb.example", auth.Viewer)
	})
	if corrErr != nil {
		t.Fatal(corrErr)
	}
	return f, f.login(t, "viewer@corrweb.example", "ru")
}

func TestChessboardPage(t *testing.T) {
	f, c := corrWebBooks(t)
	o := "/o/" + corrWeb
	period := "from=2026-01-01&to=2026-02-28"
	for lang, title := range map[string]string{"ru": "Шахматка", "tk": "Şahmat tablisasy", "en": "Chessboard"} {
		c := f.login(t, "viewer@corrweb.example", lang)
		res, body := c.get(o + "/chessboard?" + period)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "<h1>"+title+"</h1>") {
			t.Fatalf("%s: %d, no title %q", lang, res.StatusCode, title)
		}
	}
	_, body := c.get(o + "/chessboard?" + period)
	for _, want := range []string{
		// 26 × 50: the card of 26 narrowed to 50
		`href="/o/corrweb/accounts/26/card?from=2026-01-01&amp;to=2026-02-28&amp;corr=50">200,00</a>`,
		// 90 × 26: 90 has sub-accounts, so the card of 26 narrowed to 90
		`href="/o/corrweb/accounts/26/card?from=2026-01-01&amp;to=2026-02-28&amp;corr=90">200,00</a>`,
		// 90 × 68 and 50 × 90: both have sub-accounts: the analysis of the
		// debited one by sub-accounts
		`href="/o/corrweb/accounts/90/analysis?from=2026-01-01&amp;to=2026-02-28&amp;level=sub">75,00</a>`,
		`href="/o/corrweb/accounts/50/analysis?from=2026-01-01&amp;to=2026-02-28&amp;level=sub">500,00</a>`,
		// the row total of 50 and the grand total
		`href="/o/corrweb/accounts/50/analysis?from=2026-01-01&amp;to=2026-02-28">1 500,00</a>`,
		`<td>1 975,00</td>`,
		`class="tb num chess"`,
	} {
		if !strings.Contains(body, strings.ReplaceAll(want, " ", "\u00a0")) && !strings.Contains(body, want) {
			t.Errorf("the chessboard lacks %s", want)
		}
	}
	_, body = c.get(o + "/chessboard?level=sub&" + period)
	if !strings.Contains(body, `title="Налог на добавленную стоимость">68.02</a>`) || strings.Contains(body, `>68</a>`) {
		t.Errorf("by sub-accounts the columns are 68.02, not 68")
	}
	res, csv := c.get(o + "/chessboard?format=csv&" + period)
	if res.StatusCode != http.StatusOK || !strings.Contains(csv, "50,,,,1000.00,500.00,1500.00") || !strings.Contains(csv, "200.00,200.00,75.00,1000.00,500.00,1975.00") {
		t.Errorf("CSV: %d\n%s", res.StatusCode, csv)
	}
	// the demo's year on the cis chart by synthetic accounts: under 50 KB
	// before compression
	demoC := f.login(t, demoOwner, "ru")
	if n := rawSize(t, demoC, "/o/demo/chessboard?from=2025-01-01&to=2025-12-31"); n > 50<<10 {
		t.Errorf("the demo's chessboard weighs %d bytes uncompressed, over 50 KB", n)
	} else {
		t.Logf("the demo's chessboard of 2025 by synthetic accounts: %.1f KB uncompressed", kb(n))
	}
	if res, _ := c.get(o + "/chessboard?level=nope"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown level: %d", res.StatusCode)
	}
}

// TestAccountAnalysisPage: 90 by month over January–February: nothing in
// January; in February 26 Dt 200, 50 Kt 500, 68 Dt 75, turnover Dt 275 Kt
// 500, closing Kt 225. 50 in February: opening 1000 − 200 = Dt 800, 90 Dt
// 500, closing Dt 1 300.
func TestAccountAnalysisPage(t *testing.T) {
	_, c := corrWebBooks(t)
	o := "/o/" + corrWeb
	res, body := c.get(o + "/accounts/90/analysis?from=2026-01-01&to=2026-02-28&bymonth=1")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analysis: %d", res.StatusCode)
	}
	flat := strings.ReplaceAll(body, "\u00a0", " ")
	for _, want := range []string{
		`href="/o/corrweb/accounts/26/card?from=2026-02-01&amp;to=2026-02-28&amp;corr=90">200,00</a>`,
		`href="/o/corrweb/accounts/50/analysis?from=2026-02-01&amp;to=2026-02-28&amp;level=sub">500,00</a>`,
		`>275,00</a>`, `<td>225,00</td>`, "За весь период",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the analysis of 90 lacks %s", want)
		}
	}
	res, csv := c.get(o + "/accounts/50/analysis?from=2026-02-01&to=2026-02-28&format=csv")
	for _, want := range []string{"800.00,", `"  90",Продажи,500.00,`, "1300.00,"} {
		if res.StatusCode != http.StatusOK || !strings.Contains(csv, want) {
			t.Errorf("CSV of 50 lacks %q:\n%s", want, csv)
		}
	}
	if res, _ := c.get(o + "/accounts/90/analysis?bymonth=1&from=2026-01-01"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("by month without an end: %d", res.StatusCode)
	}
	if res, _ := c.get(o + "/accounts/999/analysis"); res.StatusCode != http.StatusNotFound {
		t.Errorf("no such account: %d", res.StatusCode)
	}
}

// TestCardOfCorrespondence: the card of 50.03 narrowed to 90 has the sale
// only, its turnover Dt 500; a correspondent not in the chart is 404.
func TestCardOfCorrespondence(t *testing.T) {
	_, c := corrWebBooks(t)
	o := "/o/" + corrWeb
	res, body := c.get(o + "/accounts/50.03/card?from=2026-01-01&to=2026-02-28&corr=90")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Sale for cash") || strings.Contains(body, "Capital paid in cash") || !strings.Contains(body, `class="sub card-corr"`) {
		t.Fatalf("card of 50 against 90: %d\n%s", res.StatusCode, body)
	}
	if res, _ := c.get(o + "/accounts/50.03/card?corr=999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown correspondent: %d", res.StatusCode)
	}
	_, tb := c.get(o + "/trial-balance?from=2026-01-01&to=2026-02-28")
	if !strings.Contains(tb, `href="/o/corrweb/accounts/50/analysis?from=2026-01-01&amp;to=2026-02-28"`) {
		t.Errorf("the trial balance does not link 50 to its analysis")
	}
}
