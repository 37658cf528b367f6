// Package open turns a connection string into a store: a path or
// sqlite:PATH opens the embedded SQLite store, postgres://... or
// postgresql://... opens PostgreSQL. It is the one place that knows both.
package open

import (
	"context"
	"strings"

	"hasap/store/postgres"
	"hasap/store/sqldb"
	"hasap/store/sqlite"
)

// DefaultDSN is where the embedded database lives when nothing else is said.
const DefaultDSN = "./hasap-data/hasap.db"

// Options tune the stores.
type Options struct {
	// SQLiteCacheMiB sizes SQLite's page cache (see sqlite.Options).
	SQLiteCacheMiB int
}

// Open opens the store named by dsn.
func Open(ctx context.Context, dsn string, opts Options) (*sqldb.DB, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return postgres.Open(ctx, dsn)
	case strings.HasPrefix(dsn, "sqlite:"):
		dsn = strings.TrimPrefix(dsn, "sqlite:")
	case dsn == "":
		dsn = DefaultDSN
	}
	return sqlite.Open(ctx, dsn, sqlite.Options{CacheMiB: opts.SQLiteCacheMiB})
}
