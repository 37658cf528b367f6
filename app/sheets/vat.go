package sheets

import (
	"strconv"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// VAT columns.
const (
	VATDate = iota
	VATDocument
	VATCounterparty
	VATNet15
	VATNet0
	VATExempt
	VATAmount
	VATGross
)

// VATRowRef says which document a row of the VAT sheet is: the row's
// index in the sheet and the document's id.
type VATRowRef struct {
	Row   int
	DocID int64
}

// VAT is the sheet of a month's VAT books: the sales book, the purchases
// book (a heading, a row per document, the book's total) and the return's
// summary by rate (the sales' output VAT, the purchases' input VAT offset,
// the VAT payable). It returns with the sheet the rows that are documents.
func VAT(b *app.VATBooks, org ledger.Org, lang string) (*sheet.Sheet, []VATRowRef) {
	exp := org.Currency.Exponent
	m := func(title, group string) sheet.Column {
		return sheet.Column{Title: title, Group: group, Kind: sheet.Money, Exp: exp}
	}
	net := i18n.T(lang, "Net amount by VAT rate")
	y, mo, _ := b.From.YMD()
	sh := &sheet.Sheet{Name: "vat-" + strconv.Itoa(y) + "-" + twoDigits(int(mo)), Title: i18n.T(lang, "VAT books"), Landscape: true,
		Lines: []string{orgLine(org), i18n.Sprintf(lang, "Period: %s – %s", dateText(b.From, lang), dateText(b.To, lang))},
		Columns: []sheet.Column{{Title: i18n.T(lang, "Date"), Kind: sheet.Date}, {Title: i18n.T(lang, "Document"), Width: 28},
			{Title: i18n.T(lang, "Counterparty"), Width: 28}, m("15 %", net), m("0 %", net), m(i18n.T(lang, "Exempt"), net), m(i18n.T(lang, "VAT"), ""),
			m(i18n.T(lang, "Total with VAT"), "")}}
	var refs []VATRowRef
	heading := func(title string) {
		sh.Add(sheet.Heading, 0, sheet.Cell{}, sheet.T(title), sheet.Cell{}, sheet.Cell{}, sheet.Cell{}, sheet.Cell{}, sheet.Cell{}, sheet.Cell{})
	}
	book := func(title string, bk app.VATBook) {
		heading(title)
		for _, r := range bk.Rows {
			cp := ""
			if c, ok := b.Counterparties[r.Counterparty]; ok {
				cp = name(c.Names, c.Code, lang)
			}
			refs = append(refs, VATRowRef{Row: len(sh.Rows), DocID: r.DocID})
			sh.Add(sheet.Plain, 0, sheet.D(r.Date), sheet.T(DocLabel(r.DocType, r.Number, lang)), sheet.T(cp),
				sheet.NZ(r.Net15), sheet.NZ(r.Net0), sheet.NZ(r.NetExempt), sheet.NZ(r.VAT), sheet.M(r.Gross))
		}
		t := bk.Total
		sh.Add(sheet.Total, 0, sheet.Cell{}, sheet.T(i18n.T(lang, "Total")), sheet.Cell{},
			sheet.M(t.Net15), sheet.M(t.Net0), sheet.M(t.NetExempt), sheet.M(t.VAT), sheet.M(t.Gross))
	}
	book(i18n.T(lang, "Sales book"), b.Sales)
	book(i18n.T(lang, "Purchases book"), b.Purchase)
	heading(i18n.T(lang, "VAT return for the month"))
	s, p := b.Sales.Total, b.Purchase.Total
	line := func(title string, n15, n0, ex, vat money.Amount, style sheet.Style) {
		sh.Add(style, 0, sheet.Cell{}, sheet.T(title), sheet.Cell{}, sheet.NZ(n15), sheet.NZ(n0), sheet.NZ(ex), sheet.M(vat), sheet.Cell{})
	}
	line(i18n.T(lang, "Output VAT on sales"), s.Net15, s.Net0, s.NetExempt, b.Output, sheet.Plain)
	line(i18n.T(lang, "Input VAT offset"), p.Net15, p.Net0, p.NetExempt, b.Input, sheet.Plain)
	line(i18n.T(lang, "VAT payable"), 0, 0, 0, b.Payable, sheet.Total)
	return sh, refs
}

// DocLabel names a document by its title and number in lang: "Акт
// выполненных работ № 1", "Act of completed work No. 1".
func DocLabel(t doc.Type, number int64, lang string) string {
	sign := "№"
	if lang == "en" {
		sign = "No."
	}
	return doc.Title(t, lang) + " " + sign + " " + strconv.FormatInt(number, 10)
}

func twoDigits(n int) string { return strconv.Itoa(n/10) + strconv.Itoa(n%10) }
