package postgres_test

import (
	"testing"

	"hasap/internal/pgtest"
	"hasap/store/postgres"
	"hasap/store/storetest"
)

// TestConformance runs the store suite against the PostgreSQL server named
// by HASAP_TEST_POSTGRES (postgres://user@host:port/db?sslmode=disable). Each
// subtest gets a database of its own, hasap_test_<random hex>, dropped when
// it ends; no other database is touched. Without the variable the test is
// skipped, unless HASAP_REQUIRE_POSTGRES=1 (as in CI), when it fails.
func TestConformance(t *testing.T) {
	pgtest.Server(t)
	storetest.Run(t, func(t *testing.T) storetest.Store {
		s, err := postgres.Open(t.Context(), pgtest.Database(t))
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
