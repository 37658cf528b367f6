package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hasap/auth"
)

// endpoint is one row of the access matrix: a request on acme's books.
type endpoint struct {
	method, path string
	body         func() string            // a fresh body per call, nil for none
	headers      func() map[string]string // fresh headers per call
	public       bool                     // needs no token
	ok           int                      // the status of a caller who may do it
	pathf        func() string            // a fresh path per call (a new document), instead of path
	clerk        bool                     // a clerk may do it (drafting documents)
	settings     bool                     // only the owner and the chief accountant may do it
	owner        bool                     // only the owner may do it
}

func (e endpoint) writes() bool { return e.method != http.MethodGet }

// endpoints are every operation of the API, on acme.
func endpoints() []endpoint {
	n := 0
	unique := func(prefix string) string { n++; return fmt.Sprintf("%s-%d", prefix, n) }
	key := func() map[string]string { return map[string]string{"Idempotency-Key": newKey()} }
	const o = "/api/v1/orgs/" + acme
	return append([]endpoint{
		{method: "GET", path: "/healthz", public: true, ok: 200},
		{method: "GET", path: "/api/v1/openapi.json", public: true, ok: 200},
		{method: "GET", path: "/api/v1/orgs", ok: 200},
		{method: "GET", path: o, ok: 200},
		{method: "GET", path: o + "/accounts?lang=ru", ok: 200},
		{method: "GET", path: o + "/analytics/counterparty?search=alt&limit=10", ok: 200},
		{method: "GET", path: o + "/analytics/contract", ok: 200},
		{method: "POST", path: o + "/analytics/counterparty", ok: 201,
			body: func() string { return fmt.Sprintf(`{"code":%q,"names":{"en":"New customer"}}`, unique("NEW")) }},
		{method: "POST", path: o + "/analytics/contract", ok: 201,
			body: func() string { return fmt.Sprintf(`{"code":%q,"owner":"C-ALTYN"}`, unique("K")) }},
		{method: "GET", path: o + "/entries?limit=2", ok: 200},
		{method: "GET", path: o + "/entries?account=62&from=2025-01-01&to=2025-12-31&min=1.00&max=100000&text=a", ok: 200},
		{method: "POST", path: o + "/entries", ok: 201, headers: key, body: func() string {
			return `{"date":"2025-03-01","description":"Matrix entry","postings":[
				{"debit":{"account":"62.01","analytics":{"counterparty":"C-ALTYN","contract":"K-1"}},"credit":{"account":"90.01"},"amount":"17.25"}]}`
		}},
		{method: "GET", path: o + "/entries/2025/3", ok: 200},
		{method: "GET", path: o + "/entries/2025/4", ok: 200},
		{method: "POST", path: o + "/entries/2025/1/reverse", ok: 201, body: func() string { return `{"date":"2025-02-01"}` }},
		{method: "GET", path: o + "/documents?limit=2", ok: 200},
		{method: "GET", path: o + "/documents?type=manual&status=draft&from=2025-01-01&to=2025-12-31&counterparty=1", ok: 200},
		{method: "POST", path: o + "/documents", ok: 201, clerk: true, body: func() string { return matrixDocumentBody }},
		{method: "GET", path: o + "/documents/{id}", pathf: matrixDocument(o, "", false), ok: 200},
		{method: "PUT", path: o + "/documents/{id}", pathf: matrixDocument(o, "", false), ok: 200, clerk: true, body: matrixVersion(matrixDocumentBody)},
		{method: "POST", path: o + "/documents/{id}/post", pathf: matrixDocument(o, "/post", false), ok: 200, headers: key, body: matrixVersion("")},
		{method: "POST", path: o + "/documents/{id}/unpost", pathf: matrixDocument(o, "/unpost", true), ok: 200, headers: key, body: matrixVersion("")},
		{method: "POST", path: o + "/documents/{id}/cancel", pathf: matrixDocument(o, "/cancel", false), ok: 200, clerk: true, body: matrixVersion("")},
		{method: "POST", path: o + "/documents/{id}/derive", pathf: matrixOrder(o), ok: 201, clerk: true, headers: key,
			body: func() string { return `{"type":"payment_in","date":"2025-03-03"}` }},
		{method: "GET", path: o + "/balances?to=2025-12-31", ok: 200},
		{method: "GET", path: o + "/trial-balance?from=2025-01-01&to=2025-12-31", ok: 200},
		{method: "GET", path: o + "/trial-balance?from=2025-01-01&to=2025-12-31&detail=analytics&account=62", ok: 200},
		{method: "GET", path: o + "/general-ledger?from=2025-01-01&to=2025-12-31", ok: 200},
		{method: "GET", path: o + "/analytic-analysis?catalog=counterparty&code=C-ALTYN&from=2025-01-01&to=2025-12-31", ok: 200},
		{method: "GET", path: o + "/chessboard?from=2025-01-01&to=2025-12-31&level=sub", ok: 200},
		{method: "GET", path: o + "/accounts/62/analysis?from=2025-01-01&to=2025-03-31&by_month=true", ok: 200},
		{method: "GET", path: o + "/accounts/62.01/card?from=2025-01-01&to=2025-12-31&limit=1", ok: 200},
		{method: "GET", path: o + "/accounts/62.01/card?catalog=counterparty&code=C-ALTYN", ok: 200},
		{method: "GET", path: o + "/cash-book?account=52&date=2025-01-15", ok: 200},
		{method: "GET", path: o + "/counterparties/{id}/open-items", ok: 200,
			pathf: func() string { return fmt.Sprintf("%s/counterparties/%d/open-items", o, acmeIDs.cust) }},
		{method: "GET", path: o + "/counterparties/{id}/reconciliation", ok: 200,
			pathf: func() string {
				return fmt.Sprintf("%s/counterparties/%d/reconciliation?from=2025-01-01&to=2025-12-31", o, acmeIDs.cust)
			}},
		{method: "GET", path: o + "/counterparty-balances", ok: 200},
		{method: "GET", path: o + "/ageing?date=2025-12-31", ok: 200},
		{method: "GET", path: o + "/vat-books?year=2025&month=1", ok: 200},
		{method: "GET", path: o + "/rates?currency=USD&limit=5", ok: 200},
		{method: "PUT", path: o + "/rates", ok: 200, body: func() string { return `{"currency":"EUR","date":"2025-02-01","rate":"3.9"}` }},
		{method: "POST", path: o + "/rates/import", ok: 200, body: func() string { return `{"data":"2025-02-02;EUR;3.91\n03.02.2025;EUR;3,92"}` }},
		{method: "GET", path: o + "/ageing?date=2025-12-31&side=payable&buckets=10,20", ok: 200},
		{method: "GET", path: o + "/statements/balance-sheet?period=2025-12&compare=prev-year", ok: 200},
		{method: "GET", path: o + "/statements/cash-flow?period=2025", ok: 200},
		{method: "GET", path: o + "/statements/equity?period=2025&compare=prev-year", ok: 200}, // movements, difference and change against the schema
		{method: "GET", path: o + "/statements/equity/template", ok: 200},
		{method: "PUT", path: o + "/statements/equity/template", ok: 200, settings: true, body: func() string {
			return `{"body": "code,level,source,name_tk,name_ru,name_en\n3310,0,-N:80,Maýa,Капитал,Capital\n"}`
		}},
		{method: "DELETE", path: o + "/statements/equity/template", ok: 200, settings: true},
		{method: "GET", path: o + "/settings", ok: 200},
		{method: "PUT", path: o + "/settings", ok: 200, settings: true, body: matrixSettingsBody},
	}, append(bankEndpoints(o, key), closeEndpoints(o)...)...)
}

