package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	// golang.org/x/crypto earns its place for argon2id alone: the standard
	// library has no memory-hard password hash, and argon2id is what OWASP,
	// RFC 9106 and issue 3 ask for. It is the Go team's own module, and it
	// brings only golang.org/x/sys/cpu into the build.
	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters together with the salt and key
// lengths. Each hash records its own parameters, so raising them later
// (in currentParams) only makes old hashes report needsRehash.
type Params struct {
	MemoryKiB uint32 // m: memory in KiB
	Time      uint32 // t: passes over the memory
	Threads   uint8  // p: lanes
	SaltLen   uint32 // bytes of random salt
	KeyLen    uint32 // bytes of derived key
}

// currentParams are the parameters of new hashes: OWASP's minimum for
// argon2id (m=19 MiB, t=2, p=1), a 128-bit salt and a 256-bit key. Raise
// them here; old hashes keep verifying and ask to be rehashed.
var currentParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// CurrentParams returns the parameters HashPassword uses.
func CurrentParams() Params { return currentParams }

// Limits on what the PHC parser accepts. A stored hash is trusted, but not
// blindly: these keep a corrupted or planted row from asking for gigabytes
// of memory or hours of work.
const (
	maxEncodedLen = 256
	maxMemoryKiB  = 1 << 20 // 1 GiB
	maxTime       = 64
	maxThreads    = 16
	minSaltLen    = 8
	maxSaltLen    = 64
	minKeyLen     = 16
	maxKeyLen     = 64
)

// maxPasswordBytes bounds the input of the hash: no password that the
// policy admits is longer (MaxPasswordRunes runes of at most 4 bytes).
const maxPasswordBytes = 4 * MaxPasswordRunes

// b64 is the PHC string format's base64: standard alphabet, no padding,
// and strict, so that each hash has exactly one spelling.
var b64 = base64.RawStdEncoding.Strict()

// hashSlots bounds how many argon2 computations run at once. Each takes
// MemoryKiB of memory and one core; a burst of logins beyond the cores only
// queues here instead of growing the heap by 19 MiB a request.
var hashSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

func idKey(pw string, salt []byte, p Params, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, keyLen)
}

// HashPassword checks pw against the password policy (ValidatePassword)
// and returns its argon2id hash in the PHC string format,
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, with a fresh random salt.
// A policy failure is a *ledger.Error with code EInvalid.
func HashPassword(pw string) (string, error) {
	if err := ValidatePassword(pw); err != nil {
		return "", err
	}
	return hashWith(pw, currentParams)
}

func hashWith(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return phc{params: p, salt: salt, key: idKey(pw, salt, p, p.KeyLen)}.String(), nil
}

// CheckPassword reports whether pw matches encoded, a hash made by
// HashPassword (with these or other parameters), comparing in constant
// time. needsRehash is true when pw matched but encoded is weaker than
// HashPassword's current parameters: the caller should then store
// HashPassword(pw). A malformed encoded is an error (EInternal: it is
// stored data, not the user's input), never a panic.
func CheckPassword(encoded, pw string) (ok bool, needsRehash bool, err error) {
	h, err := parsePHC(encoded)
	if err != nil {
		return false, false, err
	}
	if len(pw) > maxPasswordBytes {
		return false, false, nil // no stored password is this long
	}
	key := idKey(pw, h.salt, h.params, uint32(len(h.key)))
	if subtle.ConstantTimeCompare(key, h.key) != 1 {
		return false, false, nil
	}
	return true, h.params.weakerThan(currentParams), nil
}

// weakerThan reports whether p falls short of cur in any cost or length.
func (p Params) weakerThan(cur Params) bool {
	return p.MemoryKiB < cur.MemoryKiB || p.Time < cur.Time ||
		p.SaltLen < cur.SaltLen || p.KeyLen < cur.KeyLen
}

