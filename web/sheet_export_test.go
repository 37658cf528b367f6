package web

import (
	"bytes"
	"strings"
	"testing"

	"hasap/money"
	"hasap/report/sheet"
)

func TestWriteSheetFormats(t *testing.T) {
	sh := &sheet.Sheet{Name: "x", Title: "X", Columns: []sheet.Column{{Title: "A", Kind: sheet.Text}, {Title: "N", Kind: sheet.Money, Exp: 2}}}
	sh.Add(sheet.Plain, 0, sheet.T("a"), sheet.M(115000))
	for format, want := range map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf", "html": ""} {
		var b bytes.Buffer
		ctype, err := WriteSheet(&b, sh, format, money.Russian)
		if err != nil || ctype != want {
			t.Errorf("%s: %q, %v", format, ctype, err)
		}
		magic := map[string]string{"csv": "\ufeffA,N", "xlsx": "PK", "pdf": "%PDF-"}[format]
		if !strings.HasPrefix(b.String(), magic) {
			t.Errorf("%s starts %q", format, b.String()[:min(b.Len(), 10)])
		}
	}
}

func TestExportURL(t *testing.T) {
	p := &page{Here: "/o/a/trial-balance?from=2026-01-01&to=2026-01-31&before=9&format=csv"}
	if got, want := p.ExportURL("pdf"), "/o/a/trial-balance?format=pdf&from=2026-01-01&to=2026-01-31"; got != want {
		t.Errorf("ExportURL = %s, want %s", got, want)
	}
}
