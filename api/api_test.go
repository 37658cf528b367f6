package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hasap/api"
	"hasap/app"
	"hasap/auth"
	"hasap/internal/apptest"
	"hasap/ledger"
)

func TestTrialBalanceJSON(t *testing.T) {
	ctx := context.Background()
	a := apptest.New(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "acme", Name: "Acme", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	e := ledger.Entry{Date: ledger.DateOf(2025, 1, 2), Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 115000}}}
	if _, err := a.Post(ctx, app.System, "acme", e); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateUser(ctx, app.System, "viewer@acme.tm", "Viewer", "correct horse battery", "ru"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddMember(ctx, app.System, "acme", "viewer@acme.tm", auth.Accountant); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "other", Name: "Other", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	token, err := createToken(ctx, a, "viewer@acme.tm", "correct horse battery", "acme")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.Handler(a))
	defer srv.Close()
	get := func(path, token string) (*http.Response, error) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return http.DefaultClient.Do(req)
	}

	res, err := get("/api/v1/orgs/acme/trial-balance?lang=ru&to=2025-12-31", token)
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

	for _, c := range []struct {
		path, token string
		want        int
	}{
		{"/api/v1/orgs/acme/trial-balance", "", http.StatusUnauthorized},
		{"/api/v1/orgs/acme/trial-balance", "hsp_forged", http.StatusUnauthorized},
		{"/api/v1/orgs/other/trial-balance", token, http.StatusNotFound}, // another tenant looks like nothing
		{"/api/v1/orgs/nobody/trial-balance", token, http.StatusNotFound},
		{"/api/v1/orgs/acme/trial-balance?from=yesterday", token, http.StatusUnprocessableEntity},
		{"/healthz", "", http.StatusOK},
	} {
		path, want := c.path, c.want
		res, err := get(path, c.token)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != want {
			b, _ := io.ReadAll(res.Body)
			t.Errorf("%s: status %d, want %d: %s", path, res.StatusCode, want, b)
		}
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: content type %q", path, ct)
		}
	}
}

// createToken logs the user in and makes an API token for the organisation.
func createToken(ctx context.Context, a *app.App, email, password, org string) (string, error) {
	session, _, err := a.Login(ctx, email, password, "", "127.0.0.1", "")
	if err != nil {
		return "", err
	}
	actor, err := a.Authenticate(ctx, session, "127.0.0.1")
	if err != nil {
		return "", err
	}
	return a.CreateAPIToken(ctx, actor, org, "test")
}
