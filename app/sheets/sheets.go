// Package sheets builds the report sheets (package report/sheet) of the
// registers of issue 5 that app works out: the receivables and payables
// ageing, the VAT books, the exchange rates. A sheet is built once, in the
// user's language, and the web pages, the API and the command line all
// write it (HTML, CSV, XLSX, PDF, text). It does no I/O.
package sheets

import (
	"hasap/ledger"
	"hasap/money"
)

// dateText writes a day as the language writes dates: 31.03.2025 in tk and
// ru, 2025-03-31 in en.
func dateText(d ledger.Date, lang string) string {
	if lang == "en" {
		return d.String()
	}
	return d.Time().Format("02.01.2006")
}

// orgLine names the organisation and its currency under a title.
func orgLine(org ledger.Org) string { return org.Name + " (" + org.Currency.Code + ")" }

// Locale is the money locale of a language.
func Locale(lang string) money.Locale {
	switch lang {
	case "tk", "ru":
		return money.Locale(lang)
	}
	return money.English
}

// name picks an analytic's name in lang, or its code.
func name(n ledger.Names, code, lang string) string {
	if s := n.In(lang); s != "" {
		return s
	}
	return code
}
