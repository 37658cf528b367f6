package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

// The chart of accounts and catalog pages are tested on an organisation of
// their own, "cats", so that the accounts and entries they add change
// nothing the other tests of the package look at in demo and acme.
const (
	cats       = "cats"
	catsOwner  = "owner@cats.example"
	catsViewer = "viewer@cats.example"
)

// catsIDs are the catalog entries of cats.
var catsIDs struct {
	romashka, contract ledger.AnalyticID
}

var (
	catsOnce sync.Once
	catsErr  error
)

// catsBooks returns the fixture with cats built: the cis chart, a
// counterparty with a Cyrillic name and its contract, one sale on 62.01,
// an owner (ru) and a viewer (tk).
func catsBooks(t *testing.T) *fixture {
	t.Helper()
	f := books(t)
	catsOnce.Do(func() { catsErr = buildCats(context.Background(), f.app) })
	if catsErr != nil {
		t.Fatal(catsErr)
	}
	return f
}

func buildCats(ctx context.Context, a *app.App) error {
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: cats, Name: "Pişik Söwda", Chart: "cis"}); err != nil {
		return err
	}
	for _, u := range []struct {
		email, lang string
		role        auth.Role
	}{{catsOwner, "ru", auth.Owner}, {catsViewer, "tk", auth.Viewer}} {
		if _, err := a.CreateUser(ctx, app.System, u.email, "Cats "+u.lang, password, u.lang); err != nil {
			return err
		}
		if err := a.AddMember(ctx, app.System, cats, u.email, u.role); err != nil {
			return err
		}
	}
	cp, err := a.AddAnalytic(ctx, app.System, cats, app.AnalyticInput{Kind: ledger.Counterparty, Code: "ROM",
		Names: ledger.Names{RU: "ООО «Ромашка»", TK: "Romaşka HJ", EN: "Romashka LLC"}})
	if err != nil {
		return err
	}
	ct, err := a.AddAnalytic(ctx, app.System, cats, app.AnalyticInput{Kind: ledger.Contract, Code: "ROM-1",
		Names: ledger.Names{RU: "Договор поставки № 1", TK: "Üpjünçilik şertnamasy № 1"}, Owner: "ROM"})
	if err != nil {
		return err
	}
	catsIDs.romashka, catsIDs.contract = cp.ID, ct.ID
	side := ledger.Side{Account: "62.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cp.ID, ct.ID}}
	_, err = a.Post(ctx, app.System, cats, ledger.Entry{Date: ledger.DateOf(2026, 2, 10), Description: "Sale to Romashka",
		Postings: []ledger.Posting{{Debit: side, Credit: ledger.Side{Account: "90.01"}, Amount: 230000}}})
	return err
}

// want checks a response's status and that the body holds each text.
func want(t *testing.T, what string, res *http.Response, body string, status int, texts ...string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, res.StatusCode, status, snippet(body))
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("%s: %q missing\n%s", what, s, snippet(body))
		}
	}
}

func wantNot(t *testing.T, what, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("%s: %q shown", what, s)
		}
	}
}

