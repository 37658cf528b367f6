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

// TestStatementEndpoints: the balance sheet as JSON with its comparison
// (the books: Dt 26 Kt 80 1 150.00 on 2 January 2025, so 1210 and 1310
// are 1150.00 at 31 January and 0.00 at the end of 2024), as a file, and a
// template refused whole naming its line, loaded and dropped.
func TestStatementEndpoints(t *testing.T) {
	ctx := context.Background()
	a := apptest.New(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "st", Name: "Hasabat HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	e := ledger.Entry{Date: ledger.DateOf(2025, 1, 2), Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 115000}}}
	if _, err := a.Post(ctx, app.System, "st", e); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateUser(ctx, app.System, "chief@st.tm", "Chief", "correct horse battery", "ru"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddMember(ctx, app.System, "st", "chief@st.tm", auth.ChiefAccountant); err != nil {
		t.Fatal(err)
	}
	token, err := createToken(ctx, a, "chief@st.tm", "correct horse battery", "st")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.Handler(a))
	defer srv.Close()
	call := func(method, path, body string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	res, b := call("GET", "/api/v1/orgs/st/statements/balance-sheet?period=2025-01&compare=year-start&lang=en", "")
	var st api.Statement
	if res.StatusCode != 200 || json.Unmarshal(b, &st) != nil {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	// Against nothing at the start of the year: the difference is the
	// whole amount and there is no percent.
	want := map[string][2]string{"1210": {"1150.00", "0.00"}, "1310": {"1150.00", "0.00"}, "1600": {"1150.00", "0.00"}, "1700": {"1150.00", "0.00"}}
	for _, l := range st.Lines {
		if w, ok := want[l.Code]; ok && (l.Amount != w[0] || l.Previous != w[1] || l.Difference != w[0] || l.ChangePercent != "") {
			t.Errorf("line %s: %s, %s, %s, %s; want %v", l.Code, l.Amount, l.Previous, l.Difference, l.ChangePercent, w)
		}
	}
	// February against January, after Dt 26 Kt 80 345.00 on 3 February:
	// 1310 1495.00 against 1150.00 is +345.00, +30.0 %.
	e2 := ledger.Entry{Date: ledger.DateOf(2025, 2, 3), Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 34500}}}
	if _, err := a.Post(ctx, app.System, "st", e2); err != nil {
		t.Fatal(err)
	}
	res, b = call("GET", "/api/v1/orgs/st/statements/balance-sheet?period=2025-02&compare=prev-month&lang=en", "")
	var feb api.Statement
	if res.StatusCode != 200 || json.Unmarshal(b, &feb) != nil {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	for _, l := range feb.Lines {
		if l.Code == "1310" && (l.Amount != "1495.00" || l.Previous != "1150.00" || l.Difference != "345.00" || l.ChangePercent != "30.0") {
			t.Errorf("February's 1310: %+v", l)
		}
	}
	if st.To != "2025-01-31" || st.PrevTo != "2024-12-31" || st.Title != "Statement of financial position" {
		t.Errorf("%+v", st)
	}
	// The changes in equity of 2025 by kind of movement: Dt 26 Kt 80
	// 1150.00 and 345.00 brought capital in kind, not through 75, so the
	// other changes (code "") move 3310 from 0.00 to 1495.00.
	res, b = call("GET", "/api/v1/orgs/st/statements/equity?period=2025&lang=en", "")
	var eq api.Statement
	if res.StatusCode != 200 || json.Unmarshal(b, &eq) != nil {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	for _, l := range eq.Lines {
		if l.Code == "PL" || l.Code == "OWN" {
			t.Errorf("a movement line is a line: %+v", l)
		}
		if l.Code != "3310" {
			continue
		}
		var got []string
		for _, m := range l.Movements {
			got = append(got, m.Code+" "+m.Name+" "+m.Amount)
		}
		want := "PL Profit or loss for the period 0.00|OWN Contributions by owners 0.00|DIV Dividends and distributions 0.00| Other changes 1495.00"
		if l.Open != "0.00" || l.Amount != "1495.00" || strings.Join(got, "|") != want {
			t.Errorf("3310: open %s, amount %s, movements %s", l.Open, l.Amount, strings.Join(got, "|"))
		}
	}
	res, b = call("GET", "/api/v1/orgs/st/statements/pnl?period=2025&format=csv", "")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(string(b), "2110") {
		t.Errorf("csv: %d %s", res.StatusCode, b)
	}
	res, b = call("PUT", "/api/v1/orgs/st/statements/pnl/template", `{"body": "code,level,source,name_tk,name_ru,name_en\n2110,0,KT:90.01 L:1,a,b,c\n"}`)
	if res.StatusCode != 422 || !strings.Contains(string(b), "template line 2: no line 1") {
		t.Errorf("bad template: %d %s", res.StatusCode, b)
	}
	res, b = call("PUT", "/api/v1/orgs/st/statements/pnl/template", `{"body": "code,level,source,name_tk,name_ru,name_en\n2110,0,KT:90.01,a,b,Sales\n"}`)
	var tpl api.StatementTemplate
	if res.StatusCode != 200 || json.Unmarshal(b, &tpl) != nil || !tpl.Custom || tpl.Author != "chief@st.tm" {
		t.Fatalf("load: %d %s", res.StatusCode, b)
	}
	res, b = call("DELETE", "/api/v1/orgs/st/statements/pnl/template", "")
	if res.StatusCode != 200 || json.Unmarshal(b, &tpl) != nil || tpl.Custom || tpl.Chart != "cis" {
		t.Fatalf("reset: %d %s", res.StatusCode, b)
	}
	if res, _ := call("GET", "/api/v1/orgs/st/statements/trial", ""); res.StatusCode != 404 {
		t.Errorf("unknown statement: %d", res.StatusCode)
	}
}
