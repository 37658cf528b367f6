package money

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// MaxRateScale is the largest number of decimals a rate may carry.
const MaxRateScale = 12

// Rate is an exact decimal exchange rate: how many units (not minor units)
// of the base currency one unit of a foreign currency buys, e.g. 3.5 TMT per
// USD. It is stored as mantissa × 10^-scale.
//
// Rounding rule: Convert rounds the converted amount to the base currency's
// minor unit half away from zero (the commercial rounding CIS accountants and
// 1C use: 0.005 → 0.01, -0.005 → -0.01).
type Rate struct {
	mantissa int64
	scale    int
}

// ParseRate reads a positive decimal rate such as "3.5" or "0.0452".
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	_, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	scale := len(frac)
	if scale > MaxRateScale {
		return Rate{}, fmt.Errorf("rate %q: %w: more than %d", s, ErrPrecision, MaxRateScale)
	}
	m, err := ParseDecimal(s, scale)
	if err != nil {
		return Rate{}, fmt.Errorf("rate %q: %w", s, err)
	}
	if m <= 0 {
		return Rate{}, fmt.Errorf("rate %q: must be positive", s)
	}
	return Rate{mantissa: int64(m), scale: scale}, nil
}

// MustRate is ParseRate for literals; it panics on error.
func MustRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// IsZero reports whether r is the zero Rate (no rate).
func (r Rate) IsZero() bool { return r.mantissa == 0 }

// String writes the rate as a decimal, e.g. "3.5".
func (r Rate) String() string {
	if r.mantissa == 0 {
		return "0"
	}
	return Decimal(Amount(r.mantissa), r.scale)
}

// MarshalJSON writes the rate as a decimal string.
func (r Rate) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads a rate from a decimal string. "0", which MarshalJSON
// writes for the zero Rate, reads back as the zero Rate; null is a no-op.
func (r *Rate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("rate must be a decimal string: %w", err)
	}
	if s == "0" {
		*r = Rate{}
		return nil
	}
	v, err := ParseRate(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Convert turns an amount of the foreign currency from into the base
// currency to at rate r, rounding half away from zero to to's minor unit.
func (r Rate) Convert(a Amount, from, to Currency) (Amount, error) {
	if r.mantissa == 0 {
		return 0, fmt.Errorf("convert %s to %s: no rate", from.Code, to.Code)
	}
	// base = a × m × 10^(to.Exp) / (10^scale × 10^(from.Exp))
	num := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(r.mantissa))
	num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(to.Exponent)), nil))
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(r.scale+from.Exponent)), nil)
	b, err := roundDiv(num, den)
	if err != nil {
		return 0, fmt.Errorf("convert %s %s to %s at %s: %w", Decimal(a, from.Exponent), from.Code, to.Code, r, err)
	}
	return b, nil
}

// RateOf returns the exact rate implied by paying base for foreign, for
// example 350.00 TMT for 100.00 USD gives 3.5. Digits past MaxRateScale are
// rounded half away from zero.
func RateOf(base Amount, baseCur Currency, foreign Amount, foreignCur Currency) (Rate, error) {
	if foreign == 0 || base == 0 || (base < 0) != (foreign < 0) {
		return Rate{}, fmt.Errorf("no rate from %d %s for %d %s", base, baseCur.Code, foreign, foreignCur.Code)
	}
	// rate = base/10^bexp ÷ foreign/10^fexp, with MaxRateScale decimals
	num := new(big.Int).Mul(big.NewInt(int64(base)), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(MaxRateScale+foreignCur.Exponent)), nil))
	den := new(big.Int).Mul(big.NewInt(int64(foreign)), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(baseCur.Exponent)), nil))
	m, err := roundDiv(num, den)
	if err != nil || m <= 0 {
		return Rate{}, fmt.Errorf("rate of %d %s for %d %s out of range", base, baseCur.Code, foreign, foreignCur.Code)
	}
	r := Rate{mantissa: int64(m), scale: MaxRateScale}
	for r.scale > 0 && r.mantissa%10 == 0 {
		r.mantissa /= 10
		r.scale--
	}
	return r, nil
}

// roundDiv returns num/den rounded half away from zero, or ErrOverflow.
func roundDiv(num, den *big.Int) (Amount, error) {
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	twice := new(big.Int).Abs(rem)
	twice.Lsh(twice, 1)
	if twice.Cmp(new(big.Int).Abs(den)) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, ErrOverflow
	}
	return Amount(q.Int64()), nil
}
