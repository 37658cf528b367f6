package doc

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"hasap/internal/archtest"
)

// TestImports keeps the package doc's promise file by file: the standard
// library, hasap/ledger and hasap/money, nothing that does I/O.
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

// TestDependencies checks the same on `go list -deps`, so that indirect
// imports count too: no database, no store, service or adapter, nothing
// third-party, and of Hasap only ledger and money.
func TestDependencies(t *testing.T) {
	forbidden := []string{"database/sql", "net", "os/exec", "hasap/store", "hasap/app", "hasap/api", "hasap/web", "hasap/cmd"}
	allowed := map[string]bool{"hasap/doc": true, "hasap/ledger": true, "hasap/money": true}
	out, err := exec.Command(goTool(t), "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "hasap/doc").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list found %d packages", len(lines))
	}
	for _, line := range lines {
		path, std, _ := strings.Cut(line, " ")
		for _, f := range forbidden {
			if (path == f || strings.HasPrefix(path, f+"/")) && path != "net/netip" && path != "net/url" {
				t.Errorf("doc depends on %s", path)
			}
		}
		switch {
		case std == "true":
		case path == "hasap" || strings.HasPrefix(path, "hasap/"):
			if !allowed[path] {
				t.Errorf("doc depends on %s; only ledger and money are allowed", path)
			}
		default:
			t.Errorf("doc depends on the third-party package %s", path)
		}
	}
}

// goTool finds the go command of the toolchain running the test.
func goTool(t *testing.T) string {
	t.Helper()
	if root := runtime.GOROOT(); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command: cannot list dependencies")
	}
	return p
}
