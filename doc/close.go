package doc

import (
	"sort"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// Closing the month and the year (issue 5), as documents whose posting
// rules read the books through Inputs and post what brings them to where
// the rule wants them. Each rule is a "bring to target" rule: run again on
// books it has already closed, it posts nothing, which is how the month
// close tells a step that is out of date (postings changed after it) from
// one that is done.
//
// The order of a month, as DOMAIN.md gives the CIS practice (the steps
// before revaluation, depreciation and the closing of 20/26/44, are other
// documents): revaluation of currency balances, closing 90 and 91 to 99,
// profit tax; in December then the year close, 99 to 84. Each is dated
// the last day of its month.

// ClosingAccounts are the accounts and choices of the closing documents.
type ClosingAccounts struct {
	// FXGain and FXLoss take the exchange differences of a revaluation
	// (cis: 91.01 other income and 91.02 other expenses, which have no
	// sub-account for them in the built-in chart; ifrs: 8100 and 8150).
	FXGain, FXLoss ledger.AccountCode
	// NotRevalued lists accounts kept in a currency that a revaluation
	// leaves at their historical rate (the settings take posting accounts
	// of the chart only; a code also matches the codes under it). cis: the
	// advances paid and received in currency (60.22, 62.22). The rule
	// followed: IAS 21 §16 and §23 (and the Russian PBU 3/2006 §7 that CIS
	// charts follow) revalue monetary items only; an advance paid or
	// received is settled by goods or services, not by currency, so it is
	// non-monetary and stays at the rate of the day it was paid. The
	// built-in ifrs chart keeps no advance in a currency, so its list is
	// empty.
	NotRevalued []string
	// SalesResult and OtherResult are the result sub-accounts of the sales
	// and other income groups (cis: 90.09 and 91.09; their parents 90 and
	// 91 are the groups). The month close moves the month's balance of
	// each group, all its sub-accounts together, from the result
	// sub-account to ProfitLoss, as the CIS chart instructions (order 94n
	// of the Russian Ministry of Finance, which 1C follows) want it: the
	// sub-accounts of 90 and 91 accumulate the year, the group has no
	// balance at a month's end, and the year close zeroes each sub-account
	// against the result sub-account. An income or expense account of no
	// group (ifrs: 4000-8910) is closed directly to ProfitLoss every month.
	SalesResult, OtherResult ledger.AccountCode
	// ProfitLoss is the account of the year's result (cis: 99; ifrs: 3900,
	// current year profit or loss).
	ProfitLoss ledger.AccountCode
	// RetainedEarnings takes the year's result at the year close (cis: 84;
	// ifrs: 3100).
	RetainedEarnings ledger.AccountCode
	// ProfitTaxExpense is debited with the profit tax (cis: 99 itself, the
	// conditional expense on profit tax; ifrs: 8900, closed to ProfitLoss
	// by the same entry) and ProfitTaxPayable credited (cis: 68.04; ifrs:
	// 2110).
	ProfitTaxExpense, ProfitTaxPayable ledger.AccountCode
	// ProfitTaxRate is the rate of the profit tax on the accounting profit
	// of the year to date. review: DOMAIN.md gives 8 % for Turkmen legal
	// entities (2 % for small and medium enterprises, 20 % for entities
	// over 50 % state-owned and foreign branches); 8 % is the default.
	ProfitTaxRate Rate
}

// DefaultClosing returns the closing accounts of a built-in chart: cis and
// ifrs have them; any other chart gets the zero value and its organisation
// names the accounts itself.
func DefaultClosing(chart string) ClosingAccounts {
	switch chart {
	case "cis":
		return ClosingAccounts{
			FXGain: "91.01", FXLoss: "91.02", NotRevalued: []string{"60.22", "62.22"},
			SalesResult: "90.09", OtherResult: "91.09", ProfitLoss: "99", RetainedEarnings: "84",
			ProfitTaxExpense: "99", ProfitTaxPayable: "68.04", ProfitTaxRate: "8%",
		}
	case "ifrs":
		return ClosingAccounts{
			FXGain: "8100", FXLoss: "8150", ProfitLoss: "3900", RetainedEarnings: "3100",
			ProfitTaxExpense: "8900", ProfitTaxPayable: "2110", ProfitTaxRate: "8%",
		}
	}
	return ClosingAccounts{ProfitTaxRate: "8%"}
}

// AccountBalance is the balance of one account for one combination of
// analytics in one currency: what a closing document reads from the
// books.
type AccountBalance struct {
	Account   ledger.AccountCode
	Analytics [ledger.MaxAnalytics]ledger.AnalyticID
	// Currency is the foreign currency of CurAmount, "" for none.
	Currency string
	// Amount is debit minus credit in the base currency, CurAmount in
	// Currency.
	Amount, CurAmount money.Amount
}

// ProfitToDate is what the profit tax reads: the year's accounting
// profit before profit tax from 1 January to the document's date (the
// credit balance of the year's turnover of ProfitLoss with the profit tax
// accrued added back; negative for a loss), and the profit tax accrued by
// the year's profit tax documents before this one (credit of
// ProfitTaxPayable, net).
type ProfitToDate struct {
	BeforeTax, Accrued money.Amount
}

// ClosingNeeds is what a closing document needs from the books.
type ClosingNeeds struct {
	// Accounts: the balances at the end of the document's date of these
	// accounts, per analytics and currency (Inputs.Ledger).
	Accounts []ledger.AccountCode
	// Rates: the Central Bank rates of the date of the currencies the
	// balances hold (Inputs.Rates).
	Rates bool
	// Profit: the year's profit before tax and the tax accrued
	// (Inputs.Profit).
	Profit bool
}

// Closing reports whether t is a closing document, made by the month
// close rather than typed in a form.
func (t Type) Closing() bool {
	return t == Revaluation || t == CloseMonth || t == ProfitTax || t == CloseYear
}

// ClosingNeeds says what Post needs from the books for the closing
// document d with settings s and the organisation's chart: the posting
// accounts whose balances it reads, in code order.
func (d Document) ClosingNeeds(s Settings, chart ledger.Chart) ClosingNeeds {
	c := s.Closing
	var n ClosingNeeds
	pick := func(keep func(a *ledger.Account) bool) {
		for code, a := range chart {
			if !a.Group && keep(a) {
				n.Accounts = append(n.Accounts, code)
			}
		}
		sort.Slice(n.Accounts, func(i, j int) bool { return n.Accounts[i] < n.Accounts[j] })
	}
	groups := resultGroups(c, chart)
	switch d.Type {
	case Revaluation:
		pick(func(a *ledger.Account) bool { return a.Currency && !notRevalued(c, a.Code) })
		n.Rates = true
	case CloseMonth:
		pick(func(a *ledger.Account) bool { return profitAndLoss(a, chart, groups) })
	case CloseYear:
		pick(func(a *ledger.Account) bool { return profitAndLoss(a, chart, groups) || a.Code == c.ProfitLoss })
	case ProfitTax:
		n.Profit = true
	}
	return n
}

// resultGroups maps each group of a result sub-account (90, 91) to it.
func resultGroups(c ClosingAccounts, chart ledger.Chart) map[ledger.AccountCode]ledger.AccountCode {
	out := map[ledger.AccountCode]ledger.AccountCode{}
	for _, r := range []ledger.AccountCode{c.SalesResult, c.OtherResult} {
		if a := chart[r]; a != nil && a.Parent != "" {
			out[a.Parent] = r
		}
	}
	return out
}

// groupOf returns the result group a lies in, "" for none.
func groupOf(a *ledger.Account, chart ledger.Chart, groups map[ledger.AccountCode]ledger.AccountCode) ledger.AccountCode {
	for p, n := a.Parent, 0; p != "" && n < 16; n++ {
		if _, ok := groups[p]; ok {
			return p
		}
		up := chart[p]
		if up == nil {
			break
		}
		p = up.Parent
	}
	return ""
}

// profitAndLoss reports whether a is closed to ProfitLoss: an income or
// expense account, or any account of a result group.
func profitAndLoss(a *ledger.Account, chart ledger.Chart, groups map[ledger.AccountCode]ledger.AccountCode) bool {
	return a.Class == ledger.Income || a.Class == ledger.Expense || groupOf(a, chart, groups) != ""
}

// Revalues reports whether a revaluation with these choices revalues
// account code's currency balances (those of an account kept in a
// currency): whether code is not in NotRevalued, nor under one of them.
func (c ClosingAccounts) Revalues(code ledger.AccountCode) bool { return !notRevalued(c, code) }

func notRevalued(c ClosingAccounts, code ledger.AccountCode) bool {
	for _, p := range c.NotRevalued {
		p = strings.TrimSpace(p)
		if p != "" && (string(code) == p || strings.HasPrefix(string(code), p+".")) {
			return true
		}
	}
	return false
}

// exactSide is the side of a posting to acct with the analytics given,
// checked against the chart: the account takes postings and every
// analytic it requires is there. currency is set on a currency account.
func (b *builder) exactSide(which string, acct ledger.AccountCode, an [ledger.MaxAnalytics]ledger.AnalyticID, currency string) (ledger.Side, error) {
	a, err := b.account(which, acct)
	if err != nil {
		return ledger.Side{}, err
	}
	for i, k := range a.Analytics {
		if i < ledger.MaxAnalytics && an[i] == 0 {
			return ledger.Side{}, ledger.Errorf(ledger.EInvalid, "%s account %s requires %s", which, acct, k)
		}
	}
	s := ledger.Side{Account: acct}
	for i := range a.Analytics {
		if i < ledger.MaxAnalytics {
			s.Analytics[i] = an[i]
		}
	}
	if a.Currency && currency != "" {
		s.Currency = currency
	}
	return s, nil
}

// transfer posts amount from one side to the other: a positive amount debits
// dt and credits kt, a negative one the other way round (so that no
// closing posting is red).
func (b *builder) transfer(dt, kt ledger.Side, amount money.Amount) error {
	if amount < 0 {
		n, err := money.Neg(amount)
		if err != nil {
			return errRange
		}
		dt, kt, amount = kt, dt, n
	}
	b.add(dt, kt, amount)
	return nil
}

// noAnalytics is the zero analytics of a side that keeps none.
var noAnalytics [ledger.MaxAnalytics]ledger.AnalyticID

// revaluation brings the base balance of every account kept in a foreign
// currency (but those of Closing.NotRevalued), per analytics and currency,
// to its currency balance at the Central Bank rate of the date, rounded
// half away from zero; the difference goes to other income or expense:
//
//	Dt 52 Kt 91.01    the base balance of an asset grows (the rate rose)
//	Dt 91.02 Kt 52    it falls
//	Dt 91.02 Kt 60.21 a liability grows
//
// The revalued side keeps its currency with no currency amount.
func (b *builder) revaluation() error {
	c := b.s.Closing
	for _, r := range b.in.Ledger {
		a := b.in.Chart[r.Account]
		if r.Currency == "" || r.Currency == b.base.Code || a == nil || !a.Currency || notRevalued(c, r.Account) {
			continue
		}
		cur, err := money.Lookup(r.Currency)
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "account %s: unknown currency %q", r.Account, r.Currency)
		}
		rate := b.in.Rates[r.Currency]
		if rate.IsZero() {
			return ledger.Errorf(ledger.EInvalid, "no exchange rate of %s on %s", r.Currency, b.d.Date.String())
		}
		target, err := rate.Convert(r.CurAmount, cur, b.base)
		if err != nil {
			return errRange
		}
		diff, err := money.Sub(target, r.Amount)
		if err != nil {
			return errRange
		}
		if diff == 0 {
			continue
		}
		acct, err := b.exactSide("debit", r.Account, r.Analytics, r.Currency)
		if err != nil {
			return err
		}
		fx, which := c.FXGain, "credit"
		if diff < 0 {
			fx, which = c.FXLoss, "debit"
		}
		other, err := b.exactSide(which, fx, noAnalytics, "")
		if err != nil {
			return err
		}
		if err := b.transfer(acct, other, diff); err != nil {
			return err
		}
	}
	return nil
}

