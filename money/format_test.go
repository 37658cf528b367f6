package money

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var locales = []Locale{Turkmen, Russian, English}

func TestDecimalAndFormat(t *testing.T) {
	for _, c := range []struct {
		a           Amount
		exp         int
		dec, ru, en string
	}{
		{0, 0, "0", "0", "0"},
		{0, 2, "0.00", "0,00", "0.00"},
		{0, 3, "0.000", "0,000", "0.000"},
		{5, 2, "0.05", "0,05", "0.05"},
		{-5, 2, "-0.05", "-0,05", "-0.05"},
		{-5, 3, "-0.005", "-0,005", "-0.005"},
		{115000, 2, "1150.00", "1 150,00", "1,150.00"},
		{-115000, 2, "-1150.00", "-1 150,00", "-1,150.00"},
		{115000, 0, "115000", "115 000", "115,000"},
		{115000, 3, "115.000", "115,000", "115.000"},
		{1150001, 3, "1150.001", "1 150,001", "1,150.001"},
		{999, 0, "999", "999", "999"},
		{1000, 0, "1000", "1 000", "1,000"},
		{-1000, 0, "-1000", "-1 000", "-1,000"},
		{123456789, 2, "1234567.89", "1 234 567,89", "1,234,567.89"},
		{maxA, 0, "9223372036854775807", "9 223 372 036 854 775 807", "9,223,372,036,854,775,807"},
		{maxA, 2, "92233720368547758.07", "92 233 720 368 547 758,07", "92,233,720,368,547,758.07"},
		{minA, 0, "-9223372036854775808", "-9 223 372 036 854 775 808", "-9,223,372,036,854,775,808"},
		{minA, 2, "-92233720368547758.08", "-92 233 720 368 547 758,08", "-92,233,720,368,547,758.08"},
		{minA, 3, "-9223372036854775.808", "-9 223 372 036 854 775,808", "-9,223,372,036,854,775.808"},
		{minA, 18, "-9.223372036854775808", "-9,223372036854775808", "-9.223372036854775808"},
		{1, 18, "0.000000000000000001", "0,000000000000000001", "0.000000000000000001"},
		{1, 19, "0.0000000000000000001", "0,0000000000000000001", "0.0000000000000000001"},
		{minA, 20, "-0.09223372036854775808", "-0,09223372036854775808", "-0.09223372036854775808"},
	} {
		if got := Decimal(c.a, c.exp); got != c.dec {
			t.Errorf("Decimal(%d, %d) = %q; want %q", c.a, c.exp, got, c.dec)
		}
		if got := string(AppendDecimal([]byte("x="), c.a, c.exp)); got != "x="+c.dec {
			t.Errorf("AppendDecimal(x=, %d, %d) = %q; want %q", c.a, c.exp, got, "x="+c.dec)
		}
		for _, lc := range []struct {
			loc  Locale
			want string
		}{{Turkmen, c.ru}, {Russian, c.ru}, {English, c.en}} {
			if got := Format(c.a, c.exp, lc.loc); got != lc.want {
				t.Errorf("Format(%d, %d, %s) = %q; want %q", c.a, c.exp, lc.loc, got, lc.want)
			}
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct {
		s    string
		exp  int
		want Amount
		err  error
	}{
		{"0", 2, 0, nil},
		{"-0", 2, 0, nil},
		{"12", 2, 1200, nil},
		{"+3.25", 2, 325, nil},
		{"-1150.5", 2, -115050, nil},
		{"-1150.50", 2, -115050, nil},
		{"1.2300", 2, 123, nil}, // extra zeros are not extra precision
		{".5", 2, 50, nil},
		{"5.", 2, 500, nil},
		{"007.10", 2, 710, nil},
		{"12", 0, 12, nil},
		{"12.0", 0, 12, nil},
		{"1.234", 3, 1234, nil},
		{"92233720368547758.07", 2, maxA, nil},
		{"-92233720368547758.08", 2, minA, nil},
		{"9223372036854775807", 0, maxA, nil},
		{"-9223372036854775808", 0, minA, nil},
		{"0.000000000000000001", 18, 1, nil},
		{"92233720368547758.08", 2, 0, ErrOverflow},
		{"-92233720368547758.09", 2, 0, ErrOverflow},
		{"9223372036854775808", 0, 0, ErrOverflow},
		{"18446744073709551616", 0, 0, ErrOverflow}, // 2^64 wraps a uint64
		{"18446744073709551615", 0, 0, ErrOverflow},
		{"99999999999999999999999", 0, 0, ErrOverflow},
		{"1.005", 2, 0, ErrPrecision},
		{"0.1", 0, 0, ErrPrecision},
		{"1.0001", 3, 0, ErrPrecision},
		{"", 2, 0, ErrSyntax},
		{"-", 2, 0, ErrSyntax},
		{"+", 2, 0, ErrSyntax},
		{".", 2, 0, ErrSyntax},
		{"-.", 2, 0, ErrSyntax},
		{"--1", 2, 0, ErrSyntax},
		{"+-1", 2, 0, ErrSyntax},
		{"1.2.3", 2, 0, ErrSyntax},
		{"1,5", 2, 0, ErrSyntax},
		{"1 000", 2, 0, ErrSyntax},
		{" 1", 2, 0, ErrSyntax},
		{"1e3", 2, 0, ErrSyntax},
		{"0x10", 2, 0, ErrSyntax},
		{"١٢", 2, 0, ErrSyntax}, // Arabic-Indic digits
		{"NaN", 2, 0, ErrSyntax},
		{"1", -1, 0, ErrSyntax},
		{"1", 19, 0, ErrSyntax},
	} {
		got, err := ParseDecimal(c.s, c.exp)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("ParseDecimal(%q, %d) = %d, %v; want %v", c.s, c.exp, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseDecimal(%q, %d) = %d, %v; want %d", c.s, c.exp, got, err, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	const nbsp, nnbsp, thin = "\u00a0", "\u202f", "\u2009"
	for _, c := range []struct {
		s    string
		exp  int
		loc  Locale
		want Amount
		err  error
	}{
		// Turkmen and Russian: space groups, comma decimals.
		{"1 150,00", 2, Turkmen, 115000, nil},
		{"1 150,00", 2, Russian, 115000, nil},
		{"1" + nbsp + "150,00", 2, Russian, 115000, nil},
		{"1" + nnbsp + "150,00", 2, Russian, 115000, nil},
		{"1" + thin + "150,00", 2, Turkmen, 115000, nil},
		{"1'150,00", 2, Russian, 115000, nil},
		{"  1 150,5  ", 2, Russian, 115050, nil},
		{"-1 150,00", 2, Russian, -115000, nil},
		{"−1 150,00", 2, Russian, -115000, nil}, // U+2212 minus sign
		{"- 1 150,00", 2, Russian, -115000, nil},
		{"+1 150", 2, Turkmen, 115000, nil},
		{"1150", 2, Turkmen, 115000, nil},
		{"1150.25", 2, Russian, 115025, nil}, // a lone period is a decimal mark too
		{"12 345 678,9", 2, Russian, 1234567890, nil},
		{"1 150", 0, Russian, 1150, nil},
		{"1 150,123", 3, Turkmen, 1150123, nil},
		{",5", 2, Russian, 50, nil},
		{"9 223 372 036 854 775 807", 0, Russian, maxA, nil},
		{"-92 233 720 368 547 758,08", 2, Russian, minA, nil},
		{"1 150,005", 2, Russian, 0, ErrPrecision},
		{"0,5", 0, Turkmen, 0, ErrPrecision},
		{"1,150.00", 2, Russian, 0, ErrSyntax},   // both marks
		{"1.150,00", 2, Russian, 0, ErrSyntax},   // both marks
		{"1,150,00", 2, Russian, 0, ErrSyntax},   // two decimal commas
		{"1.150.00", 2, Turkmen, 0, ErrSyntax},   // two decimal periods
		{"1 15,00", 2, Russian, 0, ErrSyntax},    // bad group size
		{"11 5000,00", 2, Russian, 0, ErrSyntax}, // bad group size
		{"1234 567", 0, Russian, 0, ErrSyntax},   // first group too long
		{"1  150", 0, Russian, 0, ErrSyntax},     // empty group
		{"1 150 ,00", 2, Russian, 0, ErrSyntax},  // group mark before the decimal mark
		{"0,12 5", 3, Russian, 0, ErrSyntax},     // group mark in the decimals
		{"1 150,0 0", 2, Russian, 0, ErrSyntax},
		{"-", 2, Russian, 0, ErrSyntax},
		{"", 2, Russian, 0, ErrSyntax},
		{"   ", 2, Russian, 0, ErrSyntax},
		{"abc", 2, Russian, 0, ErrSyntax},
		{"12 manat", 2, Turkmen, 0, ErrSyntax},
		{"1\t150", 0, Russian, 0, ErrSyntax},
		{"1_150", 0, Russian, 0, ErrSyntax},
		{"1" + nbsp + "1", 0, Russian, 0, ErrSyntax},
		{"5−", 2, Russian, 0, ErrSyntax},
		{"1 150", 19, Russian, 0, ErrSyntax},
		{"92 233 720 368 547 758,08", 2, Russian, 0, ErrOverflow},

		// English: comma groups, period decimals.
		{"1,150.00", 2, English, 115000, nil},
		{"1 150.00", 2, English, 115000, nil},
		{"1" + nbsp + "150.00", 2, English, 115000, nil},
		{"1'150.00", 2, English, 115000, nil},
		{"-1,150.00", 2, English, -115000, nil},
		{"+1,150", 2, English, 115000, nil},
		{"1,234,567.89", 2, English, 123456789, nil},
		{"1,150", 2, English, 115000, nil}, // a comma is never a decimal mark in en
		{"1150", 0, English, 1150, nil},
		{".25", 2, English, 25, nil},
		{"9,223,372,036,854,775,807", 0, English, maxA, nil},
		{"-9,223,372,036,854,775,808", 0, English, minA, nil},
		{"1,150.005", 2, English, 0, ErrPrecision},
		{"1,15.00", 2, English, 0, ErrSyntax},   // bad group size
		{"1,5", 2, English, 0, ErrSyntax},       // comma as decimal mark
		{"1,50", 2, English, 0, ErrSyntax},      // comma as decimal mark
		{"1234,567", 0, English, 0, ErrSyntax},  // first group too long
		{",150", 0, English, 0, ErrSyntax},      // empty first group
		{"1,,150", 0, English, 0, ErrSyntax},    // empty group
		{"1,150,", 0, English, 0, ErrSyntax},    // trailing comma
		{"1.000,5", 4, English, 0, ErrSyntax},   // comma in the decimals
		{"0.1,5", 2, English, 0, ErrSyntax},     // comma in the decimals
		{"1.150.00", 2, English, 0, ErrSyntax},  // two periods
		{"1,150.00.", 2, English, 0, ErrSyntax}, // two periods
		{"1.5e3", 2, English, 0, ErrSyntax},
		{"$100", 2, English, 0, ErrSyntax},
		{"9,223,372,036,854,775,808", 0, English, 0, ErrOverflow},
	} {
		got, err := Parse(c.s, c.exp, c.loc)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("Parse(%q, %d, %s) = %d, %v; want %v", c.s, c.exp, c.loc, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q, %d, %s) = %d, %v; want %d", c.s, c.exp, c.loc, got, err, c.want)
		}
	}
}

// TestFormatParseRoundTrip checks Parse(Format(a)) == a and
// ParseDecimal(Decimal(a)) == a for every locale and exponent.
func TestFormatParseRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 100000 {
		a := randAmount(r)
		exp := i % 19
		if got, err := ParseDecimal(Decimal(a, exp), exp); err != nil || got != a {
			t.Fatalf("ParseDecimal(Decimal(%d, %d) = %q) = %d, %v", a, exp, Decimal(a, exp), got, err)
		}
		for _, loc := range locales {
			s := Format(a, exp, loc)
			if got, err := Parse(s, exp, loc); err != nil || got != a {
				t.Fatalf("Parse(Format(%d, %d, %s) = %q) = %d, %v", a, exp, loc, s, got, err)
			}
		}
	}
}

// grammar is what Parse should accept in each locale, written independently
// of it as a regular expression over the trimmed input: a sign, a whole part
// either ungrouped or in groups of three, and decimals after the mark.
var grammar = map[Locale]*regexp.Regexp{
	Russian: regexp.MustCompile(`^[-+−][ \x{a0}\x{202f}\x{2009}]*(?:\d{1,3}(?:[ \x{a0}\x{202f}\x{2009}']\d{3})+|\d*)(?:[,.]\d*)?$|` +
		`^(?:\d{1,3}(?:[ \x{a0}\x{202f}\x{2009}']\d{3})+|\d*)(?:[,.]\d*)?$`),
	English: regexp.MustCompile(`^[-+−][ \x{a0}\x{202f}\x{2009}]*(?:\d{1,3}(?:[ \x{a0}\x{202f}\x{2009}',]\d{3})+|\d*)(?:\.\d*)?$|` +
		`^(?:\d{1,3}(?:[ \x{a0}\x{202f}\x{2009}',]\d{3})+|\d*)(?:\.\d*)?$`),
}

func init() { grammar[Turkmen] = grammar[Russian] }

// checkParse is the property FuzzParse checks for one input: Parse never
// panics, it accepts what the locale's grammar allows (unless the amount is
// out of range or too precise) and nothing else, and whatever it accepts
// formats back to a string it reads the same.
func checkParse(t *testing.T, s string, exp int, loc Locale) {
	a, err := Parse(s, exp, loc)
	trimmed := strings.TrimSpace(s)
	valid := grammar[loc].MatchString(trimmed) && strings.ContainsAny(trimmed, "0123456789") && exp <= 18
	if err != nil {
		if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrPrecision) && !errors.Is(err, ErrOverflow) {
			t.Fatalf("Parse(%q, %d, %s): error %v wraps none of the package errors", s, exp, loc, err)
		}
		if valid && errors.Is(err, ErrSyntax) {
			t.Fatalf("Parse(%q, %d, %s) = %v; the %s grammar allows it", s, exp, loc, err, loc)
		}
		return
	}
	if !valid {
		t.Fatalf("Parse(%q, %d, %s) = %d; the %s grammar does not allow it", s, exp, loc, a, loc)
	}
	for _, l := range locales {
		f := Format(a, exp, l)
		if b, err := Parse(f, exp, l); err != nil || b != a {
			t.Fatalf("Parse(%q, %d, %s) = %d; Parse(Format = %q, %s) = %d, %v", s, exp, loc, a, f, l, b, err)
		}
	}
	if b, err := ParseDecimal(Decimal(a, exp), exp); err != nil || b != a {
		t.Fatalf("Parse(%q, %d, %s) = %d; ParseDecimal(Decimal) = %d, %v", s, exp, loc, a, b, err)
	}
}

func FuzzParse(f *testing.F) {
	// Seeds are in testdata/fuzz/<name>/.
	f.Fuzz(func(t *testing.T, s string, exp, loc uint8) {
		checkParse(t, s, int(exp%20), locales[int(loc)%len(locales)])
	})
}

func FuzzParseDecimal(f *testing.F) {
	// Seeds are in testdata/fuzz/<name>/.
	f.Fuzz(func(t *testing.T, s string, exp uint8) {
		e := int(exp % 20)
		a, err := ParseDecimal(s, e)
		if err != nil {
			return
		}
		// What ParseDecimal accepts is only digits, one point and a sign,
		// and it writes back canonically to the same amount.
		if strings.Trim(s, "+-.0123456789") != "" {
			t.Fatalf("ParseDecimal(%q, %d) accepted a stray character", s, e)
		}
		d := Decimal(a, e)
		if b, err := ParseDecimal(d, e); err != nil || b != a {
			t.Fatalf("ParseDecimal(%q, %d) = %d; ParseDecimal(%q) = %d, %v", s, e, a, d, b, err)
		}
		if b, err := Parse(s, e, English); err != nil || b != a {
			t.Fatalf("ParseDecimal(%q, %d) = %d but Parse en = %d, %v", s, e, a, b, err)
		}
	})
}
