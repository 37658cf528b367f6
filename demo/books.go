package demo

import (
	"fmt"

	"hasap/ledger"
	"hasap/money"
)

// books is the simulation's own view of what it has posted: balances per
// account and per account with analytics, and this month's turnover per
// account. The business decisions read it (is there money to pay, what does
// the stock cost) the way an accountant reads the trial balance; it is
// updated only from entries the app has accepted.
type books struct {
	sub   map[subKey]position
	acct  map[ledger.AccountCode]position
	month map[ledger.AccountCode]turnover
}

// position is a running balance, debit positive: in manat, in the foreign
// currency (only USD is used) and in quantity.
type position struct {
	amount money.Amount
	cur    money.Amount
	qty    ledger.Quantity
}

type subKey struct {
	account   ledger.AccountCode
	analytics [ledger.MaxAnalytics]ledger.AnalyticID
}

type turnover struct{ debit, credit money.Amount }

func newBooks() *books {
	return &books{sub: map[subKey]position{}, acct: map[ledger.AccountCode]position{}, month: map[ledger.AccountCode]turnover{}}
}

func keyOf(sd ledger.Side) subKey { return subKey{sd.Account, sd.Analytics} }

// balance returns the balance of account code, debit positive.
func (b *books) balance(code ledger.AccountCode) position { return b.acct[code] }

// at returns the balance of one account with its analytics.
func (b *books) at(sd ledger.Side) position { return b.sub[keyOf(sd)] }

// mustStayPositive lists the accounts that can never be overdrawn: the cash
// desk, the bank and currency accounts as a whole, and the goods of each
// item in each warehouse.
var mustStayPositive = map[ledger.AccountCode]bool{accCash: true, accBank: true, accCurrency: true}

// check refuses an entry that would take cash, bank or currency below zero
// at the end of it, or any item's stock in a warehouse below zero in
// quantity or value.
func (b *books) check(e *ledger.Entry) error {
	accts := map[ledger.AccountCode]position{}
	subs := map[subKey]position{}
	for i := range e.Postings {
		p := &e.Postings[i]
		for _, side := range []struct {
			sd   *ledger.Side
			sign int64
		}{{&p.Debit, 1}, {&p.Credit, -1}} {
			sd := side.sd
			switch {
			case mustStayPositive[sd.Account]:
				cur := accts[sd.Account]
				if _, ok := accts[sd.Account]; !ok {
					cur = b.acct[sd.Account]
				}
				next, err := cur.plus(p.Amount, sd, side.sign)
				if err != nil {
					return err
				}
				accts[sd.Account] = next
			case sd.Account == accGoods:
				k := keyOf(*sd)
				cur, ok := subs[k]
				if !ok {
					cur = b.sub[k]
				}
				next, err := cur.plus(p.Amount, sd, side.sign)
				if err != nil {
					return err
				}
				subs[k] = next
			}
		}
	}
	for code, p := range accts {
		if p.amount < 0 || p.cur < 0 {
			return fmt.Errorf("account %s would go below zero (%s, currency %s)", code, money.Decimal(p.amount, 2), money.Decimal(p.cur, 2))
		}
	}
	for k, p := range subs {
		if p.amount < 0 || p.qty < 0 {
			return fmt.Errorf("stock on %s %v would go below zero", k.account, k.analytics)
		}
	}
	return nil
}

// plus returns p moved by one side of a posting (sign 1 debit, -1 credit).
func (p position) plus(amount money.Amount, sd *ledger.Side, sign int64) (position, error) {
	a, err1 := money.Mul(amount, sign)
	c, err2 := money.Mul(sd.CurAmount, sign)
	q, err3 := money.Mul(money.Amount(sd.Qty), sign)
	if err1 != nil || err2 != nil || err3 != nil {
		return p, money.ErrOverflow
	}
	var out position
	var err [3]error
	out.amount, err[0] = money.Add(p.amount, a)
	out.cur, err[1] = money.Add(p.cur, c)
	var qty money.Amount
	qty, err[2] = money.Add(money.Amount(p.qty), q)
	out.qty = ledger.Quantity(qty)
	for _, e := range err {
		if e != nil {
			return p, e
		}
	}
	return out, nil
}

// negative reports the first cash, bank, currency or stock balance that e
// left below zero, once applied.
func (b *books) negative(e *ledger.Entry) error {
	for i := range e.Postings {
		p := &e.Postings[i]
		for _, sd := range []*ledger.Side{&p.Debit, &p.Credit} {
			switch {
			case mustStayPositive[sd.Account]:
				if pos := b.acct[sd.Account]; pos.amount < 0 || pos.cur < 0 {
					return fmt.Errorf("account %s went below zero (%s, currency %s)", sd.Account, money.Decimal(pos.amount, 2), money.Decimal(pos.cur, 2))
				}
			case sd.Account == accGoods:
				if pos := b.sub[keyOf(*sd)]; pos.amount < 0 || pos.qty < 0 {
					return fmt.Errorf("stock on %s %v went below zero", sd.Account, sd.Analytics)
				}
			}
		}
	}
	return nil
}

// apply adds a posted entry to the balances and this month's turnover.
func (b *books) apply(e *ledger.Entry) error {
	for i := range e.Postings {
		p := &e.Postings[i]
		if err := b.applySide(&p.Debit, p.Amount, 1); err != nil {
			return err
		}
		if err := b.applySide(&p.Credit, p.Amount, -1); err != nil {
			return err
		}
	}
	return nil
}

func (b *books) applySide(sd *ledger.Side, amount money.Amount, sign int64) error {
	if sd.Account == "" {
		return nil
	}
	var err error
	k := keyOf(*sd)
	if b.sub[k], err = b.sub[k].plus(amount, sd, sign); err != nil {
		return err
	}
	if b.acct[sd.Account], err = b.acct[sd.Account].plus(amount, sd, sign); err != nil {
		return err
	}
	t := b.month[sd.Account]
	if sign > 0 {
		t.debit, err = money.Add(t.debit, amount)
	} else {
		t.credit, err = money.Add(t.credit, amount)
	}
	b.month[sd.Account] = t
	return err
}

// newMonth forgets the month's turnover.
func (b *books) newMonth() { clear(b.month) }
