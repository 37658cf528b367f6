package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hasap/api"
	"hasap/app"
	"hasap/auth"
	"hasap/internal/apptest"
	"hasap/ledger"
)

// cashBooks builds the books of TestAccountCardAPI and TestCashBookAPI:
// organisation kb, whose main cash desk 50.01 (cash-flow item CF-1)
// receives 1 000.00 of capital on 2 January 2025 (entry 1); on 10 January
// takes 250.00 from a cash sale (2), pays 120.00 of stationery (3), and
// the currency cash desk 50.21 takes 100.00 USD = 350.00 (4); on 20
// January 50.01 takes 5.00 (5) and the stationery is stornoed in red (6:
// Dt 26 Kt 50.01 −120.00). It returns a server over them and an
// accountant's caller, whose answers are checked against the OpenAPI
// document.
func cashBooks(t *testing.T) (*fixture, caller) {
	t.Helper()
	ctx := context.Background()
	a := apptest.New(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "kb", Name: "Kassa HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	cf := &ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF-1", Names: ledger.Names{EN: "Operations"}}
	if err := a.CreateAnalytic(ctx, app.System, "kb", cf); err != nil {
		t.Fatal(err)
	}
	cash := ledger.Side{Account: "50.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf.ID}}
	d := ledger.DateOf
	entries := []ledger.Entry{
		{Date: d(2025, 1, 2), Description: "Capital", Postings: []ledger.Posting{{Debit: cash, Credit: ledger.Side{Account: "80"}, Amount: 1_000_00}}},
		{Date: d(2025, 1, 10), Description: "Cash sale", Postings: []ledger.Posting{{Debit: cash, Credit: ledger.Side{Account: "90.01"}, Amount: 250_00}}},
		{Date: d(2025, 1, 10), Description: "Stationery", Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: cash, Amount: 120_00}}},
		{Date: d(2025, 1, 10), Description: "Dollars", Postings: []ledger.Posting{{Debit: ledger.Side{Account: "50.21", Analytics: cash.Analytics, Currency: "USD", CurAmount: 100_00},
			Credit: ledger.Side{Account: "80"}, Amount: 350_00}}},
		{Date: d(2025, 1, 20), Description: "Top-up", Postings: []ledger.Posting{{Debit: cash, Credit: ledger.Side{Account: "80"}, Amount: 5_00}}},
	}
	for _, e := range entries {
		if _, err := a.Post(ctx, app.System, "kb", e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Reverse(ctx, app.System, "kb", 2025, 3, d(2025, 1, 20), true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateUser(ctx, app.System, "acct@kb.tm", "Accountant", password, "en"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddMember(ctx, app.System, "kb", "acct@kb.tm", auth.Accountant); err != nil {
		t.Fatal(err)
	}
	token, err := createToken(ctx, a, "acct@kb.tm", password, "kb")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.Handler(a))
	t.Cleanup(srv.Close)
	return &fixture{app: a, srv: srv, doc: books(t).doc}, caller{name: "kb accountant", token: token, org: "kb", role: auth.Accountant}
}

// TestAccountCardAPI: the card of 50.01 for 10–31 January, three lines a
// page: opening 1 000.00, debit turnover 250.00 + 5.00, credit 120.00 −
// 120.00 (the storno), closing 1 255.00; page one runs 1 250.00, 1 130.00,
// 1 135.00 and page two starts there and ends at the closing balance with
// the red storno. Narrowed to 26: only the stationery and its storno,
// from zero. Bad accounts, periods, cursors and catalog entries are
// refused with their reason; the file is the whole card.
func TestAccountCardAPI(t *testing.T) {
	f, acct := cashBooks(t)
	const card = "/api/v1/orgs/kb/accounts/50.01/card"
	r := f.do(t, acct, call{method: "GET", path: card + "?from=2025-01-10&to=2025-01-31&limit=3"})
	mustStatus(t, "page 1", r, 200)
	for k, want := range map[string]string{"account": "50.01", "currency": "TMT", "from": "2025-01-10", "to": "2025-01-31",
		"opening": "1000.00", "debit": "255.00", "credit": "0.00", "closing": "1255.00", "starting_balance": "1000.00"} {
		if got := field(r.json, k); got != want {
			t.Errorf("page 1: %s = %v, want %s", k, got, want)
		}
	}
	type line struct{ date, debit, credit, balance, corr string }
	lines := func(r response) []line {
		var out []line
		xs, _ := field(r.json, "lines").([]any)
		for _, x := range xs {
			corr, _ := field(x, "corresponding", "account").(string)
			out = append(out, line{field(x, "date").(string), field(x, "debit").(string), field(x, "credit").(string), field(x, "balance").(string), corr})
		}
		return out
	}
	want1 := []line{{"2025-01-10", "250.00", "0.00", "1250.00", "90.01"}, {"2025-01-10", "0.00", "120.00", "1130.00", "26"}, {"2025-01-20", "5.00", "0.00", "1135.00", "80"}}
	if got := lines(r); !equalLines(got, want1) {
		t.Errorf("page 1 lines %v, want %v", got, want1)
	}
	if field(r.json, "lines", 0, "side", "analytics", "cashflow") != "CF-1" || field(r.json, "lines", 1, "entry", "number") == nil ||
		field(r.json, "lines", 0, "description") != "Cash sale" {
		t.Errorf("page 1's first lines: %s", r.body)
	}
	next, _ := field(r.json, "next_cursor").(string)
	if next == "" {
		t.Fatalf("page 1 has no next_cursor: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: card + "?from=2025-01-10&to=2025-01-31&limit=3&cursor=" + next})
	mustStatus(t, "page 2", r, 200)
	want2 := []line{{"2025-01-20", "0.00", "-120.00", "1255.00", "26"}}
	if got := lines(r); !equalLines(got, want2) || field(r.json, "starting_balance") != "1135.00" || field(r.json, "next_cursor") != nil ||
		field(r.json, "closing") != "1255.00" {
		t.Errorf("page 2: %s", r.body)
	}

	r = f.do(t, acct, call{method: "GET", path: card + "?from=2025-01-01&corr=26"})
	mustStatus(t, "narrowed to 26", r, 200)
	wantCorr := []line{{"2025-01-10", "0.00", "120.00", "-120.00", "26"}, {"2025-01-20", "0.00", "-120.00", "0.00", "26"}}
	if got := lines(r); !equalLines(got, wantCorr) || field(r.json, "corr") != "26" || field(r.json, "opening") != "0.00" || field(r.json, "closing") != "0.00" {
		t.Errorf("narrowed to 26: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: card + "?catalog=cashflow&code=CF-1&to=2025-01-10"})
	mustStatus(t, "narrowed to CF-1", r, 200)
	if field(r.json, "analytic", "code") != "CF-1" || field(r.json, "analytic", "name") != "Operations" || field(r.json, "closing") != "1130.00" || len(lines(r)) != 3 {
		t.Errorf("narrowed to CF-1: %s", r.body)
	}

	for _, c := range []struct {
		what, query string
		status      int
		message     string
	}{
		{"no such account", "/api/v1/orgs/kb/accounts/50.99/card", 404, "50.99"},
		{"a group account", "/api/v1/orgs/kb/accounts/50/card", 422, "sub-accounts"},
		{"a period backwards", card + "?from=2025-02-01&to=2025-01-01", 422, "the period starts after it ends"},
		{"not a date", card + "?from=2025-13-01", 422, "2025-13-01"},
		{"a cursor of another query", card + "?from=2025-01-10&limit=3&cursor=" + next, 422, "other filters"},
		{"not a cursor", card + "?cursor=abc", 422, "cursor"},
		{"a limit too large", card + "?limit=501", 422, "limit"},
		{"no such catalog", card + "?catalog=planets&code=CF-1", 422, "planets"},
		{"no such entry", card + "?catalog=cashflow&code=CF-9", 404, "CF-9"},
		{"both narrowings", card + "?catalog=cashflow&code=CF-1&corr=26", 422, "analytic"},
	} {
		r := f.do(t, acct, call{method: "GET", path: c.query})
		mustStatus(t, c.what, r, c.status)
		if msg, _ := field(r.json, "message").(string); !strings.Contains(msg, c.message) {
			t.Errorf("%s: message %q, want it to name %q", c.what, msg, c.message)
		}
	}

	// The file is the whole card: opening, the four movements, turnover,
	// closing; limit and cursor do not apply.
	body := getFile(t, f, acct, card+"?from=2025-01-10&to=2025-01-31&limit=1&format=csv")
	if rows := strings.Count(body, "\n"); rows != 1+7 || !strings.Contains(body, "1255.00") || !strings.Contains(body, "-120.00") {
		t.Errorf("the card as CSV (%d lines): %s", rows, body)
	}
}

// TestCashBookAPI: the sheets of 10 and 20 January of 50.01 and the
// dollar book of 50.21, worked out from cashBooks; and the refusals.
func TestCashBookAPI(t *testing.T) {
	f, acct := cashBooks(t)
	const book = "/api/v1/orgs/kb/cash-book"
	r := f.do(t, acct, call{method: "GET", path: book + "?account=50.01&date=2025-01-10"})
	mustStatus(t, "10 January", r, 200)
	for k, want := range map[string]string{"currency": "TMT", "base_currency": "TMT", "date": "2025-01-10", "opening": "1000.00", "receipts": "250.00",
		"expenses": "120.00", "closing": "1130.00", "closing_base": "1130.00", "prev": "2025-01-02", "next": "2025-01-20"} {
		if got := field(r.json, k); got != want {
			t.Errorf("10 January: %s = %v, want %s", k, got, want)
		}
	}
	if field(r.json, "sheet").(interface{ String() string }).String() != "2" || field(r.json, "foreign") != false ||
		field(r.json, "lines", 0, "number") != "2025/2" || field(r.json, "lines", 0, "corresponding") != "90.01" || field(r.json, "lines", 0, "receipt") != true ||
		field(r.json, "lines", 0, "amount") != "250.00" || field(r.json, "lines", 0, "person") != "Cash sale" ||
		field(r.json, "lines", 1, "corresponding") != "26" || field(r.json, "lines", 1, "receipt") != false || field(r.json, "lines", 1, "amount") != "120.00" {
		t.Errorf("10 January: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: book + "?account=50.01&date=2025-01-20"})
	mustStatus(t, "20 January", r, 200)
	if field(r.json, "opening") != "1130.00" || field(r.json, "receipts") != "5.00" || field(r.json, "expenses") != "-120.00" ||
		field(r.json, "closing") != "1255.00" || field(r.json, "next") != nil || field(r.json, "lines", 1, "amount") != "-120.00" {
		t.Errorf("20 January: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: book + "?account=50.21&date=2025-01-10"})
	mustStatus(t, "the dollar book", r, 200)
	if field(r.json, "currency") != "USD" || field(r.json, "foreign") != true || field(r.json, "receipts") != "100.00" ||
		field(r.json, "receipts_base") != "350.00" || field(r.json, "closing") != "100.00" || field(r.json, "currencies", 0) != "USD" ||
		field(r.json, "lines", 0, "base") != "350.00" {
		t.Errorf("the dollar book: %s", r.body)
	}

	for _, c := range []struct {
		what, query string
		status      int
		message     string
	}{
		{"no date", book + "?account=50.01", 422, "the date is required"},
		{"no account", book + "?date=2025-01-10", 422, "the account is required"},
		{"no such account", book + "?account=50.99&date=2025-01-10", 404, "50.99"},
		{"not a date", book + "?account=50.01&date=10.01.2025", 422, "10.01.2025"},
		{"a currency on a manat account", book + "?account=50.01&date=2025-01-10&currency=USD", 422, "not kept in foreign currency"},
	} {
		r := f.do(t, acct, call{method: "GET", path: c.query})
		mustStatus(t, c.what, r, c.status)
		if msg, _ := field(r.json, "message").(string); !strings.Contains(msg, c.message) {
			t.Errorf("%s: message %q, want it to name %q", c.what, msg, c.message)
		}
	}
	if body := getFile(t, f, acct, book+"?account=50.01&date=2025-01-10&format=csv"); !strings.Contains(body, "1130.00") || !strings.Contains(body, "Cash sale") {
		t.Errorf("the sheet as CSV: %s", body)
	}
}

func equalLines[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// getFile asks for a report as a file and returns its body.
func getFile(t *testing.T, f *fixture, who caller, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+who.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("GET %s: %d %s: %s", path, res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	return string(b)
}
