package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

var optionValue = regexp.MustCompile(`<option value="([^"]*)">`)

// options asks the picker route and returns the codes it suggests.
func options(t *testing.T, c *client, path string) (int, []string, string) {
	t.Helper()
	res, body := c.get(path)
	var codes []string
	for _, m := range optionValue.FindAllStringSubmatch(body, -1) {
		codes = append(codes, m[1])
	}
	return res.StatusCode, codes, body
}

// TestAnalyticOptions: a picker's suggestions are a datalist with the id
// asked for, found by code or by any part of a name in any case, the
// closest first, at most 20, and only of the organisation asked about.
func TestAnalyticOptions(t *testing.T) {
	f := books(t)
	c := f.login(t, demoViewer, "tk") // reading the books is enough

	status, codes, body := options(t, c, "/o/demo/catalogs/counterparty/options?list=kt0_1-list&q="+url.QueryEscape("ÝÜPEK"))
	if status != http.StatusOK || !strings.HasPrefix(body, `<datalist id="kt0_1-list"><option value="K01">&#34;Türkmen Ýüpek&#34; HJ</option>`) {
		t.Fatalf("status %d:\n%s", status, snippet(body))
	}
	if len(codes) != 1 {
		t.Errorf("ÝÜPEK suggests %v", codes)
	}
	// htmx sends the field under its own name.
	_, codes, _ = options(t, c, "/o/demo/catalogs/counterparty/options?list=dt0_1-list&field=dt0_1&dt0_1="+url.QueryEscape("юпек"))
	if len(codes) != 1 || codes[0] != "K01" {
		t.Errorf("юпек by field suggests %v", codes)
	}
	// A code's own entry first, then codes that start with it.
	_, codes, _ = options(t, c, "/o/demo/catalogs/counterparty/options?list=x&q=k1")
	if len(codes) < 2 || codes[0] != "K1" && !strings.HasPrefix(codes[0], "K1") {
		t.Errorf("k1 suggests %v", codes)
	}
	// Contracts by a part of their code.
	_, codes, _ = options(t, c, "/o/demo/catalogs/contract/options?list=x&q="+url.QueryEscape("kä"))
	if len(codes) == 0 || !strings.Contains(strings.ToLower(codes[0]), "kä") {
		t.Errorf("kä suggests contracts %v", codes)
	}
	// Nothing: an empty datalist, still in its place.
	status, codes, body = options(t, c, "/o/demo/catalogs/counterparty/options?list=x&q=zzzz")
	if status != http.StatusOK || len(codes) != 0 || !strings.HasPrefix(body, `<datalist id="x"></datalist>`) {
		t.Errorf("zzzz: status %d, %v:\n%s", status, codes, body)
	}
	// acme's counterparty is nothing to demo, by name or code.
	for _, q := range []string{"Gök Bazar", "C1"} {
		if _, codes, _ := options(t, c, "/o/demo/catalogs/counterparty/options?list=x&q="+url.QueryEscape(q)); len(codes) != 0 {
			t.Errorf("demo is offered %v for %q", codes, q)
		}
	}
	ac := f.login(t, acmeUser, "en")
	_, codes, body = options(t, ac, "/o/acme/catalogs/counterparty/options?list=x&q=")
	if len(codes) != 1 || codes[0] != "C1" || strings.Contains(body, "Юпек") {
		t.Errorf("acme is offered %v", codes)
	}
	if res, _ := ac.get("/o/demo/catalogs/counterparty/options?list=x&q=K0"); res.StatusCode != http.StatusNotFound {
		t.Errorf("acme's user asking demo: status %d, want 404", res.StatusCode)
	}

	// Unknown catalogs are 404; a list id that is not one is 400.
	for path, want := range map[string]int{
		"/o/demo/catalogs/customer/options?list=x&q=a":                                          http.StatusNotFound,
		"/o/demo/catalogs/counterparty/options?q=a":                                             http.StatusBadRequest,
		"/o/demo/catalogs/counterparty/options?list=" + url.QueryEscape(`x"><script>`) + "&q=a": http.StatusBadRequest,
		"/o/demo/catalogs/counterparty/options?list=1x&q=a":                                     http.StatusBadRequest,
	} {
		if res, body := c.get(path); res.StatusCode != want || strings.Contains(body, "<script>") {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, want)
		}
	}
}

// TestAnalyticOptionsLimit: a catalog of hundreds never comes whole; the
// entries named like the text come first. The organisation is the test's
// own.
func TestAnalyticOptionsLimit(t *testing.T) {
	f := books(t)
	ctx := t.Context()
	const org = "pickers"
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Saýlaw", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	const user = "viewer@pickers.example" // a user of its own: other tests count the organisations of theirs
	if _, err := f.app.CreateUser(ctx, app.System, user, "Saýlaw", password, "ru"); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddMember(ctx, app.System, org, user, auth.Viewer); err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		an := &ledger.Analytic{Kind: ledger.Counterparty, Code: fmt.Sprintf("P%03d", i),
			Names: ledger.Names{RU: fmt.Sprintf("ООО «Поставщик %d»", i), TK: fmt.Sprintf("Üpjün ediji %d", i)}}
		if err := f.app.CreateAnalytic(ctx, app.System, org, an); err != nil {
			t.Fatal(err)
		}
	}
	c := f.login(t, user, "ru")
	for q, first := range map[string]string{"": "P000", "поставщик": "P000", "P29": "P290", "p150": "P150", "üpjün ediji 7": "P007"} {
		status, codes, body := options(t, c, "/o/"+org+"/catalogs/counterparty/options?list=x&q="+url.QueryEscape(q))
		if status != http.StatusOK || len(codes) == 0 || len(codes) > app.MaxAnalyticChoices {
			t.Fatalf("%q: status %d, %d suggestions", q, status, len(codes))
		}
		if codes[0] != first {
			t.Errorf("%q: first %s, want %s", q, codes[0], first)
		}
		if len(body) > 4<<10 {
			t.Errorf("%q: %d bytes of suggestions", q, len(body))
		}
	}
	if _, codes, _ := options(t, c, "/o/"+org+"/catalogs/counterparty/options?list=x&q=P"); len(codes) != app.MaxAnalyticChoices {
		t.Errorf("P: %d suggestions, want %d", len(codes), app.MaxAnalyticChoices)
	}
	// The journal's filter offers as many when a name is not enough.
	res, body := c.get("/o/" + org + "/journal?analytic=" + url.QueryEscape("поставщик"))
	if res.StatusCode != http.StatusUnprocessableEntity || strings.Count(body, "<option value=\"P") != app.MaxAnalyticChoices {
		t.Errorf("journal: status %d, %d choices", res.StatusCode, strings.Count(body, "<option value=\"P"))
	}
}

