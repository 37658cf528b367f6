package money

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

const (
	maxA = Amount(math.MaxInt64)
	minA = Amount(math.MinInt64)
)

// binCase is one row of a table for a checked binary operation: want is
// ignored when overflow is set.
type binCase struct {
	a, b     Amount
	want     Amount
	overflow bool
}

func checkBin(t *testing.T, name string, op func(a, b Amount) (Amount, error), cases []binCase) {
	t.Helper()
	for _, c := range cases {
		got, err := op(c.a, c.b)
		switch {
		case c.overflow && !errors.Is(err, ErrOverflow):
			t.Errorf("%s(%d, %d) = %d, %v; want ErrOverflow", name, c.a, c.b, got, err)
		case !c.overflow && (err != nil || got != c.want):
			t.Errorf("%s(%d, %d) = %d, %v; want %d", name, c.a, c.b, got, err, c.want)
		}
	}
}

func TestAdd(t *testing.T) {
	checkBin(t, "Add", Add, []binCase{
		{a: 0, b: 0, want: 0},
		{a: 1, b: 2, want: 3},
		{a: -1, b: 1, want: 0},
		{a: maxA, b: 0, want: maxA},
		{a: maxA - 1, b: 1, want: maxA},
		{a: maxA, b: 1, overflow: true},
		{a: 1, b: maxA, overflow: true},
		{a: maxA, b: maxA, overflow: true},
		{a: maxA, b: minA, want: -1},
		{a: minA, b: maxA, want: -1},
		{a: minA, b: 0, want: minA},
		{a: minA + 1, b: -1, want: minA},
		{a: minA, b: -1, overflow: true},
		{a: -1, b: minA, overflow: true},
		{a: minA, b: minA, overflow: true},
		{a: maxA / 2, b: maxA/2 + 1, want: maxA},
		{a: maxA / 2, b: maxA/2 + 2, overflow: true},
	})
}

func TestSub(t *testing.T) {
	checkBin(t, "Sub", Sub, []binCase{
		{a: 0, b: 0, want: 0},
		{a: 3, b: 5, want: -2},
		{a: maxA, b: 0, want: maxA},
		{a: maxA, b: maxA, want: 0},
		{a: maxA, b: -1, overflow: true},
		{a: maxA - 1, b: -1, want: maxA},
		{a: minA, b: 0, want: minA},
		{a: minA, b: minA, want: 0},
		{a: minA, b: 1, overflow: true},
		{a: minA + 1, b: 1, want: minA},
		{a: 0, b: minA, overflow: true},
		{a: -1, b: minA, want: maxA},
		{a: 0, b: maxA, want: -maxA},
		{a: -2, b: maxA, overflow: true},
		{a: -1, b: maxA, want: minA},
		{a: maxA, b: minA, overflow: true},
		{a: minA, b: maxA, overflow: true},
	})
}

func TestMul(t *testing.T) {
	mul := func(a, b Amount) (Amount, error) { return Mul(a, int64(b)) }
	checkBin(t, "Mul", mul, []binCase{
		{a: 0, b: 0, want: 0},
		{a: 0, b: math.MinInt64, want: 0},
		{a: minA, b: 0, want: 0},
		{a: 7, b: 6, want: 42},
		{a: -7, b: 6, want: -42},
		{a: -7, b: -6, want: 42},
		{a: maxA, b: 1, want: maxA},
		{a: maxA, b: -1, want: -maxA},
		{a: maxA, b: 2, overflow: true},
		{a: maxA, b: -2, overflow: true},
		{a: minA, b: 1, want: minA},
		{a: 1, b: math.MinInt64, want: minA},
		{a: minA, b: -1, overflow: true},
		{a: -1, b: math.MinInt64, overflow: true},
		{a: minA / 2, b: 2, want: minA},
		{a: minA / 2, b: -2, overflow: true},
		{a: 1 << 62, b: 2, overflow: true},
		{a: 1 << 62, b: -2, want: minA},
		{a: 1 << 32, b: 1 << 32, overflow: true}, // high word non-zero
		{a: 3037000499, b: 3037000499, want: 9223372030926249001},
		{a: 3037000500, b: 3037000500, overflow: true},
	})
}

