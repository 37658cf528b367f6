package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"hasap/api"
	"hasap/demo"
	"hasap/ledger"
)

func cmdDemo(e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	year := fs.Int("year", 0, "the year of activity (default: last year)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	return buildDemo(e, *year)
}

func buildDemo(e *env, year int) error {
	if _, err := e.app.Org(e.ctx, demo.Code); err == nil {
		fmt.Fprintf(e.stdout, "organisation %s already exists; kept as it is\n", demo.Code)
		return nil
	} else if !ledger.IsCode(err, ledger.ENotFound) {
		return err
	}
	start := time.Now()
	st, err := demo.Build(e.ctx, e.app, demo.Options{Year: year})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created organisation %s: %d entries, %d postings (%.1fs)\n", demo.Code, st.Entries, st.Postings, time.Since(start).Seconds())
	return nil
}

func cmdServe(e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8080", "listen address (:8080 for every interface)")
	withDemo := fs.Bool("demo", false, "create the demo organisation first if it is missing")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *withDemo {
		if err := buildDemo(e, 0); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api.Handler(e.app),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(e.stdout, "Hasap is serving at %s\n", url)
	fmt.Fprintf(e.stdout, "  health:        %s/healthz\n", url)
	fmt.Fprintf(e.stdout, "  trial balance: %s/api/v1/orgs/%s/trial-balance\n", url, demo.Code)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-e.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
