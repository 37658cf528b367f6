package doc

import (
	"math/rand"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
)

// TestCloseProperty: for random months of income and expenses on 90 and
// 91, closing each month leaves 90 and 91 (as groups) at zero, 99 at the
// year's result so far and every entry balanced by construction; the
// year close then leaves every sub-account of 90 and 91 and 99 at zero
// and 84 moved by the year's result. The model is a map of balances the
// test keeps itself.
func TestCloseProperty(t *testing.T) {
	s := settings(t)
	accounts := []ledger.AccountCode{"90.01", "90.02", "90.03", "90.07", "90.08", "91.01", "91.02"}
	for seed := int64(1); seed <= 200; seed++ {
		rnd := rand.New(rand.NewSource(seed))
		books := map[ledger.AccountCode]money.Amount{}
		var result money.Amount // the year's result, credit negative
		apply := func(ps []ledger.Posting) {
			for _, p := range ps {
				if p.Amount <= 0 {
					t.Fatalf("seed %d: a closing posting of %d", seed, p.Amount)
				}
				books[p.Debit.Account] += p.Amount
				books[p.Credit.Account] -= p.Amount
			}
		}
		ledgerOf := func() []AccountBalance {
			var out []AccountBalance
			for _, a := range append(accounts, "90.09", "91.09", "99") {
				out = append(out, AccountBalance{Account: a, Amount: books[a]})
			}
			return out
		}
		for month := 1; month <= 12; month++ {
			for range rnd.Intn(6) {
				a := accounts[rnd.Intn(len(accounts))]
				amt := money.Amount(rnd.Int63n(1_000_000_00))
				// Dt 62.01 Kt income, Dt expense Kt 41.01: the other side
				// is outside the P&L.
				if books[a] <= 0 && (a == "90.01" || a == "91.01") {
					amt = -amt
				}
				books[a] += amt
				result += amt
			}
			end := ledger.DateOf(2025, 12, 31)
			if month < 12 {
				end = ledger.DateOf(2025, time.Month(month+1), 1) - 1
			}
			in := inputs(t)
			in.Ledger = ledgerOf()
			ps, err := Preview(closing(CloseMonth, end), s, in)
			if err != nil {
				t.Fatalf("seed %d month %d: %v", seed, month, err)
			}
			apply(ps)
			var g90, g91 money.Amount
			for a, v := range books {
				switch a[:2] {
				case "90":
					g90 += v
				case "91":
					g91 += v
				}
			}
			if g90 != 0 || g91 != 0 || books["99"] != result {
				t.Fatalf("seed %d month %d: 90 %d, 91 %d, 99 %d, want 0, 0, %d", seed, month, g90, g91, books["99"], result)
			}
			// Closing again posts nothing.
			in.Ledger = ledgerOf()
			if again, err := Preview(closing(CloseMonth, end), s, in); err != nil || len(again) != 0 {
				t.Fatalf("seed %d month %d: the second close %v %v", seed, month, again, err)
			}
		}
		in := inputs(t)
		in.Ledger = ledgerOf()
		ps, err := Preview(closing(CloseYear, ledger.DateOf(2025, 12, 31)), s, in)
		if err != nil {
			t.Fatalf("seed %d: year close: %v", seed, err)
		}
		apply(ps)
		for a, v := range books {
			if a != "84" && v != 0 {
				t.Fatalf("seed %d: %s is %d after the year close", seed, a, v)
			}
		}
		if books["84"] != result {
			t.Fatalf("seed %d: 84 moved by %d, the year's result is %d", seed, books["84"], result)
		}
	}
}
