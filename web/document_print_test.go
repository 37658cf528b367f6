package web_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDocumentPrint: an invoice prints as an HTML page and as a PDF, in
// the page's language or another one, with its lines, totals and the
// amount in words; a viewer may print; another organisation's user may
// not.
func TestDocumentPrint(t *testing.T) {
	f := docsBooks(t)
	base := "/o/" + docsOrg
	clerk := f.login(t, docsClerk, "ru")
	// A draft waybill (a waybill, so that the other tests' counts of
	// invoices and acts stay theirs): 2 × 100.00 + VAT 30.00.
	form := url.Values{"date": {"2026-02-11"}, "counterparty": {"CUST"}, "contract": {"CUST-1"}, "warehouse": {"WH"}, "lines": {"3"},
		"item0": {"FLOUR"}, "qty0": {"2"}, "price0": {"100,00"}, "vat0": {"15%"}, "vat1": {"15%"}, "vat2": {"15%"}, "save": {"1"}}
	res, body := clerk.post(base+"/documents/new?type=waybill", form, nil)
	id := created(t, res, body)
	u := base + "/documents/" + strconv.FormatInt(id, 10)

	if _, page := clerk.get(u); !strings.Contains(page, `href="`+u+`/print"`) || !strings.Contains(page, `href="`+u+`/pdf"`) {
		t.Fatalf("the document's page offers no print")
	}
	viewer := f.login(t, docsViewer, "tk")
	for _, c := range []struct {
		who  *client
		path string
		want []string
	}{
		{clerk, u + "/print", []string{"Мука пшеничная", "Тязе Базар", "Docs Söwda", "Договор продажи 1", "200,00", "30,00", "230,00", "Двести тридцать манатов 00 тенге", "Руководитель"}},
		{viewer, u + "/print", []string{"Täze Bazar", "230,00", "Iki ýüz otuz manat 00 teňňe"}},
		{clerk, u + "/print?lang=en", []string{"Taze Bazar", "230.00", "Two hundred thirty manat 00 tenge"}},
	} {
		res, body := c.who.get(c.path)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", c.path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", c.path, w)
			}
		}
	}
	res, pdf := clerk.get(u + "/pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(pdf, "%PDF-") || !strings.Contains(res.Header.Get("Content-Disposition"), "waybill-2026-") {
		t.Fatalf("the PDF: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	// Its text, read back, when pdftotext is there (CI installs it).
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		dir := t.TempDir()
		in := filepath.Join(dir, "waybill.pdf")
		if err := os.WriteFile(in, []byte(pdf), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool, "-layout", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Тязе Базар", "230,00", "Двести тридцать манатов 00 тенге"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("the PDF's text lacks %q", w)
			}
		}
	} else if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
		t.Fatal("HASAP_REQUIRE_TOOLS=1 but there is no pdftotext (apt-get install poppler-utils)")
	}
	// Another organisation's user: 404, for the page and the PDF.
	outsider := f.login(t, acmeUser, "en")
	for _, p := range []string{u + "/print", u + "/pdf"} {
		if res, body := outsider.get(p); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Тязе") {
			t.Errorf("another organisation's user, %s: %d", p, res.StatusCode)
		}
	}
}
