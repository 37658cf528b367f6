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

// Amounts are the six columns of a trial balance: the opening balance, the
// turnover and the closing balance, each on the debit and the credit side.
// They hold base money, a currency's minor units or quantities in
// thousandths, as the row's field says.
type Amounts struct {
	OpeningDebit  money.Amount
	OpeningCredit money.Amount
	Debit         money.Amount
	Credit        money.Amount
	ClosingDebit  money.Amount
	ClosingCredit money.Amount
}

// IsZero reports whether every column is zero.
func (a Amounts) IsZero() bool { return a == Amounts{} }

// Add adds b column by column, or fails on overflow.
func (a *Amounts) Add(b Amounts) error {
	cols := [...]struct {
		d *money.Amount
		v money.Amount
	}{
		{&a.OpeningDebit, b.OpeningDebit}, {&a.OpeningCredit, b.OpeningCredit},
		{&a.Debit, b.Debit}, {&a.Credit, b.Credit},
		{&a.ClosingDebit, b.ClosingDebit}, {&a.ClosingCredit, b.ClosingCredit},
	}
	for _, c := range cols {
		sum, err := money.Add(*c.d, c.v)
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "trial balance out of range")
		}
		*c.d = sum
	}
	return nil
}

// amountsOf places an opening balance (debit − credit before the period)
// and the period's turnover on their sides.
func amountsOf(openDt, openKt, dt, kt money.Amount) (Amounts, error) {
	a := Amounts{Debit: dt, Credit: kt}
	ob, err1 := money.Sub(openDt, openKt)
	cb, err2 := money.Add(ob, dt)
	cb, err3 := money.Sub(cb, kt)
	if err1 != nil || err2 != nil || err3 != nil {
		return a, ledger.Errorf(ledger.EInvalid, "balance out of range")
	}
	a.OpeningDebit, a.OpeningCredit = split(ob)
	a.ClosingDebit, a.ClosingCredit = split(cb)
	return a, nil
}

func split(b money.Amount) (dt, kt money.Amount) {
	if b >= 0 {
		return b, 0
	}
	return 0, -b
}

// TBRow is one line of the trial balance: an account, or below an account
// expanded by analytics one of its analytics (Level 1 the first, e.g. the
// counterparty; Level 2 the second, e.g. its contract), or a currency of
// the line above it. Its embedded Amounts are in base currency.
type TBRow struct {
	Account    ledger.AccountCode
	Name       ledger.Names // the account's, or the analytic's from its catalog
	Depth      int          // 0 for a synthetic account, 1 for its sub-account...; analytics and currencies go deeper
	Group      bool         // the row adds up the rows below it (sub-accounts, analytics)
	OffBalance bool
	Amounts
	// Level is 0 for an account's row, 1..3 for its analytics' rows, and
	// the level below the deepest analytic for a currency row.
	Level int
	// Analytics are the analytics of an analytic row, its first Level
	// slots set (0 in a set slot: postings without that analytic).
	Analytics [ledger.MaxAnalytics]ledger.AnalyticID
	Kind      ledger.AnalyticKind // the catalog of an analytic row's own analytic
	Code      string              // that analytic's code
	// Currency is the currency of a currency row, or of a row whose
	// amounts are all in that one currency; Cur holds its columns in
	// that currency's minor units.
	Currency    string
	CurrencyRow bool
	Cur         Amounts
	// Quantity: the account keeps quantities; Qty holds them in
	// thousandths (ledger.Quantity).
	Quantity bool
	Qty      Amounts
	// Expandable: the account, or an account below it, keeps analytics;
	// Expanded: its analytics are listed below it.
	Expandable, Expanded bool
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
	// Expanded lists the posting-level accounts shown by analytics.
	Expanded []ledger.AccountCode
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
	return BuildTB(TBInput{Chart: chart, Base: base, From: from, To: to, Opening: opening, Period: period})
}
