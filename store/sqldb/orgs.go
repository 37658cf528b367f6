package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

const orgColumns = `id, code, name, currency, chart, lock_date, created_us, require_totp`

// CreateOrg stores a new organisation with its chart.
func (db *DB) CreateOrg(ctx context.Context, org *ledger.Org, accounts []ledger.Account) error {
	if org.Code == "" || len(org.Code) > 64 || strings.ContainsAny(org.Code, " \t\r\n/") {
		return ledger.Errorf(ledger.EInvalid, "organisation code %q must be 1 to 64 characters without spaces or slashes", org.Code)
	}
	if strings.TrimSpace(org.Name) == "" {
		return ledger.Errorf(ledger.EInvalid, "organisation name is empty")
	}
	if org.Currency.Code == "" {
		return ledger.Errorf(ledger.EInvalid, "organisation has no base currency")
	}
	for _, a := range accounts {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if org.Created.IsZero() {
		org.Created = time.Now().UTC().Truncate(time.Microsecond)
	}
	var lock any
	if org.LockDate != ledger.NoDate {
		lock = int64(org.LockDate)
	}
	err = tx.QueryRowContext(ctx, db.q(`INSERT INTO orgs (code, name, currency, chart, lock_date, created_us, require_totp) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		org.Code, org.Name, org.Currency.Code, org.Chart, lock, org.Created.UnixMicro(), boolInt(org.RequireTOTP)).Scan(&org.ID)
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "organisation %s already exists", org.Code)
		}
		return fmt.Errorf("create org: %w", err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO chain_heads (org_id, seq, hash) VALUES (?, 0, ?)`), org.ID, make([]byte, 32)); err != nil {
		return fmt.Errorf("create org: %w", err)
	}
	for _, a := range accounts {
		if err := db.insertAccount(ctx, tx, org.ID, a); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (db *DB) insertAccount(ctx context.Context, tx querier, org ledger.OrgID, a ledger.Account) error {
	_, err := tx.ExecContext(ctx, db.q(`INSERT INTO accounts (org_id, code, parent, name_tk, name_ru, name_en, kind, class, is_currency, is_quantity, is_group, inactive, analytics)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		org, string(a.Code), string(a.Parent), a.Names.TK, a.Names.RU, a.Names.EN, string(a.Kind), string(a.Class),
		boolInt(a.Currency), boolInt(a.Quantity), boolInt(a.Group), boolInt(a.Inactive), joinKinds(a.Analytics))
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "account %s already exists", a.Code)
		}
		return fmt.Errorf("insert account %s: %w", a.Code, err)
	}
	_, err = tx.ExecContext(ctx, db.q(`UPDATE orgs SET chart_version = chart_version + 1 WHERE id = ?`), org)
	return err
}

func joinKinds(ks []ledger.AnalyticKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

func splitKinds(s string) []ledger.AnalyticKind {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	ks := make([]ledger.AnalyticKind, len(parts))
	for i, p := range parts {
		ks[i] = ledger.AnalyticKind(p)
	}
	return ks
}

func scanOrg(row interface{ Scan(...any) error }) (ledger.Org, error) {
	var o ledger.Org
	var cur string
	var lock sql.NullInt64
	var created, requireTOTP int64
	if err := row.Scan(&o.ID, &o.Code, &o.Name, &cur, &o.Chart, &lock, &created, &requireTOTP); err != nil {
		return o, err
	}
	o.RequireTOTP = requireTOTP != 0
	c, err := money.Lookup(cur)
	if err != nil {
		return o, err
	}
	o.Currency = c
	o.LockDate = ledger.NoDate
	if lock.Valid {
		o.LockDate = ledger.Date(lock.Int64)
	}
	o.Created = time.UnixMicro(created).UTC()
	return o, nil
}

// Org returns an organisation by id.
func (db *DB) Org(ctx context.Context, id ledger.OrgID) (ledger.Org, error) {
	o, err := scanOrg(db.r.QueryRowContext(ctx, db.q(`SELECT `+orgColumns+` FROM orgs WHERE id = ?`), id))
	return o, notFound(err, "organisation %d does not exist", id)
}

// OrgByCode returns an organisation by code.
func (db *DB) OrgByCode(ctx context.Context, code string) (ledger.Org, error) {
	o, err := scanOrg(db.r.QueryRowContext(ctx, db.q(`SELECT `+orgColumns+` FROM orgs WHERE code = ?`), code))
	return o, notFound(err, "organisation %s does not exist", code)
}

// Orgs lists all organisations by code.
func (db *DB) Orgs(ctx context.Context) ([]ledger.Org, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+orgColumns+` FROM orgs ORDER BY code`+db.d.ByteOrder)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// beginLocked begins a write transaction holding the organisation's
// chain-head lock, which every posting transaction takes first: a change to
// what postings are checked against (the lock date, an account) cannot
// interleave with one.
func (db *DB) beginLocked(ctx context.Context, org ledger.OrgID) (*sql.Tx, error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, db.q(`SELECT seq FROM chain_heads WHERE org_id = ?`+db.d.ForUpdate), org).Scan(&seq); err != nil {
		tx.Rollback()
		return nil, notFound(err, "organisation %d does not exist", org)
	}
	return tx, nil
}

// SetLockDate moves the lock date. It takes the chain-head lock so that it
// cannot interleave with a posting transaction of the same organisation.
func (db *DB) SetLockDate(ctx context.Context, org ledger.OrgID, date ledger.Date) error {
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var lock any
	if date != ledger.NoDate {
		lock = int64(date)
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE orgs SET lock_date = ? WHERE id = ?`), lock, org); err != nil {
		return err
	}
	return tx.Commit()
}

// SetRequireTOTP sets whether the organisation's owners must use
// two-factor authentication.
func (db *DB) SetRequireTOTP(ctx context.Context, org ledger.OrgID, on bool) error {
	res, err := db.w.ExecContext(ctx, db.q(`UPDATE orgs SET require_totp = ? WHERE id = ?`), boolInt(on), org)
	return affected(res, err, "organisation %d does not exist", org)
}

const accountColumns = `code, parent, name_tk, name_ru, name_en, kind, class, is_currency, is_quantity, is_group, inactive, analytics`

// Chart returns the organisation's accounts: a copy of the shared cache
// (checked against the chart's version, one indexed read), since callers
// may change what they get. Every page shows account names, so the chart
// is read on every request; loading it from its rows each time was a third
// of a small page's CPU.
func (db *DB) Chart(ctx context.Context, org ledger.OrgID) (ledger.Chart, error) {
	ch, err := reader{db: db, q: db.r}.chart(ctx, org)
	if err != nil {
		return nil, err
	}
	return copyChart(ch), nil
}

// copyChart is a deep copy of ch.
func copyChart(ch ledger.Chart) ledger.Chart {
	out := make(ledger.Chart, len(ch))
	for code, a := range ch {
		c := *a
		c.Analytics = slices.Clone(a.Analytics)
		out[code] = &c
	}
	return out
}

func (db *DB) loadChart(ctx context.Context, q querier, org ledger.OrgID) (ledger.Chart, error) {
	rows, err := q.QueryContext(ctx, db.q(`SELECT `+accountColumns+` FROM accounts WHERE org_id = ?`), org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ch := ledger.Chart{}
	for rows.Next() {
		var a ledger.Account
		var code, parent, kind, class, an string
		var cur, qty, grp, inactive int64
		if err := rows.Scan(&code, &parent, &a.Names.TK, &a.Names.RU, &a.Names.EN, &kind, &class, &cur, &qty, &grp, &inactive, &an); err != nil {
			return nil, err
		}
		a.Code, a.Parent, a.Kind, a.Class = ledger.AccountCode(code), ledger.AccountCode(parent), ledger.Kind(kind), ledger.Class(class)
		a.Currency, a.Quantity, a.Group, a.Inactive = cur != 0, qty != 0, grp != 0, inactive != 0
		a.Analytics = splitKinds(an)
		ch[a.Code] = &a
	}
	return ch, rows.Err()
}

// PutAccount inserts an account, or updates one. An account that has
// postings keeps its kind, class, flags and analytics; only its names,
// parent and active state can change. It takes the chain-head lock, like
// SetLockDate, so that it cannot interleave with a posting transaction: one
// that already validated against the old account would otherwise commit
// postings the check below never saw (PostgreSQL, READ COMMITTED).
func (db *DB) PutAccount(ctx context.Context, org ledger.OrgID, a ledger.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ch, err := db.loadChart(ctx, tx, org)
	if err != nil {
		return err
	}
	if err := checkParent(ch, a); err != nil {
		return err
	}
	old, exists := ch[a.Code]
	if !exists {
		if err := db.insertAccount(ctx, tx, org, a); err != nil {
			return err
		}
		return tx.Commit()
	}
	var used int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM totals WHERE org_id = ? AND account = ?`), org, string(a.Code)).Scan(&used); err != nil {
		return err
	}
	if used > 0 && (old.Kind != a.Kind || old.Class != a.Class || old.Currency != a.Currency || old.Quantity != a.Quantity ||
		old.Group != a.Group || joinKinds(old.Analytics) != joinKinds(a.Analytics)) {
		return ledger.Errorf(ledger.EConflict, "account %s has postings: only its names, parent and active state can change", a.Code)
	}
	_, err = tx.ExecContext(ctx, db.q(`UPDATE accounts SET parent = ?, name_tk = ?, name_ru = ?, name_en = ?, kind = ?, class = ?,
		is_currency = ?, is_quantity = ?, is_group = ?, inactive = ?, analytics = ? WHERE org_id = ? AND code = ?`),
		string(a.Parent), a.Names.TK, a.Names.RU, a.Names.EN, string(a.Kind), string(a.Class),
		boolInt(a.Currency), boolInt(a.Quantity), boolInt(a.Group), boolInt(a.Inactive), joinKinds(a.Analytics), org, string(a.Code))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE orgs SET chart_version = chart_version + 1 WHERE id = ?`), org); err != nil {
		return err
	}
	return tx.Commit()
}

// PutRate records a rate.
func (db *DB) PutRate(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date, rate money.Rate) error {
	return db.PutRates(ctx, org, []store.RateRow{{Currency: currency, Date: date, Rate: rate}})
}

// PutRates records rates in one transaction, after checking every one.
func (db *DB) PutRates(ctx context.Context, org ledger.OrgID, rates []store.RateRow) error {
	for _, r := range rates {
		if _, err := money.Lookup(r.Currency); err != nil {
			return ledger.Errorf(ledger.EInvalid, "unknown currency %q", r.Currency)
		}
		if r.Rate.IsZero() {
			return ledger.Errorf(ledger.EInvalid, "rate must be positive")
		}
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range rates {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO rates (org_id, currency, day, rate) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, currency, day) DO UPDATE SET rate = excluded.rate`), org, r.Currency, int64(r.Date), r.Rate.String()); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// RateOn returns the latest rate on or before date.
func (db *DB) RateOn(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date) (money.Rate, ledger.Date, error) {
	var day int64
	var s string
	err := db.r.QueryRowContext(ctx, db.q(`SELECT day, rate FROM rates WHERE org_id = ? AND currency = ? AND day <= ? ORDER BY day DESC LIMIT 1`),
		org, currency, int64(date)).Scan(&day, &s)
	if err != nil {
		return money.Rate{}, ledger.NoDate, notFound(err, "no %s rate on or before %s", currency, date)
	}
	r, err := money.ParseRate(s)
	return r, ledger.Date(day), err
}

// Rates lists recorded rates.
func (db *DB) Rates(ctx context.Context, org ledger.OrgID, currency string, from, to ledger.Date, offset, limit int) ([]store.RateRow, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT currency, day, rate FROM rates
		WHERE org_id = ? AND (? = '' OR currency = ?) AND day >= ? AND day <= ?
		ORDER BY currency, day LIMIT ? OFFSET ?`), org, currency, currency, int64(from), int64(to), limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.RateRow
	for rows.Next() {
		var r store.RateRow
		var day int64
		var s string
		if err := rows.Scan(&r.Currency, &day, &s); err != nil {
			return nil, err
		}
		if r.Rate, err = money.ParseRate(s); err != nil {
			return nil, err
		}
		r.Date = ledger.Date(day)
		out = append(out, r)
	}
	return out, rows.Err()
}

// checkParent refuses a parent that is not in the chart, and a parent chain
// that leads back to the account itself.
func checkParent(ch ledger.Chart, a ledger.Account) error {
	for code, depth := a.Parent, 0; code != ""; depth++ {
		p, ok := ch[code]
		switch {
		case !ok:
			return ledger.Errorf(ledger.EInvalid, "parent account %s of %s does not exist", code, a.Code)
		case code == a.Code || depth > 64:
			return ledger.Errorf(ledger.EInvalid, "account %s would be its own ancestor", a.Code)
		}
		code = p.Parent
	}
	return nil
}
