// Package postgres opens Hasap's PostgreSQL store through pgx. The queries
// live in store/sqldb; this package holds the driver, the connection pool
// and the PostgreSQL migrations.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"hasap/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database named by dsn (postgres://...), applies
// migrations and returns the store.
func Open(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := sqldb.New(db, db, Dialect())
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// Dialect returns the PostgreSQL dialect for the shared engine.
func Dialect() sqldb.Dialect {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sqldb.Dialect{
		Name:          "postgres",
		Dollar:        true,
		ForUpdate:     " FOR UPDATE",
		Migrations:    sub,
		MigrationLock: "SELECT pg_advisory_xact_lock(7243011)",
		SnapshotOpts:  &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
		IsUnique:      isUnique,
		MaxParams:     65535,
		ByteOrder:     ` COLLATE "C"`,
		FirstAnalytic: "CAST(split_part(%s, ',', 1) AS BIGINT)",
	}
}

func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}
