package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP as authenticator apps speak it (RFC 6238 over RFC 4226's HOTP):
// HMAC-SHA-1, 6 digits, 30-second steps. SHA-1 is what every app supports;
// HOTP's truncated HMAC does not rely on SHA-1's collision resistance.
const (
	TOTPSecretBytes = 20 // 160 bits, RFC 4226's recommendation
	totpDigits      = 6
	totpPeriod      = 30 // seconds
)

// totpSkew is how many steps before and after now CheckTOTP accepts, for
// clocks that drift and users who type slowly.
const totpSkew = 1

// totpEncoding is the base32 of authenticator apps: RFC 4648, no padding.
var totpEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a fresh TOTP secret: TOTPSecretBytes random bytes in
// unpadded base32, as TOTPURI and authenticator apps take it.
func NewTOTPSecret() (string, error) {
	var b [TOTPSecretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("new TOTP secret: %w", err)
	}
	return totpEncoding.EncodeToString(b[:]), nil
}

// TOTPURI returns the otpauth:// key URI for secret, which a QR code hands
// to an authenticator app: the label "issuer:account", and the issuer,
// algorithm, digits and period stated explicitly.
func TOTPURI(issuer, account, secret string) string {
	q := "secret=" + uriEscape(secret) + "&issuer=" + uriEscape(issuer) +
		fmt.Sprintf("&algorithm=SHA1&digits=%d&period=%d", totpDigits, totpPeriod)
	return "otpauth://totp/" + uriEscape(issuer) + ":" + uriEscape(account) + "?" + q
}

// uriEscape escapes s for any part of a key URI, spaces as %20 (apps show
// a '+' literally).
func uriEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// TOTPStep returns the TOTP time step of t: whole periods since the epoch.
func TOTPStep(t time.Time) int64 {
	sec := t.Unix()
	step := sec / totpPeriod
	if sec%totpPeriod < 0 {
		step-- // floor, not truncation, before 1970
	}
	return step
}

// CheckTOTP reports whether code is the TOTP of secret at now, or one step
// before or after it, in a step later than lastUsedStep, and returns that
// step. Store it as the user's new lastUsedStep when ok, so the same code
// (or an older one) cannot be replayed; pass 0 when none was ever used.
// Spaces in code are ignored; anything but 6 digits is refused. Throttle
// the attempts as for passwords: 10^6 codes is not a large space.
func CheckTOTP(secret, code string, now time.Time, lastUsedStep int64) (step int64, ok bool) {
	return checkTOTP(secret, code, now, lastUsedStep, totpDigits)
}

func checkTOTP(secret, code string, now time.Time, lastUsedStep int64, digits int) (int64, bool) {
	key, err := decodeTOTPSecret(secret)
	if err != nil {
		return 0, false
	}
	code = strings.ReplaceAll(code, " ", "")
	if len(code) != digits || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	cur := TOTPStep(now)
	var found int64
	ok := false
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s <= lastUsedStep || s < 0 {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(totpAt(key, s, digits)), []byte(code)) == 1 {
			found, ok = s, true // the latest matching step, so older ones are spent too
		}
	}
	return found, ok
}

// decodeTOTPSecret reads a base32 secret the way apps print it: any case,
// grouped with spaces, padded or not.
func decodeTOTPSecret(s string) ([]byte, error) {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	s = strings.TrimRight(s, "=")
	key, err := totpEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("TOTP secret: %w", err)
	}
	if len(key) < 10 {
		return nil, fmt.Errorf("TOTP secret of %d bytes is too short", len(key))
	}
	return key, nil
}

// totpAt is RFC 4226's HOTP of key at counter step, with digits digits
// (at most 9: 10^digits must fit in a uint32).
func totpAt(key []byte, step int64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}
