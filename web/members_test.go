package web_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/demo"
)

// memOrg makes an organisation of the test's own (the members tests
// change roles and settings, which the shared books must not see) and
// users in it: emails[i] gets roles[i]. It returns the users' ids.
func memOrg(t *testing.T, f *fixture, code string, members map[string]auth.Role) map[string]auth.UserID {
	t.Helper()
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: code, Name: "Org " + code, Chart: "empty"}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]auth.UserID{}
	for email, role := range members {
		u := memUser(t, f, email)
		ids[email] = u.ID
		if role != "" {
			if err := f.app.AddMember(ctx, app.System, code, email, role); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

// memUser creates a user with the fixture's password.
func memUser(t *testing.T, f *fixture, email string) auth.User {
	t.Helper()
	u, err := f.app.CreateUser(context.Background(), app.System, email, "Test "+strings.Split(email, "@")[0], password, "en")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// memTOTP returns the TOTP code of secret at t, as an authenticator app
// computes it (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps).
func memTOTP(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ReplaceAll(secret, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1_000_000)
}

// memEnableTOTP turns two-factor authentication on for email through the
// use cases, with a code of the step before now, and returns the secret:
// the codes of now and of the step after are left for the test.
func memEnableTOTP(t *testing.T, f *fixture, email string) string {
	t.Helper()
	ctx := context.Background()
	token, _, err := f.app.Login(ctx, email, password, "", "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	actor, err := f.app.Authenticate(ctx, token, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	setup, err := f.app.StartTOTP(ctx, actor)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.ConfirmTOTP(ctx, actor, setup.Ticket, memTOTP(t, setup.Secret, now.Add(-30*time.Second))); err != nil {
		t.Fatal(err)
	}
	return setup.Secret
}

// loginWithCode logs email in with a two-factor code.
func (f *fixture) loginWithCode(t *testing.T, email, code string) *client {
	t.Helper()
	c := f.anonymous(t, "en")
	res, body := c.post("/login", url.Values{"email": {email}, "password": {password}, "code": {code}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s with a code: status %d\n%s", email, res.StatusCode, snippet(body))
	}
	return c
}

var tempPasswordRE = regexp.MustCompile(`<code class="secret">([a-z2-9]{5}(?:-[a-z2-9]{5}){3})</code>`)

// tempPassword finds the temporary password on a members page.
func tempPassword(t *testing.T, body string) string {
	t.Helper()
	m := tempPasswordRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no temporary password on the page:\n%s", body)
	}
	return m[1]
}

func wantIn(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
}

// TestMembersOwnerActions: an owner adds a member, changes their role,
// gives them a temporary password (which works, while the old password and
// their sessions do not) and removes them; every act is audited; the last
// owner can be neither demoted nor removed.
func TestMembersOwnerActions(t *testing.T) {
	f := books(t)
	const org = "mem-acts"
	ids := memOrg(t, f, org, map[string]auth.Role{"boss@mem-acts.example": auth.Owner, "ayna@mem-acts.example": ""})
	boss := f.login(t, "boss@mem-acts.example", "en")
	base := "/o/" + org + "/members"

	res, body := boss.get(base)
	memStatus(t, res, http.StatusOK)
	wantIn(t, body, "boss@mem-acts.example", "Add a member", "Owners must use two-factor authentication", `aria-current="page">Members`)
	if strings.Contains(body, "ayna@mem-acts.example") {
		t.Fatal("a user who is not a member is listed")
	}

	res, _ = boss.post(base, url.Values{"email": {"Ayna@Mem-Acts.example"}, "role": {"clerk"}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	res, body = boss.post(base, url.Values{"email": {"ayna@mem-acts.example"}, "role": {"viewer"}}, nil)
	memStatus(t, res, http.StatusConflict)
	wantIn(t, body, "is already a member of "+org)
	_, body = boss.get(base)
	wantIn(t, body, `<span class="off">never</span>`) // ayna has not logged in yet
	ayna := f.login(t, "ayna@mem-acts.example", "en")
	res, _ = ayna.get("/o/" + org + "/")
	memStatus(t, res, http.StatusOK)
	_, body = boss.get(base)
	if strings.Contains(body, `<span class="off">never</span>`) || !strings.Contains(body, "2026-03-10 09:30 UTC") {
		t.Error("the last login is not shown")
	}

	member := fmt.Sprintf("%s/%d", base, ids["ayna@mem-acts.example"])
	res, _ = boss.post(member+"/role", url.Values{"role": {"accountant"}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	res, body = boss.post(member+"/role", url.Values{"role": {"wizard"}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "unknown role")

	res, body = boss.post(member+"/reset-password", nil, nil)
	memStatus(t, res, http.StatusOK)
	temp := tempPassword(t, body)
	wantIn(t, body, "ayna@mem-acts.example")
	if res, _ := ayna.get("/me"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the member's session outlived the reset: %d", res.StatusCode)
	}
	old := f.anonymous(t, "en")
	res, _ = old.post("/login", url.Values{"email": {"ayna@mem-acts.example"}, "password": {password}}, nil)
	memStatus(t, res, http.StatusUnauthorized)
	fresh := f.anonymous(t, "en")
	res, _ = fresh.post("/login", url.Values{"email": {"ayna@mem-acts.example"}, "password": {temp}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	// Shown once: the members page does not show it again.
	if _, body := boss.get(base); strings.Contains(body, temp) {
		t.Fatal("the temporary password is shown again")
	}

	// The last owner stays.
	self := fmt.Sprintf("%s/%d", base, ids["boss@mem-acts.example"])
	res, body = boss.post(self+"/role", url.Values{"role": {"viewer"}}, nil)
	memStatus(t, res, http.StatusConflict)
	wantIn(t, body, "must keep at least one owner")
	res, _ = boss.post(self+"/remove", nil, nil)
	memStatus(t, res, http.StatusConflict)

	res, _ = boss.post(member+"/remove", nil, nil)
	memStatus(t, res, http.StatusSeeOther)
	if _, body := boss.get(base); strings.Contains(body, "ayna@mem-acts.example") {
		t.Fatal("a removed member is listed")
	}
	res, _ = fresh.get("/o/" + org + "/")
	memStatus(t, res, http.StatusNotFound)
	// Acting on someone who is no member any more is "not found".
	res, _ = boss.post(member+"/role", url.Values{"role": {"viewer"}}, nil)
	memStatus(t, res, http.StatusNotFound)

	evs, err := f.app.Audit(context.Background(), app.System, org, 0, app.MaxAuditPage)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, e := range evs {
		log = append(log, e.Action+" "+e.Detail)
	}
	all := strings.Join(log, "\n")
	for _, want := range []string{"member_add ayna@mem-acts.example as clerk", "role ayna@mem-acts.example: clerk → accountant",
		"password_reset ayna@mem-acts.example", "member_remove ayna@mem-acts.example (was accountant)"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not audited:\n%s", want, all)
		}
	}
	if strings.Contains(all, temp) {
		t.Error("the temporary password is in the audit log")
	}
}

// TestMembersCreateUser: an unknown email offers to create the user, who
// gets a temporary password and can log in with it in their language.
func TestMembersCreateUser(t *testing.T) {
	f := books(t)
	const org = "mem-new"
	memOrg(t, f, org, map[string]auth.Role{"boss@mem-new.example": auth.Owner})
	boss := f.login(t, "boss@mem-new.example", "en")
	base := "/o/" + org + "/members"
	res, body := boss.post(base, url.Values{"email": {"merdan@mem-new.example"}, "role": {"accountant"}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "No user has this email yet", `value="merdan@mem-new.example"`, "Create and add", `name="create"`)
	res, body = boss.post(base, url.Values{"email": {"merdan@mem-new.example"}, "role": {"accountant"}, "create": {"1"}, "name": {""}, "lang": {"tk"}}, nil)
	memStatus(t, res, http.StatusUnprocessableEntity)
	wantIn(t, body, "the name must be")
	res, body = boss.post(base, url.Values{"email": {"merdan@mem-new.example"}, "role": {"accountant"}, "create": {"1"}, "name": {"Merdan Ataýew"}, "lang": {"tk"}}, nil)
	memStatus(t, res, http.StatusOK)
	temp := tempPassword(t, body)
	wantIn(t, body, "Merdan Ataýew", "merdan@mem-new.example")
	c := f.anonymous(t, "")
	res, _ = c.post("/login", url.Values{"email": {"merdan@mem-new.example"}, "password": {temp}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	if c.cookies["hasap_lang"] == nil || c.cookies["hasap_lang"].Value != "tk" {
		t.Errorf("the new member's language is not tk: %v", c.cookies["hasap_lang"])
	}
	res, _ = c.get("/o/" + org + "/entries/new")
	memStatus(t, res, http.StatusOK)
}

// TestMembersOnlyForOwners: every other role of the organisation is
// refused every members route (403 or 404), changes nothing, and a user of
// another tenant gets 404; an owner's list never shows another
// organisation's members.
func TestMembersOnlyForOwners(t *testing.T) {
	f := books(t)
	owner := f.login(t, demoOwner, "en")
	_, body := owner.get("/o/" + demo.Code + "/members")
	if strings.Contains(body, acmeUser) {
		t.Fatal("demo's members page shows a user of acme")
	}
	wantIn(t, body, demoViewer)
	victim := "0"
	if m := regexp.MustCompile(`/members/(\d+)/role`).FindStringSubmatch(body); m != nil {
		victim = m[1]
	}
	base := "/o/" + demo.Code + "/members"
	posts := []struct {
		path string
		form url.Values
	}{
		{base, url.Values{"email": {acmeUser}, "role": {"owner"}}},
		{base, url.Values{"email": {"x@mem-no.example"}, "role": {"owner"}, "create": {"1"}, "name": {"X"}, "lang": {"en"}}},
		{base + "/require-totp", url.Values{"require": {"1"}}},
		{base + "/" + victim + "/role", url.Values{"role": {"owner"}}},
		{base + "/" + victim + "/remove", nil},
		{base + "/" + victim + "/reset-password", nil},
	}
	for _, who := range []string{demoChief, demoAccountant, demoClerk, demoAuditor, demoViewer, acmeUser} {
		c := f.login(t, who, "en")
		res, _ := c.get(base)
		if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: GET members: %d", who, res.StatusCode)
		}
		for _, p := range posts {
			res, body := c.post(p.path, p.form, nil)
			if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: POST %s: %d", who, p.path, res.StatusCode)
			}
			if strings.Contains(body, "secret") {
				t.Errorf("%s: POST %s shows a password", who, p.path)
			}
		}
	}
	ms, err := f.app.Members(context.Background(), app.System, demo.Code)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.User.Email == acmeUser || m.User.Email == "x@mem-no.example" || (m.Role == auth.Owner && m.User.Email != demoOwner) {
			t.Errorf("a refused request changed demo's members: %+v", m)
		}
	}
	org, _ := f.app.Org(context.Background(), app.System, demo.Code)
	if org.RequireTOTP {
		t.Error("a refused request required two-factor authentication in demo")
	}
}

// TestMembersRequireTOTP: the owner can require two-factor only with it
// on for themselves; then an owner without it is refused the organisation
// with the message and a link to the profile, which still opens; other
// roles are not affected; once on, the owner is back.
func TestMembersRequireTOTP(t *testing.T) {
	f := books(t)
	const org = "mem-2fa"
	memOrg(t, f, org, map[string]auth.Role{"boss@mem-2fa.example": auth.Owner, "lax@mem-2fa.example": auth.Owner,
		"clerk@mem-2fa.example": auth.Clerk})
	boss := f.login(t, "boss@mem-2fa.example", "en")
	base := "/o/" + org + "/members"
	res, body := boss.post(base+"/require-totp", url.Values{"require": {"1"}}, nil)
	memStatus(t, res, http.StatusConflict)
	wantIn(t, body, "turn on two-factor authentication for yourself first")

	secret := memEnableTOTP(t, f, "boss@mem-2fa.example")
	boss = f.loginWithCode(t, "boss@mem-2fa.example", memTOTP(t, secret, now))
	res, _ = boss.post(base+"/require-totp", url.Values{"require": {"1"}}, nil)
	memStatus(t, res, http.StatusSeeOther)
	_, body = boss.get(base)
	if !regexp.MustCompile(`name="require" value="1" checked`).MatchString(body) {
		t.Error("the setting is not shown as on")
	}
	if !strings.Contains(body, `<span class="on">on</span>`) {
		t.Error("the owner's two-factor is not shown as on")
	}

	lax := f.login(t, "lax@mem-2fa.example", "en")
	for _, path := range []string{"/o/" + org + "/", "/o/" + org + "/journal", base} {
		res, body := lax.get(path)
		memStatus(t, res, http.StatusForbidden)
		wantIn(t, body, "this organisation requires owners to use two-factor authentication; turn it on in your profile", `href="/me"`)
	}
	res, _ = lax.post(base+"/require-totp", nil, nil)
	memStatus(t, res, http.StatusForbidden)
	res, _ = lax.get("/me")
	memStatus(t, res, http.StatusOK)
	clerk := f.login(t, "clerk@mem-2fa.example", "en")
	res, _ = clerk.get("/o/" + org + "/")
	memStatus(t, res, http.StatusOK)

	// In Russian, the same.
	laxRU := f.login(t, "lax@mem-2fa.example", "ru")
	_, body = laxRU.get("/o/" + org + "/")
	wantIn(t, body, html.EscapeString("эта организация требует от владельцев двухфакторной аутентификации"))

	laxSecret := memEnableTOTP(t, f, "lax@mem-2fa.example")
	lax = f.loginWithCode(t, "lax@mem-2fa.example", memTOTP(t, laxSecret, now))
	res, _ = lax.get("/o/" + org + "/")
	memStatus(t, res, http.StatusOK)
	// Two-factor cannot be turned off while the organisation requires it.
	res, body = lax.post("/me/totp/off", url.Values{"code": {memTOTP(t, laxSecret, now.Add(30*time.Second))}}, nil)
	memStatus(t, res, http.StatusForbidden)
	wantIn(t, body, "requires its owners to use two-factor authentication")

	res, _ = boss.post(base+"/require-totp", nil, nil)
	memStatus(t, res, http.StatusSeeOther)
	evs, _ := f.app.Audit(context.Background(), app.System, org, 0, 50)
	var on, off bool
	for _, e := range evs {
		on = on || e.Action == app.ActRequireTOTP && e.Detail == "on"
		off = off || e.Action == app.ActRequireTOTP && e.Detail == "off"
	}
	if !on || !off {
		t.Errorf("the setting's changes are not audited: %+v", evs)
	}
}

func memStatus(t *testing.T, res *http.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d", res.Request.Method, res.Request.URL.Path, res.StatusCode, want)
	}
}