// matrixCallers are the columns, in the order they call: those who may
// write come last, so that a refused call finds the books as they were.
// The chief accountant calls only what needs more than the accountant's
// role (the settings): the rest it may do as the accountant does.
var matrixCallers = []string{"anonymous", "forged", "session_as_bearer", "session_cookie", "other_org", "viewer", "clerk", "accountant", "chief", "owner"}

// want is the status a caller must get: 401 without a valid API token (a
// browser session, as a cookie or as a bearer token, is not one), 404 for
// another organisation's token (as if acme did not exist), 403 for a role
// that may not write, the endpoint's own status otherwise.
func want(e endpoint, who caller) int {
	switch {
	case e.public:
		return e.ok
	case who.org == "":
		return http.StatusUnauthorized
	case e.path == "/api/v1/orgs":
		return e.ok // every token sees its own organisation
	case who.org != acme:
		return http.StatusNotFound
	case e.writes() && (who.role == "viewer" || who.role == "clerk" && !e.clerk):
		return http.StatusForbidden
	case e.writes() && e.settings && !who.role.Can(auth.EditSettings):
		return http.StatusForbidden
	case e.writes() && e.owner && who.role != auth.Owner:
		return http.StatusForbidden
	}
	return e.ok
}

// TestAccessMatrix calls every endpoint as every caller: the status is
// exactly the expected one, its body fits the OpenAPI document, and no
// answer holds data of an organisation the caller does not belong to.
func TestAccessMatrix(t *testing.T) {
	f := books(t)
	for _, e := range endpoints() {
		for _, name := range matrixCallers {
			if name == "chief" && !e.settings && !e.owner || name == "owner" && !e.owner {
				continue
			}
			who := f.callers[name]
			c := call{method: e.method, path: e.path}
			if e.pathf != nil {
				c.path = e.pathf()
			}
			if e.body != nil {
				c.body = e.body()
			}
			if e.headers != nil {
				c.headers = e.headers()
			}
			r := f.do(t, who, c)
			if w := want(e, who); r.status != w {
				t.Errorf("%s %s as %s: status %d, want %d: %s", e.method, e.path, name, r.status, w, r.body)
				continue
			}
			for _, m := range who.markers {
				if strings.Contains(string(r.body), m) {
					t.Errorf("%s %s as %s: the answer holds %q, which is not the caller's: %s", e.method, e.path, name, m, r.body)
				}
			}
			checkErrorCode(t, e, name, r)
		}
	}

	// Every documented operation answered with success at least once.
	for _, op := range f.doc.operations() {
		ok := false
		for _, s := range []string{"200", "201"} {
			ok = ok || f.doc.seen[op+" "+s]
		}
		if !ok {
			t.Errorf("%s: no successful answer was checked against the document", op)
		}
	}
}