// dummyHash is a hash of a random password, made once, for DummyCheckPassword.
var dummyHash = sync.OnceValue(func() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h, err := hashWith(base64.RawURLEncoding.EncodeToString(b[:]), currentParams)
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return h
})

// DummyCheckPassword does the work of CheckPassword against a hash no
// password matches. Call it when a login names an unknown email, so that
// the response time does not tell which emails have accounts.
func DummyCheckPassword(pw string) {
	_, _, _ = CheckPassword(dummyHash(), pw)
}

// phc is a parsed argon2id PHC string.
type phc struct {
	params    Params
	salt, key []byte
}

// String returns h in the PHC string format, the one spelling parsePHC reads.
func (h phc) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.params.MemoryKiB, h.params.Time, h.params.Threads,
		b64.EncodeToString(h.salt), b64.EncodeToString(h.key))
}

// parsePHC parses $argon2id$v=19$m=M,t=T,p=P$<salt>$<key> strictly: the
// fields in this order, decimal numbers without leading zeros, unpadded
// canonical base64, each value within the limits above.
func parsePHC(s string) (phc, error) {
	var h phc
	if len(s) > maxEncodedLen {
		return h, malformed("longer than %d bytes", maxEncodedLen)
	}
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return h, malformed("want 5 fields separated by $")
	}
	if parts[1] != "argon2id" {
		return h, malformed("algorithm %q is not argon2id", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return h, malformed("version %q is not v=%d", parts[2], argon2.Version)
	}
	p, err := parseCost(parts[3])
	if err != nil {
		return h, err
	}
	if h.salt, err = decodeB64(parts[4]); err != nil {
		return h, malformed("salt: %v", err)
	}
	if h.key, err = decodeB64(parts[5]); err != nil {
		return h, malformed("hash: %v", err)
	}
	if n := len(h.salt); n < minSaltLen || n > maxSaltLen {
		return h, malformed("salt of %d bytes, want %d to %d", n, minSaltLen, maxSaltLen)
	}
	if n := len(h.key); n < minKeyLen || n > maxKeyLen {
		return h, malformed("hash of %d bytes, want %d to %d", n, minKeyLen, maxKeyLen)
	}
	p.SaltLen, p.KeyLen = uint32(len(h.salt)), uint32(len(h.key))
	h.params = p
	return h, nil
}

// decodeB64 decodes s, refusing the line breaks that package base64 skips.
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("line break in base64")
	}
	return b64.DecodeString(s)
}

// parseCost parses "m=M,t=T,p=P".
func parseCost(s string) (Params, error) {
	var p Params
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return p, malformed("parameters %q are not m=,t=,p=", s)
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(fields[i], name+"=")
		n, okNum := parseDecimal(v)
		if !ok || !okNum {
			return p, malformed("parameters %q are not m=,t=,p=", s)
		}
		vals[i] = n
	}
	m, t, th := vals[0], vals[1], vals[2]
	if th < 1 || th > maxThreads {
		return p, malformed("p=%d is not 1 to %d", th, maxThreads)
	}
	if t < 1 || t > maxTime {
		return p, malformed("t=%d is not 1 to %d", t, maxTime)
	}
	if m < 8*th || m > maxMemoryKiB {
		return p, malformed("m=%d is not %d to %d", m, 8*th, maxMemoryKiB)
	}
	return Params{MemoryKiB: uint32(m), Time: uint32(t), Threads: uint8(th)}, nil
}

// parseDecimal parses 1 to 10 ASCII digits without a leading zero.
func parseDecimal(s string) (uint64, bool) {
	if len(s) == 0 || len(s) > 10 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// malformed builds the error for a stored hash that cannot be read. It is a
// plain error, so ledger.ErrorCode calls it EInternal: the user cannot fix
// it, and its detail belongs in the log, not on a page.
func malformed(format string, args ...any) error {
	return fmt.Errorf("auth: malformed password hash: "+format, args...)
}
