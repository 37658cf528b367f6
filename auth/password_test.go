package auth

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"hasap/ledger"
)

// cheap are parameters for tests that hash many times; the real ones are
// tested separately.
var cheap = Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Vectors from the reference implementation (Debian's argon2 command), so
// that x/crypto and our PHC spelling agree with the rest of the world:
//
//	echo -n "correct horse battery" | argon2 "hasap-salt-16byt" -id -t 2 -k 19456 -p 1 -l 32 -e
//	echo -n "пароль не такой уж простой" | argon2 "0123456789abcdef" -id -t 1 -k 64 -p 2 -l 16 -e
const (
	refHash     = "$argon2id$v=19$m=19456,t=2,p=1$aGFzYXAtc2FsdC0xNmJ5dA$NMKBl5LVegCl7Fd6+/Rx6FeRKDyXy+HxT5/2aVXveGI"
	refPassword = "correct horse battery"
	refWeakHash = "$argon2id$v=19$m=64,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$6m5Tx6+ftpJ3QM9/WoW1xw"
	refWeakPass = "пароль не такой уж простой"
)

func TestHashPasswordCurrentParams(t *testing.T) {
	const pw = "Aşgabat gijesi owadan"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	format := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !format.MatchString(h) {
		t.Fatalf("hash %q is not in the PHC format with OWASP's parameters", h)
	}
	ok, rehash, err := CheckPassword(h, pw)
	if !ok || rehash || err != nil {
		t.Fatalf("CheckPassword(own hash) = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
	ok, _, err = CheckPassword(h, pw+" ")
	if ok || err != nil {
		t.Fatalf("CheckPassword(wrong password) = %v, %v; want false, nil", ok, err)
	}
	h2, err := HashPassword(pw)
	if err != nil || h2 == h {
		t.Fatalf("a second hash of the same password must differ (fresh salt): %q, %v", h2, err)
	}
}

func TestParamsAtLeastOWASP(t *testing.T) {
	p := CurrentParams()
	if p.MemoryKiB < 19*1024 || p.Time < 2 || p.Threads < 1 || p.SaltLen < 16 || p.KeyLen < 32 {
		t.Fatalf("current parameters %+v are below m=19 MiB, t=2, p=1, 16-byte salt, 32-byte key", p)
	}
}

func TestCheckPasswordReferenceVectors(t *testing.T) {
	for _, tc := range []struct {
		name, hash, pw string
		ok, rehash     bool
	}{
		{"current params", refHash, refPassword, true, false},
		{"current params, wrong password", refHash, "correct horse battery.", false, false},
		{"weak params, Cyrillic", refWeakHash, refWeakPass, true, true},
		{"weak params, wrong password", refWeakHash, strings.ToUpper(refWeakPass), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, rehash, err := CheckPassword(tc.hash, tc.pw)
			if err != nil || ok != tc.ok || rehash != tc.rehash {
				t.Fatalf("got %v, %v, %v; want %v, %v, nil", ok, rehash, err, tc.ok, tc.rehash)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	cur := CurrentParams()
	const pw = "a passphrase to rehash"
	for _, tc := range []struct {
		name   string
		p      Params
		rehash bool
	}{
		{"current", cur, false},
		{"more time", Params{cur.MemoryKiB, cur.Time + 1, cur.Threads, cur.SaltLen, cur.KeyLen}, false},
		{"less memory", Params{cur.MemoryKiB / 2, cur.Time, cur.Threads, cur.SaltLen, cur.KeyLen}, true},
		{"less time", Params{cur.MemoryKiB, 1, cur.Threads, cur.SaltLen, cur.KeyLen}, true},
		{"short salt", Params{cur.MemoryKiB, cur.Time, cur.Threads, 8, cur.KeyLen}, true},
		{"short key", Params{cur.MemoryKiB, cur.Time, cur.Threads, cur.SaltLen, 16}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := hashWith(pw, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			ok, rehash, err := CheckPassword(h, pw)
			if !ok || err != nil || rehash != tc.rehash {
				t.Fatalf("CheckPassword = %v, %v, %v; want true, %v, nil", ok, rehash, err, tc.rehash)
			}
		})
	}
}

func TestHashPasswordAppliesPolicy(t *testing.T) {
	h, err := HashPassword("password123")
	if h != "" || !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("HashPassword(common) = %q, %v; want an EInvalid error", h, err)
	}
}

func TestCheckPasswordTooLong(t *testing.T) {
	h, err := hashWith("x", cheap)
	if err != nil {
		t.Fatal(err)
	}
	ok, _, err := CheckPassword(h, strings.Repeat("x", maxPasswordBytes+1))
	if ok || err != nil {
		t.Fatalf("an overlong password: got %v, %v; want false, nil", ok, err)
	}
}

func TestDummyCheckPassword(t *testing.T) {
	DummyCheckPassword("anything at all") // must not panic; its cost is the point
	if _, err := parsePHC(dummyHash()); err != nil {
		t.Fatalf("dummy hash does not parse: %v", err)
	}
}

// randomPassword returns 1 to 40 runes from a mix of scripts.
func randomPassword(r *rand.Rand) string {
	alphabet := []rune("abcxyzABCXYZ0189 !$-_абвгдёжЯçäňöşüýžÇÄŇÖŞÜÝŽ中文🙂")
	n := 1 + r.IntN(40)
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

// mutations returns passwords near pw that must not match it.
func mutations(r *rand.Rand, pw string) []string {
	runes := []rune(pw)
	changed := append([]rune(nil), runes...)
	i := r.IntN(len(changed))
	changed[i]++
	out := []string{pw + "x", " " + pw, string(changed), strings.ToUpper(pw) + "Ω", randomPassword(r), ""}
	if len(runes) > 1 {
		out = append(out, string(runes[:len(runes)-1]), string(runes[1:]))
	}
	return out
}

// TestPasswordRoundTripProperty: CheckPassword(hash(p), p) holds, and
// fails for any other password.
func TestPasswordRoundTripProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 6238))
	for range 150 {
		pw := randomPassword(r)
		h, err := hashWith(pw, cheap)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _, err := CheckPassword(h, pw); !ok || err != nil {
			t.Fatalf("CheckPassword(hash(%q), %q) = %v, %v", pw, pw, ok, err)
		}
		for _, other := range mutations(r, pw) {
			if other == pw {
				continue
			}
			if ok, _, err := CheckPassword(h, other); ok || err != nil {
				t.Fatalf("hash of %q accepts %q (err %v)", pw, other, err)
			}
		}
	}
}

func TestParsePHCMalformed(t *testing.T) {
	const salt, key = "aGFzYXAtc2FsdC0xNmJ5dA", "NMKBl5LVegCl7Fd6+/Rx6FeRKDyXy+HxT5/2aVXveGI"
	mk := func(alg, v, cost, s, k string) string { return "$" + alg + "$" + v + "$" + cost + "$" + s + "$" + k }
	good := mk("argon2id", "v=19", "m=19456,t=2,p=1", salt, key)
	if good != refHash {
		t.Fatal("test's own reference string is wrong")
	}
	for _, tc := range []struct{ name, s string }{
		{"empty", ""},
		{"dollar only", "$"},
		{"argon2i", mk("argon2i", "v=19", "m=19456,t=2,p=1", salt, key)},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"version 16", mk("argon2id", "v=16", "m=19456,t=2,p=1", salt, key)},
		{"no version", "$argon2id$m=19456,t=2,p=1$" + salt + "$" + key},
		{"version with leading zero", mk("argon2id", "v=019", "m=19456,t=2,p=1", salt, key)},
		{"parameters out of order", mk("argon2id", "v=19", "t=2,m=19456,p=1", salt, key)},
		{"keyid parameter", mk("argon2id", "v=19", "m=19456,t=2,p=1,keyid=a", salt, key)},
		{"two parameters", mk("argon2id", "v=19", "m=19456,t=2", salt, key)},
		{"leading zero", mk("argon2id", "v=19", "m=019456,t=2,p=1", salt, key)},
		{"plus sign", mk("argon2id", "v=19", "m=+19456,t=2,p=1", salt, key)},
		{"space", mk("argon2id", "v=19", "m=19456, t=2,p=1", salt, key)},
		{"empty number", mk("argon2id", "v=19", "m=,t=2,p=1", salt, key)},
		{"eleven digits", mk("argon2id", "v=19", "m=19456,t=12345678901,p=1", salt, key)},
		{"uint32 overflow", mk("argon2id", "v=19", "m=4294967296,t=2,p=1", salt, key)},
		{"zero memory", mk("argon2id", "v=19", "m=0,t=2,p=1", salt, key)},
		{"memory below 8p", mk("argon2id", "v=19", "m=15,t=2,p=2", salt, key)},
		{"memory too large", mk("argon2id", "v=19", "m=1048577,t=2,p=1", salt, key)},
		{"zero time", mk("argon2id", "v=19", "m=19456,t=0,p=1", salt, key)},
		{"time too large", mk("argon2id", "v=19", "m=19456,t=65,p=1", salt, key)},
		{"zero threads", mk("argon2id", "v=19", "m=19456,t=2,p=0", salt, key)},
		{"threads too many", mk("argon2id", "v=19", "m=19456,t=2,p=17", salt, key)},
		{"threads beyond uint8", mk("argon2id", "v=19", "m=19456,t=2,p=257", salt, key)},
		{"padded salt", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt+"==", key)},
		{"url-safe alphabet", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt, strings.ReplaceAll(key, "+", "-"))},
		{"non-canonical last character", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt[:len(salt)-1]+"B", key)},
		{"short salt", mk("argon2id", "v=19", "m=19456,t=2,p=1", "c2FsdA", key)},
		{"empty salt", mk("argon2id", "v=19", "m=19456,t=2,p=1", "", key)},
		{"short key", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt, "c2hvcnRrZXk")},
		{"long key", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt, strings.Repeat("A", 88))},
		{"extra field", good + "$x"},
		{"trailing newline", good + "\n"},
		{"leading text", "x" + good},
		{"too long", mk("argon2id", "v=19", "m=19456,t=2,p=1", salt, key+strings.Repeat("A", 200))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parsePHC(tc.s); err == nil {
				t.Fatalf("parsePHC(%q) accepted it", tc.s)
			}
			ok, rehash, err := CheckPassword(tc.s, refPassword)
			if ok || rehash || err == nil {
				t.Fatalf("CheckPassword(%q) = %v, %v, %v; want an error", tc.s, ok, rehash, err)
			}
			if code := ledger.ErrorCode(err); code != ledger.EInternal {
				t.Fatalf("error %v has code %q, want %q", err, code, ledger.EInternal)
			}
		})
	}
}

