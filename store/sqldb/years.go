package sqldb

import (
	"context"
	"fmt"

	"hasap/ledger"
)

// Year totals and account months (migration 0018) are the monthly totals
// summed per key and calendar year, and per account, currency and month
// over the analytics. The poster adds to them what it adds to the totals,
// from the same accumulated sums, in the same transaction; verify
// recomputes them (ledger.Verifier.CheckYearTotals, CheckAccountMonths).

const (
	yearsInsert = `INSERT INTO year_totals (org_id, account, a1, a2, a3, currency, year, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty) VALUES `
	yearsUpsert = ` ON CONFLICT (org_id, account, a1, a2, a3, currency, year) DO UPDATE SET
		debit = year_totals.debit + excluded.debit, credit = year_totals.credit + excluded.credit,
		debit_cur = year_totals.debit_cur + excluded.debit_cur, credit_cur = year_totals.credit_cur + excluded.credit_cur,
		debit_qty = year_totals.debit_qty + excluded.debit_qty, credit_qty = year_totals.credit_qty + excluded.credit_qty`
	accMonthsInsert = `INSERT INTO account_months (org_id, account, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty) VALUES `
	accMonthsUpsert = ` ON CONFLICT (org_id, month, account, currency) DO UPDATE SET
		debit = account_months.debit + excluded.debit, credit = account_months.credit + excluded.credit,
		debit_cur = account_months.debit_cur + excluded.debit_cur, credit_cur = account_months.credit_cur + excluded.credit_cur,
		debit_qty = account_months.debit_qty + excluded.debit_qty, credit_qty = account_months.credit_qty + excluded.credit_qty`
)

// writeSums adds the accumulated monthly totals, summed per year and per
// account month, to the batches of the year totals and the account months.
func (p *poster) writeSums() error {
	org := int64(p.org.ID)
	years, err := p.derived.Totals.Years()
	if err != nil {
		return fmt.Errorf("year totals: %w", err)
	}
	for k, t := range years {
		err := p.yearSums.add(org, string(k.Account), int64(k.Analytics[0]), int64(k.Analytics[1]), int64(k.Analytics[2]), k.Currency, k.Year,
			int64(t.Debit), int64(t.Credit), int64(t.DebitCur), int64(t.CreditCur), int64(t.DebitQty), int64(t.CreditQty))
		if err != nil {
			return fmt.Errorf("year totals: %w", err)
		}
	}
	months, err := p.derived.Totals.AccountMonths()
	if err != nil {
		return fmt.Errorf("account month totals: %w", err)
	}
	for k, t := range months {
		err := p.accMonths.add(org, string(k.Account), k.Currency, k.Month,
			int64(t.Debit), int64(t.Credit), int64(t.DebitCur), int64(t.CreditCur), int64(t.DebitQty), int64(t.CreditQty))
		if err != nil {
			return fmt.Errorf("account month totals: %w", err)
		}
	}
	return nil
}

// YearTotals returns all stored year totals.
func (db *DB) YearTotals(ctx context.Context, org ledger.OrgID) (ledger.YearTotals, error) {
	return db.rd().YearTotals(ctx, org)
}

// AccountMonths returns all stored account months.
func (db *DB) AccountMonths(ctx context.Context, org ledger.OrgID) (ledger.AccountMonths, error) {
	return db.rd().AccountMonths(ctx, org)
}

func (r reader) YearTotals(ctx context.Context, org ledger.OrgID) (ledger.YearTotals, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT account, a1, a2, a3, currency, year, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty
		FROM year_totals WHERE org_id = ?`), int64(org))
	if err != nil {
		return nil, fmt.Errorf("year totals: %w", err)
	}
	out := ledger.YearTotals{}
	err = eachRow(rows, func() error {
		var k ledger.YearKey
		var a [ledger.MaxAnalytics]int64
		var t ledger.Turnover
		if err := rows.Scan(&k.Account, &a[0], &a[1], &a[2], &k.Currency, &k.Year,
			&t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
			return err
		}
		for i := range a {
			k.Analytics[i] = ledger.AnalyticID(a[i])
		}
		out[k] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("year totals: %w", err)
	}
	return out, nil
}

func (r reader) AccountMonths(ctx context.Context, org ledger.OrgID) (ledger.AccountMonths, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT account, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty
		FROM account_months WHERE org_id = ?`), int64(org))
	if err != nil {
		return nil, fmt.Errorf("account month totals: %w", err)
	}
	out := ledger.AccountMonths{}
	err = eachRow(rows, func() error {
		var k ledger.AccountMonthKey
		var t ledger.Turnover
		if err := rows.Scan(&k.Account, &k.Currency, &k.Month, &t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
			return err
		}
		out[k] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("account month totals: %w", err)
	}
	return out, nil
}
