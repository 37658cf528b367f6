package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportRegisters: `report trial-balance --detail analytics`,
// `report general-ledger` and `report analytic` as text, CSV, JSON and an
// XLSX file. The books are the journal of TestCommandLineBooks: 60.01 owes
// the mill 460.00 on contract K-1, 10.01 holds 20 of flour for 400.00.
func TestReportRegisters(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	file := filepath.Join(dir, "j.journal")
	os.WriteFile(file, []byte(journal), 0o644)
	mustRun(t, db, "import", "--org", "acme", "--format", "ledger", "--quiet", file)

	out := mustRun(t, db, "--lang", "ru", "report", "trial-balance", "--org", "acme", "--detail", "analytics", "--account", "60")
	for _, w := range []string{"Оборотно-сальдовая ведомость", "60.01", "mill", "K-1", "460,00"} {
		if !strings.Contains(out, w) {
			t.Errorf("the trial balance by analytics lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "flour") {
		t.Errorf("10.01 expanded though only 60 was asked for:\n%s", out)
	}
	out = mustRun(t, db, "report", "tb", "--org", "acme", "--detail", "analytics", "--format", "json")
	for _, w := range []string{`"level": 1`, `"code": "flour"`, `"quantity": {`, `"closing_debit": "20.000"`} {
		if !strings.Contains(out, w) {
			t.Errorf("the detailed trial balance as JSON lacks %s:\n%s", w, out)
		}
	}
	out = mustRun(t, db, "report", "general-ledger", "--org", "acme", "--from", "2025-01-01", "--to", "2025-02-28", "--format", "csv")
	for _, w := range []string{"2025-01", "2025-02", "51,", "10000.00"} {
		if !strings.Contains(out, w) {
			t.Errorf("the general ledger as CSV lacks %q:\n%s", w, out)
		}
	}
	out = mustRun(t, db, "report", "analytic", "--org", "acme", "--catalog", "counterparty", "--code", "mill", "--format", "csv")
	for _, w := range []string{"60.01", "K-1", "460.00"} {
		if !strings.Contains(out, w) {
			t.Errorf("the analysis of the mill lacks %q:\n%s", w, out)
		}
	}
	xl := filepath.Join(dir, "gl.xlsx")
	mustRun(t, db, "report", "gl", "--org", "acme", "--from", "2025-01-01", "--to", "2025-01-31", "--account", "51", "--out", xl)
	if cells := strings.Join(values(readXLSX(t, xl)), "|"); !strings.Contains(cells, "10000.00") {
		t.Errorf("the general ledger of 51 as XLSX: %s", cells)
	}
	for _, bad := range [][]string{
		{"report", "general-ledger", "--org", "acme"},
		{"report", "analytic", "--org", "acme", "--catalog", "counterparty", "--code", "nobody"},
		{"report", "tb", "--org", "acme", "--detail", "everything"},
	} {
		if code, _, _ := hasap(t, db, bad...); code == 0 {
			t.Errorf("hasap %s: exit 0", strings.Join(bad, " "))
		}
	}
}
