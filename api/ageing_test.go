package api_test

import (
	"strings"
	"testing"
)

// TestAgeingAPI: the ageing's buckets in the caller's language, its
// refusals, and the counterparty balances' total; the matrix checks the
// schemas and the tenants.
func TestAgeingAPI(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	const o = "/api/v1/orgs/" + acme
	r := f.do(t, acct, call{method: "GET", path: o + "/ageing?date=2025-12-31&lang=ru"})
	mustStatus(t, "ageing", r, 200)
	bs, _ := field(r.json, "buckets").([]any)
	if len(bs) != 4 || bs[0] != "0–30" || bs[3] != "более 90" || field(r.json, "side") != "receivable" {
		t.Errorf("ageing: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: o + "/ageing?date=2025-12-31&side=payable&buckets=7,14,21,28"})
	mustStatus(t, "ageing, buckets", r, 200)
	if bs, _ := field(r.json, "buckets").([]any); len(bs) != 5 || bs[1] != "8–14" || bs[4] != "over 28" {
		t.Errorf("ageing, buckets 7,14,21,28: %s", r.body)
	}
	for _, q := range []string{"", "?date=2025-12-31&side=others", "?date=2025-12-31&buckets=30,10", "?date=2025-12-31&buckets=a", "?date=2025-13-01"} {
		mustStatus(t, "ageing"+q, f.do(t, acct, call{method: "GET", path: o + "/ageing" + q}), 422)
	}
	r = f.do(t, acct, call{method: "GET", path: o + "/counterparty-balances"})
	mustStatus(t, "counterparty balances", r, 200)
	if field(r.json, "total", "net") == nil || field(r.json, "currency") != "TMT" {
		t.Errorf("counterparty balances: %s", r.body)
	}
}

// TestVATBooksAPI: acme's January books fit the document (the matrix
// checks that) and their summary adds up; a month is required.
func TestVATBooksAPI(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	const o = "/api/v1/orgs/" + acme
	r := f.do(t, acct, call{method: "GET", path: o + "/vat-books?year=2025&month=1"})
	mustStatus(t, "vat-books", r, 200)
	if field(r.json, "from") != "2025-01-01" || field(r.json, "to") != "2025-01-31" || field(r.json, "sales", "total", "vat") != field(r.json, "output_vat") {
		t.Errorf("vat-books: %s", r.body)
	}
	for _, q := range []string{"", "?year=2025", "?year=2025&month=13", "?year=x&month=1"} {
		mustStatus(t, "vat-books"+q, f.do(t, acct, call{method: "GET", path: o + "/vat-books" + q}), 422)
	}
}

// TestRatesAPI: a rate put reads back, a file with a bad line is refused
// naming it and records nothing.
func TestRatesAPI(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	const o = "/api/v1/orgs/" + acme
	mustStatus(t, "put", f.do(t, acct, call{method: "PUT", path: o + "/rates", body: `{"currency":"cny","date":"2025-05-01","rate":"0.49"}`}), 200)
	r := f.do(t, acct, call{method: "GET", path: o + "/rates?currency=CNY"})
	mustStatus(t, "get", r, 200)
	items, _ := field(r.json, "items").([]any)
	if len(items) != 1 || field(items[0], "rate") != "0.49" || field(items[0], "date") != "2025-05-01" {
		t.Errorf("CNY rates: %s", r.body)
	}
	r = f.do(t, acct, call{method: "POST", path: o + "/rates/import", body: `{"data":"2025-05-02;CNY;0.5\n2025-05-03;CNY;bad"}`})
	mustStatus(t, "bad import", r, 422)
	if !strings.Contains(string(r.body), "line 2") {
		t.Errorf("bad import: %s", r.body)
	}
	if r := f.do(t, acct, call{method: "GET", path: o + "/rates?currency=CNY"}); len(field(r.json, "items").([]any)) != 1 {
		t.Errorf("a bad import recorded rates: %s", r.body)
	}
	for _, b := range []string{`{"currency":"XXX","date":"2025-05-01","rate":"1"}`, `{"currency":"EUR","date":"2025-05-01","rate":"-1"}`, `{"currency":"EUR","date":"x","rate":"1"}`} {
		mustStatus(t, "put "+b, f.do(t, acct, call{method: "PUT", path: o + "/rates", body: b}), 422)
	}
}