// pnl sums the balances of the result groups and lists the rows of the
// other income and expense accounts.
func (b *builder) pnl() (sums map[ledger.AccountCode]money.Amount, direct, inGroups []AccountBalance, err error) {
	groups := resultGroups(b.s.Closing, b.in.Chart)
	sums = map[ledger.AccountCode]money.Amount{}
	for _, r := range b.in.Ledger {
		a := b.in.Chart[r.Account]
		if a == nil || r.Account == b.s.Closing.ProfitLoss {
			continue
		}
		if g := groupOf(a, b.in.Chart, groups); g != "" {
			if sums[groups[g]], err = money.Add(sums[groups[g]], r.Amount); err != nil {
				return nil, nil, nil, errRange
			}
			inGroups = append(inGroups, r)
		} else if a.Class == ledger.Income || a.Class == ledger.Expense {
			direct = append(direct, r)
		}
	}
	return sums, direct, inGroups, nil
}

// closeMonth closes the month's income and expenses to ProfitLoss:
//
//	Dt 90.09 Kt 99   the profit of the month on sales: the credit balance of the whole of 90
//	Dt 99 Kt 90.09   a loss on sales
//	Dt 91.09 Kt 99   other income over other expenses (and the other way round for a loss)
//	Dt 4000 Kt 3900  an income account of no group, closed directly (ifrs)
//
// so that 90 and 91 as groups, and every income and expense account of no
// group, have no balance at the month's end.
func (b *builder) closeMonth() error {
	c := b.s.Closing
	sums, direct, _, err := b.pnl()
	if err != nil {
		return err
	}
	var pl ledger.Side // ProfitLoss, looked up when there is something to close to it
	if len(direct) > 0 || sums[c.SalesResult] != 0 || sums[c.OtherResult] != 0 {
		if pl, err = b.exactSide("debit", c.ProfitLoss, noAnalytics, ""); err != nil {
			return err
		}
	}
	for _, result := range []ledger.AccountCode{c.SalesResult, c.OtherResult} {
		if sums[result] == 0 {
			continue
		}
		r, err := b.exactSide("credit", result, noAnalytics, "")
		if err != nil {
			return err
		}
		if err := b.transfer(pl, r, sums[result]); err != nil {
			return err
		}
	}
	for _, r := range direct {
		if r.Amount == 0 {
			continue
		}
		acct, err := b.exactSide("credit", r.Account, r.Analytics, "")
		if err != nil {
			return err
		}
		if err := b.transfer(pl, acct, r.Amount); err != nil {
			return err
		}
	}
	return nil
}

