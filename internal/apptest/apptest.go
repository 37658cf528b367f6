// Package apptest opens the application over books of its own, on the
// embedded store, for the tests of the packages above app (web, api, the
// command line, the demo). It is test support: import it from _test.go
// files only.
package apptest

import (
	"context"
	"path/filepath"
	"testing"

	"hasap/app"
	"hasap/store/sqlite"
)

// Open opens the application over the SQLite books h.db in dir (made if
// new), with its checkpoint key beside them. The caller closes a.Store.
func Open(ctx context.Context, dir string) (*app.App, error) {
	st, err := sqlite.Open(ctx, filepath.Join(dir, "h.db"), sqlite.Options{})
	if err != nil {
		return nil, err
	}
	return app.New(st, filepath.Join(dir, "key")), nil
}

// New opens the application over fresh books in a directory of the test's
// own, closed when the test ends.
func New(t testing.TB) *app.App {
	t.Helper()
	a, err := Open(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Store.Close() })
	return a
}
