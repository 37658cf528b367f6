package sqldb

import (
	"context"
	"fmt"
	"math"
	"strings"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// Limits on an audit event's text (TigerBeetle style: a limit on everything).
const (
	maxAuditAction = 64
	maxAuditIP     = 64 // an IPv6 address with a zone fits
)

// AppendAudit adds an event to the organisation's log and sets its Seq and,
// when it is zero, its Time. The number comes from the organisation's
// 'audit' counter, moved in the same transaction as the insert, so the log
// is numbered 1, 2, 3... without gaps, however many append at once.
func (db *DB) AppendAudit(ctx context.Context, e *auth.AuditEvent) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	return nil
}

// appendAudit inserts the event within tx and sets its Seq and Time.
func (db *DB) appendAudit(ctx context.Context, tx querier, e *auth.AuditEvent) error {
	if strings.TrimSpace(e.Action) == "" {
		return ledger.Errorf(ledger.EInvalid, "an audit event needs an action")
	}
	if err := checkText(maxAuditAction, e.Action); err != nil {
		return err
	}
	if err := checkText(maxAuditIP, e.IP); err != nil {
		return err
	}
	if err := checkText(maxIdentTxt, e.Detail); err != nil {
		return err
	}
	at := e.Time
	if at.IsZero() {
		at = nowMicro()
	}
	seq, err := db.nextCounter(ctx, tx, e.Org, "audit")
	if err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO audit (org_id, seq, time_us, user_id, action, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		int64(e.Org), seq, micros(at), int64(e.User), e.Action, e.Detail, e.IP)
	if err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	e.Seq, e.Time = seq, fromMicros(micros(at))
	return nil
}

// Audit lists an organisation's events, newest first.
func (db *DB) Audit(ctx context.Context, org ledger.OrgID, beforeSeq int64, limit int) ([]auth.AuditEvent, error) {
	return db.AuditWhere(ctx, org, store.AuditFilter{BeforeSeq: beforeSeq, Limit: limit})
}

// AuditWhere lists an organisation's events of an action or a user, newest
// first. The indexes on (org_id, action, seq) and (org_id, user_id, seq)
// make either condition a range read, however long the log.
func (db *DB) AuditWhere(ctx context.Context, org ledger.OrgID, f store.AuditFilter) ([]auth.AuditEvent, error) {
	beforeSeq := f.BeforeSeq
	if beforeSeq <= 0 {
		beforeSeq = math.MaxInt64
	}
	limit := clampLimit(f.Limit, store.DefaultAuditLimit, store.MaxAuditLimit)
	query := `SELECT seq, time_us, user_id, action, detail, ip FROM audit WHERE org_id = ? AND seq < ?`
	args := []any{int64(org), beforeSeq}
	if f.Action != "" {
		query += ` AND action = ?`
		args = append(args, f.Action)
	}
	if f.User != 0 {
		query += ` AND user_id = ?`
		args = append(args, int64(f.User))
	}
	rows, err := db.r.QueryContext(ctx, db.q(query+` ORDER BY seq DESC LIMIT ?`), append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	var out []auth.AuditEvent
	for rows.Next() {
		e := auth.AuditEvent{Org: org}
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.User, &e.Action, &e.Detail, &e.IP); err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		e.Time = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// clampLimit returns def for a limit ≤ 0 and max for one above it.
func clampLimit(limit, def, max int) int {
	if limit <= 0 {
		return def
	}
	return min(limit, max)
}
