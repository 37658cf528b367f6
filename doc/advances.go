package doc

import (
	"hasap/ledger"
	"hasap/money"
)

// BalanceKey names the balance of a settlement account (62.01, 62.02,
// 60.01, 76.AV...) for one counterparty and contract.
type BalanceKey struct {
	Account      ledger.AccountCode
	Counterparty ledger.AnalyticID
	Contract     ledger.AnalyticID
}

// Balance is the balance of a settlement account: debit minus credit in
// the base currency (Amount) and, on a currency account, in the currency
// (Cur). A credit balance is negative: an advance received of 100.00 on
// 62.02 is Amount −100.00.
type Balance struct {
	Amount money.Amount
	Cur    money.Amount
}

// balance returns what is left of k's balance as the rule moves it.
func (b *builder) balance(k BalanceKey) Balance {
	if v, ok := b.bal[k]; ok {
		return v
	}
	return b.in.Balances[k]
}

// move adds a debit of amount and cur (a credit when negative) to k's
// balance, so that a second line of the same contract sees what the first
// left.
func (b *builder) move(k BalanceKey, amount, cur money.Amount) error {
	v := b.balance(k)
	a, err1 := money.Add(v.Amount, amount)
	c, err2 := money.Add(v.Cur, cur)
	if err1 != nil || err2 != nil {
		return errRange
	}
	b.bal[k] = Balance{Amount: a, Cur: c}
	return nil
}

// keyOf is the balance of acct for the counterparty and contract of refs.
func keyOf(acct ledger.AccountCode, refs Refs) BalanceKey {
	return BalanceKey{Account: acct, Counterparty: refs.Counterparty, Contract: refs.Contract}
}

// measure is the part of a balance the rule compares: the currency amount
// in a currency document, the base amount otherwise.
func (b *builder) measure(v Balance) money.Amount {
	if b.foreign {
		return v.Cur
	}
	return v.Amount
}

// settlementAccounts returns the settlement and advance accounts of a
// payment in (the customer's, 62.01 and 62.02) or out (the supplier's,
// 60.01 and 60.02), their currency twins for a currency document.
func settlementAccounts(s Settings, in, foreign bool) (settle, advance ledger.AccountCode) {
	if in {
		return pick(foreign, s.Sales.ReceivableCur, s.Sales.Receivable), pick(foreign, s.Sales.AdvancesReceivedCur, s.Sales.AdvancesReceived)
	}
	return pick(foreign, s.Purchases.PayableCur, s.Purchases.Payable), pick(foreign, s.Purchases.AdvancesPaidCur, s.Purchases.AdvancesPaid)
}

// payWithAdvance posts a payment of cur (the document's currency) in from
// a customer or out to a supplier: the part up to what is owed on the
// contract before it settles the debt (Kt 62.01, Dt 60.01), the rest is an
// advance (Kt 62.02, Dt 60.02), with its VAT when Settings.VATOnAdvances
// and the money comes in. In a currency document the debt is compared in
// the currency; the base amounts come from the running conversion of the
// document's payments, so the two parts add up to the payment's
// conversion exactly.
func (b *builder) payWithAdvance(in bool, cash, settle, advance ledger.AccountCode, refs Refs, cur money.Amount) error {
	key := keyOf(settle, refs)
	owed := b.measure(b.balance(key)) // a customer owes a debit balance
	if !in {
		var err error // the organisation owes a supplier a credit balance
		if owed, err = money.Neg(owed); err != nil {
			return errRange
		}
	}
	settleCur := min(max(owed, 0), cur)
	advCur := cur - settleCur // 0 ≤ settleCur ≤ cur: no overflow
	if settleCur != 0 {
		base, err := b.pay(in, cash, settle, refs, settleCur)
		if err != nil {
			return err
		}
		if in {
			base, settleCur = -base, -settleCur // a credit; both are ≥ 0, so no overflow
		}
		if err := b.move(key, base, settleCur); err != nil {
			return err
		}
	}
	if advCur == 0 {
		return nil
	}
	base, err := b.pay(in, cash, advance, refs, advCur)
	if err != nil || !in || !b.s.VATOnAdvances {
		return err
	}
	return b.chargeAdvanceVAT(refs, base)
}

