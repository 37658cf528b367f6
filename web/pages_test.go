package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/demo"
)

// orgPages are the GET pages of an organisation, from its code.
func orgPages(org string) []string {
	o := "/o/" + org
	return []string{
		o + "/",
		o + "/accounts",
		o + "/journal",
		o + "/journal?account=51&from=2025-03-01&to=2025-03-31&text=a&min=1&max=1000000",
		o + "/entries/new",
		o + "/entries/2025/1",
		o + "/accounts/51/card",
		o + "/accounts/51/card?from=2025-01-01&to=2025-03-31",
		o + "/accounts/62/card",
		o + "/trial-balance",
		o + "/trial-balance?from=2025-04-01&to=2025-06-30",
	}
}

// wordsOf are words each language's pages must show (the menu).
var wordsOf = map[string][]string{
	"tk": {"Amallar žurnaly", "Hasaplar meýilnamasy", "Dolanyşyk-galyndy cedweli"},
	"ru": {"Журнал операций", "План счетов", "Оборотно-сальдовая ведомость"},
	"en": {"Journal", "Chart of accounts", "Trial balance"},
}

func TestPagesInEveryLanguage(t *testing.T) {
	f := books(t)
	for _, lang := range []string{"tk", "ru", "en"} {
		c := f.login(t, demoOwner, lang)
		for _, path := range orgPages(demo.Code) {
			res, body := c.get(path)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: status %d\n%s", lang, path, res.StatusCode, snippet(body))
				continue
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s %s: content type %q", lang, path, ct)
			}
			if !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: not in %s", lang, path, lang)
			}
			for _, w := range wordsOf[lang] {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s: %q missing", lang, path, w)
				}
			}
			for _, bad := range []string{"%!", "<no value>", "ZgotmplZ"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s %s: %q in the page", lang, path, bad)
				}
			}
		}
	}
}

// TestNumbersAndDatesInTheLanguage checks the locale of an entry page: a
// space between thousands and a decimal comma in tk and ru, a comma and
// a decimal point in en; dates 31.01.2025 or 2025-01-31.
func TestNumbersAndDatesInTheLanguage(t *testing.T) {
	f := books(t)
	for lang, want := range map[string][]string{
		"ru": {"1 150,00", "03.02.2026"},
		"tk": {"1 150,00", "03.02.2026"},
		"en": {"1,150.00", "2026-02-03"},
	} {
		c := f.login(t, acmeUser, lang)
		c.cookies["hasap_lang"] = &http.Cookie{Name: "hasap_lang", Value: lang}
		_, body := c.get("/o/acme/entries/2026/1")
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: %q missing\n%s", lang, w, snippet(body))
			}
		}
	}
}

func TestLoginTakesTheUsersLanguage(t *testing.T) {
	f := books(t)
	c := f.anonymous(t, "")
	c.post("/login", url.Values{"email": {demoViewer}, "password": {password}}, nil)
	if ck := c.cookies["hasap_lang"]; ck == nil || ck.Value != "tk" {
		t.Fatalf("lang cookie after login %+v, want tk (the user's)", ck)
	}
	// The switcher on every page changes it, and goes back.
	res, _ := c.post("/lang", url.Values{"lang": {"en"}, "back": {"/o/demo/journal"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/o/demo/journal" {
		t.Fatalf("switch language: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := c.get("/o/demo/journal"); !strings.Contains(body, `<html lang="en">`) {
		t.Errorf("journal not in English after switching")
	}
	// Only a path on this site is a way back.
	for _, back := range []string{"https://evil.example/", "//evil.example/", `/\evil.example`, "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)"} {
		res, _ := c.post("/lang", url.Values{"lang": {"ru"}, "back": {back}}, nil)
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("back=%q: redirected to %q", back, loc)
		}
	}
}

func TestLoginFailsInTheLanguage(t *testing.T) {
	f := books(t)
	c := f.anonymous(t, "ru")
	res, body := c.post("/login", url.Values{"email": {demoOwner}, "password": {"not the password"}}, nil)
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", res.StatusCode)
	}
	if !strings.Contains(body, "неверн") {
		t.Errorf("no Russian message for a wrong password:\n%s", snippet(body))
	}
	if c.cookies[auth.CookieName] != nil {
		t.Errorf("a session cookie after a failed login")
	}
}

func TestAnonymousGoesToLogin(t *testing.T) {
	f := books(t)
	c := f.anonymous(t, "")
	for _, path := range append(orgPages(demo.Code), "/") {
		res, _ := c.get(path)
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Errorf("%s: status %d, location %q; want a redirect to /login", path, res.StatusCode, loc)
		}
	}
	res, _ := c.get("/o/demo/journal?account=51")
	if loc := res.Header.Get("Location"); loc != "/login?next="+url.QueryEscape("/o/demo/journal?account=51") {
		t.Errorf("login does not come back: %q", loc)
	}
	for _, path := range []string{"/o/demo/entries/new", "/o/demo/entries/2025/1/reverse"} {
		res, _ := c.post(path, url.Values{"date": {"2025-12-31"}}, nil)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("POST %s: status %d; want a redirect to /login", path, res.StatusCode)
		}
	}
	if res, body := c.get("/login"); res.StatusCode != http.StatusOK || !strings.Contains(body, `name="password"`) {
		t.Errorf("login page: status %d", res.StatusCode)
	}
}

