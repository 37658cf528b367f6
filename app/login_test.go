package app_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

// TestLoginSameErrorForUnknownEmail: an unknown email and a wrong password
// get the same error, code and words.
func TestLoginSameErrorForUnknownEmail(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Accountant)
	_, _, wrong := a.Login(ctx, email("ann"), pw("someone else"), "", "192.0.2.1", "")
	_, _, unknown := a.Login(ctx, email("nobody"), pw("ann"), "", "192.0.2.1", "")
	if code(wrong) != ledger.EUnauthorized || wrong.Error() != unknown.Error() || code(wrong) != code(unknown) {
		t.Fatalf("wrong password: %v; unknown email: %v", wrong, unknown)
	}
	// Upper case and spaces do not matter in the email.
	if _, u, err := a.Login(ctx, " ANN@Example.com ", pw("ann"), "", "192.0.2.1", ""); err != nil || u.PasswordHash != "" {
		t.Fatalf("login with the email in capitals: %v %+v", err, u)
	}
	log := auditActions(t, a, "")
	if !hasAction(log, "login_failed unknown email: nobody@example.com") || !hasAction(log, "login_failed wrong password: ann@example.com") {
		t.Fatalf("failed logins not in the installation's log:\n%s", strings.Join(log, "\n"))
	}
	if log := auditActions(t, a, "a"); !hasAction(log, "login") {
		t.Fatalf("login not in ann's organisation's log:\n%s", strings.Join(log, "\n"))
	}
	// Something that is no email, perhaps a password typed in the wrong field, stays out of the log.
	a.Login(ctx, "my secret passphrase", "x", "", "192.0.2.1", "")
	for _, l := range auditActions(t, a, "") {
		if strings.Contains(l, "passphrase") {
			t.Fatalf("the log keeps %q", l)
		}
	}
}

// TestLoginThrottle: after five failures from one address each attempt
// waits, doubling, even with the right password; the wait passes; another
// address is not slowed; success forgives.
func TestLoginThrottle(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	clk := withClock(a)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Viewer)
	for i := range 5 {
		if _, _, err := a.Login(ctx, email("ann"), "wrong password "+fmt.Sprint(i), "", "203.0.113.9", ""); err == nil || strings.Contains(err.Error(), "too many") {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	_, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "203.0.113.9", "")
	if code(err) != ledger.EUnauthorized || err.Error() != "too many attempts, try again in 1 s" {
		t.Fatalf("sixth attempt: %v", err)
	}
	// The real user at another address is not kept out.
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", ""); err != nil {
		t.Fatalf("from another address: %v", err)
	}
	clk.Add(time.Second)
	if _, _, err := a.Login(ctx, email("ann"), "wrong again", "", "203.0.113.9", ""); err == nil || strings.Contains(err.Error(), "too many") {
		t.Fatalf("after the wait: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "203.0.113.9", ""); err == nil || err.Error() != "too many attempts, try again in 2 s" {
		t.Fatalf("the wait doubles: %v", err)
	}
	clk.Add(2 * time.Second)
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "203.0.113.9", ""); err != nil {
		t.Fatalf("after the longer wait: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), "one more wrong", "", "203.0.113.9", ""); err == nil || strings.Contains(err.Error(), "too many") {
		t.Fatalf("a success forgives earlier failures: %v", err)
	}
	if log := auditActions(t, a, ""); !hasAction(log, "login_failed throttled: ann@example.com") {
		t.Fatalf("throttled attempt not audited:\n%s", strings.Join(log, "\n"))
	}
	// An unknown email is throttled as a known one is.
	for range 5 {
		a.Login(ctx, email("ghost"), "guess", "", "203.0.113.9", "")
	}
	if _, _, err := a.Login(ctx, email("ghost"), "guess", "", "203.0.113.9", ""); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Fatalf("unknown email not throttled: %v", err)
	}
}

