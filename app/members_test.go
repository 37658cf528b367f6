package app_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

// TestTempPassword: four groups of five unambiguous letters and digits,
// different every time, and good enough for the password policy.
func TestTempPassword(t *testing.T) {
	shape := regexp.MustCompile(`^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$`)
	seen := map[string]bool{}
	for range 200 {
		pw, err := app.NewTempPassword()
		if err != nil {
			t.Fatal(err)
		}
		if !shape.MatchString(pw) || seen[pw] {
			t.Fatalf("temporary password %q: wrong shape or repeated", pw)
		}
		seen[pw] = true
		if err := auth.ValidatePassword(pw, "ann@example.com", "ann", "Ann"); err != nil {
			t.Fatalf("%q: %v", pw, err)
		}
	}
}

// TestMemberUseCases: an owner adds, changes the role of, resets the
// password of and removes a member by user id; each act is audited; the
// temporary password works and the old one and the member's sessions do
// not; the last owner stays.
func TestMemberUseCases(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "a", "cis")
	createOrg(t, a, "b", "cis")
	boss := mustUser(t, a, "boss", "a", auth.Owner)
	ann := mustUser(t, a, "ann", "", "")
	other := mustUser(t, a, "other", "b", auth.Viewer)
	owner := login(t, a, "boss")
	if err := a.AddNewMember(ctx, owner, "a", " ANN@example.com", auth.Clerk); err != nil {
		t.Fatal(err)
	}
	if err := a.AddNewMember(ctx, owner, "a", email("ann"), auth.Viewer); code(err) != ledger.EConflict {
		t.Fatalf("adding a member again: %v", err)
	}
	if err := a.AddNewMember(ctx, owner, "a", email("nobody"), auth.Viewer); code(err) != ledger.ENotFound {
		t.Fatalf("adding an unknown email: %v", err)
	}
	annToken, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetRole(ctx, owner, "a", ann.ID, auth.Accountant); err != nil {
		t.Fatal(err)
	}
	if err := a.SetRole(ctx, owner, "a", ann.ID, "wizard"); code(err) != ledger.EInvalid {
		t.Fatalf("unknown role: %v", err)
	}
	// A user of another organisation is no member here, whatever the id.
	for _, id := range []auth.UserID{other.ID, 999999} {
		if err := a.SetRole(ctx, owner, "a", id, auth.Viewer); code(err) != ledger.ENotFound {
			t.Fatalf("role of user %d, not a member: %v", id, err)
		}
		if err := a.RemoveMemberID(ctx, owner, "a", id); code(err) != ledger.ENotFound {
			t.Fatalf("removing user %d, not a member: %v", id, err)
		}
		if _, err := a.ResetMemberPassword(ctx, owner, "a", id); code(err) != ledger.ENotFound {
			t.Fatalf("resetting user %d, not a member: %v", id, err)
		}
	}
	// The last owner can be neither demoted nor removed.
	if err := a.SetRole(ctx, owner, "a", boss.ID, auth.Viewer); code(err) != ledger.EConflict {
		t.Fatalf("demoting the last owner: %v", err)
	}
	if err := a.RemoveMemberID(ctx, owner, "a", boss.ID); code(err) != ledger.EConflict {
		t.Fatalf("removing the last owner: %v", err)
	}
	temp, err := a.ResetMemberPassword(ctx, owner, "a", ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, annToken, ""); code(err) != ledger.EUnauthorized {
		t.Fatal("ann's session outlived the reset")
	}
	if _, _, err := a.Login(ctx, email("ann"), temp, "", "192.0.2.1", ""); err != nil {
		t.Fatalf("login with the temporary password: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.1", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("login with the old password: %v", err)
	}
	if err := a.RemoveMemberID(ctx, owner, "a", ann.ID); err != nil {
		t.Fatal(err)
	}
	log := strings.Join(auditActions(t, a, "a"), "\n")
	for _, want := range []string{"member_add ann@example.com as clerk", "role ann@example.com: clerk → accountant",
		"password_reset ann@example.com", "member_remove ann@example.com (was accountant)"} {
		if !strings.Contains(log, want) {
			t.Errorf("%q not audited:\n%s", want, log)
		}
	}
	if strings.Contains(log, temp) {
		t.Errorf("the temporary password is in the audit log")
	}
}

