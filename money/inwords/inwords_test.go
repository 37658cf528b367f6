package inwords

import (
	"math"
	"slices"
	"strings"
	"testing"

	"hasap/internal/archtest"
	"hasap/ledger"
	"hasap/money"
)

// amountCase is an amount in minor units and, by hand, its words in each
// language ("" where the case does not check that language).
type amountCase struct {
	a          money.Amount
	tk, ru, en string
}

func checkAmounts(t *testing.T, currency string, cases []amountCase) {
	t.Helper()
	for _, c := range cases {
		for lang, want := range map[string]string{"tk": c.tk, "ru": c.ru, "en": c.en} {
			if want == "" {
				continue
			}
			got, err := Amount(c.a, currency, lang)
			if err != nil || got != want {
				t.Errorf("Amount(%d, %s, %s) = %q, %v; want %q", c.a, currency, lang, got, err, want)
			}
		}
	}
}

// TestAmountTMT: the DOMAIN examples and the numbers where the rules turn,
// in manat, in all three languages.
func TestAmountTMT(t *testing.T) {
	checkAmounts(t, "TMT", []amountCase{
		// DOMAIN.md, word for word.
		{115000, "bir müň bir ýüz elli manat 00 teňňe", "одна тысяча сто пятьдесят манатов 00 тенге", "one thousand one hundred fifty manat 00 tenge"},
		{0, "nol manat 00 teňňe", "ноль манатов 00 тенге", "zero manat 00 tenge"},
		{100, "bir manat 00 teňňe", "один манат 00 тенге", "one manat 00 tenge"},
		{200, "iki manat 00 teňňe", "два маната 00 тенге", "two manat 00 tenge"},
		{300, "üç manat 00 teňňe", "три маната 00 тенге", "three manat 00 tenge"},
		{400, "dört manat 00 teňňe", "четыре маната 00 тенге", "four manat 00 tenge"},
		{500, "bäş manat 00 teňňe", "пять манатов 00 тенге", "five manat 00 tenge"},
		{1000, "on manat 00 teňňe", "десять манатов 00 тенге", "ten manat 00 tenge"},
		{1100, "on bir manat 00 teňňe", "одиннадцать манатов 00 тенге", "eleven manat 00 tenge"},
		{1200, "on iki manat 00 teňňe", "двенадцать манатов 00 тенге", "twelve manat 00 tenge"},
		{1400, "on dört manat 00 teňňe", "четырнадцать манатов 00 тенге", "fourteen manat 00 tenge"},
		{1500, "on bäş manat 00 teňňe", "пятнадцать манатов 00 тенге", "fifteen manat 00 tenge"},
		{2000, "ýigrimi manat 00 teňňe", "двадцать манатов 00 тенге", "twenty manat 00 tenge"},
		{2100, "ýigrimi bir manat 00 teňňe", "двадцать один манат 00 тенге", "twenty-one manat 00 tenge"},
		{2200, "ýigrimi iki manat 00 teňňe", "двадцать два маната 00 тенге", "twenty-two manat 00 tenge"},
		{2500, "ýigrimi bäş manat 00 teňňe", "двадцать пять манатов 00 тенге", "twenty-five manat 00 tenge"},
		{10000, "bir ýüz manat 00 teňňe", "сто манатов 00 тенге", "one hundred manat 00 tenge"},
		{10100, "bir ýüz bir manat 00 teňňe", "сто один манат 00 тенге", "one hundred one manat 00 tenge"},
		{11100, "bir ýüz on bir manat 00 teňňe", "сто одиннадцать манатов 00 тенге", "one hundred eleven manat 00 tenge"},
		{100000, "bir müň manat 00 teňňe", "одна тысяча манатов 00 тенге", "one thousand manat 00 tenge"},
		{100100, "bir müň bir manat 00 teňňe", "одна тысяча один манат 00 тенге", "one thousand one manat 00 tenge"},
		{200000, "iki müň manat 00 teňňe", "две тысячи манатов 00 тенге", "two thousand manat 00 tenge"},
		{500000, "bäş müň manat 00 teňňe", "пять тысяч манатов 00 тенге", "five thousand manat 00 tenge"},
		{1100000, "on bir müň manat 00 teňňe", "одиннадцать тысяч манатов 00 тенге", "eleven thousand manat 00 tenge"},
		{2100000, "ýigrimi bir müň manat 00 teňňe", "двадцать одна тысяча манатов 00 тенге", "twenty-one thousand manat 00 tenge"},
		{2200000, "ýigrimi iki müň manat 00 teňňe", "двадцать две тысячи манатов 00 тенге", "twenty-two thousand manat 00 tenge"},
		{100000000, "bir million manat 00 teňňe", "один миллион манатов 00 тенге", "one million manat 00 tenge"},
		{200000000, "iki million manat 00 teňňe", "два миллиона манатов 00 тенге", "two million manat 00 tenge"},
		{500000000, "bäş million manat 00 teňňe", "пять миллионов манатов 00 тенге", "five million manat 00 tenge"},
		{100000000000, "bir milliard manat 00 teňňe", "один миллиард манатов 00 тенге", "one billion manat 00 tenge"},
		{100000000000000, "bir trillion manat 00 teňňe", "один триллион манатов 00 тенге", "one trillion manat 00 tenge"},
		// The minor part: digits, the noun after them.
		{1, "nol manat 01 teňňe", "ноль манатов 01 тенге", "zero manat 01 tenge"},
		{2121, "ýigrimi bir manat 21 teňňe", "двадцать один манат 21 тенге", "twenty-one manat 21 tenge"},
		{9999, "togsan dokuz manat 99 teňňe", "девяносто девять манатов 99 тенге", "ninety-nine manat 99 tenge"},
		{115001, "bir müň bir ýüz elli manat 01 teňňe", "одна тысяча сто пятьдесят манатов 01 тенге", "one thousand one hundred fifty manat 01 tenge"},
		// Groups in between left out, hundreds inside a thousand.
		{100000100, "bir million bir manat 00 teňňe", "один миллион один манат 00 тенге", "one million one manat 00 tenge"},
		{200100200, "iki million bir müň iki manat 00 teňňe", "два миллиона одна тысяча два маната 00 тенге", "two million one thousand two manat 00 tenge"},
		{11100000, "bir ýüz on bir müň manat 00 teňňe", "сто одиннадцать тысяч манатов 00 тенге", "one hundred eleven thousand manat 00 tenge"},
		{1200000, "on iki müň manat 00 teňňe", "двенадцать тысяч манатов 00 тенге", "twelve thousand manat 00 tenge"},
		{1400000, "on dört müň manat 00 teňňe", "четырнадцать тысяч манатов 00 тенге", "fourteen thousand manat 00 tenge"},
		{100200000000, "bir milliard iki million manat 00 teňňe", "один миллиард два миллиона манатов 00 тенге", "one billion two million manat 00 tenge"},
		{99999999, "dokuz ýüz togsan dokuz müň dokuz ýüz togsan dokuz manat 99 teňňe", "девятьсот девяносто девять тысяч девятьсот девяносто девять манатов 99 тенге", "nine hundred ninety-nine thousand nine hundred ninety-nine manat 99 tenge"},
		{34567800, "üç ýüz kyrk bäş müň alty ýüz ýetmiş sekiz manat 00 teňňe", "триста сорок пять тысяч шестьсот семьдесят восемь манатов 00 тенге", "three hundred forty-five thousand six hundred seventy-eight manat 00 tenge"},
		{60000, "alty ýüz manat 00 teňňe", "шестьсот манатов 00 тенге", "six hundred manat 00 tenge"},
		{6170000, "altmyş bir müň ýedi ýüz manat 00 teňňe", "шестьдесят одна тысяча семьсот манатов 00 тенге", "sixty-one thousand seven hundred manat 00 tenge"},
		{8309000, "segsen üç müň togsan manat 00 teňňe", "восемьдесят три тысячи девяносто манатов 00 тенге", "eighty-three thousand ninety manat 00 tenge"},
		{3008000, "otuz müň segsen manat 00 teňňe", "тридцать тысяч восемьдесят манатов 00 тенге", "thirty thousand eighty manat 00 tenge"},
		{20000000, "iki ýüz müň manat 00 teňňe", "двести тысяч манатов 00 тенге", "two hundred thousand manat 00 tenge"},
		{40001600, "dört ýüz müň on alty manat 00 teňňe", "четыреста тысяч шестнадцать манатов 00 тенге", "four hundred thousand sixteen manat 00 tenge"},
		{71300, "ýedi ýüz on üç manat 00 teňňe", "семьсот тринадцать манатов 00 тенге", "seven hundred thirteen manat 00 tenge"},
		{81700, "sekiz ýüz on ýedi manat 00 teňňe", "восемьсот семнадцать манатов 00 тенге", "eight hundred seventeen manat 00 tenge"},
		{1800, "on sekiz manat 00 teňňe", "восемнадцать манатов 00 тенге", "eighteen manat 00 tenge"},
		{1900, "on dokuz manat 00 teňňe", "девятнадцать манатов 00 тенге", "nineteen manat 00 tenge"},
		// Negative amounts.
		{-115000, "minus bir müň bir ýüz elli manat 00 teňňe", "минус одна тысяча сто пятьдесят манатов 00 тенге", "minus one thousand one hundred fifty manat 00 tenge"},
		{-1, "minus nol manat 01 teňňe", "минус ноль манатов 01 тенге", "minus zero manat 01 tenge"},
		// The ends of int64.
		{math.MaxInt64,
			"togsan iki kwadrillion iki ýüz otuz üç trillion ýedi ýüz ýigrimi milliard üç ýüz altmyş sekiz million bäş ýüz kyrk ýedi müň ýedi ýüz elli sekiz manat 07 teňňe",
			"девяносто два квадриллиона двести тридцать три триллиона семьсот двадцать миллиардов триста шестьдесят восемь миллионов пятьсот сорок семь тысяч семьсот пятьдесят восемь манатов 07 тенге",
			"ninety-two quadrillion two hundred thirty-three trillion seven hundred twenty billion three hundred sixty-eight million five hundred forty-seven thousand seven hundred fifty-eight manat 07 tenge"},
		{math.MinInt64,
			"minus togsan iki kwadrillion iki ýüz otuz üç trillion ýedi ýüz ýigrimi milliard üç ýüz altmyş sekiz million bäş ýüz kyrk ýedi müň ýedi ýüz elli sekiz manat 08 teňňe",
			"минус девяносто два квадриллиона двести тридцать три триллиона семьсот двадцать миллиардов триста шестьдесят восемь миллионов пятьсот сорок семь тысяч семьсот пятьдесят восемь манатов 08 тенге",
			"minus ninety-two quadrillion two hundred thirty-three trillion seven hundred twenty billion three hundred sixty-eight million five hundred forty-seven thousand seven hundred fifty-eight manat 08 tenge"},
	})
}

