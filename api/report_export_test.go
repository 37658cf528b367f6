package api_test

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hasap/api"
	"hasap/app"
	"hasap/auth"
	"hasap/internal/apptest"
	"hasap/interop/xlsx"
	"hasap/ledger"
)

// TestReportExports: the trial balance and the balances answer JSON, or a
// file for ?format= or the Accept header, in the caller's language, named
// after the report and its period. The books: 26 Dt 80 Kt 1 150.00 on 2
// January, so the trial balance's totals are 1 150.00 on each side.
func TestReportExports(t *testing.T) {
	ctx := context.Background()
	a := apptest.New(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "exp", Name: "Eksport HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	e := ledger.Entry{Date: ledger.DateOf(2025, 1, 2), Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 115000}}}
	if _, err := a.Post(ctx, app.System, "exp", e); err != nil {
		t.Fatal(err)
	}
	// A customer owes 500.00 for a sale in February (after the trial
	// balance's January).
	cust := &ledger.Analytic{Kind: ledger.Counterparty, Code: "C1", Names: ledger.Names{EN: "Customer One", RU: "Покупатель 1"}}
	if err := a.CreateAnalytic(ctx, app.System, "exp", cust); err != nil {
		t.Fatal(err)
	}
	k := &ledger.Analytic{Kind: ledger.Contract, Code: "K1", Names: ledger.Names{EN: "Contract 1"}, Owner: cust.ID}
	if err := a.CreateAnalytic(ctx, app.System, "exp", k); err != nil {
		t.Fatal(err)
	}
	sale := ledger.Entry{Date: ledger.DateOf(2025, 2, 3), Description: "Sale", Postings: []ledger.Posting{{Debit: ledger.Side{Account: "62.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cust.ID, k.ID}}, Credit: ledger.Side{Account: "90.01"}, Amount: 50000}}}
	if _, err := a.Post(ctx, app.System, "exp", sale); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateUser(ctx, app.System, "viewer@exp.tm", "Viewer", "correct horse battery", "ru"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddMember(ctx, app.System, "exp", "viewer@exp.tm", auth.Accountant); err != nil {
		t.Fatal(err)
	}
	token, err := createToken(ctx, a, "viewer@exp.tm", "correct horse battery", "exp")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.Handler(a))
	defer srv.Close()
	get := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	tb := "/api/v1/orgs/exp/trial-balance?from=2025-01-01&to=2025-01-31&lang=ru"
	for _, c := range []struct {
		path, accept, ctype, file string
	}{
		{tb, "", "application/json; charset=utf-8", ""},
		{tb + "&format=json", "text/csv", "application/json; charset=utf-8", ""},
		{tb + "&format=csv", "", "text/csv; charset=utf-8", "trial-balance-2025-01-01-2025-01-31.csv"},
		{tb, "text/csv", "text/csv; charset=utf-8", "trial-balance-2025-01-01-2025-01-31.csv"},
		{tb + "&format=xlsx", "", xlsx.ContentType, "trial-balance-2025-01-01-2025-01-31.xlsx"},
		{tb, "application/pdf", "application/pdf", "trial-balance-2025-01-01-2025-01-31.pdf"},
		{"/api/v1/orgs/exp/balances?to=2025-01-31&format=xlsx&lang=ru", "", xlsx.ContentType, "balances-2025-01-31.xlsx"},
		{"/api/v1/orgs/exp/balances?format=csv&lang=en", "", "text/csv; charset=utf-8", "balances.csv"},
		{"/api/v1/orgs/exp/entries?from=2025-01-01&format=csv&lang=en", "", "text/csv; charset=utf-8", "journal-2025-01-01.csv"},
	} {
		res, body := get(c.path, c.accept)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != c.ctype {
			t.Errorf("%s (Accept %q): %d %s\n%s", c.path, c.accept, res.StatusCode, res.Header.Get("Content-Type"), body)
			continue
		}
		_, params, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if params["filename"] != c.file {
			t.Errorf("%s: file %q, want %q", c.path, params["filename"], c.file)
		}
		switch {
		case strings.HasSuffix(c.file, ".csv") && strings.Contains(c.path, "trial"):
			// Russian titles, the canonical numbers.
			if s := string(body); !strings.Contains(s, "Сальдо на начало: Дт") || !strings.Contains(s, "Итого,,,,1150.00,1150.00,1150.00,1150.00") {
				t.Errorf("trial balance CSV:\n%s", s)
			}
		case strings.HasSuffix(c.file, ".xlsx") && strings.Contains(c.path, "trial"):
			cells, err := xlsx.ReadCells(body)
			if err != nil {
				t.Fatal(err)
			}
			// The title, the three lines, a blank row, two header rows: 26 on row 8.
			if cells["A1"] != "Оборотно-сальдовая ведомость" || cells["A2"] != "Eksport HJ" || cells["A8"] != "26" || cells["E8"] != "1150.00" {
				t.Errorf("trial balance XLSX: %v", cells)
			}
		case strings.HasSuffix(c.file, ".xlsx"):
			cells, err := xlsx.ReadCells(body)
			if err != nil {
				t.Fatal(err)
			}
			// Title, organisation, date, blank, header: 26 on row 6 (1 150.00 Dt), 80 on 7 (Kt).
			if cells["A6"] != "26" || cells["C6"] != "TMT" || cells["D6"] != "1150.00" || cells["A7"] != "80" || cells["D7"] != "-1150.00" {
				t.Errorf("balances XLSX: %v", cells)
			}
		case strings.HasSuffix(c.file, ".pdf"):
			if !strings.HasPrefix(string(body), "%PDF-") {
				t.Errorf("not a PDF")
			}
			pdfHas(t, body, "Оборотно-сальдовая ведомость", "1 150,00")
		case strings.HasPrefix(c.file, "journal"):
			// Newest first: the sale of February, then the capital of January.
			if s := string(body); !strings.Contains(s, "2025-02-03,2025/2,Sale,,62.01 (C1 Customer One; K1 Contract 1),90.01,500.00") ||
				!strings.Contains(s, "2025-01-02,2025/1,,,26,80,1150.00") || !strings.Contains(s, "Total,,,,1650.00") {
				t.Errorf("journal CSV:\n%s", s)
			}
		case strings.HasSuffix(c.file, ".csv"):
			if s := string(body); !strings.Contains(s, "26,") || !strings.Contains(s, "TMT,1150.00") {
				t.Errorf("balances CSV:\n%s", s)
			}
		}
	}
	open := "/api/v1/orgs/exp/counterparties/" + strconv.FormatInt(int64(cust.ID), 10) + "/open-items?lang=en&format=xlsx"
	res, body := get(open, "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != xlsx.ContentType {
		t.Fatalf("%s: %d %s", open, res.StatusCode, body)
	}
	cells, err := xlsx.ReadCells(body)
	if err != nil {
		t.Fatal(err)
	}
	// Title, organisation, code, currency, blank, header (row 6), the
	// contract's heading (7), the sale (8), the balance (9).
	if cells["A1"] != "Open items: Customer One" || cells["B7"] != "Contract: Contract 1" || cells["A8"] != "45691" || cells["B8"] != "Sale" ||
		cells["C8"] != "Receivable" || cells["E8"] != "500.00" || cells["B9"] != "Balance" || cells["E9"] != "500.00" {
		t.Errorf("open items XLSX: %v", cells)
	}
	if res, body := get(tb+"&format=html", ""); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("format=html: %d %s", res.StatusCode, body)
	}
}

// pdfHas reads a PDF with pdftotext (when installed, or required) and
// checks it has each text.
func pdfHas(t *testing.T, pdf []byte, texts ...string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
		}
		return
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		if !strings.Contains(string(out), s) {
			t.Errorf("the PDF lacks %q:\n%s", s, out)
		}
	}
}
