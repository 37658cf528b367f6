// Package pgtest gives tests a fresh PostgreSQL database of their own on the
// server named by HASAP_TEST_POSTGRES, and drops it when the test ends. The
// server is shared by every run on the machine, so nothing else is touched.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Server returns HASAP_TEST_POSTGRES. Without it the test is skipped, unless
// HASAP_REQUIRE_POSTGRES=1 (as in CI), when it fails.
func Server(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("HASAP_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("HASAP_REQUIRE_POSTGRES") == "1" {
			t.Fatal("HASAP_REQUIRE_POSTGRES=1 but HASAP_TEST_POSTGRES does not name a server")
		}
		t.Skip("HASAP_TEST_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)")
	}
	return dsn
}

var (
	optionsOnce sync.Once
	options     string
)

// Database creates a database named hasap_test_<random hex> and returns its
// connection string; it is dropped (WITH FORCE) when t ends. Where the
// server supports it, the database uses the ICU en-US collation, as a server
// initialised with en_US.UTF-8 would: Hasap must not depend on collation.
func Database(t testing.TB) string {
	t.Helper()
	server := Server(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	optionsOnce.Do(func() {
		opts := " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
		probe := "hasap_test_" + randomHex(t)
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+probe+opts); err == nil {
			admin.ExecContext(ctx, "DROP DATABASE "+probe)
			options = opts
		}
	})
	name := "hasap_test_" + randomHex(t)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+options); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return WithDatabase(t, server, name)
}

func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// WithDatabase points dsn, a URL or a keyword/value string, at database name.
func WithDatabase(t testing.TB, dsn, name string) string {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " dbname=" + name
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("HASAP_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