// TestAmountRUB is the Russian grammar on the rouble, whose kopeck is
// feminine, and the thousand, which is feminine too.
func TestAmountRUB(t *testing.T) {
	checkAmounts(t, "RUB", []amountCase{
		{0, "nol rubl 00 kopeýka", "ноль рублей 00 копеек", "zero rubles 00 kopecks"},
		{101, "bir rubl 01 kopeýka", "один рубль 01 копейка", "one ruble 01 kopeck"},
		{202, "iki rubl 02 kopeýka", "два рубля 02 копейки", "two rubles 02 kopecks"},
		{303, "", "три рубля 03 копейки", ""},
		{404, "", "четыре рубля 04 копейки", ""},
		{505, "bäş rubl 05 kopeýka", "пять рублей 05 копеек", "five rubles 05 kopecks"},
		{1111, "on bir rubl 11 kopeýka", "одиннадцать рублей 11 копеек", "eleven rubles 11 kopecks"},
		{1212, "", "двенадцать рублей 12 копеек", ""},
		{1414, "", "четырнадцать рублей 14 копеек", ""},
		{1515, "", "пятнадцать рублей 15 копеек", ""},
		{2121, "ýigrimi bir rubl 21 kopeýka", "двадцать один рубль 21 копейка", "twenty-one rubles 21 kopecks"},
		{2222, "", "двадцать два рубля 22 копейки", ""},
		{2525, "", "двадцать пять рублей 25 копеек", ""},
		{10000, "", "сто рублей 00 копеек", ""},
		{10101, "", "сто один рубль 01 копейка", ""},
		{11111, "", "сто одиннадцать рублей 11 копеек", ""},
		{11212, "", "сто двенадцать рублей 12 копеек", ""},
		{100000, "", "одна тысяча рублей 00 копеек", ""},
		{100101, "", "одна тысяча один рубль 01 копейка", ""},
		{200002, "", "две тысячи рублей 02 копейки", ""},
		{500099, "", "пять тысяч рублей 99 копеек", ""},
		{2100021, "", "двадцать одна тысяча рублей 21 копейка", ""},
		{100000000, "", "один миллион рублей 00 копеек", ""},
		{200000000, "", "два миллиона рублей 00 копеек", ""},
		{500000000, "", "пять миллионов рублей 00 копеек", ""},
		{1100000000, "", "одиннадцать миллионов рублей 00 копеек", ""},
		{2100000000, "", "двадцать один миллион рублей 00 копеек", ""},
		{100000000000, "", "один миллиард рублей 00 копеек", ""},
		{300000000000, "", "три миллиарда рублей 00 копеек", ""},
		{115000, "", "одна тысяча сто пятьдесят рублей 00 копеек", ""},
		{-50, "minus nol rubl 50 kopeýka", "минус ноль рублей 50 копеек", "minus zero rubles 50 kopecks"},
	})
}

