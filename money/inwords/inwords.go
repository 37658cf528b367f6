package inwords

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
)

// MaxMajor is the largest number of major units Amount writes in words:
// 999 999 999 999 999 999, the last number the scale words (up to a
// quadrillion) can name.
const MaxMajor = 999_999_999_999_999_999

// noun is a unit (manat, тысяча ...) in the forms a number asks for. In
// Russian one is for 1, 21, 101 ..., few for 2–4, 22–24 ..., many for 0, 5–20,
// 25–30 ... (see ruForm); in English one is the singular and few and many the
// plural; in Turkmen all three are the same word.
type noun struct {
	one, few, many string
	fem            bool // Russian grammatical gender: одна/две, not один/два
}

// same is a noun with one form for every number.
func same(w string) noun { return noun{one: w, few: w, many: w} }

// units are the names of a currency's major and minor units.
type units struct{ major, minor noun }

// language is what Amount needs to know of a language.
type language struct {
	zero   string
	minus  string
	triple func(g int, fem bool) []string // the words for 1–999
	scales []noun                         // [1] thousand, [2] million ...; [0] unused
	form   func(n noun, count uint64) string
	units  map[string]units // by ISO 4217 code
}

var languages = map[string]*language{"tk": &tk, "ru": &ru, "en": &en}

// langNames lists the languages in the order i18n offers them.
var langNames = []string{"tk", "ru", "en"}

// Currencies returns the codes of the currencies Amount can write, in
// alphabetical order. Every language knows the same ones.
func Currencies() []string {
	codes := make([]string, 0, len(en.units))
	for c := range en.units {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Amount writes a, a count of currency's minor units, in words in lang (tk,
// ru or en): the major units in words and their name, then the minor units
// as digits and their name, all in small letters (see Capitalize):
//
//	Amount(115000, "TMT", "tk") == "bir müň bir ýüz elli manat 00 teňňe"
//
// The currency is an ISO 4217 code that package money knows and Currencies
// lists; any other currency or language, or an amount of more than
// MaxMajor major units, is an error with code ledger.EInvalid.
func Amount(a money.Amount, currency string, lang string) (string, error) {
	c, err := money.Lookup(currency)
	if err != nil {
		return "", ledger.Errorf(ledger.EInvalid, "unknown currency %q", currency)
	}
	l, ok := languages[lang]
	if !ok {
		return "", ledger.Errorf(ledger.EInvalid, "no amount in words in language %q (known: %s)", lang, strings.Join(langNames, ", "))
	}
	u, ok := l.units[c.Code]
	if !ok {
		return "", ledger.Errorf(ledger.EInvalid, "no amount in words for currency %s (known: %s)", c.Code, strings.Join(Currencies(), ", "))
	}

	// The magnitude as uint64, so that the smallest int64 has one too.
	mag := uint64(a)
	if a < 0 {
		mag = -mag
	}
	scale := uint64(1)
	for range c.Exponent {
		scale *= 10
	}
	major, minor := mag/scale, mag%scale
	if major > MaxMajor {
		return "", ledger.Errorf(ledger.EInvalid, "amount %s %s is too large to write in words", money.Decimal(a, c.Exponent), c.Code)
	}

	words := make([]string, 0, 16)
	if a < 0 {
		words = append(words, l.minus)
	}
	words = append(words, l.number(major, u.major.fem)...)
	words = append(words, l.form(u.major, major))
	if c.Exponent > 0 {
		digits := strconv.FormatUint(minor, 10)
		digits = strings.Repeat("0", c.Exponent-len(digits)) + digits
		words = append(words, digits, l.form(u.minor, minor))
	}
	return strings.Join(words, " "), nil
}

// number writes n (at most MaxMajor) in words, in the gender fem for the
// last group (the one that counts the unit itself).
func (l *language) number(n uint64, fem bool) []string {
	if n == 0 {
		return []string{l.zero}
	}
	var groups []int // groups of three digits, the lowest first
	for ; n > 0; n /= 1000 {
		groups = append(groups, int(n%1000))
	}
	var words []string
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			continue
		}
		if i == 0 {
			words = append(words, l.triple(g, fem)...)
			continue
		}
		s := l.scales[i]
		words = append(words, l.triple(g, s.fem)...)
		words = append(words, l.form(s, uint64(g)))
	}
	return words
}

// Capitalize returns s with its first letter made capital, as a Russian
// payment order writes the amount in words ("Одна тысяча ..."); the rest is
// left as it is.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
