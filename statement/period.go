package statement

import (
	"strconv"
	"strings"
	"time"

	"hasap/ledger"
)

// Period is a statement's period, both days included. A balance sheet is
// at its To.
type Period struct {
	From, To ledger.Date
}

// Compare names the period a statement is compared with.
type Compare string

// The comparisons.
const (
	CompareNone      Compare = ""
	ComparePrevMonth Compare = "prev-month" // the period just before, of the same length: last month for a month
	ComparePrevYear  Compare = "prev-year"  // the same period a year before
	CompareYearStart Compare = "year-start" // the start of the year (the end of the one before)
)

// ParseCompare reads a comparison ("" or none for none).
func ParseCompare(s string) (Compare, error) {
	switch c := Compare(s); c {
	case CompareNone, ComparePrevMonth, ComparePrevYear, CompareYearStart:
		return c, nil
	case "none":
		return CompareNone, nil
	}
	return "", ledger.Errorf(ledger.EInvalid, "unknown comparison %q", s)
}

// ParsePeriod reads a period: a year (2026), a quarter (2026-Q1), a month
// (2026-03) or two days (2026-01-01..2026-03-31).
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, err1 := ledger.ParseDate(a)
		to, err2 := ledger.ParseDate(b)
		if err1 != nil || err2 != nil || to < from {
			return Period{}, ledger.Errorf(ledger.EInvalid, "period %q is not two days in order", s)
		}
		return Period{from, to}, nil
	}
	bad := ledger.Errorf(ledger.EInvalid, "period %q is not a year, a quarter (2026-Q1), a month (2026-03) or two days", s)
	ys, rest, _ := strings.Cut(s, "-")
	y, err := strconv.Atoi(ys)
	if err != nil || len(ys) != 4 || y < 1900 || y > 9998 {
		return Period{}, bad
	}
	switch {
	case rest == "":
		return Months(y, 1, 12), nil
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q'):
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return Period{}, bad
		}
		return Months(y, time.Month(3*q-2), 3), nil
	case len(rest) == 2:
		m, err := strconv.Atoi(rest)
		if err != nil || m < 1 || m > 12 {
			return Period{}, bad
		}
		return Months(y, time.Month(m), 1), nil
	}
	return Period{}, bad
}

// Months is the period of n whole months from month m of year y.
func Months(y int, m time.Month, n int) Period {
	return Period{ledger.DateOf(y, m, 1), ledger.DateOf(y, m+time.Month(n), 1) - 1}
}

// MonthOf is the month of day d.
func MonthOf(d ledger.Date) Period {
	y, m, _ := d.YMD()
	return Months(y, m, 1)
}

// wholeMonths returns the first month and how many, when p is whole months.
func (p Period) wholeMonths() (y int, m time.Month, n int, ok bool) {
	y, m, d := p.From.YMD()
	ty, tm, _ := p.To.YMD()
	if d != 1 || (p.To+1).MonthStart() != p.To+1 {
		return 0, 0, 0, false
	}
	return y, m, (ty-y)*12 + int(tm-m) + 1, true
}

// Shift returns p moved by months (whole-month periods stay whole
// months; others move by their days to the same calendar days).
func (p Period) Shift(months int) Period {
	if y, m, n, ok := p.wholeMonths(); ok {
		return Months(y, m+time.Month(months), n)
	}
	shift := func(d ledger.Date) ledger.Date {
		y, m, day := d.YMD()
		t := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
		last := t.AddDate(0, 1, -1).Day()
		return ledger.DateOf(t.Year(), t.Month(), min(day, last))
	}
	return Period{shift(p.From), shift(p.To)}
}

// Against returns the period c compares p with, and false for none.
// prev-month moves p back by its own length in months (last month for a
// month, the quarter before for a quarter); a period of days moves back
// one month.
func (p Period) Against(c Compare) (Period, bool) {
	switch c {
	case ComparePrevMonth:
		if _, _, n, ok := p.wholeMonths(); ok {
			return p.Shift(-n), true
		}
		return p.Shift(-1), true
	case ComparePrevYear:
		return p.Shift(-12), true
	case CompareYearStart:
		y := p.To.Year()
		start := ledger.DateOf(y, time.January, 1)
		return Period{ledger.DateOf(y-1, time.January, 1), start - 1}, true
	}
	return Period{}, false
}

// String writes p as ParsePeriod reads it.
func (p Period) String() string {
	if y, m, n, ok := p.wholeMonths(); ok {
		switch {
		case n == 12 && m == time.January:
			return strconv.Itoa(y)
		case n == 3 && (m-1)%3 == 0:
			return strconv.Itoa(y) + "-Q" + strconv.Itoa(int(m-1)/3+1)
		case n == 1:
			return p.From.String()[:7]
		}
	}
	return p.From.String() + ".." + p.To.String()
}
