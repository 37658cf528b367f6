package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Bank: see store.Bank. Ids are given under the organisation's chain-head
// lock (beginLocked), as documents' are.

// SaveBankMapping implements store.Bank.
func (db *DB) SaveBankMapping(ctx context.Context, org ledger.OrgID, m *store.BankMapping) error {
	if m.Name == "" || len(m.Name) > 200 {
		return ledger.Errorf(ledger.EInvalid, "a mapping needs a name of at most %d bytes", 200)
	}
	if err := checkText(200, m.Name); err != nil {
		return err
	}
	if len(m.Body) > 64<<10 {
		return ledger.Errorf(ledger.EInvalid, "the mapping is larger than %d bytes", 64<<10)
	}
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var other int64
	err = tx.QueryRowContext(ctx, db.q(`SELECT id FROM bank_mappings WHERE org_id = ? AND name = ?`), org, m.Name).Scan(&other)
	switch {
	case err == nil && other != m.ID:
		return ledger.Errorf(ledger.EConflict, "a mapping named %q exists already", m.Name)
	case err != nil && err != sql.ErrNoRows:
		return err
	}
	now := nowMicro()
	if m.ID == 0 {
		var id int64
		if err := tx.QueryRowContext(ctx, db.q(`SELECT COALESCE(max(id), 0) FROM bank_mappings WHERE org_id = ?`), org).Scan(&id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO bank_mappings (org_id, id, name, body, version, updated_us) VALUES (?, ?, ?, ?, 1, ?)`),
			org, id+1, m.Name, string(m.Body), micros(now))
		if err != nil {
			return fmt.Errorf("create bank mapping: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		m.ID, m.Version, m.Updated = id+1, 1, now
		return nil
	}
	res, err := tx.ExecContext(ctx, db.q(`UPDATE bank_mappings SET name = ?, body = ?, version = version + 1, updated_us = ?
		WHERE org_id = ? AND id = ? AND version = ?`), m.Name, string(m.Body), micros(now), org, m.ID, m.Version)
	if err := affected(res, err, "mapping %d was changed by someone else meanwhile; open it again", m.ID); err != nil {
		if ledger.IsCode(err, ledger.ENotFound) {
			if _, e := db.BankMapping(ctx, org, m.ID); e != nil {
				return e
			}
			return ledger.Errorf(ledger.EConflict, "mapping %d was changed by someone else meanwhile; open it again", m.ID)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	m.Version, m.Updated = m.Version+1, now
	return nil
}

func scanMapping(row interface{ Scan(...any) error }) (store.BankMapping, error) {
	var m store.BankMapping
	var body string
	var updated int64
	err := row.Scan(&m.ID, &m.Name, &body, &m.Version, &updated)
	m.Body, m.Updated = []byte(body), fromMicros(updated)
	return m, err
}

// BankMapping implements store.Bank.
func (db *DB) BankMapping(ctx context.Context, org ledger.OrgID, id int64) (store.BankMapping, error) {
	m, err := scanMapping(db.r.QueryRowContext(ctx, db.q(`SELECT id, name, body, version, updated_us FROM bank_mappings WHERE org_id = ? AND id = ?`), org, id))
	return m, notFound(err, "mapping %d does not exist", id)
}

// BankMappings implements store.Bank.
func (db *DB) BankMappings(ctx context.Context, org ledger.OrgID) ([]store.BankMapping, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT id, name, body, version, updated_us FROM bank_mappings WHERE org_id = ? ORDER BY name`+db.d.ByteOrder), org)
	if err != nil {
		return nil, err
	}
	var out []store.BankMapping
	err = eachRow(rows, func() error {
		m, err := scanMapping(rows)
		out = append(out, m)
		return err
	})
	return out, err
}

const statementColumns = `id, format, file_hash, part, bank_id, account, currency, from_day, to_day, opening, closing,
	has_opening, has_closing, lines, body, author, created_us`

