package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportStatements(t *testing.T) { eachStore(t, testReportStatements) }

// testReportStatements: the journal of the registers' test (sales 1 150.00
// and 2 300.00 on 90.01, supplies 460.00 on 44, 500.00 paid into 51). The
// balance sheet at 30 June: cash 1250 500.00, receivables 1230 2 950.00,
// inventories 1210 460.00 (44), 1600 3 910.00 = payables 1520 460.00 +
// retained earnings 1370 3 450.00 (90.01's credit balance). The P&L of
// 2025: revenue 2110 3 450.00.
func testReportStatements(t *testing.T, db string) {
	file := filepath.Join(t.TempDir(), "j.journal")
	os.WriteFile(file, []byte(registersJournal), 0o644)
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	mustRun(t, db, "import", "--org", "acme", "--format", "ledger", file)
	text := mustRun(t, db, "--lang", "en", "report", "balance-sheet", "--org", "acme", "--period", "2025-06", "--compare", "prev-year")
	for _, w := range []string{"Statement of financial position", "1250", "500.00", "2,950.00", "3,910.00", "3,450.00"} {
		if !strings.Contains(text, w) {
			t.Errorf("balance sheet lacks %q:\n%s", w, text)
		}
	}
	csv := mustRun(t, db, "report", "pnl", "--org", "acme", "--period", "2025", "--format", "csv")
	if !strings.Contains(csv, "2110") || !strings.Contains(csv, "3450.00") {
		t.Errorf("P&L CSV:\n%s", csv)
	}
	js := mustRun(t, db, "report", "cash-flow", "--org", "acme", "--period", "2025-06", "--format", "json")
	if !strings.Contains(js, `"code": "4500"`) || !strings.Contains(js, `"amount": "500.00"`) {
		t.Errorf("cash flow JSON:\n%s", js)
	}
	out := filepath.Join(t.TempDir(), "eq.csv")
	mustRun(t, db, "report", "equity", "--org", "acme", "--period", "2025", "--out", out)
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "3350") {
		t.Errorf("equity file: %v %s", err, b)
	}
	if code, _, _ := hasap(t, db, "report", "pnl", "--org", "acme", "--period", "2025-13"); code != 2 {
		t.Errorf("a bad period: exit %d, want 2", code)
	}
}
