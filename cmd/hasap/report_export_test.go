package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hasap/interop/xlsx"
)

// TestReportFiles: `report KIND --out FILE` writes the report's sheet in
// the format of the file's extension (or --format), in --lang. The books
// are the journal of TestCommandLineBooks: 51 10 000.00 from 80, 10.01
// 400.00 and 19.03 60.00 from 60.01, so the trial balance's closing
// totals are 10 460.00 on each side.
func TestReportFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	file := filepath.Join(dir, "j.journal")
	os.WriteFile(file, []byte(journal), 0o644)
	mustRun(t, db, "import", "--org", "acme", "--format", "ledger", "--quiet", file)

	out := filepath.Join(dir, "tb.xlsx")
	mustRun(t, db, "--lang", "ru", "report", "trial-balance", "--org", "acme", "--out", out)
	cells := readXLSX(t, out)
	if cells["A1"] != "Оборотно-сальдовая ведомость" || cells["A2"] != "Acme HJ" {
		t.Errorf("trial balance head: %v", cells)
	}
	found := false
	for ref, v := range cells {
		found = found || v == "Итого" && cells["G"+ref[1:]] == "10460.00" && cells["H"+ref[1:]] == "10460.00"
	}
	if !found {
		t.Errorf("no total row of 10460.00: %v", cells)
	}

	csvFile := filepath.Join(dir, "tb.csv")
	mustRun(t, db, "--lang", "en", "report", "tb", "--org", "acme", "--out", csvFile)
	if b, _ := os.ReadFile(csvFile); !strings.Contains(string(b), "Total,,0.00,0.00,10460.00,10460.00,10460.00,10460.00") && !strings.Contains(string(b), "Total,,,,10460.00,10460.00,10460.00,10460.00") {
		t.Errorf("trial balance CSV:\n%s", b)
	}

	pdf := filepath.Join(dir, "card.pdf")
	mustRun(t, db, "--lang", "ru", "report", "account-card", "--org", "acme", "--account", "51", "--out", pdf)
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatal("account card: not a PDF")
	}
	pdfText(t, pdf, "Карточка счёта 51", "10 000,00")

	journalFile := filepath.Join(dir, "journal.bin")
	mustRun(t, db, "report", "journal", "--org", "acme", "--format", "xlsx", "--out", journalFile)
	cells = readXLSX(t, journalFile)
	if !strings.Contains(strings.Join(values(cells), "|"), "10000.00") {
		t.Errorf("journal: %v", cells)
	}
	bal := filepath.Join(dir, "b.csv")
	mustRun(t, db, "report", "balances", "--org", "acme", "--out", bal)
	if b, _ := os.ReadFile(bal); !strings.Contains(string(b), "51,") || !strings.Contains(string(b), "TMT,10000.00") {
		t.Errorf("balances CSV:\n%s", b)
	}

	// The mill's 460.00 owed on 60.01 is a payable.
	cb := filepath.Join(dir, "cb.csv")
	mustRun(t, db, "report", "counterparty-balances", "--org", "acme", "--out", cb)
	if b, _ := os.ReadFile(cb); !strings.Contains(string(b), ",460.00,") {
		t.Errorf("counterparty balances CSV:\n%s", b)
	}

	// The cash book of 4 January: 1 000.50 into 50.01 from 51, named after
	// the corresponding side's analytic, as the page names it.
	mustRun(t, db, "post", "--org", "acme", "--date", "2025-01-04", "--dt", "50.01", "--dt-analytics", "cashflow=capital", "--kt", "51", "--kt-analytics", "cashflow=capital", "--amount", "1000.50", "--desc", "From the bank")
	cash := filepath.Join(dir, "cash.csv")
	mustRun(t, db, "--lang", "en", "report", "cash-book", "--org", "acme", "--account", "50.01", "--date", "2025-01-04", "--out", cash)
	if b, _ := os.ReadFile(cash); !strings.Contains(string(b), "2025/3,capital,51,1000.50,") || !strings.Contains(string(b), "Balance at the end of the day,,1000.50,") {
		t.Errorf("cash book CSV:\n%s", b)
	}

	for _, args := range [][]string{
		{"report", "journal", "--org", "acme"},                                                               // a file only
		{"report", "tb", "--org", "acme", "--out", filepath.Join(dir, "x.html")},                             // no such format
		{"report", "account-card", "--org", "acme", "--out", filepath.Join(dir, "c.pdf")},                    // no account
		{"report", "cash-book", "--org", "acme", "--account", "50.01", "--out", filepath.Join(dir, "c.pdf")}, // no day
	} {
		if code, _, _ := hasap(t, db, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func readXLSX(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := xlsx.ReadCells(b)
	if err != nil {
		t.Fatal(err)
	}
	return cells
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func pdfText(t *testing.T, file string, texts ...string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
		}
		return
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		if !strings.Contains(string(out), s) {
			t.Errorf("%s lacks %q:\n%s", file, s, out)
		}
	}
}
