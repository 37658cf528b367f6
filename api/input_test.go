package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestPostedEntryJSON: an entry with analytics, foreign currency and
// quantities goes in and comes out with decimal strings and catalog codes,
// and reads back the same.
func TestPostedEntryJSON(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	body := `{"date":"2025-05-06","description":"Full entry","document":"PO-9","postings":[
		{"debit":{"account":"41.01","analytics":{"item":"IT-FLOUR","warehouse":"WH-1"},"quantity":"2.5"},
		 "credit":{"account":"60.21","analytics":{"counterparty":"C-ALTYN","contract":"K-1"},"currency":"USD","currency_amount":"30"},
		 "amount":"105.5"}]}`
	r := f.do(t, acct, call{method: "POST", path: entriesPath, body: body, headers: map[string]string{"Idempotency-Key": newKey()}})
	mustStatus(t, "post", r, 201)
	p := field(r.json, "postings", 0)
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"amount"}, "105.50"},
		{[]any{"debit", "account"}, "41.01"},
		{[]any{"debit", "quantity"}, "2.500"},
		{[]any{"debit", "analytics", "item"}, "IT-FLOUR"},
		{[]any{"debit", "analytics", "warehouse"}, "WH-1"},
		{[]any{"credit", "currency"}, "USD"},
		{[]any{"credit", "currency_amount"}, "30.00"},
		{[]any{"credit", "analytics", "contract"}, "K-1"},
	} {
		if got := field(p, c.path...); got != c.want {
			t.Errorf("posting %v = %v, want %v", c.path, got, c.want)
		}
	}
	if field(r.json, "author") != "acct@acme.example" || field(r.json, "document") != "PO-9" {
		t.Errorf("entry %s", r.body)
	}
	back := f.do(t, acct, call{method: "GET", path: r.header.Get("Location")})
	mustStatus(t, "read back", back, 200)
	if string(back.body) != string(r.body) {
		t.Errorf("read back\n%s\nposted\n%s", back.body, r.body)
	}
}

// TestRefusedInput: malformed bodies are refused with 422 and a message
// that says what is wrong, and post nothing.
func TestRefusedInput(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	posting := func(amount string) string {
		return `{"date":"2025-04-01","description":"Refused","postings":[{"debit":{"account":"26"},"credit":{"account":"80"},"amount":` + amount + `}]}`
	}
	var many strings.Builder
	many.WriteString(`{"date":"2025-04-01","description":"Refused","postings":[`)
	for i := range 1001 {
		if i > 0 {
			many.WriteString(",")
		}
		many.WriteString(`{"debit":{"account":"26"},"credit":{"account":"80"},"amount":"1.00"}`)
	}
	many.WriteString("]}")
	huge := `{"date":"2025-04-01","description":"Refused","document":"` + strings.Repeat("x", 1<<20) + `","postings":[]}`
	for _, c := range []struct {
		name, body, says string
	}{
		{"amount as a JSON number", posting(`1150.00`), "amount"},
		{"amount as a JSON integer", posting(`1150`), "never JSON numbers"},
		{"currency amount as a number", `{"date":"2025-04-01","postings":[{"debit":{"account":"52","currency":"USD","currency_amount":10,"analytics":{"cashflow":"CF-IN"}},"credit":{"account":"80"},"amount":"1.00"}]}`, "currency_amount"},
		{"exponent", posting(`"1e3"`), "decimal string"},
		{"plus sign", posting(`"+5.00"`), "decimal string"},
		{"comma", posting(`"5,00"`), "decimal string"},
		{"too many decimals", posting(`"1.005"`), "more than 2 decimals"},
		{"out of range", posting(`"99999999999999999999.00"`), "out of range"},
		{"empty amount", posting(`""`), "amount is required"},
		{"unknown field", `{"date":"2025-04-01","memo":"x","postings":[]}`, `"memo"`},
		{"unknown side field", `{"date":"2025-04-01","postings":[{"debit":{"acount":"26"},"credit":{"account":"80"},"amount":"1.00"}]}`, `"acount"`},
		{"trailing data", posting(`"1.00"`) + ` {}`, "single JSON object"},
		{"not JSON", `{"date":`, "not valid JSON"},
		{"empty body", ``, "empty"},
		{"an array", `[]`, "single JSON object"},
		{"no postings", `{"date":"2025-04-01","postings":[]}`, "1 to 1000 postings"},
		{"1001 postings", many.String(), "1 to 1000 postings, this one has 1001"},
		{"body over 1 MiB", huge, "larger than 1048576 bytes"},
		{"no date", `{"postings":[{"debit":{"account":"26"},"credit":{"account":"80"},"amount":"1.00"}]}`, "date is required"},
		{"bad date", `{"date":"01.04.2025","postings":[{"debit":{"account":"26"},"credit":{"account":"80"},"amount":"1.00"}]}`, "is not a date"},
		{"unknown account", `{"date":"2025-04-01","postings":[{"debit":{"account":"999"},"credit":{"account":"80"},"amount":"1.00"}]}`, "posting 1: debit account 999 does not exist"},
		{"unknown analytic", `{"date":"2025-04-01","postings":[{"debit":{"account":"62.01","analytics":{"counterparty":"NOPE","contract":"K-1"}},"credit":{"account":"90.01"},"amount":"1.00"}]}`, "counterparty NOPE does not exist"},
		{"analytic of the other tenant", `{"date":"2025-04-01","postings":[{"debit":{"account":"62.01","analytics":{"counterparty":"ZETA-CP","contract":"K-1"}},"credit":{"account":"90.01"},"amount":"1.00"}]}`, "counterparty ZETA-CP does not exist"},
		{"catalog the account does not take", `{"date":"2025-04-01","postings":[{"debit":{"account":"26","analytics":{"item":"IT-FLOUR"}},"credit":{"account":"80"},"amount":"1.00"}]}`, "account 26 does not take item"},
		{"missing analytic", `{"date":"2025-04-01","postings":[{"debit":{"account":"62.01","analytics":{"counterparty":"C-ALTYN"}},"credit":{"account":"90.01"},"amount":"1.00"}]}`, "requires contract"},
		{"unknown currency", `{"date":"2025-04-01","postings":[{"debit":{"account":"52","currency":"usd","currency_amount":"1","analytics":{"cashflow":"CF-IN"}},"credit":{"account":"80"},"amount":"1.00"}]}`, `unknown currency "usd"`},
		{"quantity with four decimals", `{"date":"2025-04-01","postings":[{"debit":{"account":"41.01","quantity":"1.0001","analytics":{"item":"IT-FLOUR","warehouse":"WH-1"}},"credit":{"account":"80"},"amount":"1.00"}]}`, "more than 3 decimals"},
	} {
		r := f.do(t, acct, call{method: "POST", path: entriesPath, body: c.body, headers: map[string]string{"Idempotency-Key": newKey()}})
		if r.status != 422 {
			t.Errorf("%s: status %d, want 422: %.300s", c.name, r.status, r.body)
			continue
		}
		if msg, _ := field(r.json, "message").(string); !strings.Contains(msg, c.says) || field(r.json, "error") != "invalid" {
			t.Errorf("%s: answer %s, want a message saying %q", c.name, r.body, c.says)
		}
		if strings.Contains(string(r.body), "Zeta") {
			t.Errorf("%s: %s", c.name, r.body)
		}
	}
	if n := countEntries(t, f, "Refused"); n != 0 {
		t.Errorf("%d refused entries were posted", n)
	}
}

