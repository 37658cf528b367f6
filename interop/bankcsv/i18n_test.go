package bankcsv

import (
	"strings"
	"testing"

	"hasap/i18n"
)

// TestErrorsInEveryLanguage: errors name the line and column in ru and tk.
func TestErrorsInEveryLanguage(t *testing.T) {
	_, err := Parse(strings.NewReader(hdr+"2024-02-30,1.00,TMT,A,B\n"), simple)
	if got, want := i18n.Error(err, "ru"), `строка 2, столбец 1: "2024-02-30" — не дата в формате 2006-01-02`; got != want {
		t.Errorf("ru: %q\nwant %q", got, want)
	}
	if got, want := i18n.Error(err, "tk"), `setir 2, sütün 1: "2024-02-30" sene däl (görnüşi 2006-01-02 bolmaly)`; got != want {
		t.Errorf("tk: %q\nwant %q", got, want)
	}
	m := simple
	m.Date = 0
	if got, want := i18n.Error(m.Validate(), "tk"), "sazlamada sene sütüni gerek"; got != want {
		t.Errorf("tk: %q", got)
	}
}
