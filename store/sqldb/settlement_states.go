package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"hasap/ledger"
	"hasap/store"
)

// SettlementStates implements store.SettlementStates.
func (db *DB) SettlementStates(ctx context.Context, org ledger.OrgID, role int) (store.SettlementMark, []store.SettlementState, error) {
	var mark store.SettlementMark
	tx, err := db.r.BeginTx(ctx, db.d.SnapshotOpts)
	if err != nil {
		return mark, nil, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, db.q(`SELECT head, key FROM settlement_heads WHERE org_id = ? AND role = ?`), int64(org), role).
		Scan(&mark.Head, &mark.Key)
	if err == sql.ErrNoRows {
		return mark, nil, nil
	}
	if err != nil {
		return mark, nil, fmt.Errorf("read settlement mark: %w", err)
	}
	rows, err := tx.QueryContext(ctx, db.q(`SELECT cp, last_day, items FROM settlement_states WHERE org_id = ? AND role = ? ORDER BY cp`),
		int64(org), role)
	if err != nil {
		return mark, nil, fmt.Errorf("read settlement states: %w", err)
	}
	defer rows.Close()
	var out []store.SettlementState
	for rows.Next() {
		var s store.SettlementState
		var cp, day int64
		if err := rows.Scan(&cp, &day, &s.Body); err != nil {
			return mark, nil, fmt.Errorf("read settlement states: %w", err)
		}
		s.Counterparty, s.LastDate = ledger.AnalyticID(cp), ledger.Date(day)
		out = append(out, s)
	}
	return mark, out, rows.Err()
}

// PutSettlementStates implements store.SettlementStates.
func (db *DB) PutSettlementStates(ctx context.Context, org ledger.OrgID, role int, was, to store.SettlementMark,
	states []store.SettlementState, replace bool) (bool, error) {
	if role < 1 || len(to.Key) > store.MaxSettlementKey {
		return false, ledger.Errorf(ledger.EInvalid, "settlement states of role %d, key of %d bytes", role, len(to.Key))
	}
	if _, err := db.Org(ctx, org); err != nil {
		return false, err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	// The mark's row is made first so that PostgreSQL can lock it; two
	// writers then serialise on it, and the second sees the first's mark.
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO settlement_heads (org_id, role, head, key) VALUES (?, ?, 0, '')
		ON CONFLICT (org_id, role) DO NOTHING`), int64(org), role); err != nil {
		return false, fmt.Errorf("save settlement mark: %w", err)
	}
	var cur store.SettlementMark
	if err := tx.QueryRowContext(ctx, db.q(`SELECT head, key FROM settlement_heads WHERE org_id = ? AND role = ?`+db.d.ForUpdate),
		int64(org), role).Scan(&cur.Head, &cur.Key); err != nil {
		return false, fmt.Errorf("read settlement mark: %w", err)
	}
	if cur != was {
		return false, nil
	}
	if replace {
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM settlement_states WHERE org_id = ? AND role = ?`), int64(org), role); err != nil {
			return false, fmt.Errorf("save settlement states: %w", err)
		}
	}
	stmt, err := tx.PrepareContext(ctx, db.q(`INSERT INTO settlement_states (org_id, role, cp, last_day, items, history) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, role, cp) DO UPDATE SET last_day = excluded.last_day, items = excluded.items, history = excluded.history`))
	if err != nil {
		return false, fmt.Errorf("save settlement states: %w", err)
	}
	defer stmt.Close()
	for _, s := range states {
		body, history := s.Body, s.History
		if body == nil {
			body = []byte{}
		}
		if history == nil {
			history = []byte{}
		}
		if _, err := stmt.ExecContext(ctx, int64(org), role, int64(s.Counterparty), int64(s.LastDate), body, history); err != nil {
			return false, fmt.Errorf("save settlement states: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE settlement_heads SET head = ?, key = ? WHERE org_id = ? AND role = ?`),
		to.Head, to.Key, int64(org), role); err != nil {
		return false, fmt.Errorf("save settlement mark: %w", err)
	}
	return true, tx.Commit()
}

// SettlementHistories implements store.SettlementStates.
func (db *DB) SettlementHistories(ctx context.Context, org ledger.OrgID, role int, day ledger.Date) ([]store.SettlementState, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT cp, last_day, history FROM settlement_states WHERE org_id = ? AND role = ? AND last_day > ? ORDER BY cp`),
		int64(org), role, int64(day))
	if err != nil {
		return nil, fmt.Errorf("read settlement histories: %w", err)
	}
	defer rows.Close()
	var out []store.SettlementState
	for rows.Next() {
		var s store.SettlementState
		var cp, d int64
		if err := rows.Scan(&cp, &d, &s.History); err != nil {
			return nil, fmt.Errorf("read settlement histories: %w", err)
		}
		s.Counterparty, s.LastDate = ledger.AnalyticID(cp), ledger.Date(d)
		out = append(out, s)
	}
	return out, rows.Err()
}
