package auth

import (
	"encoding/base32"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// rfcSecret is RFC 6238 appendix B's SHA-1 seed, in base32.
var rfcSecret = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))

// rfcVectors are RFC 6238 appendix B's SHA-1 rows (8 digits).
var rfcVectors = []struct {
	unix int64
	step int64
	code string
}{
	{59, 0x1, "94287082"},
	{1111111109, 0x23523EC, "07081804"},
	{1111111111, 0x23523ED, "14050471"},
	{1234567890, 0x273EF07, "89005924"},
	{2000000000, 0x3F940AA, "69279037"},
	{20000000000, 0x27BC86AA, "65353130"},
}

func TestTOTPRFC6238Vectors(t *testing.T) {
	if rfcSecret != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" {
		t.Fatalf("seed in base32 = %s", rfcSecret)
	}
	key := []byte("12345678901234567890")
	for _, v := range rfcVectors {
		now := time.Unix(v.unix, 0).UTC()
		if got := TOTPStep(now); got != v.step {
			t.Errorf("TOTPStep(%d) = %X, want %X", v.unix, got, v.step)
		}
		if got := totpAt(key, v.step, 8); got != v.code {
			t.Errorf("8-digit TOTP at %d = %s, want %s", v.unix, got, v.code)
		}
		if step, ok := checkTOTP(rfcSecret, v.code, now, 0, 8); !ok || step != v.step {
			t.Errorf("checkTOTP(8 digits) at %d = %X, %v", v.unix, step, ok)
		}
		// Six digits are the same number modulo 10^6: the last six.
		if step, ok := CheckTOTP(rfcSecret, v.code[2:], now, 0); !ok || step != v.step {
			t.Errorf("CheckTOTP at %d = %X, %v", v.unix, step, ok)
		}
	}
}

func TestCheckTOTPWindowAndReplay(t *testing.T) {
	key := []byte("12345678901234567890")
	now := time.Unix(1234567890, 0) // the start of step 0x273EF07
	cur := TOTPStep(now)
	code := func(d int64) string { return totpAt(key, cur+d, 6) }
	for _, tc := range []struct {
		name     string
		code     string
		lastUsed int64
		wantStep int64
		ok       bool
	}{
		{"current step", code(0), 0, cur, true},
		{"one step back", code(-1), 0, cur - 1, true},
		{"one step ahead", code(1), 0, cur + 1, true},
		{"two steps back", code(-2), 0, 0, false},
		{"two steps ahead", code(2), 0, 0, false},
		{"replay of the step used", code(0), cur, 0, false},
		{"an older step after a newer one", code(-1), cur, 0, false},
		{"a newer step after an older one", code(1), cur, cur + 1, true},
		{"next step after the previous one", code(0), cur - 1, cur, true},
		{"grouped with a space", code(0)[:3] + " " + code(0)[3:], 0, cur, true},
		{"five digits", code(0)[:5], 0, 0, false},
		{"seven digits", code(0) + "0", 0, 0, false},
		{"letters", "12a456", 0, 0, false},
		{"sign", "+12345", 0, 0, false},
		{"empty", "", 0, 0, false},
		{"wrong code", wrongCode(code(-1), code(0), code(1)), 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			step, ok := CheckTOTP(rfcSecret, tc.code, now, tc.lastUsed)
			if ok != tc.ok || step != tc.wantStep {
				t.Fatalf("CheckTOTP(%q, last used %d) = %d, %v; want %d, %v", tc.code, tc.lastUsed-cur, step-cur, ok, tc.wantStep-cur, tc.ok)
			}
		})
	}
}

// wrongCode returns a 6-digit code that is none of codes.
func wrongCode(codes ...string) string {
	for c := 0; ; c++ {
		if s := fmt.Sprintf("%06d", c); !slices.Contains(codes, s) {
			return s
		}
	}
}

func TestCheckTOTPSecretSpellings(t *testing.T) {
	now := time.Unix(59, 0)
	for _, tc := range []struct {
		name, secret string
		ok           bool
	}{
		{"canonical", rfcSecret, true},
		{"lower case", strings.ToLower(rfcSecret), true},
		{"grouped", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", true},
		{"padded", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ======", true},
		{"not base32", "GEZDGNBVGY3TQOJQ!EZDGNBVGY3TQOJQ", false},
		{"too short", "GEZDGNBV", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := CheckTOTP(tc.secret, "287082", now, 0); ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
		})
	}
}

func TestNewTOTPSecret(t *testing.T) {
	a, err := NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewTOTPSecret()
	key, err := decodeTOTPSecret(a)
	if err != nil || len(key) != 20 || len(a) != 32 || strings.Contains(a, "=") || a == b {
		t.Fatalf("secrets %q, %q: %d bytes, %v", a, b, len(key), err)
	}
	now := time.Unix(1_800_000_000, 0)
	if _, ok := CheckTOTP(a, totpAt(key, TOTPStep(now), 6), now, 0); !ok {
		t.Fatal("a fresh secret's own code is refused")
	}
}

func TestTOTPURI(t *testing.T) {
	got := TOTPURI("Hasap Demo", "merdan@example.tm", "JBSWY3DPEHPK3PXP")
	want := "otpauth://totp/Hasap%20Demo:merdan%40example.tm?secret=JBSWY3DPEHPK3PXP&issuer=Hasap%20Demo&algorithm=SHA1&digits=6&period=30"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	// Whatever the names hold, the URI parses back to them.
	issuer, account := "Ooo & Co: ?#/", "Мердан+1@örnek.tm"
	u, err := url.Parse(TOTPURI(issuer, account, "JBSWY3DPEHPK3PXP"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/"+issuer+":"+account ||
		q.Get("issuer") != issuer || q.Get("secret") != "JBSWY3DPEHPK3PXP" || len(q) != 5 {
		t.Fatalf("parsed back: %#v, %v", u, q)
	}
}

func TestTOTPStepBeforeEpoch(t *testing.T) {
	for _, tc := range []struct{ unix, step int64 }{{-1, -1}, {-30, -1}, {-31, -2}, {0, 0}, {29, 0}, {30, 1}} {
		if got := TOTPStep(time.Unix(tc.unix, 0)); got != tc.step {
			t.Errorf("TOTPStep(%d) = %d, want %d", tc.unix, got, tc.step)
		}
	}
}
