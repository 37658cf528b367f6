package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hasap/app"
	"hasap/store/open"
)

// hasapIn runs one command line in-process with stdin.
func hasapIn(t *testing.T, db, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserCommands(t *testing.T) { eachStore(t, testUserCommands) }

func testUserCommands(t *testing.T, db string) {
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme")
	const pass = "the operator's long passphrase"
	code, out, errs := hasapIn(t, db, pass+"\n", "user", "create", "--email", "Ann@Example.com", "--name", "Ann Lee", "--lang", "ru")
	if code != 0 || !strings.Contains(out, "ann@example.com") {
		t.Fatalf("user create: exit %d\n%s%s", code, out, errs)
	}
	// A password is never a flag value, and an empty one is refused.
	if code, _, _ := hasapIn(t, db, "", "user", "create", "--email", "b@example.com", "--name", "B", "--password", pass); code != 2 {
		t.Fatalf("--password accepted: exit %d", code)
	}
	if code, _, errs := hasapIn(t, db, "", "user", "create", "--email", "b@example.com", "--name", "B"); code != 2 || !strings.Contains(errs, "password") {
		t.Fatalf("no password: exit %d %s", code, errs)
	}
	if code, _, errs := hasapIn(t, db, "short\n", "user", "create", "--email", "b@example.com", "--name", "B"); code != 1 || !strings.Contains(errs, "at least") {
		t.Fatalf("weak password: exit %d %s", code, errs)
	}
	mustRun(t, db, "user", "add-member", "--org", "acme", "--email", "ann@example.com", "--role", "accountant")
	if code, _, errs := hasap(t, db, "user", "add-member", "--org", "acme", "--email", "ann@example.com", "--role", "boss"); code != 1 || !strings.Contains(errs, "role") {
		t.Fatalf("unknown role: exit %d %s", code, errs)
	}
	list := mustRun(t, db, "user", "list", "--org", "acme")
	if list != "ann@example.com\taccountant\tAnn Lee\t\n" {
		t.Fatalf("user list:\n%q", list)
	}

	file := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(file, []byte("a brand new passphrase\r\n"), 0o600)
	mustRun(t, db, "user", "reset-password", "--email", "ann@example.com", "--password-file", file)

	// The new password logs in; the audit log has every act, by the system.
	st, err := open.Open(context.Background(), db, open.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := app.New(st, filepath.Join(t.TempDir(), "key"))
	ctx := context.Background()
	if _, u, err := a.Login(ctx, "ann@example.com", "a brand new passphrase", "", "", ""); err != nil || u.Lang != "ru" {
		t.Fatalf("login with the reset password: %v %+v", err, u)
	}
	evs, err := a.Audit(ctx, app.System, "acme", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, e := range evs {
		log = append(log, e.Action+" "+e.Detail)
	}
	joined := strings.Join(log, "\n")
	for _, want := range []string{"member_add ann@example.com as accountant", "password_reset by the operator: ann@example.com", "org_create"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in the log:\n%s", want, joined)
		}
	}
	inst, _ := a.Audit(ctx, app.System, "", 0, 100)
	if len(inst) == 0 || inst[len(inst)-1].Action != "user_create" {
		t.Errorf("user creation not in the installation's log: %+v", inst)
	}
	mustRun(t, db, "user", "remove-member", "--org", "acme", "--email", "ann@example.com")
	if list := mustRun(t, db, "user", "list", "--org", "acme"); list != "" {
		t.Fatalf("after remove-member:\n%s", list)
	}
}
