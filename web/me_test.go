package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hasap/auth"
)

var (
	secretRE = regexp.MustCompile(`<code class="secret">([A-Z2-7 ]+)</code>`)
	ticketRE = regexp.MustCompile(`name="ticket" value="([^"]+)"`)
)

// totpForm opens the two-factor setup and returns the secret and the
// ticket it shows.
func totpForm(t *testing.T, c *client) (secret, ticket, body string) {
	t.Helper()
	res, body := c.get("/me/totp")
	memStatus(t, res, http.StatusOK)
	s, tk := secretRE.FindStringSubmatch(body), ticketRE.FindStringSubmatch(body)
	if s == nil || tk == nil {
		t.Fatalf("no secret or ticket on the setup page:\n%s", body)
	}
	return strings.ReplaceAll(s[1], " ", ""), tk[1], body
}

// TestMeShowsTheUser: name, email, language, organisations and roles; no
// page of the profile for anyone not logged in.
func TestMeShowsTheUser(t *testing.T) {
	f := books(t)
	memOrg(t, f, "me-orgs", map[string]auth.Role{"selbi@me-orgs.example": auth.Auditor})
	c := f.login(t, "selbi@me-orgs.example", "en")
	res, body := c.get("/me")
	memStatus(t, res, http.StatusOK)
	wantIn(t, body, "Test selbi", "selbi@me-orgs.example", "English", "Org me-orgs", "Auditor", `<span class="off">off</span>`, `action="/me/totp"`)
	if strings.Contains(body, acmeName) {
		t.Error("the profile shows another organisation")
	}
	anon := f.anonymous(t, "en")
	for _, p := range []string{"/me", "/me/totp"} {
		res, _ := anon.get(p)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("anonymous %s: %d %s", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	for _, p := range []string{"/me/password", "/me/totp", "/me/totp/off"} {
		res, _ := anon.post(p, url.Values{"code": {"123456"}}, nil)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("anonymous POST %s: %d", p, res.StatusCode)
		}
	}
}

// TestMeTOTP: the setup page shows the secret in groups, the otpauth URI
// and a QR code in inline SVG without style attributes; a wrong code is
// refused with the same secret shown again; a ticket altered or of another
// user is refused; the right code turns it on and ends the sessions; then
// login needs a code; it is turned off with a code.
func TestMeTOTP(t *testing.T) {
	f := books(t)
	memOrg(t, f, "me-2fa", map[string]auth.Role{"jeren@me-2fa.example": auth.Accountant, "other@me-2fa.example": auth.Viewer})
	c := f.login(t, "jeren@me-2fa.example", "en")
	secret, ticket, body := totpForm(t, c)
	if len(secret) != 32 || !regexp.MustCompile(`<code class="secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>`).MatchString(body) {
		t.Errorf("secret %q not shown in groups of four", secret)
	}
	wantIn(t, body, "otpauth://totp/Hasap:jeren%40me-2fa.example?secret="+secret, `<svg class="qr"`, `<path fill="#000" d="M`)
	if svg := body[strings.Index(body, "<svg"):strings.Index(body, "</svg>")]; strings.Contains(svg, "style") || strings.Contains(svg, "<script") {
		t.Errorf("the QR code has style or script: %.200s", svg)
	}
	// A second visit makes another secret: nothing is stored yet.
	if s2, _, _ := totpForm(t, c); s2 == secret {
		t.Error("the setup page repeats the secret")
	}

	res, body := c.post("/me/totp", url.Values{"ticket": {ticket}, "code": {"000000"}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "the code is wrong", strings.Join(regexp.MustCompile(`.{4}`).FindAllString(secret, -1), " "))

	// A ticket is signed and the user's own.
	other := f.login(t, "other@me-2fa.example", "en")
	res, body = other.post("/me/totp", url.Values{"ticket": {ticket}, "code": {memTOTP(t, secret, now)}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "the two-factor setup has expired")
	forged := regexp.MustCompile(`\.[A-Z2-7]{32}\.`).ReplaceAllString(ticket, ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.")
	res, _ = c.post("/me/totp", url.Values{"ticket": {forged}, "code": {memTOTP(t, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", now)}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	if _, body := c.get("/me"); !strings.Contains(body, `<span class="off">off</span>`) {
		t.Fatal("a refused code turned two-factor on")
	}

	res, _ = c.post("/me/totp", url.Values{"ticket": {ticket}, "code": {memTOTP(t, secret, now.Add(-30*time.Second))}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/login?next=%2Fme" {
		t.Errorf("after turning on: to %q", loc)
	}
	if res, _ := c.get("/me"); res.StatusCode != http.StatusSeeOther {
		t.Fatal("the session outlived turning two-factor on")
	}
	anon := f.anonymous(t, "en")
	res, _ = anon.post("/login", url.Values{"email": {"jeren@me-2fa.example"}, "password": {password}}, nil)
	memStatus(t, res, http.StatusUnauthorized)
	c = f.loginWithCode(t, "jeren@me-2fa.example", memTOTP(t, secret, now))
	_, body = c.get("/me")
	wantIn(t, body, `<span class="on">on</span>`, `action="/me/totp/off"`)
	if res, _ := c.get("/me/totp"); res.StatusCode != http.StatusSeeOther {
		t.Error("the setup page opens with two-factor on")
	}

	res, body = c.post("/me/totp/off", url.Values{"code": {memTOTP(t, secret, now)}}, nil) // spent at login
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "the code is wrong or was already used")
	res, _ = c.post("/me/totp/off", url.Values{"code": {memTOTP(t, secret, now.Add(30*time.Second))}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	c = f.login(t, "jeren@me-2fa.example", "en") // no code needed any more
	_, body = c.get("/me")
	wantIn(t, body, `<span class="off">off</span>`)
}

// TestMePassword: the current password is checked, the new one twice and
// by the policy, each problem at its field; a change ends the other
// sessions and keeps this one.
func TestMePassword(t *testing.T) {
	f := books(t)
	memOrg(t, f, "me-pw", map[string]auth.Role{"oraz@me-pw.example": auth.Clerk})
	c := f.login(t, "oraz@me-pw.example", "en")
	elsewhere := f.login(t, "oraz@me-pw.example", "en")
	const next = "a quite new passphrase 7"
	field := func(body, name string) string {
		m := regexp.MustCompile(`name="` + name + `"[^>]*>(?:<span class="err">([^<]*)</span>)?`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no field %s:\n%s", name, body)
		}
		return m[1]
	}
	for _, tc := range []struct {
		form  url.Values
		field string
		want  string
	}{
		{url.Values{"current": {"not it at all"}, "new": {next}, "again": {next}}, "current", "the current password is wrong"},
		{url.Values{"current": {""}, "new": {next}, "again": {next}}, "current", "Enter your current password."},
		{url.Values{"current": {password}, "new": {next}, "again": {next + "!"}}, "again", "The two new passwords differ."},
		{url.Values{"current": {password}, "new": {"short"}, "again": {"short"}}, "new", "at least 10 characters"},
		{url.Values{"current": {password}, "new": {"oraz@me-pw.example"}, "again": {"oraz@me-pw.example"}}, "new", "too easy to guess"},
	} {
		res, body := c.post("/me/password", tc.form, nil)
		memStatus(t, res, http.StatusUnprocessableEntity)
		if got := field(body, tc.field); !strings.Contains(got, tc.want) {
			t.Errorf("%v: field %s says %q, want %q", tc.form, tc.field, got, tc.want)
		}
		if strings.Contains(body, password) || strings.Contains(body, next) {
			t.Error("a password is echoed in the page")
		}
	}
	res, _ := c.post("/me/password", url.Values{"current": {password}, "new": {next}, "again": {next}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/me?done=password" {
		t.Errorf("after the change: to %q", loc)
	}
	res, body := c.get("/me?done=password")
	memStatus(t, res, http.StatusOK)
	wantIn(t, body, "Your password is changed.")
	if res, _ := elsewhere.get("/me"); res.StatusCode != http.StatusSeeOther {
		t.Error("another session outlived the change")
	}
	anon := f.anonymous(t, "en")
	res, _ = anon.post("/login", url.Values{"email": {"oraz@me-pw.example"}, "password": {password}}, nil)
	memStatus(t, res, http.StatusUnauthorized)
	res, _ = anon.post("/login", url.Values{"email": {"oraz@me-pw.example"}, "password": {next}}, nil)
	memStatus(t, res, http.StatusSeeOther)
}
