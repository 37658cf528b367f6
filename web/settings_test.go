package web_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// The settings tests' own organisation, so that nothing else they do
// shows on the other tests' pages.
const (
	setOrg        = "settings-web"
	setOwner      = "owner@settings.example"
	setChief      = "chief@settings.example"
	setAccountant = "accountant@settings.example"
	setViewer     = "viewer@settings.example"
)

var setOnce sync.Map // *fixture → true

// settingsBooks adds the settings tests' organisation (cis chart, a
// customer with a contract, a service) and a member of each role they
// need to the shared books, once.
func settingsBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	if _, done := setOnce.Load(f); done {
		return f
	}
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: setOrg, Name: "Sazlama", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	cust := ledger.Analytic{Kind: ledger.Counterparty, Code: "CUST", Names: ledger.Names{TK: "Täze Bazar", RU: "Тязе Базар", EN: "Taze Bazar"}}
	if err := f.app.CreateAnalytic(ctx, app.System, setOrg, &cust); err != nil {
		t.Fatal(err)
	}
	for _, x := range []ledger.Analytic{
		{Kind: ledger.Contract, Code: "CUST-1", Names: ledger.Names{RU: "Договор 1"}, Owner: cust.ID},
		{Kind: ledger.Item, Code: "AUDIT", Names: ledger.Names{TK: "Barlag", RU: "Аудит", EN: "Audit"}},
	} {
		if err := f.app.CreateAnalytic(ctx, app.System, setOrg, &x); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []struct {
		email, lang string
		role        auth.Role
	}{{setOwner, "tk", auth.Owner}, {setChief, "ru", auth.ChiefAccountant}, {setAccountant, "ru", auth.Accountant}, {setViewer, "en", auth.Viewer}} {
		if _, err := f.app.CreateUser(ctx, app.System, u.email, "Settings "+string(u.role), password, u.lang); err != nil {
			t.Fatal(err)
		}
		if err := f.app.AddMember(ctx, app.System, setOrg, u.email, u.role); err != nil {
			t.Fatal(err)
		}
	}
	setOnce.Store(f, true)
	return f
}

// TestPrintedFormDetails: an act of this organisation prints its details
// (legal name, tax id, address, bank, account, bank code) and the names
// of its director and chief accountant at their signature lines, in the
// HTML print view and in the PDF.
func TestPrintedFormDetails(t *testing.T) {
	f := settingsBooks(t)
	ctx := context.Background()
	s, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if err != nil {
		t.Fatal(err)
	}
	s.Details = app.OrgDetails{LegalName: "«Sazlama» hojalyk jemgyýeti", TaxID: "101234567890", Address: "Aşgabat ş., Görogly köç., 45",
		BankName: "«Türkmenistan» DTB", BankAccount: "TM12 3456 7890 1234 5678 90", BankCode: "390101201",
		Director: "Annaýew A. B.", ChiefAccountant: "Иванова И. И.", Cashier: "Berdiýewa G."}
	if s.Version == 0 {
		if _, err := f.app.SaveOrgSettings(ctx, app.System, setOrg, s); err != nil {
			t.Fatal(err)
		}
	}
	cust, _ := f.app.AnalyticByCode(ctx, app.System, setOrg, ledger.Counterparty, "CUST")
	audit, _ := f.app.AnalyticByCode(ctx, app.System, setOrg, ledger.Item, "AUDIT")
	d, err := f.app.CreateDocument(ctx, app.System, setOrg, doc.Document{Type: doc.Act, Date: ledger.DateOf(2026, 2, 11),
		Refs: doc.Refs{Counterparty: cust.ID}, Lines: []doc.Line{{Refs: doc.Refs{Item: audit.ID}, Service: true, Amount: 100000}}})
	if err != nil {
		t.Fatal(err)
	}
	u := "/o/" + setOrg + "/documents/" + strconv.FormatInt(d.ID, 10)
	c := f.login(t, setViewer, "ru")
	want := []string{"«Sazlama» hojalyk jemgyýeti", "101234567890", "Aşgabat ş., Görogly köç., 45", "«Türkmenistan» DTB",
		"TM12 3456 7890 1234 5678 90", "390101201", "Annaýew A. B.", "Иванова И. И.", "Руководитель", "Главный бухгалтер"}
	res, body := c.get(u + "/print")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("print: %d", res.StatusCode)
	}
	body = strings.NewReplacer("&#34;", `"`, "&laquo;", "«", "&raquo;", "»").Replace(body)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the print view lacks %q", w)
		}
	}
	if strings.Contains(body, ">Sazlama<") {
		t.Errorf("the print view shows the short name, not the legal one")
	}
	res, pdf := c.get(u + "/pdf")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("pdf: %d", res.StatusCode)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("no pdftotext to read the PDF back")
	}
	in := filepath.Join(t.TempDir(), "act.pdf")
	if err := os.WriteFile(in, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q:\n%s", w, text)
		}
	}
}
