package web

import (
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// opening reads the form of opening balances as an accountant writes a
// trial balance: a line per account and analytics, with its balance in
// the Dt or the Kt column (in the base currency), the quantity of a
// quantity account and the currency amount of a currency account (in the
// document's currency), both written as positive numbers. The rule posts
// a debit balance Dt account Kt 000, a credit one Dt 000 Kt account.
func (d *docReader) opening(x *doc.Document) {
	f, lang := d.f, d.q.lang
	x.Refs = doc.Refs{}
	d.currency(x)
	exp := d.exp(x)
	x.Lines = nil
	for i := range f.Lines {
		l := &f.Lines[i]
		if l.empty() {
			continue
		}
		var line doc.Line
		d.openingSide(l, &line)
		d.qty(l.Qty, &line.Qty, &l.QtyErr)
		var dt, kt money.Amount
		d.amount(l.Debit, d.p.exp, &dt, &l.DebitErr)
		d.amount(l.Credit, d.p.exp, &kt, &l.CreditErr)
		d.amount(l.CurAmount, exp, &line.CurAmount, &l.CurErr)
		switch {
		case l.Debit != "" && l.Credit != "":
			d.fail(&l.CreditErr, i18n.T(lang, "Enter the balance in the Dt or the Kt column, not both."))
		case l.Debit == "" && l.Credit == "":
			d.fail(&l.DebitErr, i18n.T(lang, "Enter the balance in the Dt or the Kt column."))
		case dt < 0 || kt < 0 || line.Qty < 0 || line.CurAmount < 0:
			d.fail(&l.RowErr, i18n.T(lang, "Write the balance, the quantity and the currency amount as positive numbers: the column says the side."))
		case l.Credit != "":
			line.Amount = -kt // the negations of non-negative amounts cannot overflow
			line.Qty, line.CurAmount = -line.Qty, -line.CurAmount
		default:
			line.Amount = dt
		}
		x.Lines = append(x.Lines, line)
	}
	if len(x.Lines) == 0 && d.ok {
		d.fail(&f.Lines[0].RowErr, i18n.T(lang, "Fill in at least one line: the account and its balance."))
	}
}

// openingSide reads the account and analytics of an opening balance line
// into line: each code is looked up in the catalog its slot wants, as on
// the entry form, and kept as the ref of that kind.
func (d *docReader) openingSide(l *docFormLine, line *doc.Line) {
	sd := &l.Side
	if sd.Account == "" {
		d.fail(&sd.AccountErr, i18n.T(d.q.lang, "Enter the account."))
		return
	}
	line.Account = d.account(sd.Account, &sd.AccountErr)
	acc := d.chart[line.Account]
	if acc == nil {
		return
	}
	for j, code := range sd.Codes {
		switch {
		case code == "":
			if j < len(acc.Analytics) {
				d.fail(&sd.CodeErrs[j], i18n.Sprintf(d.q.lang, "Account %s requires %s.", acc.Code, d.p.KindName(acc.Analytics[j])))
			}
			continue
		case j >= len(acc.Analytics):
			d.fail(&sd.CodeErrs[j], i18n.Sprintf(d.q.lang, "Account %s takes only %d analytics.", acc.Code, len(acc.Analytics)))
			continue
		}
		kind := acc.Analytics[j]
		slot := line.Refs.Slot(kind)
		if slot == nil { // a catalog no document refers to
			d.fail(&sd.CodeErrs[j], i18n.Sprintf(d.q.lang, "account %s does not take %s", acc.Code, d.p.KindName(kind)))
			continue
		}
		an, err := d.s.app.AnalyticByCode(d.r.Context(), d.q.actor, d.q.org.Code, kind, code)
		if err != nil {
			d.fail(&sd.CodeErrs[j], i18n.Error(err, d.q.lang))
			continue
		}
		*slot = an.ID
	}
}

// fillOpeningLine shows an opening balance line on the form: the account,
// the codes of its analytics in the chart's order, the balance in its
// column.
func fillOpeningLine(p *page, chart ledger.Chart, l doc.Line, code func(ledger.AnalyticID) string, exp int, fl *docFormLine) {
	fl.Account, fl.Amount = "", ""
	fl.Side.Account = string(l.Account)
	if acc := chart[l.Account]; acc != nil {
		for j, k := range acc.Analytics {
			if slot := l.Refs.Slot(k); slot != nil && j < ledger.MaxAnalytics {
				fl.Side.Codes[j] = code(*slot)
			}
		}
	}
	credit := l.Amount < 0 || l.Amount == 0 && (l.CurAmount < 0 || l.Qty < 0)
	abs := func(a money.Amount) money.Amount {
		if a < 0 {
			return -a // a stored amount is never the minimum int64: money.Parse refuses it
		}
		return a
	}
	amt := money.Format(abs(l.Amount), p.exp, p.loc)
	if credit {
		fl.Credit = amt
	} else {
		fl.Debit = amt
	}
	if l.Qty != 0 {
		fl.Qty = p.Qty(ledger.Quantity(abs(money.Amount(l.Qty))))
	}
	if l.CurAmount != 0 {
		fl.CurAmount = money.Format(abs(l.CurAmount), exp, p.loc)
	}
}
