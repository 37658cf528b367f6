package api_test

import (
	"strings"
	"testing"
)

// TestCorrReports: the chessboard and the account analysis answer JSON
// that the OpenAPI document describes, and refuse bad parameters.
func TestCorrReports(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	o := "/api/v1/orgs/" + acme
	r := f.do(t, acct, call{method: "GET", path: o + "/chessboard?level=sub"})
	mustStatus(t, "chessboard", r, 200)
	if !strings.Contains(string(r.body), `"level":"sub"`) || !strings.Contains(string(r.body), `"account":"62.01"`) {
		t.Errorf("chessboard: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: o + "/accounts/62/analysis?by_month=true&from=2025-01-01&to=2025-02-28"})
	mustStatus(t, "analysis by month", r, 200)
	if !strings.Contains(string(r.body), `"months":[{"from":"2025-01-01","to":"2025-01-31"`) {
		t.Errorf("analysis by month: %s", r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: o + "/chessboard?level=nope"})
	mustStatus(t, "bad level", r, 422)
	r = f.do(t, acct, call{method: "GET", path: o + "/accounts/62/analysis?by_month=maybe"})
	mustStatus(t, "bad by_month", r, 422)
}
