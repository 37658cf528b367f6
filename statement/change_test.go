package statement

import (
	"hasap/ledger"
	"hasap/report/sheet"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"hasap/money"
)

// Worked numbers, in minor units: the change is over the comparison's
// absolute value, in tenths of a percent, half away from zero.
func TestChangeTenths(t *testing.T) {
	for _, c := range []struct {
		cur, prev money.Amount
		want      money.Amount
		ok        bool
	}{
		{1_100_00, 1_000_00, 100, true},                // +10,0 %
		{1_000_00, 1_100_00, -91, true},                // −100/1 100 = −9,0909 % → −9,1 %
		{6_348_00, 6_440_00, -14, true},                // −92/6 440 = −1,4286 % → −1,4 %
		{1_00, 3_00, -667, true},                       // −66,667 % → −66,7 %
		{2_00, 3_00, -333, true},                       // −33,333 % → −33,3 %
		{1_0005, 1_0000, 1, true},                      // +0,05 % → 0,1 % (half away from zero)
		{9_995, 10_000, -1, true},                      // −0,05 % → −0,1 %
		{1_0004, 1_0000, 0, true},                      // +0,04 % → 0,0 %
		{-50_00, 100_00, -1500, true},                  // −150,0 %
		{0, -200_00, 1000, true},                       // a loss of 200 gone: +100,0 %
		{-300_00, -200_00, -500, true},                 // a loss grown by half: −50,0 %
		{5_00, 0, 0, false},                            // nothing to compare with
		{0, 0, 0, false},                               //
		{math.MaxInt64, 1, 0, false},                   // does not fit
		{math.MaxInt64, math.MinInt64 + 1, 2000, true}, // the extremes: +200,0 %
	} {
		got, ok := ChangeTenths(c.cur, c.prev)
		if got != c.want || ok != c.ok {
			t.Errorf("ChangeTenths(%d, %d) = %d, %v; want %d, %v", c.cur, c.prev, got, ok, c.want, c.ok)
		}
	}
	if d, ok := Difference(math.MinInt64+1, 2); ok {
		t.Errorf("difference out of range: %d", d)
	}
	if d, ok := Difference(6_348_00, 6_440_00); !ok || d != -92_00 {
		t.Errorf("difference %d", d)
	}
}

// On random amounts the tenths are the exact quotient rounded: |q − x| ≤ ½
// where x = (cur − prev)·1000/|prev|, checked on rationals.
func TestChangeTenthsRounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for range 10000 {
		cur, prev := money.Amount(rng.Int64N(1<<40)-1<<39), money.Amount(rng.Int64N(1<<40)-1<<39)
		q, ok := ChangeTenths(cur, prev)
		if prev == 0 {
			continue
		}
		if !ok {
			t.Fatalf("%d %d refused", cur, prev)
		}
		x := new(big.Rat).SetFrac(big.NewInt(int64(cur-prev)*1000), new(big.Int).Abs(big.NewInt(int64(prev))))
		diff := new(big.Rat).Sub(new(big.Rat).SetInt64(int64(q)), x)
		if diff.Abs(diff).Cmp(big.NewRat(1, 2)) > 0 {
			t.Fatalf("%d %d: %d is not %s rounded", cur, prev, q, x.FloatString(3))
		}
	}
}

// The sheet of a compared statement: each line has the comparison, the
// difference and the change in percent. A P&L of two lines (amounts in
// minor units): revenue 2110 12 345,67 against 10 000,00 → +2 345,67,
// +23,5 % (23,4567); costs 2220 −3 000,00 against 0 → −3 000,00 and no
// percent; profit 2400 9 345,67 against 10 000,00 → −654,33, −6,5 %
// (−6,5433).
func TestSheetComparisonColumns(t *testing.T) {
	tpl, err := Parse(ProfitLoss, []byte(hdr+"2110,0,KT:90.01,a,b,Revenue\n2220,0,-DT:26,a,b,Costs\n2400,0,L:2110 L:2220,a,b,Profit\n"))
	if err != nil {
		t.Fatal(err)
	}
	turn := func(rev, cost money.Amount) *Facts {
		return &Facts{Turnover: []ledger.AccountTurnover{
			{Account: "90.01", Turnover: ledger.Turnover{Credit: rev}},
			{Account: "26", Turnover: ledger.Turnover{Debit: cost}},
		}}
	}
	cur, err := Evaluate(tpl, turn(12_345_67, 3_000_00))
	if err != nil {
		t.Fatal(err)
	}
	prev, err := Evaluate(tpl, turn(10_000_00, 0))
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Kind: ProfitLoss, Currency: money.Currency{Code: "TMT", Exponent: 2}, Period: Months(2026, 2, 1), Against: Months(2026, 1, 1), Current: cur, Previous: prev}
	sh, _ := r.Sheet("ru")
	if err := sh.Check(); err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, c := range sh.Columns {
		heads = append(heads, c.Title)
	}
	if got := strings.Join(heads, "|"); got != "Код|Строка|01.02.2026 – 28.02.2026|01.01.2026 – 31.01.2026|Разница|Изменение, %" {
		t.Errorf("columns %s", got)
	}
	want := [][]string{
		{"2110", "12 345,67", "10 000,00", "2 345,67", "23,5"},
		{"2220", "-3 000,00", "0,00", "-3 000,00", ""},
		{"2400", "9 345,67", "10 000,00", "-654,33", "-6,5"},
	}
	for i, w := range want {
		row := sh.Rows[i]
		got := []string{row.Cells[0].Text}
		for j := 2; j < len(row.Cells); j++ {
			got = append(got, sheet.Format(row.Cells[j], sh.Columns[j], money.Russian))
		}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d: %q, want %q", i, got, w)
		}
	}
}
