package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"hasap/app"
)

// settingsBody is a PUT body of acme's settings at version v, with the
// revenue account revenue.
func settingsBody(v int64, revenue, phone string) string {
	return fmt.Sprintf(`{"version":%d,"details":{"legal_name":"«Altyn Acme» HJ","tax_id":"101234567890","address":"Aşgabat",
		"phone":%q,"bank_name":"«Türkmenistan» DTB","bank_account":"TM12 3456","bank_code":"390101201",
		"director":"Annaýew A.","chief_accountant":"Иванова И.","cashier":"Berdiýewa G."},
		"posting":{"default_vat":"15%%","vat_rounding":"line","vat_on_advances":false,"offset_vat":true,"capital":["08"],
		"accounts":{"Sales.Revenue":%q}}}`, v, phone, revenue)
}

// matrixSettingsBody is a valid PUT body at the version stored now.
func matrixSettingsBody() string {
	s, err := fix.app.OrgSettings(context.Background(), app.System, acme)
	if err != nil {
		panic(err)
	}
	return settingsBody(s.Version, "90.01", "+993 12 00-00-00")
}

// TestSettingsAPI: the settings read as the chart's defaults; a PUT by the
// chief accountant saves them and answers the new version; bad input names
// the field and saves nothing; a stale version is 409; accounts the body
// does not name keep theirs.
func TestSettingsAPI(t *testing.T) {
	f := books(t)
	chief, acct := f.callers["chief"], f.callers["accountant"]
	const path = "/api/v1/orgs/" + acme + "/settings"
	r := f.do(t, acct, call{method: "GET", path: path})
	mustStatus(t, "GET", r, 200)
	if field(r.json, "posting", "accounts", "Sales.Receivable") != "62.01" || field(r.json, "posting", "chart_defaults") != true {
		t.Fatalf("GET: %s", r.body)
	}
	version := jsonInt(t, field(r.json, "version"))

	for _, c := range []struct{ body, want string }{
		{strings.Replace(settingsBody(version, "99.99", "1"), `"90.01"`, `"99.99"`, 1), "posting.accounts.Sales.Revenue: account 99.99 does not exist"},
		{settingsBody(version, "90", "1"), "posting.accounts.Sales.Revenue: account 90 has sub-accounts"},
		{strings.Replace(settingsBody(version, "90.01", "1"), `"tax_id":"101234567890"`, `"tax_id":"ИНН"`, 1), "details.tax_id: only digits"},
		{strings.Replace(settingsBody(version, "90.01", "1"), `"Sales.Revenue"`, `"Sales.Nothing"`, 1), `posting.accounts has no account "Sales.Nothing"`},
		{strings.Replace(settingsBody(version, "90.01", "1"), `"capital":["08"],`, ``, 1), "posting.capital is required"},
		{strings.Replace(settingsBody(version, "90.01", "1"), `"phone"`, `"fax"`, 1), `unknown field "fax"`},
		{strings.Replace(settingsBody(version, "90.01", "1"), fmt.Sprintf(`"version":%d,`, version), ``, 1), "version is required"},
	} {
		r := f.do(t, chief, call{method: "PUT", path: path, body: c.body})
		if r.status != 422 || field(r.json, "error") != "invalid" || !strings.Contains(fmt.Sprint(field(r.json, "message")), c.want) {
			t.Errorf("PUT %s: %d %s, want 422 with %q", c.want, r.status, r.body, c.want)
		}
	}
	if after, _ := f.app.OrgSettings(context.Background(), app.System, acme); after.Version != version {
		t.Fatalf("a refused PUT saved: version %d → %d", version, after.Version)
	}
	r = f.do(t, acct, call{method: "PUT", path: path, body: settingsBody(version, "90.01", "1")})
	mustStatus(t, "PUT as an accountant", r, 403)

	r = f.do(t, chief, call{method: "PUT", path: path + "?lang=ru", body: settingsBody(version, "90.01", "+993 12 34-56-78")})
	mustStatus(t, "PUT", r, 200)
	if jsonInt(t, field(r.json, "version")) != version+1 || field(r.json, "details", "phone") != "+993 12 34-56-78" ||
		field(r.json, "posting", "saved") != true || field(r.json, "posting", "accounts", "Sales.Receivable") != "62.01" {
		t.Fatalf("PUT answered %s", r.body)
	}
	r = f.do(t, chief, call{method: "PUT", path: path + "?lang=ru", body: settingsBody(version, "90.01", "1")})
	if r.status != 409 || !strings.Contains(string(r.body), "настройки тем временем изменил кто-то другой") {
		t.Errorf("a stale PUT: %d %s", r.status, r.body)
	}
}

