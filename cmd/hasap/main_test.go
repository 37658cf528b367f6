package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"hasap/internal/pgtest"
)

// TestMain lets the test binary act as the hasap command, for tests that
// must kill a real process.
func TestMain(m *testing.M) {
	if os.Getenv("HASAP_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	if dsn := os.Getenv("HASAP_TEST_CRASH_POSTER"); dsn != "" {
		os.Exit(crashPoster(dsn))
	}
	os.Exit(m.Run())
}

// hasap runs one command line in-process and returns its exit code and output.
func hasap(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := hasap(t, db, args...)
	if code != 0 {
		t.Fatalf("hasap %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

const journal = `2025-01-02 * Capital
    51                     10000.00 TMT  ; cashflow: capital
    80

2025-01-03 * Goods
    10.01                    400.00 TMT  ; item: flour, warehouse: main, qty: 20
    19.03                     60.00 TMT  ; counterparty: mill
    60.01                   -460.00 TMT  ; counterparty: mill, contract: K-1
`

// eachStore runs f on a fresh SQLite file and on a fresh PostgreSQL
// database: the same commands, only the connection string differs.
func eachStore(t *testing.T, f func(t *testing.T, db string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, filepath.Join(t.TempDir(), "h.db")) })
	t.Run("postgres", func(t *testing.T) { f(t, pgtest.Database(t)) })
}

func TestCommandLineBooks(t *testing.T) { eachStore(t, testCommandLineBooks) }

func testCommandLineBooks(t *testing.T, db string) {
	dir := t.TempDir()
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	file := filepath.Join(dir, "j.journal")
	os.WriteFile(file, []byte(journal), 0o644)
	out := mustRun(t, db, "import", "--org", "acme", "--format", "ledger", "--quiet", file)
	if !strings.Contains(out, "imported 2 transactions") {
		t.Fatalf("import said %q", out)
	}
	csv := mustRun(t, db, "report", "balances", "--org", "acme", "--format", "csv")
	want := "account,currency,balance\n10.01,TMT,400.00\n19.03,TMT,60.00\n51,TMT,10000.00\n60.01,TMT,-460.00\n80,TMT,-10000.00\n"
	if csv != want {
		t.Fatalf("balances:\n%s", csv)
	}
	tb := mustRun(t, db, "report", "trial-balance", "--org", "acme", "--format", "json")
	if !strings.Contains(tb, `"balanced": true`) || !strings.Contains(tb, `"closing_debit": "10460.00"`) {
		t.Fatalf("trial balance:\n%s", tb)
	}
	if out := mustRun(t, db, "verify", "--org", "acme"); !strings.HasPrefix(out, "ok: acme: 2 entries, 3 postings") {
		t.Fatalf("verify said %q", out)
	}
	mustRun(t, db, "--lang", "ru", "post", "--org", "acme", "--date", "2025-01-04", "--dt", "50.01", "--dt-analytics", "cashflow=capital", "--kt", "51", "--kt-analytics", "cashflow=capital", "--amount", "1 000,50")
	// a posting without the analytics the account requires is refused, in Russian
	code, _, errs := hasap(t, db, "--lang", "ru", "post", "--org", "acme", "--date", "2025-01-04", "--dt", "62.01", "--kt", "90.01", "--amount", "5")
	if code != 1 || !strings.Contains(errs, "62.01") {
		t.Fatalf("post without analytics: exit %d %s", code, errs)
	}
	mustRun(t, db, "reverse", "--org", "acme", "--entry", "2025/3", "--storno")
	if code, _, errs := hasap(t, db, "reverse", "--org", "acme", "--entry", "2025/3"); code != 1 || !strings.Contains(errs, "already reversed") {
		t.Fatalf("second reversal: exit %d %s", code, errs)
	}
	mustRun(t, db, "lock", "--org", "acme", "--date", "2025-01-31")
	if code, _, errs := hasap(t, db, "post", "--org", "acme", "--date", "2025-01-15", "--dt", "26", "--kt", "80", "--amount", "1"); code != 1 || !strings.Contains(errs, "lock date") {
		t.Fatalf("post in a closed period: exit %d %s", code, errs)
	}
	if code, _, _ := hasap(t, db, "report", "nonsense", "--org", "acme"); code != 2 {
		t.Fatalf("unknown report: exit %d, want 2", code)
	}
}

func TestVerifyCatchesTamperingAndCheckpoints(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	for i := 1; i <= 5; i++ {
		mustRun(t, db, "post", "--org", "acme", "--date", fmt.Sprintf("2025-02-%02d", i), "--dt", "26", "--kt", "80", "--amount", fmt.Sprint(i*100))
	}
	cp := filepath.Join(dir, "cp.json")
	mustRun(t, db, "checkpoint", "--org", "acme", "--out", cp)
	mustRun(t, db, "verify", "--org", "acme", "--checkpoint", cp)

	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE postings SET amount = amount + 1 WHERE seq = 2`); err == nil {
		t.Fatal("the database let a posted amount change")
	}
	// An attacker with the file drops the guard and truncates the tail,
	// rewriting the recorded head to match.
	for _, q := range []string{
		`DROP TRIGGER postings_immutable_delete`, `DROP TRIGGER entries_immutable_delete`,
		`DELETE FROM postings WHERE seq = 5`, `DELETE FROM entries WHERE seq = 5`,
		`UPDATE chain_heads SET seq = 4, hash = (SELECT hash FROM entries WHERE seq = 4)`,
		`UPDATE year_numbers SET last_number = 4`,
		`DELETE FROM totals`, `DELETE FROM day_totals`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	code, _, errs := hasap(t, db, "verify", "--org", "acme")
	if code != 1 || !strings.Contains(errs, "NOT INTACT") {
		t.Fatalf("verify after tampering: exit %d %s", code, errs)
	}
	code, _, errs = hasap(t, db, "verify", "--org", "acme", "--checkpoint", cp)
	if code != 1 || !strings.Contains(errs, "NOT INTACT") {
		t.Fatalf("verify against the checkpoint: exit %d %s", code, errs)
	}
	// a forged checkpoint fails its signature
	b, _ := os.ReadFile(cp)
	os.WriteFile(cp, bytes.Replace(b, []byte(`"seq": 5`), []byte(`"seq": 4`), 1), 0o644)
	if code, _, errs := hasap(t, db, "verify", "--org", "acme", "--checkpoint", cp); code != 1 || !strings.Contains(errs, "signature") {
		t.Fatalf("forged checkpoint: exit %d %s", code, errs)
	}
}

// TestDemoRoundTrip: the demo's books, exported as a journal, give hledger
// the same balances we report, and imported into a new organisation with
// the same chart give identical balances and trial balance.
func TestDemoRoundTrip(t *testing.T) { eachStore(t, testDemoRoundTrip) }

func testDemoRoundTrip(t *testing.T, db string) {
	dir := t.TempDir()
	mustRun(t, db, "demo")
	file := filepath.Join(dir, "demo.journal")
	mustRun(t, db, "export", "--org", "demo", "--out", file)
	mustRun(t, db, "org", "create", "--code", "copy", "--name", "Copy", "--chart", "cis")
	mustRun(t, db, "import", "--org", "copy", "--quiet", file)
	for _, report := range [][]string{{"balances"}, {"trial-balance"}, {"trial-balance", "--from", "2025-03-10", "--to", "2025-08-20"}} {
		a := mustRun(t, db, append(append([]string{"report"}, report...), "--org", "demo", "--format", "csv")...)
		b := mustRun(t, db, append(append([]string{"report"}, report...), "--org", "copy", "--format", "csv")...)
		if a != b {
			t.Fatalf("report %v differs after export and import:\n%s\n---\n%s", report, a, b)
		}
	}
	hledger, err := exec.LookPath("hledger")
	if err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("hledger is required (HASAP_REQUIRE_TOOLS=1)")
		}
		t.Skip("hledger not installed")
	}
	out, err := exec.Command(hledger, "-f", file, "bal", "--flat", "--no-total", "-O", "csv", "--layout=bare", "-c", "1.00 TMT", "-c", "1.00 USD").CombinedOutput()
	if err != nil {
		t.Fatalf("hledger: %v\n%s", err, out)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n")[1:] {
		want = append(want, strings.ReplaceAll(line, `"`, ""))
	}
	ours := strings.Split(strings.TrimSpace(mustRun(t, db, "report", "balances", "--org", "demo", "--format", "csv")), "\n")[1:]
	if strings.Join(ours, "\n") != strings.Join(want, "\n") {
		t.Fatalf("balances differ from hledger's on the exported journal\nours:\n%s\nhledger:\n%s", strings.Join(ours, "\n"), strings.Join(want, "\n"))
	}
}