// closeYear closes the year on 31 December, after December's close: each
// sub-account of 90 and 91 against its result sub-account (the
// reformation), then ProfitLoss to RetainedEarnings:
//
//	Dt 90.01 Kt 90.09   the year's revenue
//	Dt 90.09 Kt 90.02   the year's cost of sales (and so on for 90.03-90.08, 91.01, 91.02)
//	Dt 99 Kt 84         the year's profit (Dt 84 Kt 99 a loss)
//
// after which every income and expense account and ProfitLoss are zero.
// Income or expenses not yet closed to ProfitLoss are an EInvalid error:
// the month close of December comes first.
func (b *builder) closeYear() error {
	c := b.s.Closing
	if _, m, d := b.d.Date.YMD(); m != 12 || d != 31 {
		return ledger.Errorf(ledger.EInvalid, "the year is closed on 31 December, not on %s", b.d.Date.String())
	}
	sums, direct, inGroups, err := b.pnl()
	if err != nil {
		return err
	}
	for _, s := range sums {
		if s != 0 {
			return ledger.Errorf(ledger.EInvalid, "close December's income and expenses to %s first", c.ProfitLoss)
		}
	}
	for _, r := range direct {
		if r.Amount != 0 {
			return ledger.Errorf(ledger.EInvalid, "close December's income and expenses to %s first", c.ProfitLoss)
		}
	}
	groups := resultGroups(c, b.in.Chart)
	for _, r := range inGroups {
		result := groups[groupOf(b.in.Chart[r.Account], b.in.Chart, groups)]
		if r.Amount == 0 || r.Account == result {
			continue
		}
		res, err := b.exactSide("debit", result, noAnalytics, "")
		if err != nil {
			return err
		}
		acct, err := b.exactSide("credit", r.Account, r.Analytics, "")
		if err != nil {
			return err
		}
		if err := b.transfer(res, acct, r.Amount); err != nil {
			return err
		}
	}
	for _, r := range b.in.Ledger {
		if r.Account != c.ProfitLoss || r.Amount == 0 {
			continue
		}
		re, err := b.exactSide("debit", c.RetainedEarnings, noAnalytics, "")
		if err != nil {
			return err
		}
		pl, err := b.exactSide("credit", r.Account, r.Analytics, "")
		if err != nil {
			return err
		}
		if err := b.transfer(re, pl, r.Amount); err != nil {
			return err
		}
	}
	return nil
}

