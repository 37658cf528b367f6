package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
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
	addMembers(t, f.app, setOrg, "Settings", []member{{setOwner, "tk", auth.Owner}, {setChief, "ru", auth.ChiefAccountant}, {setAccountant, "ru", auth.Accountant}, {setViewer, "en", auth.Viewer}})
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

// TestSettingsPage: every member reads the settings, in their language;
// only the owner and the chief accountant have the page in the menu and a
// form that saves; a bad field is marked with its error and saves
// nothing; a save over someone else's is refused; a good save shows on
// the page, in the audit log and in the next posting.
func TestSettingsPage(t *testing.T) {
	f := settingsBooks(t)
	ctx := context.Background()
	u := "/o/" + setOrg + "/settings"
	link := `href="` + u + `"`

	viewer := f.login(t, setViewer, "en")
	res, body := viewer.get(u)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Organisation settings") || !strings.Contains(body, "Revenue") {
		t.Fatalf("viewer: %d\n%s", res.StatusCode, clip(body))
	}
	if strings.Contains(body, "Save the settings") || !strings.Contains(body, "readonly") || strings.Contains(body, link+">") {
		t.Errorf("the viewer's page offers a save or a menu link")
	}
	if len(body) > 50<<10 {
		t.Errorf("the page is %d bytes", len(body))
	}
	for _, c := range []struct{ email, lang, want string }{
		{setOwner, "tk", "Guramanyň sazlamalary"}, {setChief, "ru", "Настройки организации"},
	} {
		_, body := f.login(t, c.email, c.lang).get(u)
		for _, w := range []string{c.want, link + ` aria-current="page"`, `name="posting.Sales.Revenue"`, `name="tax_id"`, `name="version"`, `list="accounts-list"`} {
			if !strings.Contains(body, w) {
				t.Errorf("%s (%s): the page lacks %q", c.email, c.lang, w)
			}
		}
	}

	chief := f.login(t, setChief, "ru")
	st, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if err != nil {
		t.Fatal(err)
	}
	form := func(version int64) url.Values {
		return url.Values{"version": {strconv.FormatInt(version, 10)}, "legal_name": {"«Sazlama» HJ"}, "tax_id": {"101234567890"},
			"address": {"Aşgabat"}, "bank_account": {"TM12 3456"}, "director": {"Annaýew A. B."}, "chief_accountant": {"Иванова И. И."},
			"cashier": {"Berdiýewa G."}, "posting.DefaultVAT": {"15%"}, "posting.VATRounding": {"line"}, "posting.Purchases.OffsetVAT": {"1"},
			"posting.Sales.Revenue": {"90.01"}, "posting.Purchases.Capital": {"08"}}
	}

	// Bad fields: each marked, in Russian; nothing saved.
	bad := form(st.Version)
	bad.Set("tax_id", "ИНН 1234")
	bad.Set("posting.Sales.Revenue", "99.99")
	bad.Set("posting.Sales.Cost", "90")
	res, body = chief.post(u, bad, nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad settings: %d, want 422\n%s", res.StatusCode, clip(body))
	}
	for _, w := range []string{"Исправьте отмеченные поля", "только цифры, латинские буквы", "счёт 99.99 не существует", "у счёта 90 есть субсчета", `value="99.99"`} {
		if !strings.Contains(html.UnescapeString(body), w) {
			t.Errorf("the refused form lacks %q", w)
		}
	}
	if after, _ := f.app.OrgSettings(ctx, app.System, setOrg); after.Version != st.Version {
		t.Fatalf("refused settings were saved: version %d → %d", st.Version, after.Version)
	}

	// An accountant may not save.
	if res, _ := f.login(t, setAccountant, "ru").post(u, form(st.Version), nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("an accountant saves: %d, want 403", res.StatusCode)
	}

	// A good save: back to the page, which says so and shows it.
	good := form(st.Version)
	good.Set("posting.Sales.Revenue", "90.01")
	good.Set("phone", "+993 12 34-56-78")
	res, _ = chief.post(u, good, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != u+"?saved=1" {
		t.Fatalf("good settings: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = chief.get(u + "?saved=1")
	for _, w := range []string{"Настройки сохранены", `value="+993 12 34-56-78"`, "Berdiýewa G.", setChief} {
		if !strings.Contains(html.UnescapeString(body), w) {
			t.Errorf("the saved page lacks %q", w)
		}
	}
	saved, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if err != nil || saved.Version != st.Version+1 || saved.Details.Phone != "+993 12 34-56-78" || !saved.PostingSaved {
		t.Fatalf("saved: %+v, %v", saved, err)
	}
	// What the form does not show stays: the other accounts keep theirs.
	if saved.Posting.Sales.Receivable != "62.01" || saved.Posting.Bank != "51" {
		t.Errorf("accounts not on the form changed: %+v", saved.Posting)
	}

	// The form read before that save is stale now.
	res, body = chief.post(u, form(st.Version), nil)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Тем временем настройки сохранил кто-то другой") {
		t.Errorf("a stale save: %d\n%s", res.StatusCode, clip(body))
	}

	ev, err := f.app.Audit(ctx, app.System, setOrg, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var audited bool
	for _, e := range ev {
		audited = audited || (e.Action == app.ActSettings && strings.Contains(e.Detail, "phone"))
	}
	if !audited {
		t.Errorf("no audit event of the save in %+v", ev)
	}
}

// TestSettingsClosing: the settings page shows the profit tax rate as a
// percentage and the accounts not revalued in the close's fieldset; a bad
// rate or an unknown account is marked at its field in the user's
// language, as typed, and saves nothing; a good save shows again as
// saved; a form without the two fields keeps them.
func TestSettingsClosing(t *testing.T) {
	f := settingsBooks(t)
	ctx := context.Background()
	u := "/o/" + setOrg + "/settings"
	chief := f.login(t, setChief, "ru")
	st, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if err != nil {
		t.Fatal(err)
	}
	_, body := chief.get(u)
	body = html.UnescapeString(body)
	for _, w := range []string{"Закрытие месяца и года", "Ставка налога на прибыль, в процентах", `name="posting.Closing.ProfitTaxRate" value="8"`,
		"Счета без переоценки", `name="posting.Closing.NotRevalued" value="60.22, 62.22"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	// The form as stored, with the closing choices given.
	form := func(version int64, rate, notRevalued string) url.Values {
		d, p := st.Details, st.Posting
		v := url.Values{"version": {strconv.FormatInt(version, 10)}, "legal_name": {d.LegalName}, "tax_id": {d.TaxID}, "address": {d.Address},
			"phone": {d.Phone}, "bank_name": {d.BankName}, "bank_account": {d.BankAccount}, "bank_code": {d.BankCode}, "director": {d.Director},
			"chief_accountant": {d.ChiefAccountant}, "cashier": {d.Cashier}, "posting.DefaultVAT": {string(p.DefaultVAT)},
			"posting.VATRounding": {string(p.VATRounding)}, "posting.Purchases.Capital": {strings.Join(p.Purchases.Capital, ",")}}
		if p.Purchases.OffsetVAT {
			v.Set("posting.Purchases.OffsetVAT", "1")
		}
		if p.VATOnAdvances {
			v.Set("posting.VATOnAdvances", "1")
		}
		if rate != "-" {
			v.Set("posting.Closing.ProfitTaxRate", rate)
		}
		if notRevalued != "-" {
			v.Set("posting.Closing.NotRevalued", notRevalued)
		}
		return v
	}
	for _, c := range []struct{ rate, notRevalued, want, typed string }{
		{"-5", "60.22", "ставка налога на прибыль -5 % отрицательная", `value="-5"`},
		{"120", "60.22", "ставка налога на прибыль 120 % больше 100 %", `value="120"`},
		{"8,125", "60.22", "у ставки налога на прибыль 8,125 % больше двух знаков после запятой", `value="8,125"`},
		{"восемь", "60.22", "ставка налога на прибыль \"восемь\" — не число", `value="восемь"`},
		{"8", "60.22, 99.99", "счёт 99.99 не существует", `value="60.22, 99.99"`},
		{"8", "62", "у счёта 62 есть субсчета", `value="62"`},
	} {
		res, body := chief.post(u, form(st.Version, c.rate, c.notRevalued), nil)
		body = html.UnescapeString(body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, c.typed) ||
			!strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("rate %q, not revalued %q: %d, want 422 with %q and %s", c.rate, c.notRevalued, res.StatusCode, c.want, c.typed)
		}
	}
	if after, _ := f.app.OrgSettings(ctx, app.System, setOrg); after.Version != st.Version {
		t.Fatalf("refused settings were saved: version %d → %d", st.Version, after.Version)
	}

	res, _ := chief.post(u, form(st.Version, "8,5", "62.22; 60.22"), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("good closing settings: %d", res.StatusCode)
	}
	saved, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if c := saved.Posting.Closing; err != nil || c.ProfitTaxRate != "8.5%" || strings.Join(c.NotRevalued, " ") != "62.22 60.22" {
		t.Fatalf("saved: %q %v, %v", c.ProfitTaxRate, c.NotRevalued, err)
	}
	_, body = chief.get(u)
	for _, w := range []string{`name="posting.Closing.ProfitTaxRate" value="8.5"`, `name="posting.Closing.NotRevalued" value="62.22, 60.22"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the saved page lacks %q", w)
		}
	}
	// A form without them (a page opened before they were on it) keeps them.
	if res, _ := chief.post(u, form(saved.Version, "-", "-"), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a form without the closing choices: %d", res.StatusCode)
	}
	again, err := f.app.OrgSettings(ctx, app.System, setOrg)
	if c := again.Posting.Closing; err != nil || again.Version != saved.Version+1 || c.ProfitTaxRate != "8.5%" || strings.Join(c.NotRevalued, " ") != "62.22 60.22" {
		t.Errorf("after a form without them: %q %v, %v", c.ProfitTaxRate, c.NotRevalued, err)
	}
}
