package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// entryForm fills the new-entry form: one row per posting given as
// {dt, dt codes..., kt, kt codes..., amount} in the order of the fields.
func entryForm(date, desc, key string, rows ...[9]string) url.Values {
	v := url.Values{"date": {date}, "desc": {desc}, "key": {key}, "rows": {itoa(len(rows))}}
	for i, r := range rows {
		n := itoa(i)
		v.Set("dt"+n, r[0])
		v.Set("dt"+n+"_1", r[1])
		v.Set("dt"+n+"_2", r[2])
		v.Set("dt"+n+"_3", r[3])
		v.Set("kt"+n, r[4])
		v.Set("kt"+n+"_1", r[5])
		v.Set("kt"+n+"_2", r[6])
		v.Set("kt"+n+"_3", r[7])
		v.Set("amt"+n, r[8])
	}
	return v
}

func itoa(i int) string { return strconv.Itoa(i) }

var fieldErr = regexp.MustCompile(`name="([a-z0-9_]+)"[^>]*aria-invalid="true"`)

// invalidFields lists the inputs a form page marks invalid.
func invalidFields(body string) []string {
	var out []string
	for _, m := range fieldErr.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestEntryForm(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "ru")

	res, body := c.get("/o/acme/entries/new")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("form: status %d", res.StatusCode)
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	if key == nil {
		t.Fatal("the form has no idempotency key")
	}

	// A sale to a customer without the customer: the missing analytic is
	// shown at its field, in Russian; the amount typed the Russian way.
	sale := [9]string{"62.01", "", "K1", "", "90.01", "", "", "", "2 300,50"}
	res, body = c.post("/o/acme/entries/new", entryForm("2026-03-02", "Продажа", key[1], sale), nil)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("missing analytic: status %d", res.StatusCode)
	}
	if got := invalidFields(body); len(got) != 1 || got[0] != "dt0_1" {
		t.Errorf("invalid fields %v, want [dt0_1]", got)
	}
	if !strings.Contains(body, "требуется субконто «Контрагенты»") {
		t.Errorf("no Russian message about the missing counterparty:\n%s", snippet(body[strings.Index(body, "<main>"):]))
	}
	if !strings.Contains(body, `value="2 300,50"`) || !strings.Contains(body, `value="Продажа"`) {
		t.Errorf("the form does not keep what was typed")
	}
	if !strings.Contains(body, `placeholder="Контрагент"`) {
		t.Errorf("the form does not name the catalogs 62.01 wants once the account is known")
	}

	// Several problems at once, each at its field.
	bad := [9]string{"62.01", "NOPE", "K1", "", "", "", "", "", "x"}
	worse := [9]string{"999", "", "", "", "90.01", "", "", "", "5"}
	_, body = c.post("/o/acme/entries/new", entryForm("2026-03-02", "", key[1], bad, worse), nil)
	got := strings.Join(invalidFields(body), " ")
	for _, want := range []string{"dt0_1", "amt0", "dt1"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("invalid fields %q lack %s", got, want)
		}
	}

	// "More rows" adds rows and keeps what was typed, without posting.
	form := entryForm("2026-03-02", "Продажа", key[1], sale)
	form.Set("more", "1")
	res, body = c.post("/o/acme/entries/new", form, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="dt3"`) || strings.Contains(body, `name="dt4"`) {
		t.Errorf("more rows: status %d, rows %d", res.StatusCode, strings.Count(body, `class="acct"`))
	}

	// Filled in, it posts and shows the entry.
	sale[1] = "C1"
	res, _ = c.post("/o/acme/entries/new", entryForm("2026-03-02", "Продажа", key[1], sale), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: status %d", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	if !strings.HasPrefix(loc, "/o/acme/entries/2026/") {
		t.Fatalf("post went to %q", loc)
	}
	_, body = c.get(loc)
	for _, want := range []string{"Продажа", "2 300,50", "Гёк Базар", "Договор 1", "90.01"} {
		if !strings.Contains(body, want) {
			t.Errorf("entry page lacks %q", want)
		}
	}

	// The same form again (a double click, the back button) posts nothing new.
	res, _ = c.post("/o/acme/entries/new", entryForm("2026-03-02", "Продажа", key[1], sale), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != loc {
		t.Errorf("resubmission: status %d to %q, want the first entry %q", res.StatusCode, res.Header.Get("Location"), loc)
	}

	// It is in the journal, the account card and the trial balance.
	_, body = c.get("/o/acme/journal")
	if !strings.Contains(body, `href="`+loc+`"`) {
		t.Errorf("the journal does not link the new entry")
	}
	_, body = c.get("/o/acme/accounts/62.01/card?from=2026-01-01&to=2026-12-31")
	if !strings.Contains(body, "2 300,50") || !strings.Contains(body, "3 450,50") {
		t.Errorf("the card lacks the movement or the balance 1 150,00 + 2 300,50")
	}
	_, body = c.get("/o/acme/trial-balance?from=2026-01-01&to=2026-12-31")
	if !strings.Contains(body, "3 450,50") {
		t.Errorf("the trial balance lacks 3 450,50")
	}
	if !strings.Contains(body, `href="/o/acme/accounts/62.01/card?from=2026-01-01&amp;to=2026-12-31"`) {
		t.Errorf("the trial balance does not drill down to the card for the period")
	}

	// Reverse it, then storno it is refused: reversed once only.
	res, _ = c.post(loc+"/reverse", url.Values{"date": {"2026-03-05"}, "kind": {"storno"}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("storno: status %d", res.StatusCode)
	}
	_, body = c.get(res.Header.Get("Location"))
	if !strings.Contains(body, "-2 300,50") || !strings.Contains(body, `href="`+loc+`"`) {
		t.Errorf("the storno does not show -2 300,50 and a link to the entry it reverses")
	}
	res, body = c.post(loc+"/reverse", url.Values{"date": {"2026-03-05"}, "kind": {"reverse"}}, nil)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "уже сторнирована") {
		t.Errorf("second reversal: status %d", res.StatusCode)
	}
}

func TestEntryFormRefusesEmptyAndLocked(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "en")
	res, body := c.post("/o/acme/entries/new", entryForm("2026-03-02", "", "web:k1", [9]string{}), nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Fill in at least one posting") {
		t.Errorf("empty form: status %d", res.StatusCode)
	}
	res, body = c.post("/o/acme/entries/new", entryForm("not a date", "", "web:k2", [9]string{"26", "", "", "", "80", "", "", "", "1"}), nil)
	if got := invalidFields(body); res.StatusCode != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != "date" {
		t.Errorf("bad date: status %d, invalid %v", res.StatusCode, got)
	}
}

// TestEntrySideHints: with htmx, typing an account on a side asks for the
// side again: the account's name, the catalog each slot wants, or why the
// account cannot take postings.
func TestEntrySideHints(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "ru")
	res, body := c.get("/o/acme/entries/new/side?side=dt&row=2&dt2=62.01&dt2_1=C1")
	if res.StatusCode != http.StatusOK || strings.Contains(body, "<html") {
		t.Fatalf("status %d, not a fragment", res.StatusCode)
	}
	for _, want := range []string{`name="dt2"`, `value="C1"`, `placeholder="Контрагент"`, `placeholder="Договор"`, "Расчёты с покупателями"} {
		if !strings.Contains(body, want) {
			t.Errorf("hint lacks %s:\n%s", want, body)
		}
	}
	_, body = c.get("/o/acme/entries/new/side?side=kt&row=0&kt0=62")
	if !strings.Contains(body, "есть субсчета") {
		t.Errorf("no word on a group account:\n%s", body)
	}
	if res, _ := c.get("/o/acme/entries/new/side?side=xx&row=0"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("bad side: status %d", res.StatusCode)
	}
	other := f.login(t, demoOwner, "ru")
	if res, body := other.get("/o/acme/entries/new/side?side=dt&row=0&dt0=62.01"); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Gök") {
		t.Errorf("another tenant's hint: status %d", res.StatusCode)
	}
}

// TestEntryFormChangedAfterPosting: a form posted, then changed and sent
// again with the same key (the back button), is refused with a word, and
// the form that comes back posts the changed entry.
func TestEntryFormChangedAfterPosting(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "en")
	row := [9]string{"26", "", "", "", "80", "", "", "", "10"}
	res, _ := c.post("/o/acme/entries/new", entryForm("2026-03-03", "Rent", "web:changed", row), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first: status %d", res.StatusCode)
	}
	first := res.Header.Get("Location")
	row[8] = "11"
	res, body := c.post("/o/acme/entries/new", entryForm("2026-03-03", "Rent", "web:changed", row), nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already used") {
		t.Fatalf("changed resubmission: status %d", res.StatusCode)
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)[1]
	if key == "web:changed" {
		t.Fatal("the form keeps the used key")
	}
	res, _ = c.post("/o/acme/entries/new", entryForm("2026-03-03", "Rent", key, row), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") == first {
		t.Errorf("with the new key: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}
