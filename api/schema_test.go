package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"hasap/api"
)

// A small checker of JSON values against the schemas of an OpenAPI 3.0
// document: $ref, type, properties, required, additionalProperties, items,
// enum, pattern, format (date, date-time), nullable, and the bounds
// minItems, maxItems, minLength, maxLength, minimum, maximum. A keyword it
// does not know fails the check, so the document cannot say more than the
// tests hold the answers to.

type openAPI struct {
	doc map[string]any

	mu   sync.Mutex
	seen map[string]bool // "get /orgs/{org} 200": checked answers
}

// loadOpenAPI reads the document as the server serves it.
func loadOpenAPI(url string) (*openAPI, error) {
	res, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	d := &openAPI{seen: map[string]bool{}}
	if err := json.NewDecoder(res.Body).Decode(&d.doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	return d, nil
}

// annotations are keywords that say nothing a value must satisfy.
var annotations = map[string]bool{"description": true, "example": true, "default": true, "title": true}

// resolve follows a "$ref": "#/components/..." to its target.
func (d *openAPI) resolve(v any) map[string]any {
	m, _ := v.(map[string]any)
	for range 10 {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var cur any = d.doc
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = field(cur, p)
		}
		if cur == nil {
			panic("openapi: dangling $ref " + ref)
		}
		m = cur.(map[string]any)
	}
	panic("openapi: $ref loop")
}

// check returns what is wrong with v under schema, each problem with the
// JSON path where it is.
func (d *openAPI) check(schema any, v any, at string) []string {
	s := d.resolve(schema)
	if s == nil {
		return []string{at + ": no schema"}
	}
	if v == nil {
		if s["nullable"] == true {
			return nil
		}
		return []string{at + ": null"}
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range s {
		switch k {
		case "type", "properties", "required", "additionalProperties", "items", "enum", "pattern", "format",
			"nullable", "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum":
		default:
			if !annotations[k] {
				bad("schema keyword %q is not checked by this test", k)
			}
		}
	}
	switch typ, _ := s["type"].(string); typ {
	case "object":
		errs = append(errs, d.checkObject(s, v, at)...)
	case "array":
		errs = append(errs, d.checkArray(s, v, at)...)
	case "string":
		str, ok := v.(string)
		if !ok {
			bad("want a string, got %T %v", v, v)
			return errs
		}
		errs = append(errs, checkString(s, str, at)...)
	case "integer":
		n, ok := v.(json.Number)
		if !ok || strings.ContainsAny(n.String(), ".eE") {
			bad("want an integer, got %T %v", v, v)
			return errs
		}
		i, _ := n.Int64()
		if m, ok := s["minimum"].(float64); ok && float64(i) < m {
			bad("%d is below the minimum %v", i, m)
		}
		if m, ok := s["maximum"].(float64); ok && float64(i) > m {
			bad("%d is above the maximum %v", i, m)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T %v", v, v)
		}
	default:
		bad("schema type %q is not checked by this test (and an amount is never a JSON number)", typ)
	}
	return errs
}

func (d *openAPI) checkObject(s map[string]any, v any, at string) []string {
	m, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: want an object, got %T", at, v)}
	}
	var errs []string
	props, _ := s["properties"].(map[string]any)
	for _, r := range asList(s["required"]) {
		if _, ok := m[r.(string)]; !ok {
			errs = append(errs, fmt.Sprintf("%s: required property %q missing", at, r))
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ps, ok := props[k]; ok {
			errs = append(errs, d.check(ps, m[k], at+"."+k)...)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				errs = append(errs, fmt.Sprintf("%s: property %q is not in the document", at, k))
			}
		case map[string]any:
			errs = append(errs, d.check(ap, m[k], at+"."+k)...)
		}
	}
	return errs
}

