package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCardFindsAnAnalytic: the card of an account that keeps analytics
// narrows to one catalog entry named by a code or part of a name; nothing
// found, or several, is said at the field.
func TestCardFindsAnAnalytic(t *testing.T) {
	f := books(t)
	c := f.login(t, demoViewer, "ru")
	base := "/o/demo/accounts/60.01/card?from=2025-01-01&to=2025-12-31" // K01 is a supplier

	res, body := c.get(base)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="find"`) || !strings.Contains(body, `name="kind"`) {
		t.Fatalf("60.01 card: %d, no analytic field", res.StatusCode)
	}
	res, _ = c.get(base + "&kind=counterparty&find=%D1%8E%D0%BF%D0%B5%D0%BA") // юпек
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "analytic=") || !strings.Contains(loc, "from=2025-01-01") {
		t.Fatalf("find юпек: %d to %q, want 303 to the narrowed card of the period", res.StatusCode, loc)
	}
	res, body = c.get(loc)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Туркмен Юпек") || !strings.Contains(body, `value="K01"`) {
		t.Fatalf("narrowed card: %d, no K01 in the field", res.StatusCode)
	}
	rows := strings.Split(body, `<td class="date">`)[1:]
	if len(rows) == 0 {
		t.Fatal("the narrowed card has no lines")
	}
	for _, row := range rows {
		if !strings.Contains(row, `title="K01"`) {
			t.Fatalf("a line of another counterparty on the narrowed card:\n%s", row)
		}
	}

	for typed, want := range map[string]string{"zzzz-nothing": "zzzz-nothing", "%D0%A2%D1%83%D1%80%D0%BA%D0%BC%D0%B5%D0%BD": "Туркмен"} {
		res, body = c.get(base + "&kind=counterparty&find=" + typed)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="card-find-err"`) || !strings.Contains(body, want) {
			t.Errorf("find %s: %d, want 422 with the message at the field", want, res.StatusCode)
		}
	}
	// A catalog the account does not keep falls back to its first one.
	if res, _ = c.get(base + "&kind=employee&find=K01"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("kind the account does not keep: %d, want the account's own catalog used", res.StatusCode)
	}
}
