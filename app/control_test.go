package app_test

import (
	"context"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
)

// TestControlAndAuditLog: the control state shows the chain head and the
// last verification only to those who may verify or read the audit log;
// the audit log names each event's user, filters by action and by email
// (in any case), and never shows another organisation's events. On both
// databases.
func TestControlAndAuditLog(t *testing.T) { eachStore(t, testControlAndAuditLog) }

func testControlAndAuditLog(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	st, err := a.Control(ctx, w.actors["auditor"], "a")
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 1 || st.Head == (ledger.Hash{}) || st.LastVerify != nil || st.Org.LockDate != ledger.NoDate {
		t.Fatalf("control state before any verification: %+v", st)
	}
	if _, err := a.Verify(ctx, w.actors["auditor"], "a", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Verify(ctx, w.actors["foreign"], "b", nil); err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]bool{"auditor": true, "chief": true, "owner": true, "viewer": false, "accountant": false} {
		st, err := a.Control(ctx, w.actors[col], "a")
		if err != nil {
			t.Fatal(err)
		}
		if got := st.LastVerify != nil; got != want {
			t.Errorf("%s sees the last verification: %v, want %v", col, got, want)
			continue
		}
		if want && (st.LastVerify.Email != email("auditor") || !st.LastVerify.Passed() || st.LastVerify.Org != st.Org.ID) {
			t.Errorf("%s: last verification %+v", col, st.LastVerify)
		}
	}

	log := func(q app.AuditQuery) []app.AuditRow {
		t.Helper()
		rows, err := a.AuditLog(ctx, w.actors["owner"], "a", q)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	all := log(app.AuditQuery{Limit: app.MaxAuditPage})
	if len(all) == 0 || all[0].Action != app.ActVerify || all[0].Email != email("auditor") {
		t.Fatalf("newest event: %+v", all[0])
	}
	for _, r := range all {
		if r.Email == email("foreign") || strings.Contains(r.Detail, "foreign") {
			t.Errorf("a's log shows b's %+v", r)
		}
		if r.User == 0 && r.Email != "" {
			t.Errorf("a system event named a user: %+v", r)
		}
	}
	posts := log(app.AuditQuery{Action: app.ActPost})
	if len(posts) != 1 || posts[0].User != 0 || posts[0].Email != "" {
		t.Errorf("a's postings: %+v", posts)
	}
	mine := log(app.AuditQuery{Email: strings.ToUpper(email("auditor"))})
	if len(mine) < 2 { // the login and the verification
		t.Errorf("the auditor's events: %+v", mine)
	}
	for _, r := range mine {
		if r.Email != email("auditor") {
			t.Errorf("filtered by the auditor: %+v", r)
		}
	}
	if rows := log(app.AuditQuery{Email: email("foreign")}); len(rows) != 0 {
		t.Errorf("a's log filtered by b's owner: %+v", rows)
	}
	if rows := log(app.AuditQuery{Email: "nobody@example.com"}); len(rows) != 0 {
		t.Errorf("an unknown email: %+v", rows)
	}
	if _, err := a.AuditLog(ctx, w.actors["owner"], "a", app.AuditQuery{Email: "not an email"}); code(err) != ledger.EInvalid {
		t.Errorf("a malformed email: %v", err)
	}
	page := log(app.AuditQuery{Limit: 2})
	older := log(app.AuditQuery{Limit: 2, BeforeSeq: page[1].Seq})
	if len(page) != 2 || len(older) != 2 || older[0].Seq != page[1].Seq-1 {
		t.Errorf("paging: %d, %d events; seqs %d then %d", len(page), len(older), page[1].Seq, older[0].Seq)
	}
}
