package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"hasap/ledger"
	"hasap/store"
)

// Turnover by key (AnalyticTurnovers, AnalyticsOpening) takes whole
// calendar years from the year totals and only the other months from the
// monthly totals. On the 1M-entry benchmark ledger (BENCHMARKS.md section
// 5, R3) an opening balance of 2025 had summed each key's 12 months of
// 2024 (62.01: ~3,900 keys); it now reads one year row a key.
//
// The rows a turnover sums come with a class: 0 before the period, 1
// within it, 2 neither (a month the period cuts, whose days come from the
// postings, or one after the period up to its last month): read only so
// that a key with rows up to the period's last month is listed, as when
// every month came from the totals. A key has a year row exactly when it
// has a monthly row in that year (the poster writes both, verify checks
// both), so:
//   - the year arm reads the year rows of the years wholly up to the last
//     month: before the opening month's year, class 0; wholly within the
//     period, class 1; any other, class 2;
//   - the month arm reads the monthly rows of the other years up to the
//     last month (at most the opening month's year and the period's first
//     and last years), each month classed by itself. It is driven by the
//     year rows of those years, joined to the monthly rows of each key and
//     year through the totals' primary key, so that it reads those years'
//     months of the keys, not every month of the account.
//
// When the month arm would read at least half the books' years
// (monthsOnly), every month comes from the monthly rows, as before.

// yearSpan is where an analyticPeriod's whole years lie.
type yearSpan struct {
	open   int // years before it are wholly before the period (class 0)
	p1, p2 int // years p1..p2 lie wholly within the period (none if p1 > p2)
	whole  int // the last year wholly up to the last month read
	last   int // the year of the last month read
}

func (p analyticPeriod) years() yearSpan {
	y := yearSpan{open: p.openBefore / 100, p1: p.p1 / 100, p2: p.p2 / 100, whole: p.last / 100, last: p.last / 100}
	if p.p1%100 > 1 {
		y.p1++
	}
	if p.p2%100 != 12 {
		y.p2--
	}
	if p.last%100 != 12 {
		y.whole--
	}
	return y
}

// needsMonths reports whether some year up to the last month is neither
// before the opening month's year nor wholly within the period.
func (y yearSpan) needsMonths() bool {
	if y.p1 > y.p2 {
		return y.open <= y.last
	}
	return y.open < y.p1 || y.p2 < y.last
}

// monthsOnly reports whether the month arm would read the months of at
// least half the books' years up to the last month (books: their first
// and last year): then one scan of the account's monthly rows, as before
// the year totals, costs less than seeking each key's months year by year
// (at 1M, 62 from 15 July 2024 to 10 March 2025: 180 ms of CPU a call
// scanned, 238 ms sought).
func (y yearSpan) monthsOnly(books [2]int) bool {
	last := min(y.last, books[1])
	if last < books[0] {
		return true
	}
	n := 0
	for yr := max(y.open, books[0]); yr <= last; yr++ {
		if y.p1 > y.p2 || yr < y.p1 || yr > y.p2 {
			n++
		}
	}
	return 2*n >= last-books[0]+1
}

// bookYears returns the first and last year of the organisation's entries.
func (r reader) bookYears(ctx context.Context, org ledger.OrgID) ([2]int, error) {
	var lo, hi sql.NullInt64
	err := r.q.QueryRowContext(ctx, r.db.q(`SELECT min(year), max(year) FROM year_numbers WHERE org_id = ?`), int64(org)).Scan(&lo, &hi)
	if err != nil {
		return [2]int{}, fmt.Errorf("years of the books: %w", err)
	}
	return [2]int{int(lo.Int64), int(hi.Int64)}, nil
}

