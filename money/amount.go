package money

import (
	"errors"
	"math"
	"math/bits"
)

// Errors returned by the package. Callers match them with errors.Is.
var (
	ErrOverflow        = errors.New("amount out of range")
	ErrUnknownCurrency = errors.New("unknown currency")
	ErrSyntax          = errors.New("not a valid amount")
	ErrPrecision       = errors.New("too many decimal places")
)

// Amount is an exact count of a currency's minor units (tenge for TMT, cents
// for USD). Which currency is the caller's business; Money pairs the two.
type Amount int64

// MaxAmount is the largest representable amount.
const MaxAmount = Amount(math.MaxInt64)

// Add returns a+b, or ErrOverflow.
func Add(a, b Amount) (Amount, error) {
	c := a + b
	if (c > a) != (b > 0) {
		return 0, ErrOverflow
	}
	return c, nil
}

// Sub returns a-b, or ErrOverflow.
func Sub(a, b Amount) (Amount, error) {
	c := a - b
	if (c < a) != (b > 0) {
		return 0, ErrOverflow
	}
	return c, nil
}

// Neg returns -a, or ErrOverflow for the one value that has no negation.
func Neg(a Amount) (Amount, error) {
	if a == math.MinInt64 {
		return 0, ErrOverflow
	}
	return -a, nil
}

// Mul returns a*n, or ErrOverflow.
func Mul(a Amount, n int64) (Amount, error) {
	if a == 0 || n == 0 {
		return 0, nil
	}
	neg := (a < 0) != (n < 0)
	hi, lo := bits.Mul64(abs64(int64(a)), abs64(n))
	if hi != 0 {
		return 0, ErrOverflow
	}
	if neg {
		if lo > 1<<63 {
			return 0, ErrOverflow
		}
		return Amount(-int64(lo)), nil // lo == 1<<63 wraps to MinInt64, which is exact
	}
	if lo > math.MaxInt64 {
		return 0, ErrOverflow
	}
	return Amount(lo), nil
}

// Sum adds amounts, stopping at the first overflow.
func Sum(as ...Amount) (Amount, error) {
	var total Amount
	for _, a := range as {
		var err error
		if total, err = Add(total, a); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// Abs returns |a|, or ErrOverflow for the minimum value.
func Abs(a Amount) (Amount, error) {
	if a < 0 {
		return Neg(a)
	}
	return a, nil
}

func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1 // safe for MinInt64
	}
	return uint64(x)
}

// Prorate splits total into parts proportional to weights so that the parts
// add up to total exactly. Rounding is by largest remainder; ties go to the
// earlier part. Weights must be all of one sign (zeros allowed) and not all
// zero, or Prorate returns an error. It is used to split a currency amount or
// a quantity over several postings without losing a minor unit.
func Prorate(total Amount, weights []Amount) ([]Amount, error) {
	var wsum Amount
	var pos, neg bool
	for _, w := range weights {
		pos, neg = pos || w > 0, neg || w < 0
		var err error
		if wsum, err = Add(wsum, w); err != nil {
			return nil, err
		}
	}
	// Mixed signs would let a part's rounding go the wrong way: Prorate(1,
	// [-27 19 19 19]) gave [1 0 0 0], 1.9 away from the first share of -0.9.
	if pos && neg {
		return nil, errors.New("prorate: weights of both signs")
	}
	if wsum == 0 {
		return nil, errors.New("prorate: weights add up to zero")
	}
	out := make([]Amount, len(weights))
	rems := make([]uint64, len(weights))
	var assigned Amount
	for i, w := range weights {
		q, r, err := mulDiv(int64(total), int64(w), int64(wsum))
		if err != nil {
			return nil, err
		}
		out[i], rems[i] = Amount(q), r
		assigned += Amount(q)
	}
	left := total - assigned // |left| < len(weights)
	step := Amount(1)
	if left < 0 {
		step, left = -1, -left
	}
	for ; left > 0; left-- {
		best := -1
		for i := range rems {
			if rems[i] > 0 && (best < 0 || rems[i] > rems[best]) {
				best = i
			}
		}
		if best < 0 {
			return nil, errors.New("prorate: internal remainder error")
		}
		out[best] += step
		rems[best] = 0
	}
	return out, nil
}

// mulDiv returns the quotient of a*b/c truncated toward zero and the absolute
// remainder, with a 128-bit intermediate product.
func mulDiv(a, b, c int64) (int64, uint64, error) {
	neg := (a < 0) != (b < 0) != (c < 0)
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	uc := abs64(c)
	if hi >= uc {
		return 0, 0, ErrOverflow
	}
	q, r := bits.Div64(hi, lo, uc)
	if neg {
		if q > 1<<63 {
			return 0, 0, ErrOverflow
		}
		return -int64(q), r, nil // q == 1<<63 wraps to MinInt64, which is exact
	}
	if q > math.MaxInt64 {
		return 0, 0, ErrOverflow
	}
	return int64(q), r, nil
}
