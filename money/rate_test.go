package money

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

var (
	usd = MustLookup("USD")
	tmt = MustLookup("TMT")
	jpy = MustLookup("JPY")
	kwd = MustLookup("KWD")
)

func TestParseRate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"3.5", "3.5"},
		{"3,5", "3.5"},
		{" 3.50 ", "3.5"},
		{"+3.5", "3.5"},
		{"3", "3"},
		{"3.000", "3"},
		{"0.0452", "0.0452"},
		{"150.25", "150.25"},
		{"1.000000000000000", "1"},
		{"0.000000000001", "0.000000000001"},
		{"0.0000000000010", "0.000000000001"},
		{"9223372036854775807", "9223372036854775807"},
		{"9223372.036854775807", "9223372.036854775807"},
	} {
		r, err := ParseRate(c.in)
		if err != nil || r.String() != c.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %s", c.in, r, err, c.want)
		}
		if r2 := MustRate(c.want); r2 != r {
			t.Errorf("MustRate(%q) = %#v; ParseRate(%q) = %#v: equal rates differ", c.want, r2, c.in, r)
		}
	}
	for _, in := range []string{
		"", " ", "0", "0.000", "-3.5", "-0", "abc", "3.5.1", "1e3", "3,5,0", "3.5 TMT",
		"0.0000000000001", "92233720368547758.08", "9223372036854775808", ".", ",",
	} {
		if r, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) = %v; want an error", in, r)
		}
	}
	if _, err := ParseRate("0.0000000000001"); !errors.Is(err, ErrPrecision) {
		t.Errorf("ParseRate with 13 decimals: %v; want ErrPrecision", err)
	}
}

func TestMustRatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustRate(\"x\") did not panic")
		}
	}()
	MustRate("x")
}

