package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// reader runs the read queries against a pool or a snapshot transaction.
type reader struct {
	db *DB
	q  querier
}

// Snapshot runs fn over one consistent read transaction.
func (db *DB) Snapshot(ctx context.Context, fn func(store.Reader) error) error {
	tx, err := db.r.BeginTx(ctx, db.d.SnapshotOpts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(reader{db, tx}); err != nil {
		return err
	}
	return tx.Commit()
}

func (db *DB) rd() reader { return reader{db, db.r} }

// Entry returns a posted entry by sequence.
func (db *DB) Entry(ctx context.Context, org ledger.OrgID, seq int64) (ledger.Entry, error) {
	return db.rd().Entry(ctx, org, seq)
}

// EntryByNumber returns a posted entry by year and number.
func (db *DB) EntryByNumber(ctx context.Context, org ledger.OrgID, year int, number int64) (ledger.Entry, error) {
	return db.rd().EntryByNumber(ctx, org, year, number)
}

// ScanEntries streams entries in chain order.
func (db *DB) ScanEntries(ctx context.Context, org ledger.OrgID, fromSeq int64, fn func(*ledger.Entry) error) error {
	return db.rd().ScanEntries(ctx, org, fromSeq, fn)
}

// Head returns the recorded chain head.
func (db *DB) Head(ctx context.Context, org ledger.OrgID) (store.Head, error) {
	return db.rd().Head(ctx, org)
}

// Totals returns all stored totals rows.
func (db *DB) Totals(ctx context.Context, org ledger.OrgID) ([]ledger.TotalRow, error) {
	return db.rd().Totals(ctx, org)
}

// DayTotals returns all stored day totals.
func (db *DB) DayTotals(ctx context.Context, org ledger.OrgID) (ledger.DayTotals, error) {
	return db.rd().DayTotals(ctx, org)
}

// Turnover sums turnover per account and currency over a period.
func (db *DB) Turnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date) ([]store.AccountTurnover, error) {
	return db.rd().Turnover(ctx, org, from, to)
}

func (db *DB) entry(ctx context.Context, q querier, org ledger.OrgID, seq int64) (ledger.Entry, error) {
	var found ledger.Entry
	ok := false
	err := reader{db, q}.scan(ctx, org, seq, seq, func(e *ledger.Entry) error {
		found = cloneEntry(e)
		ok = true
		return nil
	})
	if err != nil {
		return found, err
	}
	if !ok {
		return found, ledger.Errorf(ledger.ENotFound, "entry %d does not exist", seq)
	}
	return found, nil
}

func cloneEntry(e *ledger.Entry) ledger.Entry {
	c := *e
	c.Postings = append([]ledger.Posting(nil), e.Postings...)
	return c
}

func (r reader) Entry(ctx context.Context, org ledger.OrgID, seq int64) (ledger.Entry, error) {
	return r.db.entry(ctx, r.q, org, seq)
}

func (r reader) EntryByNumber(ctx context.Context, org ledger.OrgID, year int, number int64) (ledger.Entry, error) {
	var seq int64
	err := r.q.QueryRowContext(ctx, r.db.q(`SELECT seq FROM entries WHERE org_id = ? AND year = ? AND number = ?`), int64(org), year, number).Scan(&seq)
	if err != nil {
		return ledger.Entry{}, notFound(err, "entry %d/%d does not exist", year, number)
	}
	return r.Entry(ctx, org, seq)
}

func (r reader) ScanEntries(ctx context.Context, org ledger.OrgID, fromSeq int64, fn func(*ledger.Entry) error) error {
	return r.scan(ctx, org, fromSeq, 1<<62, fn)
}

// scanPage is how many entry headers scan holds in memory at a time.
const scanPage = 1000

// scan calls fn for each entry with from ≤ seq ≤ to, in chain order. It
// keeps one cursor open at a time: a transaction on PostgreSQL (a Snapshot,
// a Poster) can have only one result set open, so two merged cursors fail
// there with "conn busy". It reads a page of entry headers, closes that
// cursor, then streams the page's postings and merges them in. fn runs while
// the postings cursor is open, so it must not query through r.q.
func (r reader) scan(ctx context.Context, org ledger.OrgID, from, to int64, fn func(*ledger.Entry) error) error {
	var heads []ledger.Entry
	var buf []ledger.Posting
	for from <= to {
		var err error
		if heads, err = r.entryPage(ctx, org, from, to, heads[:0]); err != nil {
			return err
		}
		if len(heads) == 0 {
			return nil
		}
		if buf, err = r.mergePostings(ctx, org, heads, buf, fn); err != nil {
			return err
		}
		if len(heads) < scanPage {
			return nil
		}
		from = heads[len(heads)-1].Seq + 1
	}
	return nil
}

