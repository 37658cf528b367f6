package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/money/inwords"
	"hasap/printform"
	"hasap/settle"
)

// The reconciliation act (акт сверки взаимных расчётов, özara
// hasaplaşyklaryň deňeşdirme namasy): GET
// /o/{org}/settlements/{id}/act/print is its HTML print view, …/act/pdf
// the PDF, for ?from=&to= (both required), optionally ?contract= and
// ?lang=. The organisation fills its half: the
// opening balance, one line per document with our debit and credit, the
// turnover and the closing balance, and the sentence saying in whose
// favour the balance is; the counterparty's half is left blank for it to
// fill, and both sides sign.

func (s *server) reconciliationPrint(w http.ResponseWriter, r *http.Request, q *request) {
	s.printReconciliation(w, r, q, false)
}

func (s *server) reconciliationPDF(w http.ResponseWriter, r *http.Request, q *request) {
	s.printReconciliation(w, r, q, true)
}

func (s *server) printReconciliation(w http.ResponseWriter, r *http.Request, q *request, pdf bool) {
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	v := r.URL.Query()
	var contract ledger.AnalyticID
	if c := v.Get("contract"); c != "" {
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n <= 0 {
			s.notFoundPage(w, r, q)
			return
		}
		contract = ledger.AnalyticID(n)
	}
	from, err := optDate(v.Get("from"))
	if err == nil {
		var to ledger.Date
		if to, err = optDate(v.Get("to")); err == nil {
			var act *app.Reconciliation
			if act, err = s.app.Reconciliation(r.Context(), q.actor, q.org.Code, ledger.AnalyticID(id), contract, from, to); err == nil {
				s.writeAct(w, r, q, act, pdf)
				return
			}
		}
	}
	s.fail(w, r, q, err)
}

