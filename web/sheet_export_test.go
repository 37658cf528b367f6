package web

import "testing"

func TestExportURL(t *testing.T) {
	p := &page{Here: "/o/a/trial-balance?from=2026-01-01&to=2026-01-31&before=9&format=csv"}
	if got, want := p.ExportURL("pdf"), "/o/a/trial-balance?format=pdf&from=2026-01-01&to=2026-01-31"; got != want {
		t.Errorf("ExportURL = %s, want %s", got, want)
	}
}
