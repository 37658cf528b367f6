package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"hasap/ledger"
	"hasap/store"
)

// AnalyticTurnovers implements store.Reader.
func (db *DB) AnalyticTurnovers(ctx context.Context, org ledger.OrgID, f store.AnalyticFilter) ([]store.AnalyticTurnover, error) {
	return db.rd().AnalyticTurnovers(ctx, org, f)
}

// analyticPeriod is a period cut for the totals: whole months before it
// (month < openBefore) are opening, whole months p1..p2 the period, months
// up to last are read at all, and parts are the days of the months the
// period cuts, read from postings.
type analyticPeriod struct {
	openBefore, p1, p2, last int
	parts                    [][2]ledger.Date // first and last day of each cut month read from postings
}

func cutPeriod(from, to ledger.Date) analyticPeriod {
	p := analyticPeriod{openBefore: 0, p1: 0, p2: 999912, last: 999912}
	if from != ledger.NoDate {
		p.openBefore, p.p1 = from.Month(), from.Month()
		if from != from.MonthStart() {
			p.p1 = nextMonth(from.Month())
			end := monthEnd(from)
			if to != ledger.NoDate && to < end {
				end = to
			}
			p.parts = append(p.parts, [2]ledger.Date{from.MonthStart(), end})
		}
	}
	if to != ledger.NoDate {
		p.last, p.p2 = to.Month(), to.Month()
		if to != monthEnd(to) {
			p.p2 = prevMonth(to.Month())
			if len(p.parts) == 0 || p.parts[0][0].Month() != to.Month() {
				p.parts = append(p.parts, [2]ledger.Date{to.MonthStart(), to})
			}
		}
	}
	return p
}

