package archtest

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// forbidden lists what the domain must never depend on, directly or not: a
// path is refused when it equals an entry or lies under it.
var forbidden = []string{
	"database/sql",
	"net", // and so net/http, net/rpc...
	"os/exec",
	"hasap/store",
	"hasap/app",
	"hasap/api",
	"hasap/web",
	"hasap/cmd",
}

// allowedNet are the net/... packages that do no I/O.
var allowedNet = map[string]bool{"net/netip": true, "net/url": true}

// domain maps each domain package to whether it may use other hasap
// packages (money may not: the standard library only).
var domain = map[string]bool{
	"hasap/ledger":        true,
	"hasap/money":         false,
	"hasap/money/inwords": true,
	"hasap/report":        true,
	"hasap/doc":           true,
	"hasap/settle":        true,
	"hasap/bankmatch":     true,
	"hasap/statement":     true,
}

type dep struct {
	path     string
	standard bool
}

// TestDomainHasNoIO runs `go list -deps` on each domain package and fails
// on any dependency that does I/O, reaches a store or a service, or comes
// from a third-party module.
func TestDomainHasNoIO(t *testing.T) {
	for pkg, mayUseHasap := range domain {
		deps := listDeps(t, pkg)
		if len(deps) < 2 {
			t.Fatalf("%s: go list found %d packages; is the module where it should be?", pkg, len(deps))
		}
		for _, d := range deps {
			if d.path == pkg {
				continue
			}
			if bad := forbiddenPrefix(d.path); bad != "" {
				t.Errorf("%s depends on %s (forbidden: %s)", pkg, d.path, bad)
			}
			switch {
			case d.standard:
			case d.path == "hasap" || strings.HasPrefix(d.path, "hasap/"):
				if !mayUseHasap {
					t.Errorf("%s must use the standard library only, but depends on %s", pkg, d.path)
				}
			default:
				t.Errorf("%s depends on the third-party package %s", pkg, d.path)
			}
		}
	}
}

func forbiddenPrefix(path string) string {
	if allowedNet[path] {
		return ""
	}
	for _, f := range forbidden {
		if path == f || strings.HasPrefix(path, f+"/") {
			return f
		}
	}
	return ""
}

// TestForbiddenPrefix checks the matcher itself, so that a typo cannot make
// the architecture test pass vacuously.
func TestForbiddenPrefix(t *testing.T) {
	for path, want := range map[string]string{
		"database/sql": "database/sql", "database/sql/driver": "database/sql",
		"net": "net", "net/http": "net", "net/http/httptest": "net", "net/netip": "",
		"os/exec": "os/exec", "os": "", "hasap/store/sqldb": "hasap/store", "hasap/storetest": "",
		"hasap/app": "hasap/app", "hasap/money": "", "network": "",
	} {
		if got := forbiddenPrefix(path); got != want {
			t.Errorf("forbiddenPrefix(%q) = %q, want %q", path, got, want)
		}
	}
}

func listDeps(t *testing.T, pkg string) []dep {
	t.Helper()
	cmd := exec.Command(goTool(t), "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", pkg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr.String())
	}
	var deps []dep
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		path, std, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("go list: unexpected line %q", sc.Text())
		}
		deps = append(deps, dep{path, std == "true"})
	}
	return deps
}

// goTool finds the go command of the toolchain running the test, or the one
// on PATH.
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
