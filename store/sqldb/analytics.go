package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"hasap/ledger"
)

const analyticColumns = `id, kind, code, name_tk, name_ru, name_en, owner`

func validateAnalytic(a *ledger.Analytic) error {
	if !a.Kind.Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", a.Kind)
	}
	if strings.TrimSpace(a.Code) == "" || len(a.Code) > 100 || !utf8.ValidString(a.Code) {
		return ledger.Errorf(ledger.EInvalid, "%s code must be 1 to 100 characters", a.Kind)
	}
	return nil
}

// CreateAnalytic adds an entry to a catalog.
func (db *DB) CreateAnalytic(ctx context.Context, org ledger.OrgID, a *ledger.Analytic) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.insertAnalytic(ctx, tx, org, a); err != nil {
		return err
	}
	return tx.Commit()
}

func (db *DB) insertAnalytic(ctx context.Context, tx querier, org ledger.OrgID, a *ledger.Analytic) error {
	if err := validateAnalytic(a); err != nil {
		return err
	}
	var next int64
	err := tx.QueryRowContext(ctx, db.q(`UPDATE orgs SET next_analytic = next_analytic + 1 WHERE id = ? RETURNING next_analytic`), org).Scan(&next)
	if err != nil {
		return notFound(err, "organisation %d does not exist", org)
	}
	a.ID = ledger.AnalyticID(next - 1)
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO analytics (org_id, id, kind, code, name_tk, name_ru, name_en, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		org, int64(a.ID), string(a.Kind), a.Code, a.Names.TK, a.Names.RU, a.Names.EN, int64(a.Owner))
	if err != nil {
		if db.d.IsUnique(err) {
			return ledger.Errorf(ledger.EConflict, "%s %s already exists", a.Kind, a.Code)
		}
		return fmt.Errorf("insert analytic: %w", err)
	}
	return nil
}

func scanAnalytic(row interface{ Scan(...any) error }) (ledger.Analytic, error) {
	var a ledger.Analytic
	var kind string
	err := row.Scan(&a.ID, &kind, &a.Code, &a.Names.TK, &a.Names.RU, &a.Names.EN, &a.Owner)
	a.Kind = ledger.AnalyticKind(kind)
	return a, err
}

// AnalyticByCode finds a catalog entry by kind and code.
func (db *DB) AnalyticByCode(ctx context.Context, org ledger.OrgID, kind ledger.AnalyticKind, code string) (ledger.Analytic, error) {
	return db.analyticByCode(ctx, db.r, org, kind, code)
}

func (db *DB) analyticByCode(ctx context.Context, q querier, org ledger.OrgID, kind ledger.AnalyticKind, code string) (ledger.Analytic, error) {
	a, err := scanAnalytic(q.QueryRowContext(ctx, db.q(`SELECT `+analyticColumns+` FROM analytics WHERE org_id = ? AND kind = ? AND code = ?`), org, string(kind), code))
	return a, notFound(err, "%s %s does not exist", kind, code)
}

// Analytics lists a catalog, optionally filtered by a substring.
func (db *DB) Analytics(ctx context.Context, org ledger.OrgID, kind ledger.AnalyticKind, search string, limit int) ([]ledger.Analytic, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	pattern := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(search)) + "%"
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT `+analyticColumns+` FROM analytics WHERE org_id = ? AND kind = ?
		AND (lower(code) LIKE ? ESCAPE '\' OR lower(name_tk) LIKE ? ESCAPE '\' OR lower(name_ru) LIKE ? ESCAPE '\' OR lower(name_en) LIKE ? ESCAPE '\')
		ORDER BY code`+db.d.ByteOrder+` LIMIT ?`), org, string(kind), pattern, pattern, pattern, pattern, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Analytic
	for rows.Next() {
		a, err := scanAnalytic(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AnalyticsByID returns the catalog entries with the given ids.
func (db *DB) AnalyticsByID(ctx context.Context, org ledger.OrgID, ids []ledger.AnalyticID) (map[ledger.AnalyticID]ledger.Analytic, error) {
	out := make(map[ledger.AnalyticID]ledger.Analytic, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	// Pages name the analytics of every line they show, so their names are
	// cached per organisation, under the version that a change of names
	// (UpdateAnalytic) moves; entries are never deleted and their kind,
	// code and owner never change.
	var version int64
	if err := db.r.QueryRowContext(ctx, db.q(`SELECT chart_version FROM orgs WHERE id = ?`), int64(org)).Scan(&version); err != nil {
		return nil, notFound(err, "organisation %d does not exist", org)
	}
	var missing []ledger.AnalyticID
	db.mu.Lock()
	c := db.names[org]
	if c == nil || c.version != version || len(c.byID) > maxCachedNames {
		c = &cachedNames{version: version, byID: map[ledger.AnalyticID]ledger.Analytic{}}
		db.names[org] = c
	}
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if _, ok := out[id]; ok {
			continue
		}
		if a, ok := c.byID[id]; ok {
			out[id] = a
		} else {
			out[id] = ledger.Analytic{}
			missing = append(missing, id)
		}
	}
	db.mu.Unlock()
	// The missing ones in chunks, one query each: a cold process naming
	// the 8 000 keys of an expanded trial balance at 1M spent 80 ms in a
	// query per id.
	for chunk := range slices.Chunk(missing, min(500, db.d.MaxParams-1)) {
		args := make([]any, 0, len(chunk)+1)
		args = append(args, int64(org))
		for _, id := range chunk {
			args = append(args, int64(id))
		}
		rows, err := db.r.QueryContext(ctx, db.q(`SELECT `+analyticColumns+` FROM analytics WHERE org_id = ? AND id IN (?`+
			strings.Repeat(", ?", len(chunk)-1)+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("read analytics: %w", err)
		}
		found := 0
		for rows.Next() {
			a, err := scanAnalytic(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read analytics: %w", err)
			}
			out[a.ID] = a
			found++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read analytics: %w", err)
		}
		if found < len(chunk) {
			for _, id := range chunk {
				if out[id].ID == 0 {
					return nil, ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", id)
				}
			}
		}
	}
	if len(missing) > 0 {
		db.mu.Lock()
		for _, id := range missing {
			c.byID[id] = out[id]
		}
		db.mu.Unlock()
	}
	return out, nil
}

// cachedNames are the analytics of one organisation that pages have named.
type cachedNames struct {
	version int64
	byID    map[ledger.AnalyticID]ledger.Analytic
}

// maxCachedNames bounds the cache of one organisation; past it, it starts
// again.
const maxCachedNames = 100_000
