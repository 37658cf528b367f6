package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

var _ store.Identity = (*DB)(nil)

// Limits on identity text. Email follows RFC 5321's path limit.
const (
	maxEmailLen = 254
	maxIdentTxt = ledger.MaxTextLen
)

// micros and fromMicros map a time to the stored microseconds and back; the
// zero time is stored as 0 where a column means "never".
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func microsOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicrosOrZero(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return fromMicros(us)
}

// ceilMicros is the first microsecond at or after t: a stored time (whole
// microseconds) is before t exactly when it is below ceilMicros(t).
func ceilMicros(t time.Time) int64 {
	us := t.UnixMicro()
	if t.Sub(time.UnixMicro(us)) > 0 {
		us++
	}
	return us
}

// nowMicro is the store's clock for rows whose caller gave no time.
func nowMicro() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// checkText refuses text that is too long or not UTF-8.
func checkText(max int, ss ...string) error {
	for _, s := range ss {
		if len(s) > max || !utf8.ValidString(s) {
			return ledger.Errorf(ledger.EInvalid, "text longer than %d bytes or not UTF-8", max)
		}
	}
	return nil
}

const userColumns = `id, email, name, password_hash, totp_secret, totp_last_step, lang, disabled, created_us`

func scanUser(row interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	var disabled, created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.TOTPSecret, &u.TOTPLastStep, &u.Lang, &disabled, &created)
	u.Disabled = disabled != 0
	u.Created = fromMicros(created)
	return u, err
}

// CreateUser stores a new user with its email in lower case.
func (db *DB) CreateUser(ctx context.Context, u *auth.User) error {
	email := strings.ToLower(u.Email)
	if strings.TrimSpace(email) == "" {
		return ledger.Errorf(ledger.EInvalid, "a user needs an email address")
	}
	if err := checkText(maxEmailLen, email); err != nil {
		return err
	}
	if err := checkText(maxIdentTxt, u.Name, u.PasswordHash, u.TOTPSecret, u.Lang); err != nil {
		return err
	}
	created := u.Created
	if created.IsZero() {
		created = nowMicro()
	}
	var id int64
	err := db.w.QueryRowContext(ctx, db.q(`INSERT INTO users (email, name, password_hash, totp_secret, totp_last_step, lang, disabled, created_us)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		email, u.Name, u.PasswordHash, u.TOTPSecret, u.TOTPLastStep, u.Lang, boolInt(u.Disabled), micros(created)).Scan(&id)
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "a user with email %s already exists", email)
		}
		return fmt.Errorf("create user: %w", err)
	}
	u.ID, u.Email, u.Created = auth.UserID(id), email, created.UTC().Truncate(time.Microsecond)
	return nil
}

// User returns a user by id.
func (db *DB) User(ctx context.Context, id auth.UserID) (auth.User, error) {
	u, err := scanUser(db.r.QueryRowContext(ctx, db.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), int64(id)))
	return u, notFound(err, "user %d does not exist", id)
}

// UserByEmail returns a user by email, in any case.
func (db *DB) UserByEmail(ctx context.Context, email string) (auth.User, error) {
	email = strings.ToLower(email)
	u, err := scanUser(db.r.QueryRowContext(ctx, db.q(`SELECT `+userColumns+` FROM users WHERE email = ?`), email))
	return u, notFound(err, "no user has email %s", email)
}

// UpdateUser saves what may change of a user; the email and the creation
// time stay.
func (db *DB) UpdateUser(ctx context.Context, u auth.User) error {
	if err := checkText(maxIdentTxt, u.Name, u.PasswordHash, u.TOTPSecret, u.Lang); err != nil {
		return err
	}
	res, err := db.w.ExecContext(ctx, db.q(`UPDATE users SET name = ?, password_hash = ?, totp_secret = ?, totp_last_step = ?, lang = ?, disabled = ?
		WHERE id = ?`), u.Name, u.PasswordHash, u.TOTPSecret, u.TOTPLastStep, u.Lang, boolInt(u.Disabled), int64(u.ID))
	return affected(res, err, "user %d does not exist", u.ID)
}

// affected turns an UPDATE or DELETE that touched no row into ENotFound.
func affected(res sql.Result, err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ledger.Errorf(ledger.ENotFound, format, args...)
	}
	return nil
}

// PutMembership gives the user the role in the organisation. Both must
// exist: the checks run in the transaction, so a missing one is ENotFound
// rather than a foreign-key failure.
func (db *DB) PutMembership(ctx context.Context, m auth.Membership) error {
	if !m.Role.Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown role %q", string(m.Role))
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM orgs WHERE id = ?`), int64(m.Org)).Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return ledger.Errorf(ledger.ENotFound, "organisation %d does not exist", m.Org)
	}
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM users WHERE id = ?`), int64(m.User)).Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return ledger.Errorf(ledger.ENotFound, "user %d does not exist", m.User)
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?)
		ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`), int64(m.Org), int64(m.User), string(m.Role))
	if err != nil {
		return fmt.Errorf("put membership: %w", err)
	}
	return tx.Commit()
}

