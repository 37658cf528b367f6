package printform

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hasap/money"
	"hasap/report/sheet"
)

// tbSheet is a trial balance of n accounts with a sub-account each:
// account k opens with k·100.00 on the debit side and turns over k·1.01
// on both, so the totals are n(n+1)/2·100.00 and n(n+1)/2·1.01.
func tbSheet(n int, landscape bool) *sheet.Sheet {
	s := &sheet.Sheet{
		Name:      "trial-balance",
		Title:     "Оборотно-сальдовая ведомость",
		Lines:     []string{"ХО «Ак Ёл»", "01.01.2026 – 31.01.2026, TMT"},
		Landscape: landscape,
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
	for k := 1; k <= n; k++ {
		o, t := money.Amount(k*10000), money.Amount(k*101)
		open += o
		turn += t
		code := fmt.Sprintf("%d", 100+k)
		s.Add(sheet.Subtotal, 0, sheet.T(code), sheet.T("Счёт "+code), sheet.M(o), sheet.NZ(0), sheet.NZ(t), sheet.NZ(t), sheet.M(o), sheet.NZ(0))
		s.Add(sheet.Plain, 1, sheet.T(code+".01"), sheet.T("Субсчёт с довольно длинным названием, которое может не поместиться"), sheet.M(o), sheet.NZ(0), sheet.NZ(t), sheet.NZ(t), sheet.M(o), sheet.NZ(0))
	}
	s.Add(sheet.Total, 0, sheet.T("Итого"), sheet.T(""), sheet.M(open), sheet.M(open), sheet.M(turn), sheet.M(turn), sheet.M(open), sheet.M(open))
	return s
}

func sheetPDF(t testing.TB, s *sheet.Sheet, loc money.Locale) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SheetPDF(&b, s, loc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSheetPDFIsDeterministic(t *testing.T) {
	a, b := sheetPDF(t, tbSheet(30, true), money.Russian), sheetPDF(t, tbSheet(30, true), money.Russian)
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatal("two PDFs of one sheet differ, or are not PDFs")
	}
}

func TestSheetPDFRefusesABadSheet(t *testing.T) {
	s := tbSheet(1, false)
	s.Rows[0].Cells[2] = sheet.T("x")
	if err := SheetPDF(&bytes.Buffer{}, s, money.Russian); err == nil {
		t.Fatal("a text in a money column was printed")
	}
}

// TestSheetPDFText reads a long trial balance back with pdftotext, on
// portrait and landscape pages: every page has the header's groups and its
// number, the amounts are in the Russian style, the totals on the last.
// With HASAP_SHEET_PDF=dir it leaves the PDFs there to look at.
func TestSheetPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is not installed (Debian: poppler-utils) and HASAP_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext is not installed (Debian: poppler-utils)")
	}
	dir := t.TempDir()
	if keep := os.Getenv("HASAP_SHEET_PDF"); keep != "" {
		dir = keep
	}
	for _, landscape := range []bool{false, true} {
		name := fmt.Sprintf("tb-landscape-%v", landscape)
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name+".pdf")
			// 80 accounts: 1+…+80 = 3 240, so 324 000,00 and 3 272,40.
			if err := os.WriteFile(file, sheetPDF(t, tbSheet(80, landscape), money.Russian), 0o644); err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, file)
			if len(pages) < 3 {
				t.Fatalf("161 rows on %d pages", len(pages))
			}
			for i, p := range pages {
				for _, want := range []string{"Сальдо на", "Обороты", "Кредит", fmt.Sprintf("%d/%d", i+1, len(pages))} {
					if !strings.Contains(p, want) {
						t.Errorf("page %d lacks %q", i+1, want)
					}
				}
			}
			all := strings.Join(pages, "\n")
			for k := 1; k <= 80; k++ {
				if !strings.Contains(all, fmt.Sprintf("%d.01", 100+k)) {
					t.Errorf("account %d.01 is missing", 100+k)
				}
			}
			last := pages[len(pages)-1]
			for _, want := range []string{"Итого", "324 000,00", "3 272,40"} {
				if !strings.Contains(strings.ReplaceAll(last, "\u00a0", " "), want) {
					t.Errorf("the last page lacks %q:\n%s", want, last)
				}
			}
			if !strings.Contains(pages[0], "ХО «Ак Ёл»") {
				t.Errorf("the first page lacks the organisation")
			}
		})
	}
}