func TestNegAbs(t *testing.T) {
	for _, c := range []struct {
		a, neg, abs Amount
		overflow    bool
	}{
		{a: 0, neg: 0, abs: 0},
		{a: 5, neg: -5, abs: 5},
		{a: -5, neg: 5, abs: 5},
		{a: maxA, neg: -maxA, abs: maxA},
		{a: -maxA, neg: maxA, abs: maxA},
		{a: minA, overflow: true},
	} {
		n, nerr := Neg(c.a)
		a, aerr := Abs(c.a)
		if c.overflow {
			if !errors.Is(nerr, ErrOverflow) || !errors.Is(aerr, ErrOverflow) {
				t.Errorf("Neg/Abs(%d) = %d, %v / %d, %v; want ErrOverflow", c.a, n, nerr, a, aerr)
			}
			continue
		}
		if nerr != nil || n != c.neg {
			t.Errorf("Neg(%d) = %d, %v; want %d", c.a, n, nerr, c.neg)
		}
		if aerr != nil || a != c.abs {
			t.Errorf("Abs(%d) = %d, %v; want %d", c.a, a, aerr, c.abs)
		}
	}
}

func TestSum(t *testing.T) {
	for _, c := range []struct {
		in       []Amount
		want     Amount
		overflow bool
	}{
		{in: nil, want: 0},
		{in: []Amount{5}, want: 5},
		{in: []Amount{1, 2, 3, -6}, want: 0},
		{in: []Amount{maxA, -1, 1}, want: maxA},
		{in: []Amount{minA, 1, -1}, want: minA},
		{in: []Amount{maxA, 1, -1}, overflow: true}, // stops at the first overflow
		{in: []Amount{minA, -1, 1}, overflow: true},
		{in: []Amount{maxA, minA, maxA}, want: maxA - 1},
	} {
		got, err := Sum(c.in...)
		if c.overflow {
			if !errors.Is(err, ErrOverflow) || got != 0 {
				t.Errorf("Sum(%v) = %d, %v; want 0, ErrOverflow", c.in, got, err)
			}
		} else if err != nil || got != c.want {
			t.Errorf("Sum(%v) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

// randAmount draws amounts that are often near zero, near the limits, or
// anywhere, so that the edges get as many tries as the middle.
func randAmount(r *rand.Rand) Amount {
	switch r.IntN(5) {
	case 0:
		return Amount(r.Int64N(2001) - 1000)
	case 1:
		return maxA - Amount(r.Int64N(1000))
	case 2:
		return minA + Amount(r.Int64N(1000))
	case 3:
		return Amount(r.Int64() >> r.IntN(63)) // every magnitude
	default:
		return Amount(r.Uint64())
	}
}

var (
	bigMin = big.NewInt(math.MinInt64)
	bigMax = big.NewInt(math.MaxInt64)
)

func fitsInt64(x *big.Int) bool { return x.Cmp(bigMin) >= 0 && x.Cmp(bigMax) <= 0 }

// TestArithmeticAgainstBig checks Add, Sub and Mul against math/big: the same
// result whenever it fits in an int64, and ErrOverflow exactly when it does not.
func TestArithmeticAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	type op struct {
		name string
		got  func(a, b Amount) (Amount, error)
		want func(z, x, y *big.Int) *big.Int
	}
	ops := []op{
		{"Add", Add, (*big.Int).Add},
		{"Sub", Sub, (*big.Int).Sub},
		{"Mul", func(a, b Amount) (Amount, error) { return Mul(a, int64(b)) }, (*big.Int).Mul},
	}
	for range 200000 {
		a, b := randAmount(r), randAmount(r)
		for _, o := range ops {
			exact := o.want(new(big.Int), big.NewInt(int64(a)), big.NewInt(int64(b)))
			got, err := o.got(a, b)
			if !fitsInt64(exact) {
				if !errors.Is(err, ErrOverflow) {
					t.Fatalf("%s(%d, %d) = %d, %v; exact %s does not fit, want ErrOverflow", o.name, a, b, got, err, exact)
				}
				continue
			}
			if err != nil || int64(got) != exact.Int64() {
				t.Fatalf("%s(%d, %d) = %d, %v; want %s", o.name, a, b, got, err, exact)
			}
		}
	}
}

func TestProrate(t *testing.T) {
	for _, c := range []struct {
		name    string
		total   Amount
		weights []Amount
		want    []Amount
	}{
		{"even", 100, []Amount{1, 1}, []Amount{50, 50}},
		{"thirds", 100, []Amount{1, 1, 1}, []Amount{34, 33, 33}}, // tie goes to the earlier part
		{"negative thirds", -100, []Amount{1, 1, 1}, []Amount{-34, -33, -33}},
		{"largest remainder", 100, []Amount{1, 2, 3}, []Amount{17, 33, 50}},
		{"zero weight", 1000, []Amount{0, 3, 0, 1}, []Amount{0, 750, 0, 250}},
		{"zero total", 0, []Amount{5, 7}, []Amount{0, 0}},
		{"negative weights", 10, []Amount{-1, -3}, []Amount{3, 7}},
		{"one part", 12345, []Amount{9}, []Amount{12345}},
		{"one cent over three", 1, []Amount{1, 1, 1}, []Amount{1, 0, 0}},
		{"two cents, later remainder larger", 2, []Amount{1, 2, 2}, []Amount{0, 1, 1}},
		{"max total", maxA, []Amount{1, 1}, []Amount{maxA/2 + 1, maxA / 2}},
		{"min total", minA, []Amount{1}, []Amount{minA}},
		{"min total halves", minA, []Amount{1, 1}, []Amount{minA / 2, minA / 2}},
		{"min total with zero", minA, []Amount{0, 5}, []Amount{0, minA}},
		{"huge weights", 100, []Amount{maxA / 2, maxA / 2}, []Amount{50, 50}},
		{"VAT split", 11800, []Amount{10000, 1800}, []Amount{10000, 1800}},
	} {
		got, err := Prorate(c.total, c.weights)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: Prorate(%d, %v) = %v, %v; want %v", c.name, c.total, c.weights, got, err, c.want)
		}
	}
}

func TestProrateErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		total   Amount
		weights []Amount
	}{
		{"no weights", 100, nil},
		{"all zero", 100, []Amount{0, 0, 0}},
		{"weights overflow", 100, []Amount{maxA, 1}},
		{"mixed signs", 100, []Amount{3, -1}},
		{"mixed signs, remainder to the negative share", 1, []Amount{-27, 19, 19, 19}}, // gave [1 0 0 0]
		{"mixed signs adding to zero", 100, []Amount{1, -1}},
	} {
		if got, err := Prorate(c.total, c.weights); err == nil {
			t.Errorf("%s: Prorate(%d, %v) = %v; want an error", c.name, c.total, c.weights, got)
		}
	}
}

