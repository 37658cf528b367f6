package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hasap/app"
)

// apiStatement is an MT940 statement of one line of money in, whose
// reference ref makes a file of its own.
func apiStatement(ref string) string {
	return ":20:" + ref + "\n:25:TM0001\n:60F:C250302TMT0,00\n:61:2503030303C10,00NTRFNONREF\n:86:Payment for invoice № 1\n:62F:C250303TMT10,00\n"
}

// matrixStatement returns a path maker: a statement of acme imported by
// System, with suffix.
func matrixStatement(o, suffix string) func() string {
	return func() string {
		sts, err := fix.app.ImportStatement(context.Background(), app.System, acme, app.ImportInput{Format: app.FormatMT940,
			File: strings.NewReader(apiStatement(fmt.Sprint("M", idemCounter.Add(1))))})
		if err != nil {
			panic(err)
		}
		return fmt.Sprintf("%s/bank-statements/%d%s", o, sts[0].ID, suffix)
	}
}

// bankEndpoints are the access matrix's rows of bank statements.
func bankEndpoints(o string, key func() map[string]string) []endpoint {
	return []endpoint{
		{method: "POST", path: o + "/bank-statements?format=mt940", ok: 201, clerk: true,
			body: func() string { return apiStatement(fmt.Sprint("S", idemCounter.Add(1))) }},
		{method: "GET", path: o + "/bank-statements/{id}", pathf: matrixStatement(o, ""), ok: 200},
		{method: "POST", path: o + "/bank-statements/{id}/confirm", pathf: matrixStatement(o, "/confirm"), ok: 200, clerk: true,
			body: func() string { return `{"lines":[{"line":1}]}` }},
		{method: "POST", path: o + "/bank-statements/{id}/confirm?post", pathf: matrixStatement(o, "/confirm"), ok: 200, headers: key,
			body: func() string { return `{"lines":[],"post":true}` }},
	}
}

// TestBankStatements imports a statement through the API: the proposals
// come back, the same file again is 409, a bad file 422 naming the line in
// the caller's language, confirming with post needs an Idempotency-Key,
// and a line confirmed twice makes one document.
func TestBankStatements(t *testing.T) {
	f := books(t)
	acct := f.callers["accountant"]
	const o = "/api/v1/orgs/" + acme
	file := apiStatement("API-1")
	r := f.do(t, acct, call{method: "POST", path: o + "/bank-statements?format=mt940", body: file})
	if r.status != 201 || !strings.Contains(string(r.body), `"total_lines":1`) || !strings.Contains(string(r.body), `"closing":"10.00"`) {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	id := field(r.json, "statements", 0, "id")
	if r := f.do(t, acct, call{method: "POST", path: o + "/bank-statements?format=mt940", body: file}); r.status != 409 {
		t.Fatalf("the same file again: %d %s", r.status, r.body)
	}
	bad := strings.Replace(file, "C10,00N", "C10,001N", 1)
	if r := f.do(t, acct, call{method: "POST", path: o + "/bank-statements?format=mt940&lang=ru", body: bad}); r.status != 422 || !strings.Contains(string(r.body), "строка 4") {
		t.Fatalf("a bad file: %d %s", r.status, r.body)
	}
	if r := f.do(t, acct, call{method: "POST", path: o + "/bank-statements?format=xml", body: file + " "}); r.status != 422 {
		t.Fatalf("an unknown format: %d %s", r.status, r.body)
	}
	path := fmt.Sprintf("%s/bank-statements/%v/confirm", o, id)
	if r := f.do(t, acct, call{method: "POST", path: path, body: `{"lines":[{"line":1}],"post":true}`}); r.status != 422 {
		t.Fatalf("post without a key: %d %s", r.status, r.body)
	}
	r = f.do(t, acct, call{method: "POST", path: path, body: `{"lines":[{"line":1}]}`})
	if r.status != 200 || fmt.Sprint(field(r.json, "made")) != "1" {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	made := field(r.json, "documents", 0, "document")
	r = f.do(t, acct, call{method: "POST", path: path, body: `{"lines":[{"line":1}]}`})
	if r.status != 200 || fmt.Sprint(field(r.json, "already")) != "1" || fmt.Sprint(field(r.json, "documents", 0, "document")) != fmt.Sprint(made) {
		t.Fatalf("confirm again: %d %s", r.status, r.body)
	}
	r = f.do(t, acct, call{method: "GET", path: fmt.Sprintf("%s/bank-statements/%v", o, id)})
	if r.status != 200 || fmt.Sprint(field(r.json, "lines", 0, "document")) != fmt.Sprint(made) {
		t.Fatalf("the statement after confirming: %d %s", r.status, r.body)
	}
}
