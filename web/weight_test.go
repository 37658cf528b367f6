package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hasap/demo"
)

// budget is the most a page may weigh on the wire, gzip on (issue 3).
const budget = 50 << 10

// TestPageWeights measures each main page of the demo organisation as it
// travels (gzip), prints the table, and holds each to the budget; also the
// first visit, when the style sheet and htmx come too (later visits have
// them cached for a year).
func TestPageWeights(t *testing.T) {
	f := books(t)
	c := f.login(t, demoOwner, "ru")
	c.gzip = true
	o := "/o/" + demo.Code
	pages := []struct{ name, path string }{
		{"login", "/login"},
		{"home", o + "/"},
		{"chart of accounts", o + "/accounts"},
		{"journal (50 entries)", o + "/journal"},
		{"entry", o + "/entries/2025/100"},
		{"entry form", o + "/entries/new"},
		{"account card 51, year (200 lines)", o + "/accounts/51/card?from=2025-01-01&to=2025-12-31"},
		{"account card 62 (sub-accounts)", o + "/accounts/62/card"},
		{"trial balance, year", o + "/trial-balance?from=2025-01-01&to=2025-12-31"},
		{"chessboard, year", o + "/chessboard?from=2025-01-01&to=2025-12-31"},
		{"chessboard by sub-accounts, year", o + "/chessboard?from=2025-01-01&to=2025-12-31&level=sub"},
		{"analysis of 62 by month, year", o + "/accounts/62/analysis?from=2025-01-01&to=2025-12-31&bymonth=1"},
		{"catalogs", o + "/catalogs"},
		{"counterparties", o + "/catalogs/counterparty"},
		{"import", o + "/import"},
		{"lock date and verification", o + "/control"},
		{"audit log", o + "/audit"},
		{"members", o + "/members"},
		{"profile", "/me"},
	}
	var assets int
	anon := f.anonymous(t, "ru")
	_, login := anon.get("/login")
	anon.gzip = true
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(login, -1) {
		res, body := anon.get(strings.ReplaceAll(m[1], "&amp;", "&"))
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s is not compressed", m[1])
		}
		t.Logf("%-36s %6.1f KB", m[1][:strings.IndexByte(m[1], '?')], float64(len(body))/1024)
		assets += len(body)
	}
	if assets == 0 {
		t.Fatal("the login page links no static files")
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-36s %10s %10s %12s\n", "page", "gzip KB", "raw KB", "first visit")
	for _, p := range pages {
		c := c
		if p.name == "login" {
			c = anon
		}
		res, body := c.get(p.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p.name, res.StatusCode)
			continue
		}
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not compressed", p.name)
		}
		wire := len(body)
		raw := rawSize(t, c, p.path)
		fmt.Fprintf(&table, "%-36s %10.1f %10.1f %12.1f\n", p.name, kb(wire), kb(raw), kb(wire+assets))
		if wire+assets > budget {
			t.Errorf("%s weighs %.1f KB with gzip (%.1f KB with the static files of a first visit), over the %d KB budget",
				p.name, kb(wire), kb(wire+assets), budget>>10)
		}
	}
	fmt.Fprintf(&table, "%-36s %10.1f\n", "style sheet + htmx (cached a year)", kb(assets))
	t.Log(table.String())
}

func rawSize(t *testing.T, c *client, path string) int {
	c.gzip = false
	defer func() { c.gzip = true }()
	_, body := c.get(path)
	return len(body)
}

func kb(n int) float64 { return float64(n) / 1024 }