func TestCatalogViewerSeesNoForms(t *testing.T) {
	f := catsBooks(t)
	c := f.login(t, catsViewer, "tk")
	o := "/o/" + cats
	res, body := c.get(o + "/accounts")
	want(t, "chart", res, body, http.StatusOK, "62.01")
	wantNot(t, "chart for a viewer", body, `/accounts/new"`, "/edit")
	res, body = c.get(o + "/catalogs")
	want(t, "catalogs", res, body, http.StatusOK, "Kontragent", "Şertnama", "62.01")
	res, body = c.get(o + "/catalogs/counterparty")
	want(t, "counterparties", res, body, http.StatusOK, "ROM", "Romaşka HJ")
	wantNot(t, "counterparties for a viewer", body, `class="analytic-form"`, `name="code"`, "/edit")

	id := fmt.Sprint(catsIDs.romashka)
	for _, path := range []string{o + "/accounts/new", o + "/accounts/62.01/edit", o + "/catalogs/counterparty/" + id + "/edit"} {
		res, _ := c.get(path)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer GET %s: status %d, want 403", path, res.StatusCode)
		}
	}
	names := url.Values{"code": {"X9"}, "name_ru": {"Чужой"}, "kind": {"A"}, "class": {"asset"}, "active": {"0"}}
	for _, path := range []string{o + "/accounts/new", o + "/accounts/62.01/edit", o + "/accounts/62.01/active",
		o + "/catalogs/counterparty", o + "/catalogs/counterparty/" + id + "/edit"} {
		res, _ := c.post(path, names, nil)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer POST %s: status %d, want 403", path, res.StatusCode)
		}
	}
	chart, _ := f.app.Accounts(context.Background(), app.System, cats)
	if chart["X9"] != nil || chart["62.01"].Inactive {
		t.Fatal("a viewer's POST changed the chart")
	}
	if an, _ := f.app.AnalyticByID(context.Background(), app.System, cats, ledger.Counterparty, catsIDs.romashka); an.Names.RU != "ООО «Ромашка»" {
		t.Fatalf("a viewer's POST renamed the counterparty: %+v", an.Names)
	}
}