func (s *server) writeAct(w http.ResponseWriter, r *http.Request, q *request, act *app.Reconciliation, pdf bool) {
	lang := q.lang
	if l := r.URL.Query().Get("lang"); i18n.Valid(l) {
		lang = l
	}
	f, err := s.actForm(r, q, act, lang)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	var buf bytes.Buffer
	render, ctype := printform.HTML, "text/html; charset=utf-8"
	if pdf {
		render, ctype = printform.PDF, "application/pdf"
	}
	if err := render(&buf, f); err != nil {
		s.fail(w, r, q, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Security-Policy", printCSP)
	if pdf {
		name := fmt.Sprintf("reconciliation-%s-%s-%s.pdf", safeName(act.Counterparty.Code), act.From, act.To)
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.Write(buf.Bytes())
}

// safeName keeps the letters, digits, '-' and '_' of an ASCII code for a
// file name, "x" when nothing is left.
func safeName(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s) && len(b) < 40; i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "x"
	}
	return string(b)
}

// actForm lays the act out in lang.
func (s *server) actForm(r *http.Request, q *request, act *app.Reconciliation, lang string) (printform.Form, error) {
	cur := q.org.Currency
	loc := money.Locale(lang)
	amt := func(a money.Amount) string {
		if a == 0 {
			return ""
		}
		return money.Format(a, cur.Exponent, loc)
	}
	pg := &page{Lang: lang, loc: loc}
	name := func(a ledger.Analytic) string {
		if n := a.Names.In(lang); n != "" {
			return n
		}
		return a.Code
	}
	org, who, err := s.issuer(r, q, i18n.T(lang, "Organisation"))
	if err != nil {
		return printform.Form{}, err
	}
	cpName := name(act.Counterparty)
	other := printform.Party{Role: i18n.T(lang, "Counterparty"), Name: cpName}
	f := printform.Form{Lang: lang, Title: i18n.T(lang, "Reconciliation act"), Date: act.To, Issuer: org, Recipient: other, Stamp: true}
	f.Fields = append(f.Fields, printform.Field{Label: i18n.T(lang, "Period"), Value: pg.Date(act.From) + " – " + pg.Date(act.To)})
	if act.Contract.ID != 0 {
		f.Fields = append(f.Fields, printform.Field{Label: i18n.T(lang, "Contract"), Value: name(act.Contract)})
	}
	f.Fields = append(f.Fields,
		printform.Field{Label: i18n.T(lang, "Columns 1–4"), Value: i18n.Sprintf(lang, "according to %s, %s", org.Name, cur.Code)},
		printform.Field{Label: i18n.T(lang, "Columns 5–8"), Value: i18n.Sprintf(lang, "according to %s, %s", cpName, cur.Code)})
	f.Table.Columns = []printform.Column{
		{Header: i18n.T(lang, "Date"), Align: printform.AlignCenter, Width: 11},
		{Header: i18n.T(lang, "Document"), Width: 21},
		{Header: i18n.T(lang, "Debit"), Align: printform.AlignRight, Width: 11},
		{Header: i18n.T(lang, "Credit"), Align: printform.AlignRight, Width: 11},
		{Header: i18n.T(lang, "Date"), Align: printform.AlignCenter, Width: 11},
		{Header: i18n.T(lang, "Document"), Width: 13},
		{Header: i18n.T(lang, "Debit"), Align: printform.AlignRight, Width: 11},
		{Header: i18n.T(lang, "Credit"), Align: printform.AlignRight, Width: 11},
	}
	// A balance goes in the debit column, or the credit one; a zero
	// balance is written as 0.00 in the debit column, as accountants do.
	side := func(bal money.Amount) (dt, kt string) {
		if bal >= 0 {
			return money.Format(bal, cur.Exponent, loc), ""
		}
		return "", amt(-bal) // bal > MinInt64: Reconcile's sums are checked
	}
	dt, kt := side(act.Opening)
	f.Table.Rows = append(f.Table.Rows, []string{"1", "2", "3", "4", "5", "6", "7", "8"},
		[]string{"", i18n.T(lang, "Opening balance"), dt, kt, "", "", "", ""})
	for _, l := range act.Lines {
		f.Table.Rows = append(f.Table.Rows, []string{pg.Date(l.Date), actLineTitle(act, l, lang), amt(l.Debit), amt(l.Credit), "", "", "", ""})
	}
	dt, kt = side(act.Closing)
	f.Table.Totals = [][]string{
		{i18n.T(lang, "Turnover for the period"), amt(act.Debit), amt(act.Credit), "", "", "", ""},
		{i18n.T(lang, "Closing balance"), dt, kt, "", "", "", ""},
	}
	f.Notes = balanceSentence(lang, org.Name, cpName, pg.Date(act.To), act.Closing, cur, loc)
	if act.Closing != 0 {
		abs, err := money.Abs(act.Closing)
		if err == nil {
			if words, err := inwords.Amount(abs, cur.Code, lang); err == nil {
				f.AmountInWords = inwords.Capitalize(words)
			}
		}
	}
	f.Signatures = []printform.Signature{
		{Role: i18n.T(lang, "Director") + " (" + org.Name + ")", Name: who.Director},
		{Role: i18n.T(lang, "Chief accountant") + " (" + org.Name + ")", Name: who.ChiefAccountant},
		{Role: i18n.T(lang, "Director") + " (" + cpName + ")"},
		{Role: i18n.T(lang, "Chief accountant") + " (" + cpName + ")"},
	}
	return f, nil
}

// actLineTitle names a line's document as the act prints it: its title
// and number in lang (the date has its column), or the entry's
// description for an entry without a document.
func actLineTitle(act *app.Reconciliation, l settle.ActLine, lang string) string {
	if d, ok := act.Documents[l.DocID]; ok {
		return docLabel(d.Document, lang)
	}
	return l.Description
}

// balanceSentence says in whose favour the closing balance is.
func balanceSentence(lang, org, cp, on string, closing money.Amount, cur money.Currency, loc money.Locale) string {
	abs, err := money.Abs(closing)
	if err != nil {
		return ""
	}
	sum := money.Format(abs, cur.Exponent, loc) + " " + cur.Code
	switch settle.InFavourOf(closing) {
	case settle.FavourUs:
		return i18n.Sprintf(lang, "According to %s, on %s the balance is %s in favour of %s.", org, on, sum, org)
	case settle.FavourCounterparty:
		return i18n.Sprintf(lang, "According to %s, on %s the balance is %s in favour of %s.", org, on, sum, cp)
	}
	return i18n.Sprintf(lang, "According to %s, on %s the parties owe each other nothing.", org, on)
}