// RemoveMembership takes the user out of the organisation; one who is not
// in it is ENotFound.
func (db *DB) RemoveMembership(ctx context.Context, org ledger.OrgID, user auth.UserID) error {
	res, err := db.w.ExecContext(ctx, db.q(`DELETE FROM memberships WHERE org_id = ? AND user_id = ?`), int64(org), int64(user))
	return affected(res, err, "user %d is not a member of organisation %d", user, org)
}

// Membership returns the user's membership in org.
func (db *DB) Membership(ctx context.Context, org ledger.OrgID, user auth.UserID) (auth.Membership, error) {
	m := auth.Membership{Org: org, User: user}
	var role string
	err := db.r.QueryRowContext(ctx, db.q(`SELECT role FROM memberships WHERE org_id = ? AND user_id = ?`), int64(org), int64(user)).Scan(&role)
	m.Role = auth.Role(role)
	return m, notFound(err, "user %d is not a member of organisation %d", user, org)
}

// Memberships lists the user's organisations, by organisation id.
func (db *DB) Memberships(ctx context.Context, user auth.UserID) ([]auth.Membership, error) {
	return db.memberships(ctx, `SELECT org_id, user_id, role FROM memberships WHERE user_id = ? ORDER BY org_id`, int64(user))
}

// OrgMembers lists an organisation's members, by user id.
func (db *DB) OrgMembers(ctx context.Context, org ledger.OrgID) ([]auth.Membership, error) {
	return db.memberships(ctx, `SELECT org_id, user_id, role FROM memberships WHERE org_id = ? ORDER BY user_id`, int64(org))
}

func (db *DB) memberships(ctx context.Context, query string, arg int64) ([]auth.Membership, error) {
	rows, err := db.r.QueryContext(ctx, db.q(query), arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.Membership
	for rows.Next() {
		var m auth.Membership
		var role string
		if err := rows.Scan(&m.Org, &m.User, &role); err != nil {
			return nil, err
		}
		m.Role = auth.Role(role)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateSession stores a session.
func (db *DB) CreateSession(ctx context.Context, s auth.Session) error {
	_, err := db.w.ExecContext(ctx, db.q(`INSERT INTO sessions (hash, user_id, created_us, last_seen_us) VALUES (?, ?, ?, ?)`),
		s.Hash[:], int64(s.UserID), micros(s.CreatedAt), micros(s.LastSeenAt))
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "the token is already in use")
		}
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// GetSession returns the session with the hash.
func (db *DB) GetSession(ctx context.Context, hash [32]byte) (auth.Session, error) {
	s := auth.Session{Hash: hash}
	var created, seen int64
	err := db.r.QueryRowContext(ctx, db.q(`SELECT user_id, created_us, last_seen_us FROM sessions WHERE hash = ?`), hash[:]).
		Scan(&s.UserID, &created, &seen)
	if err != nil {
		return auth.Session{}, notFound(err, "no such session; please log in")
	}
	s.CreatedAt, s.LastSeenAt = fromMicros(created), fromMicros(seen)
	return s, nil
}

// TouchSession moves the session's last-seen time.
func (db *DB) TouchSession(ctx context.Context, hash [32]byte, lastSeen time.Time) error {
	res, err := db.w.ExecContext(ctx, db.q(`UPDATE sessions SET last_seen_us = ? WHERE hash = ?`), micros(lastSeen), hash[:])
	return affected(res, err, "no such session; please log in")
}

// DeleteSession deletes a session; none is not an error.
func (db *DB) DeleteSession(ctx context.Context, hash [32]byte) error {
	_, err := db.w.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE hash = ?`), hash[:])
	return err
}

// DeleteUserSessions deletes every session of the user.
func (db *DB) DeleteUserSessions(ctx context.Context, user auth.UserID) error {
	_, err := db.w.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE user_id = ?`), int64(user))
	return err
}

