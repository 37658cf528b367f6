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
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant}}
	if x.Type == doc.Revaluation {
		return s.revaluationForm(r, q, x, lang, f)
	}
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
	return f, nil
}

// revaluationForm lays out a revaluation's statement: the rate of each
// currency at the period's end and at the end of the month before, and a
// line for each balance in a currency with its book value before, its
// value at the rate, the exchange difference and its posting, so that the
// difference can be redone by hand.
func (s *server) revaluationForm(r *http.Request, q *request, x app.Document, lang string, f printform.Form) (printform.Form, error) {
	var postings []ledger.Posting
	if x.Entry != 0 {
		e, err := s.app.EntryBySeq(r.Context(), q.actor, q.org.Code, x.Entry)
		if err != nil {
			return printform.Form{}, err
		}
		postings = e.Postings
		f.Notes = i18n.Sprintf(lang, "Entry %d/%d.", e.Year, e.Number) + "\n"
	} else {
		f.Notes = i18n.T(lang, "The document is not posted.") + "\n"
	}
	rv, err := s.revaluation(r, q, x.ID, lang, func(d ledger.Date) string { return printDate(d, lang) }, postings)
	if ledger.IsCode(err, ledger.EInvalid) { // a draft without its rate
		f.Notes += i18n.Error(err, lang)
		return f, nil
	}
	if err != nil {
		return printform.Form{}, err
	}
	dated := func(rate, date string) string {
		if date == "" {
			return rate
		}
		return rate + " (" + date + ")"
	}
	for _, c := range rv.Rates {
		f.Fields = append(f.Fields,
			printform.Field{Label: i18n.Sprintf(lang, "Rate of %s at the period's end", c.Currency), Value: dated(c.Rate, c.Date)},
			printform.Field{Label: i18n.Sprintf(lang, "Rate of %s at the end of the month before", c.Currency), Value: dated(c.Previous, c.PreviousDate)})
	}
	f.Table.Columns = []printform.Column{
		{Header: "№", Align: printform.AlignCenter, Width: 4},
		{Header: i18n.T(lang, "Account"), Width: 30},
		{Header: i18n.T(lang, "Balance in the currency"), Align: printform.AlignRight, Width: 16},
		{Header: i18n.T(lang, "Exchange rate"), Align: printform.AlignRight, Width: 9},
		{Header: i18n.T(lang, "Book value before"), Align: printform.AlignRight, Width: 15},
		{Header: i18n.T(lang, "At the period-end rate"), Align: printform.AlignRight, Width: 15},
		{Header: i18n.T(lang, "Exchange difference"), Align: printform.AlignRight, Width: 14},
		{Header: i18n.T(lang, "Dt") + " / " + i18n.T(lang, "Kt"), Width: 13},
	}
	for i, l := range rv.Lines {
		acct := string(l.Account) + " " + l.Name
		if l.Analytics != "" {
			acct += "; " + l.Analytics
		}
		posting := "—"
		if l.Dt != "" {
			posting = string(l.Dt) + " / " + string(l.Kt)
		}
		f.Table.Rows = append(f.Table.Rows, []string{strconv.Itoa(i + 1), acct, l.CurAmount + " " + l.Currency, l.Rate, l.Book, l.Revalued, l.Difference, posting})
	}
	f.Table.Totals = [][]string{{i18n.T(lang, "Total"), rv.Total, ""}}
	f.Notes += i18n.T(lang, "Balance in the currency × rate at the period's end − book value before = exchange difference.")
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
