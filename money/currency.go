// Package money holds exact amounts of money: an int64 count of a currency's
// minor units, ISO 4217 currencies with their exponents, checked arithmetic,
// exchange rates as decimals with a stated rounding rule, and parsing and
// formatting in the Turkmen, Russian and English styles.
//
// No float64 ever touches an amount. The package imports only the standard
// library and must never import a store, SQL or HTTP package.
package money

import (
	"fmt"
	"sort"
	"strings"
)

// Currency is an ISO 4217 currency: its alphabetic code, numeric code and
// exponent (the number of digits after the decimal mark in its minor unit).
type Currency struct {
	Code     string
	Numeric  int
	Exponent int
}

// String returns the alphabetic code.
func (c Currency) String() string { return c.Code }

// currencies lists the ISO 4217 currencies Hasap knows. Exponents are those of
// the ISO 4217 list (JPY 0, KWD 3, most others 2).
var currencies = map[string]Currency{
	"TMT": {"TMT", 934, 2},
	"USD": {"USD", 840, 2},
	"EUR": {"EUR", 978, 2},
	"RUB": {"RUB", 643, 2},
	"CNY": {"CNY", 156, 2},
	"TRY": {"TRY", 949, 2},
	"KZT": {"KZT", 398, 2},
	"UZS": {"UZS", 860, 2},
	"GBP": {"GBP", 826, 2},
	"JPY": {"JPY", 392, 0},
	"KWD": {"KWD", 414, 3},
	"CHF": {"CHF", 756, 2},
	"AED": {"AED", 784, 2},
	"IRR": {"IRR", 364, 2},
	"AFN": {"AFN", 971, 2},
	"AZN": {"AZN", 944, 2},
	"KGS": {"KGS", 417, 2},
	"TJS": {"TJS", 972, 2},
	"BYN": {"BYN", 933, 2},
	"UAH": {"UAH", 980, 2},
	"GEL": {"GEL", 981, 2},
	"AMD": {"AMD", 51, 2},
	"INR": {"INR", 356, 2},
	"KRW": {"KRW", 410, 0},
	"BHD": {"BHD", 48, 3},
	"OMR": {"OMR", 512, 3},
	"JOD": {"JOD", 400, 3},
	"SAR": {"SAR", 682, 2},
	"CAD": {"CAD", 124, 2},
	"AUD": {"AUD", 36, 2},
	"SEK": {"SEK", 752, 2},
	"NOK": {"NOK", 578, 2},
	"DKK": {"DKK", 208, 2},
	"PLN": {"PLN", 985, 2},
	"CZK": {"CZK", 203, 2},
	"XAU": {"XAU", 959, 0},
}

// Lookup returns the currency with the given alphabetic code (case-insensitive).
func Lookup(code string) (Currency, error) {
	c, ok := currencies[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Currency{}, fmt.Errorf("%w: %q", ErrUnknownCurrency, code)
	}
	return c, nil
}

// MustLookup is Lookup for codes known at compile time; it panics on an unknown code.
func MustLookup(code string) Currency {
	c, err := Lookup(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Codes returns the known currency codes in alphabetical order.
func Codes() []string {
	out := make([]string, 0, len(currencies))
	for k := range currencies {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// symbols maps the currency signs commonly written in plain-text journals to
// ISO codes. ¥ is taken as JPY, as hledger users mostly mean it.
var symbols = map[string]string{
	"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "руб": "RUB", "руб.": "RUB",
	"¥": "JPY", "₺": "TRY", "₸": "KZT", "m": "TMT", "manat": "TMT", "CN¥": "CNY",
}

// FromSymbol resolves a currency code or a common currency sign ("$", "€",
// "₽", "m") to a currency.
func FromSymbol(s string) (Currency, error) {
	if code, ok := symbols[s]; ok {
		return currencies[code], nil
	}
	return Lookup(s)
}

// pow10 holds 10^0 .. 10^18, the powers that fit in an int64.
var pow10 = [19]int64{
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
	1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
}