// TestProrateProperties checks on random input that the parts add up to the
// total and that each part is within one minor unit of its exact share.
func TestProrateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		total := randAmount(r)
		n := 1 + r.IntN(8)
		weights := make([]Amount, n)
		var limit int64 = math.MaxInt64 / int64(n)
		if r.IntN(2) == 0 {
			limit = 1000
		}
		sign := Amount(1)
		if r.IntN(4) == 0 {
			sign = -1
		}
		for i := range weights {
			if r.IntN(5) > 0 {
				weights[i] = sign * Amount(r.Int64N(limit))
			}
		}
		parts, err := Prorate(total, weights)
		wsum, _ := Sum(weights...)
		if wsum == 0 {
			if err == nil {
				t.Fatalf("Prorate(%d, %v) = %v; want an error for zero weights", total, weights, parts)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Prorate(%d, %v): %v", total, weights, err)
		}
		got := new(big.Int)
		for i, p := range parts {
			got.Add(got, big.NewInt(int64(p)))
			// |p·wsum − total·w| < |wsum| means p is within 1 of total·w/wsum.
			diff := new(big.Int).Mul(big.NewInt(int64(p)), big.NewInt(int64(wsum)))
			diff.Sub(diff, new(big.Int).Mul(big.NewInt(int64(total)), big.NewInt(int64(weights[i]))))
			if diff.CmpAbs(big.NewInt(int64(wsum))) >= 0 {
				t.Fatalf("Prorate(%d, %v) = %v: part %d is not within 1 of its share", total, weights, parts, i)
			}
			if weights[i] == 0 && p != 0 {
				t.Fatalf("Prorate(%d, %v) = %v: zero weight got %d", total, weights, parts, p)
			}
		}
		if got.Cmp(big.NewInt(int64(total))) != 0 {
			t.Fatalf("Prorate(%d, %v) = %v adds up to %s", total, weights, parts, got)
		}
	}
}

// TestMulDiv covers the overflow checks Prorate cannot reach with weights of
// one sign.
func TestMulDiv(t *testing.T) {
	for _, c := range []struct {
		a, b, c  int64
		q        int64
		r        uint64
		overflow bool
	}{
		{a: 7, b: 3, c: 2, q: 10, r: 1},
		{a: -7, b: 3, c: 2, q: -10, r: 1},
		{a: math.MinInt64, b: 1, c: 1, q: math.MinInt64},
		{a: math.MinInt64, b: -1, c: 1, overflow: true},            // 2^63
		{a: math.MaxInt64, b: 2, c: 1, overflow: true},             // quotient past int64
		{a: math.MaxInt64, b: math.MaxInt64, c: 1, overflow: true}, // quotient past uint64
		{a: math.MaxInt64, b: -2, c: 1, overflow: true},
	} {
		q, r, err := mulDiv(c.a, c.b, c.c)
		if c.overflow != errors.Is(err, ErrOverflow) || (!c.overflow && (q != c.q || r != c.r)) {
			t.Errorf("mulDiv(%d, %d, %d) = %d, %d, %v", c.a, c.b, c.c, q, r, err)
		}
	}
}