// TestSheetPDFNarrowColumns: twenty money columns do not fit a portrait
// page at the normal size; the font shrinks, the text wraps, every amount
// is still printed whole.
func TestSheetPDFNarrowColumns(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is not installed (Debian: poppler-utils) and HASAP_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext is not installed (Debian: poppler-utils)")
	}
	s := &sheet.Sheet{Name: "wide", Title: "Wide", Columns: []sheet.Column{{Title: "Name", Kind: sheet.Text}}}
	for i := 0; i < 12; i++ {
		s.Columns = append(s.Columns, sheet.Column{Title: fmt.Sprintf("M%d", i), Kind: sheet.Money, Exp: 2})
	}
	cells := []sheet.Cell{sheet.T(strings.Repeat("word ", 30))}
	for i := 0; i < 12; i++ {
		cells = append(cells, sheet.M(money.Amount(123456789+i)))
	}
	s.Add(sheet.Plain, 0, cells...)
	sw := newSheetWriter(s, money.English)
	sw.layout()
	if sw.pt >= sheetPt {
		t.Errorf("the font did not shrink: %v pt", sw.pt)
	}
	for j, c := range s.Columns {
		sw.font(false, sw.pt)
		if w := sw.pdf.GetStringWidth(sw.text[0][j]) + 2*cellPad; c.Numeric() && w > sw.wd[j] {
			t.Errorf("column %d is %.1f mm wide, its amount needs %.1f", j, sw.wd[j], w)
		}
	}
	dir := t.TempDir()
	if keep := os.Getenv("HASAP_SHEET_PDF"); keep != "" {
		dir = keep
	}
	file := filepath.Join(dir, "wide.pdf")
	if err := os.WriteFile(file, sheetPDF(t, s, money.English), 0o644); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(pdfPages(t, file), "\n")
	for i := 0; i < 12; i++ {
		if want := money.Format(money.Amount(123456789+i), 2, money.English); !strings.Contains(all, want) {
			t.Errorf("amount %s is cut or missing:\n%s", want, all)
		}
	}
}

// FuzzSheetPDF: any texts, levels and styles print without an error or a
// panic (a text over MaxText is left to the limits).
func FuzzSheetPDF(f *testing.F) {
	f.Add("Оборотно-сальдовая ведомость", "62.01 Покупатели", "Сальдо", int64(115000), 1, uint8(0), true)
	f.Add(hostile, "😀漢字\x00\t\r\n\u200b", "", int64(-1<<63), -5, uint8(255), false)
	f.Add("\xff\xfe", strings.Repeat("длинноеслово", 40), strings.Repeat("x ", 300), int64(1), 1000, uint8(2), true)
	f.Fuzz(func(t *testing.T, title, text, group string, n int64, level int, style uint8, landscape bool) {
		if len(title)+len(text)+len(group) > 3000 {
			t.Skip()
		}
		s := &sheet.Sheet{
			Name: "fuzz", Title: title, Lines: []string{text, group}, Landscape: landscape,
			Columns: []sheet.Column{
				{Title: text, Kind: sheet.Text},
				{Title: group, Group: group, Kind: sheet.Money, Exp: int(uint8(n) % 5)},
				{Title: title, Group: group, Kind: sheet.Qty},
				{Title: "d", Kind: sheet.Date},
			},
		}
		for i := 0; i < int(style%8)+1; i++ {
			s.Add(sheet.Style(style%4), level, sheet.T(text), sheet.M(money.Amount(n)), sheet.NZ(money.Amount(n)), sheet.T("2026-01-31"))
		}
		var b bytes.Buffer
		if err := SheetPDF(&b, s, money.Turkmen); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
	})
}

// BenchmarkSheetPDF prints a trial balance of 400 accounts with a
// sub-account each (801 rows, landscape).
func BenchmarkSheetPDF(b *testing.B) {
	s := tbSheet(400, true)
	for b.Loop() {
		if err := SheetPDF(io.Discard, s, money.Russian); err != nil {
			b.Fatal(err)
		}
	}
}
