package web_test

import (
	"context"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/interop/xlsx"
	"hasap/ledger"
)

const exportOrg = "export-web"

// buildExportBooks is an organisation of the export tests' own: a
// customer's act of 1 000.00 + VAT 150.00 on 1 March 2026 and a cash
// receipt of 400.00 from it on 2 March, so 750.00 stays open. Its viewer
// reads in Russian.
func buildExportBooks(t *testing.T) (f *fixture, cust ledger.AnalyticID) {
	t.Helper()
	f = books(t)
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: exportOrg, Name: "Eksport Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, exportOrg)
	cust = an(ledger.Counterparty, "BAZAR", ledger.Names{RU: "ООО «Базар»", TK: "Bazar HJ", EN: "Bazar LLC"}, 0)
	k := an(ledger.Contract, "B-1", ledger.Names{RU: "Договор 1", TK: "Şertnama 1", EN: "Contract 1"}, cust)
	cf := an(ledger.CashFlowItem, "CF", ledger.Names{RU: "Расчёты", TK: "Hasaplaşyklar", EN: "Settlements"}, 0)
	for _, d := range []doc.Document{
		{Type: doc.Act, Date: ledger.DateOf(2026, 3, 1), Refs: doc.Refs{Counterparty: cust, Contract: k}, Lines: []doc.Line{{Service: true, Amount: 1000_00}}},
		{Type: doc.CashReceipt, Date: ledger.DateOf(2026, 3, 2), Refs: doc.Refs{Counterparty: cust, Contract: k, CashFlow: cf}, Lines: []doc.Line{{Amount: 400_00}}},
	} {
		x, err := f.app.CreateDocument(ctx, app.System, exportOrg, d)
		if err == nil {
			_, _, err = f.app.PostDocument(ctx, app.System, exportOrg, x.ID, x.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	addMember(t, ctx, f.app, exportOrg, "viewer@export.example", "Viewer", auth.Viewer)
	return f, cust
}

// TestReportExports: each report page links its three files and answers
// ?format=xlsx|csv|pdf with the report in the user's language, named after
// the report and its period; the files read back with the page's figures.
// Another organisation's user gets 404.
func TestReportExports(t *testing.T) {
	f, cust := buildExportBooks(t)
	base := "/o/" + exportOrg
	viewer := f.login(t, "viewer@export.example", "ru")
	pages := []struct {
		path, file string
		head       string   // the title, in the XLSX and the PDF (a CSV is the table alone)
		want       []string // in every format's text (numbers as exportText leaves them)
	}{
		// The act posts 62.01 Dt 90.01 Kt 1 150.00 and 90.03 Dt 68.02 Kt 150.00; the receipt 50.01 Dt 62.01 Kt 400.00.
		{base + "/accounts/50.01/card?from=2026-03-01&to=2026-03-31", "account-card-50.01-2026-03-01-2026-03-31", "Карточка счёта 50.01", []string{"Приходный кассовый ордер № 1", "62.01 (BAZAR", "400"}},
		{base + "/journal?from=2026-03-01&to=2026-03-31", "journal-2026-03-01-2026-03-31", "Журнал", []string{"62.01 (BAZAR ООО «Базар»; B-1 Договор 1)", "1150", "400", "1700"}},
		{base + "/cashbook?account=50.01&date=2026-03-02", "cash-book-50.01-2026-03-02", "Кассовая книга 50.01", []string{"Остаток на начало дня", "ООО «Базар»", "400"}},
		{base + "/settlements", "counterparty-balances", "Расчёты с контрагентами", []string{"ООО «Базар»", "750"}},
		{base + "/settlements/" + strconv.FormatInt(int64(cust), 10), "open-items-BAZAR", "Незакрытые позиции", []string{"Договор: Договор 1", "Акт выполненных работ № 1", "1150", "750"}},
		// The statements, through the shared downloads part: at 31 March receivables 1230 750.00, cash
		// 1250 400.00, 1600 1 150.00 against 0 at the end of February (a difference, no percent); the
		// March P&L's revenue 2110 1 000.00 (1 150.00 − VAT 150.00); the changes in equity of March:
		// retained earnings 3350 moved by the profit, 1 000.00.
		{base + "/statements/balance-sheet?period=2026-03&compare=prev-month", "balance-sheet-2026-03", "Бухгалтерский баланс", []string{"1230", "750", "1250", "400", "1600", "1150", "Разница"}},
		{base + "/statements/pnl?period=2026-03&compare=prev-month", "pnl-2026-03", "Отчёт о финансовых результатах", []string{"2110", "1000", "Разница"}},
		{base + "/statements/equity?period=2026-03", "equity-2026-03", "Отчёт об изменениях капитала", []string{"3350", "Нераспределённая прибыль", "1000"}},
	}
	for _, pg := range pages {
		res, body := viewer.get(pg.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", pg.path, res.StatusCode)
		}
		if !strings.Contains(body, `class="downloads"`) || !strings.Contains(body, "format=xlsx") || !strings.Contains(body, "Скачать:") {
			t.Errorf("%s has no download links", pg.path)
		}
		for _, format := range []string{"xlsx", "csv", "pdf"} {
			u := pg.path + sep(pg.path) + "format=" + format
			res, body := viewer.get(u)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d\n%.300s", u, res.StatusCode, body)
				continue
			}
			ctype := map[string]string{"xlsx": xlsx.ContentType, "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}[format]
			if got := res.Header.Get("Content-Type"); got != ctype {
				t.Errorf("%s: Content-Type %s", u, got)
			}
			_, params, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			if params["filename"] != pg.file+"."+format {
				t.Errorf("%s: file %q, want %q", u, params["filename"], pg.file+"."+format)
			}
			text, ok := exportText(t, format, []byte(body))
			if !ok {
				continue
			}
			want := pg.want
			if format != "csv" {
				want = append([]string{pg.head, "Eksport Söwda HJ"}, want...)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q:\n%s", u, w, text)
				}
			}
		}
	}
	// Another organisation's user.
	outsider := f.login(t, acmeUser, "en")
	for _, pg := range pages {
		if res, body := outsider.get(pg.path + sep(pg.path) + "format=xlsx"); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Базар") {
			t.Errorf("another organisation's user, %s: %d", pg.path, res.StatusCode)
		}
	}
	// In Turkmen, the titles are Turkmen.
	tk := f.login(t, "viewer@export.example", "tk")
	if res, body := tk.get(base + "/settlements?format=csv"); res.StatusCode != http.StatusOK || !strings.Contains(body, "Bazar HJ") || strings.Contains(body, "Расчёты") {
		t.Errorf("Turkmen CSV: %d\n%s", res.StatusCode, body)
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

// exportText is a file's text to look for words in: the CSV as it is,
// the workbook's cells, the PDF's text by pdftotext. Numbers lose their
// grouping and decimals' separators' differences by being looked for
// without decimals ("1150" is in "1150.00" and in "1 150,00" once spaces
// are taken out). ok is false when pdftotext is missing (and allowed to be).
func exportText(t *testing.T, format string, b []byte) (string, bool) {
	t.Helper()
	switch format {
	case "xlsx":
		cells, err := xlsx.ReadCells(b)
		if err != nil {
			t.Fatal(err)
		}
		var vs []string
		for _, v := range cells {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		return strings.Join(vs, "|"), true
	case "pdf":
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
				t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
			}
			return "", false
		}
		file := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// "1 150,00" → "1150,00", keeping the words' spaces elsewhere.
		s := strings.ReplaceAll(string(out), "\u00a0", " ")
		var sb strings.Builder
		for i, r := range s {
			if r == ' ' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
				continue
			}
			sb.WriteRune(r)
		}
		return sb.String(), true
	}
	return string(b), true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
