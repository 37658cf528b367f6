package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"hasap/ledger"
)

// The chart and catalog edits of the chart of accounts and catalog pages:
// whether an account has postings, a new code for one that has none, new
// names for a catalog entry, and the size of each catalog.

// AccountInUse reports whether the account has postings. Every posting
// side adds to a totals row keyed (org, account, ...), so one row of that
// key prefix answers it.
func (db *DB) AccountInUse(ctx context.Context, org ledger.OrgID, code ledger.AccountCode) (bool, error) {
	return db.accountInUse(ctx, db.r, org, code)
}

func (db *DB) accountInUse(ctx context.Context, q querier, org ledger.OrgID, code ledger.AccountCode) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, db.q(`SELECT 1 FROM totals WHERE org_id = ? AND account = ? LIMIT 1`), org, string(code)).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("account %s in use: %w", code, err)
	}
	return true, nil
}

// AccountsInUse lists the accounts that have postings. The EXISTS probes
// the totals by their key prefix (org, account) once per account of the
// chart, so it costs the size of the chart, not of the totals.
func (db *DB) AccountsInUse(ctx context.Context, org ledger.OrgID) ([]ledger.AccountCode, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT a.code FROM accounts a WHERE a.org_id = ?
		AND EXISTS (SELECT 1 FROM totals t WHERE t.org_id = a.org_id AND t.account = a.code) ORDER BY a.code`+db.d.ByteOrder), org)
	if err != nil {
		return nil, fmt.Errorf("accounts in use: %w", err)
	}
	defer rows.Close()
	var out []ledger.AccountCode
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		out = append(out, ledger.AccountCode(code))
	}
	return out, rows.Err()
}

// RenameAccount gives an account without postings a new code. It takes the
// chain-head lock, as PutAccount does, so that no posting transaction can
// give the account postings between the check and the change.
func (db *DB) RenameAccount(ctx context.Context, org ledger.OrgID, old, to ledger.AccountCode) error {
	if err := ledger.ValidateCode(to); err != nil {
		return err
	}
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, db.q(`SELECT 1 FROM accounts WHERE org_id = ? AND code = ?`), org, string(old)).Scan(&one)
	if err != nil {
		return notFound(err, "account %s does not exist", old)
	}
	used, err := db.accountInUse(ctx, tx, org, old)
	if err != nil {
		return err
	}
	if used {
		return ledger.Errorf(ledger.EConflict, "account %s has postings: its code cannot change", old)
	}
	if old == to {
		return tx.Commit()
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE accounts SET code = ? WHERE org_id = ? AND code = ?`), string(to), org, string(old)); err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "account %s already exists", to)
		}
		return fmt.Errorf("rename account %s: %w", old, err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE accounts SET parent = ? WHERE org_id = ? AND parent = ?`), string(to), org, string(old)); err != nil {
		return fmt.Errorf("rename account %s: %w", old, err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE orgs SET chart_version = chart_version + 1 WHERE id = ?`), org); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateAnalytic changes the names of a catalog entry.
// It moves the chart's version, under which pages cache analytics' names
// (AnalyticsByID).
func (db *DB) UpdateAnalytic(ctx context.Context, org ledger.OrgID, a ledger.Analytic) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, db.q(`UPDATE analytics SET name_tk = ?, name_ru = ?, name_en = ? WHERE org_id = ? AND id = ? AND kind = ?`),
		a.Names.TK, a.Names.RU, a.Names.EN, org, int64(a.ID), string(a.Kind))
	if err != nil {
		return fmt.Errorf("update analytic %d: %w", a.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", a.ID)
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE orgs SET chart_version = chart_version + 1 WHERE id = ?`), org); err != nil {
		return err
	}
	return tx.Commit()
}

// AnalyticCounts counts each catalog's entries.
func (db *DB) AnalyticCounts(ctx context.Context, org ledger.OrgID) (map[ledger.AnalyticKind]int, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT kind, count(*) FROM analytics WHERE org_id = ? GROUP BY kind`), org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[ledger.AnalyticKind]int{}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return nil, err
		}
		out[ledger.AnalyticKind(kind)] = n
	}
	return out, rows.Err()
}
