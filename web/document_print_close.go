package web

import (
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/printform"
)

// closingForm prints a closing document (revaluation, closing of 90 and
// 91, profit tax, year close) as the accountant's statement
// (бухгалтерская справка) behind it: the period, the postings of its
// entry with the accounts' names, the total, and the chief accountant's
// signature. A draft (unposted) prints without postings.
func (s *server) closingForm(r *http.Request, q *request, x app.Document, lang string) (printform.Form, error) {
	org, who, err := s.issuer(r, q, "")
	if err != nil {
		return printform.Form{}, err
	}
	org.Role = i18n.T(lang, "Organisation")
	y, m, _ := x.Date.YMD()
	f := printform.Form{Lang: lang, Title: doc.Title(x.Type, lang), Number: strconv.FormatInt(x.Number, 10), Date: x.Date, Issuer: org}
	f.Fields = []printform.Field{{Label: i18n.T(lang, "Period"), Value: printDate(ledger.DateOf(y, m, 1), lang) + " – " + printDate(x.Date, lang)}}
	f.Table.Columns = []printform.Column{
		{Header: "№", Align: printform.AlignCenter, Width: 5},
		{Header: i18n.T(lang, "Debit"), Width: 38},
		{Header: i18n.T(lang, "Credit"), Width: 38},
		{Header: i18n.T(lang, "Amount"), Align: printform.AlignRight, Width: 19},
	}
	loc := money.Locale(lang)
	exp := q.org.Currency.Exponent
	if x.Entry == 0 {
		f.Notes = i18n.T(lang, "The document is not posted.")
	} else {
		e, err := s.app.EntryBySeq(r.Context(), q.actor, q.org.Code, x.Entry)
		if err != nil {
			return printform.Form{}, err
		}
		chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
		if err != nil {
			return printform.Form{}, err
		}
		name := func(s ledger.Side) string {
			if a := chart[s.Account]; a != nil {
				return string(s.Account) + " " + a.Names.In(lang)
			}
			return string(s.Account)
		}
		var total money.Amount
		for i, p := range e.Postings {
			f.Table.Rows = append(f.Table.Rows, []string{strconv.Itoa(i + 1), name(p.Debit), name(p.Credit), money.Format(p.Amount, exp, loc)})
			total += p.Amount
		}
		f.Table.Totals = [][]string{{i18n.T(lang, "Total"), money.Format(total, exp, loc)}}
		f.Notes = i18n.Sprintf(lang, "Entry %d/%d.", e.Year, e.Number)
	}
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant}}
	return f, nil
}

// printDate writes d as a printed form does: dd.mm.yyyy (yyyy-mm-dd in
// English).
func printDate(d ledger.Date, lang string) string {
	if lang == "en" {
		return d.String()
	}
	y, m, day := d.YMD()
	return strconv.Itoa(day/10) + strconv.Itoa(day%10) + "." + strconv.Itoa(int(m)/10) + strconv.Itoa(int(m)%10) + "." + strconv.Itoa(y)
}
