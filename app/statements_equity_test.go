package app_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"hasap/app"
	"hasap/money"
	"hasap/statement"
)

func TestEquityMovementsRandom(t *testing.T) { eachStore(t, testEquityMovementsRandom) }

// testEquityMovementsRandom: on random cis books posted through the app
// (capital through 75.01 and straight, income and expense, profit tax,
// closing 99 to 84, reserves from profit), the changes in equity of a
// quarter and of the quarter before split every component's change by
// kind of movement from the correspondence totals so that opening + the
// movements = closing exactly, and the total ends at the balance sheet's
// equity.
func testEquityMovementsRandom(t *testing.T, a *app.App) {
	w := newWorldOn(t, a)
	viewer := w.actors["viewer"]
	b := newStmtBooks(t, a, "a")
	pairs := [][2]string{
		{"75.01/C1", "80"}, {"51/FIN01", "75.01/C1"}, {"75.01/C1", "83"}, {"51/FIN01", "80"},
		{"62.01/C1/K1", "90.01"}, {"90.02", "26"}, {"26", "60.01/S1/KS1"}, {"91.02", "51/OP02"}, {"51/OP01", "91.01"},
		{"90.09", "99"}, {"99", "90.09"}, {"99", "68.04"}, {"99", "84"}, {"84", "99"}, {"84", "82"}, {"84", "80"},
		{"84", "75.01/C1"}, {"26", "83"},
	}
	rng := rand.New(rand.NewPCG(11, 3))
	for range 70 {
		p := pairs[rng.IntN(len(pairs))]
		date := fmt.Sprintf("2025-%02d-%02d", 1+rng.IntN(6), 1+rng.IntN(28))
		b.post(date, p[0], p[1], money.Amount(1+rng.IntN(5_000_000)))
	}
	eq := stmt(t, a, viewer, "a", statement.Equity, "2025-Q2", statement.ComparePrevMonth)
	bs := stmt(t, a, viewer, "a", statement.BalanceSheet, "2025-06", statement.CompareNone)
	for _, r := range []*statement.Result{eq.Current, eq.Previous} {
		moved := false
		for i, l := range r.Template.Lines {
			if l.Heading() || l.Movement() {
				continue
			}
			v := r.Values[i]
			sum := v.Open
			for _, m := range v.Moves {
				sum += m
				moved = moved || m != 0
			}
			if len(v.Moves) != 4 || sum != v.Amount {
				t.Errorf("line %s: %d + %v ≠ %d", l.Code, v.Open, v.Moves, v.Amount)
			}
		}
		if !moved {
			t.Error("nothing moved equity: the test proves nothing")
		}
	}
	if eq.Current.Value("3300") != bs.Current.Value("1300") {
		t.Errorf("changes in equity end at %d, the balance sheet's equity is %d", eq.Current.Value("3300"), bs.Current.Value("1300"))
	}
	if eq.Previous.Value("3300") != eq.Current.Values[lineIndex(eq.Current, "3300")].Open {
		t.Errorf("Q1 ends at %d, Q2 opens at %d", eq.Previous.Value("3300"), eq.Current.Values[lineIndex(eq.Current, "3300")].Open)
	}
}

func lineIndex(r *statement.Result, code string) int {
	for i, l := range r.Template.Lines {
		if l.Code == code {
			return i
		}
	}
	return -1
}
