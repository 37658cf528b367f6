package demo

import (
	"fmt"

	"hasap/ledger"
	"hasap/money"
)

// The opening balances on 1 January and the month's end: depreciation,
// payroll, the VAT offset and the closing of 26, 44, 90 and 91 to 99.

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

// opening posts the balances the company starts the year with, section by
// section, against the auxiliary account 000, which ends at zero: retained
// earnings take what assets exceed liabilities and the charter capital by.
func (s *sim) opening(d ledger.Date) error {
	for _, step := range []func(ledger.Date) error{s.openAssets, s.openGoods, s.openMoney, s.openSettlements, s.openPayroll} {
		if err := step(d); err != nil {
			return err
		}
	}
	capital := money.Amount(100_000_000) // 1 000 000 TMT
	retained := s.minus(s.minus(0, s.books.balance(accOpening).amount), capital)
	if retained <= 0 {
		s.fail(fmt.Errorf("opening balances leave no retained earnings (%s)", money.Decimal(retained, 2)))
	}
	e := s.entry(d, "BG", "Başlangyç galyndylar: maýa")
	add(e, s.side(accOpening, refs{}), s.side(accCapital, refs{}), capital)
	add(e, s.side(accOpening, refs{}), s.side(accRetained, refs{}), retained)
	return s.post(e)
}

func (s *sim) monthlyDepreciation(i int) money.Amount {
	return s.ratio(assets[i].cost, 1, assets[i].lifeMonths)
}

func (s *sim) openAssets(d ledger.Date) error {
	e := s.entry(d, "BG", "Başlangyç galyndylar: esasy serişdeler")
	for i, a := range assets {
		r := refs{asset: s.asset[i]}
		add(e, s.side(accFixedAssets, r), s.side(accOpening, r), a.cost)
		add(e, s.side(accOpening, r), s.side(accDepreciation, r), s.times(s.monthlyDepreciation(i), a.usedMonths))
	}
	return s.post(e)
}

func (s *sim) openGoods(d ledger.Date) error {
	e := s.entry(d, "BG", "Başlangyç galyndylar: harytlar")
	for i := range goods {
		for w := range warehouses {
			units := max(1, s.base[i][w]*int64(60+s.rng.IntN(41))/100)
			add(e, withQty(s.side(accGoods, s.stockRef(i, w)), units), s.side(accOpening, refs{}), s.times(s.cost[i], units))
		}
	}
	return s.post(e)
}

func (s *sim) openMoney(d ledger.Date) error {
	e := s.entry(d, "BG", "Başlangyç galyndylar: pul serişdeleri")
	add(e, s.side(accBank, s.flow(cfOther)), s.side(accOpening, refs{}), 45_000_000)
	add(e, s.side(accCash, s.flow(cfOther)), s.side(accOpening, refs{}), 1_200_000)
	return s.post(e)
}

// openSettlements: December invoices of four customers and three
// suppliers, settled in January.
func (s *sim) openSettlements(d ledger.Date) error {
	e := s.entry(d, "BG", "Başlangyç galyndylar: alyjylar we üpjün edijiler")
	for _, c := range []int{14, 15, 17, 24} {
		amount := s.between(8000, 40000)
		add(e, s.side(accCustomers, s.cp(c)), s.side(accOpening, refs{}), amount)
		s.recv = append(s.recv, bill{party: c, account: accCustomers, on: d + ledger.Date(4+s.rng.IntN(20)), amount: amount})
	}
	for _, p := range []int{supFlour, supOil, supElectro} {
		amount := s.between(10000, 30000)
		add(e, s.side(accOpening, refs{}), s.side(accSuppliers, s.cp(p)), amount)
		s.payb = append(s.payb, bill{party: p, account: accSuppliers, on: d + ledger.Date(7+s.rng.IntN(12)), amount: amount})
	}
	return s.post(e)
}

