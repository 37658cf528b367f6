// Package report builds Hasap's reports as pure functions over totals: the
// balances per account and currency, and the CIS trial balance (oborotno-
// saldovaya vedomost). It reads turnover the store has summed from its
// totals tables and never sees a posting.
//
// It must not import database/sql, net/http or a store.
package report

import (
	"cmp"
	"slices"

	"hasap/ledger"
	"hasap/money"
)

// Balance is the balance of one account in one currency: in that currency's
// units for foreign-currency amounts, in base currency otherwise; debit
// positive.
type Balance struct {
	Account  ledger.AccountCode
	Currency money.Currency
	Amount   money.Amount
}

// Balances returns the non-zero balances per account and currency from
// turnover summed from the beginning, sorted by account and currency.
func Balances(turnover []ledger.AccountTurnover, base money.Currency) ([]Balance, error) {
	var out []Balance
	for _, t := range turnover {
		b := Balance{Account: t.Account, Currency: base}
		var err error
		if t.Currency == "" {
			b.Amount, err = money.Sub(t.Debit, t.Credit)
		} else {
			if b.Currency, err = money.Lookup(t.Currency); err != nil {
				return nil, err
			}
			b.Amount, err = money.Sub(t.DebitCur, t.CreditCur)
		}
		if err != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "balance of %s out of range", t.Account)
		}
		if b.Amount != 0 {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b Balance) int {
		if c := cmp.Compare(a.Account, b.Account); c != 0 {
			return c
		}
		return cmp.Compare(a.Currency.Code, b.Currency.Code)
	})
	return out, nil
}

// TBRow is one line of the trial balance, in base currency.
type TBRow struct {
	Account       ledger.AccountCode
	Name          ledger.Names
	Depth         int  // 0 for a synthetic account, 1 for its sub-account...
	Group         bool // the row adds up its sub-accounts
	OffBalance    bool
	OpeningDebit  money.Amount
	OpeningCredit money.Amount
	Debit         money.Amount
	Credit        money.Amount
	ClosingDebit  money.Amount
	ClosingCredit money.Amount
}

// TrialBalance is the CIS trial balance of a period.
type TrialBalance struct {
	From, To ledger.Date
	Currency money.Currency
	Rows     []TBRow
	// Total adds up the top-level balance-sheet rows; its debit and credit
	// columns are equal in books that balance. Off-balance accounts are
	// listed but not added in, as CIS practice has it.
	Total TBRow
}

// Balanced reports whether each pair of columns of the total agrees.
func (tb *TrialBalance) Balanced() bool {
	t := tb.Total
	return t.OpeningDebit == t.OpeningCredit && t.Debit == t.Credit && t.ClosingDebit == t.ClosingCredit
}

// BuildTrialBalance computes the trial balance from turnover before the
// period (opening) and within it, over the chart. Each posting-level
// account's balance is shown on its debit or credit side; a group row adds
// up its sub-accounts' columns (the expanded balance 1C shows).
func BuildTrialBalance(chart ledger.Chart, base money.Currency, from, to ledger.Date, opening, period []ledger.AccountTurnover) (*TrialBalance, error) {
	type acc struct{ open, turn ledger.Turnover }
	byAccount := map[ledger.AccountCode]*acc{}
	get := func(c ledger.AccountCode) *acc {
		a := byAccount[c]
		if a == nil {
			a = &acc{}
			byAccount[c] = a
		}
		return a
	}
	for _, t := range opening {
		a := get(t.Account)
		var err error
		if a.open, err = a.open.Add(ledger.Turnover{Debit: t.Debit, Credit: t.Credit}); err != nil {
			return nil, err
		}
	}
	for _, t := range period {
		a := get(t.Account)
		var err error
		if a.turn, err = a.turn.Add(ledger.Turnover{Debit: t.Debit, Credit: t.Credit}); err != nil {
			return nil, err
		}
	}
	rows := map[ledger.AccountCode]*TBRow{}
	for code, a := range byAccount {
		r, err := leafRow(code, a.open, a.turn)
		if err != nil {
			return nil, err
		}
		if r == (TBRow{Account: code}) {
			continue
		}
		if err := addUp(rows, chart, r); err != nil {
			return nil, err
		}
	}
	return finishTB(rows, chart, base, from, to)
}