func TestCommandLineCorrespondence(t *testing.T) { eachStore(t, testCommandLineCorrespondence) }

// testCommandLineCorrespondence imports the journal above (the bulk import
// keeps the correspondence totals too) and reads them back:
//
//	Dt 51    Kt 80     10 000.00
//	Dt 10.01 Kt 60.01     400.00
//	Dt 19.03 Kt 60.01      60.00
func testCommandLineCorrespondence(t *testing.T, db string) {
	file := filepath.Join(t.TempDir(), "j.journal")
	os.WriteFile(file, []byte(journal), 0o644)
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	mustRun(t, db, "import", "--org", "acme", "--format", "ledger", "--quiet", file)
	js := mustRun(t, db, "report", "chessboard", "--org", "acme", "--level", "sub", "--format", "json")
	for _, want := range []string{`"account": "10.01"`, `"amount": "400.00"`, `"total": "10460.00"`} {
		if !strings.Contains(js, want) {
			t.Errorf("chessboard lacks %s:\n%s", want, js)
		}
	}
	csv := mustRun(t, db, "report", "chessboard", "--org", "acme", "--format", "csv")
	// the columns are the credited accounts, 60 and 80
	if !strings.Contains(csv, "\n10,400.00,,400.00\n19,60.00,,60.00\n51,,10000.00,10000.00\nTotal,460.00,10000.00,10460.00") {
		t.Errorf("chessboard by synthetic accounts:\n%s", csv)
	}
	text := mustRun(t, db, "--lang", "ru", "report", "account-analysis", "--org", "acme", "--account", "60", "--from", "2025-01-01", "--to", "2025-01-31")
	if !strings.Contains(text, "Анализ счёта 60") || !strings.Contains(text, "460,00") {
		t.Errorf("account analysis:\n%s", text)
	}
	if code, _, _ := hasap(t, db, "report", "account-analysis", "--org", "acme"); code != 2 {
		t.Errorf("account analysis without --account: exit %d, want 2", code)
	}
	if out := mustRun(t, db, "verify", "--org", "acme"); !strings.Contains(out, "3 correspondence rows and") {
		t.Errorf("verify said %q", out)
	}
}
