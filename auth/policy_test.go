package auth

import (
	"strings"
	"testing"
	"unicode/utf8"

	"hasap/ledger"
)

func TestValidatePassword(t *testing.T) {
	const (
		ok       = ""
		short    = "the password must be at least %d characters long"
		long     = "the password must be at most %d characters long"
		easy     = "the password is too easy to guess"
		notUTF8  = "the password is not valid UTF-8 text"
		relEmail = "merdan@example.tm"
	)
	for _, tc := range []struct {
		name    string
		pw      string
		related []string
		want    string // the error's format, or ok
	}{
		{"empty", "", nil, short},
		{"nine ASCII", "abcdefgh1", nil, short},
		{"nine Cyrillic runes are 18 bytes but still short", "абвгдежзи", nil, short},
		{"ten runes", "xq7-ready!", nil, ok},
		{"ten Cyrillic runes", "абвгдежзий", nil, ok},
		{"passphrase", "correct horse battery staple", nil, ok},
		{"Turkmen passphrase", "Aşgabat gijesi owadan", nil, ok},
		{"Russian passphrase", "Главный бухгалтер любит чай", nil, ok},
		{"256 runes", strings.Repeat("ab", 128), nil, ok},
		{"256 four-byte runes", strings.Repeat("🙂🙃", 128), nil, ok},
		{"257 runes", strings.Repeat("ab", 128) + "c", nil, long},
		{"one letter repeated", "aaaaaaaaaa", nil, easy},
		{"one Turkmen letter repeated", "ňňňňňňňňňňňň", nil, easy},
		{"one digit repeated", "77777777777777", nil, easy},
		{"common", "password123", nil, easy},
		{"common, other case", "PassWord123", nil, easy},
		{"common digits", "1234567890", nil, easy},
		{"common walk", "qwerty12345", nil, easy},
		{"common transliterated", "parol12345", nil, easy},
		{"common Cyrillic", "пароль1234", nil, easy},
		{"common Cyrillic, upper case", "ПАРОЛЬ1234", nil, easy},
		{"common Russian layout walk", "йцукенгшщз", nil, easy},
		{"common Turkmen", "Türkmenistan", nil, easy},
		{"common accounting", "Buhgalteriya", nil, easy},
		{"common with a suffix is not common", "password123-but-longer", nil, ok},
		{"invalid UTF-8", "\xff\xfeabcdefghij", nil, notUTF8},
		{"the email", relEmail, []string{relEmail, "merdan"}, easy},
		{"the email, other case", "Merdan@Example.TM", []string{relEmail}, easy},
		{"name and digits", "merdan12345", []string{relEmail, "merdan"}, easy},
		{"name and six more", "merdan-1a2b3c", []string{relEmail, "Merdan"}, ok},
		{"name inside a passphrase", "merdan likes green tea", []string{"merdan"}, ok},
		{"short related words are ignored", "al1234567890x", []string{"al"}, ok},
		{"blank related words are ignored", "zq8-ready-set", []string{"", "  "}, ok},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidatePassword(tc.pw, tc.related...)
			if tc.want == ok {
				if err != nil {
					t.Fatalf("ValidatePassword(%q) = %v, want nil", tc.pw, err)
				}
				return
			}
			e, isErr := err.(*ledger.Error)
			if !isErr || e.Code != ledger.EInvalid || e.Format != tc.want {
				t.Fatalf("ValidatePassword(%q) = %#v, want EInvalid %q", tc.pw, err, tc.want)
			}
		})
	}
}

// TestCommonPasswordList keeps the embedded list useful: every entry is
// long enough that only the list refuses it, lower-case (lookups are),
// unique, and refused.
func TestCommonPasswordList(t *testing.T) {
	seen := map[string]bool{}
	n := 0
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		switch {
		case line != strings.TrimSpace(line):
			t.Errorf("%q has surrounding spaces", line)
		case utf8.RuneCountInString(line) < MinPasswordRunes:
			t.Errorf("%q is shorter than %d characters: the length rule refuses it already", line, MinPasswordRunes)
		case line != strings.ToLower(line):
			t.Errorf("%q is not lower-case", line)
		case seen[line]:
			t.Errorf("%q is listed twice", line)
		}
		seen[line] = true
		if !ledger.IsCode(ValidatePassword(line), ledger.EInvalid) {
			t.Errorf("%q is accepted", line)
		}
		if !ledger.IsCode(ValidatePassword(strings.ToUpper(line)), ledger.EInvalid) {
			t.Errorf("%q in upper case is accepted", line)
		}
	}
	if n < 300 {
		t.Errorf("the list has %d passwords, want a few hundred", n)
	}
	for _, must := range []string{"password123", "qwerty12345", "1234567890", "parol12345", "пароль1234"} {
		if !seen[must] {
			t.Errorf("the list lacks %q", must)
		}
	}
}