// leafRow places a posting-level account's opening and closing balance on
// the debit or credit side.
func leafRow(code ledger.AccountCode, open, turn ledger.Turnover) (TBRow, error) {
	r := TBRow{Account: code, Debit: turn.Debit, Credit: turn.Credit}
	ob, err1 := money.Sub(open.Debit, open.Credit)
	cb, err2 := money.Add(ob, turn.Debit)
	cb, err3 := money.Sub(cb, turn.Credit)
	if err1 != nil || err2 != nil || err3 != nil {
		return r, ledger.Errorf(ledger.EInvalid, "balance of %s out of range", code)
	}
	r.OpeningDebit, r.OpeningCredit = split(ob)
	r.ClosingDebit, r.ClosingCredit = split(cb)
	return r, nil
}

func split(b money.Amount) (dt, kt money.Amount) {
	if b >= 0 {
		return b, 0
	}
	return 0, -b
}

// addUp adds a leaf row to its own line and to each ancestor's line.
func addUp(rows map[ledger.AccountCode]*TBRow, chart ledger.Chart, r TBRow) error {
	// A parent missing from the chart still gets a row; it is off-balance
	// when what it adds up is, so that Total leaves it out.
	off := chart[r.Account] != nil && chart[r.Account].OffBalance()
	code := r.Account
	for depth := 0; code != "" && depth < 64; depth++ {
		row := rows[code]
		if row == nil {
			row = &TBRow{Account: code, OffBalance: off}
			rows[code] = row
		}
		if err := addColumns(row, r); err != nil {
			return err
		}
		a := chart[code]
		if a == nil {
			break
		}
		code = a.Parent
	}
	return nil
}

func addColumns(dst *TBRow, r TBRow) error {
	cols := []struct {
		d *money.Amount
		v money.Amount
	}{
		{&dst.OpeningDebit, r.OpeningDebit}, {&dst.OpeningCredit, r.OpeningCredit},
		{&dst.Debit, r.Debit}, {&dst.Credit, r.Credit},
		{&dst.ClosingDebit, r.ClosingDebit}, {&dst.ClosingCredit, r.ClosingCredit},
	}
	for _, c := range cols {
		sum, err := money.Add(*c.d, c.v)
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "trial balance of %s out of range", dst.Account)
		}
		*c.d = sum
	}
	return nil
}

func finishTB(rows map[ledger.AccountCode]*TBRow, chart ledger.Chart, base money.Currency, from, to ledger.Date) (*TrialBalance, error) {
	tb := &TrialBalance{From: from, To: to, Currency: base, Total: TBRow{Account: "total"}}
	for code, r := range rows {
		a := chart[code]
		if a != nil {
			r.Name, r.Group, r.OffBalance = a.Names, a.Group, a.OffBalance()
			r.Depth = depthOf(chart, a)
		}
		if r.Depth == 0 && !r.OffBalance {
			if err := addColumns(&tb.Total, *r); err != nil {
				return nil, err
			}
		}
		tb.Rows = append(tb.Rows, *r)
	}
	slices.SortFunc(tb.Rows, func(a, b TBRow) int {
		if a.OffBalance != b.OffBalance {
			if a.OffBalance {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Account, b.Account)
	})
	return tb, nil
}

func depthOf(chart ledger.Chart, a *ledger.Account) int {
	d := 0
	for a.Parent != "" && d < 64 {
		p := chart[a.Parent]
		if p == nil {
			d++ // addUp gave the missing parent a row of its own
			break
		}
		a, d = p, d+1
	}
	return d
}
