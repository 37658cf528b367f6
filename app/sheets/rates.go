package sheets

import (
	"strings"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/store"
)

// Rates is the sheet of exchange rates: date, currency, rate (base
// currency per unit), with as many decimals as the most precise rate.
func Rates(rows []store.RateRow, org ledger.Org, lang string) (*sheet.Sheet, error) {
	exp := 2
	for _, r := range rows {
		s := r.Rate.String()
		if i := strings.IndexByte(s, '.'); i >= 0 {
			exp = max(exp, len(s)-i-1)
		}
	}
	sh := &sheet.Sheet{Name: "rates", Title: i18n.T(lang, "Exchange rates"), Lines: []string{orgLine(org)},
		Columns: []sheet.Column{{Title: i18n.T(lang, "Date"), Kind: sheet.Date}, {Title: i18n.T(lang, "Currency"), Width: 8},
			{Title: i18n.Sprintf(lang, "Rate, %s per unit", org.Currency.Code), Kind: sheet.Number, Exp: exp}}}
	for _, r := range rows {
		n, err := money.ParseDecimal(r.Rate.String(), exp)
		if err != nil {
			return nil, err
		}
		sh.Add(sheet.Plain, 0, sheet.D(r.Date), sheet.T(r.Currency), sheet.M(n))
	}
	return sh, nil
}
