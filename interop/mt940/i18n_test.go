package mt940

import (
	"strings"
	"testing"

	"hasap/i18n"
)

// TestErrorsInEveryLanguage: an error comes out wholly in the user's
// language, the nested message and the balance check's included.
func TestErrorsInEveryLanguage(t *testing.T) {
	for _, c := range []struct{ in, ru, tk string }{
		{head + ":61:240102C10,001NTRFX\n",
			"строка 4: поле :61: в сумме 10,001 больше знаков после запятой, чем допускает TMT (2)",
			"setir 4: meýdança :61: 10,001 möçberinde TMT üçin rugsat edilen"},
		{head + ":61:240102C10,00NTRFX\n:62F:C240102TMT100,00\n",
			"строка 1: выписка S1: входящий остаток 100.00 вместе с итогом строк 10.00 даёт 110.00, а не исходящий остаток 100.00",
			"setir 1: S1 göçürmesi: başlangyç galyndy 100.00"},
	} {
		_, err := Parse(strings.NewReader(c.in))
		if got := i18n.Error(err, "ru"); got != c.ru {
			t.Errorf("ru: %q\nwant %q", got, c.ru)
		}
		if got := i18n.Error(err, "tk"); !strings.HasPrefix(got, c.tk) {
			t.Errorf("tk: %q\nwant %q...", got, c.tk)
		}
	}
}
