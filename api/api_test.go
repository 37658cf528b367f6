package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"hasap/api"
	"hasap/app"
	"hasap/ledger"
	"hasap/store/sqlite"
)

func TestTrialBalanceJSON(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := app.New(st, filepath.Join(dir, "key"))
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "acme", Name: "Acme", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	e := ledger.Entry{Date: ledger.DateOf(2025, 1, 2), Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 115000}}}
	if _, err := a.Post(ctx, app.System, "acme", e); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.Handler(a))
	defer srv.Close()

	res, err := http.Get(srv.URL + "/api/v1/orgs/acme/trial-balance?lang=ru&to=2025-12-31")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tb api.TrialBalance
	if err := json.NewDecoder(res.Body).Decode(&tb); err != nil || res.StatusCode != 200 {
		t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	if !tb.Balanced || tb.Total.ClosingDebit != "1150.00" || tb.Total.ClosingCredit != "1150.00" || tb.Currency != "TMT" {
		t.Fatalf("trial balance %+v", tb)
	}
	if tb.Rows[0].Account != "26" || !strings.Contains(tb.Rows[0].Name, "расход") {
		t.Fatalf("first row %+v", tb.Rows[0])
	}

	for path, want := range map[string]int{
		"/api/v1/orgs/nobody/trial-balance":              http.StatusNotFound,
		"/api/v1/orgs/acme/trial-balance?from=yesterday": http.StatusUnprocessableEntity,
		"/healthz": http.StatusOK,
	} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, want)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: content type %q", path, ct)
		}
	}
}
