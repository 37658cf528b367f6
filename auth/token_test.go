package auth

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(tok) != 43 || !ValidToken(tok) {
			t.Fatalf("token %q: length %d or shape wrong", tok, len(tok))
		}
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(b) != 32 {
			t.Fatalf("token %q decodes to %d bytes, %v; want 32", tok, len(b), err)
		}
		if seen[tok] {
			t.Fatalf("token %q twice", tok)
		}
		seen[tok] = true
	}
}

func TestNewAPIToken(t *testing.T) {
	tok, err := NewAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, "hsp_") || !ValidAPIToken(tok) || ValidToken(tok) {
		t.Fatalf("API token %q: want hsp_ prefix, valid as an API token only", tok)
	}
	if ValidAPIToken(strings.TrimPrefix(tok, "hsp_")) {
		t.Fatal("a session token is accepted as an API token")
	}
}

func TestValidTokenRefuses(t *testing.T) {
	good, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"",
		good[:42],
		good + "A",
		"+" + good[1:],
		"/" + good[1:],
		good[:42] + "=",
		good[:42] + "B", // the last character's two spare bits must be zero
		" " + good[1:],
		"hsp_" + good,
	} {
		if ValidToken(s) {
			t.Errorf("ValidToken(%q) = true", s)
		}
	}
}

func TestTokenHash(t *testing.T) {
	// FIPS 180-2's SHA-256 test vector.
	got := TokenHash("abc")
	if hex.EncodeToString(got[:]) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("TokenHash(abc) = %x", got)
	}
	if TokenHash("a") == TokenHash("b") {
		t.Fatal("two tokens, one hash")
	}
}

func TestSessionCookie(t *testing.T) {
	for _, tc := range []struct {
		name   string
		token  string
		maxAge time.Duration
		want   string
	}{
		{"absolute lifetime", "tok", 12 * time.Hour, "__Host-hasap=tok; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax"},
		{"rounded up", "tok", 1500 * time.Millisecond, "__Host-hasap=tok; Path=/; Max-Age=2; HttpOnly; Secure; SameSite=Lax"},
		{"browser session", "tok", 0, "__Host-hasap=tok; Path=/; HttpOnly; Secure; SameSite=Lax"},
		{"delete", "tok", -1, "__Host-hasap=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := SessionCookie(tc.token, tc.maxAge)
			if err := c.Valid(); err != nil {
				t.Fatal(err)
			}
			if c.Domain != "" || !c.Secure || !c.HttpOnly || c.Path != "/" || c.SameSite != http.SameSiteLaxMode {
				t.Fatalf("cookie %+v breaks the __Host- rules or the flags", c)
			}
			if got := c.String(); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if got, want := ClearSessionCookie().String(), SessionCookie("x", -1).String(); got != want {
		t.Fatalf("ClearSessionCookie = %s, want %s", got, want)
	}
	tok, _ := NewToken()
	if err := SessionCookie(tok, time.Hour).Valid(); err != nil {
		t.Fatalf("a real token is not a valid cookie value: %v", err)
	}
}
