package doc

import (
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// rules maps each document type to its posting rule.
var rules = map[Type]func(*builder) error{
	SalesInvoice:    (*builder).sales,
	Waybill:         (*builder).sales,
	Act:             (*builder).sales,
	SupplierInvoice: (*builder).purchase,
	GoodsReceipt:    (*builder).purchase,
	PaymentIn:       (*builder).payment,
	PaymentOut:      (*builder).payment,
	CashReceipt:     (*builder).payment,
	CashExpense:     (*builder).payment,
	AdvanceReport:   (*builder).purchase,
	OpeningBalances: (*builder).opening,
	Manual:          (*builder).manual,
	Revaluation:     (*builder).revaluation,
	CloseMonth:      (*builder).closeMonth,
	ProfitTax:       (*builder).profitTax,
	CloseYear:       (*builder).closeYear,
}

// sales posts a sales invoice, a waybill or an act, line by line:
//
//	Dt 62.01 Kt 90.01   the amount with VAT (62.21 with the currency amount for a currency contract)
//	Dt 90.03 Kt 68.02   the VAT
//	Dt 90.02 Kt 41.01   the average cost of goods (not of services), with the quantity
//
// then, per contract, the advance the customer paid before offsets what
// the sale makes owed (see offsetAdvances):
//
//	Dt 62.02 Kt 62.01   the smaller of the advance and the amount with VAT (62.22 and 62.21)
//	Dt 68.02 Kt 76.AV   the VAT charged on the part of the advance offset, when Settings.VATOnAdvances
//
// A line with a negative quantity or amount is a return: the same postings
// in red. The waybill lists goods only, the act services only.
func (b *builder) sales() error {
	t, err := ComputeTotals(b.d, b.s)
	if err != nil {
		return err
	}
	sa := b.s.Sales
	recv := sa.Receivable
	if b.foreign {
		recv = sa.ReceivableCur
	}
	for i, l := range b.d.Lines {
		if err := b.salesLine(l, t.Lines[i], recv); err != nil {
			return lineErr(i, err)
		}
	}
	return b.offsetAdvances(true)
}

func (b *builder) salesLine(l Line, lt LineTotal, recv ledger.AccountCode) error {
	switch {
	case b.d.Type == Waybill && l.Service:
		return ledger.Errorf(ledger.EInvalid, "a waybill lists goods, not services")
	case b.d.Type == Act && !l.Service:
		return ledger.Errorf(ledger.EInvalid, "an act lists services, not goods")
	case !l.Service && l.Qty == 0:
		return ledger.Errorf(ledger.EInvalid, "quantity is required")
	case l.Qty == 0 && lt.Gross == 0:
		return ledger.Errorf(ledger.EInvalid, "enter a quantity or an amount")
	case l.Qty != 0 && lt.Gross != 0 && (l.Qty < 0) != (lt.Gross < 0):
		return ledger.Errorf(ledger.EInvalid, "the quantity and the amount have different signs")
	}
	refs := l.Refs.over(b.d.Refs)
	sa := b.s.Sales
	gross, err := b.toBase("gross", lt.Gross)
	if err != nil {
		return err
	}
	vat, err := b.toBase("vat", lt.VAT)
	if err != nil {
		return err
	}
	if err := b.post(leg{dt: recv, kt: sa.Revenue, dtRefs: refs, ktRefs: refs, amount: gross, cur: lt.Gross}); err != nil {
		return err
	}
	if err := b.owed.add(keyOf(recv, refs), refs, gross, lt.Gross); err != nil {
		return err
	}
	if err := b.post(leg{dt: sa.VAT, kt: sa.VATPayable, dtRefs: refs, ktRefs: refs, amount: vat}); err != nil {
		return err
	}
	if l.Service {
		return nil
	}
	// The goods' side first, so that a missing item or warehouse is named
	// as such rather than as a shortage of "item 0".
	kt, err := b.side("credit", sa.Goods, refs, l.Qty, 0)
	if err != nil {
		return err
	}
	dt, err := b.side("debit", sa.Cost, refs, l.Qty, 0)
	if err != nil {
		return err
	}
	cost, err := b.cost(l, refs)
	if err != nil {
		return err
	}
	b.add(dt, kt, cost)
	return nil
}

// name is what a message calls catalog entry id: its name from
// Inputs.Names, or its number.
func (b *builder) name(id ledger.AnalyticID) string {
	if n := b.in.Names[id]; n != "" {
		return n
	}
	return strconv.FormatInt(int64(id), 10)
}

// cost returns the cost of the goods of a sales line at average cost,
// amount × qty sold / qty on hand rounded half away from zero (all that is
// left when the line takes the whole stock), and takes them out of the
// builder's stock so that a second line of the same item sees what
// remains. A return (negative quantity) comes back at Line.Cost, or at the
// average cost of what is on hand; its cost is negative.
//
// review: the costing method is a choice of the accounting policy (order
// 92-Ö of 2020, DOMAIN.md); only the moving average is here. FIFO would
// need the receipts as lots in Inputs.
func (b *builder) cost(l Line, refs Refs) (money.Amount, error) {
	key := StockKey{refs.Item, refs.Warehouse}
	st, ok := b.stock[key]
	if !ok {
		st = b.in.Stock[key]
	}
	var cost money.Amount
	var err error
	switch {
	case l.Qty < 0 && l.Cost != 0:
		cost, err = money.Abs(l.Cost)
		if err == nil {
			cost, err = money.Neg(cost)
		}
	case l.Qty < 0 && st.Qty <= 0:
		return 0, ledger.Errorf(ledger.EInvalid, "the cost of the returned item %s is unknown: there is none in warehouse %s to take the average from; enter the cost of the sale", b.name(refs.Item), b.name(refs.Warehouse))
	case l.Qty > st.Qty:
		return 0, ledger.Errorf(ledger.EInvalid, "not enough of item %s in warehouse %s: %s on hand, %s needed",
			b.name(refs.Item), b.name(refs.Warehouse), money.Decimal(money.Amount(st.Qty), ledger.QuantityExp), money.Decimal(money.Amount(l.Qty), ledger.QuantityExp))
	case l.Qty == st.Qty:
		cost = st.Amount
	default:
		cost, err = mulDivRound(st.Amount, int64(l.Qty), int64(st.Qty))
	}
	if err != nil {
		return 0, errRange
	}
	left := Stock{Qty: st.Qty - l.Qty}
	if left.Amount, err = money.Sub(st.Amount, cost); err != nil || (l.Qty < 0) != (left.Qty > st.Qty) {
		return 0, errRange
	}
	b.stock[key] = left
	return cost, nil
}

// purchase posts a supplier invoice, a goods receipt or an advance report,
// line by line (the credit is 60.01, or 60.21 for a currency contract; for
// an advance report it is 71.01 with the employee):
//
//	Dt 41.01 Kt 60.01   the net amount (the line's account: 10.01, 20, 26...), with the quantity
//	Dt 19.03 Kt 60.01   the VAT of goods (19.04 for services)
//	Dt 68.02 Kt 19.03   the VAT offset, when Purchases.OffsetVAT
//	Dt 08.04 Kt 60.01   a capital purchase: the amount with VAT, which goes to the asset's cost
//
// then, except for an advance report, per contract the advance paid to
// the supplier before offsets what the purchase makes owed:
//
//	Dt 60.01 Kt 60.02   the smaller of the advance and the amount with VAT (60.21 and 60.22)
func (b *builder) purchase() error {
	t, err := ComputeTotals(b.d, b.s)
	if err != nil {
		return err
	}
	credit := b.s.Purchases.Payable
	if b.foreign {
		credit = b.s.Purchases.PayableCur
	}
	if b.d.Type == AdvanceReport {
		credit = b.s.Accountable
		if b.foreign {
			credit = b.s.AccountableCur
		}
	}
	for i, l := range b.d.Lines {
		if err := b.purchaseLine(l, t.Lines[i], credit); err != nil {
			return lineErr(i, err)
		}
	}
	if b.d.Type == AdvanceReport {
		return nil
	}
	return b.offsetAdvances(false)
}

func (b *builder) purchaseLine(l Line, lt LineTotal, credit ledger.AccountCode) error {
	p := b.s.Purchases
	acct, capital := PurchaseDebit(b.d, b.s, l)
	a, err := b.account("debit", acct)
	if err != nil {
		return err
	}
	switch {
	case b.d.Type == GoodsReceipt && l.Service:
		return ledger.Errorf(ledger.EInvalid, "a goods receipt lists goods, not services")
	case a.Quantity && l.Qty == 0:
		return ledger.Errorf(ledger.EInvalid, "quantity is required")
	case l.Qty == 0 && lt.Gross == 0:
		return ledger.Errorf(ledger.EInvalid, "enter a quantity or an amount")
	}
	refs := l.Refs.over(b.d.Refs)
	gross, err := b.toBase("gross", lt.Gross)
	if err != nil {
		return err
	}
	vat, err := b.toBase("vat", lt.VAT)
	if err != nil {
		return err
	}
	if err := b.owed.add(keyOf(credit, refs), refs, gross, lt.Gross); err != nil {
		return err
	}
	net, err := money.Sub(gross, vat)
	if err != nil {
		return errRange
	}
	netCur, err := money.Sub(lt.Gross, lt.VAT)
	if err != nil {
		return errRange
	}
	if capital {
		return b.post(leg{dt: acct, kt: credit, dtRefs: refs, ktRefs: refs, amount: gross, cur: lt.Gross, qty: l.Qty})
	}
	if err := b.post(leg{dt: acct, kt: credit, dtRefs: refs, ktRefs: refs, amount: net, cur: netCur, qty: l.Qty}); err != nil {
		return err
	}
	if vat == 0 && lt.VAT == 0 {
		return nil
	}
	input := p.InputVATServices
	if a.Quantity {
		input = p.InputVATGoods
	}
	if err := b.post(leg{dt: input, kt: credit, dtRefs: refs, ktRefs: refs, amount: vat, cur: lt.VAT}); err != nil {
		return err
	}
	if !p.OffsetVAT {
		return nil
	}
	return b.post(leg{dt: p.VATPayable, kt: input, dtRefs: refs, ktRefs: refs, amount: vat})
}

// PurchaseDebit is the account a line of a purchase (a supplier invoice, a
// goods receipt, an advance report) is debited to, as its posting rule
// takes it: the line's Account, else the settings' services account (a
// service, or an advance report's line without an item) or goods account;
// and whether that is capital expenditure (Purchases.Capital), whose VAT
// goes to the asset's cost with the rest instead of to input VAT (the VAT
// books need to know which VAT the entry holds as such).
func PurchaseDebit(d Document, s Settings, l Line) (acct ledger.AccountCode, capital bool) {
	p := s.Purchases
	acct = l.Account
	switch {
	case acct != "":
	case l.Service || d.Type == AdvanceReport && l.Item == 0:
		acct = p.Services
	default:
		acct = p.Goods
	}
	for _, prefix := range p.Capital {
		if prefix != "" && strings.HasPrefix(string(acct), prefix) {
			return acct, true
		}
	}
	return acct, false
}

// payment posts money in or out, line by line:
//
//	incoming payment  Dt 51 Kt 62.01      (52 and 62.21 in a foreign currency)
//	                  Dt 51 Kt 62.02      the part beyond the customer's debt: an advance received
//	                  Dt 76.AV Kt 68.02   the VAT on that advance, when Settings.VATOnAdvances
//	payment order     Dt 60.01 Kt 51      (60.21 and 52)
//	                  Dt 60.02 Kt 51      the part beyond the debt to the supplier: an advance paid
//	KO-1              Dt 50.01 Kt 62.01   (50.21 and 62.21), and 62.02 as the incoming payment
//	KO-2              Dt 60.01 Kt 50.01   (60.21 and 50.21), and 60.02 as the payment order
//
// The debt is the balance of 62.01 (60.01) for the line's counterparty and
// contract before the document (Inputs.Balances), less what the lines
// before settled. A line's Account replaces the counter account and is
// not split (71.01 for cash to an accountable person, 70 for wages, 76.05
// for other suppliers...), nor is a negative line (a correction), nor is
// anything when the settings name no advance account. Both sides keep
// the currency amount where the account is a currency one.
//
// review: VAT on advances paid (Dt 68.02 Kt 76.VA on the supplier's
// hasap-faktura for the advance, restored when the goods come) is not
// posted: whether Turkmen practice lets the buyer offset VAT on an advance
// is unconfirmed; an accountant who does posts it by a manual operation.
func (b *builder) payment() error {
	cash, settle, in := PaymentAccounts(b.d.Type, b.foreign, b.s)
	_, advance := settlementAccounts(b.s, in, b.foreign)
	for i, l := range b.d.Lines {
		if l.Amount == 0 {
			return lineErr(i, ledger.Errorf(ledger.EInvalid, "the amount is required"))
		}
		refs := l.Refs.over(b.d.Refs)
		var err error
		switch {
		case l.Account != "":
			_, err = b.pay(in, cash, l.Account, refs, l.Amount)
		case advance == "" || l.Amount < 0:
			_, err = b.pay(in, cash, settle, refs, l.Amount)
		default:
			err = b.payWithAdvance(in, cash, settle, advance, refs, l.Amount)
		}
		if err != nil {
			return lineErr(i, err)
		}
	}
	return nil
}

// PaymentAccounts returns the accounts the posting rule of a payment
// document of type t uses (see payment): the money account (51, 52, 50.01,
// 50.21: foreign picks the currency one), the counter account of a line
// that names none (the settlement account 62.01 or 60.01: the part of a
// line beyond the debt goes to the advance account, see payment), and
// whether money comes in (debit of the money account). Printed forms name
// the same accounts as the postings.
func PaymentAccounts(t Type, foreign bool, s Settings) (cash, counter ledger.AccountCode, in bool) {
	cash = pick(foreign, s.BankCur, s.Bank)
	counter = pick(foreign, s.Sales.ReceivableCur, s.Sales.Receivable)
	switch t {
	case PaymentOut:
		counter = pick(foreign, s.Purchases.PayableCur, s.Purchases.Payable)
	case CashReceipt:
		cash = pick(foreign, s.CashCur, s.Cash)
	case CashExpense:
		cash = pick(foreign, s.CashCur, s.Cash)
		counter = pick(foreign, s.Purchases.PayableCur, s.Purchases.Payable)
	}
	return cash, counter, t == PaymentIn || t == CashReceipt
}

func pick(cond bool, yes, no ledger.AccountCode) ledger.AccountCode {
	if cond {
		return yes
	}
	return no
}

// opening posts opening balances through the auxiliary account 000: a
// line with a positive Amount is a debit balance (Dt account Kt 000), a
// negative one a credit balance (Dt 000 Kt account), in the base currency;
// CurAmount is the currency amount of a currency account (in the
// document's currency) and Qty the quantity of a quantity account.
func (b *builder) opening() error {
	for i, l := range b.d.Lines {
		if l.Account == "" {
			return lineErr(i, ledger.Errorf(ledger.EInvalid, "the account is required"))
		}
		if l.Amount == 0 && l.Qty == 0 && l.CurAmount == 0 {
			return lineErr(i, ledger.Errorf(ledger.EInvalid, "enter a quantity or an amount"))
		}
		if err := b.openingAmounts(l); err != nil {
			return lineErr(i, err)
		}
		refs := l.Refs.over(b.d.Refs)
		g := leg{dt: l.Account, kt: b.s.Opening, dtRefs: refs, ktRefs: refs, amount: l.Amount, cur: l.CurAmount, qty: l.Qty}
		if l.Amount < 0 || l.Amount == 0 && (l.CurAmount < 0 || l.Qty < 0) {
			var err1, err2, err3 error
			g.dt, g.kt = b.s.Opening, l.Account
			g.amount, err1 = money.Neg(l.Amount)
			g.cur, err2 = money.Neg(l.CurAmount)
			q, err3 := money.Neg(money.Amount(l.Qty))
			if err1 != nil || err2 != nil || err3 != nil {
				return lineErr(i, errRange)
			}
			g.qty = ledger.Quantity(q)
		}
		if err := b.post(g); err != nil {
			return lineErr(i, err)
		}
	}
	return nil
}

// openingAmounts refuses a currency amount or a quantity that the line's
// account would not keep, rather than drop it.
func (b *builder) openingAmounts(l Line) error {
	which := "debit"
	if l.Amount < 0 {
		which = "credit"
	}
	a, err := b.account(which, l.Account)
	if err != nil {
		return err
	}
	if l.CurAmount != 0 && !a.Currency {
		return ledger.Errorf(ledger.EInvalid, "%s account %s is not kept in foreign currency", which, l.Account)
	}
	if l.CurAmount != 0 && !b.foreign {
		return ledger.Errorf(ledger.EInvalid, "%s account %s: currency amount without a currency", which, l.Account)
	}
	if l.Qty != 0 && !a.Quantity {
		return ledger.Errorf(ledger.EInvalid, "%s account %s is not kept in quantities", which, l.Account)
	}
	return nil
}

// manual posts a manual operation's postings as typed, after checking each
// against the chart: the accounts take postings and every analytic the
// account requires is given.
func (b *builder) manual() error {
	if len(b.d.Postings) == 0 {
		return ledger.Errorf(ledger.EInvalid, "a manual operation needs at least one posting")
	}
	if len(b.d.Postings) > ledger.MaxPostingsPerEntry {
		return ledger.Errorf(ledger.EInvalid, "an entry needs 1 to %d postings, this one has %d", ledger.MaxPostingsPerEntry, len(b.d.Postings))
	}
	for i, p := range b.d.Postings {
		for _, s := range []struct {
			which string
			side  ledger.Side
		}{{"debit", p.Debit}, {"credit", p.Credit}} {
			if s.side.Account == "" {
				continue
			}
			a, err := b.account(s.which, s.side.Account)
			if err != nil {
				return ledger.Errorf(ledger.ErrorCode(err), "posting %d: %s", i+1, err)
			}
			for j, k := range a.Analytics {
				if j < ledger.MaxAnalytics && s.side.Analytics[j] == 0 {
					return ledger.Errorf(ledger.EInvalid, "posting %d: %s", i+1, ledger.Errorf(ledger.EInvalid, "%s account %s requires %s", s.which, s.side.Account, k))
				}
			}
		}
		b.postings = append(b.postings, p)
	}
	return nil
}