// keyRows returns a subquery of the classed rows (a1, a2, a3, currency,
// cls, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty) of
// one account's keys that carry match and sort after the cursor (nil:
// from the first), and its arguments; books are the first and last year
// of the entries (bookYears).
func keyRows(org ledger.OrgID, account ledger.AccountCode, match [ledger.MaxAnalytics]ledger.AnalyticID, after *store.TotalsKey, p analyticPeriod, books [2]int) (string, []any) {
	y := p.years()
	keys := func(t string) where {
		var w where
		w.add(t+"org_id = ?", int64(org))
		w.add(t+"account = ?", string(account))
		for i, id := range match {
			if id != 0 {
				w.add(t+"a"+strconv.Itoa(i+1)+" = ?", int64(id))
			}
		}
		if after != nil {
			w.add("("+t+"a1, "+t+"a2, "+t+"a3, "+t+"currency) > (?, ?, ?, ?)",
				int64(after.Analytics[0]), int64(after.Analytics[1]), int64(after.Analytics[2]), after.Currency)
		}
		return w
	}
	const sums = `debit, credit, debit_cur, credit_cur, debit_qty, credit_qty`
	if y.monthsOnly(books) {
		w := keys("")
		// month stays out of the index (+month): the key range is the account's.
		w.add("+month <= ?", p.last)
		return `SELECT a1, a2, a3, currency, CASE WHEN month < ? THEN 0 WHEN month >= ? AND month <= ? THEN 1 ELSE 2 END AS cls, ` + sums + `
			FROM totals WHERE ` + w.sql(), append([]any{p.openBefore, p.p1, p.p2}, w.args...)
	}
	w := keys("")
	w.add("year <= ?", y.whole)
	args := append([]any{y.open, y.p1, y.p2}, w.args...)
	q := `SELECT a1, a2, a3, currency, CASE WHEN year < ? THEN 0 WHEN year >= ? AND year <= ? THEN 1 ELSE 2 END AS cls, ` + sums + `
		FROM year_totals WHERE ` + w.sql()
	if y.needsMonths() {
		w := keys("y.")
		w.add("y.year >= ?", y.open)
		w.add("y.year <= ?", y.last)
		if y.p1 <= y.p2 {
			w.add("(y.year < ? OR y.year > ?)", y.p1, y.p2)
		}
		w.add("t.month <= ?", p.last)
		args = append(append(args, p.openBefore, p.p1, p.p2), w.args...)
		// CROSS JOIN keeps SQLite from reading the totals first through
		// totals_by_month (every account's rows of those months): measured
		// 1.25 s against 72 ms for 62 in June 2025 at 1M. PostgreSQL
		// plans a CROSS JOIN with a WHERE as any other join.
		q += `
		UNION ALL
		SELECT t.a1, t.a2, t.a3, t.currency, CASE WHEN t.month < ? THEN 0 WHEN t.month >= ? AND t.month <= ? THEN 1 ELSE 2 END,
			t.debit, t.credit, t.debit_cur, t.credit_cur, t.debit_qty, t.credit_qty
		FROM year_totals y CROSS JOIN totals t
		WHERE t.org_id = y.org_id AND t.account = y.account
			AND t.a1 = y.a1 AND t.a2 = y.a2 AND t.a3 = y.a3 AND t.currency = y.currency
			AND t.month >= y.year * 100 + 1 AND t.month <= y.year * 100 + 12
			AND ` + w.sql()
	}
	return q, args
}

// stmtCache prepares each query text once for the accounts of one call
// (the trial balance expanded by every account reads ~200 of them: 0.1 ms
// of SQLite's parsing each, measured at 1M), when on; else it queries
// directly.
type stmtCache struct {
	q  querier
	on bool
	m  map[string]*sql.Stmt
}

func (c *stmtCache) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	p, ok := c.q.(interface {
		PrepareContext(context.Context, string) (*sql.Stmt, error)
	})
	if !c.on || !ok {
		return c.q.QueryContext(ctx, query, args...)
	}
	s := c.m[query]
	if s == nil {
		var err error
		if s, err = p.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		c.m[query] = s
	}
	return s.QueryContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, s := range c.m {
		s.Close()
	}
}
