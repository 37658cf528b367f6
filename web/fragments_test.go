package web

import (
	"html"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// TestFragmentsEscape checks the hand-written fragments' escaping: no
// markup character of data survives, and unescaping gives the data back.
func TestFragmentsEscape(t *testing.T) {
	hostile := []string{
		`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `' onmouseover='x`,
		`&amp; already`, "nul\x00byte", `Ýol "Söwda" & Co <HJ>`, ``, `plain`,
	}
	for _, s := range hostile {
		var f frag
		f.esc(s)
		out := string(f.b)
		if strings.ContainsAny(out, `<>"'`) {
			t.Errorf("esc(%q) = %q: markup characters survive", s, out)
		}
		if back := html.UnescapeString(out); back != strings.ReplaceAll(s, "\x00", "\uFFFD") {
			t.Errorf("esc(%q) unescapes to %q", s, back)
		}
	}

	// A whole journal row and card line with hostile names and texts.
	p := &page{Lang: "en", Org: ledger.Org{Code: `o"rg`}, HasOrg: true, exp: 2, loc: money.English}
	n := names{p: p, lang: "en", chart: ledger.Chart{
		"62.01": {Code: "62.01", Names: ledger.Names{EN: hostile[0]}},
	}, analytics: map[ledger.AnalyticID]ledger.Analytic{
		7: {ID: 7, Code: hostile[2], Names: ledger.Names{EN: hostile[1]}},
	}}
	side := ledger.Side{Account: "62.01", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{7}}
	e := ledger.Entry{Year: 2025, Number: 1, Date: ledger.DateOf(2025, 1, 2), Description: hostile[1], Document: hostile[0],
		Postings: []ledger.Posting{{Debit: side, Credit: ledger.Side{Account: `9"0`}, Amount: -100}}}
	for name, out := range map[string]string{
		"journal": string(n.JournalRows([]ledger.Entry{e})),
		"side":    string(n.SideNamed(side)),
	} {
		for _, bad := range []string{"<script", "<img", `' onmouseover`, `o"rg`, `9"0`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: %q appears unescaped in %s", name, bad, out)
			}
		}
		if !strings.Contains(out, "&lt;script&gt;") {
			t.Errorf("%s: the escaped name is missing: %s", name, out)
		}
	}
}
