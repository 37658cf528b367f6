package statement

import (
	"math/big"

	"hasap/money"
)

// Difference is cur − prev, and false when it does not fit an amount.
func Difference(cur, prev money.Amount) (money.Amount, bool) {
	d, err := money.Sub(cur, prev)
	return d, err == nil
}

// ChangeTenths is the change from prev to cur in tenths of a percent,
// (cur − prev) / |prev| × 1000 rounded half away from zero: 1 100,00
// after 1 000,00 is 100 (10,0 %), −50 after 100 is −1500 (−150,0 %), 0
// after −200 is 1000 (+100,0 %: the loss is gone). It is false when prev
// is zero (no percent of nothing) or the change does not fit an amount.
// Exact: the quotient is taken on integers, never through a float.
func ChangeTenths(cur, prev money.Amount) (money.Amount, bool) {
	if prev == 0 {
		return 0, false
	}
	num := new(big.Int).Sub(big.NewInt(int64(cur)), big.NewInt(int64(prev)))
	num.Mul(num, big.NewInt(1000))
	den := new(big.Int).Abs(big.NewInt(int64(prev)))
	neg := num.Sign() < 0
	num.Abs(num)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		return 0, false
	}
	return money.Amount(q.Int64()), true
}
