package sqlite_test

import (
	"path/filepath"
	"testing"

	"hasap/store/sqlite"
	"hasap/store/storetest"
)

// TestConformance runs the store suite against a fresh SQLite file per subtest.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		path := filepath.Join(t.TempDir(), "hasap.db")
		s, err := sqlite.Open(t.Context(), path, sqlite.Options{CacheMiB: 8})
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
