package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Rates lists the exchange rates recorded in an organisation, of currency
// (every currency when empty), dated from..to, by currency and date, at
// most limit (1..500, 100 when 0) from offset. Reading them needs what
// reading the books needs.
func (a *App) Rates(ctx context.Context, actor Actor, orgCode, currency string, from, to ledger.Date, offset, limit int) ([]store.RateRow, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	if limit > 500 || offset < 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "page: offset %d, limit %d out of range", offset, limit)
	}
	if to == ledger.NoDate {
		to = ledger.DateOf(9999, 12, 31)
	}
	return a.Store.Rates(ctx, org.ID, strings.ToUpper(currency), from, to, offset, limit)
}

// RateLineError is a line of a rates file that cannot be read; the whole
// file is refused.
type RateLineError struct {
	Line int
	Err  error
}

func (e *RateLineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *RateLineError) Unwrap() error { return e.Err }

// ParseRatesCSV reads a rates file: one rate a line, date;currency;rate,
// the date as dd.mm.yyyy or yyyy-mm-dd, the rate with a point or a comma.
// A header line whose first field is not a date is skipped when it is the
// first line; empty lines are skipped. The first bad line is a
// *RateLineError.
func ParseRatesCSV(data string) ([]store.RateRow, error) {
	var out []store.RateRow
	for i, line := range strings.Split(strings.TrimPrefix(data, "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := strings.Split(line, ";")
		if len(f) != 3 {
			if i == 0 && len(f) > 0 && !looksLikeDate(f[0]) {
				continue
			}
			return nil, &RateLineError{i + 1, ledger.Errorf(ledger.EInvalid, "want date;currency;rate, got %d fields", len(f))}
		}
		d, err := parseRateDate(strings.TrimSpace(f[0]))
		if err != nil {
			if i == 0 && !looksLikeDate(f[0]) {
				continue // header
			}
			return nil, &RateLineError{i + 1, ledger.Errorf(ledger.EInvalid, "date %q: %v", f[0], err)}
		}
		cur := strings.ToUpper(strings.TrimSpace(f[1]))
		if _, err := money.Lookup(cur); err != nil {
			return nil, &RateLineError{i + 1, ledger.Errorf(ledger.EInvalid, "unknown currency %q", f[1])}
		}
		r, err := money.ParseRate(f[2])
		if err != nil {
			return nil, &RateLineError{i + 1, ledger.Errorf(ledger.EInvalid, "%v", err)}
		}
		out = append(out, store.RateRow{Currency: cur, Date: d, Rate: r})
	}
	if len(out) == 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "the file has no rates")
	}
	return out, nil
}

func looksLikeDate(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func parseRateDate(s string) (ledger.Date, error) {
	if dd, mm, ok := strings.Cut(s, "."); ok {
		m, y, ok := strings.Cut(mm, ".")
		if !ok || len(dd) != 2 || len(m) != 2 || len(y) != 4 {
			return ledger.NoDate, errors.New("want dd.mm.yyyy or yyyy-mm-dd")
		}
		s = y + "-" + m + "-" + dd
	}
	return ledger.ParseDate(s)
}

// ImportRates records every rate of a rates file (see ParseRatesCSV), or,
// when a line is bad, none. Who may put a rate may import them.
func (a *App) ImportRates(ctx context.Context, actor Actor, orgCode, data string) (int, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return 0, err
	}
	rows, err := ParseRatesCSV(data)
	if err != nil {
		return 0, err
	}
	for i, r := range rows {
		if r.Currency == org.Currency.Code {
			return 0, &RateLineError{i + 1, ledger.Errorf(ledger.EInvalid, "%s is the base currency", r.Currency)}
		}
	}
	put := make([]store.RateRow, len(rows))
	for i, r := range rows {
		put[i] = store.RateRow{Currency: r.Currency, Date: r.Date, Rate: r.Rate}
	}
	if err := a.Store.PutRates(ctx, org.ID, put); err != nil { // all or none
		return 0, err
	}
	return len(rows), a.audit(ctx, actor, org.ID, ActRate, fmt.Sprintf("%d rates imported", len(rows)))
}

// rateOn is the rate of currency on date in org: the latest recorded one,
// or, for a manat organisation that has none, the Central Bank's official
// US dollar rate (DefaultTMTRates).
func (a *App) rateOn(ctx context.Context, org ledger.Org, currency string, date ledger.Date) (money.Rate, error) {
	rate, _, err := a.Store.RateOn(ctx, org.ID, currency, date)
	if err == nil || !ledger.IsCode(err, ledger.ENotFound) || org.Currency.Code != "TMT" {
		return rate, err
	}
	var found bool
	for _, r := range DefaultTMTRates()[currency] {
		if r.Date <= date {
			rate, found = r.Rate, true
		}
	}
	if !found {
		return rate, err
	}
	return rate, nil
}