func TestConvert(t *testing.T) {
	for _, c := range []struct {
		rate     string
		a        Amount
		from, to Currency
		want     Amount
	}{
		{"3.5", 10000, usd, tmt, 35000},   // 100.00 USD → 350.00 TMT
		{"3.5", 1, usd, tmt, 4},           // 0.01 → 0.035 → 0.04, half away from zero
		{"3.5", -1, usd, tmt, -4},         // -0.035 → -0.04
		{"3.5", 3, usd, tmt, 11},          // 0.105 → 0.11
		{"3.5", -3, usd, tmt, -11},        // -0.105 → -0.11
		{"3.5", 2, usd, tmt, 7},           // exact
		{"3.49", 1, usd, tmt, 3},          // 0.0349 → 0.03
		{"3.49", -1, usd, tmt, -3},        // -0.0349 → -0.03
		{"3.51", -1, usd, tmt, -4},        // -0.0351 → -0.04
		{"3.5", 0, usd, tmt, 0},           // zero stays zero
		{"0.0235", 1000, jpy, tmt, 2350},  // 1000 JPY → 23.50 TMT
		{"0.0235", 1, jpy, tmt, 2},        // 1 JPY → 0.0235 → 0.02
		{"0.025", 1, jpy, tmt, 3},         // 1 JPY → 0.025 → 0.03
		{"0.025", -1, jpy, tmt, -3},       // → -0.03
		{"0.0877", 10000, tmt, kwd, 8770}, // 100.00 TMT → 8.770 KWD
		{"0.0877", 1, tmt, kwd, 1},        // 0.01 TMT → 0.000877 → 0.001
		{"0.0877", -1, tmt, kwd, -1},
		{"0.05", 1, tmt, kwd, 1},     // 0.0005 → 0.001
		{"0.04", 1, tmt, kwd, 0},     // 0.0004 → 0.000
		{"500", 1234, kwd, jpy, 617}, // 1.234 KWD → 617 JPY
		{"500", 1, kwd, jpy, 1},      // 0.001 KWD → 0.5 JPY → 1
		{"500", -1, kwd, jpy, -1},    // → -1
		{"150.5", 1, usd, jpy, 2},    // 0.01 USD → 1.505 JPY → 2
		{"1", maxA, usd, usd, maxA},  // identity at the limits
		{"1", minA, usd, usd, minA},  // identity at the limits
		{"0.5", maxA, usd, usd, maxA/2 + 1},
		{"0.5", minA, usd, usd, minA / 2},
	} {
		got, err := MustRate(c.rate).Convert(c.a, c.from, c.to)
		if err != nil || got != c.want {
			t.Errorf("%s at %s: Convert(%d %s → %s) = %d, %v; want %d", c.from, c.rate, c.a, c.from, c.to, got, err, c.want)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	if got, err := (Rate{}).Convert(100, usd, tmt); err == nil {
		t.Errorf("zero rate: Convert = %d; want an error", got)
	}
	for _, c := range []struct {
		rate     string
		a        Amount
		from, to Currency
	}{
		{"2", maxA, usd, tmt},
		{"2", minA, usd, tmt},
		{"1", maxA, tmt, kwd}, // one more decimal in the target
		{"1", minA, tmt, kwd},
		{"1", maxA/1000 + 1, jpy, kwd},
		{"9223372036854775807", 2, jpy, jpy},
	} {
		if got, err := MustRate(c.rate).Convert(c.a, c.from, c.to); !errors.Is(err, ErrOverflow) {
			t.Errorf("Convert(%d %s → %s at %s) = %d, %v; want ErrOverflow", c.a, c.from, c.to, c.rate, got, err)
		}
	}
}

func TestRateOf(t *testing.T) {
	for _, c := range []struct {
		base    Amount
		baseCur Currency
		foreign Amount
		fCur    Currency
		want    string
	}{
		{35000, tmt, 10000, usd, "3.5"},
		{-35000, tmt, -10000, usd, "3.5"},
		{2350, tmt, 1000, jpy, "0.0235"},
		{8770, kwd, 10000, tmt, "0.0877"},
		{617, jpy, 1234, kwd, "500"},
		{1, tmt, 3, usd, "0.333333333333"},
		{2, tmt, 3, usd, "0.666666666667"}, // rounded half away from zero at 12 decimals
		{-2, tmt, -3, usd, "0.666666666667"},
		{1, usd, 1, usd, "1"},
		{maxA, tmt, maxA, usd, "1"},
		{minA, tmt, minA, usd, "1"},
		{1, tmt, 2000000000000, usd, "0.000000000001"}, // 0.5e-12 rounds up
	} {
		r, err := RateOf(c.base, c.baseCur, c.foreign, c.fCur)
		if err != nil || r.String() != c.want {
			t.Errorf("RateOf(%d %s, %d %s) = %v, %v; want %s", c.base, c.baseCur, c.foreign, c.fCur, r, err, c.want)
			continue
		}
		if r != MustRate(c.want) {
			t.Errorf("RateOf(%d %s, %d %s) = %#v, not normalized like ParseRate", c.base, c.baseCur, c.foreign, c.fCur, r)
		}
	}
	for _, c := range []struct {
		base, foreign Amount
	}{
		{0, 100}, {100, 0}, {0, 0}, {100, -100}, {-100, 100},
		{1, 2000000000001},    // rounds to a zero rate
		{maxA, 1}, {minA, -1}, // too large a rate
	} {
		if r, err := RateOf(c.base, tmt, c.foreign, usd); err == nil {
			t.Errorf("RateOf(%d, %d) = %v; want an error", c.base, c.foreign, r)
		}
	}
}

// TestRateOfConvert checks that an exact rate implied by a payment converts
// the foreign amount back to the base amount paid.
func TestRateOfConvert(t *testing.T) {
	for _, c := range []struct {
		base    Amount
		bc      Currency
		foreign Amount
		fc      Currency
	}{
		{35000, tmt, 10000, usd}, {2350, tmt, 1000, jpy}, {8770, kwd, 10000, tmt}, {-123456, tmt, -1000, usd},
	} {
		r, err := RateOf(c.base, c.bc, c.foreign, c.fc)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := r.Convert(c.foreign, c.fc, c.bc); err != nil || got != c.base {
			t.Errorf("%d %s at RateOf = %s → %d, %v; want %d", c.foreign, c.fc, r, got, err, c.base)
		}
	}
}

func TestRateJSON(t *testing.T) {
	b, err := json.Marshal(MustRate("3.5"))
	if err != nil || string(b) != `"3.5"` {
		t.Fatalf("Marshal(3.5) = %s, %v", b, err)
	}
	var r Rate
	if err := json.Unmarshal([]byte(`"0.0452"`), &r); err != nil || r != MustRate("0.0452") {
		t.Errorf("Unmarshal(0.0452) = %v, %v", r, err)
	}
	for _, in := range []string{`3.5`, `"abc"`, `"-1"`, `"0.0000000000001"`, `{}`, `"3.5`} {
		if err := json.Unmarshal([]byte(in), &r); err == nil {
			t.Errorf("Unmarshal(%s) = %v; want an error", in, r)
		}
	}

	// The zero Rate (no rate) survives a round trip, and null leaves a rate as it is.
	type quote struct {
		Rate Rate `json:"rate"`
	}
	b, err = json.Marshal(quote{})
	if err != nil {
		t.Fatal(err)
	}
	q := quote{Rate: MustRate("2")}
	if err := json.Unmarshal(b, &q); err != nil || !q.Rate.IsZero() {
		t.Errorf("Unmarshal(%s) = %v, %v; want the zero Rate", b, q.Rate, err)
	}
	q = quote{Rate: MustRate("2")}
	if err := json.Unmarshal([]byte(`{"rate":null}`), &q); err != nil || q.Rate != MustRate("2") {
		t.Errorf("Unmarshal(null) = %v, %v; want the rate unchanged", q.Rate, err)
	}
	if s := (Rate{}).String(); s != "0" {
		t.Errorf("zero Rate String = %q", s)
	}
}

func FuzzParseRate(f *testing.F) {
	// Seeds are in testdata/fuzz/<name>/.
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r.IsZero() || r.mantissa <= 0 || r.scale < 0 || r.scale > MaxRateScale {
			t.Fatalf("ParseRate(%q) = %#v: not a positive rate within MaxRateScale", s, r)
		}
		str := r.String()
		if strings.Contains(str, ".") && strings.HasSuffix(str, "0") {
			t.Fatalf("ParseRate(%q).String() = %q has trailing zeros", s, str)
		}
		if r2, err := ParseRate(str); err != nil || r2 != r {
			t.Fatalf("ParseRate(%q) = %#v; ParseRate(%q) = %#v, %v", s, r, str, r2, err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var r3 Rate
		if err := json.Unmarshal(b, &r3); err != nil || r3 != r {
			t.Fatalf("JSON round trip of %s = %#v, %v", b, r3, err)
		}
	})
}
