package web_test

import (
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/web"
)

// TestBrowserMembers drives chromium through the members page and the
// profile as an owner, in Russian: add a colleague, change a role, reset a
// password (shown once), then turn two-factor authentication on by typing
// a code computed from the secret the page shows, log in again with a
// code, and require two-factor of the organisation's owners. The page
// reports no script error and no Content-Security-Policy refusal (the QR
// code is inline SVG without style attributes). HASAP_SCREENSHOTS=1 saves
// docs/screenshots/members.png and me-totp.png. Skipped without chromium,
// as TestBrowser is.
func TestBrowserMembers(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org = "ak-yol"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Ak Ýol Söwda", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	people := []struct {
		email, name string
		role        auth.Role
	}{
		{"ayna@akyol.example", "Aýna Berdiýewa", auth.Owner},
		{"merdan@akyol.example", "Merdan Ataýew", auth.ChiefAccountant},
		{"jeren@akyol.example", "Jeren Öwezowa", auth.Accountant},
		{"batyr@akyol.example", "Batyr Nazarow", auth.Auditor},
		{"selbi@akyol.example", "Selbi Annaýewa", ""}, // added through the page
	}
	for _, p := range people {
		addMember(t, ctx, a, org, p.email, p.name, p.role)
	}
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	const owner = "ayna@akyol.example"
	members := `/o/` + org + `/members`

	b.logIn(owner, `/o/`+org+`/$`)

	// The page from the menu.
	b.click(`nav.menu a[href="` + members + `"]`)
	b.see("main h1", "Пользователи")
	b.see("table.members", owner, "Главный бухгалтер", "(вы)")

	// Add a colleague as a clerk, then make her an accountant.
	b.typeIn(`form.member-form input[name="email"]`, "selbi@akyol.example")
	b.setValue(`form.member-form select[name="role"]`, "clerk")
	b.click(`form.member-form button.primary`)
	b.seeURL(members + `$`)
	b.see("table.members", "Selbi Annaýewa", "selbi@akyol.example")
	// Members are listed by email: selbi is the fifth.
	b.setValue(`table.members tbody tr:nth-child(5) select[name="role"]`, "accountant")
	b.click(`table.members tbody tr:nth-child(5) form[action$="/role"] button`)
	b.seeURL(members + `$`)
	b.seeValue(`table.members tbody tr:nth-child(5) select[name="role"]`, "accountant")

	// A temporary password for Batyr, shown once.
	b.click(`table.members tbody tr:nth-child(2) form[action$="/reset-password"] button`)
	b.see(".temp-password", "Временный пароль", "batyr@akyol.example")
	temp := b.text(".temp-password code.secret")
	if len(temp) != 23 {
		t.Fatalf("temporary password %q", temp)
	}
	b.shot("members")

	// The profile: turn two-factor authentication on.
	b.click(`a.user`)
	b.seeURL(`/me$`)
	b.see("main h1", "Мой профиль")
	b.see("main", "Aýna Berdiýewa", "Ak Ýol Söwda", "Владелец", "выключена")
	b.click(`form[action="/me/totp"] button`)
	b.seeURL(`/me/totp\??$`)
	b.see(".totp-setup summary", "URI ключа") // the otpauth:// URI, folded
	secret := strings.ReplaceAll(b.text(".totp-setup code.secret"), " ", "")
	b.shot("me-totp")
	b.typeIn(`form[action="/me/totp"] input[name="code"]`, "000000")
	b.click(`form[action="/me/totp"] button.primary`)
	b.see(`form[action="/me/totp"] .err`, "код неверен")
	if again := strings.ReplaceAll(b.text(".totp-setup code.secret"), " ", ""); again != secret {
		t.Fatalf("after a wrong code the secret changed: %s, then %s", secret, again)
	}
	b.typeIn(`form[action="/me/totp"] input[name="code"]`, memTOTP(t, secret, now.Add(-30*time.Second)))
	b.click(`form[action="/me/totp"] button.primary`)
	b.seeURL(`/login\?next=%2Fme$`)
	b.typeIn(`input[name="email"]`, owner)
	b.typeIn(`input[name="password"]`, password)
	b.typeIn(`input[name="code"]`, memTOTP(t, secret, now))
	b.click(`form.login button.primary`)
	b.seeURL(`/me$`)
	b.see("main", "включена")

	// Now the owner may require two-factor of every owner.
	b.navigate(members)
	b.typeIn(`form[action$="/require-totp"] input[name="require"]`, " ") // the space bar ticks it
	b.click(`form[action$="/require-totp"] button`)
	b.seeURL(members + `$`)
	b.seeAttr(`form[action$="/require-totp"] input[name="require"]`, "checked", "")
	b.noPageErrors()
}