// pay posts cur (the document's currency) of money in (Dt cash Kt other)
// or out (Dt other Kt cash) and returns its base amount.
func (b *builder) pay(in bool, cash, other ledger.AccountCode, refs Refs, cur money.Amount) (money.Amount, error) {
	amount, err := b.toBase("payment", cur)
	if err != nil {
		return 0, err
	}
	g := leg{dt: cash, kt: other, dtRefs: refs, ktRefs: refs, amount: amount, cur: cur}
	if !in {
		g.dt, g.kt = other, cash
	}
	return amount, b.post(g)
}

// chargeAdvanceVAT posts the VAT on an advance received of base (in the
// base currency): Dt 76.AV Kt 68.02, the default rate's part of the
// advance, which includes the VAT (15/115 of it at 15 %), rounded half
// away from zero.
//
// review: the rate is the organisation's default, not the contract's: an
// advance on an export at 0 % or on an exempt supply is charged at the
// default rate. Whether the Turkmen tax code taxes advances received at
// all, and at which moment, is unconfirmed (see DefaultSettings).
func (b *builder) chargeAdvanceVAT(refs Refs, base money.Amount) error {
	_, vat, err := VAT(base, b.s.DefaultVAT, true)
	if err != nil {
		return err
	}
	if vat == 0 {
		return nil
	}
	sa := b.s.Sales
	if err := b.post(leg{dt: sa.AdvanceVAT, kt: sa.VATPayable, dtRefs: refs, ktRefs: refs, amount: vat}); err != nil {
		return err
	}
	return b.move(keyOf(sa.AdvanceVAT, refs), vat, 0)
}

// dues adds up, per settlement key in order of first appearance, what a
// sale or a purchase makes owed (the amounts with VAT on 62.01 or 60.01),
// with the refs of the first line of each key for the offset's postings.
type dues struct {
	keys []BalanceKey
	sum  map[BalanceKey]Balance
	refs map[BalanceKey]Refs
}

// add adds amount (base) and cur (the document's currency) owed on k.
func (d *dues) add(k BalanceKey, refs Refs, amount, cur money.Amount) error {
	if d.sum == nil {
		d.sum, d.refs = map[BalanceKey]Balance{}, map[BalanceKey]Refs{}
	}
	v, ok := d.sum[k]
	if !ok {
		d.keys = append(d.keys, k)
		d.refs[k] = refs
	}
	a, err1 := money.Add(v.Amount, amount)
	c, err2 := money.Add(v.Cur, cur)
	if err1 != nil || err2 != nil {
		return errRange
	}
	d.sum[k] = Balance{Amount: a, Cur: c}
	return nil
}