// TestOtherTenantSeesNothing: a user of acme asks for every page of the
// demo organisation, and gets the 404 of an organisation that does not
// exist, with nothing of the demo's in it; and the demo's owner sees
// nothing of acme's.
func TestOtherTenantSeesNothing(t *testing.T) {
	f := books(t)
	for _, tc := range []struct {
		user, org string
		secrets   []string
	}{
		{acmeUser, demo.Code, []string{"Ak Ýol", "Söwda", `href="/o/demo/journal`, "Kassa"}},
		{demoOwner, acme, []string{acmeName, "Acme first sale", "Gök Bazar", `href="/o/acme/journal`}},
	} {
		c := f.login(t, tc.user, "en")
		paths := append(orgPages(tc.org), "/o/"+tc.org+"/entries/2026/1", "/o/"+tc.org+"/accounts/62.01/card", "/o/"+tc.org)
		for _, path := range paths {
			res, body := c.get(path)
			want := http.StatusNotFound
			if path == "/o/"+tc.org {
				want = http.StatusMovedPermanently // to the slash; what is there is a 404
			}
			if res.StatusCode != want {
				t.Errorf("%s GET %s: status %d, want %d", tc.user, path, res.StatusCode, want)
			}
			noSecrets(t, tc.user+" GET "+path, body, tc.secrets)
		}
		for _, path := range []string{"/o/" + tc.org + "/entries/new", "/o/" + tc.org + "/entries/2025/1/reverse", "/o/" + tc.org + "/entries/2026/1/reverse"} {
			res, body := c.post(path, url.Values{"date": {"2026-03-01"}, "kind": {"storno"}, "rows": {"1"}, "dt0": {"26"}, "kt0": {"80"}, "amt0": {"1"}}, nil)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST %s: status %d, want 404", tc.user, path, res.StatusCode)
			}
			noSecrets(t, tc.user+" POST "+path, body, tc.secrets)
		}
		// The header's switcher and the start page list only the user's own.
		_, body := c.get("/")
		noSecrets(t, tc.user+" /", body, tc.secrets)
	}
}

func noSecrets(t *testing.T, what, body string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(body, s) {
			t.Errorf("%s: the other organisation's %q appears", what, s)
		}
	}
}

func TestViewerCannotPost(t *testing.T) {
	f := books(t)
	c := f.login(t, demoViewer, "en")
	_, body := c.get("/o/demo/entries/2025/1")
	if strings.Contains(body, `name="kind"`) {
		t.Errorf("a viewer is offered the reversal buttons")
	}
	if _, body := c.get("/o/demo/"); strings.Contains(body, "/entries/new") {
		t.Errorf("a viewer is offered the entry form")
	}
	if res, _ := c.get("/o/demo/entries/new"); res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer GET entry form: status %d, want 403", res.StatusCode)
	}
	res, _ := c.post("/o/demo/entries/2025/1/reverse", url.Values{"date": {"2025-12-31"}, "kind": {"reverse"}}, nil)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("viewer reverses: status %d, want 403", res.StatusCode)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "en")
	form := url.Values{"date": {"2026-03-01"}, "rows": {"1"}, "dt0": {"26"}, "kt0": {"80"}, "amt0": {"5"}}
	for name, h := range map[string]http.Header{
		"Sec-Fetch-Site": {"Sec-Fetch-Site": {"cross-site"}},
		"Origin":         {"Origin": {"https://evil.example"}},
	} {
		res, _ := c.post("/o/acme/entries/new", form, h)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin POST by %s: status %d, want 403", name, res.StatusCode)
		}
	}
	res, _ := c.post("/logout", nil, http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin logout: status %d, want 403", res.StatusCode)
	}
	// Same origin passes.
	res, _ = c.post("/lang", url.Values{"lang": {"ru"}, "back": {"/"}}, http.Header{"Sec-Fetch-Site": {"same-origin"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin POST: status %d", res.StatusCode)
	}
}

func TestLogout(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "en")
	session := c.cookies[auth.CookieName]
	res, _ := c.post("/logout", nil, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if c.cookies[auth.CookieName] != nil {
		t.Errorf("the session cookie survives logout")
	}
	c.cookies[auth.CookieName] = session // an old cookie replayed
	if res, _ := c.get("/o/acme/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session still works after logout: status %d", res.StatusCode)
	}
}