// TestAmountCurrencies writes each currency's units in each language.
func TestAmountCurrencies(t *testing.T) {
	cases := map[string][]amountCase{
		"USD": {
			{0, "nol ABŞ dollary 00 sent", "ноль долларов США 00 центов", "zero US dollars 00 cents"},
			{101, "bir ABŞ dollary 01 sent", "один доллар США 01 цент", "one US dollar 01 cent"},
			{202, "iki ABŞ dollary 02 sent", "два доллара США 02 цента", "two US dollars 02 cents"},
			{505, "bäş ABŞ dollary 05 sent", "пять долларов США 05 центов", "five US dollars 05 cents"},
			{1111, "on bir ABŞ dollary 11 sent", "одиннадцать долларов США 11 центов", "eleven US dollars 11 cents"},
			{2121, "ýigrimi bir ABŞ dollary 21 sent", "двадцать один доллар США 21 цент", "twenty-one US dollars 21 cents"},
			{100099, "bir müň ABŞ dollary 99 sent", "одна тысяча долларов США 99 центов", "one thousand US dollars 99 cents"},
		},
		"EUR": {
			{101, "bir ýewro 01 sent", "один евро 01 цент", "one euro 01 cent"},
			{202, "iki ýewro 02 sent", "два евро 02 цента", "two euros 02 cents"},
			{505, "bäş ýewro 05 sent", "пять евро 05 центов", "five euros 05 cents"},
			{1111, "on bir ýewro 11 sent", "одиннадцать евро 11 центов", "eleven euros 11 cents"},
			{2121, "ýigrimi bir ýewro 21 sent", "двадцать один евро 21 цент", "twenty-one euros 21 cents"},
			{200000, "iki müň ýewro 00 sent", "две тысячи евро 00 центов", "two thousand euros 00 cents"},
		},
		"CNY": {
			{101, "bir ýuan 01 fen", "один юань 01 фэнь", "one yuan 01 fen"},
			{202, "iki ýuan 02 fen", "два юаня 02 фэня", "two yuan 02 fen"},
			{505, "bäş ýuan 05 fen", "пять юаней 05 фэней", "five yuan 05 fen"},
			{1111, "on bir ýuan 11 fen", "одиннадцать юаней 11 фэней", "eleven yuan 11 fen"},
			{2121, "ýigrimi bir ýuan 21 fen", "двадцать один юань 21 фэнь", "twenty-one yuan 21 fen"},
		},
		"TRY": { // the lira is feminine in Russian
			{101, "bir lira 01 kuruş", "одна лира 01 куруш", "one lira 01 kuruş"},
			{202, "iki lira 02 kuruş", "две лиры 02 куруша", "two lira 02 kuruş"},
			{505, "bäş lira 05 kuruş", "пять лир 05 курушей", "five lira 05 kuruş"},
			{1111, "on bir lira 11 kuruş", "одиннадцать лир 11 курушей", "eleven lira 11 kuruş"},
			{2121, "ýigrimi bir lira 21 kuruş", "двадцать одна лира 21 куруш", "twenty-one lira 21 kuruş"},
			{2200, "ýigrimi iki lira 00 kuruş", "двадцать две лиры 00 курушей", "twenty-two lira 00 kuruş"},
			{100100, "bir müň bir lira 00 kuruş", "одна тысяча одна лира 00 курушей", "one thousand one lira 00 kuruş"},
		},
		"KZT": {
			{101, "bir teňňe 01 tyýyn", "один тенге 01 тиын", "one tenge 01 tiyn"},
			{202, "iki teňňe 02 tyýyn", "два тенге 02 тиына", "two tenge 02 tiyn"},
			{505, "bäş teňňe 05 tyýyn", "пять тенге 05 тиынов", "five tenge 05 tiyn"},
			{1111, "on bir teňňe 11 tyýyn", "одиннадцать тенге 11 тиынов", "eleven tenge 11 tiyn"},
			{2121, "ýigrimi bir teňňe 21 tyýyn", "двадцать один тенге 21 тиын", "twenty-one tenge 21 tiyn"},
		},
		"JPY": { // exponent 0: no minor part; the yen is feminine in Russian
			{0, "nol ýen", "ноль иен", "zero yen"},
			{1, "bir ýen", "одна иена", "one yen"},
			{2, "iki ýen", "две иены", "two yen"},
			{5, "bäş ýen", "пять иен", "five yen"},
			{11, "on bir ýen", "одиннадцать иен", "eleven yen"},
			{21, "ýigrimi bir ýen", "двадцать одна иена", "twenty-one yen"},
			{1150, "bir müň bir ýüz elli ýen", "одна тысяча сто пятьдесят иен", "one thousand one hundred fifty yen"},
			{-2, "minus iki ýen", "минус две иены", "minus two yen"},
			{MaxMajor,
				"dokuz ýüz togsan dokuz kwadrillion dokuz ýüz togsan dokuz trillion dokuz ýüz togsan dokuz milliard dokuz ýüz togsan dokuz million dokuz ýüz togsan dokuz müň dokuz ýüz togsan dokuz ýen",
				"девятьсот девяносто девять квадриллионов девятьсот девяносто девять триллионов девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять иен",
				"nine hundred ninety-nine quadrillion nine hundred ninety-nine trillion nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine yen"},
		},
		"KWD": { // exponent 3: three digits of fils
			{1001, "bir dinar 001 fils", "один динар 001 филс", "one dinar 001 fils"},
			{2500, "iki dinar 500 fils", "два динара 500 филсов", "two dinars 500 fils"},
			{5022, "bäş dinar 022 fils", "пять динаров 022 филса", "five dinars 022 fils"},
			{11111, "on bir dinar 111 fils", "одиннадцать динаров 111 филсов", "eleven dinars 111 fils"},
			{21021, "ýigrimi bir dinar 021 fils", "двадцать один динар 021 филс", "twenty-one dinars 021 fils"},
			{999, "nol dinar 999 fils", "ноль динаров 999 филсов", "zero dinars 999 fils"},
		},
	}
	for code, cs := range cases {
		t.Run(code, func(t *testing.T) { checkAmounts(t, code, cs) })
	}
	for _, code := range Currencies() {
		if _, ok := cases[code]; !ok && code != "TMT" && code != "RUB" {
			t.Errorf("no test cases for %s", code)
		}
	}
}

