package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
)

// acmeApp is the application over the test books, for the rows of the
// access matrix that set acme's books up before each call.
var acmeApp *app.App

// closeEndpoints are the month close's rows of the access matrix, on
// months of their own far from acme's books: a month with nothing to
// close (posting its first step locks it when it has nothing to post;
// the reopening sets a lock date first, which the owner's clears), and
// for the unpost a new month per call with
// other income closed to 99 by the system first.
func closeEndpoints(o string) []endpoint {
	n := 0
	posted := func() string {
		n++
		month := ledger.DateOf(2040+n, 1, 1)
		ctx := context.Background()
		e := ledger.Entry{Date: month + 14, Description: "income", Postings: []ledger.Posting{{
			Debit: ledger.Side{Account: "50.03"}, Credit: ledger.Side{Account: "91.01"}, Amount: 100}}}
		if _, err := acmeApp.Post(ctx, app.System, acme, e); err != nil {
			panic(err)
		}
		if _, err := acmeApp.PostCloseStep(ctx, app.System, acme, month, doc.CloseMonth); err != nil {
			panic(err)
		}
		return fmt.Sprintf("%s/close/%d-01/steps/close_month/unpost", o, 2040+n)
	}
	return []endpoint{
		{method: "GET", path: o + "/close/2025-03", ok: 200},
		{method: "POST", path: o + "/close/{month}/steps/{step}/unpost", pathf: posted, ok: 200, settings: true},
		{method: "POST", path: o + "/close/2031-01/steps/revaluation", ok: 200, settings: true},
		{method: "POST", path: o + "/reopen", ok: 200, owner: true, body: func() string { return `{"to":"","reason":"the access matrix"}` },
			pathf: func() string {
				if err := acmeApp.SetLockDate(context.Background(), app.System, acme, ledger.DateOf(2031, 12, 31)); err != nil {
					panic(err)
				}
				return o + "/reopen"
			}},
	}
}

// TestCloseAPI: October 2026 of acme through the API, as the chief
// accountant: the revaluation step's preview, the steps refused out of
// order, posted in order, the month locked, and a bad month refused.
func TestCloseAPI(t *testing.T) {
	f := books(t)
	chief := f.callers["chief"]
	const o = "/api/v1/orgs/" + acme
	r := f.do(t, chief, call{method: "GET", path: o + "/close/2026-13"})
	mustStatus(t, "a bad month", r, http.StatusUnprocessableEntity)
	r = f.do(t, chief, call{method: "GET", path: o + "/close/2026-10?lang=ru"})
	mustStatus(t, "October", r, http.StatusOK)
	for _, want := range []string{`"step":"revaluation"`, `"title":"Переоценка валюты"`, `"locked":false`} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("October lacks %s: %s", want, r.body)
		}
	}
	r = f.do(t, f.callers["accountant"], call{method: "POST", path: o + "/close/2026-10/steps/revaluation"})
	mustStatus(t, "the accountant posts a step", r, http.StatusForbidden)
	r = f.do(t, chief, call{method: "POST", path: o + "/close/2026-10/steps/nonsense"})
	mustStatus(t, "an unknown step", r, http.StatusNotFound)
	var last response
	for _, step := range []string{"revaluation", "close_month", "profit_tax"} {
		last = f.do(t, chief, call{method: "POST", path: o + "/close/2026-10/steps/" + step})
		if last.status != http.StatusOK && last.status != http.StatusConflict {
			t.Fatalf("post %s: %d %s", step, last.status, last.body)
		}
	}
	r = f.do(t, chief, call{method: "GET", path: o + "/close/2026-10"})
	if !strings.Contains(string(r.body), `"locked":true`) || !strings.Contains(string(r.body), `"lock_date":"2026-10-31"`) {
		t.Errorf("October is not locked: %s", r.body)
	}
	// The closing documents are documents: listed and read as the others.
	r = f.do(t, chief, call{method: "GET", path: o + "/documents?type=profit_tax&from=2026-10-31&to=2026-10-31"})
	mustStatus(t, "the profit tax documents", r, http.StatusOK)
	if !strings.Contains(string(r.body), `"type":"profit_tax"`) {
		t.Errorf("no profit tax document listed: %s", r.body)
	}
	r = f.do(t, chief, call{method: "POST", path: o + "/reopen", body: `{"to":"2026-09-30","reason":"x"}`})
	mustStatus(t, "the chief accountant reopens", r, http.StatusForbidden)
	r = f.do(t, f.callers["owner"], call{method: "POST", path: o + "/reopen", body: `{"to":"","reason":"back as it was"}`})
	mustStatus(t, "the owner reopens", r, http.StatusOK)
}
