package report

import (
	"cmp"
	"slices"

	"hasap/ledger"
	"hasap/money"
)

// MonthTurnover is the turnover per account and currency of one month of a
// period (From..To: the whole month, or the part of it the period covers).
type MonthTurnover struct {
	From, To ledger.Date
	Turnover []ledger.AccountTurnover
}

// GLMonth is one month of an account in the general ledger.
type GLMonth struct {
	From, To ledger.Date
	Amounts
}

// GLAccount is one account of the general ledger: its months, and the
// period as a whole (the first month's opening, the months' turnover
// added, the last month's closing).
type GLAccount struct {
	Account ledger.AccountCode
	Name    ledger.Names
	Depth   int
	Months  []GLMonth
	Period  Amounts
}

// GeneralLedger is the general ledger (главная книга) of a period: per
// account, per month, the opening balance, the turnover and the closing
// balance. With one account asked for, it is that account's analysis by
// months.
type GeneralLedger struct {
	From, To ledger.Date
	Currency money.Currency
	Accounts []GLAccount
}

// BuildGeneralLedger builds the general ledger from the turnover before
// the period and each month's turnover, in order: each month is the trial
// balance of that month, its opening the turnover before the period and
// of the months before it. It lists the synthetic (top-level) accounts, or
// with only ≠ "" that one account (any level). A balance is placed on its
// side as the trial balance places it: each posting-level account's on its
// own, a synthetic account adding up its sub-accounts.
func BuildGeneralLedger(chart ledger.Chart, base money.Currency, from, to ledger.Date, opening []ledger.AccountTurnover, months []MonthTurnover, only ledger.AccountCode) (*GeneralLedger, error) {
	gl := &GeneralLedger{From: from, To: to, Currency: base}
	index := map[ledger.AccountCode]int{}
	before := append([]ledger.AccountTurnover(nil), opening...)
	for _, m := range months {
		tb, err := BuildTrialBalance(chart, base, m.From, m.To, before, m.Turnover)
		if err != nil {
			return nil, err
		}
		for _, r := range tb.Rows {
			if only != "" && r.Account != only || only == "" && r.Depth != 0 {
				continue
			}
			i, ok := index[r.Account]
			if !ok {
				i = len(gl.Accounts)
				index[r.Account] = i
				gl.Accounts = append(gl.Accounts, GLAccount{Account: r.Account, Name: r.Name, Depth: r.Depth})
			}
			gl.Accounts[i].Months = append(gl.Accounts[i].Months, GLMonth{From: m.From, To: m.To, Amounts: r.Amounts})
		}
		before = append(before, m.Turnover...)
	}
	for i := range gl.Accounts {
		a := &gl.Accounts[i]
		first, last := a.Months[0], a.Months[len(a.Months)-1]
		a.Period = Amounts{OpeningDebit: first.OpeningDebit, OpeningCredit: first.OpeningCredit,
			ClosingDebit: last.ClosingDebit, ClosingCredit: last.ClosingCredit}
		for _, m := range a.Months {
			var err1, err2 error
			a.Period.Debit, err1 = money.Add(a.Period.Debit, m.Debit)
			a.Period.Credit, err2 = money.Add(a.Period.Credit, m.Credit)
			if err1 != nil || err2 != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "turnover of %s out of range", a.Account)
			}
		}
	}
	// Accounts in the order of the trial balance: balance sheet by code,
	// then off-balance; a month without movement or balance has no row.
	sortGL(gl.Accounts, chart)
	return gl, nil
}

func sortGL(accs []GLAccount, chart ledger.Chart) {
	off := func(c ledger.AccountCode) bool { a := chart[c]; return a != nil && a.OffBalance() }
	slices.SortFunc(accs, func(a, b GLAccount) int {
		if oa, ob := off(a.Account), off(b.Account); oa != ob {
			if oa {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Account, b.Account)
	})
}

// MonthsOf cuts a period into months: whole months, and the first and last
// as far as the period covers them. An open end is not cut.
func MonthsOf(from, to ledger.Date) [][2]ledger.Date {
	if from == ledger.NoDate || to == ledger.NoDate || from > to {
		return nil
	}
	var out [][2]ledger.Date
	for start := from; start <= to; {
		y, m, _ := start.YMD()
		end := ledger.DateOf(y, m+1, 1) - 1
		if end > to {
			end = to
		}
		out = append(out, [2]ledger.Date{start, end})
		start = end + 1
	}
	return out
}
