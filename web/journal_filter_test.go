package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var journalBody = regexp.MustCompile(`(?s)<tbody>.*?</tbody>`)

// journalEntries returns the entries of a journal page (or fragment), one
// <tbody> each.
func journalEntries(body string) []string {
	return journalBody.FindAllString(body, -1)
}

// analyticErr is the message at the journal's analytic field.
var analyticErr = regexp.MustCompile(`<span class="err" id="f-analytic-err">([^<]*)</span>`)

// TestJournalFilterByAnalytic filters the demo journal by a counterparty
// named by its code, by a part of its Russian or Turkmen name in any
// letter case, and by entries of other catalogs: every entry shown has
// the counterparty on a posting, and the field says what it found.
func TestJournalFilterByAnalytic(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "ru")
	for _, typed := range []string{"K01", "k01", "юпек", "ТУРКМЕН ЮПЕК", "ýüpek", "TÜRKMEN ÝÜPEK"} {
		t.Run(typed, func(t *testing.T) {
			c.t = t
			res, body := c.get("/o/demo/journal?" + url.Values{"analytic": {typed}, "from": {"2025-01-01"}}.Encode())
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d:\n%s", res.StatusCode, snippet(analyticErr.FindString(body)))
			}
			entries := journalEntries(body)
			if len(entries) == 0 {
				t.Fatal("no entries with K01")
			}
			for _, e := range entries {
				if !strings.Contains(e, `title="K01"`) {
					t.Fatalf("an entry without K01:\n%s", e)
				}
			}
			if !strings.Contains(body, "<small>K01 · ХО «Туркмен Юпек»</small>") {
				t.Errorf("the field does not say what it found")
			}
			if !strings.Contains(body, `<option value="counterparty" selected>Контрагент</option>`) {
				t.Errorf("the catalog select does not keep counterparties")
			}
		})
	}
	c.t = t

	// Another catalog: a warehouse, on either side of a posting.
	res, body := c.get("/o/demo/journal?catalog=warehouse&analytic=" + url.QueryEscape("мары"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("warehouse: status %d: %s", res.StatusCode, analyticErr.FindString(body))
	}
	if !strings.Contains(body, `<option value="warehouse" selected>`) {
		t.Errorf("the catalog select does not keep warehouses")
	}
	entries := journalEntries(body)
	if len(entries) == 0 {
		t.Fatal("no entries with the Mary warehouse")
	}
	m := regexp.MustCompile(`<small>(\S+) · `).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the field does not say which warehouse it found")
	}
	for _, e := range entries {
		if !strings.Contains(e, `title="`+m[1]+`"`) {
			t.Fatalf("an entry without warehouse %s:\n%s", m[1], e)
		}
	}
}

// TestJournalFilterProblems: a name that matches nothing, or several
// counterparties, is a 422 with the message at the field in the user's
// language, the text kept, and the entries to choose from offered; another
// organisation's counterparties never match.
func TestJournalFilterProblems(t *testing.T) {
	f := books(t)
	tests := []struct {
		user, lang, org, typed string
		want                   string
		choices                bool
	}{
		{demoOwner, "ru", "demo", "Нет такого", "в справочнике «Контрагенты» нет ничего по запросу", false},
		{demoViewer, "tk", "demo", "Ýok zat", "«Kontragentler» sanawynda", false},
		{demoOwner, "ru", "demo", "Türkmen", "отвечают несколько элементов: выберите один из списка", true},
		{demoViewer, "tk", "demo", "aşgabat", "birnäçe ýazgy tapyldy", true},
		// acme's counterparty, by code and by name, is nothing to demo
		{demoOwner, "en", "demo", "C1", "nothing in counterparty matches", false},
		{demoOwner, "en", "demo", "Gök Bazar", "nothing in counterparty matches", false},
		// and demo's are nothing to acme
		{acmeUser, "en", acme, "K01", "nothing in counterparty matches", false},
		{acmeUser, "en", acme, "Юпек", "nothing in counterparty matches", false},
	}
	for _, tt := range tests {
		t.Run(tt.org+" "+tt.typed, func(t *testing.T) {
			c := f.login(t, tt.user, tt.lang)
			res, body := c.get("/o/" + tt.org + "/journal?" + url.Values{"analytic": {tt.typed}, "catalog": {"counterparty"}}.Encode())
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			m := analyticErr.FindStringSubmatch(body)
			if m == nil || !strings.Contains(htmlText(m[1]), tt.want) {
				t.Fatalf("message at the field %q, want %q", m, tt.want)
			}
			if !strings.Contains(body, `aria-invalid="true" aria-describedby="f-analytic-err"`) {
				t.Errorf("the field is not marked invalid")
			}
			if !strings.Contains(body, `value="`+htmlAttr(tt.typed)+`"`) {
				t.Errorf("the text typed is not kept")
			}
			list := regexp.MustCompile(`(?s)<datalist id="f-analytic-list">(.*?)</datalist>`).FindStringSubmatch(body)
			if list == nil {
				t.Fatal("no datalist at the field")
			}
			n := strings.Count(list[1], "<option")
			if tt.choices && (n < 2 || n > 20) {
				t.Errorf("%d choices offered, want 2 to 20", n)
			}
			if !tt.choices && n != 0 {
				t.Errorf("%d choices offered for nothing found", n)
			}
			if strings.Contains(body, "<tbody>") {
				t.Errorf("entries shown with a filter that could not be read")
			}
		})
	}

	// acme finds its own by a part of its Turkmen name.
	c := f.login(t, acmeUser, "en")
	res, body := c.get("/o/acme/journal?analytic=" + url.QueryEscape("gök"))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Acme first sale") {
		t.Fatalf("acme by its counterparty: status %d", res.StatusCode)
	}
}