// TestCreateMember: an owner creates a colleague with a temporary
// password, who can log in with it.
func TestCreateMember(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "boss", "a", auth.Owner)
	mustUser(t, a, "clerk", "a", auth.Clerk)
	owner := login(t, a, "boss")
	// By email: boss, who logged in, then the clerk, who has not yet.
	if ms, _ := a.MembersToManage(ctx, owner, "a"); len(ms) != 2 || ms[0].LastLogin.IsZero() || !ms[1].LastLogin.IsZero() {
		t.Fatalf("last logins before the clerk logs in: %+v", ms)
	}
	pw, err := a.CreateMember(ctx, owner, "a", email("new"), "Täze Işgär", "tk", auth.Accountant)
	if err != nil {
		t.Fatal(err)
	}
	if _, u, err := a.Login(ctx, email("new"), pw, "", "192.0.2.1", ""); err != nil || u.Lang != "tk" || u.Name != "Täze Işgär" {
		t.Fatalf("login of the new member: %+v %v", u, err)
	}
	if _, err := a.CreateMember(ctx, owner, "a", email("new"), "Again", "tk", auth.Viewer); code(err) != ledger.EConflict {
		t.Fatalf("creating a taken email: %v", err)
	}
	if _, err := a.CreateMember(ctx, login(t, a, "clerk"), "a", email("new2"), "X", "tk", auth.Viewer); code(err) != ledger.EForbidden {
		t.Fatalf("a clerk creates a member: %v", err)
	}
	ms, err := a.MembersToManage(ctx, owner, "a")
	if err != nil || len(ms) != 3 {
		t.Fatalf("members: %+v %v", ms, err)
	}
	for _, m := range ms { // all three have logged in
		if !m.LastLogin.Equal(a.Now()) {
			t.Errorf("%s: last login %v", m.User.Email, m.LastLogin)
		}
	}
}

// TestRequireTOTP: turning the rule on needs two-factor on one's own
// account; then an owner without it is refused everything in the
// organisation with the message that says what to do, and other roles and
// other organisations are not affected; with two-factor on, the owner is
// back, and cannot turn it off while the rule holds.
func TestRequireTOTP(t *testing.T) { eachStore(t, testRequireTOTP) }

func testRequireTOTP(t *testing.T, a *app.App) {
	ctx := context.Background()
	clk := withClock(a)
	createOrg(t, a, "a", "cis")
	createOrg(t, a, "b", "cis")
	mustUser(t, a, "boss", "a", auth.Owner)
	mustUser(t, a, "lax", "a", auth.Owner)
	mustUser(t, a, "viewer", "a", auth.Viewer)
	if err := a.AddMember(ctx, app.System, "b", email("lax"), auth.Owner); err != nil {
		t.Fatal(err)
	}
	boss, lax, viewer := login(t, a, "boss"), login(t, a, "lax"), login(t, a, "viewer")
	if err := a.SetRequireTOTP(ctx, boss, "a", true); code(err) != ledger.EConflict {
		t.Fatalf("requiring TOTP without having it: %v", err)
	}
	if err := a.SetRequireTOTP(ctx, viewer, "a", true); code(err) != ledger.EForbidden {
		t.Fatalf("a viewer sets the rule: %v", err)
	}
	// boss turns two-factor on through the signed setup.
	setup, err := a.StartTOTP(ctx, boss)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(setup.URI, "otpauth://totp/Hasap:boss%40example.com?secret="+setup.Secret) {
		t.Fatalf("URI %s", setup.URI)
	}
	again, err := a.TOTPSetupOf(ctx, boss, setup.Ticket)
	if err != nil || again.Secret != setup.Secret {
		t.Fatalf("setup of the ticket: %+v %v", again, err)
	}
	// A ticket is the user's own, cannot be altered, and expires.
	if err := a.ConfirmTOTP(ctx, lax, setup.Ticket, totpCode(t, setup.Secret, clk.now)); code(err) != ledger.EInvalid {
		t.Fatalf("another user's ticket: %v", err)
	}
	mine, _ := a.StartTOTP(ctx, viewer)
	forged := strings.Replace(setup.Ticket, setup.Secret, mine.Secret, 1)
	if err := a.ConfirmTOTP(ctx, boss, forged, totpCode(t, mine.Secret, clk.now)); code(err) != ledger.EInvalid {
		t.Fatalf("a ticket with a secret swapped: %v", err)
	}
	if err := a.ConfirmTOTP(ctx, boss, setup.Ticket, "000000"); code(err) != ledger.EInvalid {
		t.Fatalf("a wrong code: %v", err)
	}
	clk.Add(16 * time.Minute)
	if err := a.ConfirmTOTP(ctx, boss, setup.Ticket, totpCode(t, setup.Secret, clk.now)); code(err) != ledger.EInvalid {
		t.Fatalf("an expired ticket: %v", err)
	}
	setup, _ = a.StartTOTP(ctx, boss)
	if err := a.ConfirmTOTP(ctx, boss, setup.Ticket, totpCode(t, setup.Secret, clk.now)); err != nil {
		t.Fatal(err)
	}
	clk.Add(30 * time.Second)
	boss = login2(t, a, "boss", totpCode(t, setup.Secret, clk.now))
	if p, err := a.MyProfile(ctx, boss); err != nil || !p.TOTP {
		t.Fatalf("profile after enabling: %+v %v", p, err)
	}
	if err := a.SetRequireTOTP(ctx, boss, "a", true); err != nil {
		t.Fatal(err)
	}
	// lax, an owner without two-factor, is refused in a, not in b.
	_, err = a.Balances(ctx, lax, "a", ledger.NoDate)
	if code(err) != ledger.EForbidden || !app.NeedsTOTP(err) || !strings.Contains(err.Error(), "turn it on in your profile") {
		t.Fatalf("owner without TOTP in a: %v", err)
	}
	if _, err := a.Balances(ctx, lax, "b", ledger.NoDate); err != nil {
		t.Fatalf("owner without TOTP in b: %v", err)
	}
	if _, err := a.Balances(ctx, viewer, "a", ledger.NoDate); err != nil {
		t.Fatalf("viewer in a: %v", err)
	}
	if _, err := a.MembersToManage(ctx, boss, "a"); err != nil {
		t.Fatalf("owner with TOTP in a: %v", err)
	}
	clk.Add(30 * time.Second)
	if err := a.DisableTOTP(ctx, boss, totpCode(t, setup.Secret, clk.now)); code(err) != ledger.EForbidden {
		t.Fatalf("turning TOTP off while a requires it: %v", err)
	}
	// lax turns it on (a use case of the user, not of a) and is let in.
	laxSetup, err := a.StartTOTP(ctx, lax)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ConfirmTOTP(ctx, lax, laxSetup.Ticket, totpCode(t, laxSetup.Secret, clk.now)); err != nil {
		t.Fatal(err)
	}
	clk.Add(30 * time.Second)
	lax = login2(t, a, "lax", totpCode(t, laxSetup.Secret, clk.now))
	if _, err := a.Balances(ctx, lax, "a", ledger.NoDate); err != nil {
		t.Fatalf("owner with TOTP in a: %v", err)
	}
	if err := a.SetRequireTOTP(ctx, boss, "a", false); err != nil {
		t.Fatal(err)
	}
	log := auditActions(t, a, "a")
	if !hasAction(log, "require_totp on") || !hasAction(log, "require_totp off") {
		t.Fatalf("the rule's changes not audited:\n%s", strings.Join(log, "\n"))
	}
}

