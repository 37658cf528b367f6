package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/store"
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

// TestDocumentFormSentTwice: the same new-document form sent twice (a
// double click, a resent request) makes one document; "save and post" sent
// twice posts it once. (An organisation of its own: the other documents
// tests count theirs.)
func TestDocumentFormSentTwice(t *testing.T) {
	f := books(t)
	ctx := context.Background()
	const org, email = "docs-twice", "twice@docs.example"
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Twice", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := func(kind ledger.AnalyticKind, code string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{RU: code}, Owner: owner}
		if err := f.app.CreateAnalytic(ctx, app.System, org, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	sup := an(ledger.Counterparty, "SUP", 0)
	an(ledger.Contract, "SUP-1", sup)
	an(ledger.Item, "FLOUR", 0)
	an(ledger.Warehouse, "WH", 0)
	if _, err := f.app.CreateUser(ctx, app.System, email, "Twice", password, "ru"); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, org, email, auth.Accountant); err != nil {
		t.Fatal(err)
	}
	base := "/o/" + org
	acc := f.login(t, email, "ru")
	res, body := acc.get(base + "/documents/new?type=supplier_invoice")
	m := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("the new form: %d, no key", res.StatusCode)
	}
	docID := regexp.MustCompile(`^/o/` + org + `/documents/([0-9]+)$`)
	made := func(res *http.Response) int64 {
		t.Helper()
		mm := docID.FindStringSubmatch(res.Header.Get("Location"))
		if res.StatusCode != http.StatusSeeOther || mm == nil {
			t.Fatalf("the form: %d to %q, want 303 to a document", res.StatusCode, res.Header.Get("Location"))
		}
		id, _ := strconv.ParseInt(mm[1], 10, 64)
		return id
	}
	for _, post := range []bool{false, true} {
		form := url.Values{"date": {"2026-02-12"}, "counterparty": {"SUP"}, "contract": {"SUP-1"}, "warehouse": {"WH"}, "lines": {"1"},
			"item0": {"FLOUR"}, "qty0": {"1"}, "price0": {"10,00"}, "vat0": {"15%"}, "key": {m[1] + strconv.FormatBool(post)}}
		if post {
			form.Set("post", "1")
		} else {
			form.Set("save", "1")
		}
		res1, _ := acc.post(base+"/documents/new?type=supplier_invoice", form, nil)
		first := made(res1)
		res2, _ := acc.post(base+"/documents/new?type=supplier_invoice", form, nil)
		if second := made(res2); second != first {
			t.Errorf("post %v: the form sent twice made documents %d and %d", post, first, second)
		}
		d, err := f.app.GetDocument(ctx, app.System, org, first)
		if err != nil {
			t.Fatal(err)
		}
		if post && (d.Status != doc.Posted || d.Version != 2) {
			t.Errorf("save and post sent twice: %s, version %d (posted once: 2)", d.Status, d.Version)
		}
		// The same key with other content is refused, and says so.
		form.Set("qty0", "7")
		if res3, body3 := acc.post(base+"/documents/new?type=supplier_invoice", form, nil); res3.StatusCode != http.StatusConflict || !strings.Contains(body3, "уже использован") {
			t.Errorf("the key with another document: %d", res3.StatusCode)
		}
	}
	if ds, _ := f.app.ListDocuments(ctx, app.System, org, store.DocumentFilter{From: ledger.NoDate, To: ledger.NoDate}); len(ds) != 2 {
		t.Errorf("%d documents, want 2", len(ds))
	}
}