// AnalyticTurnovers reads, account by account in byte order, the keys of
// the totals with their sums split by month into opening and period (one
// GROUP BY over the primary key's range of the account, or of the account
// and a first analytic), then replaces the months the period cuts with the
// account's postings of those days.
func (r reader) AnalyticTurnovers(ctx context.Context, org ledger.OrgID, f store.AnalyticFilter) ([]store.AnalyticTurnover, error) {
	limit := clampLimit(f.Limit, store.DefaultAnalyticLimit, store.MaxAnalyticLimit)
	if f.From != ledger.NoDate && f.To != ledger.NoDate && f.From > f.To {
		return nil, nil
	}
	accounts, err := r.analyticAccounts(ctx, org, f)
	if err != nil {
		return nil, err
	}
	p := cutPeriod(f.From, f.To)
	books, err := r.bookYears(ctx, org)
	if err != nil {
		return nil, err
	}
	stmts := stmtCache{q: r.q, on: len(accounts) > 1}
	defer stmts.close()
	var out []store.AnalyticTurnover
	for _, a := range accounts {
		if len(out) >= limit {
			break
		}
		if f.After != nil && a.code < f.After.Account {
			continue
		}
		var after *store.TotalsKey
		if f.After != nil && a.code == f.After.Account {
			after = f.After
		}
		rows, err := r.accountKeys(ctx, &stmts, org, a.code, a.match, p, books, after, limit-len(out))
		if err != nil {
			return nil, fmt.Errorf("turnover of %s by analytics: %w", a.code, err)
		}
		if err := r.addParts(ctx, org, a.code, a.match, f.From, p, rows); err != nil {
			return nil, fmt.Errorf("turnover of %s by analytics: %w", a.code, err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// analyticAccount is one account AnalyticTurnovers reads, with the
// analytics its keys must carry.
type analyticAccount struct {
	code  ledger.AccountCode
	match [ledger.MaxAnalytics]ledger.AnalyticID
}

// analyticAccounts resolves the filter's accounts and matches, sorted by
// code in byte order.
func (r reader) analyticAccounts(ctx context.Context, org ledger.OrgID, f store.AnalyticFilter) ([]analyticAccount, error) {
	ch, err := r.chart(ctx, org)
	if err != nil {
		return nil, err
	}
	codes := map[ledger.AccountCode]bool{}
	for _, c := range f.Accounts {
		codes[c] = true
	}
	if f.Under != "" {
		for c := range ch {
			if c == f.Under || isUnder(ch, c, f.Under) {
				codes[c] = true
			}
		}
	}
	var kind ledger.AnalyticKind
	if f.Analytic != 0 {
		err := r.q.QueryRowContext(ctx, r.db.q(`SELECT kind FROM analytics WHERE org_id = ? AND id = ?`), int64(org), int64(f.Analytic)).Scan(&kind)
		if err != nil {
			return nil, notFound(err, "analytic %d does not exist", f.Analytic)
		}
		if len(f.Accounts) == 0 && f.Under == "" {
			for c := range ch {
				codes[c] = true
			}
		}
	}
	if len(codes) > store.MaxAnalyticAccounts {
		return nil, ledger.Errorf(ledger.EInvalid, "more than %d accounts", store.MaxAnalyticAccounts)
	}
	var out []analyticAccount
	for c := range codes {
		a := analyticAccount{code: c, match: f.Match}
		if f.Analytic != 0 {
			acc := ch[c]
			if acc == nil || acc.Group {
				continue
			}
			slot := slices.Index(acc.Analytics, kind)
			if slot < 0 || slot >= ledger.MaxAnalytics || (a.match[slot] != 0 && a.match[slot] != f.Analytic) {
				continue
			}
			a.match[slot] = f.Analytic
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b analyticAccount) int { return cmp.Compare(a.code, b.code) })
	return out, nil
}

// turnoverSums are the twelve sums of a key over keyRows: opening (class
// 0) then period (class 1), each debit, credit, debit and credit in
// currency, debit and credit quantity.
const turnoverSums = `sum(CASE WHEN cls = 0 THEN debit ELSE 0 END), sum(CASE WHEN cls = 0 THEN credit ELSE 0 END),
	sum(CASE WHEN cls = 0 THEN debit_cur ELSE 0 END), sum(CASE WHEN cls = 0 THEN credit_cur ELSE 0 END),
	sum(CASE WHEN cls = 0 THEN debit_qty ELSE 0 END), sum(CASE WHEN cls = 0 THEN credit_qty ELSE 0 END),
	sum(CASE WHEN cls = 1 THEN debit ELSE 0 END), sum(CASE WHEN cls = 1 THEN credit ELSE 0 END),
	sum(CASE WHEN cls = 1 THEN debit_cur ELSE 0 END), sum(CASE WHEN cls = 1 THEN credit_cur ELSE 0 END),
	sum(CASE WHEN cls = 1 THEN debit_qty ELSE 0 END), sum(CASE WHEN cls = 1 THEN credit_qty ELSE 0 END)`

// accountKeys reads up to limit keys of one account after the cursor, with
// their whole months summed (whole years from the year totals: keyRows).
func (r reader) accountKeys(ctx context.Context, stmts *stmtCache, org ledger.OrgID, account ledger.AccountCode, match [ledger.MaxAnalytics]ledger.AnalyticID,
	p analyticPeriod, books [2]int, after *store.TotalsKey, limit int) ([]store.AnalyticTurnover, error) {
	src, args := keyRows(org, account, match, after, p, books)
	rows, err := stmts.query(ctx, r.db.q(`SELECT a1, a2, a3, currency, `+turnoverSums+`
		FROM (`+src+`) k GROUP BY a1, a2, a3, currency ORDER BY a1, a2, a3, currency LIMIT ?`), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	var out []store.AnalyticTurnover
	err = eachRow(rows, func() error {
		var t store.AnalyticTurnover
		var k [ledger.MaxAnalytics]int64
		o, q := &t.Opening, &t.Period
		if err := rows.Scan(&k[0], &k[1], &k[2], &t.Currency,
			&o.Debit, &o.Credit, &o.DebitCur, &o.CreditCur, &o.DebitQty, &o.CreditQty,
			&q.Debit, &q.Credit, &q.DebitCur, &q.CreditCur, &q.DebitQty, &q.CreditQty); err != nil {
			return err
		}
		t.Account = account
		for i := range k {
			t.Analytics[i] = ledger.AnalyticID(k[i])
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// addParts adds to rows the account's postings of the days of the months
// the period cuts: before from to Opening, from on to Period: the
// account's postings of those days, or only those of the rows' first
// analytic when they all carry the same one.
func (r reader) addParts(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, match [ledger.MaxAnalytics]ledger.AnalyticID,
	from ledger.Date, p analyticPeriod, rows []store.AnalyticTurnover) error {
	if len(p.parts) == 0 || len(rows) == 0 {
		return nil
	}
	index := make(map[store.TotalsKey]int, len(rows))
	lo, hi := rows[0].Analytics[0], rows[0].Analytics[0]
	for i, t := range rows {
		index[t.AnalyticKey] = i
		lo, hi = min(lo, t.Analytics[0]), max(hi, t.Analytics[0])
	}
	for _, part := range p.parts {
		for i, side := range []string{"dt", "kt"} {
			var w where
			w.add("p.org_id = ?", int64(org))
			w.add("p."+side+"_account = ?", string(account))
			if lo > 0 && lo == hi {
				// One first analytic (a customer's page, the analysis of a
				// customer): its postings of the days, through the index
				// by account, first analytic and day. For a range of them
				// the index by account and day is the one to read: the
				// first one's would walk their postings of every day.
				w.add("p." + side + "_analytics IS NOT NULL")
				w.add(fmt.Sprintf(r.db.d.FirstAnalytic, "p."+side+"_analytics")+" = ?", int64(lo))
			}
			w.add("p.day >= ?", int64(part[0]))
			w.add("p.day <= ?", int64(part[1]))
			lines, err := r.cardLines(ctx, `SELECT `+strconv.Itoa(1-i)+`, p.day, p.seq, p.line, 0, 0, '', '',
				p.dt_account, p.kt_account, p.amount, COALESCE(p.dt_analytics, ''), COALESCE(p.kt_analytics, ''), COALESCE(p.detail, '')
				FROM postings p WHERE `+w.sql(), w.args...)
			if err != nil {
				return err
			}
			for _, l := range lines {
				if !matches(l.Side.Analytics, match) {
					continue
				}
				j, ok := index[store.TotalsKey{Account: account, Analytics: l.Side.Analytics, Currency: l.Side.Currency}]
				if !ok {
					continue // a key of another page
				}
				u := ledger.Turnover{Debit: l.Amount, DebitCur: l.Side.CurAmount, DebitQty: l.Side.Qty}
				if !l.Debit {
					u = ledger.Turnover{Credit: l.Amount, CreditCur: l.Side.CurAmount, CreditQty: l.Side.Qty}
				}
				dst := &rows[j].Period
				if from != ledger.NoDate && l.Date < from {
					dst = &rows[j].Opening
				}
				sum, err := dst.Add(u)
				if err != nil {
					return err
				}
				*dst = sum
			}
		}
	}
	return nil
}
