package web

import (
	"strconv"

	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
)

// payment reads the form of an outgoing payment order, an incoming
// payment, a cash receipt order (KO-1) or a cash expense order (KO-2):
// from or to whom (a counterparty, or an employee: cash issued to an
// accountable person on 71.01, wages on 70), the contract, the cash-flow
// item of the cash or bank side, the currency (a currency account: 52,
// 50.21), the purpose or basis, for cash the person as printed and the
// attachment, and one line per amount with its corresponding account when
// it is not the rule's (60.01 or 62.01).
func (d *docReader) payment(x *doc.Document) {
	f, lang := d.f, d.q.lang
	x.Refs = doc.Refs{}
	x.Counterparty = d.find(ledger.Counterparty, "counterparty", f.Counterparty, &f.CounterpartyErr)
	x.Contract = d.find(ledger.Contract, "contract", f.Contract, &f.ContractErr)
	x.Employee = d.find(ledger.Employee, "employee", f.Employee, &f.EmployeeErr)
	x.CashFlow = d.find(ledger.CashFlowItem, "cashflow", f.CashFlow, &f.CashFlowErr)
	if f.Counterparty == "" && f.Employee == "" {
		d.fail(&f.CounterpartyErr, i18n.T(lang, "Choose the counterparty or the employee."))
	}
	if f.CashFlow == "" {
		d.fail(&f.CashFlowErr, i18n.T(lang, "Choose the cash-flow item."))
	}
	d.currency(x)
	cash := x.Type == doc.CashReceipt || x.Type == doc.CashExpense
	if !cash {
		f.Person, f.Attachment = "", "" // not on a payment order
	}
	d.texts(x)
	exp := d.exp(x)
	// Money to or from an employee and no counterparty: the accountable
	// person's account (71.01, 71.21 in a currency) unless a line says
	// otherwise (70 for wages).
	var accountable ledger.AccountCode
	if x.Counterparty == 0 && x.Employee != 0 {
		if s, err := d.s.postingSettings(d.r, d.q); err == nil {
			accountable = s.Accountable
			if x.Currency != "" {
				accountable = s.AccountableCur
			}
		}
	}
	x.Lines = nil
	for i := range f.Lines {
		l := &f.Lines[i]
		if l.empty() {
			continue
		}
		line := doc.Line{Account: d.account(l.Account, &l.AccountErr)}
		if l.Account == "" {
			line.Account = accountable
		}
		if l.Amount == "" {
			d.fail(&l.AmtErr, i18n.T(lang, "Enter the amount."))
		}
		d.amount(l.Amount, exp, &line.Amount, &l.AmtErr)
		x.Lines = append(x.Lines, line)
	}
	if len(x.Lines) == 0 && d.ok {
		d.fail(&f.Lines[0].RowErr, i18n.T(lang, "Fill in at least one line: the amount."))
	}
}

// advance reads the form of an advance report (AO-1): the employee who
// accounts for the money, and a line per expense: its account (26, 44,
// 10.01, 41.01...; the rule's 26 for services when empty), the item and
// quantity of goods and materials, the amount and its VAT, the supplier
// and the document behind it.
func (d *docReader) advance(x *doc.Document) {
	f, lang := d.f, d.q.lang
	x.Refs = doc.Refs{}
	x.Employee = d.find(ledger.Employee, "employee", f.Employee, &f.EmployeeErr)
	if f.Employee == "" {
		d.fail(&f.EmployeeErr, i18n.T(lang, "Choose the employee."))
	}
	x.Warehouse = d.find(ledger.Warehouse, "warehouse", f.Warehouse, &f.WarehouseErr)
	x.PricesIncludeVAT = true // an employee's receipts show what was paid
	d.currency(x)
	f.Basis, f.Person = "", ""
	d.texts(x)
	exp := d.exp(x)
	x.Lines = nil
	for i := range f.Lines {
		l := &f.Lines[i]
		if l.empty() {
			continue
		}
		is := strconv.Itoa(i)
		line := doc.Line{Account: d.account(l.Account, &l.AccountErr), Supporting: l.Supporting, VAT: doc.Rate(l.VAT)}
		line.Item = d.find(ledger.Item, "item"+is, l.Item, &l.ItemErr)
		line.Counterparty = d.find(ledger.Counterparty, "cp"+is, l.Counterparty, &l.CounterpartyErr)
		line.Service = l.Item == ""
		d.qty(l.Qty, &line.Qty, &l.QtyErr)
		if l.Amount == "" {
			d.fail(&l.AmtErr, i18n.T(lang, "Enter the amount."))
		}
		d.amount(l.Amount, exp, &line.Amount, &l.AmtErr)
		if !validRate(line.VAT) {
			d.fail(&l.RowErr, i18n.Sprintf(lang, "VAT rate %q is not a percentage such as 15%% or the word exempt", l.VAT))
		}
		if len(l.Supporting) > doc.MaxText {
			d.fail(&l.SupportingErr, i18n.Sprintf(lang, "the supporting document is longer than %d bytes", doc.MaxText))
		}
		x.Lines = append(x.Lines, line)
	}
	if len(x.Lines) == 0 && d.ok {
		d.fail(&f.Lines[0].RowErr, i18n.T(lang, "Fill in at least one line: the expense and its amount."))
	}
}
