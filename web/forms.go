package web

import (
	"strings"
	"time"

	"hasap/ledger"
)

// dateOf is the calendar date of t in UTC.
func dateOf(t time.Time) ledger.Date { return ledger.DateOf(t.UTC().Date()) }

// parseDate reads a date as a date field sends it (2025-03-31) or as people
// in tk and ru type it (31.03.2025).
func parseDate(s string) (ledger.Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("02.01.2006", s); err == nil {
		return dateOf(t), nil
	}
	if t, err := time.Parse("2.1.2006", s); err == nil {
		return dateOf(t), nil
	}
	return ledger.ParseDate(s)
}

// optDate reads an optional date: empty is ledger.NoDate.
func optDate(s string) (ledger.Date, error) {
	if strings.TrimSpace(s) == "" {
		return ledger.NoDate, nil
	}
	return parseDate(s)
}

// isoDate writes a date for a date field, "" for NoDate.
func isoDate(d ledger.Date) string { return d.String() }