// login2 logs who in with a two-factor code.
func login2(t *testing.T, a *app.App, who, code string) app.Actor {
	t.Helper()
	ctx := context.Background()
	token, _, err := a.Login(ctx, email(who), pw(who), code, "192.0.2.1", "")
	if err != nil {
		t.Fatalf("login %s with a code: %v", who, err)
	}
	x, err := a.Authenticate(ctx, token, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestChangePassword: the current password is checked (and wrong guesses
// throttled), the new one must pass the policy, other sessions end, and
// the one returned works.
func TestChangePassword(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Viewer)
	ann := login(t, a, "ann")
	otherToken, _, err := a.Login(ctx, email("ann"), pw("ann"), "", "192.0.2.9", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.ChangePassword(ctx, ann, "not my password", "a brand new passphrase")
	if code(err) != ledger.EInvalid || !app.WrongCurrentPassword(err) {
		t.Fatalf("wrong current password: %v", err)
	}
	_, err = a.ChangePassword(ctx, ann, pw("ann"), "short")
	if code(err) != ledger.EInvalid || app.WrongCurrentPassword(err) {
		t.Fatalf("a short new password: %v", err)
	}
	token, err := a.ChangePassword(ctx, ann, pw("ann"), "a brand new passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, otherToken, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("another session after the change: %v", err)
	}
	if _, err := a.Authenticate(ctx, token, ""); err != nil {
		t.Fatalf("the new session: %v", err)
	}
	if _, _, err := a.Login(ctx, email("ann"), "a brand new passphrase", "", "192.0.2.1", ""); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	if !hasAction(auditActions(t, a, "a"), "password_change") {
		t.Fatal("the change is not audited")
	}
	for range 6 {
		_, err = a.ChangePassword(ctx, ann, "guess", "another new passphrase")
	}
	if err == nil || !strings.Contains(err.Error(), "too many attempts") || !app.WrongCurrentPassword(err) {
		t.Fatalf("guessing the current password is not throttled (at the current password's field): %v", err)
	}
}

// TestDisableTOTPThrottled: a stolen session cannot try code after code to
// turn two-factor authentication off: past a few wrong codes even the
// right one waits.
func TestDisableTOTPThrottled(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	clk := withClock(a)
	createOrg(t, a, "a", "cis")
	mustUser(t, a, "ann", "a", auth.Viewer)
	ann := login(t, a, "ann")
	setup, err := a.StartTOTP(ctx, ann)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ConfirmTOTP(ctx, ann, setup.Ticket, totpCode(t, setup.Secret, clk.now)); err != nil {
		t.Fatal(err)
	}
	clk.Add(30 * time.Second)
	ann = login2(t, a, "ann", totpCode(t, setup.Secret, clk.now))
	clk.Add(30 * time.Second)
	for i := range 5 {
		if err := a.DisableTOTP(ctx, ann, fmt.Sprintf("%06d", i)); code(err) != ledger.EInvalid || strings.Contains(err.Error(), "too many") {
			t.Fatalf("wrong code %d: %v", i, err)
		}
	}
	err = a.DisableTOTP(ctx, ann, totpCode(t, setup.Secret, clk.now))
	if code(err) != ledger.EInvalid || !strings.Contains(err.Error(), "too many attempts") {
		t.Fatalf("the right code after five wrong ones: %v", err)
	}
	clk.Add(2 * time.Second)
	if err := a.DisableTOTP(ctx, ann, totpCode(t, setup.Secret, clk.now)); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
}