// checkErrorCode checks that a refusal carries the code of its status.
func checkErrorCode(t *testing.T, e endpoint, who string, r response) {
	t.Helper()
	code := map[int]string{401: "unauthorized", 403: "forbidden", 404: "not_found"}[r.status]
	if code == "" {
		return
	}
	if got := field(r.json, "error"); got != code {
		t.Errorf("%s %s as %s: error %v, want %s", e.method, e.path, who, got, code)
	}
	if r.status == 401 && r.header.Get("WWW-Authenticate") == "" {
		t.Errorf("%s %s as %s: 401 without WWW-Authenticate", e.method, e.path, who)
	}
}

// TestOtherTenantLooksLikeNothing: an organisation that exists but is not
// the token's answers exactly as one that does not exist.
func TestOtherTenantLooksLikeNothing(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	for _, suffix := range []string{"", "/accounts", "/entries", "/entries/2025/1", "/balances", "/trial-balance", "/chessboard", "/accounts/62/analysis", "/analytics/counterparty", "/documents", "/documents/1",
		"/counterparties/1/open-items", "/counterparties/1/reconciliation?from=2025-01-01&to=2025-01-31", "/settings",
		"/counterparty-balances", "/ageing?date=2025-12-31", "/vat-books?year=2025&month=1",
		"/general-ledger?from=2025-01-01&to=2025-12-31", "/analytic-analysis?catalog=counterparty&code=C-ALTYN",
		"/accounts/62.01/card", "/accounts/62.01/card?catalog=counterparty&code=C-ALTYN", "/cash-book?account=52&date=2025-01-15"} {
		a := f.do(t, acct, call{method: "GET", path: "/api/v1/orgs/" + zeta + suffix})
		b := f.do(t, acct, call{method: "GET", path: "/api/v1/orgs/nobody" + suffix})
		mustStatus(t, "zeta"+suffix, a, 404)
		mustStatus(t, "nobody"+suffix, b, 404)
		if got, want := strings.ReplaceAll(string(a.body), zeta, "X"), strings.ReplaceAll(string(b.body), "nobody", "X"); got != want {
			t.Errorf("%s: another tenant answers %s, a missing one %s", suffix, got, want)
		}
	}
	for _, name := range []string{"accountant", "other_org"} {
		r := f.do(t, f.callers[name], call{method: "GET", path: "/api/v1/orgs"})
		items, _ := field(r.json, "items").([]any)
		if len(items) != 1 || field(items[0], "code") != f.callers[name].org {
			t.Errorf("GET /orgs as %s: %s, want its own organisation alone", name, r.body)
		}
	}
}
