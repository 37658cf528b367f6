// Command profserve serves the same handler as `hasap serve` (the JSON API
// under /api/ and /healthz, the pages everywhere else, session cookies
// without Secure as on loopback) over an existing database, and also the
// Go profiler (net/http/pprof) on a second loopback address, so that a page
// can be profiled under bench/load:
//
//	go run ./bench/load/profserve -db DB -addr 127.0.0.1:18474 -pprof 127.0.0.1:18475 &
//	go run ./bench/load -url http://127.0.0.1:18474 ... -d 30s &
//	go tool pprof -top 'http://127.0.0.1:18475/debug/pprof/profile?seconds=20'
//
// It is a copy of the wiring in cmd/hasap/serve.go (handler), kept here so
// that the product binary needs no profiler. It does not create users or
// the demo organisation: run `hasap serve --demo` once on the database for
// that. Both addresses must be loopback IPs.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"hasap/api"
	"hasap/app"
	"hasap/store/open"
	"hasap/web"
)

func main() {
	dsn := flag.String("db", "", "the SQLite database (a path)")
	addr := flag.String("addr", "127.0.0.1:18474", "address of the application")
	pprofAddr := flag.String("pprof", "127.0.0.1:18475", "address of /debug/pprof/")
	cache := flag.Int("cache-mib", 64, "SQLite page cache per connection, MiB (hasap serve uses 64)")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "profserve: -db is required")
		os.Exit(2)
	}
	for _, a := range []string{*addr, *pprofAddr} {
		host, _, err := net.SplitHostPort(a)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(os.Stderr, "profserve: %s is not a loopback IP address\n", a)
			os.Exit(2)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := open.Open(ctx, *dsn, open.Options{SQLiteCacheMiB: *cache})
	if err != nil {
		fmt.Fprintln(os.Stderr, "profserve:", err)
		os.Exit(1)
	}
	defer db.Close()
	a := app.New(db, filepath.Join(filepath.Dir(*dsn), "hasap-checkpoint.key"))

	apiH := api.Handler(a)
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/healthz", apiH)
	mux.Handle("/", web.Handler(a, web.Options{Insecure: true}))

	pm := http.NewServeMux()
	pm.HandleFunc("/debug/pprof/", pprof.Index)
	pm.HandleFunc("/debug/pprof/profile", pprof.Profile)
	pm.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	pm.HandleFunc("/debug/pprof/trace", pprof.Trace)

	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	psrv := &http.Server{Addr: *pprofAddr, Handler: pm, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 2)
	go func() { errc <- srv.ListenAndServe() }()
	go func() { errc <- psrv.ListenAndServe() }()
	fmt.Printf("serving http://%s (pprof http://%s/debug/pprof/), pid %d\n", *addr, *pprofAddr, os.Getpid())
	select {
	case err := <-errc:
		fmt.Fprintln(os.Stderr, "profserve:", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	psrv.Shutdown(sctx)
}