func TestAccountNewAndEdit(t *testing.T) {
	f := catsBooks(t)
	c := f.login(t, catsOwner, "ru")
	o := "/o/" + cats
	res, body := c.get(o + "/accounts")
	want(t, "chart for the owner", res, body, http.StatusOK, `href="/o/cats/accounts/new"`, `href="/o/cats/accounts/62.01/edit"`, "Новый счёт")

	// Errors at their fields, in Russian, and the form keeps what was typed.
	res, body = c.post(o+"/accounts/new", url.Values{"code": {"62.01"}, "parent": {"99.99"}, "name_ru": {""},
		"kind": {"AP"}, "class": {"asset"}, "quantity": {"1"}, "analytic1": {"counterparty"}, "analytic2": {"counterparty"}}, nil)
	want(t, "a bad new account", res, body, http.StatusUnprocessableEntity,
		"счёт 62.01 уже существует", "родительский счёт 99.99 для 62.01 не существует", "укажите наименование хотя бы на одном языке",
		"каждое субконто можно выбрать только один раз", `value="99.99"`, `name="quantity" value="1" checked`)

	// A new sub-account, then every field of it changed while it has no
	// postings, the code too.
	res, _ = c.post(o+"/accounts/new", url.Values{"code": {"62.07"}, "parent": {"62"}, "name_ru": {"Расчёты по претензиям"},
		"kind": {"AP"}, "class": {"asset"}, "analytic1": {"counterparty"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != o+"/accounts?saved=62.07" {
		t.Fatalf("new sub-account: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = c.get(o + "/accounts?saved=62.07")
	want(t, "chart after the new account", res, body, http.StatusOK, "Счёт сохранён:", "Расчёты по претензиям")
	res, body = c.get(o + "/accounts/62.07/edit")
	want(t, "the new account's form", res, body, http.StatusOK, `name="code" value="62.07"`, "Сделать неактивным")
	wantNot(t, "the new account's form", body, "По счёту есть проводки")
	res, _ = c.post(o+"/accounts/62.07/edit", url.Values{"code": {"62.08"}, "parent": {"62"}, "name_ru": {"Претензии"}, "name_tk": {"Talaplar"},
		"kind": {"A"}, "class": {"asset"}, "currency": {"1"}, "analytic1": {"counterparty"}, "analytic2": {"contract"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("editing an account without postings: %d", res.StatusCode)
	}
	chart, _ := f.app.Accounts(context.Background(), app.System, cats)
	if a := chart["62.08"]; chart["62.07"] != nil || a == nil || a.Kind != ledger.Active || !a.Currency || len(a.Analytics) != 2 || a.Names.TK != "Talaplar" {
		t.Fatalf("after the edit: 62.07 %v, 62.08 %+v", chart["62.07"], chart["62.08"])
	}

	// Deactivate and reactivate.
	res, _ = c.post(o+"/accounts/62.08/active", url.Values{"active": {"0"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", res.StatusCode)
	}
	res, body = c.get(o + "/accounts/62.08/edit")
	want(t, "a deactivated account's form", res, body, http.StatusOK, "Счёт неактивен", "Сделать активным")
	res, _ = c.post(o+"/accounts/62.08/active", url.Values{"active": {"1"}}, nil)
	if chart, _ := f.app.Accounts(context.Background(), app.System, cats); res.StatusCode != http.StatusSeeOther || chart["62.08"].Inactive {
		t.Fatalf("reactivate: %d", res.StatusCode)
	}
	res, _ = c.get(o + "/accounts/nope/edit")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("the form of a missing account: %d", res.StatusCode)
	}
}

func TestAccountWithPostingsKeepsItsShape(t *testing.T) {
	f := catsBooks(t)
	c := f.login(t, catsOwner, "ru")
	o := "/o/" + cats
	res, body := c.get(o + "/accounts/90.01/edit")
	want(t, "the form of an account with postings", res, body, http.StatusOK, "По счёту есть проводки", `type="hidden" name="kind"`)
	wantNot(t, "the form of an account with postings", body, `<select name="kind"`)

	chart, _ := f.app.Accounts(context.Background(), app.System, cats)
	acc := *chart["90.01"]
	form := url.Values{"code": {"90.01"}, "parent": {string(acc.Parent)}, "name_tk": {acc.Names.TK}, "name_ru": {acc.Names.RU}, "name_en": {acc.Names.EN},
		"kind": {string(acc.Kind)}, "class": {string(acc.Class)}}
	// A changed kind or code, as a crafted form would send it, is refused
	// at its field.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("kind", "AP")
	bad.Set("code", "90.55")
	res, body = c.post(o+"/accounts/90.01/edit", bad, nil)
	want(t, "changing an account with postings", res, body, http.StatusUnprocessableEntity, "по счёту есть проводки: это изменить нельзя")
	// Its names may change.
	form.Set("name_en", "Revenue (edited)")
	res, _ = c.post(o+"/accounts/90.01/edit", form, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("renaming an account with postings: %d", res.StatusCode)
	}
	chart, _ = f.app.Accounts(context.Background(), app.System, cats)
	if a := chart["90.01"]; a.Names.EN != "Revenue (edited)" || a.Kind != acc.Kind || chart["90.55"] != nil {
		t.Fatalf("90.01 after the edits: %+v %+v", a.Names, a.Kind)
	}
	// The audit log has it.
	evs, err := f.app.Audit(context.Background(), app.System, cats, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range evs {
		found = found || (e.Action == app.ActAccount && strings.Contains(e.Detail, "Revenue (edited)"))
	}
	if !found {
		t.Fatalf("no audit event for the rename of 90.01: %+v", evs)
	}
}

func TestCatalogSearchAndEdit(t *testing.T) {
	f := catsBooks(t)
	c := f.login(t, catsOwner, "ru")
	o := "/o/" + cats

	// Search: any case, Cyrillic and Turkmen letters, and the code.
	for _, q := range []string{"ромашка", "РОМАШКА", "ROMAŞKA", "rom"} {
		res, body := c.get(o + "/catalogs/counterparty?q=" + url.QueryEscape(q))
		want(t, "search "+q, res, body, http.StatusOK, "ООО «Ромашка»")
	}
	res, body := c.get(o + "/catalogs/counterparty?q=" + url.QueryEscape("Gök"))
	want(t, "search for acme's customer", res, body, http.StatusOK, "По запросу ничего не найдено.")

	// Contracts show their counterparty, and every entry its movements.
	res, body = c.get(o + "/catalogs/contract")
	want(t, "contracts", res, body, http.StatusOK, "ROM-1", "Договор поставки № 1", "ООО «Ромашка»",
		fmt.Sprintf(`href="/o/cats/accounts/62.01/card?analytic=%d"`, catsIDs.contract))
	res, body = c.get(fmt.Sprintf("%s/accounts/62.01/card?analytic=%d", o, catsIDs.romashka))
	want(t, "the card of one counterparty", res, body, http.StatusOK, "ООО «Ромашка»", "Sale to Romashka", "2 300,00")

	// Add: a duplicate code and a contract without a counterparty are
	// refused at their fields; the form keeps what was typed.
	res, body = c.post(o+"/catalogs/counterparty", url.Values{"code": {"ROM"}, "name_ru": {"Дубликат"}}, nil)
	want(t, "a duplicate code", res, body, http.StatusUnprocessableEntity, "уже есть элемент с кодом ROM", `value="Дубликат"`)
	res, body = c.post(o+"/catalogs/contract", url.Values{"code": {"K-9"}, "name_ru": {"Договор 9"}}, nil)
	want(t, "a contract without a counterparty", res, body, http.StatusUnprocessableEntity, "у договора должен быть контрагент", `value="K-9"`)
	res, body = c.post(o+"/catalogs/contract", url.Values{"code": {"K-9"}, "name_ru": {"Договор 9"}, "owner": {"NOPE"}}, nil)
	want(t, "a contract of a missing counterparty", res, body, http.StatusUnprocessableEntity, "нет элемента с кодом NOPE")
	res, _ = c.post(o+"/catalogs/counterparty", url.Values{"code": {"ALT"}, "name_ru": {"Алтын Ай"}, "name_tk": {"Altyn Aý"}}, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, o+"/catalogs/counterparty?q=ALT&saved=") {
		t.Fatalf("add a counterparty: %d %s", res.StatusCode, loc)
	}
	res, _ = c.post(o+"/catalogs/contract", url.Values{"code": {"K-9"}, "name_ru": {"Договор 9"}, "owner": {"ALT"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a contract: %d", res.StatusCode)
	}
	res, body = c.get(o + "/catalogs/contract?q=k-9")
	want(t, "the new contract", res, body, http.StatusOK, "K-9", "Договор 9", "Алтын Ай")

	// Edit the names; the code stays.
	id := regexp.MustCompile(`saved=(\d+)`).FindStringSubmatch(loc)[1]
	edit := o + "/catalogs/counterparty/" + id + "/edit"
	res, body = c.get(edit)
	want(t, "the counterparty's form", res, body, http.StatusOK, `value="Алтын Ай"`, "ALT")
	res, body = c.post(edit, url.Values{"name_ru": {" "}}, nil)
	want(t, "no name", res, body, http.StatusUnprocessableEntity, "укажите наименование хотя бы на одном языке")
	res, _ = c.post(edit, url.Values{"name_ru": {"ХО «Алтын Ай»"}, "name_tk": {"Altyn Aý HJ"}, "code": {"HACK"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.StatusCode)
	}
	res, body = c.get(o + "/catalogs/counterparty?q=alt")
	want(t, "after the rename", res, body, http.StatusOK, "ХО «Алтын Ай»", ">ALT<")
	res, _ = c.get(o + "/catalogs/contract/" + id + "/edit")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("a counterparty's id under contracts: %d, want 404", res.StatusCode)
	}
	res, _ = c.get(o + "/catalogs/planets")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown catalog: %d, want 404", res.StatusCode)
	}
}

func TestCatalogPaging(t *testing.T) {
	f := catsBooks(t)
	ctx := context.Background()
	for i := range 60 {
		if _, err := f.app.AddAnalytic(ctx, app.System, cats, app.AnalyticInput{Kind: ledger.Item, Code: fmt.Sprintf("IT%03d", i),
			Names: ledger.Names{RU: fmt.Sprintf("Товар %d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	c := f.login(t, catsViewer, "en")
	res, body := c.get("/o/cats/catalogs/item")
	want(t, "first page", res, body, http.StatusOK, "IT049", "Show more")
	wantNot(t, "first page", body, "IT050")
	more := regexp.MustCompile(`href="([^"]*limit=\d+)"`).FindStringSubmatch(body)
	if more == nil {
		t.Fatalf("no link to more entries\n%s", snippet(body))
	}
	res, body = c.get(strings.ReplaceAll(more[1], "&amp;", "&"))
	want(t, "more", res, body, http.StatusOK, "IT000", "IT059")
	wantNot(t, "all shown", body, "Show more")
}

// TestCatalogOtherTenant: nothing of acme shows in cats' catalogs, and
// nobody of cats reaches acme's.
func TestCatalogOtherTenant(t *testing.T) {
	f := catsBooks(t)
	c := f.login(t, catsOwner, "en")
	for _, path := range []string{"/o/cats/catalogs", "/o/cats/catalogs/counterparty", "/o/cats/catalogs/contract", "/o/cats/catalogs/counterparty?q=g"} {
		res, body := c.get(path)
		want(t, path, res, body, http.StatusOK)
		wantNot(t, path, body, "Gök Bazar", "C1", acmeName)
	}
	for _, path := range []string{"/o/acme/catalogs", "/o/acme/catalogs/counterparty", "/o/acme/catalogs/counterparty/1/edit", "/o/acme/accounts/62.01/edit"} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusNotFound || strings.Contains(body, "Gök Bazar") {
			t.Errorf("cats owner GET %s: %d, want 404 and nothing of acme", path, res.StatusCode)
		}
	}
	res, _ := c.post("/o/acme/catalogs/counterparty", url.Values{"code": {"X"}, "name_en": {"x"}}, nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("cats owner POST to acme's catalog: %d, want 404", res.StatusCode)
	}
	// An analytic id that cats does not have filters no card.
	res, _ = c.get("/o/cats/accounts/62.01/card?analytic=999999")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a card filtered by an unknown analytic: %d, want 404", res.StatusCode)
	}
}

// TestCatalogPagesInEveryLanguage renders each page of the chart and the
// catalogs in tk, ru and en, for the owner (with the forms) and the viewer
// (without), and looks for template slips.
func TestCatalogPagesInEveryLanguage(t *testing.T) {
	f := catsBooks(t)
	o := "/o/" + cats
	id := fmt.Sprint(catsIDs.romashka)
	pages := map[string][]string{
		catsOwner: {o + "/accounts", o + "/accounts?saved=62.01", o + "/accounts/new", o + "/accounts/new?parent=62", o + "/accounts/62.01/edit",
			o + "/accounts/62/edit", o + "/catalogs", o + "/catalogs/counterparty", o + "/catalogs/contract?q=rom&saved=" + fmt.Sprint(catsIDs.contract),
			o + "/catalogs/project", o + "/catalogs/counterparty/" + id + "/edit", o + "/accounts/62.01/card?analytic=" + id},
		catsViewer: {o + "/accounts", o + "/catalogs", o + "/catalogs/contract", o + "/accounts/62.01/card?analytic=" + id},
	}
	words := map[string]string{"tk": "Sanawlar", "ru": "Справочники", "en": "Catalogs"}
	for email, paths := range pages {
		for _, lang := range []string{"tk", "ru", "en"} {
			c := f.login(t, email, lang)
			c.cookies["hasap_lang"] = &http.Cookie{Name: "hasap_lang", Value: lang}
			for _, path := range paths {
				res, body := c.get(path)
				want(t, lang+" "+path, res, body, http.StatusOK, `<html lang="`+lang+`">`, words[lang])
				wantNot(t, lang+" "+path, body, "%!", "<no value>", "ZgotmplZ")
			}
		}
	}
}