func TestSessionCookie(t *testing.T) {
	f := books(t)
	c := f.anonymous(t, "")
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/login", strings.NewReader(url.Values{"email": {acmeUser}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, _ := c.do(req)
	var found bool
	for _, line := range res.Header.Values("Set-Cookie") {
		if !strings.HasPrefix(line, auth.CookieName+"=") {
			continue
		}
		found = true
		for _, attr := range []string{"Path=/", "HttpOnly", "Secure", "SameSite=Lax"} {
			if !strings.Contains(line, attr) {
				t.Errorf("session cookie %q lacks %s", line, attr)
			}
		}
		if strings.Contains(line, "Domain=") {
			t.Errorf("session cookie %q has a Domain", line)
		}
	}
	if !found {
		t.Fatalf("no %s cookie", auth.CookieName)
	}
}

func TestStartPageAndSwitcher(t *testing.T) {
	f := books(t)
	ctx := t.Context()
	// A user of two organisations picks one on the start page, and every
	// page's header switches in one click.
	if err := f.app.AddMember(ctx, app.System, acme, demoOwner, auth.Viewer); err != nil {
		t.Fatal(err)
	}
	defer f.app.RemoveMember(ctx, app.System, acme, demoOwner)
	c := f.login(t, demoOwner, "en")
	res, body := c.get("/")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `href="/o/acme/"`) || !strings.Contains(body, `href="/o/demo/"`) {
		t.Fatalf("start page of a user of two organisations: %d\n%s", res.StatusCode, snippet(body))
	}
	_, body = c.get("/o/demo/journal")
	if !strings.Contains(body, `href="/o/acme/"`) {
		t.Errorf("no one-click switch to acme in the header")
	}
	// A user of one goes straight to it.
	c = f.login(t, acmeUser, "en")
	if res, _ := c.get("/"); res.Header.Get("Location") != "/o/acme/" {
		t.Errorf("start page of a user of one organisation: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestNotFound(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "en")
	for _, path := range []string{"/nothing", "/o/demo/entries/2025/999999", "/o/demo/entries/x/1", "/o/demo/accounts/999/card", "/static/nothing.css"} {
		if res, _ := c.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestBadInputIs422(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "ru")
	for _, path := range []string{"/o/demo/journal?from=yesterday", "/o/demo/journal?min=abc", "/o/demo/trial-balance?to=31.31.2025", "/o/demo/accounts/51/card?after=x"} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", path, res.StatusCode)
		}
		if !strings.Contains(body, `class="alert"`) && !strings.Contains(body, `class="message"`) {
			t.Errorf("%s: no message", path)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	f := books(t)
	c := f.anonymous(t, "")
	_, login := c.get("/login")
	for _, name := range []string{"hasap.css", "htmx.min.js"} {
		i := strings.Index(login, "/static/"+name+"?v=")
		if i < 0 {
			t.Fatalf("the layout does not link %s", name)
		}
		link := login[i : i+strings.IndexByte(login[i:], '"')]
		res, body := c.get(strings.ReplaceAll(link, "&amp;", "&"))
		if res.StatusCode != http.StatusOK || len(body) < 1000 {
			t.Errorf("%s: status %d, %d bytes", link, res.StatusCode, len(body))
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q", link, cc)
		}
	}
}

func snippet(body string) string {
	if len(body) > 1500 {
		return body[:1500] + "…"
	}
	return body
}

// TestEmptyOrganisation: a new organisation with nothing posted shows
// every page, with nothing to show.
func TestEmptyOrganisation(t *testing.T) {
	f := books(t)
	ctx := t.Context()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "empty", Name: "Boş", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, "empty", acmeUser, auth.Viewer); err != nil {
		t.Fatal(err)
	}
	defer f.app.RemoveMember(ctx, app.System, "empty", acmeUser)
	c := f.login(t, acmeUser, "tk")
	for _, path := range orgPages("empty") {
		if strings.Contains(path, "/entries/") {
			continue // nothing to show; the form is not a viewer's
		}
		if res, body := c.get(path); res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d\n%s", path, res.StatusCode, snippet(body))
		}
	}
}
