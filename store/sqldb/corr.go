package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Correspondence totals (migration 0015) keep the amount of the postings
// per month and (Dt account, Kt account). A period's whole months come
// from them; its part months (a period starting or ending mid-month) from
// the postings of those days, read through entries_by_day.
//
// Why postings and not day totals of the pairs, measured with
// `go run ./bench/corr -db FILE` on the 1M-entry benchmark ledger (bench/gen,
// 1.63M postings over 3 years, ~2,000 pairs a month) on SQLite, load
// average 9 on 2 cores, median of 7: a whole year from the monthly rows
// 16 ms, a whole month 3 ms; a part month from its postings 23 ms for
// 1–15 March, 63 ms for 1–30 March (~45,000 postings), 40–50 ms for a
// period cut mid-month at both ends. Day totals of the pairs would bring
// a part month near the whole month's few ms, but every posting would pay
// a read-merge-write of one more packed row per pair (as the account day
// totals do per account), and a bulk import as much again; a period of
// whole months (a month, a quarter, a year: the usual) never reads
// postings, and a part month stays under the 100 ms report target.

// CorrTotals returns all stored correspondence totals.
func (db *DB) CorrTotals(ctx context.Context, org ledger.OrgID) ([]ledger.CorrRow, error) {
	return db.rd().CorrTotals(ctx, org)
}

// CorrTurnover sums the postings per correspondence over a period.
func (db *DB) CorrTurnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date, f store.CorrFilter) ([]ledger.CorrTurnover, error) {
	return db.rd().CorrTurnover(ctx, org, from, to, f)
}

func (r reader) CorrTotals(ctx context.Context, org ledger.OrgID) ([]ledger.CorrRow, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT month, dt_account, kt_account, amount FROM corr_totals WHERE org_id = ?`), int64(org))
	if err != nil {
		return nil, fmt.Errorf("correspondence totals: %w", err)
	}
	var out []ledger.CorrRow
	err = eachRow(rows, func() error {
		var c ledger.CorrRow
		var dt, kt string
		if err := rows.Scan(&c.Key.Month, &dt, &kt, &c.Amount); err != nil {
			return err
		}
		c.Key.Debit, c.Key.Credit = ledger.AccountCode(dt), ledger.AccountCode(kt)
		out = append(out, c)
		return nil
	})
	slices.SortFunc(out, func(a, b ledger.CorrRow) int { return ledger.CompareCorrKeys(a.Key, b.Key) })
	return out, err
}

func (r reader) CorrTurnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date, f store.CorrFilter) ([]ledger.CorrTurnover, error) {
	if from != ledger.NoDate && to != ledger.NoDate && from > to {
		return nil, nil
	}
	keep := func(string, string) bool { return true }
	if f.Account != "" {
		subs, err := r.subAccounts(ctx, org, f.Account)
		if err != nil {
			return nil, err
		}
		in := make(map[string]bool, len(subs))
		for _, s := range subs {
			in[s] = true
		}
		keep = func(dt, kt string) bool { return in[dt] || in[kt] }
	}
	acc := map[[2]string]money.Amount{}
	add := func(dt, kt string, amount money.Amount) error {
		if !keep(dt, kt) {
			return nil
		}
		k := [2]string{dt, kt}
		sum, err := money.Add(acc[k], amount)
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "turnover of %s × %s out of range", dt, kt)
		}
		acc[k] = sum
		return nil
	}
	p := splitPeriod(from, to)
	if p.m1 <= p.m2 {
		rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT dt_account, kt_account, sum(amount) FROM corr_totals
			WHERE org_id = ? AND month >= ? AND month <= ? GROUP BY dt_account, kt_account`), int64(org), p.m1, p.m2)
		if err != nil {
			return nil, fmt.Errorf("correspondence turnover: %w", err)
		}
		if err := scanCorr(rows, add); err != nil {
			return nil, err
		}
	}
	for _, d := range p.days {
		rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT p.dt_account, p.kt_account, sum(p.amount)
			FROM entries e JOIN postings p ON p.org_id = e.org_id AND p.seq = e.seq
			WHERE e.org_id = ? AND e.day >= ? AND e.day <= ?
			GROUP BY p.dt_account, p.kt_account`), int64(org), int64(d[0]), int64(d[1]))
		if err != nil {
			return nil, fmt.Errorf("correspondence turnover of days: %w", err)
		}
		if err := scanCorr(rows, add); err != nil {
			return nil, err
		}
	}
	out := make([]ledger.CorrTurnover, 0, len(acc))
	for k, a := range acc {
		out = append(out, ledger.CorrTurnover{Debit: ledger.AccountCode(k[0]), Credit: ledger.AccountCode(k[1]), Amount: a})
	}
	slices.SortFunc(out, func(a, b ledger.CorrTurnover) int {
		if c := cmp.Compare(a.Debit, b.Debit); c != 0 {
			return c
		}
		return cmp.Compare(a.Credit, b.Credit)
	})
	return out, nil
}

func scanCorr(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, add func(dt, kt string, amount money.Amount) error) error {
	defer rows.Close()
	for rows.Next() {
		var dt, kt string
		var a money.Amount
		if err := rows.Scan(&dt, &kt, &a); err != nil {
			return err
		}
		if err := add(dt, kt, a); err != nil {
			return err
		}
	}
	return rows.Err()
}
