package web

import (
	"net/http"

	"hasap/i18n"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// The sheets of the pages whose rows the page itself words (the cash
// book's document numbers and persons, the open items' document titles):
// built from the same rows the page shows, so the file says what the page
// says. The other reports' sheets come from app (exports.go there).

// exportSheet answers ?format= with the sheet build makes; it reports
// whether the request was an export (and is answered).
func (s *server) exportSheet(w http.ResponseWriter, r *http.Request, q *request, name string, build func() (*sheet.Sheet, error)) bool {
	f := exportFormat(r)
	if f == "" {
		return false
	}
	sh, err := build()
	if err != nil {
		s.fail(w, r, q, err)
		return true
	}
	s.writeSheet(w, r, q, sh, f, name)
	return true
}

// cashBookSheet is one day's sheet of the cash book as the page shows it:
// the opening balance, the day's lines, the totals and the closing balance,
// with the base currency's columns for a currency book.
func cashBookSheet(q *request, d *cashBookData) *sheet.Sheet {
	b, lang := d.Book, q.lang
	title := i18n.T(lang, "Cash book") + " " + string(b.Account.Code)
	if b.Foreign {
		title += " (" + b.Currency.Code + ")"
	}
	sh := &sheet.Sheet{Name: "cash-book-" + string(b.Account.Code), Title: title,
		Lines: []string{q.org.Name, sheet.Format(sheet.D(b.Date), sheet.Column{Kind: sheet.Date}, money.Locale(lang))}}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Document number"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Received from or issued to"), Kind: sheet.Text, Width: 36},
		{Title: i18n.T(lang, "Corresponding account"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Receipt"), Group: b.Currency.Code, Kind: sheet.Money, Exp: b.Currency.Exponent},
		{Title: i18n.T(lang, "Paid out"), Group: b.Currency.Code, Kind: sheet.Money, Exp: b.Currency.Exponent},
	}
	base := q.org.Currency
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
	persons := d.persons
	for i, l := range b.Lines {
		cur, bs := [2]sheet.Cell{sheet.M(l.Amount), none}, [2]sheet.Cell{sheet.M(l.Base), none}
		if !l.Receipt {
			cur, bs = [2]sheet.Cell{none, sheet.M(l.Amount)}, [2]sheet.Cell{none, sheet.M(l.Base)}
		}
		person := ""
		if i < len(persons) {
			person = persons[i]
		}
		add(sheet.Plain, []sheet.Cell{sheet.T(cashBookNumber(l, lang)), sheet.T(person), sheet.T(string(l.Counter))}, cur, bs)
	}
	add(sheet.Total, []sheet.Cell{none, sheet.T(i18n.T(lang, "Total for the day")), none},
		[2]sheet.Cell{sheet.M(b.Receipts), sheet.M(b.Expenses)}, [2]sheet.Cell{sheet.M(b.ReceiptsBase), sheet.M(b.ExpensesBase)})
	add(sheet.Total, []sheet.Cell{none, sheet.T(i18n.T(lang, "Balance at the end of the day")), none},
		[2]sheet.Cell{sheet.M(b.Closing), none}, [2]sheet.Cell{sheet.M(b.ClosingBase), none})
	return sh
}

// exportName is a report's file name without extension, with its period.
func exportName(name string, from, to ledger.Date) string { return export.BaseName(name, from, to) }