// TestLoginTOTP: with two-factor on, the password alone is not enough, a
// code works once (replay refused), the next step's code works.
func TestLoginTOTP(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	clk := withClock(a)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Owner)
	token, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	ann, err := a.Authenticate(ctx, token, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.EnableTOTP(ctx, ann, secret, "000000"+"1"); code(err) != ledger.EInvalid {
		t.Fatalf("enable with a bad code: %v", err)
	}
	if err := a.EnableTOTP(ctx, ann, secret, totpCode(t, secret, clk.now)); err != nil {
		t.Fatal(err)
	}
	// Enabling logged ann out everywhere.
	if _, err := a.Authenticate(ctx, token, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("session after enabling two-factor: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", ""); code(err) != ledger.EUnauthorized || !strings.Contains(err.Error(), "authenticator") {
		t.Fatalf("login without a code: %v", err)
	}
	// The code used to enable is spent.
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), totpCode(t, secret, clk.now), "192.0.2.1", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("the enabling code again: %v", err)
	}
	clk.Add(30 * time.Second)
	c := totpCode(t, secret, clk.now)
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), c, "192.0.2.1", ""); err != nil {
		t.Fatalf("login with a fresh code: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), c, "192.0.2.1", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("replayed code accepted: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "123 456", "192.0.2.1", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("wrong code accepted: %v", err)
	}
	clk.Add(30 * time.Second)
	token, _, err = a.Login(ctx, email("ann"), pw("ann"), totpCode(t, secret, clk.now), "192.0.2.1", "")
	if err != nil {
		t.Fatalf("the next step's code: %v", err)
	}
	ann, err = a.Authenticate(ctx, token, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	// Turning it off needs a current, unused code.
	if err := a.DisableTOTP(ctx, ann, totpCode(t, secret, clk.now)); code(err) != ledger.EInvalid {
		t.Fatalf("disable with a spent code: %v", err)
	}
	clk.Add(30 * time.Second)
	if err := a.DisableTOTP(ctx, ann, totpCode(t, secret, clk.now)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", ""); err != nil {
		t.Fatalf("login after two-factor is off: %v", err)
	}
	log := auditActions(t, a, "a")
	for _, want := range []string{"totp_on", "totp_off", "login"} {
		if !hasAction(log, want) {
			t.Errorf("%s not audited:\n%s", want, strings.Join(log, "\n"))
		}
	}
	if !hasAction(auditActions(t, a, ""), "login_failed two-factor code: ann@example.com") {
		t.Errorf("failed two-factor login not audited")
	}
}

// TestSessionExpiry: sessions end after the idle timeout, and after the
// absolute one however busy; a disabled user's session is refused; the
// old token dies at login (rotation) and at logout.
func TestSessionExpiry(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	clk := withClock(a)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Viewer)
	token, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(auth.DefaultIdleTimeout - time.Minute)
	if _, err := a.Authenticate(ctx, token, ""); err != nil {
		t.Fatalf("within the idle timeout: %v", err)
	}
	clk.Add(auth.DefaultIdleTimeout)
	if _, err := a.Authenticate(ctx, token, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("past the idle timeout: %v", err)
	}

	token, _, err = a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	start := clk.now
	for clk.now.Sub(start) < auth.DefaultAbsoluteTimeout-20*time.Minute {
		clk.Add(20 * time.Minute)
		if _, err := a.Authenticate(ctx, token, ""); err != nil {
			t.Fatalf("busy session at %v: %v", clk.now.Sub(start), err)
		}
	}
	clk.Add(20 * time.Minute)
	if _, err := a.Authenticate(ctx, token, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("past the absolute timeout: %v", err)
	}

	old, _, _ := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	rotated, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, old, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("the token from before login lives on: %v", err)
	}
	if err := a.Logout(ctx, rotated); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, rotated, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("after logout: %v", err)
	}
	if !hasAction(auditActions(t, a, "a"), "logout") {
		t.Fatal("logout not audited")
	}

	a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	clk.Add(auth.DefaultIdleTimeout)
	if n, err := a.SweepSessions(ctx); err != nil || n != 1 {
		t.Fatalf("sweep: %d, %v", n, err)
	}

	live, _, _ := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	u, _ := a.Store.UserByEmail(ctx, email("ann"))
	u.Disabled = true
	if err := a.Store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, live, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("disabled user's session: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("disabled user logs in: %v", err)
	}
}

// TestResetPasswordLogsOut: a reset ends every session and the old
// password stops working.
func TestResetPasswordLogsOut(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "boss", "a", auth.Owner)
	mustUser(t, a, "ann", "a", auth.Viewer)
	token, _, _ := a.Login(ctx, email("ann"), pw("ann"), "", "", "")
	if err := a.ResetPassword(ctx, login(t, a, "boss"), email("ann"), "new and long passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, token, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("session after reset: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("old password after reset: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), "new and long passphrase", "", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := a.ResetPassword(ctx, app.System, email("ann"), "ann@example.com"); code(err) != ledger.EInvalid {
		t.Fatalf("a password equal to the email: %v", err)
	}
	if !hasAction(auditActions(t, a, "a"), "password_reset ann@example.com") {
		t.Fatal("reset not audited")
	}
}

