package money

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"hasap/internal/archtest"
)

func TestCurrencyTable(t *testing.T) {
	numerics := map[int]string{}
	for code, c := range currencies {
		if c.Code != code || len(code) != 3 || strings.ToUpper(code) != code {
			t.Errorf("currency %q has code %q", code, c.Code)
		}
		if c.Exponent < 0 || c.Exponent > 3 {
			t.Errorf("%s: exponent %d", code, c.Exponent)
		}
		if other, dup := numerics[c.Numeric]; dup || c.Numeric <= 0 || c.Numeric > 999 {
			t.Errorf("%s: numeric %d (also %s)", code, c.Numeric, other)
		}
		numerics[c.Numeric] = code
	}
	for code, exp := range map[string]int{"JPY": 0, "KRW": 0, "TMT": 2, "USD": 2, "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3} {
		if got := MustLookup(code).Exponent; got != exp {
			t.Errorf("%s exponent = %d; want %d", code, got, exp)
		}
	}
	if c := MustLookup("TMT"); c.Numeric != 934 || c.String() != "TMT" {
		t.Errorf("TMT = %+v", c)
	}
}

func TestLookup(t *testing.T) {
	for _, in := range []string{"TMT", "tmt", " Tmt "} {
		if c, err := Lookup(in); err != nil || c.Code != "TMT" {
			t.Errorf("Lookup(%q) = %v, %v", in, c, err)
		}
	}
	for _, in := range []string{"", "XXX", "US", "USDD", "$"} {
		if c, err := Lookup(in); !errors.Is(err, ErrUnknownCurrency) {
			t.Errorf("Lookup(%q) = %v, %v; want ErrUnknownCurrency", in, c, err)
		}
	}
	codes := Codes()
	if len(codes) != len(currencies) || !slices.IsSorted(codes) || !slices.Contains(codes, "TMT") {
		t.Errorf("Codes() = %v", codes)
	}
}

func TestMustLookupPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustLookup(\"XXX\") did not panic")
		}
	}()
	MustLookup("XXX")
}

func TestFromSymbol(t *testing.T) {
	for in, want := range map[string]string{
		"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "руб.": "RUB", "¥": "JPY",
		"CN¥": "CNY", "₺": "TRY", "₸": "KZT", "m": "TMT", "manat": "TMT", "TMT": "TMT", "kwd": "KWD",
	} {
		if c, err := FromSymbol(in); err != nil || c.Code != want {
			t.Errorf("FromSymbol(%q) = %v, %v; want %s", in, c, err, want)
		}
	}
	for code := range symbols {
		if _, ok := currencies[symbols[code]]; !ok {
			t.Errorf("symbol %q maps to unknown %q", code, symbols[code])
		}
	}
	if _, err := FromSymbol("₿"); !errors.Is(err, ErrUnknownCurrency) {
		t.Errorf("FromSymbol(₿): %v", err)
	}
}

func TestMoneyString(t *testing.T) {
	for _, c := range []struct {
		m           Money
		str, ru, en string
	}{
		{New(115000, tmt), "1150.00 TMT", "1 150,00 TMT", "1,150.00 TMT"},
		{New(-1500, jpy), "-1500 JPY", "-1 500 JPY", "-1,500 JPY"},
		{New(1234567, kwd), "1234.567 KWD", "1 234,567 KWD", "1,234.567 KWD"},
	} {
		if got := c.m.String(); got != c.str {
			t.Errorf("String() = %q; want %q", got, c.str)
		}
		if got := c.m.Format(Russian); got != c.ru {
			t.Errorf("Format(ru) = %q; want %q", got, c.ru)
		}
		if got := c.m.Format(English); got != c.en {
			t.Errorf("Format(en) = %q; want %q", got, c.en)
		}
	}
}

func TestMoneyJSON(t *testing.T) {
	for _, c := range []struct {
		m    Money
		json string
	}{
		{New(115000, tmt), `{"amount":"1150.00","currency":"TMT"}`},
		{New(-5, usd), `{"amount":"-0.05","currency":"USD"}`},
		{New(0, jpy), `{"amount":"0","currency":"JPY"}`},
		{New(1, kwd), `{"amount":"0.001","currency":"KWD"}`},
		{New(maxA, usd), `{"amount":"92233720368547758.07","currency":"USD"}`},
		{New(minA, kwd), `{"amount":"-9223372036854775.808","currency":"KWD"}`},
	} {
		b, err := json.Marshal(c.m)
		if err != nil || string(b) != c.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", c.m, b, err, c.json)
		}
		var m Money
		if err := json.Unmarshal([]byte(c.json), &m); err != nil || m != c.m {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", c.json, m, err, c.m)
		}
	}

	// Accepted spellings that are not canonical.
	for in, want := range map[string]Money{
		`{"amount":"1150.5","currency":"TMT"}`:   New(115050, tmt),
		`{"amount":"1150.500","currency":"tmt"}`: New(115050, tmt),
		`{"currency":"JPY","amount":"12"}`:       New(12, jpy),
	} {
		var m Money
		if err := json.Unmarshal([]byte(in), &m); err != nil || m != want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", in, m, err, want)
		}
	}

	for _, c := range []struct {
		in   string
		want error // nil: any error
	}{
		{`{"amount":1150.00,"currency":"TMT"}`, nil}, // a JSON number
		{`{"amount":115000,"currency":"TMT"}`, nil},
		{`{"amount":"1150.005","currency":"TMT"}`, ErrPrecision},
		{`{"amount":"1.5","currency":"JPY"}`, ErrPrecision},
		{`{"amount":"0.0001","currency":"KWD"}`, ErrPrecision},
		{`{"amount":"1 150,00","currency":"TMT"}`, ErrSyntax},
		{`{"amount":"","currency":"TMT"}`, ErrSyntax},
		{`{"currency":"TMT"}`, ErrSyntax},
		{`{"amount":"1e3","currency":"TMT"}`, ErrSyntax},
		{`{"amount":"92233720368547758.08","currency":"USD"}`, ErrOverflow},
		{`{"amount":"1.00","currency":"XXX"}`, ErrUnknownCurrency},
		{`{"amount":"1.00"}`, ErrUnknownCurrency},
		{`"1150.00 TMT"`, nil},
		{`[]`, nil},
	} {
		var m Money
		err := json.Unmarshal([]byte(c.in), &m)
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("Unmarshal(%s) = %v, %v; want error %v", c.in, m, err, c.want)
		}
	}

	// null leaves a Money as it is, as encoding/json does for its own types.
	m := New(100, usd)
	if err := json.Unmarshal([]byte(`null`), &m); err != nil || m != New(100, usd) {
		t.Errorf("Unmarshal(null) = %v, %v; want it unchanged", m, err)
	}
}

// TestImportsStandardLibraryOnly keeps the package free of stores, SQL, HTTP
// and third-party code, as the package doc promises.
func TestImportsStandardLibraryOnly(t *testing.T) {
	for name, paths := range archtest.Imports(t) {
		for _, path := range paths {
			first, _, _ := strings.Cut(path, "/")
			if strings.Contains(first, ".") || first == "hasap" || path == "database/sql" || strings.HasPrefix(path, "net") || path == "os" {
				t.Errorf("%s imports %q", name, path)
			}
		}
	}
}
