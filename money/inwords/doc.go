// Package inwords writes an amount of money in words, as printed documents
// carry it (invoice, waybill, act of completed work, payment order, cash
// orders KO-1 and KO-2, reconciliation act), in Turkmen (tk), Russian (ru)
// or English (en):
//
//	tk  bir müň bir ýüz elli manat 00 teňňe
//	ru  одна тысяча сто пятьдесят манатов 00 тенге
//	en  one thousand one hundred fifty manat 00 tenge
//
// # The shape, in every language
//
// The major units are written in words and followed by the major unit's
// name in the form the number asks for; the minor units follow as digits,
// exactly as many as the currency's ISO 4217 exponent (00 for TMT, 000 for
// KWD, none for JPY), and then the minor unit's name in the form those
// digits ask for. This is the rule of the Bank of Russia for the "amount in
// words" field of a payment order (Положение 383-П, later 762-П, annex on
// filling in the order: roubles in words, kopecks in digits, neither word
// abbreviated), the way 1C prints it, and the shape of the DOMAIN
// examples. A negative amount starts with "minus" ("минус");
// zero is "nol" / "ноль" / "zero" with the unit in its plural form.
//
// Amount writes all letters small. Documents that start a line or a field
// with the amount (a Russian payment order: "Одна тысяча ...") pass the
// result through Capitalize.
//
// # Turkmen
//
// Numbers are written as separate words from the largest part down: bir
// iki üç dört bäş alty ýedi sekiz dokuz; on ýigrimi otuz kyrk elli altmyş
// ýetmiş segsen togsan; ýüz, müň, million, milliard, trillion, kwadrillion.
// A hundred and a thousand (and every larger scale) always carry their
// count, "bir ýüz", "bir müň", as the DOMAIN example "bir müň bir ýüz elli"
// does and as documents do so that nothing can be written in front. A noun
// after a number stays singular ("bäş manat"), so each unit has one form.
// The choices marked "review:" in tk.go (and one in ru.go) are for a native
// speaker to confirm.
//
// # Russian
//
// Numerals agree in gender with the noun that follows: один/два before a
// masculine noun (манат, рубль, доллар, юань, миллион, миллиард), одна/две
// before a feminine one (тысяча, копейка, лира, иена). The noun takes one
// of three forms chosen by the last two digits of the number: 11–14 take
// the genitive plural (одиннадцать манатов); otherwise a last digit of 1
// takes the nominative singular (двадцать один манат), 2–4 the genitive
// singular (два маната), and 0 or 5–9 the genitive plural (пять манатов).
// The same rule picks the form of тысяча, миллион ... and of the minor unit
// after its digits (01 копейка, 02 копейки, 00 копеек). Тенге and евро do not
// decline. A thousand is written with its count, "одна тысяча", as in the
// DOMAIN example and in 1C; a hundred is "сто", as Russian has it.
//
// # English
//
// Hasap writes numbers the American way: no "and" inside a number ("one
// hundred fifty", not the British "one hundred and fifty"), tens and units
// hyphenated from 21 to 99 ("twenty-one"), the short scale (billion =
// 10^9). Between the major and the minor part there is no "and" either
// (US cheques write "and 00/100"; Hasap keeps the shape of the Turkmen and
// Russian lines and of the DOMAIN example, "one thousand one hundred fifty
// manat 00 tenge"), so one template fits all three languages. Units take an
// English plural where English has one: US dollars, cents, euros (general
// usage; EU legislative texts write "euro"), rubles, kopecks, dinars.
// Manat, tenge, tiyn, yuan, fen, lira, kuruş, yen and fils are used
// invariably in English ("5 manat", "100 tenge"). Exactly one takes the
// singular: "one US dollar 01 cent".
//
// # Range
//
// Major units are written up to 999 999 999 999 999 999 (quadrillions),
// which covers every int64 amount of a currency with two or more decimals
// (at most 92 233 720 368 547 758.07). For a currency without decimals
// (JPY) an amount of 10^18 or more is refused with an error rather than
// written in words nobody prints.
//
// # Imports
//
// The package does no I/O and imports only the standard library, hasap/money
// (for currencies and exponents) and hasap/ledger (for its error codes,
// whose messages package i18n translates).
package inwords
