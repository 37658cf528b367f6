package web

import (
	"strings"
	"testing"

	"hasap/internal/archtest"
)

// TestHandlersNeverTouchAStore: the pages go through the use cases of
// package app; no file of the package (tests aside) imports SQL or a store
// implementation. (hasap/store itself is allowed for its filter types.)
func TestHandlersNeverTouchAStore(t *testing.T) {
	for name, paths := range archtest.Imports(t) {
		for _, path := range paths {
			if path == "database/sql" || strings.HasPrefix(path, "database/sql/") || strings.HasPrefix(path, "hasap/store/") {
				t.Errorf("%s imports %s: the pages reaches the books only through package app", name, path)
			}
		}
	}
}
