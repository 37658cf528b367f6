package inwords

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
)

// This file reads amounts back from their words, with vocabularies typed
// here again rather than taken from the package, so that FuzzAmount can
// check that the words name exactly the amount that was written.

// wordKind is what a number word does in a group of three digits.
type wordKind int

const (
	kUnit     wordKind = iota + 1 // 1–9
	kTeen                         // 10–19 (ru, en)
	kTen                          // 10 (tk), 20–90
	kTenUnit                      // en: 21–99 hyphenated, one word
	kHundreds                     // ru: 100–900, one word
	kHundred                      // en, tk: "hundred", after a unit
	kScale                        // thousand, million ...: v is the power of 1000
)

// word is a number word as the reader sees it.
type word struct {
	kind wordKind
	v    int
	form int // ru scale words: 0 one, 1 few, 2 many
	fem  int // ru: 1 for один/два, 2 for одна/две
}

// grammar is a language as the reader sees it.
type grammar struct {
	zero, minus   string
	words         map[string]word
	tensTakeUnits bool // "ýigrimi bir", "двадцать один"; English hyphenates instead
	// wantForm is the form (0 one, 1 few, 2 many) a noun takes after n.
	wantForm func(n uint64) int
	// feminine holds every form of the feminine nouns (ru).
	feminine map[string]bool
}

func addWords(m map[string]word, kind wordKind, from int, step int, ws ...string) {
	for i, w := range ws {
		m[w] = word{kind: kind, v: from + i*step}
	}
}

var grammars = map[string]*grammar{"ru": ruGrammar(), "en": enGrammar(), "tk": tkGrammar()}