func scanStatement(row interface{ Scan(...any) error }) (store.BankStatement, error) {
	var s store.BankStatement
	var from, to, opening, closing, hasOpening, hasClosing, created int64
	var body string
	err := row.Scan(&s.ID, &s.Format, &s.FileHash, &s.Part, &s.BankID, &s.Account, &s.Currency, &from, &to, &opening, &closing,
		&hasOpening, &hasClosing, &s.Lines, &body, &s.Author, &created)
	s.From, s.To, s.Opening, s.Closing = ledger.Date(from), ledger.Date(to), money.Amount(opening), money.Amount(closing)
	s.HasOpening, s.HasClosing, s.Body, s.Created = hasOpening == 1, hasClosing == 1, []byte(body), fromMicros(created)
	return s, err
}

func checkStatement(s *store.BankStatement) error {
	switch {
	case s.Format != "mt940" && s.Format != "camt053" && s.Format != "csv":
		return ledger.Errorf(ledger.EInvalid, "unknown statement format %q", s.Format)
	case len(s.FileHash) != 64 || s.Part < 1:
		return ledger.Errorf(ledger.EInvalid, "a statement names the hash of its file and its place in it")
	case len(s.Currency) != 3:
		return ledger.Errorf(ledger.EInvalid, "a statement needs the currency of its account")
	case len(s.Body) > store.MaxStatementBody:
		return ledger.Errorf(ledger.EInvalid, "the statement is larger than %d bytes", store.MaxStatementBody)
	case s.From == ledger.NoDate || s.To == ledger.NoDate || s.To < s.From:
		return ledger.Errorf(ledger.EInvalid, "a statement needs the first and the last day it covers")
	}
	return checkText(ledger.MaxTextLen, s.BankID, s.Account, s.Author)
}

// CreateStatements implements store.Bank.
func (db *DB) CreateStatements(ctx context.Context, org ledger.OrgID, sts []*store.BankStatement) error {
	for _, s := range sts {
		if err := checkStatement(s); err != nil {
			return err
		}
	}
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, db.q(`SELECT COALESCE(max(id), 0) FROM bank_statements WHERE org_id = ?`), org).Scan(&id); err != nil {
		return err
	}
	now := nowMicro()
	ids := make([]int64, len(sts))
	for i, s := range sts {
		var n int
		if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM bank_statements WHERE org_id = ? AND file_hash = ? AND part = ?`),
			org, s.FileHash, s.Part).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ledger.Errorf(ledger.EConflict, "this statement file was imported already")
		}
		id++
		ids[i] = id
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO bank_statements (org_id, `+statementColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			org, id, s.Format, s.FileHash, s.Part, s.BankID, s.Account, s.Currency, int64(s.From), int64(s.To),
			int64(s.Opening), int64(s.Closing), boolInt(s.HasOpening), boolInt(s.HasClosing), s.Lines, string(s.Body), s.Author, micros(now))
		if err != nil {
			if db.d.IsUnique(err) {
				return ledger.Errorf(ledger.EConflict, "this statement file was imported already")
			}
			return fmt.Errorf("create statement: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for i, s := range sts {
		s.ID, s.Created = ids[i], now
	}
	return nil
}

// StatementsOfFile implements store.Bank.
func (db *DB) StatementsOfFile(ctx context.Context, org ledger.OrgID, hash string) ([]store.BankStatement, error) {
	return db.statements(ctx, `SELECT `+statementColumns+` FROM bank_statements WHERE org_id = ? AND file_hash = ? ORDER BY part`, org, hash)
}

// Statement implements store.Bank.
func (db *DB) Statement(ctx context.Context, org ledger.OrgID, id int64) (store.BankStatement, error) {
	s, err := scanStatement(db.r.QueryRowContext(ctx, db.q(`SELECT `+statementColumns+` FROM bank_statements WHERE org_id = ? AND id = ?`), org, id))
	return s, notFound(err, "statement %d does not exist", id)
}