// TestEntryFormPickers: once the account of a side is known, each slot of
// a catalog it requires is a picker of that catalog, a slot it does not
// use is out of the Tab order, and each slot is checked as it is left: a
// code not in the catalog, a required analytic missing.
func TestEntryFormPickers(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "ru")
	res, body := c.get("/o/demo/entries/new/side?side=kt&row=0&kt0=60.01")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("side: status %d", res.StatusCode)
	}
	for _, want := range []string{
		`list="kt0_1-list" hx-get="/o/demo/catalogs/counterparty/options?list=kt0_1-list&amp;field=kt0_1"`,
		`list="kt0_2-list" hx-get="/o/demo/catalogs/contract/options?list=kt0_2-list&amp;field=kt0_2"`,
		`<datalist id="kt0_1-list"></datalist>`,
		`id="kt0_3" name="kt0_3" value="" size="7" autocomplete="off" placeholder="—" aria-label="Кт 1: 3" aria-describedby="kt0_3-check" tabindex="-1">`,
		`<span class="check" id="kt0_1-check" aria-live="polite" hx-get="/o/demo/entries/new/side?side=kt&amp;row=0&amp;slot=1" hx-trigger="focusout from:#kt0_1"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the side lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, `class="err"`) {
		t.Errorf("a side just named shows a problem:\n%s", body)
	}

	// Without an account: plain inputs, as without JavaScript.
	_, body = c.get("/o/demo/entries/new")
	if strings.Contains(body, "/options?") || strings.Contains(body, "slot=") {
		t.Errorf("an empty form has pickers")
	}

	// A slot left: checked against its catalog.
	check := func(query, want string) {
		t.Helper()
		res, body := c.get("/o/demo/entries/new/side?side=kt&row=0&kt0=60.01&" + query)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, `<span class="check"`) {
			t.Fatalf("%s: status %d, not a slot's message:\n%s", query, res.StatusCode, snippet(body))
		}
		got := regexp.MustCompile(`<span class="err">([^<]*)</span>`).FindStringSubmatch(body)
		switch {
		case want == "" && got != nil:
			t.Errorf("%s: a problem %q", query, got[1])
		case want != "" && (got == nil || !strings.Contains(htmlText(got[1]), want)):
			t.Errorf("%s: message %v, want %q", query, got, want)
		}
	}
	check("kt0_1=K10&slot=1", "")
	check("kt0_1=NOPE&slot=1", "в справочнике «Контрагенты» нет элемента с кодом NOPE")
	check("kt0_1=K10&kt0_2=&slot=2", "для счёта кредита 60.01 требуется субконто «Договоры»")
	check("kt0_2=01/KÄ/2025&slot=2", "")
	check("kt0_3=X&slot=3", "60.01")
	check("kt0_3=&slot=3", "")
	// Another tenant's codes are not in demo's catalogs.
	check("kt0_1=C1&slot=1", "нет элемента с кодом C1")

	// The whole side drawn again (the account changed): the codes typed
	// are checked, the slots not yet reached are not.
	_, body = c.get("/o/demo/entries/new/side?side=kt&row=0&kt0=60.01&kt0_1=NOPE")
	if !strings.Contains(body, `id="kt0_1-check" aria-live="polite"`) || !strings.Contains(body, "нет элемента с кодом NOPE") {
		t.Errorf("the side does not check the code typed:\n%s", body)
	}
	if strings.Contains(body, "требуется") {
		t.Errorf("the side finds a missing analytic before it is reached")
	}
	if !strings.Contains(body, `name="kt0_1" value="NOPE" size="7" autocomplete="off" placeholder="Контрагент" aria-label="Кт 1: Контрагент" aria-describedby="kt0_1-check" aria-invalid="true"`) {
		t.Errorf("the slot is not marked invalid:\n%s", body)
	}
	for _, bad := range []string{"slot=0", "slot=4", "slot=x"} {
		if res, _ := c.get("/o/demo/entries/new/side?side=kt&row=0&kt0=60.01&" + bad); res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, res.StatusCode)
		}
	}

	// A refused form keeps its pickers and says what is wrong at the slot.
	res, body = c.post("/o/demo/entries/new", entryForm("2026-01-05", "pickers", "pickers-key-1",
		[9]string{"26", "", "", "", "60.01", "K10", "", "", "10.00"}), nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a form without the contract: status %d", res.StatusCode)
	}
	if !strings.Contains(body, `list="kt0_2-list"`) || !regexp.MustCompile(`id="kt0_2-check"[^>]*><span class="err">[^<]*требуется`).MatchString(body) {
		t.Errorf("the refused form lost its pickers or the message at the slot")
	}
}