func ruGrammar() *grammar {
	m := map[string]word{}
	addWords(m, kUnit, 3, 1, "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
	m["один"] = word{kind: kUnit, v: 1, fem: 1}
	m["одна"] = word{kind: kUnit, v: 1, fem: 2}
	m["два"] = word{kind: kUnit, v: 2, fem: 1}
	m["две"] = word{kind: kUnit, v: 2, fem: 2}
	addWords(m, kTeen, 10, 1, "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
		"пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
	addWords(m, kTen, 20, 10, "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто")
	addWords(m, kHundreds, 100, 100, "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот")
	for i, forms := range [][3]string{
		{"тысяча", "тысячи", "тысяч"},
		{"миллион", "миллиона", "миллионов"},
		{"миллиард", "миллиарда", "миллиардов"},
		{"триллион", "триллиона", "триллионов"},
		{"квадриллион", "квадриллиона", "квадриллионов"},
	} {
		for f, w := range forms {
			m[w] = word{kind: kScale, v: i + 1, form: f}
		}
	}
	return &grammar{
		zero: "ноль", minus: "минус", words: m, tensTakeUnits: true,
		wantForm: func(n uint64) int {
			last2 := n % 100
			switch {
			case last2/10 == 1:
				return 2
			case last2%10 == 1:
				return 0
			case last2%10 >= 2 && last2%10 <= 4:
				return 1
			}
			return 2
		},
		feminine: map[string]bool{
			"тысяча": true, "тысячи": true, "тысяч": true,
			"копейка": true, "копейки": true, "копеек": true,
			"лира": true, "лиры": true, "лир": true,
			"иена": true, "иены": true, "иен": true,
		},
	}
}

func enGrammar() *grammar {
	m := map[string]word{}
	units := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	addWords(m, kUnit, 1, 1, units...)
	addWords(m, kTeen, 10, 1, "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
	addWords(m, kTen, 20, 10, tens...)
	for t, tw := range tens {
		for u, uw := range units {
			m[tw+"-"+uw] = word{kind: kTenUnit, v: 20 + 10*t + u + 1}
		}
	}
	m["hundred"] = word{kind: kHundred}
	addWords(m, kScale, 1, 1, "thousand", "million", "billion", "trillion", "quadrillion")
	return &grammar{
		zero: "zero", minus: "minus", words: m,
		wantForm: func(n uint64) int {
			if n == 1 {
				return 0
			}
			return 2
		},
	}
}

func tkGrammar() *grammar {
	m := map[string]word{}
	addWords(m, kUnit, 1, 1, "bir", "iki", "üç", "dört", "bäş", "alty", "ýedi", "sekiz", "dokuz")
	addWords(m, kTen, 10, 10, "on", "ýigrimi", "otuz", "kyrk", "elli", "altmyş", "ýetmiş", "segsen", "togsan")
	m["ýüz"] = word{kind: kHundred}
	addWords(m, kScale, 1, 1, "müň", "million", "milliard", "trillion", "kwadrillion")
	return &grammar{
		zero: "nol", minus: "minus", words: m, tensTakeUnits: true,
		wantForm: func(uint64) int { return 0 },
	}
}

// group reads a number from 1 to 999 at toks[i:]: its value, the index
// after it, and the gender of its last word (ru один/одна ...). A value of
// 0 means no number starts at i.
func (gr *grammar) group(toks []string, i int) (g, next, fem int) {
	at := func(j int) (word, bool) {
		if j >= len(toks) {
			return word{}, false
		}
		w, ok := gr.words[toks[j]]
		return w, ok
	}
	if w, ok := at(i); ok && w.kind == kHundreds {
		g, i = w.v, i+1
	} else if h, ok2 := at(i + 1); ok && ok2 && w.kind == kUnit && h.kind == kHundred {
		g, i = 100*w.v, i+2
	}
	w, ok := at(i)
	switch {
	case ok && (w.kind == kTeen || w.kind == kTenUnit):
		return g + w.v, i + 1, 0
	case ok && w.kind == kTen:
		g, i = g+w.v, i+1
		if !gr.tensTakeUnits {
			return g, i, 0
		}
	}
	if w, ok := at(i); ok && w.kind == kUnit {
		return g + w.v, i + 1, w.fem
	}
	return g, i, 0
}

// number reads a whole number from toks[i:]: its value, the index after it
// and the gender of its last word when that word counts the noun after the
// number. Scale words must come in falling order, each after a group, in
// the form (ru) and gender its group asks for.
func (gr *grammar) number(toks []string, i int) (n uint64, next, fem int, err error) {
	if i < len(toks) && toks[i] == gr.zero {
		return 0, i + 1, 0, nil
	}
	prev := 99
	for {
		g, j, f := gr.group(toks, i)
		if g == 0 {
			if prev == 99 {
				return 0, 0, 0, fmt.Errorf("no number at word %d", i)
			}
			return n, i, 0, nil // the number ends with a scale word
		}
		w, ok := gr.words[safe(toks, j)]
		if !ok || w.kind != kScale {
			return n + uint64(g), j, f, nil
		}
		if w.v >= prev {
			return 0, 0, 0, fmt.Errorf("scale %q after a smaller or equal one", toks[j])
		}
		if gr.feminine != nil {
			if want := gr.wantForm(uint64(g)); w.form != want {
				return 0, 0, 0, fmt.Errorf("%q after %d: want form %d", toks[j], g, want)
			}
			if err := gr.agree(f, toks[j]); err != nil {
				return 0, 0, 0, err
			}
		}
		p := uint64(1)
		for range w.v {
			p *= 1000
		}
		n, prev, i = n+uint64(g)*p, w.v, j+1
	}
}

// agree checks that a one or two of gender fem fits the noun.
func (gr *grammar) agree(fem int, noun string) error {
	if fem == 0 || gr.feminine == nil {
		return nil
	}
	if gr.feminine[noun] != (fem == 2) {
		return fmt.Errorf("gender of the number does not fit %q", noun)
	}
	return nil
}

func safe(toks []string, i int) string {
	if i < len(toks) {
		return toks[i]
	}
	return ""
}

// readBack reads words written by Amount back into an amount, checking on
// the way that every word is one of the language's, in its place and form.
func readBack(s, currency, lang string) (money.Amount, error) {
	gr := grammars[lang]
	c := money.MustLookup(currency)
	u := languages[lang].units[c.Code]
	toks := strings.Split(s, " ")
	neg := toks[0] == gr.minus
	i := 0
	if neg {
		i = 1
	}
	major, i, fem, err := gr.number(toks, i)
	if err != nil {
		return 0, err
	}
	forms := func(n noun) [3]string { return [3]string{n.one, n.few, n.many} }
	rest := strings.Join(toks[i:], " ")
	unit := forms(u.major)[gr.wantForm(major)]
	if rest != unit && !strings.HasPrefix(rest, unit+" ") {
		return 0, fmt.Errorf("after %d: %q, want %q", major, rest, unit)
	}
	if err := gr.agree(fem, unit); err != nil {
		return 0, err
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, unit), " ")
	mag := major
	for range c.Exponent {
		mag *= 10
	}
	if c.Exponent == 0 {
		if rest != "" {
			return 0, fmt.Errorf("%q after the unit of a currency without decimals", rest)
		}
	} else {
		digits, name, _ := strings.Cut(rest, " ")
		minor, err := strconv.ParseUint(digits, 10, 64)
		if err != nil || len(digits) != c.Exponent {
			return 0, fmt.Errorf("minor part %q", digits)
		}
		if want := forms(u.minor)[gr.wantForm(minor)]; name != want {
			return 0, fmt.Errorf("after %s: %q, want %q", digits, name, want)
		}
		mag += minor
	}
	if neg {
		if mag == 0 {
			return 0, fmt.Errorf("minus zero")
		}
		return money.Amount(-mag), nil // -(1<<63) wraps to MinInt64, which is exact
	}
	return money.Amount(mag), nil
}

// fuzzCodes and fuzzLangs are what FuzzAmount's indexes pick from: the
// supported ones and a few that are not.
var (
	fuzzCodes = []string{"TMT", "USD", "EUR", "RUB", "CNY", "TRY", "KZT", "JPY", "KWD", "GBP", "XXX", ""}
	fuzzLangs = []string{"tk", "ru", "en", "de", ""}
)

// FuzzAmount: for any amount, currency and language Amount never panics;
// when it writes words, the words read back to the very amount, each from
// the language's vocabulary, in its form; it refuses exactly the amounts
// past MaxMajor and the currencies and languages it does not know.
func FuzzAmount(f *testing.F) {
	for _, a := range []int64{0, 1, -1, 115000, 2100000, 1<<63 - 1, -1 << 63, 1e18, 999999999999999999} {
		for c := range fuzzCodes {
			for l := range fuzzLangs {
				f.Add(a, uint8(c), uint8(l))
			}
		}
	}
	f.Fuzz(func(t *testing.T, a int64, ci, li uint8) {
		code, lang := fuzzCodes[int(ci)%len(fuzzCodes)], fuzzLangs[int(li)%len(fuzzLangs)]
		s, err := Amount(money.Amount(a), code, lang)
		if err != nil && (s != "" || !ledger.IsCode(err, ledger.EInvalid)) {
			t.Fatalf("Amount(%d, %q, %q) = %q, %v: want no words and an invalid-input error", a, code, lang, s, err)
		}
		_, known := grammars[lang]
		if !known || code == "GBP" || code == "XXX" || code == "" {
			if err == nil {
				t.Fatalf("Amount(%d, %q, %q) = %q; want an error", a, code, lang, s)
			}
			return
		}
		mag := uint64(a)
		if a < 0 {
			mag = -mag
		}
		for range money.MustLookup(code).Exponent {
			mag /= 10
		}
		if tooLarge := mag > 999_999_999_999_999_999; tooLarge != (err != nil) {
			t.Fatalf("Amount(%d, %q, %q) = %q, %v; major part %d", a, code, lang, s, err, mag)
		}
		if err != nil {
			return
		}
		if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") || !utf8.ValidString(s) {
			t.Fatalf("Amount(%d, %q, %q) = %q: empty or badly spaced", a, code, lang, s)
		}
		back, err := readBack(s, code, lang)
		if err != nil || back != money.Amount(a) {
			t.Fatalf("Amount(%d, %q, %q) = %q, which reads back as %d, %v", a, code, lang, s, back, err)
		}
		if r, _ := utf8.DecodeRuneInString(Capitalize(s)); !unicode.IsUpper(r) {
			t.Fatalf("Capitalize(%q) starts with %q", s, r)
		}
	})
}

// TestReadBackRefuses shows the reader is strict: words out of place,
// form or gender are caught, not read as some number.
func TestReadBackRefuses(t *testing.T) {
	bad := []struct{ s, currency, lang string }{
		{"один тысяча манатов 00 тенге", "TMT", "ru"},        // тысяча is feminine
		{"две тысяч манатов 00 тенге", "TMT", "ru"},          // две тысячи
		{"пять тысячи манатов 00 тенге", "TMT", "ru"},        // пять тысяч
		{"одиннадцать тысяча манатов 00 тенге", "TMT", "ru"}, // 11 takes тысяч
		{"двадцать одна манат 00 тенге", "TMT", "ru"},        // манат is masculine
		{"один рубль 01 копеек", "RUB", "ru"},                // 01 копейка
		{"два рубля 02 копеек", "RUB", "ru"},                 // 02 копейки
		{"пять маната 00 тенге", "TMT", "ru"},                // пять манатов
		{"одна лира 01 курушей", "TRY", "ru"},                // 01 куруш
		{"один лира 00 курушей", "TRY", "ru"},                // лира is feminine
		{"тысяча манатов 00 тенге", "TMT", "ru"},             // одна тысяча
		{"один миллион одна тысяча миллионов манатов 00 тенге", "TMT", "ru"},
		{"twenty one manat 00 tenge", "TMT", "en"},            // twenty-one
		{"one hundred and fifty manat 00 tenge", "TMT", "en"}, // US form, no "and"
		{"hundred manat 00 tenge", "TMT", "en"},
		{"one US dollars 00 cents", "USD", "en"},
		{"two US dollar 00 cents", "USD", "en"},
		{"one US dollar 01 cents", "USD", "en"},
		{"one thousand one thousand manat 00 tenge", "TMT", "en"},
		{"ýüz manat 00 teňňe", "TMT", "tk"}, // bir ýüz
		{"müň manat 00 teňňe", "TMT", "tk"}, // bir müň
		{"bir manat 0 teňňe", "TMT", "tk"},
		{"bir manat 00 teňňe 00", "TMT", "tk"},
		{"bir ýen 00 sen", "JPY", "tk"},
		{"minus nol manat 00 teňňe", "TMT", "tk"},
		{"bir manat", "TMT", "tk"},
	}
	for _, c := range bad {
		if a, err := readBack(c.s, c.currency, c.lang); err == nil {
			t.Errorf("readBack(%q) = %d; want an error", c.s, a)
		}
	}
}