// TestAmountAcceptsCodesAsMoneyDoes: the code is looked up as package
// money does, whatever its case and surrounding spaces.
func TestAmountAcceptsCodesAsMoneyDoes(t *testing.T) {
	for _, code := range []string{"tmt", " TMT ", "Tmt"} {
		got, err := Amount(100, code, "tk")
		if err != nil || got != "bir manat 00 teňňe" {
			t.Errorf("Amount(100, %q, tk) = %q, %v", code, got, err)
		}
	}
}

// TestAmountErrors: an unknown currency, one without words, an unknown
// language and an amount past MaxMajor are invalid input, never words.
func TestAmountErrors(t *testing.T) {
	cases := []struct {
		a        money.Amount
		currency string
		lang     string
		want     string // the English message
	}{
		{100, "XXX", "ru", `unknown currency "XXX"`},
		{100, "", "ru", `unknown currency ""`},
		{100, "GBP", "ru", "no amount in words for currency GBP (known: CNY, EUR, JPY, KWD, KZT, RUB, TMT, TRY, USD)"},
		{100, "TMT", "de", `no amount in words in language "de" (known: tk, ru, en)`},
		{100, "TMT", "", `no amount in words in language "" (known: tk, ru, en)`},
		{100, "TMT", "RU", `no amount in words in language "RU" (known: tk, ru, en)`},
		{MaxMajor + 1, "JPY", "en", "amount 1000000000000000000 JPY is too large to write in words"},
		{math.MinInt64, "JPY", "tk", "amount -9223372036854775808 JPY is too large to write in words"},
		{math.MaxInt64, "JPY", "ru", "amount 9223372036854775807 JPY is too large to write in words"},
	}
	for _, c := range cases {
		got, err := Amount(c.a, c.currency, c.lang)
		if got != "" || !ledger.IsCode(err, ledger.EInvalid) || err.Error() != c.want {
			t.Errorf("Amount(%d, %q, %q) = %q, %v; want an invalid-input error %q", c.a, c.currency, c.lang, got, err, c.want)
		}
	}
}

