package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hasap/auth"
)

var entryLink = regexp.MustCompile(`href="/o/demo/entries/(\d+)/(\d+)"`)

// TestJournalPages walks the journal newest first, page by page, without
// JavaScript (links) and with htmx (fragments appended in place): the same
// entries, none twice, each page newer than the next.
func TestJournalPages(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "en")
	next := "/o/demo/journal?account=51&from=2025-01-01&to=2025-06-30"
	seen := map[string]bool{}
	var pages int
	for next != "" && pages < 50 {
		res, body := c.get(next)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", next, res.StatusCode)
		}
		pages++
		for _, m := range entryLink.FindAllStringSubmatch(body, -1) {
			if seen[m[0]] {
				t.Fatalf("entry %s/%s on two pages", m[1], m[2])
			}
			seen[m[0]] = true
		}
		next = ""
		if m := regexp.MustCompile(`<a href="([^"]+)" hx-get="[^"]+" hx-target="#journal" hx-swap="beforeend">`).FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.Contains(next, "account=51") || !strings.Contains(next, "before=") {
				t.Fatalf("the next page forgets the filter: %s", next)
			}
		}
	}
	if pages < 2 {
		t.Fatalf("%d pages of bank entries in half a year; want several", pages)
	}
	t.Logf("%d entries on %d pages", len(seen), pages)

	// htmx asks for the next page as a fragment: rows to append and the pager.
	_, first := c.get("/o/demo/journal")
	m := regexp.MustCompile(`hx-get="([^"]+)" hx-target="#journal"`).FindStringSubmatch(first)
	if m == nil {
		t.Fatal("no older page")
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+strings.ReplaceAll(m[1], "&amp;", "&"), nil)
	req.Header.Set("HX-Request", "true")
	res, frag := c.do(req)
	if res.StatusCode != http.StatusOK || strings.Contains(frag, "<html") || !strings.HasPrefix(strings.TrimSpace(frag), "<tbody>") {
		t.Fatalf("htmx page: status %d, not a fragment:\n%s", res.StatusCode, snippet(frag))
	}
	if !strings.Contains(frag, `id="pager" hx-swap-oob="true"`) {
		t.Errorf("the fragment does not replace the pager")
	}
	if vary := strings.Join(res.Header.Values("Vary"), ", "); !strings.Contains(vary, "HX-Request") {
		t.Errorf("Vary %q lacks HX-Request", vary)
	}
}

var cardRow = regexp.MustCompile(`<td class="n">([^<]*)</td></tr>`)

// TestAccountCardPages walks the card of the bank account over the year a
// page at a time: each page starts from the balance the previous one ended
// with, and the last ends with the closing balance.
func TestAccountCardPages(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "en")
	next := "/o/demo/accounts/51/card?from=2025-01-01&to=2025-12-31"
	var last, closing string
	var pages int
	for next != "" && pages < 30 {
		res, body := c.get(next)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", next, res.StatusCode)
		}
		pages++
		if closing == "" {
			closing = regexp.MustCompile(`<dt>Closing balance</dt><dd>([^<]+)</dd>`).FindStringSubmatch(body)[1]
		}
		balances := cardRow.FindAllStringSubmatch(body, -1)
		if len(balances) == 0 {
			t.Fatalf("page %d has no lines", pages)
		}
		if pages > 1 {
			carried := regexp.MustCompile(`<tr class="carry"><td colspan="7">…</td><td class="n">([^<]+)</td>`).FindStringSubmatch(body)
			if carried == nil || carried[1] != last {
				t.Fatalf("page %d starts from %v, the previous page ended with %s", pages, carried, last)
			}
		}
		last = balances[len(balances)-1][1]
		next = ""
		if m := regexp.MustCompile(`<a href="([^"]+)">Later lines`).FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	if pages < 2 {
		t.Fatalf("the bank card of a year fits one page (%d); want several", pages)
	}
	if last != closing {
		t.Errorf("the last line's balance %s is not the closing balance %s", last, closing)
	}
	t.Logf("%d pages, closing %s", pages, closing)
}

// TestInsecureCookieForLocalHTTP: under Options.Insecure (serve on
// localhost over http://) the session cookie drops __Host- and Secure,
// which browsers refuse over plain HTTP, and login works over plain HTTP.
func TestInsecureCookieForLocalHTTP(t *testing.T) {
	f := books(t)
	srv := newPlainServer(f)
	defer srv.Close()
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := hc.PostForm(srv.URL+"/login", url.Values{"email": {acmeUser}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == auth.CookieName {
			t.Fatalf("a __Host- cookie over plain HTTP")
		}
		if ck.Name == "hasap_session" {
			session = ck
		}
	}
	if session == nil || session.Secure || !session.HttpOnly {
		t.Fatalf("session cookie %+v", session)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/o/acme/", nil)
	req.AddCookie(session)
	res, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("home with the plain cookie: status %d", res.StatusCode)
	}
}

func TestBodyLimit(t *testing.T) {
	f := books(t)
	c := f.login(t, acmeUser, "en")
	big := url.Values{"desc": {strings.Repeat("x", 300<<10)}}
	res, _ := c.post("/o/acme/entries/new", big, nil)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 300 KB form: status %d, want 413", res.StatusCode)
	}
}
