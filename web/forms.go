package web

import (
	"strings"
	"time"

	"hasap/ledger"
)

// dateOf is the calendar date of t in UTC.
func dateOf(t time.Time) ledger.Date { return ledger.DateOf(t.UTC().Date()) }

// parseDate reads a date as ISO (2025-03-31, the pages' links and the
// English pages) or as people in tk and ru type it: 31.03.2025, 1.3.2025,
// or with a two-digit year, 31.03.25 (2000–2068; 69–99 are 1969–1999).
func parseDate(s string) (ledger.Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02.01.2006", "2.1.2006", "02.01.06", "2.1.06"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dateOf(t), nil
		}
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