// TestRefusedQueries: query parameters out of their rules are 422; a path
// that names nothing is 404; all in JSON.
func TestRefusedQueries(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	o := "/api/v1/orgs/" + acme
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"GET", o + "/entries?limit=0", 422},
		{"GET", o + "/entries?limit=501", 422},
		{"GET", o + "/entries?limit=ten", 422},
		{"GET", o + "/entries?min=1,5", 422},
		{"GET", o + "/entries?from=2025-13-01", 422},
		{"GET", o + "/entries?text=" + strings.Repeat("x", 201), 422},
		{"GET", o + "/entries?cursor=garbage", 422},
		{"GET", o + "/analytics/counterparty?limit=1001", 422},
		{"GET", o + "/balances?to=tomorrow", 422},
		{"GET", o + "/trial-balance?from=yesterday", 422},
		{"GET", o + "/analytics/planets", 404},
		{"POST", o + "/analytics/planets", 404},
		{"GET", o + "/entries/2025/99999", 404},
		{"GET", o + "/entries/twenty/1", 404},
		{"POST", o + "/entries/2025/99999/reverse", 404},
		{"GET", "/api/v1/nothing", 404},
		{"DELETE", o + "/entries/2025/1", 404},
	} {
		body := ""
		if c.method == "POST" {
			body = `{"date":"2025-04-01"}`
		}
		r := f.do(t, acct, call{method: c.method, path: c.path, body: body})
		if r.status != c.want {
			t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, r.status, c.want, r.body)
		}
	}

	// Catalog entries: a duplicate code is a conflict, an owner only a
	// contract's, and a contract's owner must be a counterparty of acme.
	for _, c := range []struct {
		kind, body string
		want       int
	}{
		{"counterparty", `{"code":"C-ALTYN"}`, 409},
		{"counterparty", `{"code":"X-1","owner":"C-ALTYN"}`, 422},
		{"contract", `{"code":"K-ZETA","owner":"ZETA-CP"}`, 422},
		{"contract", `{"code":" "}`, 422},
		{"item", `{"code":"IT-2","names":{"de":"Mehl"}}`, 422},
	} {
		r := f.do(t, acct, call{method: "POST", path: o + "/analytics/" + c.kind, body: c.body})
		if r.status != c.want {
			t.Errorf("POST %s %s: status %d, want %d: %s", c.kind, c.body, r.status, c.want, r.body)
		}
	}
}

// TestMessagesInTheCallersLanguage: ?lang= first, then Accept-Language,
// then English.
func TestMessagesInTheCallersLanguage(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	path := "/api/v1/orgs/" + acme + "/entries/2025/99999"
	for _, c := range []struct {
		query, accept, want string
	}{
		{"", "", "entry 2025/99999 does not exist"},
		{"?lang=ru", "tk", "операция 2025/99999 не существует"},
		{"", "ru-RU,ru;q=0.9,en;q=0.5", "операция 2025/99999 не существует"},
		{"", "de, tk;q=0.8", "2025/99999 amaly ýok"},
		{"?lang=xx", "", "entry 2025/99999 does not exist"},
	} {
		h := map[string]string{}
		if c.accept != "" {
			h["Accept-Language"] = c.accept
		}
		r := f.do(t, acct, call{method: "GET", path: path + c.query, headers: h})
		if msg := field(r.json, "message"); msg != c.want {
			t.Errorf("%q, Accept-Language %q: message %q, want %q", c.query, c.accept, msg, c.want)
		}
	}
	r := f.do(t, f.callers["anonymous"], call{method: "GET", path: path + "?lang=ru"})
	if msg := fmt.Sprint(field(r.json, "message")); !strings.Contains(msg, "токен") {
		t.Errorf("anonymous in Russian: %s", r.body)
	}
}
