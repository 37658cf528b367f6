package demo

import (
	"fmt"
	"strings"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// The opening balances on 1 January and the month's end: depreciation,
// payroll, the VAT offset, the closing of 26 and 44, and the month close
// (revaluation, 90 and 91 to 99, profit tax; in December the year close).

// Rates of the payroll taxes of the demo year: personal income tax withheld
// from the gross salary (no deductions are modelled) and the employer's
// pension contribution.
const (
	incomeTaxPct = 10
	pensionPct   = 20
)

var monthNames = [...]string{"", "ýanwar", "fewral", "mart", "aprel", "maý", "iýun", "iýul", "awgust", "sentýabr", "oktýabr", "noýabr", "dekabr"}

func monthName(d ledger.Date) string {
	y, m, _ := d.YMD()
	return fmt.Sprintf("%d ýylyň %s aýy", y, monthNames[m])
}

// opening enters the balances the company starts with in one opening
// balances document, each line against the auxiliary account 000, which
// ends at zero: retained earnings take what assets exceed liabilities and
// the charter capital by. A positive line is a debit balance, a negative
// one a credit balance.
func (s *sim) opening(d ledger.Date) error {
	o := &doc.Document{Type: doc.OpeningBalances, Date: d, Comment: "Başlangyç galyndylar"}
	var total money.Amount // the lines' balance, debit positive
	line := func(l doc.Line) {
		total = s.plus(total, l.Amount)
		o.Lines = append(o.Lines, l)
	}
	// Fixed assets at cost, less the depreciation of the months used.
	for i, a := range assets {
		r := doc.Refs{FixedAsset: s.asset[i]}
		line(doc.Line{Refs: r, Account: accFixedAssets, Amount: a.cost})
		line(doc.Line{Refs: r, Account: accDepreciation, Amount: s.minus(0, s.times(s.monthlyDepreciation(i), a.usedMonths))})
	}
	// Goods: 60 to 100 % of the stock each warehouse aims at, at the usual cost.
	for i := range goods {
		for w := range warehouses {
			units := max(1, s.base[i][w]*int64(60+s.rng.IntN(41))/100)
			line(doc.Line{Refs: doc.Refs{Item: s.item[i], Warehouse: s.wh[w]}, Account: accGoods,
				Qty: ledger.Quantity(units * qtyUnit), Amount: s.times(s.cost[i], units)})
		}
	}
	// Money.
	line(doc.Line{Refs: doc.Refs{CashFlow: s.cf[cfOther]}, Account: accBank, Amount: 45_000_000})
	line(doc.Line{Refs: doc.Refs{CashFlow: s.cf[cfOther]}, Account: accCash, Amount: 1_200_000})
	// Last month's invoices of four customers and three suppliers, settled
	// in the first weeks.
	for _, c := range []int{14, 15, 17, 24} {
		amount := s.between(8000, 40000)
		line(doc.Line{Refs: s.withParty(c, doc.Refs{}), Account: accCustomers, Amount: amount})
		s.recv = append(s.recv, bill{party: c, account: accCustomers, on: d + ledger.Date(4+s.rng.IntN(20)), amount: amount})
	}
	for _, p := range []int{supFlour, supOil, supElectro} {
		amount := s.between(10000, 30000)
		line(doc.Line{Refs: s.withParty(p, doc.Refs{}), Account: accSuppliers, Amount: s.minus(0, amount)})
		s.payb = append(s.payb, bill{party: p, account: accSuppliers, on: d + ledger.Date(7+s.rng.IntN(12)), amount: amount})
	}
	// Last month's wages and taxes, paid in this one.
	var incomeTax, pension money.Amount
	for i, p := range staff {
		t := s.ratio(p.salary, incomeTaxPct, 100)
		incomeTax, pension = s.plus(incomeTax, t), s.plus(pension, s.ratio(p.salary, pensionPct, 100))
		net := s.minus(p.salary, t)
		line(doc.Line{Refs: doc.Refs{Employee: s.emp[i]}, Account: accPayroll, Amount: s.minus(0, net)})
		s.wages = append(s.wages, wage{emp: i, on: d + 4, amount: net})
	}
	vat := s.between(20000, 30000)
	line(doc.Line{Account: accIncomeTax, Amount: s.minus(0, incomeTax)})
	line(doc.Line{Account: accPension, Amount: s.minus(0, pension)})
	line(doc.Line{Account: accVAT, Amount: s.minus(0, vat)})
	s.scheduleTaxes(d+14, incomeTax, pension, vat)
	// Equity: the charter capital, and retained earnings for the rest.
	capital := money.Amount(100_000_000) // 1 000 000 TMT
	retained := s.minus(total, capital)
	if retained <= 0 {
		s.fail(fmt.Errorf("opening balances leave no retained earnings (%s)", money.Decimal(retained, 2)))
	}
	line(doc.Line{Account: accCapital, Amount: s.minus(0, capital)})
	line(doc.Line{Account: accRetained, Amount: s.minus(0, retained)})
	_, err := s.submit(*o)
	return err
}

func (s *sim) monthlyDepreciation(i int) money.Amount {
	return s.ratio(assets[i].cost, 1, assets[i].lifeMonths)
}

func (s *sim) scheduleTaxes(on ledger.Date, incomeTax, pension, vat money.Amount) {
	s.taxes = append(s.taxes,
		tax{account: accIncomeTax, what: "Girdeji salgydy", on: on, amount: incomeTax},
		tax{account: accPension, what: "Pensiýa gatançlary", on: on, amount: pension})
	if vat > 0 {
		s.taxes = append(s.taxes, tax{account: accVAT, what: "GBS", on: on, amount: vat})
	}
}

// closeMonth runs the month's end in the order of DOMAIN.md: depreciation,
// payroll, the VAT offset, the closing of costs (26 and 44, which have no
// closing document yet), then the month close through the app.
func (s *sim) closeMonth(d ledger.Date) error {
	for _, step := range []func(ledger.Date) error{s.depreciate, s.payroll, s.offsetVAT, s.closeCosts, s.closePeriod} {
		if err := step(d); err != nil {
			return err
		}
	}
	s.books.newMonth()
	return nil
}

// depreciate: straight-line, Dt 26 or 44 Kt 02 per fixed asset, until the
// asset is written off.
func (s *sim) depreciate(d ledger.Date) error {
	e := s.entry(d, "Amortizasiýa hasaplandy: "+monthName(d))
	for i, a := range assets {
		r := refs{asset: s.asset[i]}
		left := s.plus(a.cost, s.books.at(s.side(accDepreciation, r)).amount) // 02 holds a credit balance
		if amount := min(s.monthlyDepreciation(i), left); amount > 0 {
			add(e, s.side(a.expense, r), s.side(accDepreciation, r), amount)
		}
	}
	if len(e.Postings) == 0 {
		return nil
	}
	return s.post(e)
}

// payroll accrues the month's salaries (Dt 26/44 Kt 70), withholds income
// tax (Dt 70 Kt 68.01) and accrues the employer's pension contribution
// (Dt 26/44 Kt 69.02). Wages are paid from the 5th of the next month, the
// taxes from the 15th.
func (s *sim) payroll(d ledger.Date) error {
	e := s.entry(d, "Zähmet haky hasaplandy: "+monthName(d))
	var incomeTax, pension money.Amount
	for i, p := range staff {
		who := refs{employee: s.emp[i]}
		t, pn := s.ratio(p.salary, incomeTaxPct, 100), s.ratio(p.salary, pensionPct, 100)
		add(e, s.side(p.expense, who), s.side(accPayroll, who), p.salary)
		add(e, s.side(accPayroll, who), s.side(accIncomeTax, who), t)
		add(e, s.side(p.expense, who), s.side(accPension, who), pn)
		incomeTax, pension = s.plus(incomeTax, t), s.plus(pension, pn)
		s.wages = append(s.wages, wage{emp: i, on: nextMonthDay(d, 5), amount: s.minus(p.salary, t)})
	}
	if err := s.post(e); err != nil {
		return err
	}
	s.scheduleTaxes(nextMonthDay(d, 15), incomeTax, pension, 0)
	return nil
}

// offsetVAT sets what input VAT is left at the month's end against output
// VAT (Dt 68.02 Kt 19.03/19.04 per counterparty: the import VAT paid at
// customs; the purchase rule offsets the suppliers' VAT as their invoices
// come) and schedules what remains payable. A month
// whose input VAT exceeds its output VAT carries the excess forward on 68.02.
func (s *sim) offsetVAT(d ledger.Date) error {
	e := s.entry(d, "GBS hasaba alyndy: "+monthName(d))
	for i := range parties {
		for _, acc := range []ledger.AccountCode{accVATGoods, accVATServices} {
			in := s.side(acc, s.cp(i))
			if amount := s.books.at(in).amount; amount > 0 {
				add(e, s.side(accVAT, refs{}), in, amount)
			}
		}
	}
	if len(e.Postings) > 0 {
		if err := s.post(e); err != nil {
			return err
		}
	}
	payable := s.minus(0, s.books.balance(accVAT).amount)
	for _, t := range s.taxes {
		if t.account == accVAT {
			payable = s.minus(payable, t.amount) // scheduled, not yet paid
		}
	}
	if payable > 0 {
		s.taxes = append(s.taxes, tax{account: accVAT, what: "GBS", on: nextMonthDay(d, 15), amount: payable})
	}
	return nil
}

// closeCosts closes 26 to 90.08 and 44 to 90.07, so that the month close
// finds the month's administrative and selling expenses in 90.
func (s *sim) closeCosts(d ledger.Date) error {
	e := s.entry(d, "Umumy we söwda çykdajylarynyň ýapylyşy: "+monthName(d))
	if admin := s.books.balance(accAdmin).amount; admin != 0 {
		add(e, s.side(accAdminCost, refs{}), s.side(accAdmin, refs{}), admin)
	}
	if selling := s.books.balance(accSelling).amount; selling != 0 {
		add(e, s.side(accSellingCost, refs{}), s.side(accSelling, refs{}), selling)
	}
	if len(e.Postings) == 0 {
		return nil
	}
	return s.post(e)
}

// closePeriod closes d's month the way an accountant does on the month
// close page (app.MonthClose, app.PostCloseStep): the revaluation of the
// currency balances at the month end's rate, the closing of 90 and 91 to
// 99 through 90.09 and 91.09, the profit tax of the year to date, and on
// 31 December the year close, 99 to 84; each posted step is a closing
// document, and the lock date moves to the month's end. The steps' entries
// go into the sim's books and stats like those of the other documents.
func (s *sim) closePeriod(d ledger.Date) error {
	if s.err != nil {
		return fmt.Errorf("demo: close %s: %w", monthName(d), s.err)
	}
	mc, err := s.app.MonthClose(s.ctx, s.actor, Code, d)
	if err != nil {
		return fmt.Errorf("demo: close %s: %w", monthName(d), err)
	}
	for i := 0; i < len(mc.Steps); i++ {
		step := mc.Steps[i].Type
		if mc.Steps[i].State != app.StepToDo {
			continue
		}
		if mc, err = s.app.PostCloseStep(s.ctx, s.actor, Code, d, step); err != nil {
			return fmt.Errorf("demo: close %s: %s: %w", monthName(d), step, err)
		}
	}
	if !mc.Locked && mc.Done && len(mc.Steps) > 0 {
		// Nothing to post: posting the first step closes the month.
		if mc, err = s.app.PostCloseStep(s.ctx, s.actor, Code, d, mc.Steps[0].Type); err != nil {
			return fmt.Errorf("demo: close %s: %w", monthName(d), err)
		}
	}
	if !mc.Locked {
		return fmt.Errorf("demo: close %s: the month is not closed: %s", monthName(d), closeStates(mc))
	}
	for _, st := range mc.Steps {
		if st.State != app.StepPosted {
			continue
		}
		e := st.Entry
		if err := s.books.apply(&e); err != nil {
			return fmt.Errorf("demo: close %s: %s: %w", monthName(d), st.Type, err)
		}
		s.stats.Documents++
		s.stats.Entries++
		s.stats.Postings += len(e.Postings)
	}
	return nil
}

// closeStates lists the steps of mc with their states, for an error.
func closeStates(mc app.MonthClose) string {
	var out []string
	for _, st := range mc.Steps {
		w := string(st.Type) + " " + string(st.State)
		if st.Err != nil {
			w += " (" + st.Err.Error() + ")"
		}
		out = append(out, w)
	}
	return strings.Join(out, ", ")
}
