package export

import (
	"bytes"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

func TestWrite(t *testing.T) {
	sh := &sheet.Sheet{Name: "x", Title: "X", Columns: []sheet.Column{{Title: "A", Kind: sheet.Text}, {Title: "N", Kind: sheet.Money, Exp: 2}}}
	sh.Add(sheet.Plain, 0, sheet.T("a"), sheet.M(115000))
	for format, magic := range map[string]string{"csv": "\ufeffA,N", "xlsx": "PK", "pdf": "%PDF-"} {
		var b bytes.Buffer
		ctype, err := Write(&b, sh, format, money.Russian)
		if err != nil || ctype != ContentType(format) || ctype == "" {
			t.Errorf("%s: %q, %v", format, ctype, err)
		}
		if !strings.HasPrefix(b.String(), magic) {
			t.Errorf("%s starts %q", format, b.String()[:min(b.Len(), 10)])
		}
	}
	if _, err := Write(&bytes.Buffer{}, sh, "html", money.Russian); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("html: %v", err)
	}
}

func TestFromAccept(t *testing.T) {
	for accept, want := range map[string]string{
		"":                           "",
		"application/json":           "",
		"text/csv":                   "csv",
		"application/pdf, */*;q=0.1": "pdf",
		"text/html, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
		"text/csv; charset=utf-8": "csv",
		"garbage;;;":              "",
	} {
		if got := FromAccept(accept); got != want {
			t.Errorf("FromAccept(%q) = %q, want %q", accept, got, want)
		}
	}
}

func TestBaseName(t *testing.T) {
	if got := BaseName("trial-balance", ledger.DateOf(2026, 1, 1), ledger.DateOf(2026, 1, 31)); got != "trial-balance-2026-01-01-2026-01-31" {
		t.Error(got)
	}
	if got := BaseName("balances", ledger.NoDate, ledger.DateOf(2026, 1, 31)); got != "balances-2026-01-31" {
		t.Error(got)
	}
}
