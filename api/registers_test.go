package api_test

import (
	"strings"
	"testing"
)

// TestRegistersAPI: the trial balance expanded by analytics (62 by
// customer and contract; everything: 41.01 with its quantity, 52 in
// dollars), the general ledger, the analysis of a customer, and their
// refusals (the exports go through writeReport, tested with the
// trial balance's); the matrix checks the schemas and the tenants.
func TestRegistersAPI(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	const o = "/api/v1/orgs/" + acme
	const year = "from=2025-01-01&to=2025-12-31"
	r := f.do(t, acct, call{method: "GET", path: o + "/trial-balance?" + year + "&detail=analytics&account=62"})
	mustStatus(t, "trial balance by analytics", r, 200)
	var customer, contract map[string]any
	rows, _ := field(r.json, "rows").([]any)
	for _, x := range rows {
		row, _ := x.(map[string]any)
		if row["account"] != "62.01" {
			continue
		}
		switch row["code"] {
		case "C-ALTYN":
			customer = row
		case "K-1":
			contract = row
		}
	}
	if customer == nil || contract == nil || customer["kind"] != "counterparty" || field(customer, "level") == nil ||
		field(contract, "analytics", 0) != "C-ALTYN" || field(contract, "analytics", 1) != "K-1" || field(contract, "debit") != "2517.25" {
		t.Errorf("62 by analytics: customer %v, contract %v", customer, contract)
	}
	r = f.do(t, acct, call{method: "GET", path: o + "/trial-balance?" + year + "&detail=analytics"})
	mustStatus(t, "detailed trial balance", r, 200)
	body := string(r.body)
	for _, w := range []string{`"quantity":{`, `"in_currency":{`, `"IT-FLOUR"`, `"currency":"USD"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the detailed trial balance lacks %s: %s", w, body)
		}
	}
	mustStatus(t, "an unknown detail", f.do(t, acct, call{method: "GET", path: o + "/trial-balance?detail=everything"}), 422)

	r = f.do(t, acct, call{method: "GET", path: o + "/general-ledger?" + year + "&account=62.01"})
	mustStatus(t, "62.01 by months", r, 200)
	if field(r.json, "accounts", 0, "account") != "62.01" || field(r.json, "accounts", 0, "months", 0, "from") != "2025-01-01" ||
		field(r.json, "accounts", 0, "months", 0, "debit") == nil {
		t.Errorf("62.01 by months: %s", r.body)
	}
	mustStatus(t, "a general ledger without a period", f.do(t, acct, call{method: "GET", path: o + "/general-ledger"}), 422)
	mustStatus(t, "a general ledger of no account", f.do(t, acct, call{method: "GET", path: o + "/general-ledger?" + year + "&account=99.99"}), 404)

	r = f.do(t, acct, call{method: "GET", path: o + "/analytic-analysis?catalog=counterparty&code=C-ALTYN&" + year + "&lang=ru"})
	mustStatus(t, "the analysis of a customer", r, 200)
	if field(r.json, "analytic", "code") != "C-ALTYN" || field(r.json, "analytic", "name") != "Алтын Базар" || !strings.Contains(string(r.body), `"account":"62.01"`) {
		t.Errorf("the analysis of a customer: %s", r.body)
	}
	mustStatus(t, "no such customer", f.do(t, acct, call{method: "GET", path: o + "/analytic-analysis?catalog=counterparty&code=NOBODY"}), 404)
	mustStatus(t, "no such catalog", f.do(t, acct, call{method: "GET", path: o + "/analytic-analysis?catalog=planets&code=C-ALTYN"}), 422)

}