// TestCreateUserValidates: emails are normalised and checked, the policy
// applies, a taken email is a conflict.
func TestCreateUserValidates(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	u, err := a.CreateUser(ctx, app.System, "  Ann.Lee@Example.COM ", "Ann Lee", pw("ann"), "tk")
	if err != nil || u.Email != "ann.lee@example.com" || u.Lang != "tk" || u.PasswordHash != "" {
		t.Fatalf("%+v %v", u, err)
	}
	for _, c := range []struct {
		email, name, pw, lang string
		want                  ledger.Code
	}{
		{"ann.lee@example.com", "Ann", pw("x"), "", ledger.EConflict},
		{"Ann <b@example.com>", "Ann", pw("x"), "", ledger.EInvalid},
		{"no-at-sign", "Ann", pw("x"), "", ledger.EInvalid},
		{"b@localhost", "Ann", pw("x"), "", ledger.EInvalid},
		{"b@example.com", " ", pw("x"), "", ledger.EInvalid},
		{"b@example.com", "Ann", "short", "", ledger.EInvalid},
		{"b@example.com", "Ann", "password123", "", ledger.EInvalid},
		{"b@example.com", "Ann", pw("x"), "de", ledger.EInvalid},
	} {
		if _, err := a.CreateUser(ctx, app.System, c.email, c.name, c.pw, c.lang); code(err) != c.want {
			t.Errorf("CreateUser(%q, %q, %q, %q) = %v, want %s", c.email, c.name, c.pw, c.lang, err, c.want)
		}
	}
}

// TestAuditedActions: every act the audit log must show is in it, with the
// actor and the address.
func TestAuditedActions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, owner := w.a, w.actors["owner"]
	e, err := a.Post(ctx, owner, "a", entryOf(500, ledger.DateOf(2025, 4, 1)))
	if err != nil {
		t.Fatal(err)
	}
	// A replayed post (same idempotency key) is not a second act.
	keyed := entryOf(600, ledger.DateOf(2025, 4, 2))
	keyed.IdemKey = "k1"
	for range 2 {
		if _, err := a.Post(ctx, owner, "a", keyed); err != nil {
			t.Fatal(err)
		}
	}
	steps := []func() error{
		func() error { _, err := a.Reverse(ctx, owner, "a", e.Year, e.Number, e.Date, false); return err },
		func() error {
			e2, _ := a.Post(ctx, owner, "a", entryOf(700, ledger.DateOf(2025, 4, 3)))
			_, err := a.Reverse(ctx, owner, "a", e2.Year, e2.Number, e2.Date, true)
			return err
		},
		func() error {
			_, err := a.ImportLedger(ctx, owner, "a", strings.NewReader("2025-02-03 * x\n    26   1.00 TMT\n    80\n"), app.ImportOptions{})
			return err
		},
		func() error { return a.SetLockDate(ctx, owner, "a", ledger.DateOf(2025, 1, 31)) },
		func() error { _, err := a.ExportLedger(ctx, owner, "a", io.Discard); return err },
		func() error { _, err := a.Verify(ctx, owner, "a", nil); return err },
		func() error { _, err := a.MakeCheckpoint(ctx, owner, "a"); return err },
		func() error { _, err := a.CreateAPIToken(ctx, owner, "a", "robot 2"); return err },
		func() error {
			ts, _ := a.APITokens(ctx, owner, "a")
			return a.DeleteAPIToken(ctx, owner, "a", ts[0].ID)
		},
		func() error { return a.AddMember(ctx, owner, "a", email("victim"), auth.Clerk) },
		func() error { return a.RemoveMember(ctx, owner, "a", email("victim")) },
		func() error { return a.ResetPassword(ctx, owner, email("clerk"), pw("clerk2")) },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	log := auditActions(t, a, "a")
	want := []string{
		"post entry 2025/", "reverse entry 2025/", "storno entry 2025/", "import 1 entries",
		"lock_date none → 2025-01-31", "export journal of", "verify ok:", "checkpoint seq",
		"api_token_create", "api_token_delete", "role victim@example.com: viewer → clerk",
		"member_remove victim@example.com", "password_reset clerk@example.com", "login", "org_create organisation a",
	}
	for _, p := range want {
		if !hasAction(log, p) {
			t.Errorf("no %q in the log:\n%s", p, strings.Join(log, "\n"))
		}
	}
	posts := 0
	for _, l := range log {
		if strings.HasPrefix(l, "post ") {
			posts++
		}
	}
	if posts != 4 { // newWorld's, e, keyed once, e2
		t.Errorf("%d post events, want 4:\n%s", posts, strings.Join(log, "\n"))
	}
	evs, _ := a.Audit(ctx, owner, "a", 0, 1)
	if len(evs) != 1 || evs[0].User != owner.User || evs[0].IP != "192.0.2.1" || !evs[0].Time.Equal(a.Now()) {
		t.Errorf("newest event %+v", evs)
	}
	// Paging goes backwards through the log.
	older, _ := a.Audit(ctx, owner, "a", evs[0].Seq, 2)
	if len(older) != 2 || older[0].Seq >= evs[0].Seq {
		t.Errorf("older page %+v", older)
	}
	// A failed verification is audited too.
	if _, err := a.Verify(ctx, owner, "a", &app.Checkpoint{Org: "a"}); err == nil {
		t.Fatal("a forged checkpoint verified")
	}
	if !hasAction(auditActions(t, a, "a"), "verify FAILED") {
		t.Error("failed verification not audited")
	}
}
