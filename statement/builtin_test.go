package statement

import (
	"math/rand/v2"
	"testing"

	"hasap/chart"
	"hasap/ledger"
	"hasap/money"
)

// checks names, for each shipped chart, the balance sheet's two totals,
// its equity total, the P&L's profit line and the account the year's
// result is closed to.
var checks = map[string]struct{ assets, liabilities, equity, equityTotal, profit, result, tax, taxTo string }{
	"cis":  {"1600", "1700", "1300", "3300", "2400", "99", "99", "68.04"},
	"ifrs": {"300", "800", "490", "90", "130", "3900", "8900", "2110"},
}

func leaves(t *testing.T, name string) []ledger.Account {
	t.Helper()
	accounts, err := chart.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []ledger.Account
	for _, a := range accounts {
		if !a.Group && !a.OffBalance() {
			out = append(out, a)
		}
	}
	return out
}

func profitAndLoss(a ledger.Account) bool {
	return a.Class == ledger.Income || a.Class == ledger.Expense
}

// Every account of each shipped chart lands on exactly one line of the
// balance sheet with its debit balance and on exactly one with its credit
// balance (the claim rule picks one; here: that there is one), and every
// income and expense account on a P&L line on the side it grows on; equity
// accounts are in the changes in equity.
func TestShippedTemplatesCoverTheirCharts(t *testing.T) {
	for _, name := range BuiltinCharts {
		bs, _ := Builtin(name, BalanceSheet)
		pl, _ := Builtin(name, ProfitLoss)
		eq, _ := Builtin(name, Equity)
		cbs, cpl, ceq := newClaimer(bs), newClaimer(pl), newClaimer(eq)
		for _, a := range leaves(t, name) {
			code := string(a.Code)
			for _, g := range []string{"dbal", "cbal"} {
				if _, ok := cbs.find(g, code); !ok {
					t.Errorf("%s: account %s's %s is on no line of the balance sheet", name, code, g)
				}
			}
			if profitAndLoss(a) {
				var sides []string
				switch a.Kind {
				case ledger.Active:
					sides = []string{"dt"}
				case ledger.Passive:
					sides = []string{"kt"}
				default:
					sides = []string{"dt", "kt"}
				}
				for _, g := range sides {
					if _, ok := cpl.find(g, code); !ok {
						t.Errorf("%s: account %s's %s is on no line of the P&L", name, code, g)
					}
				}
			}
			if a.Class == ledger.Equity && a.Code != "86" { // targeted financing is deferred income on the cis balance sheet
				if cl, ok := ceq.find("dbal", code); !ok || eq.Lines[cl.line].Terms[cl.term].Measure != Net {
					t.Errorf("%s: equity account %s is on no line of the changes in equity", name, code)
				}
			}
		}
	}
}

type posting struct {
	dt, kt ledger.AccountCode
	amount money.Amount
}

// books sums postings into facts: balances at the end and turnover.
func books(ps []posting) *Facts {
	bal := map[ledger.AccountCode]money.Amount{}
	turn := map[ledger.AccountCode]*ledger.Turnover{}
	get := func(a ledger.AccountCode) *ledger.Turnover {
		if turn[a] == nil {
			turn[a] = &ledger.Turnover{}
		}
		return turn[a]
	}
	for _, p := range ps {
		bal[p.dt] += p.amount
		bal[p.kt] -= p.amount
		get(p.dt).Debit += p.amount
		get(p.kt).Credit += p.amount
	}
	f := &Facts{}
	corr := map[[2]ledger.AccountCode]money.Amount{}
	for _, p := range ps {
		corr[[2]ledger.AccountCode{p.dt, p.kt}] += p.amount
	}
	for k, v := range corr {
		f.Corr = append(f.Corr, ledger.CorrTurnover{Debit: k[0], Credit: k[1], Amount: v})
	}
	for a, b := range bal {
		f.Closing = append(f.Closing, Bal{a, b})
	}
	for a, tu := range turn {
		f.Turnover = append(f.Turnover, ledger.AccountTurnover{Account: a, Turnover: *tu})
	}
	return f
}

