package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// TokenBytes is the entropy of a token: 256 bits, twice the 128 that issue 3
// asks for, so that no number of guesses per second matters.
const TokenBytes = 32

// tokenLen is the length of a token as text: TokenBytes in unpadded base64url.
const tokenLen = (TokenBytes*8 + 5) / 6

// APITokenPrefix starts every API token, so that secret scanners (and
// people) recognise a leaked one, and so that an API token is never
// mistaken for a session token.
const APITokenPrefix = "hsp_"

// tokenEncoding is unpadded base64url: safe in cookies, headers and URLs.
var tokenEncoding = base64.RawURLEncoding.Strict()

// NewToken returns a fresh session token: TokenBytes random bytes in
// unpadded base64url (43 characters). Give the token to the client once and
// store only TokenHash(token).
func NewToken() (string, error) {
	var b [TokenBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("new token: %w", err)
	}
	return tokenEncoding.EncodeToString(b[:]), nil
}

// NewAPIToken returns a fresh API token: APITokenPrefix followed by a
// NewToken. As with session tokens, store only TokenHash(token).
func NewAPIToken() (string, error) {
	t, err := NewToken()
	if err != nil {
		return "", err
	}
	return APITokenPrefix + t, nil
}

// TokenHash is what the database keeps of a token: its SHA-256. A token has
// 256 bits of entropy, so a fast hash is enough (no salt, no stretching),
// and a stolen database yields no live session or API token.
func TokenHash(token string) [32]byte {
	return sha256.Sum256([]byte(token))
}

// ValidToken reports whether s has the shape of a NewToken token. Callers
// refuse a malformed token before any database lookup.
func ValidToken(s string) bool {
	if len(s) != tokenLen {
		return false
	}
	b, err := tokenEncoding.DecodeString(s)
	return err == nil && len(b) == TokenBytes
}

// ValidAPIToken reports whether s has the shape of a NewAPIToken token.
func ValidAPIToken(s string) bool {
	rest, ok := strings.CutPrefix(s, APITokenPrefix)
	return ok && ValidToken(rest)
}
