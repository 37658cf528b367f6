package app_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// clock is a settable clock for a.Now.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time      { return c.now }
func (c *clock) Add(d time.Duration) { c.now = c.now.Add(d) }
func withClock(a *app.App) *clock    { c := &clock{now: a.Now()}; a.Now = c.Now; return c }
func pw(who string) string           { return "correct horse battery staple " + who }
func email(who string) string        { return who + "@example.com" }
func code(err error) ledger.Code     { return ledger.ErrorCode(err) }
func entryOf(amount money.Amount, d ledger.Date) ledger.Entry {
	return ledger.Entry{Date: d, Description: "test", Postings: []ledger.Posting{{
		Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: amount}}}
}

// mustUser creates a user as System, puts them in org with role (org ""
// for none), and returns them.
func mustUser(t testing.TB, a *app.App, who, org string, role auth.Role) auth.User {
	t.Helper()
	ctx := context.Background()
	u, err := a.CreateUser(ctx, app.System, email(who), strings.ToUpper(who[:1])+who[1:], pw(who), "ru")
	if err != nil {
		t.Fatalf("create user %s: %v", who, err)
	}
	if org != "" {
		if err := a.AddMember(ctx, app.System, org, email(who), role); err != nil {
			t.Fatalf("add %s to %s: %v", who, org, err)
		}
	}
	return u
}

// login logs who in from 192.0.2.1 and returns their session actor.
func login(t testing.TB, a *app.App, who string) app.Actor {
	t.Helper()
	ctx := context.Background()
	token, _, err := a.Login(ctx, email(who), pw(who), "", "192.0.2.1", "")
	if err != nil {
		t.Fatalf("login %s: %v", who, err)
	}
	actor, err := a.Authenticate(ctx, token, "192.0.2.1")
	if err != nil {
		t.Fatalf("authenticate %s: %v", who, err)
	}
	return actor
}

// totpCode is RFC 6238's code of secret at t, written out here so that the
// test does not trust the code it tests.
func totpCode(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		t.Fatal(err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[19] & 0x0f
	return fmt.Sprintf("%06d", (binary.BigEndian.Uint32(sum[off:])&0x7fffffff)%1000000)
}

// auditActions returns the actions of org's log (as System), oldest first.
func auditActions(t testing.TB, a *app.App, org string) []string {
	t.Helper()
	evs, err := a.Audit(context.Background(), app.System, org, 0, app.MaxAuditPage)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(evs))
	for i, e := range evs {
		out[len(evs)-1-i] = e.Action + " " + e.Detail
	}
	return out
}

func hasAction(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestReversalDescriptionInActorsLanguage: the description a reversal
// writes into the books is in the language of who reverses.
func TestReversalDescriptionInActorsLanguage(t *testing.T) {
	a := newApp(t)
	createOrg(t, a, "lang", "cis")
	ctx := context.Background()
	for _, c := range []struct {
		lang   string
		storno bool
		want   string
	}{
		{"ru", false, "Обратная операция к операции 2025/%d: test"},
		{"tk", true, "Amal 2025/%d üçin gyzyl storno: test"},
		{"", false, "Reversal of entry 2025/%d: test"},
	} {
		e, err := a.Post(ctx, app.System, "lang", entryOf(100, ledger.DateOf(2025, 2, 1)))
		if err != nil {
			t.Fatal(err)
		}
		actor := app.System
		actor.Lang = c.lang
		r, err := a.Reverse(ctx, actor, "lang", e.Year, e.Number, e.Date, c.storno)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf(c.want, e.Number); r.Description != want {
			t.Errorf("%q: description %q, want %q", c.lang, r.Description, want)
		}
	}
}