// entryPage reads up to scanPage entry headers (no postings) from seq from.
func (r reader) entryPage(ctx context.Context, org ledger.OrgID, from, to int64, heads []ledger.Entry) ([]ledger.Entry, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT seq, year, number, day, description, document, author, posted_us, idem_key, reverses, prev_hash, hash
		FROM entries WHERE org_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`), int64(org), from, to, scanPage)
	if err != nil {
		return nil, fmt.Errorf("scan entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e ledger.Entry
		if err := scanEntryRow(rows, &e); err != nil {
			return nil, fmt.Errorf("scan entries: %w", err)
		}
		e.Org = org
		heads = append(heads, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scan entries: %w", err)
	}
	return heads, nil
}

// mergePostings streams the postings of heads' seq range, hands each entry
// with its postings to fn, and returns the postings buffer for reuse. A
// posting whose entry is missing is skipped: the sequence check reports the
// gap, the totals check the amounts. An entry whose postings are all gone
// comes with none, for the hash check to report.
func (r reader) mergePostings(ctx context.Context, org ledger.OrgID, heads []ledger.Entry, buf []ledger.Posting, fn func(*ledger.Entry) error) ([]ledger.Posting, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT seq, line, dt_account, kt_account, amount, COALESCE(dt_analytics, ''), COALESCE(kt_analytics, ''), COALESCE(detail, '')
		FROM postings WHERE org_id = ? AND seq >= ? AND seq <= ? ORDER BY seq, line`), int64(org), heads[0].Seq, heads[len(heads)-1].Seq)
	if err != nil {
		return buf, fmt.Errorf("scan postings: %w", err)
	}
	defer rows.Close()
	i := 0
	emit := func() error {
		e := &heads[i]
		e.Postings = buf
		err := fn(e)
		buf, e.Postings = e.Postings[:0], nil
		i++
		return err
	}
	var pr postingRow
	for rows.Next() {
		if err := pr.scan(rows); err != nil {
			return buf, fmt.Errorf("scan postings: %w", err)
		}
		for i < len(heads) && heads[i].Seq < pr.seq {
			if err := emit(); err != nil {
				return buf, err
			}
		}
		if i < len(heads) && heads[i].Seq == pr.seq {
			buf = append(buf, pr.p)
		}
	}
	if err := rows.Err(); err != nil {
		return buf, fmt.Errorf("scan postings: %w", err)
	}
	for i < len(heads) {
		if err := emit(); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

func scanEntryRow(rows *sql.Rows, e *ledger.Entry) error {
	var year, day int64
	var postedUS int64
	var prev, hash []byte
	if err := rows.Scan(&e.Seq, &year, &e.Number, &day, &e.Description, &e.Document, &e.Author, &postedUS, &e.IdemKey, &e.Reverses, &prev, &hash); err != nil {
		return err
	}
	e.Year, e.Date = int(year), ledger.Date(day)
	e.PostedAt = time.UnixMicro(postedUS).UTC()
	copy(e.PrevHash[:], prev)
	copy(e.Hash[:], hash)
	if len(prev) != 32 || len(hash) != 32 {
		e.Hash = ledger.Hash{} // a mangled hash can never verify
	}
	return nil
}

type postingRow struct {
	seq, line int64
	p         ledger.Posting
}

func (pr *postingRow) scan(rows *sql.Rows) error {
	var d, k ledger.Side
	var dacc, kacc, dan, kan, detail string
	var amount int64
	if err := rows.Scan(&pr.seq, &pr.line, &dacc, &kacc, &amount, &dan, &kan, &detail); err != nil {
		return err
	}
	var err error
	if d.Analytics, err = decodeAnalytics(dan); err != nil {
		return err
	}
	if k.Analytics, err = decodeAnalytics(kan); err != nil {
		return err
	}
	if err := decodeDetail(detail, &d, &k); err != nil {
		return err
	}
	d.Account, k.Account = ledger.AccountCode(dacc), ledger.AccountCode(kacc)
	pr.p = ledger.Posting{Debit: d, Credit: k, Amount: money.Amount(amount)}
	return nil
}

func (r reader) Head(ctx context.Context, org ledger.OrgID) (store.Head, error) {
	h := store.Head{Years: map[int]int64{}}
	var hash []byte
	err := r.q.QueryRowContext(ctx, r.db.q(`SELECT seq, hash FROM chain_heads WHERE org_id = ?`), int64(org)).Scan(&h.Seq, &hash)
	if err != nil {
		return h, notFound(err, "organisation %d does not exist", org)
	}
	copy(h.Hash[:], hash)
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT year, last_number FROM year_numbers WHERE org_id = ?`), int64(org))
	if err != nil {
		return h, err
	}
	defer rows.Close()
	for rows.Next() {
		var y int
		var n int64
		if err := rows.Scan(&y, &n); err != nil {
			return h, err
		}
		h.Years[y] = n
	}
	return h, rows.Err()
}

func (r reader) Totals(ctx context.Context, org ledger.OrgID) ([]ledger.TotalRow, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT account, a1, a2, a3, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty
		FROM totals WHERE org_id = ? ORDER BY account, a1, a2, a3, currency, month`), int64(org))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.TotalRow
	for rows.Next() {
		var t ledger.TotalRow
		var acc string
		if err := rows.Scan(&acc, &t.Key.Analytics[0], &t.Key.Analytics[1], &t.Key.Analytics[2], &t.Key.Currency, &t.Key.Month,
			&t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
			return nil, err
		}
		t.Key.Account = ledger.AccountCode(acc)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// "Sorted by key" is ledger.CompareKeys, byte order; ORDER BY follows
	// the database's collation, which on PostgreSQL may be linguistic.
	slices.SortFunc(out, func(a, b ledger.TotalRow) int { return ledger.CompareKeys(a.Key, b.Key) })
	return out, nil
}