// TestJournalFilterPages: the "older" link keeps the analytic filter, both
// as a page of its own and as the htmx fragment, and every page holds
// only entries with the counterparty.
func TestJournalFilterPages(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "en")
	next := "/o/demo/journal?catalog=counterparty&analytic=K21"
	seen := map[string]bool{}
	pages := 0
	var older string
	for next != "" && pages < 40 {
		res, body := c.get(next)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", next, res.StatusCode)
		}
		pages++
		for _, e := range journalEntries(body) {
			if !strings.Contains(e, `title="K21"`) {
				t.Fatalf("page %d: an entry without K21:\n%s", pages, e)
			}
			link := entryLink.FindString(e)
			if seen[link] {
				t.Fatalf("entry %s on two pages", link)
			}
			seen[link] = true
		}
		next = ""
		if m := regexp.MustCompile(`<a href="([^"]+)" hx-get="[^"]+" hx-target="#journal"`).FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.Contains(next, "analytic=K21") || !strings.Contains(next, "catalog=counterparty") {
				t.Fatalf("the next page forgets the filter: %s", next)
			}
			if older == "" {
				older = next
			}
		}
	}
	if pages < 2 {
		t.Fatalf("%d page of K21's entries; want several", pages)
	}
	t.Logf("%d entries with K21 on %d pages", len(seen), pages)

	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+older, nil)
	req.Header.Set("HX-Request", "true")
	res, frag := c.do(req)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(frag), "<tbody>") {
		t.Fatalf("htmx page: status %d, not a fragment:\n%s", res.StatusCode, snippet(frag))
	}
	for _, e := range journalEntries(frag) {
		if !strings.Contains(e, `title="K21"`) {
			t.Fatalf("htmx page: an entry without K21:\n%s", e)
		}
	}
	if m := regexp.MustCompile(`hx-get="([^"]+)"`).FindStringSubmatch(frag); m != nil && !strings.Contains(m[1], "analytic=K21") {
		t.Errorf("the fragment's pager forgets the filter: %s", m[1])
	}
}

// TestJournalFilterCatalogField: choosing another catalog redraws the
// analytic field (htmx) with suggestions from that catalog, and the
// journal is not read for it.
func TestJournalFilterCatalogField(t *testing.T) {
	f := books(t)
	c := f.login(t, demoViewer, "tk")
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/o/demo/journal?part=analytic&catalog=item&analytic=gök", nil)
	req.Header.Set("HX-Request", "true")
	res, frag := c.do(req)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(frag, `<span class="analytic-field" id="analytic-field">`) {
		t.Fatalf("status %d, not the field:\n%s", res.StatusCode, snippet(frag))
	}
	if !strings.Contains(frag, `hx-get="/o/demo/catalogs/item/options?list=f-analytic-list&amp;field=analytic"`) || !strings.Contains(frag, `value="gök"`) {
		t.Errorf("the field does not ask the item catalog, or forgets the text:\n%s", frag)
	}
	if strings.Contains(frag, "<tbody>") || strings.Contains(frag, "<html") {
		t.Errorf("more than the field:\n%s", snippet(frag))
	}
}

// htmlText undoes the escaping html/template gives text.
func htmlText(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}

// htmlAttr escapes s as html/template writes an attribute value.
func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&#34;", "'", "&#39;", "<", "&lt;", ">", "&gt;").Replace(s)
}
