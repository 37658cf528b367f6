package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"hasap/api"
	"hasap/app"
	"hasap/auth"
	"hasap/internal/apptest"
	"hasap/ledger"
)

// The books the tests look at: acme, an organisation with a few entries
// (plain, with analytics, in foreign currency, in quantities), and zeta,
// another tenant whose data must never show up in an answer to acme's
// callers (nor acme's in zeta's).
const (
	acme     = "acme"
	zeta     = "zeta"
	password = "correct horse battery staple 42"
)

// acmeMarkers and zetaMarkers are strings only each organisation's data
// holds (not its code, which a caller may type in a path and see echoed).
var (
	acmeMarkers = []string{"Altyn Acme", "C-ALTYN", "Initial capital", "acct@acme.example", "2500.00"}
	zetaMarkers = []string{"Zeta Secret", "ZETA-CP", "zeta secret entry", "boss@zeta.example", "999.99"}
)

// caller is one column of the access matrix: who calls, and how.
type caller struct {
	name    string
	token   string // the Authorization: Bearer value; "" for none
	cookie  string // a session cookie sent instead
	role    auth.Role
	org     string // the organisation of the token, "" for none
	markers []string
}

type fixture struct {
	app     *app.App
	srv     *httptest.Server
	dir     string
	doc     *openAPI
	callers map[string]caller
	session string // a live browser session of the accountant
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fix != nil {
		fix.srv.Close()
		fix.app.Store.Close()
		os.RemoveAll(fix.dir)
	}
	os.Exit(code)
}

// books returns the shared fixture, building it on first use.
func books(t *testing.T) *fixture {
	t.Helper()
	fixOnce.Do(func() { fix, fixErr = build() })
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

func build() (*fixture, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "hasap-api-test-")
	if err != nil {
		return nil, err
	}
	a, err := apptest.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	f := &fixture{app: a, dir: dir, callers: map[string]caller{}}
	f.srv = httptest.NewServer(api.Handler(a))
	if err := buildAcme(ctx, a); err != nil {
		return nil, err
	}
	acmeApp = a
	if err := buildZeta(ctx, a); err != nil {
		return nil, err
	}
	users := []struct {
		name, email, org string
		role             auth.Role
	}{
		{"accountant", "acct@acme.example", acme, auth.Accountant},
		{"viewer", "viewer@acme.example", acme, auth.Viewer},
		{"clerk", "clerk@acme.example", acme, auth.Clerk},
		{"chief", "chief@acme.example", acme, auth.ChiefAccountant},
		{"owner", "owner@acme.example", acme, auth.Owner},
		{"other_org", "boss@zeta.example", zeta, auth.Owner},
	}
	for _, u := range users {
		session, token, err := userWithToken(ctx, a, u.email, u.org, u.role)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", u.email, err)
		}
		markers := zetaMarkers
		if u.org == zeta {
			markers = acmeMarkers
		}
		f.callers[u.name] = caller{name: u.name, token: token, role: u.role, org: u.org, markers: markers}
		if u.name == "accountant" {
			f.session = session
		}
	}
	f.callers["anonymous"] = caller{name: "anonymous", markers: allMarkers()}
	f.callers["forged"] = caller{name: "forged", token: "hsp_" + strings.Repeat("A", 43), markers: allMarkers()}
	f.callers["session_as_bearer"] = caller{name: "session_as_bearer", token: f.session, markers: allMarkers()}
	f.callers["session_cookie"] = caller{name: "session_cookie", cookie: f.session, markers: allMarkers()}
	f.doc, err = loadOpenAPI(f.srv.URL + "/api/v1/openapi.json")
	return f, err
}

func allMarkers() []string { return append(append([]string{}, acmeMarkers...), zetaMarkers...) }

// userWithToken creates a user, a member of org, with an API token there
// and then role (a viewer or clerk may not make tokens, so the token is
// made while the user is an accountant: it acts with the role of now).
func userWithToken(ctx context.Context, a *app.App, email, org string, role auth.Role) (session, token string, err error) {
	if _, err := a.CreateUser(ctx, app.System, email, "Test", password, "en"); err != nil {
		return "", "", err
	}
	first := role
	if !role.Can(auth.ManageAPITokens) {
		first = auth.Accountant
	}
	if err := a.AddMember(ctx, app.System, org, email, first); err != nil {
		return "", "", err
	}
	session, _, err = a.Login(ctx, email, password, "", "127.0.0.1", "")
	if err != nil {
		return "", "", err
	}
	actor, err := a.Authenticate(ctx, session, "127.0.0.1")
	if err != nil {
		return "", "", err
	}
	if token, err = a.CreateAPIToken(ctx, actor, org, "test"); err != nil {
		return "", "", err
	}
	if first != role {
		err = a.AddMember(ctx, app.System, org, email, role)
	}
	return session, token, err
}

// acmeIDs holds the ids of acme's catalog entries.
var acmeIDs struct{ cust, contract, cashIn, flour, store ledger.AnalyticID }