func (r reader) DayTotals(ctx context.Context, org ledger.OrgID) (ledger.DayTotals, error) {
	out := ledger.DayTotals{}
	err := r.dayRows(ctx, org, 0, 999912, func(k ledger.DayKey, t ledger.Turnover) error {
		out[k] = t
		return nil
	})
	return out, err
}

// Turnover sums turnover per account and currency for from ≤ day ≤ to:
// whole months from the monthly totals, part months from the day totals.
func (r reader) Turnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date) ([]store.AccountTurnover, error) {
	if from != ledger.NoDate && to != ledger.NoDate && from > to {
		return nil, nil
	}
	p := splitPeriod(from, to)
	acc := map[[2]string]ledger.Turnover{}
	add := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var a, c string
			var t ledger.Turnover
			if err := rows.Scan(&a, &c, &t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
				return err
			}
			sum, err := acc[[2]string{a, c}].Add(t)
			if err != nil {
				return err
			}
			acc[[2]string{a, c}] = sum
		}
		return rows.Err()
	}
	if p.m1 <= p.m2 {
		months, ok, err := r.monthTurnover(ctx, org)
		if err != nil {
			return nil, err
		}
		if ok {
			err = months.addMonths(acc, p.m1, p.m2)
		} else {
			var rows *sql.Rows
			rows, err = r.q.QueryContext(ctx, r.db.q(`SELECT account, currency, `+monthSumsColumns+` FROM totals
				WHERE org_id = ? AND month >= ? AND month <= ? GROUP BY account, currency`), int64(org), p.m1, p.m2)
			if err == nil {
				err = add(rows)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	for _, d := range p.days {
		err := r.dayRows(ctx, org, d[0].Month(), d[0].Month(), func(k ledger.DayKey, t ledger.Turnover) error {
			if k.Day < d[0] || k.Day > d[1] {
				return nil
			}
			key := [2]string{string(k.Account), k.Currency}
			sum, err := acc[key].Add(t)
			if err != nil {
				return err
			}
			acc[key] = sum
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]store.AccountTurnover, 0, len(acc))
	for k, t := range acc {
		out = append(out, store.AccountTurnover{Account: ledger.AccountCode(k[0]), Currency: k[1], Turnover: t})
	}
	sortTurnover(out)
	return out, nil
}

// period is a date range cut into whole months m1..m2 and part-month day ranges.
type period struct {
	m1, m2 int
	days   [][2]ledger.Date
}

func monthEnd(d ledger.Date) ledger.Date {
	y, m, _ := d.YMD()
	return ledger.DateOf(y, m+1, 1) - 1
}

func nextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

func prevMonth(m int) int {
	if m%100 == 1 {
		return (m/100-1)*100 + 12
	}
	return m - 1
}

func splitPeriod(from, to ledger.Date) period {
	p := period{m1: 0, m2: 999912}
	if from != ledger.NoDate {
		p.m1 = from.Month()
		if from != from.MonthStart() {
			end := monthEnd(from)
			if to != ledger.NoDate && to < end {
				end = to
			}
			p.days = append(p.days, [2]ledger.Date{from, end})
			p.m1 = nextMonth(from.Month())
		}
	}
	if to != ledger.NoDate {
		p.m2 = to.Month()
		if to != monthEnd(to) {
			p.m2 = prevMonth(to.Month())
			start := to.MonthStart()
			if from == ledger.NoDate || from <= start {
				p.days = append(p.days, [2]ledger.Date{start, to})
			}
		}
	}
	return p
}

func sortTurnover(ts []store.AccountTurnover) {
	slices.SortFunc(ts, func(a, b store.AccountTurnover) int {
		if c := cmp.Compare(a.Account, b.Account); c != 0 {
			return c
		}
		return cmp.Compare(a.Currency, b.Currency)
	})
}