func (d *openAPI) checkArray(s map[string]any, v any, at string) []string {
	a, ok := v.([]any)
	if !ok {
		return []string{fmt.Sprintf("%s: want an array, got %T", at, v)}
	}
	var errs []string
	if n, ok := s["minItems"].(float64); ok && len(a) < int(n) {
		errs = append(errs, fmt.Sprintf("%s: %d items, fewer than %v", at, len(a), n))
	}
	if n, ok := s["maxItems"].(float64); ok && len(a) > int(n) {
		errs = append(errs, fmt.Sprintf("%s: %d items, more than %v", at, len(a), n))
	}
	for i, x := range a {
		errs = append(errs, d.check(s["items"], x, fmt.Sprintf("%s[%d]", at, i))...)
	}
	return errs
}

func checkString(s map[string]any, str, at string) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	if enum := asList(s["enum"]); enum != nil && !slices.Contains(enum, any(str)) {
		bad("%q is not one of %v", str, enum)
	}
	if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
		bad("%q does not match %s", str, p)
	}
	switch s["format"] {
	case nil:
	case "date":
		if _, err := time.Parse("2006-01-02", str); err != nil {
			bad("%q is not a date", str)
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
			bad("%q is not a date-time", str)
		}
	default:
		bad("format %v is not checked by this test", s["format"])
	}
	n := len([]rune(str))
	if m, ok := s["minLength"].(float64); ok && n < int(m) {
		bad("%q is shorter than %v", str, m)
	}
	if m, ok := s["maxLength"].(float64); ok && n > int(m) {
		bad("%q is longer than %v", str, m)
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

// operation finds the operation of a request: the document path whose
// template matches (a literal segment beats a parameter).
func (d *openAPI) operation(method, path string) (template string, op map[string]any) {
	path, _, _ = strings.Cut(path, "?")
	rel, ok := strings.CutPrefix(path, "/api/v1")
	if path == "/healthz" {
		rel, ok = path, true
	}
	if !ok {
		return "", nil
	}
	segs := strings.Split(rel, "/")
	best, bestLiterals := "", -1
	for tmpl := range d.doc["paths"].(map[string]any) {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		literals, match := 0, true
		for i := range ts {
			switch {
			case strings.HasPrefix(ts[i], "{"):
			case ts[i] == segs[i]:
				literals++
			default:
				match = false
			}
		}
		if match && literals > bestLiterals {
			best, bestLiterals = tmpl, literals
		}
	}
	if best == "" {
		return "", nil
	}
	op, _ = field(d.doc, "paths", best, strings.ToLower(method)).(map[string]any)
	return best, op
}

// checkRequest checks a request body the server accepted against the
// operation's requestBody schema: what the document says one may send
// covers what the server takes.
func (d *openAPI) checkRequest(t *testing.T, method, path, body string) {
	t.Helper()
	_, op := d.operation(method, path)
	schema := field(d.resolve(field(op, "requestBody")), "content", "application/json", "schema")
	if schema == nil && field(d.resolve(field(op, "requestBody")), "content", "application/octet-stream") != nil {
		return // a file, such as a bank statement: not JSON
	}
	if schema == nil {
		t.Errorf("%s %s: accepted a body the document does not describe", method, path)
		return
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Errorf("%s %s: request body: %v", method, path, err)
		return
	}
	for _, e := range d.check(schema, v, "request") {
		t.Errorf("%s %s: %s", method, path, e)
	}
}

// intFields are the properties that are JSON numbers in answers: counts,
// positions, ids and versions, never amounts.
var intFields = map[string]bool{"seq": true, "year": true, "number": true, "depth": true, "level": true, "id": true, "version": true,
	// bank statements: line numbers, counts of lines and documents, document ids
	"line": true, "offset": true, "total_lines": true, "not_posted_lines": true, "invoice": true, "document": true,
	"made": true, "posted": true, "already": true, "imported": true, "based_on": true,
	// the cash book: the sheet's number, counts of cash orders, a line's document and entry
	"sheet": true, "receipt_orders": true, "expense_orders": true, "document_id": true, "entry_year": true, "entry_number": true}

// checkResponse checks an answer against the document: the status is one
// the operation lists, and the body fits the schema of that response.
// Requests outside the document (an unknown endpoint) are not checked
// here. Amounts must be strings: no JSON number but the intFields.
func (d *openAPI) checkResponse(t *testing.T, method, path string, r response) {
	t.Helper()
	tmpl, op := d.operation(method, path)
	if op == nil {
		return
	}
	status := fmt.Sprint(r.status)
	resp := d.resolve(field(op, "responses", status))
	if resp == nil {
		t.Errorf("%s %s: status %s is not documented for %s %s: %s", method, path, status, method, tmpl, r.body)
		return
	}
	schema := field(resp, "content", "application/json", "schema")
	if schema == nil {
		t.Errorf("%s %s: response %s has no JSON schema", method, tmpl, status)
		return
	}
	for _, e := range d.check(schema, r.json, "$") {
		t.Errorf("%s %s (%s): %s", method, path, status, e)
	}
	if op["operationId"] != "openapi" {
		for _, p := range numbers(r.json, "$", "") {
			t.Errorf("%s %s: a JSON number at %s: amounts are decimal strings", method, path, p)
		}
	}
	d.mu.Lock()
	d.seen[strings.ToLower(method)+" "+tmpl+" "+status] = true
	d.mu.Unlock()
}

// numbers lists the paths of JSON numbers in v other than intFields.
func numbers(v any, at, key string) []string {
	switch x := v.(type) {
	case json.Number:
		if !intFields[key] {
			return []string{at}
		}
	case map[string]any:
		var out []string
		for k, y := range x {
			out = append(out, numbers(y, at+"."+k, k)...)
		}
		return out
	case []any:
		var out []string
		for i, y := range x {
			out = append(out, numbers(y, fmt.Sprintf("%s[%d]", at, i), "")...)
		}
		return out
	}
	return nil
}

// operations lists every documented operation as "get /orgs/{org}".
func (d *openAPI) operations() []string {
	var out []string
	for tmpl, item := range d.doc["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			switch m {
			case "get", "post", "put", "patch", "delete":
				out = append(out, m+" "+tmpl)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIDocument checks the document itself: every $ref resolves,
// every schema uses only what the checker checks (so no JSON number type
// anywhere), and the document lists exactly the routes the handler serves.
func TestOpenAPIDocument(t *testing.T) {
	f := books(t)
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s: %v", at, r)
						}
					}()
					f.doc.resolve(map[string]any{"$ref": ref})
				}()
			}
			if x["type"] == "number" {
				t.Errorf("%s: type number: amounts are decimal strings", at)
			}
			for k, y := range x {
				walk(y, at+"/"+k)
			}
		case []any:
			for i, y := range x {
				walk(y, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(f.doc.doc, "#")
	for name, s := range f.doc.doc["components"].(map[string]any)["schemas"].(map[string]any) {
		for _, e := range f.doc.check(s, sample(f.doc, s), "#/components/schemas/"+name) {
			if strings.Contains(e, "not checked by this test") {
				t.Error(e)
			}
		}
	}

	var routes []string
	for _, p := range api.RoutePatterns() {
		method, path, ok := strings.Cut(p, " ")
		if !ok {
			continue // the catch-all
		}
		if rel, ok := strings.CutPrefix(path, "/api/v1"); ok {
			path = rel
		}
		routes = append(routes, strings.ToLower(method)+" "+path)
	}
	sort.Strings(routes)
	if docOps := f.doc.operations(); !slices.Equal(routes, docOps) {
		t.Errorf("the handler serves\n  %s\nbut the document lists\n  %s", strings.Join(routes, "\n  "), strings.Join(docOps, "\n  "))
	}
}

// sample is any value, to run a schema's keywords through the checker.
func sample(d *openAPI, s any) any {
	if m := d.resolve(s); m != nil && m["type"] == "object" {
		return map[string]any{}
	}
	return ""
}