// On random books of each shipped chart: assets equal equity and
// liabilities, nothing is left unplaced, the changes in equity end where
// the balance sheet's equity is, and once income and expense are closed
// to the result account the P&L's profit is that account's movement.
func TestPropertyShippedStatements(t *testing.T) {
	for _, name := range BuiltinCharts {
		ck := checks[name]
		var bsAcc, plAcc []ledger.Account
		for _, a := range leaves(t, name) {
			switch {
			case profitAndLoss(a):
				plAcc = append(plAcc, a)
			case a.Code == ledger.AccountCode(ck.taxTo) || a.Code == ledger.AccountCode(ck.result) || a.Class == ledger.Mixed && name == "cis" && a.Code != "000":
				// the result accounts move only by the closing below
			default:
				bsAcc = append(bsAcc, a)
			}
		}
		bs, _ := Builtin(name, BalanceSheet)
		pl, _ := Builtin(name, ProfitLoss)
		eq, _ := Builtin(name, Equity)
		for seed := range uint64(200) {
			rng := rand.New(rand.NewPCG(seed, 7))
			var ps []posting
			pick := func(as []ledger.Account) ledger.AccountCode { return as[rng.IntN(len(as))].Code }
			amount := func() money.Amount { return money.Amount(rng.IntN(1_000_000) + 1) }
			for range rng.IntN(60) {
				ps = append(ps, posting{pick(bsAcc), pick(bsAcc), amount()})
			}
			opening, period0 := books(ps).Closing, len(ps)
			// income and expense, each on the side it grows on
			for range rng.IntN(40) {
				a := plAcc[rng.IntN(len(plAcc))]
				if a.Kind == ledger.Passive || a.Kind == ledger.ActivePassive && rng.IntN(2) == 0 {
					ps = append(ps, posting{pick(bsAcc), a.Code, amount()})
				} else {
					ps = append(ps, posting{a.Code, pick(bsAcc), amount()})
				}
			}
			switch rng.IntN(3) { // profit tax accrued, or given back
			case 0:
				ps = append(ps, posting{ledger.AccountCode(ck.tax), ledger.AccountCode(ck.taxTo), amount()})
			case 1:
				ps = append(ps, posting{ledger.AccountCode(ck.taxTo), ledger.AccountCode(ck.tax), amount()})
			}
			if rng.IntN(3) > 0 { // close income and expense to the result account
				f := books(ps)
				for _, b := range f.Closing {
					switch {
					case !isPL(plAcc, b.Account):
					case b.Amount > 0:
						ps = append(ps, posting{ledger.AccountCode(ck.result), b.Account, b.Amount})
					case b.Amount < 0:
						ps = append(ps, posting{b.Account, ledger.AccountCode(ck.result), -b.Amount})
					}
				}
			}
			f := books(ps)
			f.Opening = opening
			r, err := Evaluate(bs, f)
			if err != nil {
				t.Fatal(err)
			}
			if r.Value(ck.assets) != r.Value(ck.liabilities) || len(r.Unplaced) > 0 {
				t.Fatalf("%s seed %d: assets %d, equity and liabilities %d, unplaced %v", name, seed, r.Value(ck.assets), r.Value(ck.liabilities), r.Unplaced)
			}
			// the changes in equity read the period's correspondence
			pf := periodFacts(ps[:period0], ps[period0:])
			re, err := Evaluate(eq, pf)
			if err != nil {
				t.Fatal(err)
			}
			if re.Value(ck.equityTotal) != r.Value(ck.equity) {
				t.Fatalf("%s seed %d: changes in equity end at %d, the balance sheet's equity is %d", name, seed, re.Value(ck.equityTotal), r.Value(ck.equity))
			}
			for i, v := range re.Values {
				if eq.Lines[i].Movement() {
					continue
				}
				if v.Open+v.Increase-v.Decrease != v.Amount {
					t.Fatalf("%s seed %d line %s: %d + %d - %d != %d", name, seed, eq.Lines[i].Code, v.Open, v.Increase, v.Decrease, v.Amount)
				}
				// opening + movements = closing, every component and the total
				sum := v.Open
				for _, m := range v.Moves {
					sum += m
				}
				if len(v.Moves) != len(eq.Movements())+1 || sum != v.Amount {
					t.Fatalf("%s seed %d line %s: %d + moves %v != %d", name, seed, eq.Lines[i].Code, v.Open, v.Moves, v.Amount)
				}
			}
			// the P&L of the period: everything after the opening postings
			rp, err := Evaluate(pl, books(ps[period0:]))
			if err != nil {
				t.Fatal(err)
			}
			var moved money.Amount
			for _, p := range ps[period0:] {
				if p.kt == ledger.AccountCode(ck.result) {
					moved += p.amount
				}
				if p.dt == ledger.AccountCode(ck.result) {
					moved -= p.amount
				}
			}
			closed := isClosed(plAcc, f)
			if closed && rp.Value(ck.profit) != moved {
				t.Fatalf("%s seed %d: profit %d, the result account moved %d", name, seed, rp.Value(ck.profit), moved)
			}
			// the profit or loss column of the total equity is the P&L's
			// profit, unless income or expense was posted straight against
			// equity (the P&L counts it; equity moved inside itself)
			straight := false
			for _, p := range ps[period0:] {
				straight = straight || isPL(plAcc, p.dt) && isEquity(bsAcc, p.kt) || isPL(plAcc, p.kt) && isEquity(bsAcc, p.dt)
			}
			if got := re.Values[eqLine(eq, ck.equityTotal)].Moves[0]; !straight && got != rp.Value(ck.profit) {
				t.Fatalf("%s seed %d: equity moved by the profit or loss %d, the P&L's profit is %d", name, seed, got, rp.Value(ck.profit))
			}
		}
	}
}

func isPL(as []ledger.Account, code ledger.AccountCode) bool {
	for _, a := range as {
		if a.Code == code {
			return true
		}
	}
	return false
}

func isClosed(as []ledger.Account, f *Facts) bool {
	for _, b := range f.Closing {
		if isPL(as, b.Account) && b.Amount != 0 {
			return false
		}
	}
	return true
}

func eqLine(t *Template, code string) int {
	for i, l := range t.Lines {
		if l.Code == code {
			return i
		}
	}
	return -1
}

func isEquity(as []ledger.Account, code ledger.AccountCode) bool {
	for _, a := range as {
		if a.Code == code {
			return a.Class == ledger.Equity
		}
	}
	return false
}
