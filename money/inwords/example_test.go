package inwords_test

import (
	"fmt"

	"hasap/money"
	"hasap/money/inwords"
)

// The DOMAIN examples: 1 150,00 manat in Turkmen, Russian and English.
func ExampleAmount() {
	a, _ := money.ParseDecimal("1150.00", 2)
	for _, lang := range []string{"tk", "ru", "en"} {
		s, err := inwords.Amount(a, "TMT", lang)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s)
	}
	// Output:
	// bir müň bir ýüz elli manat 00 teňňe
	// одна тысяча сто пятьдесят манатов 00 тенге
	// one thousand one hundred fifty manat 00 tenge
}

// Russian grammar: the kopeck and the thousand are feminine, and the form
// of a noun follows the last two digits of its number.
func ExampleAmount_russian() {
	for _, a := range []money.Amount{100101, 2200202, 1100011, -500} {
		s, _ := inwords.Amount(a, "RUB", "ru")
		fmt.Println(s)
	}
	// Output:
	// одна тысяча один рубль 01 копейка
	// двадцать две тысячи два рубля 02 копейки
	// одиннадцать тысяч рублей 11 копеек
	// минус пять рублей 00 копеек
}

// A payment order starts the amount in words with a capital letter.
func ExampleCapitalize() {
	s, _ := inwords.Amount(100000000, "USD", "ru")
	fmt.Println(inwords.Capitalize(s))
	// Output:
	// Один миллион долларов США 00 центов
}

// A currency Hasap has no words for is invalid input.
func ExampleAmount_error() {
	_, err := inwords.Amount(100, "GBP", "en")
	fmt.Println(err)
	// Output:
	// no amount in words for currency GBP (known: CNY, EUR, JPY, KWD, KZT, RUB, TMT, TRY, USD)
}
