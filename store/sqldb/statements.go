package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/store"
)

// StatementTemplate implements store.Statements.
func (db *DB) StatementTemplate(ctx context.Context, org ledger.OrgID, kind string) (store.StatementTemplate, error) {
	t := store.StatementTemplate{Kind: kind}
	var body string
	var updated int64
	err := db.r.QueryRowContext(ctx, db.q(`SELECT body, author, updated_us FROM statement_templates WHERE org_id = ? AND kind = ?`),
		org, kind).Scan(&body, &t.Author, &updated)
	if err == sql.ErrNoRows {
		return t, ledger.Errorf(ledger.ENotFound, "no template of %s of its own", kind)
	}
	if err != nil {
		return t, fmt.Errorf("read statement template: %w", err)
	}
	t.Body, t.Updated = []byte(body), fromMicros(updated)
	return t, nil
}

// PutStatementTemplate implements store.Statements.
func (db *DB) PutStatementTemplate(ctx context.Context, org ledger.OrgID, t *store.StatementTemplate) error {
	if len(t.Body) > store.MaxStatementTemplate || !utf8.Valid(t.Body) {
		return ledger.Errorf(ledger.EInvalid, "template larger than %d bytes", store.MaxStatementTemplate)
	}
	if t.Kind == "" || len(t.Kind) > 40 {
		return ledger.Errorf(ledger.EInvalid, "unknown statement %q", t.Kind)
	}
	if err := checkText(store.MaxDetailText, t.Author); err != nil {
		return err
	}
	if _, err := db.Org(ctx, org); err != nil {
		return err
	}
	now := nowMicro()
	_, err := db.w.ExecContext(ctx, db.q(`INSERT INTO statement_templates (org_id, kind, body, author, updated_us) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id, kind) DO UPDATE SET body = excluded.body, author = excluded.author, updated_us = excluded.updated_us`),
		org, t.Kind, string(t.Body), t.Author, micros(now))
	if err != nil {
		return fmt.Errorf("save statement template: %w", err)
	}
	t.Updated = now
	return nil
}

// DeleteStatementTemplate implements store.Statements.
func (db *DB) DeleteStatementTemplate(ctx context.Context, org ledger.OrgID, kind string) error {
	if _, err := db.w.ExecContext(ctx, db.q(`DELETE FROM statement_templates WHERE org_id = ? AND kind = ?`), org, kind); err != nil {
		return fmt.Errorf("delete statement template: %w", err)
	}
	return nil
}