// ListStatements implements store.Bank.
func (db *DB) ListStatements(ctx context.Context, org ledger.OrgID, beforeID int64, limit int) ([]store.BankStatement, error) {
	limit = clampLimit(limit, store.DefaultDocumentLimit, store.MaxDocumentLimit)
	if beforeID <= 0 {
		beforeID = 1 << 62
	}
	return db.statements(ctx, `SELECT `+statementColumns+` FROM bank_statements WHERE org_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, org, beforeID, limit)
}

func (db *DB) statements(ctx context.Context, query string, args ...any) ([]store.BankStatement, error) {
	rows, err := db.r.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, err
	}
	var out []store.BankStatement
	err = eachRow(rows, func() error {
		s, err := scanStatement(rows)
		out = append(out, s)
		return err
	})
	return out, err
}

// LinkStatementLine implements store.Bank.
func (db *DB) LinkStatementLine(ctx context.Context, org ledger.OrgID, stmt int64, line int, doc int64) error {
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var lines int
	err = tx.QueryRowContext(ctx, db.q(`SELECT lines FROM bank_statements WHERE org_id = ? AND id = ?`), org, stmt).Scan(&lines)
	if err != nil {
		return notFound(err, "statement %d does not exist", stmt)
	}
	if line < 1 || line > lines {
		return ledger.Errorf(ledger.EInvalid, "statement %d has no line %d", stmt, line)
	}
	var n int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM documents WHERE org_id = ? AND id = ?`), org, doc).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ledger.Errorf(ledger.ENotFound, "document %d does not exist", doc)
	}
	var old int64
	err = tx.QueryRowContext(ctx, db.q(`SELECT document_id FROM bank_statement_lines WHERE org_id = ? AND statement_id = ? AND line = ?`), org, stmt, line).Scan(&old)
	switch {
	case err == nil && old == doc:
		return nil
	case err == nil:
		return ledger.Errorf(ledger.EConflict, "line %d of statement %d made document %d already", line, stmt, old)
	case err != sql.ErrNoRows:
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO bank_statement_lines (org_id, statement_id, line, document_id, created_us) VALUES (?, ?, ?, ?, ?)`),
		org, stmt, line, doc, micros(nowMicro()))
	if err != nil {
		return fmt.Errorf("link statement line: %w", err)
	}
	return tx.Commit()
}

// StatementLinks implements store.Bank.
func (db *DB) StatementLinks(ctx context.Context, org ledger.OrgID, stmt int64) (map[int]int64, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT line, document_id FROM bank_statement_lines WHERE org_id = ? AND statement_id = ?`), org, stmt)
	if err != nil {
		return nil, err
	}
	out := map[int]int64{}
	err = eachRow(rows, func() error {
		var line int
		var doc int64
		err := rows.Scan(&line, &doc)
		out[line] = doc
		return err
	})
	return out, err
}

// SetPartyAccount implements store.Bank.
func (db *DB) SetPartyAccount(ctx context.Context, org ledger.OrgID, account string, counterparty ledger.AnalyticID) error {
	if account == "" || len(account) > 100 || counterparty <= 0 {
		return ledger.Errorf(ledger.EInvalid, "a bank account of at most %d bytes and a counterparty are needed", 100)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, db.q(`UPDATE bank_party_accounts SET counterparty = ? WHERE org_id = ? AND account = ?`), int64(counterparty), org, account)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO bank_party_accounts (org_id, account, counterparty) VALUES (?, ?, ?)`), org, account, int64(counterparty))
		if err != nil {
			return err
		}
	}
	return tx.Commit()
}

// PartyAccounts implements store.Bank.
func (db *DB) PartyAccounts(ctx context.Context, org ledger.OrgID) (map[string]ledger.AnalyticID, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT account, counterparty FROM bank_party_accounts WHERE org_id = ?`), org)
	if err != nil {
		return nil, err
	}
	out := map[string]ledger.AnalyticID{}
	err = eachRow(rows, func() error {
		var a string
		var c int64
		err := rows.Scan(&a, &c)
		out[a] = ledger.AnalyticID(c)
		return err
	})
	return out, err
}
