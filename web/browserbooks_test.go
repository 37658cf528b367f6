package web_test

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/demo"
	"hasap/internal/apptest"
	"hasap/ledger"
	"hasap/web"
)

// What every browser test starts from: chromium, books of its own (empty,
// or a copy of the demo organisation, built once for the package), users,
// and a server on a real listener.

// needBrowser returns the context of a browser test, bounded in time. It
// skips the test without chromium, unless HASAP_REQUIRE_BROWSER=1 (CI)
// makes that a failure.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("HASAP_REQUIRE_BROWSER") == "1" {
			t.Fatalf("HASAP_REQUIRE_BROWSER=1 but there is no browser: %v", err)
		}
		t.Skipf("no %s (apt-get install chromium chromium-driver; HASAP_REQUIRE_BROWSER=1 makes this a failure)", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// The demo books, built once and copied for each test that wants them.
var (
	demoBooksOnce sync.Once
	demoBooksDir  string
	demoBooksErr  error
)

func buildDemoBooks() (string, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "hasap-web-demo-")
	if err != nil {
		return "", err
	}
	a, err := apptest.Open(ctx, dir)
	if err != nil {
		return dir, err
	}
	a.Now = func() time.Time { return now }
	_, err = demo.Build(ctx, a, demo.Options{Year: demoYear})
	if cerr := a.Store.Close(); err == nil {
		err = cerr // closing the last connection folds the WAL into h.db
	}
	return dir, err
}

// newBooks opens an app over books of the test's own: empty, or (withDemo)
// a copy of the demo organisation.
func newBooks(t *testing.T, ctx context.Context, withDemo bool) *app.App {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	if withDemo {
		demoBooksOnce.Do(func() { demoBooksDir, demoBooksErr = buildDemoBooks() })
		if demoBooksErr != nil {
			t.Fatal(demoBooksErr)
		}
		if err := copyFile(filepath.Join(demoBooksDir, "h.db"), db); err != nil {
			t.Fatal(err)
		}
	}
	a, err := apptest.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Store.Close() })
	a.Now = func() time.Time { return now }
	return a
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// addMember creates a user (password: password, language ru) and, unless
// role is "", makes them a member of org.
func addMember(t *testing.T, ctx context.Context, a *app.App, org, email, name string, role auth.Role) {
	t.Helper()
	if _, err := a.CreateUser(ctx, app.System, email, name, password, "ru"); err != nil {
		t.Fatal(err)
	}
	if role == "" {
		return
	}
	if err := a.AddMember(ctx, app.System, org, email, role); err != nil {
		t.Fatal(err)
	}
}

// member is a user of a test's organisation: their email, language and
// role.
type member struct {
	email, lang string
	role        auth.Role
}

// addMembers creates each user (password: password, named by prefix and
// role) and makes them a member of org in their role.
func addMembers(t *testing.T, a *app.App, org, prefix string, ms []member) {
	t.Helper()
	ctx := context.Background()
	for _, m := range ms {
		if _, err := a.CreateUser(ctx, app.System, m.email, prefix+" "+string(m.role), password, m.lang); err != nil {
			t.Fatal(err)
		}
		if err := a.AddMember(ctx, app.System, org, m.email, m.role); err != nil {
			t.Fatal(err)
		}
	}
}

// serveBooks serves a on a real listener over plain HTTP, as `hasap serve`
// does on localhost, at the tests' frozen time; opts adds the rest.
func serveBooks(t *testing.T, a *app.App, opts web.Options) *httptest.Server {
	opts.Insecure = true
	opts.Now = func() time.Time { return now }
	srv := httptest.NewServer(web.Handler(a, opts))
	t.Cleanup(srv.Close)
	return srv
}

// logIn logs in through the form, in Russian, and waits for the page at
// the address matching landing.
func (b *browser) logIn(email, landing string) {
	b.navigate("/login")
	b.click(`form.langs button[value="ru"]`)
	b.typeIn(`input[name="email"]`, email)
	b.typeIn(`input[name="password"]`, password)
	b.click(`form.login button.primary`)
	b.seeURL(landing)
}

// catalogMaker returns a function that adds an entry to one of org's
// catalogs, as the system, and returns its id; the tests' books are set up
// with it before the pages are walked.
func catalogMaker(t *testing.T, a *app.App, org string) func(kind ledger.AnalyticKind, code string, n ledger.Names, owner ledger.AnalyticID) ledger.AnalyticID {
	return func(kind ledger.AnalyticKind, code string, n ledger.Names, owner ledger.AnalyticID) ledger.AnalyticID {
		t.Helper()
		x := ledger.Analytic{Kind: kind, Code: code, Names: n, Owner: owner}
		if err := a.CreateAnalytic(context.Background(), app.System, org, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
}