func buildAcme(ctx context.Context, a *app.App) error {
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: acme, Name: "Altyn Acme Önümçilik", Chart: "cis"}); err != nil {
		return err
	}
	for _, an := range []struct {
		dst   *ledger.AnalyticID
		kind  ledger.AnalyticKind
		code  string
		names ledger.Names
		owner *ledger.AnalyticID
	}{
		{&acmeIDs.cust, ledger.Counterparty, "C-ALTYN", ledger.Names{TK: "Altyn Bazar", RU: "Алтын Базар", EN: "Altyn Bazaar"}, nil},
		{&acmeIDs.contract, ledger.Contract, "K-1", ledger.Names{EN: "Supply contract 1"}, &acmeIDs.cust},
		{&acmeIDs.cashIn, ledger.CashFlowItem, "CF-IN", ledger.Names{EN: "Receipts from customers"}, nil},
		{&acmeIDs.flour, ledger.Item, "IT-FLOUR", ledger.Names{EN: "Flour"}, nil},
		{&acmeIDs.store, ledger.Warehouse, "WH-1", ledger.Names{EN: "Main warehouse"}, nil},
	} {
		x := &ledger.Analytic{Kind: an.kind, Code: an.code, Names: an.names}
		if an.owner != nil {
			x.Owner = *an.owner
		}
		if err := a.CreateAnalytic(ctx, app.System, acme, x); err != nil {
			return err
		}
		*an.dst = x.ID
	}
	ids := func(xs ...ledger.AnalyticID) (out [ledger.MaxAnalytics]ledger.AnalyticID) {
		copy(out[:], xs)
		return out
	}
	cust := ids(acmeIDs.cust, acmeIDs.contract)
	entries := []ledger.Entry{
		{Date: ledger.DateOf(2025, 1, 2), Description: "Initial capital", Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 115000}}},
		{Date: ledger.DateOf(2025, 1, 10), Description: "Sale", Document: "INV-1", Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "62.01", Analytics: cust}, Credit: ledger.Side{Account: "90.01"}, Amount: 250000}}},
		{Date: ledger.DateOf(2025, 1, 15), Description: "Dollars from a customer", Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "52", Analytics: ids(acmeIDs.cashIn), Currency: "USD", CurAmount: 10000},
				Credit: ledger.Side{Account: "62.21", Analytics: cust, Currency: "USD", CurAmount: 10000}, Amount: 35000}}},
		{Date: ledger.DateOf(2025, 1, 20), Description: "Flour bought", Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "41.01", Analytics: ids(acmeIDs.flour, acmeIDs.store), Qty: 12500},
				Credit: ledger.Side{Account: "60.01", Analytics: cust}, Amount: 62500}}},
	}
	for _, e := range entries {
		if _, err := a.Post(ctx, app.System, acme, e); err != nil {
			return fmt.Errorf("post %q: %w", e.Description, err)
		}
	}
	return nil
}

func buildZeta(ctx context.Context, a *app.App) error {
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: zeta, Name: "Zeta Secret Ltd", Chart: "cis"}); err != nil {
		return err
	}
	cp := &ledger.Analytic{Kind: ledger.Counterparty, Code: "ZETA-CP", Names: ledger.Names{EN: "Zeta Secret Partner"}}
	if err := a.CreateAnalytic(ctx, app.System, zeta, cp); err != nil {
		return err
	}
	e := ledger.Entry{Date: ledger.DateOf(2025, 1, 5), Description: "zeta secret entry", Postings: []ledger.Posting{
		{Debit: ledger.Side{Account: "62.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cp.ID, 0, 0}}, Credit: ledger.Side{Account: "90.01"}, Amount: 99999}}}
	// 62.01 wants a contract too: give zeta one.
	k := &ledger.Analytic{Kind: ledger.Contract, Code: "ZETA-K", Names: ledger.Names{EN: "Zeta Secret contract"}, Owner: cp.ID}
	if err := a.CreateAnalytic(ctx, app.System, zeta, k); err != nil {
		return err
	}
	e.Postings[0].Debit.Analytics[1] = k.ID
	_, err := a.Post(ctx, app.System, zeta, e)
	return err
}

// response is an answer, its body read and decoded.
type response struct {
	status int
	header http.Header
	body   []byte
	json   any // decoded with UseNumber
}

// call is a request of a test.
type call struct {
	method, path string
	body         string            // JSON, "" for none
	headers      map[string]string // besides those of the caller
}

var idemCounter atomic.Int64

// newKey returns an Idempotency-Key not used before in this run.
func newKey() string { return fmt.Sprintf("test-key-%d", idemCounter.Add(1)) }

// do sends c as the caller, checks the answer against the OpenAPI document
// (the status is one it lists for the operation, the body fits the
// schema, amounts are strings) and returns it.
func (f *fixture) do(t *testing.T, who caller, c call) response {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, f.srv.URL+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if who.token != "" {
		req.Header.Set("Authorization", "Bearer "+who.token)
	}
	if who.cookie != "" {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: who.cookie})
		req.AddCookie(&http.Cookie{Name: "hasap_session", Value: who.cookie})
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", c.method, c.path, err)
	}
	r := response{status: res.StatusCode, header: res.Header, body: b}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q", c.method, c.path, ct)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&r.json); err != nil {
		t.Errorf("%s %s: status %d, body is not JSON: %v: %s", c.method, c.path, r.status, err, b)
	}
	f.doc.checkResponse(t, c.method, c.path, r)
	if c.body != "" && r.status/100 == 2 {
		f.doc.checkRequest(t, c.method, c.path, c.body)
	}
	return r
}

// mustStatus fails the test unless r has status want.
func mustStatus(t *testing.T, what string, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s: status %d, want %d: %s", what, r.status, want, r.body)
	}
}

// field returns the value at a path of keys (and array indexes) in v.
func field(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}