// profitTax accrues the profit tax of the year to date, less what the
// year's earlier profit tax documents accrued:
//
//	due = max(0, Profit.BeforeTax) × ProfitTaxRate, rounded half away from zero
//	Dt 99 Kt 68.04   due − Profit.Accrued, when positive
//	Dt 68.04 Kt 99   when negative: a month's loss gives back tax accrued earlier in the year
//
// (ifrs: Dt 8900 Kt 2110 and Dt 3900 Kt 8900 in the same entry, so that
// the expense is closed like the rest of the month). A loss for the year
// to date accrues nothing: no deferred tax asset is recognised for a loss
// carried forward (review: whether and how long the Turkmen tax code lets
// a loss be carried forward is not in DOMAIN.md; an accountant who
// recognises one posts it by a manual operation). The base is the
// accounting profit; the differences of the tax base (expenses not
// deductible, levies on profit) are the accountant's manual operations.
func (b *builder) profitTax() error {
	c := b.s.Closing
	bp, err := c.ProfitTaxRate.basisPoints()
	if err != nil || c.ProfitTaxRate == Exempt {
		return ledger.Errorf(ledger.EInvalid, "the profit tax rate %q is not a percentage such as 8%%", string(c.ProfitTaxRate))
	}
	due := money.Amount(0)
	if b.in.Profit.BeforeTax > 0 {
		if due, err = mulDivRound(b.in.Profit.BeforeTax, bp, 10000); err != nil {
			return err
		}
	}
	delta, err := money.Sub(due, b.in.Profit.Accrued)
	if err != nil {
		return errRange
	}
	if delta == 0 {
		return nil
	}
	exp, err := b.exactSide("debit", c.ProfitTaxExpense, noAnalytics, "")
	if err != nil {
		return err
	}
	pay, err := b.exactSide("credit", c.ProfitTaxPayable, noAnalytics, "")
	if err != nil {
		return err
	}
	if err := b.transfer(exp, pay, delta); err != nil {
		return err
	}
	if c.ProfitTaxExpense == c.ProfitLoss {
		return nil
	}
	pl, err := b.exactSide("debit", c.ProfitLoss, noAnalytics, "")
	if err != nil {
		return err
	}
	return b.transfer(pl, exp, delta)
}