// DeleteSessionsBefore deletes the sessions created before createdBefore or
// last seen before lastSeenBefore ("before" is strict, to the nanosecond of
// the arguments: the stored whole microseconds are compared with the
// arguments rounded up).
func (db *DB) DeleteSessionsBefore(ctx context.Context, createdBefore, lastSeenBefore time.Time) (int, error) {
	res, err := db.w.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE created_us < ? OR last_seen_us < ?`),
		ceilMicros(createdBefore), ceilMicros(lastSeenBefore))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

const tokenColumns = `org_id, id, hash, user_id, name, created_us, expires_us, last_used_us`

func scanToken(row interface{ Scan(...any) error }) (auth.APIToken, error) {
	var t auth.APIToken
	var hash []byte
	var created, expires, used int64
	if err := row.Scan(&t.Org, &t.ID, &hash, &t.User, &t.Name, &created, &expires, &used); err != nil {
		return t, err
	}
	copy(t.Hash[:], hash)
	t.Created, t.Expires, t.LastUsed = fromMicros(created), fromMicrosOrZero(expires), fromMicrosOrZero(used)
	return t, nil
}

// CreateAPIToken stores a token's hash and numbers it within its
// organisation.
func (db *DB) CreateAPIToken(ctx context.Context, t *auth.APIToken) error {
	if err := checkText(maxIdentTxt, t.Name); err != nil {
		return err
	}
	created := t.Created
	if created.IsZero() {
		created = nowMicro()
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM memberships WHERE org_id = ? AND user_id = ?`), int64(t.Org), int64(t.User)).Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return ledger.Errorf(ledger.ENotFound, "user %d is not a member of organisation %d", t.User, t.Org)
	}
	id, err := db.nextCounter(ctx, tx, t.Org, "api_token")
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO api_tokens (`+tokenColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		int64(t.Org), id, t.Hash[:], int64(t.User), t.Name, micros(created), microsOrZero(t.Expires), microsOrZero(t.LastUsed))
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "the token is already in use")
		}
		return fmt.Errorf("create API token: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	t.ID, t.Created = id, created.UTC().Truncate(time.Microsecond)
	return nil
}

// APITokenByHash finds a token by the hash of its secret.
func (db *DB) APITokenByHash(ctx context.Context, hash [32]byte) (auth.APIToken, error) {
	t, err := scanToken(db.r.QueryRowContext(ctx, db.q(`SELECT `+tokenColumns+` FROM api_tokens WHERE hash = ?`), hash[:]))
	return t, notFound(err, "no such API token")
}

// APITokens lists an organisation's tokens by id.
func (db *DB) APITokens(ctx context.Context, org ledger.OrgID) ([]auth.APIToken, error) {
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT `+tokenColumns+` FROM api_tokens WHERE org_id = ? ORDER BY id`), int64(org))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteAPIToken revokes a token of the organisation.
func (db *DB) DeleteAPIToken(ctx context.Context, org ledger.OrgID, id int64) error {
	res, err := db.w.ExecContext(ctx, db.q(`DELETE FROM api_tokens WHERE org_id = ? AND id = ?`), int64(org), id)
	return affected(res, err, "no such API token")
}

// TouchAPIToken records the token's last use.
func (db *DB) TouchAPIToken(ctx context.Context, org ledger.OrgID, id int64, lastUsed time.Time) error {
	res, err := db.w.ExecContext(ctx, db.q(`UPDATE api_tokens SET last_used_us = ? WHERE org_id = ? AND id = ?`),
		microsOrZero(lastUsed), int64(org), id)
	return affected(res, err, "no such API token")
}

// nextCounter moves the organisation's counter name by one inside tx and
// returns the new value. The upsert locks the counter's row until tx ends
// (PostgreSQL), or runs under the database's one writer (SQLite), so
// concurrent transactions get consecutive values, and a rolled-back one
// gives its value back.
func (db *DB) nextCounter(ctx context.Context, tx querier, org ledger.OrgID, name string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, db.q(`INSERT INTO counters (org_id, name, value) VALUES (?, ?, 1)
		ON CONFLICT (org_id, name) DO UPDATE SET value = counters.value + 1 RETURNING value`), int64(org), name).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("counter %s: %w", name, err)
	}
	return v, nil
}
