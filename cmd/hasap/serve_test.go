package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hasap/app"
	"hasap/demo"
	"hasap/internal/apptest"
)

// TestServeHandler: one server, the JSON API under /api/ and /healthz and
// the pages everywhere else, and the demo login that serve --demo prints.
func TestServeHandler(t *testing.T) {
	ctx := context.Background()
	a := apptest.New(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: demo.Code, Name: "Demo", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	e := &env{ctx: ctx, app: a}
	var pw string
	for range 2 { // a second start gives the existing user a new password
		login, err := demoLogin(e)
		if err != nil {
			t.Fatal(err)
		}
		if login[0] != demoEmail || login[1] == pw {
			t.Fatalf("demo login %v", login)
		}
		pw = login[1]
	}
	if _, _, err := a.Login(ctx, demoEmail, pw, "", "127.0.0.1", ""); err != nil {
		t.Fatalf("the printed demo login does not work: %v", err)
	}

	srv := httptest.NewServer(handler(a, true))
	defer srv.Close()
	for path, want := range map[string]string{"/healthz": `"status":"ok"`, "/login": `name="password"`} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: status %d, body lacks %q", path, res.StatusCode, want)
		}
	}
}

func TestInsecureCookies(t *testing.T) {
	for _, tc := range []struct {
		flag, addr string
		want       bool
	}{
		{"auto", "127.0.0.1:8080", true},
		{"auto", "[::1]:8080", true},
		{"auto", "0.0.0.0:8080", false},
		{"auto", "192.0.2.7:8080", false},
		{"true", "192.0.2.7:8080", true},
		{"false", "127.0.0.1:8080", false},
	} {
		addr, _ := net.ResolveTCPAddr("tcp", tc.addr)
		got, err := insecureCookies(tc.flag, addr)
		if err != nil || got != tc.want {
			t.Errorf("%s on %s: %v, %v; want %v", tc.flag, tc.addr, got, err, tc.want)
		}
	}
	if _, err := insecureCookies("maybe", nil); err == nil {
		t.Errorf("--insecure-cookies=maybe accepted")
	}
}
