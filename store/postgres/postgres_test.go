package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"hasap/store/postgres"
	"hasap/store/storetest"
)

// TestConformance runs the store suite against the PostgreSQL server named
// by HASAP_TEST_POSTGRES (postgres://user@host:port/db?sslmode=disable). Each
// subtest gets a database of its own, hasap_test_<random hex>, dropped when
// it ends; no other database is touched. Without the variable the test is
// skipped, unless HASAP_REQUIRE_POSTGRES=1 (as in CI), when it fails.
func TestConformance(t *testing.T) {
	dsn := os.Getenv("HASAP_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("HASAP_REQUIRE_POSTGRES") == "1" {
			t.Fatal("HASAP_REQUIRE_POSTGRES=1 but HASAP_TEST_POSTGRES does not name a server")
		}
		t.Skip("HASAP_TEST_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if err := admin.PingContext(t.Context()); err != nil {
		t.Fatalf("HASAP_TEST_POSTGRES: %v", err)
	}
	// A linguistic collation where the server has one (ICU, PostgreSQL 15+),
	// as on a server initialised with en_US.UTF-8: the store must not
	// depend on the database's collation for its orders and searches.
	options := " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
	probe := "hasap_test_" + randomHex(t)
	if _, err := admin.ExecContext(t.Context(), "CREATE DATABASE "+probe+options); err != nil {
		t.Logf("databases use the server's default collation (no ICU en-US: %v)", err)
		options = ""
	} else if _, err := admin.ExecContext(context.Background(), "DROP DATABASE "+probe); err != nil {
		t.Fatalf("drop database %s: %v", probe, err)
	}
	storetest.Run(t, func(t *testing.T) storetest.Store {
		name := "hasap_test_" + randomHex(t)
		if _, err := admin.ExecContext(t.Context(), "CREATE DATABASE "+name+options); err != nil {
			t.Fatalf("create database %s: %v", name, err)
		}
		t.Cleanup(func() {
			if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
				t.Errorf("drop database %s: %v", name, err)
			}
		})
		s, err := postgres.Open(t.Context(), withDatabase(t, dsn, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
		return s
	})
}

func randomHex(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// withDatabase points dsn, a URL or a keyword/value string, at database name.
func withDatabase(t *testing.T, dsn, name string) string {
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
