package auth

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"hasap/ledger"
)

// The password length policy, in characters (runes), as NIST SP 800-63B
// and OWASP advise: long passphrases welcome, no composition rules.
const (
	MinPasswordRunes = 10
	MaxPasswordRunes = 256
)

// minRestRunes is how many characters a password needs besides a related
// word (the user's name or email) it contains.
const minRestRunes = 6

// ValidatePassword applies the password policy: valid UTF-8, 10 to 256
// characters, not one character repeated, not one of the most common
// passwords (common_passwords.txt, compared case-insensitively), and not
// built around one of related, the user's own words (email, its local
// part, name): equal to one, or containing one of at least 4 characters
// with fewer than 6 others beside it. A failure is a *ledger.Error with code
// EInvalid whose message the user can act on.
func ValidatePassword(pw string, related ...string) error {
	if !utf8.ValidString(pw) {
		return ledger.Errorf(ledger.EInvalid, "the password is not valid UTF-8 text")
	}
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordRunes {
		return ledger.Errorf(ledger.EInvalid, "the password must be at least %d characters long", MinPasswordRunes)
	}
	if n > MaxPasswordRunes {
		return ledger.Errorf(ledger.EInvalid, "the password must be at most %d characters long", MaxPasswordRunes)
	}
	lower := strings.ToLower(pw)
	if oneRuneRepeated(pw) || commonPasswords()[lower] || builtAround(lower, related) {
		return ledger.Errorf(ledger.EInvalid, "the password is too easy to guess")
	}
	return nil
}

func oneRuneRepeated(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// builtAround reports whether lower (a lower-cased password) is one of
// related or contains one of them with too little else.
func builtAround(lower string, related []string) bool {
	for _, w := range related {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		if lower == w {
			return true
		}
		if utf8.RuneCountInString(w) < 4 || !strings.Contains(lower, w) {
			continue
		}
		rest := utf8.RuneCountInString(lower) - utf8.RuneCountInString(w)
		if rest < minRestRunes {
			return true
		}
	}
	return false
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the embedded list as a set: lower-case, one a line,
// '#' starts a comment line.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 512)
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[strings.ToLower(line)] = true
	}
	return set
})