func TestCapitalize(t *testing.T) {
	cases := map[string]string{
		"":                    "",
		"одна тысяча":         "Одна тысяча",
		"bir müň":             "Bir müň",
		"ýigrimi":             "Ýigrimi",
		"üç":                  "Üç",
		"iki":                 "Iki", // Turkmen has no dotted capital İ
		"one thousand":        "One thousand",
		"минус две":           "Минус две",
		"Already":             "Already",
		"\xffbroken":          "\xffbroken",
		"zero manat 00 tenge": "Zero manat 00 tenge",
	}
	for in, want := range cases {
		if got := Capitalize(in); got != want {
			t.Errorf("Capitalize(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestCurrenciesSameInEveryLanguage: every language names the same
// currencies, each with a minor unit exactly when its exponent asks for one.
func TestCurrenciesSameInEveryLanguage(t *testing.T) {
	want := Currencies()
	for _, lang := range langNames {
		l := languages[lang]
		var got []string
		for code, u := range l.units {
			got = append(got, code)
			c := money.MustLookup(code)
			if (c.Exponent > 0) != (u.minor.one != "") {
				t.Errorf("%s %s: exponent %d, minor unit %q", lang, code, c.Exponent, u.minor.one)
			}
			for _, n := range []noun{u.major, u.minor} {
				if (n.one == "") != (n.few == "") || (n.one == "") != (n.many == "") {
					t.Errorf("%s %s: a noun with a form missing: %+v", lang, code, n)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s knows %v; want %v", lang, got, want)
		}
	}
	if !slices.Equal(want, []string{"CNY", "EUR", "JPY", "KWD", "KZT", "RUB", "TMT", "TRY", "USD"}) {
		t.Errorf("Currencies() = %v", want)
	}
}

// TestImports keeps the promise of the package doc: the standard library,
// hasap/money and hasap/ledger, nothing that does I/O.
func TestImports(t *testing.T) {
	for name, paths := range archtest.Imports(t) {
		for _, path := range paths {
			first, _, _ := strings.Cut(path, "/")
			switch {
			case path == "hasap/money" || path == "hasap/ledger":
			case strings.Contains(first, ".") || first == "hasap" || first == "net" || first == "os" || first == "database" || first == "io":
				t.Errorf("%s imports %q", name, path)
			}
		}
	}
}
