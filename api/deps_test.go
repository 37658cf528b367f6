package api

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHandlersNeverTouchAStore: the API goes through the use cases of
// package app; no file of the package (tests aside) imports SQL or a store
// implementation. (hasap/store itself is allowed for its filter types.)
func TestHandlersNeverTouchAStore(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if path == "database/sql" || strings.HasPrefix(path, "database/sql/") || strings.HasPrefix(path, "hasap/store/") {
				t.Errorf("%s imports %s: the API reaches the books only through package app", name, path)
			}
		}
	}
}
