package main

import (
	"strings"
	"testing"
)

func TestCommandLineClose(t *testing.T) { eachStore(t, testCommandLineClose) }

// testCommandLineClose closes October 2026: a sale of 1 000.00 (Dt 50.03
// Kt 90.01) and its cost 600.00 (Dt 90.02 Kt 20): Dt 90.09 Kt 99 400.00,
// profit tax 8 % = 32.00; the lock date moves to 31 October; the owner's
// reopening (the operator's here) needs a reason.
func testCommandLineClose(t *testing.T, db string) {
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	mustRun(t, db, "post", "--org", "acme", "--date", "2026-10-05", "--dt", "50.03", "--kt", "90.01", "--amount", "1000")
	mustRun(t, db, "post", "--org", "acme", "--date", "2026-10-05", "--dt", "90.02", "--kt", "20", "--amount", "600")
	out := mustRun(t, db, "close", "--org", "acme", "--month", "2026-10", "--status")
	if !strings.Contains(out, "close_month  todo") || !strings.Contains(out, "Dt 90.09 Kt 99 400.00") || !strings.Contains(out, "locked false") {
		t.Fatalf("status:\n%s", out)
	}
	out = mustRun(t, db, "close", "--org", "acme", "--month", "2026-10")
	for _, want := range []string{"close_month  posted", "profit_tax   posted", "lock date 2026-10-31"} {
		if !strings.Contains(out, want) {
			t.Errorf("close said, without %q:\n%s", want, out)
		}
	}
	if code, _, errs := hasap(t, db, "close", "--org", "acme", "--month", "2026-10", "--unpost", "profit_tax"); code != 1 || !strings.Contains(errs, "closed") {
		t.Errorf("unposting in a locked month: exit %d %s", code, errs)
	}
	if code, _, _ := hasap(t, db, "reopen", "--org", "acme", "--to", "2026-09-30"); code != 2 {
		t.Errorf("reopen without a reason: exit %d, want 2", code)
	}
	mustRun(t, db, "reopen", "--org", "acme", "--to", "2026-09-30", "--reason", "a late invoice")
	out = mustRun(t, db, "close", "--org", "acme", "--month", "2026-10", "--unpost", "profit_tax")
	if !strings.Contains(out, "profit_tax   todo") {
		t.Errorf("after the unpost:\n%s", out)
	}
	if code, _, _ := hasap(t, db, "close", "--org", "acme", "--month", "2026-13"); code != 1 {
		t.Errorf("a bad month: exit %d", code)
	}
}
