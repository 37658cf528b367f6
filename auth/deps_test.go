package auth

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"hasap/internal/archtest"
)

// TestDependencies keeps the package doc's promise: no database, no store,
// no service or adapter, nothing third-party but x/crypto (and the x/sys it
// needs), checked on `go list -deps` so indirect imports count too.
func TestDependencies(t *testing.T) {
	forbidden := []string{"database/sql", "os/exec", "hasap/store", "hasap/app", "hasap/api", "hasap/web", "hasap/cmd"}
	allowedHasap := map[string]bool{"hasap/auth": true, "hasap/ledger": true, "hasap/money": true}
	out, err := exec.Command(goTool(t), "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "hasap/auth").Output()
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
			if path == f || strings.HasPrefix(path, f+"/") {
				t.Errorf("auth depends on %s", path)
			}
		}
		switch {
		case std == "true":
		case strings.HasPrefix(path, "hasap/") || path == "hasap":
			if !allowedHasap[path] {
				t.Errorf("auth depends on %s; only ledger (and what it uses) is expected", path)
			}
		case strings.HasPrefix(path, "golang.org/x/crypto/"), path == "golang.org/x/sys/cpu":
		default:
			t.Errorf("auth depends on the third-party package %s", path)
		}
	}
}

// TestNetHTTPOnlyInCookie: net/http is here for http.Cookie alone.
func TestNetHTTPOnlyInCookie(t *testing.T) {
	for name, paths := range archtest.Imports(t) {
		if name == "cookie.go" {
			continue
		}
		for _, p := range paths {
			if p == "net/http" || strings.HasPrefix(p, "net/http/") {
				t.Errorf("%s imports %s; only cookie.go may", name, p)
			}
		}
	}
}

// goTool finds the go command of the toolchain running the test.
func goTool(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); runtime.GOROOT() != "" {
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
