package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hasap/interop/xlsx"
)

// registersJournal: customer C1 bought 1 150.00 on 2 March and 2 300.00 on
// 20 May and paid 500.00 on 1 June (FIFO: the March sale); supplier S1
// sent 460.00 on 10 January. As of 30 June: C1 650.00 is 120 days old
// (over 90), 2 300.00 is 41 days old (31–60); S1's 460.00 is 171 days old.
const registersJournal = `2025-01-10 Supplies
    44  460.00 TMT
    60.01  ; counterparty: S1, contract: L1

2025-03-02 Sale
    62.01  1150.00 TMT ; counterparty: C1, contract: K1
    90.01

2025-05-20 Sale
    62.01  2300.00 TMT ; counterparty: C1, contract: K1
    90.01

2025-06-01 Payment
    51  500.00 TMT ; cashflow: CF
    62.01  ; counterparty: C1, contract: K1
`

func TestReportAgeing(t *testing.T) { eachStore(t, testReportAgeing) }

func testReportAgeing(t *testing.T, db string) {
	file := filepath.Join(t.TempDir(), "j.journal")
	os.WriteFile(file, []byte(registersJournal), 0o644)
	mustRun(t, db, "org", "create", "--code", "acme", "--name", "Acme HJ")
	mustRun(t, db, "import", "--org", "acme", "--format", "ledger", "--quiet", file)
	csv := mustRun(t, db, "report", "ageing", "--org", "acme", "--date", "2025-06-30", "--format", "csv")
	for _, w := range []string{"Code,Counterparty,Days since the date: 0–30,Days since the date: 31–60,Days since the date: 61–90,Days since the date: over 90,Total,Advances received",
		"C1,C1,,2300.00,,650.00,2950.00,", "Total,,0.00,2300.00,0.00,650.00,2950.00,0.00"} {
		if !strings.Contains(csv, w) {
			t.Errorf("ageing CSV lacks %q:\n%s", w, csv)
		}
	}
	text := mustRun(t, db, "--lang", "ru", "report", "ageing", "--org", "acme", "--date", "2025-06-30", "--side", "payable", "--buckets", "100,150")
	for _, w := range []string{"Анализ кредиторской задолженности по срокам", "На 30.06.2025", "более 150", "460,00"} {
		if !strings.Contains(text, w) {
			t.Errorf("payables text lacks %q:\n%s", w, text)
		}
	}
	js := mustRun(t, db, "report", "ageing", "--org", "acme", "--date", "2025-06-30", "--format", "json")
	if !strings.Contains(js, `"buckets": [`) || !strings.Contains(js, `"total": "2950.00"`) {
		t.Errorf("ageing JSON:\n%s", js)
	}
	bal := mustRun(t, db, "report", "counterparty-balances", "--org", "acme", "--format", "csv")
	if !strings.Contains(bal, "C1,C1,2950.00,,,,2950.00") || !strings.Contains(bal, "S1,S1,,460.00,,,-460.00") {
		t.Errorf("counterparty balances:\n%s", bal)
	}
	// The VAT books of March: the sale of 2 March is no document (an
	// imported entry), so the books are empty and balance at zero.
	vat := mustRun(t, db, "report", "vat", "--org", "acme", "--month", "2025-03", "--format", "csv")
	if !strings.Contains(vat, ",VAT payable,,,,,0.00,") || !strings.Contains(vat, ",Sales book,") {
		t.Errorf("vat:\n%s", vat)
	}
	if js := mustRun(t, db, "report", "vat", "--org", "acme", "--month", "2025-03", "--format", "json"); !strings.Contains(js, `"from": "2025-03-01"`) {
		t.Errorf("vat json:\n%s", js)
	}
	// The same sheets as files: the ageing as a workbook, read back cell by
	// cell, and the VAT books as a PDF.
	dir := t.TempDir()
	book := filepath.Join(dir, "ageing.xlsx")
	mustRun(t, db, "report", "ageing", "--org", "acme", "--date", "2025-06-30", "--out", book)
	data, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := xlsx.ReadCells(data)
	if err != nil {
		t.Fatalf("ageing.xlsx: %v", err)
	}
	found := false
	for _, v := range cells {
		found = found || v == "2950" || v == "2950.00"
	}
	if !found {
		t.Errorf("ageing.xlsx has no total 2950: %v", cells)
	}
	pdf := filepath.Join(dir, "vat.pdf")
	mustRun(t, db, "report", "vat", "--org", "acme", "--month", "2025-03", "--out", pdf)
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("vat.pdf: %v, %.8q", err, data)
	}
	if code, _, _ := hasap(t, db, "report", "vat", "--org", "acme", "--month", "2025-3"); code != 2 {
		t.Errorf("vat of month 2025-3: exit %d, want 2", code)
	}
	if code, _, _ := hasap(t, db, "report", "ageing", "--org", "acme"); code != 2 {
		t.Errorf("ageing without a date: exit %d, want 2", code)
	}
	if code, _, _ := hasap(t, db, "report", "ageing", "--org", "acme", "--date", "2025-06-30", "--side", "x"); code != 2 {
		t.Errorf("ageing of side x: exit %d, want 2", code)
	}
}