func jsonInt(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v is not a JSON number", v)
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// TestSettingsClosingAPI: the posting settings carry the close's profit
// tax rate (a decimal string) and the accounts not revalued; a PUT sets
// them, one without them keeps them, and a bad one names its field in the
// caller's language and saves nothing.
func TestSettingsClosingAPI(t *testing.T) {
	f := books(t)
	chief := f.callers["chief"]
	const path = "/api/v1/orgs/" + acme + "/settings"
	get := func() (int64, any, any) {
		t.Helper()
		r := f.do(t, chief, call{method: "GET", path: path})
		mustStatus(t, "GET", r, 200)
		return jsonInt(t, field(r.json, "version")), field(r.json, "posting", "profit_tax_rate"), field(r.json, "posting", "not_revalued")
	}
	version, rate, notRevalued := get()
	if rate != "8" || fmt.Sprint(notRevalued) != "[60.22 62.22]" {
		t.Fatalf("GET: profit_tax_rate %v, not_revalued %v", rate, notRevalued)
	}
	with := func(v int64, closing string) string {
		return strings.Replace(settingsBody(v, "90.01", "1"), `"capital":["08"],`, `"capital":["08"],`+closing, 1)
	}
	for _, c := range []struct{ closing, want string }{
		{`"profit_tax_rate":"101",`, "posting.profit_tax_rate: ставка налога на прибыль 101 % больше 100 %"},
		{`"profit_tax_rate":"-1",`, "posting.profit_tax_rate: ставка налога на прибыль -1 % отрицательная"},
		{`"profit_tax_rate":"8.125",`, "posting.profit_tax_rate: у ставки налога на прибыль 8.125 % больше двух знаков"},
		{`"profit_tax_rate":"x",`, `posting.profit_tax_rate: ставка налога на прибыль "x" — не число`},
		{`"not_revalued":["62.22","99.99"],`, "posting.not_revalued: счёт 99.99 не существует"},
		{`"not_revalued":["60"],`, "posting.not_revalued: у счёта 60 есть субсчета"},
	} {
		r := f.do(t, chief, call{method: "PUT", path: path + "?lang=ru", body: with(version, c.closing)})
		if r.status != 422 || !strings.Contains(fmt.Sprint(field(r.json, "message")), c.want) {
			t.Errorf("PUT %s: %d %s, want 422 with %q", c.closing, r.status, r.body, c.want)
		}
	}
	if v, _, _ := get(); v != version {
		t.Fatalf("a refused PUT saved: version %d → %d", version, v)
	}

	r := f.do(t, chief, call{method: "PUT", path: path, body: with(version, `"profit_tax_rate":"12.5","not_revalued":["62.22"],`)})
	mustStatus(t, "PUT", r, 200)
	if field(r.json, "posting", "profit_tax_rate") != "12.5" || fmt.Sprint(field(r.json, "posting", "not_revalued")) != "[62.22]" {
		t.Fatalf("PUT answered %s", r.body)
	}
	// An older client's PUT, without them, keeps them.
	r = f.do(t, chief, call{method: "PUT", path: path, body: settingsBody(version+1, "90.01", "1")})
	mustStatus(t, "PUT without the closing choices", r, 200)
	if v, rate, notRevalued := get(); v != version+2 || rate != "12.5" || fmt.Sprint(notRevalued) != "[62.22]" {
		t.Errorf("after a PUT without them: version %d, profit_tax_rate %v, not_revalued %v", v, rate, notRevalued)
	}
	if s, _ := f.app.OrgSettings(context.Background(), app.System, acme); s.Posting.Closing.ProfitTaxRate != "12.5%" {
		t.Errorf("stored rate %q, want 12.5%%", s.Posting.Closing.ProfitTaxRate)
	}
	// Back to the defaults, for the other tests on acme; [] lists none.
	r = f.do(t, chief, call{method: "PUT", path: path, body: with(version+2, `"profit_tax_rate":"8","not_revalued":[],`)})
	mustStatus(t, "PUT", r, 200)
	if fmt.Sprint(field(r.json, "posting", "not_revalued")) != "[]" {
		t.Errorf("not_revalued [] answered %s", r.body)
	}
	r = f.do(t, chief, call{method: "PUT", path: path, body: with(version+3, `"not_revalued":["60.22","62.22"],`)})
	mustStatus(t, "PUT", r, 200)
}
