package report

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
)

func newRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HASAP_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("HASAP_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (repeat with HASAP_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// randomChart builds a chart of balance-sheet and off-balance accounts up to
// three levels deep, and now and then removes a group account, leaving its
// sub-accounts with a parent missing from the chart (PutAccount does not
// check parents). It returns the chart and its posting-level accounts of
// each sort, with a code outside the chart among the balance-sheet ones.
func randomChart(r *rand.Rand) (ch ledger.Chart, balance, offBalance []ledger.AccountCode) {
	ch = ledger.Chart{}
	var add func(code, parent ledger.AccountCode, class ledger.Class, depth int)
	add = func(code, parent ledger.AccountCode, class ledger.Class, depth int) {
		a := &ledger.Account{Code: code, Parent: parent, Kind: ledger.ActivePassive, Class: class, Names: names("счёт " + string(code))}
		ch[code] = a
		switch {
		case depth < 2 && r.IntN(3) == 0:
			a.Group = true
			for i := 1; i <= 1+r.IntN(3); i++ {
				add(ledger.AccountCode(fmt.Sprintf("%s.%d", code, i)), code, class, depth+1)
			}
		case class == ledger.OffBalance:
			offBalance = append(offBalance, code)
		default:
			balance = append(balance, code)
		}
	}
	for _, n := range r.Perm(89)[:2+r.IntN(8)] {
		add(ledger.AccountCode(strconv.Itoa(10+n)), "", ledger.Asset, 0)
	}
	for _, n := range r.Perm(11)[:1+r.IntN(3)] {
		add(ledger.AccountCode(fmt.Sprintf("%03d", n+1)), "", ledger.OffBalance, 0)
	}
	for _, c := range slices.Sorted(maps.Keys(ch)) {
		if ch[c].Group && r.IntN(6) == 0 {
			delete(ch, c)
		}
	}
	if r.IntN(3) == 0 {
		balance = append(balance, "Assets:Unknown")
	}
	return ch, balance, offBalance
}

// wantDepth counts the rows above an account's row: its ancestors in the
// chart, and a parent missing from the chart, which gets a row of its own.
func wantDepth(ch ledger.Chart, c ledger.AccountCode) int {
	a, d := ch[c], 0
	for a != nil && a.Parent != "" {
		d++
		a = ch[a.Parent]
	}
	return d
}

// sums is debit and credit per account, summed the plain way.
type sums map[ledger.AccountCode]*[2]money.Amount

// randomTurnover draws postings between balance-sheet accounts and
// single-entry off-balance amounts, and returns them as turnover rows the
// way a store hands them over (split by currency, an account on several
// rows), together with the plain sums.
func randomTurnover(r *rand.Rand, balance, offBalance []ledger.AccountCode) ([]ledger.AccountTurnover, sums) {
	s := sums{}
	var rows []ledger.AccountTurnover
	put := func(acc ledger.AccountCode, dt, kt money.Amount) {
		if s[acc] == nil {
			s[acc] = &[2]money.Amount{}
		}
		s[acc][0] += dt
		s[acc][1] += kt
		cur := []string{"", "", "USD", "EUR"}[r.IntN(4)]
		rows = append(rows, ledger.AccountTurnover{Account: acc, Currency: cur,
			Turnover: ledger.Turnover{Debit: dt, Credit: kt, DebitCur: money.Amount(r.IntN(1000)), CreditQty: ledger.Quantity(r.IntN(9))}})
	}
	for n := r.IntN(30); n > 0; n-- {
		amt := money.Amount(r.IntN(100_000) - 10_000) // a few red stornos
		put(balance[r.IntN(len(balance))], amt, 0)
		put(balance[r.IntN(len(balance))], 0, amt)
	}
	for n := r.IntN(5); n > 0 && len(offBalance) > 0; n-- {
		amt := money.Amount(r.IntN(100_000))
		if r.IntN(2) == 0 {
			put(offBalance[r.IntN(len(offBalance))], amt, 0)
		} else {
			put(offBalance[r.IntN(len(offBalance))], 0, amt)
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return rows, s
}

func net(s sums, acc ledger.AccountCode) money.Amount {
	if v := s[acc]; v != nil {
		return v[0] - v[1]
	}
	return 0
}

func split2(b money.Amount) (money.Amount, money.Amount) {
	if b >= 0 {
		return b, 0
	}
	return 0, -b
}

// TestTrialBalanceProperty: over random charts and random turnover, every
// posting-level row is opening + turnover = closing with each balance on
// one side, every group row adds up the rows below it column by column,
// off-balance rows come last and stay out of Total, and Total balances
// exactly when the balance-sheet input does.
func TestTrialBalanceProperty(t *testing.T) {
	r := newRand(t)
	for trial := 0; trial < 500; trial++ {
		ch, balance, offBalance := randomChart(r)
		opening, os := randomTurnover(r, balance, offBalance)
		period, ps := randomTurnover(r, balance, offBalance)
		balancedInput := true
		if r.IntN(4) == 0 { // a one-sided amount on a balance-sheet account
			acc := balance[r.IntN(len(balance))]
			amt := money.Amount(1 + r.IntN(500))
			if r.IntN(2) == 0 {
				opening = append(opening, turn(acc, "", amt, 0))
				os[acc] = addTo(os[acc], amt, 0)
			} else {
				period = append(period, turn(acc, "", 0, amt))
				ps[acc] = addTo(ps[acc], 0, amt)
			}
			balancedInput = false
		}
		tb, err := BuildTrialBalance(ch, tmt, 0, 0, opening, period)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if tb.Balanced() != balancedInput {
			t.Fatalf("trial %d: Balanced() = %v for input that balances: %v\ntotal %+v", trial, tb.Balanced(), balancedInput, tb.Total)
		}
		checkRows(t, trial, tb, ch, balance, offBalance, os, ps)
	}
}

func addTo(v *[2]money.Amount, dt, kt money.Amount) *[2]money.Amount {
	if v == nil {
		v = &[2]money.Amount{}
	}
	v[0] += dt
	v[1] += kt
	return v
}

func checkRows(t *testing.T, trial int, tb *TrialBalance, ch ledger.Chart, balance, offBalance []ledger.AccountCode, os, ps sums) {
	t.Helper()
	byCode := map[ledger.AccountCode]TBRow{}
	for _, row := range tb.Rows {
		if _, dup := byCode[row.Account]; dup {
			t.Fatalf("trial %d: account %s twice", trial, row.Account)
		}
		byCode[row.Account] = row
	}
	// Order: balance-sheet rows by code, then off-balance rows by code.
	if !slices.IsSortedFunc(tb.Rows, func(a, b TBRow) int {
		if a.OffBalance != b.OffBalance {
			if a.OffBalance {
				return 1
			}
			return -1
		}
		return compareCodes(a.Account, b.Account)
	}) {
		t.Fatalf("trial %d: rows out of order", trial)
	}

	// Posting-level rows, and the Total computed from them.
	var want TBRow
	for sort, codes := range [][]ledger.AccountCode{balance, offBalance} {
		for _, acc := range codes {
			o := net(os, acc)
			var d, k money.Amount
			if v := ps[acc]; v != nil {
				d, k = v[0], v[1]
			}
			row, shown := byCode[acc]
			if o == 0 && d == 0 && k == 0 {
				if shown {
					t.Fatalf("trial %d: %s has nothing to show but has a row %+v", trial, acc, row)
				}
				continue
			}
			if !shown {
				t.Fatalf("trial %d: %s has no row", trial, acc)
			}
			od, ok := split2(o)
			cd, ck := split2(o + d - k)
			exp := TBRow{Account: acc, Amounts: Amounts{OpeningDebit: od, OpeningCredit: ok, Debit: d, Credit: k, ClosingDebit: cd, ClosingCredit: ck}}
			got := row
			got.Name, got.Depth, got.Group, got.OffBalance = ledger.Names{}, 0, false, false
			if got != exp {
				t.Fatalf("trial %d: row of %s\n got %+v\nwant %+v", trial, acc, row, exp)
			}
			if row.OffBalance != (sort == 1) {
				t.Fatalf("trial %d: %s off-balance %v", trial, acc, row.OffBalance)
			}
			if row.Group || row.Depth != wantDepth(ch, acc) {
				t.Fatalf("trial %d: %s group %v depth %d", trial, acc, row.Group, row.Depth)
			}
			if !row.OffBalance {
				want.OpeningDebit += od
				want.OpeningCredit += ok
				want.Debit += d
				want.Credit += k
				want.ClosingDebit += cd
				want.ClosingCredit += ck
			}
		}
	}
	want.Account = "total"
	if tb.Total != want {
		t.Fatalf("trial %d: total\n got %+v\nwant %+v (sum of posting-level balance-sheet rows)", trial, tb.Total, want)
	}

	// Every other row adds up the rows directly below it in the chart, and
	// is off-balance when they are.
	for _, row := range tb.Rows {
		if slices.Contains(balance, row.Account) || slices.Contains(offBalance, row.Account) {
			continue
		}
		var sum TBRow
		var children []TBRow
		for _, c := range tb.Rows {
			if a := ch[c.Account]; a != nil && a.Parent == row.Account {
				children = append(children, c)
				sum.OpeningDebit += c.OpeningDebit
				sum.OpeningCredit += c.OpeningCredit
				sum.Debit += c.Debit
				sum.Credit += c.Credit
				sum.ClosingDebit += c.ClosingDebit
				sum.ClosingCredit += c.ClosingCredit
			}
		}
		sum.Account, sum.Name, sum.Depth, sum.Group, sum.OffBalance = row.Account, row.Name, row.Depth, row.Group, row.OffBalance
		if len(children) == 0 || row != sum {
			t.Fatalf("trial %d: group row %+v does not add up its sub-accounts %+v", trial, row, children)
		}
		if row.OffBalance != children[0].OffBalance || row.Depth != wantDepth(ch, row.Account) {
			t.Fatalf("trial %d: group row %+v, first sub-account %+v", trial, row, children[0])
		}
		if a := ch[row.Account]; a != nil && (!a.Group || row.Name != a.Names) || a == nil && (row.Group || row.Name != ledger.Names{}) {
			t.Fatalf("trial %d: group row %+v", trial, row)
		}
	}
}

func compareCodes(a, b ledger.AccountCode) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
