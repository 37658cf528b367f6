package web

import (
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// TestDateFields: date fields show dates in the page's language and take
// them back as people type them, or as ISO.
func TestDateFields(t *testing.T) {
	want := ledger.DateOf(2025, 3, 31)
	for _, typed := range []string{"31.03.2025", "31.3.2025", " 31.03.25 ", "31.3.25", "2025-03-31"} {
		if d, err := parseDate(typed); err != nil || d != want {
			t.Errorf("parseDate(%q) = %s, %v; want %s", typed, d, err, want)
		}
	}
	for _, bad := range []string{"31/03/2025", "2025-02-30", "32.01.2025", "03.31.2025", "yesterday"} {
		if d, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %s, want an error", bad, d)
		}
	}
	for lang, shown := range map[string]string{"tk": "31.03.2025", "ru": "31.03.2025", "en": "2025-03-31"} {
		p := &page{Lang: lang, loc: money.Locale(lang)}
		if got := p.DateValue("2025-03-31"); got != shown {
			t.Errorf("%s: DateValue = %q, want %q", lang, got, shown)
		}
		if got := p.DateValue("31.3.25x"); got != "31.3.25x" {
			t.Errorf("%s: what the user typed comes back as %q", lang, got)
		}
		if p.DateHint() == "" || p.DateValue("") != "" {
			t.Errorf("%s: hint %q, empty value %q", lang, p.DateHint(), p.DateValue(""))
		}
	}
}