// WithPending returns in as the books would be once ps are posted too: the
// postings that the steps of a close before this one will post, so that a
// preview of a later step shows what it will post after them (closing 90
// and 91 after the revaluation's exchange differences, the profit tax on
// the month's result once it is in 99). Each side of each posting moves
// the balance of its account, analytics and currency in Ledger (a new row
// where there is none), and those on ProfitLoss move Profit.BeforeTax.
// in is not changed.
func (in Inputs) WithPending(ps []ledger.Posting, s Settings) (Inputs, error) {
	if len(ps) == 0 {
		return in, nil
	}
	type key struct {
		acct     ledger.AccountCode
		an       [ledger.MaxAnalytics]ledger.AnalyticID
		currency string
	}
	rows := append([]AccountBalance(nil), in.Ledger...)
	at := map[key]int{}
	for i, r := range rows {
		at[key{r.Account, r.Analytics, r.Currency}] = i
	}
	move := func(side ledger.Side, amount money.Amount, sign int64) error {
		k := key{side.Account, side.Analytics, side.Currency}
		i, ok := at[k]
		if !ok {
			i = len(rows)
			at[k] = i
			rows = append(rows, AccountBalance{Account: side.Account, Analytics: side.Analytics, Currency: side.Currency})
		}
		a, err1 := money.Add(rows[i].Amount, money.Amount(sign)*amount)
		c, err2 := money.Add(rows[i].CurAmount, money.Amount(sign)*side.CurAmount)
		if err1 != nil || err2 != nil {
			return errRange
		}
		rows[i].Amount, rows[i].CurAmount = a, c
		if side.Account == s.Closing.ProfitLoss {
			if in.Profit.BeforeTax, err1 = money.Add(in.Profit.BeforeTax, money.Amount(-sign)*amount); err1 != nil {
				return errRange
			}
		}
		return nil
	}
	for _, p := range ps {
		if err := move(p.Debit, p.Amount, 1); err != nil {
			return in, err
		}
		if err := move(p.Credit, p.Amount, -1); err != nil {
			return in, err
		}
	}
	in.Ledger = rows
	return in, nil
}