func TestPHCStringRoundTrip(t *testing.T) {
	for _, s := range []string{refHash, refWeakHash} {
		h, err := parsePHC(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.String(); got != s {
			t.Fatalf("parse then format: %q, want %q", got, s)
		}
	}
}

// FuzzCheckPassword feeds the PHC parser anything: it never panics, a
// string it refuses is an error from CheckPassword too, and a string it
// accepts is in its one canonical spelling and can be checked.
func FuzzCheckPassword(f *testing.F) {
	f.Add(refHash, refPassword)
	f.Add(refWeakHash, refWeakPass)
	f.Add("$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$6m5Tx6+ftpJ3QM9/WoW1xw", "x")
	f.Add("$argon2id$v=19$m=4294967295,t=4294967295,p=255$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "pw")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$$", "")
	f.Add("$argon2id$$$$$", "")
	f.Add("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "")
	f.Add("", "")
	f.Add("$$$$$$$$$$$$$$$$$$$$", "\xff")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		h, perr := parsePHC(encoded)
		if perr != nil {
			ok, rehash, err := CheckPassword(encoded, pw)
			if ok || rehash || err == nil {
				t.Fatalf("CheckPassword(%q) = %v, %v, %v after parse error %v", encoded, ok, rehash, err, perr)
			}
			return
		}
		if got := h.String(); got != encoded {
			t.Fatalf("parsePHC accepted %q, which formats back as %q", encoded, got)
		}
		if uint64(h.params.MemoryKiB)*uint64(h.params.Time) > 1<<12 {
			return // valid but too costly to check on every fuzz input
		}
		ok, _, err := CheckPassword(encoded, pw)
		if err != nil {
			t.Fatalf("CheckPassword(%q) = error %v after a good parse", encoded, err)
		}
		if ok && utf8.ValidString(pw) {
			t.Logf("found a password for %q: %q", encoded, pw) // possible only for seeds made from real hashes
		}
	})
}
