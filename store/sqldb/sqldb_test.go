package sqldb

import (
	"math/rand/v2"
	"testing"

	"hasap/ledger"
)

// TestSplitPeriod checks that the whole months and part-month day ranges
// Turnover reads cover exactly the days from..to, each once.
func TestSplitPeriod(t *testing.T) {
	lo, hi := ledger.DateOf(2023, 11, 1), ledger.DateOf(2025, 2, 28)
	bounds := []ledger.Date{ledger.NoDate}
	for d := lo; d <= hi; d++ {
		if _, _, day := d.YMD(); day == 1 || day == 2 || day >= 27 || d == ledger.DateOf(2024, 6, 15) {
			bounds = append(bounds, d)
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 20000; i++ {
		from, to := bounds[r.IntN(len(bounds))], bounds[r.IntN(len(bounds))]
		if from != ledger.NoDate && to != ledger.NoDate && from > to {
			continue // Turnover answers nothing without splitting
		}
		p := splitPeriod(from, to)
		for d := lo; d <= hi; d++ {
			want := (from == ledger.NoDate || d >= from) && (to == ledger.NoDate || d <= to)
			n := 0
			if m := d.Month(); m >= p.m1 && m <= p.m2 {
				n++
			}
			for _, r := range p.days {
				if d >= r[0] && d <= r[1] {
					n++
				}
			}
			if (want && n != 1) || (!want && n != 0) {
				t.Fatalf("splitPeriod(%s, %s) = %+v counts %s %d times", from, to, p, d, n)
			}
		}
	}
}

func TestRebindDollar(t *testing.T) {
	got := rebindDollar(`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`)
	if want := `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`; got != want {
		t.Fatalf("rebindDollar = %q, want %q", got, want)
	}
}
