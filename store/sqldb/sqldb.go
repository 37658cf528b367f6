// Package sqldb is the SQL engine both stores share: the queries, the posting
// transaction and the reads, written once over database/sql and a Dialect
// that says how SQLite and PostgreSQL differ (placeholders, locking, schema).
// store/sqlite and store/postgres open a database and hand it here.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"hasap/ledger"
	"hasap/store"
)

// Dialect is what differs between the SQL databases Hasap runs on.
type Dialect struct {
	// Name is "sqlite" or "postgres".
	Name string
	// Dollar placeholders ($1, $2...) instead of ?.
	Dollar bool
	// ForUpdate is appended to the chain-head read that serialises posting
	// per organisation (" FOR UPDATE" on PostgreSQL; SQLite's write lock is
	// already database-wide).
	ForUpdate string
	// Migrations holds NNNN_name.sql files applied in order.
	Migrations fs.FS
	// MigrationLock, if set, runs first inside the migration transaction.
	MigrationLock string
	// SnapshotBegin starts a consistent read transaction.
	SnapshotOpts *sql.TxOptions
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(error) bool
	// MaxParams bounds the placeholders of one statement.
	MaxParams int
	// AsyncBulk lets a bulk posting transaction run its inserts on a second
	// goroutine. Only for drivers whose connection may be used from two
	// goroutines in turn (mattn/go-sqlite3); pgx's may not.
	AsyncBulk bool
	// ByteOrder follows a text column in ORDER BY so that codes sort by
	// bytes, as SQLite's BINARY collation and Go do, whatever the database's
	// default collation (` COLLATE "C"` on PostgreSQL).
	ByteOrder string
	// FirstAnalytic is the SQL of the first analytic id of a posting side's
	// analytics column ("12,7,3" → 12) as an integer, with %s for the
	// column: the expression the indexes of migration 0013 are built on,
	// which a query must spell the same way to use them.
	FirstAnalytic string
}

// DB implements store.Store over a writer and a reader pool.
type DB struct {
	w, r *sql.DB
	d    Dialect

	mu       sync.Mutex
	charts   map[ledger.OrgID]cachedChart
	names    map[ledger.OrgID]*cachedNames // see AnalyticsByID
	months   map[ledger.OrgID]*monthSums   // see months.go
	analytic map[ledger.OrgID]map[ledger.AnalyticID]ledger.AnalyticKind
	stmts    map[string]string // rebound query text by source
	window   atomic.Int64      // see SetBrowseWindow
}

type cachedChart struct {
	version int64
	chart   ledger.Chart
}

var _ store.Store = (*DB)(nil)

// New wraps the writer and reader pools (they may be the same) in a store.
func New(w, r *sql.DB, d Dialect) *DB {
	return &DB{w: w, r: r, d: d,
		charts:   map[ledger.OrgID]cachedChart{},
		names:    map[ledger.OrgID]*cachedNames{},
		months:   map[ledger.OrgID]*monthSums{},
		analytic: map[ledger.OrgID]map[ledger.AnalyticID]ledger.AnalyticKind{},
		stmts:    map[string]string{},
	}
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		if err2 := db.r.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// Writer exposes the writer pool, for tests that play an attacker with raw SQL.
func (db *DB) Writer() *sql.DB { return db.w }

// Dialect returns the dialect.
func (db *DB) Dialect() Dialect { return db.d }

// q rewrites ? placeholders for the dialect, caching the result.
func (db *DB) q(query string) string {
	if !db.d.Dollar {
		return query
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if s, ok := db.stmts[query]; ok {
		return s
	}
	s := rebindDollar(query)
	db.stmts[query] = s
	return s
}

// qOnce rewrites a query built for one call (a filter's IN list, a page's
// seqs) without caching it: such texts are many and rarely repeat.
func (db *DB) qOnce(query string) string {
	if !db.d.Dollar {
		return query
	}
	return rebindDollar(query)
}

func rebindDollar(query string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Migrate applies the dialect's migrations that are not applied yet, each in
// its own transaction.
func (db *DB) Migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_us BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(db.d.Migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	seen := map[int]string{}
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		// Two files with one number: the second would be skipped silently
		// as already applied.
		if other, dup := seen[v]; dup {
			return fmt.Errorf("migrations %s and %s have the same version %d", other, name, v)
		}
		seen[v] = name
		if err := db.migrateOne(ctx, name, v); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) migrateOne(ctx context.Context, name string, version int) error {
	body, err := fs.ReadFile(db.d.Migrations, name)
	if err != nil {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.d.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, db.d.MigrationLock); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO schema_migrations (version, applied_us) VALUES (?, ?)`), version, time.Now().UnixMicro()); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func notFound(err error, format string, args ...any) error {
	if err == sql.ErrNoRows {
		return ledger.Errorf(ledger.ENotFound, format, args...)
	}
	return err
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
