package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/demo"
	"hasap/internal/apptest"
	"hasap/ledger"
	"hasap/web"
)

// The books the tests look at: the demo organisation (a year of activity,
// built once for the package) and acme, a small organisation of another
// tenant that the tests post to.
const (
	demoYear = 2025
	acme     = "acme"
	acmeName = "Altyn Acme Önümçilik"

	demoOwner  = "owner@demo.example"
	demoViewer = "viewer@demo.example"
	acmeUser   = "book@acme.example"

	demoChief      = "chief@demo.example"
	demoAccountant = "accountant@demo.example"
	demoClerk      = "clerk@demo.example"
	demoAuditor    = "auditor@demo.example"
	password       = "correct horse battery staple 42"
)

// now is the frozen clock of app and pages.
var now = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

type fixture struct {
	app *app.App
	srv *httptest.Server // TLS, as in production: __Host- Secure cookies
	dir string
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
	if demoBooksDir != "" {
		os.RemoveAll(demoBooksDir)
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
	dir, err := os.MkdirTemp("", "hasap-web-test-")
	if err != nil {
		return nil, err
	}
	a, err := apptest.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	a.Now = func() time.Time { return now }
	f := &fixture{app: a, dir: dir}
	if _, err := demo.Build(ctx, a, demo.Options{Year: demoYear}); err != nil {
		return nil, err
	}
	if err := buildAcme(ctx, a); err != nil {
		return nil, err
	}
	for _, u := range []struct {
		email, lang, org string
		role             auth.Role
	}{
		{demoOwner, "ru", demo.Code, auth.Owner},
		{demoViewer, "tk", demo.Code, auth.Viewer},
		{acmeUser, "en", acme, auth.Accountant},
		// one user for each other role, for the access matrix
		{demoChief, "ru", demo.Code, auth.ChiefAccountant},
		{demoAccountant, "ru", demo.Code, auth.Accountant},
		{demoClerk, "tk", demo.Code, auth.Clerk},
		{demoAuditor, "en", demo.Code, auth.Auditor},
	} {
		if _, err := a.CreateUser(ctx, app.System, u.email, "Test "+u.lang, password, u.lang); err != nil {
			return nil, err
		}
		if err := a.AddMember(ctx, app.System, u.org, u.email, u.role); err != nil {
			return nil, err
		}
	}
	f.srv = httptest.NewTLSServer(web.Handler(a, web.Options{Now: func() time.Time { return now }}))
	return f, nil
}

// buildAcme makes the other tenant: the cis chart, a customer with a
// contract, and one sale.
func buildAcme(ctx context.Context, a *app.App) error {
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: acme, Name: acmeName, Chart: "cis"}); err != nil {
		return err
	}
	cust := &ledger.Analytic{Kind: ledger.Counterparty, Code: "C1", Names: ledger.Names{TK: "Gök Bazar", RU: "Гёк Базар", EN: "Gok Bazar"}}
	if err := a.CreateAnalytic(ctx, app.System, acme, cust); err != nil {
		return err
	}
	contract := &ledger.Analytic{Kind: ledger.Contract, Code: "K1", Names: ledger.Names{TK: "Şertnama 1", RU: "Договор 1", EN: "Contract 1"}, Owner: cust.ID}
	if err := a.CreateAnalytic(ctx, app.System, acme, contract); err != nil {
		return err
	}
	side := ledger.Side{Account: "62.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cust.ID, contract.ID}}
	e := ledger.Entry{Date: ledger.DateOf(2026, 2, 3), Description: "Acme first sale", Postings: []ledger.Posting{
		{Debit: side, Credit: ledger.Side{Account: "90.01"}, Amount: 115000},
	}}
	_, err := a.Post(ctx, app.System, acme, e)
	return err
}

// client is a browser of one user: its cookies, its language, no
// redirects followed (the tests look at them).
type client struct {
	t       *testing.T
	f       *fixture
	cookies map[string]*http.Cookie
	// gzip asks for compressed responses, as browsers do.
	gzip bool
}

func (f *fixture) anonymous(t *testing.T, lang string) *client {
	c := &client{t: t, f: f, cookies: map[string]*http.Cookie{}}
	if lang != "" {
		c.cookies["hasap_lang"] = &http.Cookie{Name: "hasap_lang", Value: lang}
	}
	return c
}

// login returns a client logged in as email, with lang on its cookie.
func (f *fixture) login(t *testing.T, email, lang string) *client {
	t.Helper()
	c := f.anonymous(t, lang)
	res, _ := c.post("/login", url.Values{"email": {email}, "password": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", email, res.StatusCode)
	}
	if c.cookies[auth.CookieName] == nil {
		t.Fatalf("login %s: no session cookie %s", email, auth.CookieName)
	}
	return c
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	if c.gzip {
		req.Header.Set("Accept-Encoding", "gzip") // set by hand, so the transport leaves the body compressed
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	hc := c.f.srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read: %v", req.Method, req.URL, err)
	}
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	checkHeaders(c.t, req, res)
	return res, string(body)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.f.srv.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

func (c *client) post(path string, form url.Values, header http.Header) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.f.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return c.do(req)
}

// checkHeaders asserts the security headers every response must carry.
func checkHeaders(t *testing.T, req *http.Request, res *http.Response) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy":   "default-src 'self'",
		"Strict-Transport-Security": "max-age=",
		"X-Content-Type-Options":    "nosniff",
		"Referrer-Policy":           "same-origin",
	}
	printed := strings.HasSuffix(req.URL.Path, "/print") || strings.HasSuffix(req.URL.Path, "/pdf")
	if printed && res.StatusCode == http.StatusOK {
		delete(want, "Content-Security-Policy") // checked below
	}
	for h, prefix := range want {
		if v := res.Header.Get(h); !strings.HasPrefix(v, prefix) {
			t.Errorf("%s %s: header %s = %q, want %q…", req.Method, req.URL.Path, h, v, prefix)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	if printed && res.StatusCode == http.StatusOK {
		// A printed form: its own inline styles, and nothing else at all.
		if csp != "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" {
			t.Errorf("%s %s: CSP of a printed form %q", req.Method, req.URL.Path, csp)
		}
		return
	}
	for _, d := range []string{"style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "form-action 'self'", "script-src 'self'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("%s %s: CSP %q lacks %q", req.Method, req.URL.Path, csp, d)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s %s: CSP allows inline code: %q", req.Method, req.URL.Path, csp)
	}
}

// newPlainServer serves the fixture's books over plain HTTP, as `hasap
// serve` does on localhost.
func newPlainServer(f *fixture) *httptest.Server {
	return httptest.NewServer(web.Handler(f.app, web.Options{Insecure: true, Now: func() time.Time { return now }}))
}
