package sheets

import (
	"strconv"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/report/sheet"
)

// CashBook is one day's sheet of the cash book as its page shows it: the
// opening balance, the day's lines (the document's number, whom the cash
// came from or went to, the corresponding account, receipt or payment),
// the day's totals and the closing balance; a currency book has the base
// currency's columns too. persons name the lines (CashBookPersons).
func CashBook(b *app.CashBook, persons []string, org ledger.Org, lang string) *sheet.Sheet {
	title := i18n.T(lang, "Cash book") + " " + string(b.Account.Code)
	if b.Foreign {
		title += " (" + b.Currency.Code + ")"
	}
	sh := &sheet.Sheet{Name: "cash-book-" + string(b.Account.Code), Title: title, Lines: []string{org.Name, dateText(b.Date, lang)}}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Document number"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Received from or issued to"), Kind: sheet.Text, Width: 36},
		{Title: i18n.T(lang, "Corresponding account"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Receipt"), Group: b.Currency.Code, Kind: sheet.Money, Exp: b.Currency.Exponent},
		{Title: i18n.T(lang, "Paid out"), Group: b.Currency.Code, Kind: sheet.Money, Exp: b.Currency.Exponent},
	}
	base := org.Currency
	if b.Foreign {
		sh.Columns = append(sh.Columns,
			sheet.Column{Title: i18n.T(lang, "Receipt"), Group: base.Code, Kind: sheet.Money, Exp: base.Exponent},
			sheet.Column{Title: i18n.T(lang, "Paid out"), Group: base.Code, Kind: sheet.Money, Exp: base.Exponent})
	}
	none := sheet.Cell{}
	add := func(style sheet.Style, cells []sheet.Cell, cur, baseCells [2]sheet.Cell) {
		cells = append(cells, cur[0], cur[1])
		if b.Foreign {
			cells = append(cells, baseCells[0], baseCells[1])
		}
		sh.Add(style, 0, cells...)
	}
	add(sheet.Heading, []sheet.Cell{none, sheet.T(i18n.T(lang, "Balance at the start of the day")), none},
		[2]sheet.Cell{sheet.M(b.Opening), none}, [2]sheet.Cell{sheet.M(b.OpeningBase), none})
	for i, l := range b.Lines {
		cur, bs := [2]sheet.Cell{sheet.M(l.Amount), none}, [2]sheet.Cell{sheet.M(l.Base), none}
		if !l.Receipt {
			cur, bs = [2]sheet.Cell{none, sheet.M(l.Amount)}, [2]sheet.Cell{none, sheet.M(l.Base)}
		}
		person := l.Description
		if i < len(persons) {
			person = persons[i]
		}
		add(sheet.Plain, []sheet.Cell{sheet.T(CashBookNumber(l, lang)), sheet.T(person), sheet.T(string(l.Counter))}, cur, bs)
	}
	add(sheet.Total, []sheet.Cell{none, sheet.T(i18n.T(lang, "Total for the day")), none},
		[2]sheet.Cell{sheet.M(b.Receipts), sheet.M(b.Expenses)}, [2]sheet.Cell{sheet.M(b.ReceiptsBase), sheet.M(b.ExpensesBase)})
	add(sheet.Total, []sheet.Cell{none, sheet.T(i18n.T(lang, "Balance at the end of the day")), none},
		[2]sheet.Cell{sheet.M(b.Closing), none}, [2]sheet.Cell{sheet.M(b.ClosingBase), none})
	return sh
}

// CashBookNumber is a line's "document number": a cash order's number,
// another document's title and number, or the entry's year/number.
func CashBookNumber(l app.CashBookLine, lang string) string {
	switch {
	case l.DocType == doc.CashReceipt || l.DocType == doc.CashExpense:
		return strconv.FormatInt(l.Number, 10)
	case l.DocType != "":
		return doc.Title(l.DocType, lang) + " " + strconv.FormatInt(l.Number, 10)
	case l.EntryNumber != 0:
		return strconv.Itoa(l.Year) + "/" + strconv.FormatInt(l.EntryNumber, 10)
	}
	return ""
}

// CashBookPersons names, for each line, whom the cash came from or went
// to: the document's Person, else its employee's or counterparty's name
// (from analytics, by id) or code, else the entry's description.
func CashBookPersons(b *app.CashBook, analytics map[ledger.AnalyticID]ledger.Analytic, lang string) []string {
	out := make([]string, len(b.Lines))
	for i, l := range b.Lines {
		switch a, ok := analytics[l.Analytic]; {
		case l.Person != "":
			out[i] = l.Person
		case ok && a.Names.In(lang) != "":
			out[i] = a.Names.In(lang)
		case ok:
			out[i] = a.Code
		default:
			out[i] = l.Description
		}
	}
	return out
}
