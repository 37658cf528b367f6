package sqldb

import (
	"context"
	"database/sql"
	"slices"

	"hasap/ledger"
)

// Whole months of a turnover (the trial balance's opening balances and
// periods, the balances) come from a per-organisation cache of each
// month's turnover per account and currency: the account months
// (migration 0018), the totals summed over their analytics by the poster.
// Without the cache a trial balance of a 1M-entry ledger summed ~7,000
// totals rows twice a request (9–11 ms); with it, it adds up ≤ months ×
// accounts figures in memory. Filling it read the totals grouped by
// month, account and currency (279,493 rows, ~330 ms of CPU in every new
// process: BENCHMARKS.md section 5, R1); it now reads the account months
// (4,691 rows at 1M).
//
// The cache is exact for the chain head it names: totals change only in a
// posting transaction, and every posting transaction moves the head. A
// reader first reads the head; when the cache is behind, it reloads whole
// the months of the entries posted since (entries are never changed or
// deleted, so their days tell which months moved), or everything after a
// large import. A reload replaces a month's figures rather than adding to
// them, so an entry committed between reading the head and reloading is at
// worst read twice into the same figure, never counted twice; its seq is
// above the cached head, so the next reader reloads its month again. A
// reader whose snapshot is older than the cache reads the rows as before.
// Totals edited behind the store's back are what verify reports; pages may
// show the cached figures until the next posting.

// monthSums is one organisation's whole-month turnover at chain head seq.
// Each (account, currency) has a number, its index in keys, so that adding
// months up is arithmetic on a slice, not hashing.
type monthSums struct {
	seq    int64
	keys   []turnKey       // never changed once shared; a refresh copies it
	index  map[turnKey]int // keys' numbers
	months map[int][]figure
}

type turnKey struct{ account, currency string }

// figure is one (account, currency)'s turnover in a month.
type figure struct {
	key int
	t   ledger.Turnover
}

// keyOf numbers k, adding it if new.
func (s *monthSums) keyOf(k turnKey) int {
	if i, ok := s.index[k]; ok {
		return i
	}
	s.keys = append(s.keys, k)
	s.index[k] = len(s.keys) - 1
	return len(s.keys) - 1
}

const (
	maxCachedOrgs = 1024  // organisations whose months are cached; past it, one is dropped
	maxDeltaRows  = 20000 // entries since the cached head past which everything is reloaded
)

const (
	monthSumsColumns    = `sum(debit), sum(credit), sum(debit_cur), sum(credit_cur), sum(debit_qty), sum(credit_qty)`
	accountMonthColumns = `debit, credit, debit_cur, credit_cur, debit_qty, credit_qty`
)

// monthTurnover returns the organisation's month figures exact for the
// chain head as r sees it, or ok=false when r sees an older head than the
// cache holds (r is an older snapshot): the caller reads the rows then.
func (r reader) monthTurnover(ctx context.Context, org ledger.OrgID) (*monthSums, bool, error) {
	var seq int64
	if err := r.q.QueryRowContext(ctx, r.db.q(`SELECT seq FROM chain_heads WHERE org_id = ?`), int64(org)).Scan(&seq); err != nil {
		return nil, false, notFound(err, "organisation %d does not exist", org)
	}
	r.db.mu.Lock()
	c := r.db.months[org]
	r.db.mu.Unlock()
	switch {
	case c != nil && c.seq == seq:
		return c, true, nil
	case c != nil && c.seq > seq:
		return nil, false, nil
	}
	next, err := r.refreshMonths(ctx, org, c, seq)
	if err != nil {
		return nil, false, err
	}
	r.db.mu.Lock()
	if cur := r.db.months[org]; cur == nil || cur.seq < next.seq {
		if cur == nil && len(r.db.months) >= maxCachedOrgs {
			for k := range r.db.months { // drop any one
				delete(r.db.months, k)
				break
			}
		}
		r.db.months[org] = next
	}
	r.db.mu.Unlock()
	return next, true, nil
}

// refreshMonths brings c (nil: nothing cached) to head seq: the months of
// the entries posted after c.seq are read again, or all months if there
// is no c or too many entries were posted since. c itself is not changed:
// other readers may hold it.
func (r reader) refreshMonths(ctx context.Context, org ledger.OrgID, c *monthSums, seq int64) (*monthSums, error) {
	var changed map[int]bool
	if c != nil {
		var n int64
		if err := r.q.QueryRowContext(ctx, r.db.q(`SELECT count(*) FROM entries WHERE org_id = ? AND seq > ?`), int64(org), c.seq).Scan(&n); err != nil {
			return nil, err
		}
		if n <= maxDeltaRows {
			rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT DISTINCT day FROM entries WHERE org_id = ? AND seq > ?`), int64(org), c.seq)
			if err != nil {
				return nil, err
			}
			changed = map[int]bool{}
			err = eachRow(rows, func() error {
				var day int64
				if err := rows.Scan(&day); err != nil {
					return err
				}
				changed[ledger.Date(day).Month()] = true
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	next := &monthSums{seq: seq, index: map[turnKey]int{}, months: map[int][]figure{}}
	if changed == nil { // everything
		rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT month, account, currency, `+accountMonthColumns+`
			FROM account_months WHERE org_id = ?`), int64(org))
		if err != nil {
			return nil, err
		}
		return next, scanMonthSums(rows, next, 0)
	}
	next.keys = slices.Clone(c.keys)
	for k, i := range c.index {
		next.index[k] = i
	}
	for m, figures := range c.months {
		if !changed[m] {
			next.months[m] = figures // shared, never written again
		}
	}
	for m := range changed {
		rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT month, account, currency, `+accountMonthColumns+`
			FROM account_months WHERE org_id = ? AND month = ?`), int64(org), m)
		if err != nil {
			return nil, err
		}
		if err := scanMonthSums(rows, next, m); err != nil {
			return nil, err
		}
	}
	return next, nil
}

// scanMonthSums reads (month, account, currency, sums) rows into s; month,
// if not 0, is the one month asked for (it gets a map even when empty).
func scanMonthSums(rows *sql.Rows, s *monthSums, month int) error {
	if month != 0 {
		s.months[month] = []figure{}
	}
	return eachRow(rows, func() error {
		var m int
		var k turnKey
		var t ledger.Turnover
		if err := rows.Scan(&m, &k.account, &k.currency, &t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
			return err
		}
		s.months[m] = append(s.months[m], figure{s.keyOf(k), t})
		return nil
	})
}

// eachRow calls f for every row and closes rows.
func eachRow(rows *sql.Rows, f func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := f(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// addMonths adds the figures of months m1..m2 to acc.
func (s *monthSums) addMonths(acc map[[2]string]ledger.Turnover, m1, m2 int) error {
	sums := make([]ledger.Turnover, len(s.keys))
	seen := make([]bool, len(s.keys))
	for m, figures := range s.months {
		if m < m1 || m > m2 {
			continue
		}
		for _, f := range figures {
			sum, err := sums[f.key].Add(f.t)
			if err != nil {
				return err
			}
			sums[f.key], seen[f.key] = sum, true
		}
	}
	for i, k := range s.keys {
		if !seen[i] {
			continue
		}
		key := [2]string{k.account, k.currency}
		sum, err := acc[key].Add(sums[i])
		if err != nil {
			return err
		}
		acc[key] = sum
	}
	return nil
}
