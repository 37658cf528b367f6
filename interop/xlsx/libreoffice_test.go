package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hasap/money"
	"hasap/report/sheet"
)

// bigTB is a trial balance of 40 accounts, each with two sub-accounts,
// over two pages: account k has an opening debit of k·1 000.00 (split
// 600/400 per cent between its sub-accounts) and a turnover of k·10.01 on
// both sides, so the totals are 820 000.00 (1+…+40 = 820) opening and
// closing, 8 208.20 turnover.
func bigTB() *sheet.Sheet {
	s := &sheet.Sheet{
		Name:      "trial-balance",
		Title:     "Оборотно-сальдовая ведомость",
		Lines:     []string{"Hasap Demo", "01.01.2026 – 31.01.2026, TMT"},
		Landscape: true,
		Columns: []sheet.Column{
			{Title: "Счёт", Kind: sheet.Text},
			{Title: "Наименование", Kind: sheet.Text},
			{Title: "Дебет", Group: "Сальдо на начало периода", Kind: sheet.Money, Exp: 2},
			{Title: "Кредит", Group: "Сальдо на начало периода", Kind: sheet.Money, Exp: 2},
			{Title: "Дебет", Group: "Обороты за период", Kind: sheet.Money, Exp: 2},
			{Title: "Кредит", Group: "Обороты за период", Kind: sheet.Money, Exp: 2},
			{Title: "Дебет", Group: "Сальдо на конец периода", Kind: sheet.Money, Exp: 2},
			{Title: "Кредит", Group: "Сальдо на конец периода", Kind: sheet.Money, Exp: 2},
		},
	}
	var open, turn money.Amount
	for k := int64(1); k <= 40; k++ {
		o, t := money.Amount(k*100000), money.Amount(k*1001)
		open += o
		turn += t
		code := fmt.Sprintf("%02d", 10+k)
		s.Add(sheet.Subtotal, 0, sheet.T(code), sheet.T("Счёт номер "+code+" (синтетический)"), sheet.M(o), sheet.NZ(0), sheet.NZ(t), sheet.NZ(t), sheet.M(o), sheet.NZ(0))
		s.Add(sheet.Plain, 1, sheet.T(code+".01"), sheet.T("Первый субсчёт"), sheet.M(o*6/10), sheet.NZ(0), sheet.NZ(t), sheet.NZ(0), sheet.M(o*6/10+t), sheet.NZ(0))
		s.Add(sheet.Plain, 1, sheet.T(code+".02"), sheet.T("Второй субсчёт"), sheet.M(o*4/10), sheet.NZ(0), sheet.NZ(0), sheet.NZ(t), sheet.M(o*4/10-t), sheet.NZ(0))
	}
	s.Add(sheet.Total, 0, sheet.T("Итого"), sheet.T(""), sheet.M(open), sheet.M(open), sheet.M(turn), sheet.M(turn), sheet.M(open), sheet.M(open))
	return s
}

// office finds LibreOffice, or skips (fails when HASAP_REQUIRE_TOOLS=1).
func office(t *testing.T) (soffice, pdftotext string) {
	t.Helper()
	for _, n := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(n); err == nil {
			soffice = p
			break
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if soffice == "" || err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no libreoffice or pdftotext (apt-get install libreoffice-calc-nogui poppler-utils)")
		}
		t.Skip("libreoffice or pdftotext not installed")
	}
	return soffice, pdftotext
}

// TestLibreOfficeOpens converts a trial balance's workbook to PDF with
// LibreOffice and reads the totals back from the PDF's text. With
// HASAP_XLSX_KEEP=dir it leaves the .xlsx and .pdf there to look at.
func TestLibreOfficeOpens(t *testing.T) {
	soffice, pdftotext := office(t)
	dir := t.TempDir()
	if keep := os.Getenv("HASAP_XLSX_KEEP"); keep != "" {
		dir = keep
	}
	var b bytes.Buffer
	if err := Write(&b, bigTB(), money.Russian); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "tb.xlsx")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A guard against a hung converter, not a timing: LibreOffice's first
	// start makes its profile, which takes a while on a busy machine.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "tb.pdf")
	out, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))
	for _, want := range []string{"Оборотно-сальдовая ведомость", "Сальдо на начало периода", "Итого", "50.02"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q", want)
		}
	}
	// The totals, in whichever number style LibreOffice's locale writes.
	for _, n := range [][]string{{"820,000.00", "820 000,00", "820 000.00"}, {"8,208.20", "8 208,20", "8 208.20"}} {
		found := false
		for _, v := range n {
			found = found || strings.Contains(text, v)
		}
		if !found {
			t.Errorf("the PDF has no total %s:\n%s", n[0], text)
		}
	}
	if pages := strings.Count(text, "\f"); pages < 2 {
		t.Errorf("the PDF has %d pages, want the 121 rows over two or more", pages)
	}
	if !strings.Contains(text, "Сальдо на начало периода") || strings.Count(text, "Сальдо на начало периода") < 2 {
		t.Errorf("the header is not repeated on the second page")
	}
}