// offsetAdvances offsets, contract by contract, the advance received
// from a customer (a credit balance of 62.02 before the sale) against what
// the sale made owed (sale true: Dt 62.02 Kt 62.01), or the advance paid
// to a supplier (a debit balance of 60.02) against what the purchase made
// owed (Dt 60.01 Kt 60.02): the smaller of the two, nothing when either is
// not positive (a return). In a currency document the two are compared
// in the currency, and the offset takes the advance's base amount in
// proportion (all of it when the whole advance is offset): an advance is
// not revalued, it stays at the rate of the day it was paid, and the
// difference from the rate of the sale is left on 62.21 (60.21) for the
// currency revaluation.
//
// review: PBU 3/2006-style practice books the prepaid part of the revenue
// at the advance's rate instead; whether Turkmen practice follows it is
// unconfirmed.
func (b *builder) offsetAdvances(sale bool) error {
	advance := pick(b.foreign, b.s.Purchases.AdvancesPaidCur, b.s.Purchases.AdvancesPaid)
	if sale {
		advance = pick(b.foreign, b.s.Sales.AdvancesReceivedCur, b.s.Sales.AdvancesReceived)
	}
	if advance == "" {
		return nil
	}
	for _, k := range b.owed.keys {
		refs := b.owed.refs[k]
		ak := keyOf(advance, refs)
		adv := b.balance(ak)
		if sale { // an advance received is a credit balance
			var err1, err2 error
			adv.Amount, err1 = money.Neg(adv.Amount)
			adv.Cur, err2 = money.Neg(adv.Cur)
			if err1 != nil || err2 != nil {
				return errRange
			}
		}
		have, due := b.measure(adv), b.measure(b.owed.sum[k])
		if have <= 0 || due <= 0 {
			continue
		}
		off := min(have, due)
		base, cur := off, money.Amount(0)
		if b.foreign {
			cur = off
			var err error
			if base, err = mulDivRound(adv.Amount, int64(off), int64(have)); err != nil {
				return err
			}
		}
		g := leg{dt: advance, kt: k.Account, dtRefs: refs, ktRefs: refs, amount: base, cur: cur}
		if !sale {
			g.dt, g.kt = k.Account, advance
		}
		if err := b.post(g); err != nil {
			return err
		}
		if sale {
			base, cur = -base, -cur // the advance's balance goes down by a debit
		}
		if err := b.move(ak, base, cur); err != nil {
			return err
		}
		if sale && b.s.VATOnAdvances {
			if err := b.reverseAdvanceVAT(refs, off, have); err != nil {
				return err
			}
		}
	}
	return nil
}

// reverseAdvanceVAT reverses the VAT charged on the part off of an
// advance have as a sale offsets it: Dt 68.02 Kt 76.AV, the VAT charged
// on the contract (the debit balance of 76.AV) in proportion, all of it
// when the whole advance is offset, so that no cent is left on 76.AV by
// rounding. An advance received while VATOnAdvances was off has no VAT to
// reverse.
func (b *builder) reverseAdvanceVAT(refs Refs, off, have money.Amount) error {
	sa := b.s.Sales
	k := keyOf(sa.AdvanceVAT, refs)
	charged := b.balance(k).Amount
	if charged <= 0 {
		return nil
	}
	vat := charged
	if off < have {
		var err error
		if vat, err = mulDivRound(charged, int64(off), int64(have)); err != nil {
			return err
		}
	}
	if err := b.post(leg{dt: sa.VATPayable, kt: sa.AdvanceVAT, dtRefs: refs, ktRefs: refs, amount: vat}); err != nil {
		return err
	}
	return b.move(k, -vat, 0)
}

// balancesNeeded lists the settlement balances d's rule reads: those a
// payment's lines split on (the debt on 62.01 or 60.01), and those a sale
// or a purchase offsets (the advance on 62.02 or 60.02, and the VAT on it
// on 76.AV when Settings.VATOnAdvances), per counterparty and contract.
func (d Document) balancesNeeded(s Settings) []BalanceKey {
	var out []BalanceKey
	seen := map[BalanceKey]bool{}
	add := func(acct ledger.AccountCode, refs Refs) {
		if k := keyOf(acct, refs); acct != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	foreign := d.Currency != ""
	for _, l := range d.Lines {
		refs := l.Refs.over(d.Refs)
		switch d.Type {
		case SalesInvoice, Waybill, Act:
			if adv := pick(foreign, s.Sales.AdvancesReceivedCur, s.Sales.AdvancesReceived); adv != "" {
				add(adv, refs)
				if s.VATOnAdvances {
					add(s.Sales.AdvanceVAT, refs)
				}
			}
		case SupplierInvoice, GoodsReceipt:
			add(pick(foreign, s.Purchases.AdvancesPaidCur, s.Purchases.AdvancesPaid), refs)
		case PaymentIn, CashReceipt, PaymentOut, CashExpense:
			in := d.Type == PaymentIn || d.Type == CashReceipt
			if settle, adv := settlementAccounts(s, in, foreign); adv != "" && l.Account == "" && l.Amount > 0 {
				add(settle, refs)
			}
		}
	}
	return out
}
