package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/store"
)

const settingsColumns = `legal_name, tax_id, address, phone, bank_name, bank_account, bank_code,
	director, chief_accountant, cashier, posting, version, author, updated_us`

// OrgSettings implements store.Settings.
func (db *DB) OrgSettings(ctx context.Context, org ledger.OrgID) (store.OrgSettings, error) {
	var s store.OrgSettings
	var posting string
	var updated int64
	d := &s.Details
	err := db.r.QueryRowContext(ctx, db.q(`SELECT `+settingsColumns+` FROM org_settings WHERE org_id = ?`), org).Scan(
		&d.LegalName, &d.TaxID, &d.Address, &d.Phone, &d.BankName, &d.BankAccount, &d.BankCode,
		&d.Director, &d.ChiefAccountant, &d.Cashier, &posting, &s.Version, &s.Author, &updated)
	if err == sql.ErrNoRows {
		if _, err := db.Org(ctx, org); err != nil {
			return store.OrgSettings{}, err
		}
		return store.OrgSettings{}, nil
	}
	if err != nil {
		return store.OrgSettings{}, fmt.Errorf("read settings: %w", err)
	}
	if posting != "" {
		s.Posting = []byte(posting)
	}
	s.Updated = fromMicros(updated)
	return s, nil
}

// SaveOrgSettings implements store.Settings.
func (db *DB) SaveOrgSettings(ctx context.Context, org ledger.OrgID, s *store.OrgSettings) error {
	d := s.Details
	texts := []string{d.LegalName, d.TaxID, d.Address, d.Phone, d.BankName, d.BankAccount, d.BankCode,
		d.Director, d.ChiefAccountant, d.Cashier}
	if err := checkText(store.MaxDetailText, append(texts, s.Author)...); err != nil {
		return err
	}
	if len(s.Posting) > store.MaxPostingSettings || !utf8.Valid(s.Posting) {
		return ledger.Errorf(ledger.EInvalid, "posting settings longer than %d bytes or not UTF-8", store.MaxPostingSettings)
	}
	if s.Version < 0 {
		return ledger.Errorf(ledger.EInvalid, "settings version %d", s.Version)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT 1 FROM orgs WHERE id = ?`), org).Scan(&one); err != nil {
		return notFound(err, "organisation %d does not exist", org)
	}
	now := nowMicro()
	args := append(make([]any, 0, 16), anys(texts)...)
	args = append(args, string(s.Posting), s.Version+1, s.Author, micros(now))
	conflict := ledger.Errorf(ledger.EConflict, "the settings were changed by someone else meanwhile; open them again")
	if s.Version == 0 {
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO org_settings (`+settingsColumns+`, org_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append(args, org)...)
		if err != nil && db.d.IsUnique(err) {
			return conflict
		}
		if err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE org_settings SET legal_name = ?, tax_id = ?, address = ?, phone = ?,
			bank_name = ?, bank_account = ?, bank_code = ?, director = ?, chief_accountant = ?, cashier = ?,
			posting = ?, version = ?, author = ?, updated_us = ? WHERE org_id = ? AND version = ?`), append(args, org, s.Version)...)
		if err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("save settings: %w", err)
		} else if n == 0 {
			return conflict
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.Version, s.Updated = s.Version+1, now
	return nil
}
