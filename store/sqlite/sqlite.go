// Package sqlite opens Hasap's embedded store: one SQLite file in WAL mode
// with synchronous=FULL (a commit is on disk before it is acknowledged) and
// foreign keys on. The queries live in store/sqldb; this package holds the
// driver, the pragmas and the SQLite migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"hasap/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// driverName is go-sqlite3 with lower() replaced by Go's strings.ToLower:
// SQLite's own lower() folds only ASCII, so a search for "ромашка" would not
// find "ООО «Ромашка»" as it does on PostgreSQL.
const driverName = "sqlite3_hasap"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterFunc("lower", strings.ToLower, true)
	}})
}

// Options tune the connection.
type Options struct {
	// CacheMiB is SQLite's page cache per connection; large imports want it
	// large enough to hold the indexes they touch. Zero means 64 MiB.
	CacheMiB int
}

// Open opens (creating if needed) the database file at path, applies
// migrations and returns the store.
func Open(ctx context.Context, path string, opts Options) (*sqldb.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
	}
	cache := opts.CacheMiB
	if cache <= 0 {
		cache = 64
	}
	params := url.Values{}
	params.Set("_journal_mode", "WAL")
	params.Set("_synchronous", "FULL")
	params.Set("_foreign_keys", "on")
	params.Set("_busy_timeout", "30000")
	params.Set("_cache_size", fmt.Sprint(-cache*1024))
	// INSERT OR REPLACE deletes the row it replaces; without recursive
	// triggers that delete bypasses the immutability triggers.
	params.Set("_recursive_triggers", "on")
	rparams := url.Values{}
	for k, v := range params {
		rparams[k] = v
	}
	params.Set("_txlock", "immediate")
	base := "file:" + (&url.URL{Path: path}).EscapedPath()
	w, err := sql.Open(driverName, base+"?"+params.Encode())
	if err != nil {
		return nil, err
	}
	// One writer connection: SQLite has one writer at a time anyway, and a
	// single connection keeps its page cache warm between transactions.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open(driverName, base+"?"+rparams.Encode())
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db := sqldb.New(w, r, Dialect())
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// Dialect returns the SQLite dialect for the shared engine.
func Dialect() sqldb.Dialect {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sqldb.Dialect{
		Name:         "sqlite",
		Migrations:   sub,
		SnapshotOpts: &sql.TxOptions{ReadOnly: true},
		IsUnique:     isUnique,
		MaxParams:    32766,
		AsyncBulk:    true,
		// SQLite reads the leading integer of "12,7,3".
		FirstAnalytic: "CAST(%s AS INTEGER)",
	}
}

func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}