// openPayroll: December's wages and the taxes of December, paid in January.
func (s *sim) openPayroll(d ledger.Date) error {
	e := s.entry(d, "BG", "Başlangyç galyndylar: zähmet haky we salgytlar")
	var incomeTax, pension money.Amount
	for i, p := range staff {
		t := s.ratio(p.salary, incomeTaxPct, 100)
		incomeTax, pension = s.plus(incomeTax, t), s.plus(pension, s.ratio(p.salary, pensionPct, 100))
		net := s.minus(p.salary, t)
		add(e, s.side(accOpening, refs{}), s.side(accPayroll, refs{employee: s.emp[i]}), net)
		s.wages = append(s.wages, wage{emp: i, on: d + 4, amount: net})
	}
	vat := s.between(20000, 30000)
	add(e, s.side(accOpening, refs{}), s.side(accIncomeTax, refs{}), incomeTax)
	add(e, s.side(accOpening, refs{}), s.side(accPension, refs{}), pension)
	add(e, s.side(accOpening, refs{}), s.side(accVAT, refs{}), vat)
	s.scheduleTaxes(d+14, incomeTax, pension, vat)
	return s.post(e)
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
// payroll, the VAT offset, then the closing of costs and results.
func (s *sim) closeMonth(d ledger.Date) error {
	for _, step := range []func(ledger.Date) error{s.depreciate, s.payroll, s.offsetVAT, s.closeResults} {
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
	e := s.entry(d, "AM", "Amortizasiýa hasaplandy: "+monthName(d))
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
	e := s.entry(d, "ZH", "Zähmet haky hasaplandy: "+monthName(d))
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

// offsetVAT sets the month's input VAT against output VAT (Dt 68.02 Kt
// 19.03/19.04 per supplier) and schedules what remains payable. A month
// whose input VAT exceeds its output VAT carries the excess forward on 68.02.
func (s *sim) offsetVAT(d ledger.Date) error {
	e := s.entry(d, "GBS", "GBS hasaba alyndy: "+monthName(d))
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

// closeResults closes 26 to 90.08 and 44 to 90.07, and the month's result
// of sales (90.09) and of other income and expense (91.09) to 99, the way
// 1C does: 90.01–90.08 keep the year's turnover and 90 as a whole nets to zero.
func (s *sim) closeResults(d ledger.Date) error {
	e := s.entry(d, "AÝ", "Aýyň ýapylyşy: "+monthName(d))
	admin, selling := s.books.balance(accAdmin).amount, s.books.balance(accSelling).amount
	if admin != 0 {
		add(e, s.side(accAdminCost, refs{}), s.side(accAdmin, refs{}), admin)
	}
	if selling != 0 {
		add(e, s.side(accSellingCost, refs{}), s.side(accSelling, refs{}), selling)
	}
	sales := s.plus(admin, selling) // 90 as a whole, debit positive, once 26 and 44 are in
	for _, c := range []ledger.AccountCode{accRevenue, accCostOfSales, accSalesVAT, accSellingCost, accAdminCost, accSalesResult} {
		sales = s.plus(sales, s.books.balance(c).amount)
	}
	switch {
	case sales < 0:
		add(e, s.side(accSalesResult, refs{}), s.side(accProfit, refs{}), s.minus(0, sales))
	case sales > 0:
		add(e, s.side(accProfit, refs{}), s.side(accSalesResult, refs{}), sales)
	}
	var other money.Amount
	for _, c := range []ledger.AccountCode{accOtherExpense, accOtherResult} {
		other = s.plus(other, s.books.balance(c).amount)
	}
	switch {
	case other > 0:
		add(e, s.side(accProfit, refs{}), s.side(accOtherResult, refs{}), other)
	case other < 0:
		add(e, s.side(accOtherResult, refs{}), s.side(accProfit, refs{}), s.minus(0, other))
	}
	if len(e.Postings) == 0 {
		return nil
	}
	return s.post(e)
}
