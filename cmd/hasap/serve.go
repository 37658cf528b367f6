package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"hasap/api"
	"hasap/app"
	"hasap/auth"
	"hasap/demo"
	"hasap/ledger"
	"hasap/web"
)

func cmdDemo(e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	year := fs.Int("year", 0, "a calendar year of activity (default: the twelve months ending today)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	return buildDemo(e, *year)
}

func buildDemo(e *env, year int) error {
	if _, err := e.app.Org(e.ctx, app.System, demo.Code); err == nil {
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
	withDemo := fs.Bool("demo", false, "create the demo organisation first if it is missing, and print a login to it")
	insecure := fs.String("insecure-cookies", "auto", "send the session cookie without Secure, for plain http:// (auto: only on a loopback address)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	var login [2]string
	if *withDemo {
		if err := buildDemo(e, 0); err != nil {
			return err
		}
		var err error
		if login, err = demoLogin(e); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	plainHTTP, err := insecureCookies(*insecure, ln.Addr())
	if err != nil {
		return err
	}
	// Journal imports started from the pages run in the background; when
	// the server stops (e.ctx ends) they roll back, and serve waits for
	// them to remove their temporary files.
	var imports sync.WaitGroup
	defer imports.Wait()
	srv := &http.Server{
		Handler:           handlerWith(e.app, web.Options{Insecure: plainHTTP, Context: e.ctx, Jobs: &imports}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(e.stdout, "Hasap is serving at %s\n", url)
	fmt.Fprintf(e.stdout, "  pages:         %s/\n", url)
	if login[0] != "" {
		fmt.Fprintf(e.stdout, "  demo login:    %s  password: %s\n", login[0], login[1])
	}
	fmt.Fprintf(e.stdout, "  health:        %s/healthz\n", url)
	fmt.Fprintf(e.stdout, "  JSON API:      %s/api/v1/openapi.json (API tokens only)\n", url)
	if !plainHTTP {
		fmt.Fprintf(e.stdout, "  (session cookies are Secure: serve through HTTPS, or use --insecure-cookies=true for plain http)\n")
	}
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

// handler serves the JSON API under /api/ and /healthz, and the pages
// everywhere else.
func handler(a *app.App, plainHTTP bool) http.Handler {
	return handlerWith(a, web.Options{Insecure: plainHTTP})
}

// handlerWith is handler with the pages' options.
func handlerWith(a *app.App, pages web.Options) http.Handler {
	apiH := api.Handler(a)
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/healthz", apiH)
	mux.Handle("/", web.Handler(a, pages))
	return mux
}

// insecureCookies decides whether session cookies go without Secure: only
// for plain-HTTP development on this machine, unless the flag says.
func insecureCookies(flagValue string, addr net.Addr) (bool, error) {
	switch flagValue {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "auto":
		tcp, ok := addr.(*net.TCPAddr)
		return ok && tcp.IP.IsLoopback(), nil
	}
	return false, usagef("--insecure-cookies must be auto, true or false")
}

// demoEmail is the login serve --demo prints.
const demoEmail = "demo@hasap.example"

// demoLogin makes sure the demo user exists and owns the demo organisation,
// and gives it a fresh random password, printed at start-up: nothing
// guessable is left on a server someone started with --demo.
func demoLogin(e *env) ([2]string, error) {
	var b [9]byte
	if _, err := rand.Read(b[:]); err != nil {
		return [2]string{}, err
	}
	password := "demo-" + base64.RawURLEncoding.EncodeToString(b[:])
	_, err := e.app.CreateUser(e.ctx, app.System, demoEmail, "Demo", password, "ru")
	switch {
	case ledger.IsCode(err, ledger.EConflict):
		if err := e.app.ResetPassword(e.ctx, app.System, demoEmail, password); err != nil {
			return [2]string{}, err
		}
	case err != nil:
		return [2]string{}, err
	}
	if err := e.app.AddMember(e.ctx, app.System, demo.Code, demoEmail, auth.Owner); err != nil {
		return [2]string{}, err
	}
	return [2]string{demoEmail, password}, nil
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
