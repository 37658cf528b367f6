package settle

import (
	"strings"
	"testing"

	"hasap/internal/archtest"
)

// TestImports keeps the package settle's promise file by file: the standard
// library, hasap/ledger and hasap/money, nothing that does I/O. Indirect
// dependencies are checked with the other domain packages' in
// internal/archtest (TestDomainHasNoIO).
func TestImports(t *testing.T) {
	for name, paths := range archtest.Imports(t) {
		for _, path := range paths {
			first, _, _ := strings.Cut(path, "/")
			switch {
			case path == "hasap/money" || path == "hasap/ledger":
			case strings.Contains(first, ".") || first == "hasap" || first == "net" || first == "os" ||
				first == "database" || first == "io" || first == "syscall" || first == "embed":
				t.Errorf("%s imports %q", name, path)
			}
		}
	}
}
