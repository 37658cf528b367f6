package api_test

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
)

const entriesPath = "/api/v1/orgs/" + acme + "/entries"

// countEntries counts acme's entries whose description or document holds
// text.
func countEntries(t *testing.T, f *fixture, text string) int {
	t.Helper()
	r := f.do(t, f.callers["accountant"], call{method: "GET", path: entriesPath + "?limit=500&text=" + url.QueryEscape(text)})
	mustStatus(t, "list", r, 200)
	items, _ := field(r.json, "items").([]any)
	return len(items)
}

func entryBody(description, amount string) string {
	return `{"date":"2025-04-01","description":"` + description + `","document":"DOC-7","postings":[
		{"debit":{"account":"26"},"credit":{"account":"80"},"amount":"` + amount + `"}]}`
}

// TestIdempotentPost: the same key and body give the first result again,
// byte for byte, and post nothing; the same key with another body is 422;
// a request without a key is refused.
func TestIdempotentPost(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	key := newKey()
	post := func(body string, key string) response {
		h := map[string]string{}
		if key != "" {
			h["Idempotency-Key"] = key
		}
		return f.do(t, acct, call{method: "POST", path: entriesPath, body: body, headers: h})
	}
	first := post(entryBody("Idem one", "10.00"), key)
	mustStatus(t, "first post", first, 201)
	// The same entry, written differently: other spacing, an equal amount.
	for _, body := range []string{entryBody("Idem one", "10.00"), strings.ReplaceAll(entryBody("Idem one", "10.0"), "\n", " ")} {
		again := post(body, key)
		mustStatus(t, "replay", again, 201)
		if !bytes.Equal(again.body, first.body) {
			t.Errorf("replay answers\n%s\nnot the first result\n%s", again.body, first.body)
		}
		if again.header.Get("Location") != first.header.Get("Location") || first.header.Get("Location") == "" {
			t.Errorf("Location %q, first %q", again.header.Get("Location"), first.header.Get("Location"))
		}
	}
	if n := countEntries(t, f, "Idem one"); n != 1 {
		t.Errorf("%d entries posted, want 1", n)
	}
	other := post(entryBody("Idem one", "11.00"), key)
	mustStatus(t, "same key, other body", other, 422)
	if msg, _ := field(other.json, "message").(string); !strings.Contains(msg, key) || field(other.json, "error") != "invalid" {
		t.Errorf("clash answer %s: want the key named", other.body)
	}
	if n := countEntries(t, f, "Idem one"); n != 1 {
		t.Errorf("%d entries after a clash, want 1", n)
	}
	mustStatus(t, "no key", post(entryBody("Idem no key", "1.00"), ""), 422)
	mustStatus(t, "key with a space", post(entryBody("Idem bad key", "1.00"), "a key"), 422)
	mustStatus(t, "key too long", post(entryBody("Idem long key", "1.00"), strings.Repeat("k", 129)), 422)
	if n := countEntries(t, f, "Idem no key") + countEntries(t, f, "Idem bad key") + countEntries(t, f, "Idem long key"); n != 0 {
		t.Errorf("%d entries posted by refused requests", n)
	}

	// A request that failed is not remembered: after a 422 the same key
	// posts the corrected entry.
	key2 := newKey()
	mustStatus(t, "invalid entry", post(entryBody("Idem retry", "0.00"), key2), 422)
	mustStatus(t, "corrected entry", post(entryBody("Idem retry", "5.00"), key2), 201)
}

// TestConcurrentIdempotentPost: requests racing with one key post once and
// all answer the same.
func TestConcurrentIdempotentPost(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	key := newKey()
	const n = 8
	var wg sync.WaitGroup
	res := make([]response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = f.do(t, acct, call{method: "POST", path: entriesPath, body: entryBody("Idem race", "3.33"), headers: map[string]string{"Idempotency-Key": key}})
		}()
	}
	wg.Wait()
	for i, r := range res {
		if r.status != 201 || !bytes.Equal(r.body, res[0].body) {
			t.Errorf("request %d: status %d, body %s; first %s", i, r.status, r.body, res[0].body)
		}
	}
	if c := countEntries(t, f, "Idem race"); c != 1 {
		t.Errorf("%d entries posted by %d racing requests with one key, want 1", c, n)
	}
}

// TestIdempotentReverse: a reversal's key is derived from the entry it
// reverses, so the same reversal again gives the first result (with the
// same key, another key or none), and another reversal of the same entry
// is refused like a key reused for another body.
func TestIdempotentReverse(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	// An entry of its own to reverse.
	posted := f.do(t, acct, call{method: "POST", path: entriesPath, body: entryBody("To be reversed", "42.00"), headers: map[string]string{"Idempotency-Key": newKey()}})
	mustStatus(t, "post", posted, 201)
	path := posted.header.Get("Location") + "/reverse"
	// A client's key lives apart from the keys the ledger derives: one
	// spelled like the reversal's own cannot block or hijack it.
	seq := field(posted.json, "seq")
	squat := f.do(t, acct, call{method: "POST", path: entriesPath, body: entryBody("Key squatter", "1.00"),
		headers: map[string]string{"Idempotency-Key": fmt.Sprintf("hasap:reversal-of:%v", seq)}})
	mustStatus(t, "post with a key like a reversal's", squat, 201)
	key := newKey()
	rev := func(body string, h map[string]string) response {
		return f.do(t, acct, call{method: "POST", path: path, body: body, headers: h})
	}
	first := rev(`{"date":"2025-04-02"}`, map[string]string{"Idempotency-Key": key})
	mustStatus(t, "reverse", first, 201)
	if got := field(first.json, "reverses", "number"); got != field(posted.json, "number") {
		t.Errorf("the reversal points to %v: %s", got, first.body)
	}
	for _, h := range []map[string]string{{"Idempotency-Key": key}, {"Idempotency-Key": newKey()}, nil} {
		again := rev(`{"date":"2025-04-02","storno":false}`, h)
		mustStatus(t, "reverse again", again, 201)
		if !bytes.Equal(again.body, first.body) {
			t.Errorf("reverse again answers\n%s\nnot the first result\n%s", again.body, first.body)
		}
	}
	mustStatus(t, "storno of a reversed entry", rev(`{"date":"2025-04-02","storno":true}`, map[string]string{"Idempotency-Key": key}), 422)
	mustStatus(t, "reversal on another date", rev(`{"date":"2025-04-03"}`, nil), 422)
	if n := countEntries(t, f, "To be reversed"); n != 2 {
		t.Errorf("%d entries mention the reversed one, want it and one reversal", n)
	}
}
