package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/money/inwords"
	"hasap/printform"
)

// The printed forms of money documents: the outgoing payment order
// (платёжное поручение, töleg tabşyrygy), the cash receipt order KO-1
// with its tear-off receipt and the cash expense order KO-2, laid out as
// the official forms are (OKUD 0310001 and 0310002 for the cash orders),
// as closely as printform allows: the organisation, the number and date,
// a table of the correspondence (debit, credit, analytics, amount), the
// person, the basis, the amount in figures and in words, the attachment
// and the signature lines.

// moneyDoc is what the forms of a money document share: its currency, its
// lines' accounts and amounts, the total and the amount in words.
type moneyDoc struct {
	lang          string
	cur           money.Currency
	total         money.Amount
	inWords       string
	name          func(ledger.AnalyticID) string
	amt           func(money.Amount) string
	person, basis string
	attachment    string
	// counters are the lines' counter accounts, and cashes their money
	// accounts: the posted entry's (one posting a line), or for a draft
	// what the rule would post.
	counters, cashes []ledger.AccountCode
}

// newMoneyDoc works out what the forms of payment document x print: the
// accounts of each line (its entry's when it is posted, else the ones its
// rule would post), the total of its lines, the amount in words in lang.
func (s *server) newMoneyDoc(r *http.Request, q *request, x app.Document, lang string) (*moneyDoc, error) {
	an, err := s.docAnalytics(r, q, x)
	if err != nil {
		return nil, err
	}
	m := &moneyDoc{lang: lang, cur: q.org.Currency, person: x.Person, basis: x.Basis, attachment: x.Attachment}
	m.name = func(id ledger.AnalyticID) string {
		if a, ok := an[id]; ok {
			if n := a.Names.In(lang); n != "" {
				return n
			}
			return a.Code
		}
		return ""
	}
	foreign := x.Currency != "" && x.Currency != q.org.Currency.Code
	if foreign {
		if m.cur, err = money.Lookup(x.Currency); err != nil {
			return nil, err
		}
	}
	settings, err := s.postingSettings(r, q)
	if err != nil {
		return nil, err
	}
	cash, counter, in := doc.PaymentAccounts(x.Type, foreign, settings)
	var posted []ledger.Posting
	if x.Status == doc.Posted && x.Entry != 0 {
		e, err := s.app.EntryBySeq(r.Context(), q.actor, q.org.Code, x.Entry)
		if err != nil {
			return nil, err
		}
		posted = e.Postings
	}
	for i, l := range x.Lines {
		c, o := cash, counter
		if l.Account != "" {
			o = l.Account
		}
		switch {
		case len(posted) == len(x.Lines):
			c, o = posted[i].Credit.Account, posted[i].Debit.Account
			if in {
				c, o = o, c
			}
		case len(x.Lines) == 1 && len(posted) > 1:
			// One payment split into the debt and an advance (62.01 and
			// 62.02), with its VAT on the advance beside: the accounts
			// the money went against, in the entry's order.
			c, o = cashCounters(posted, in)
		}
		m.cashes, m.counters = append(m.cashes, c), append(m.counters, o)
	}
	for i, l := range x.Lines {
		if m.total, err = money.Add(m.total, l.Amount); err != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "line %d: the amount is out of range", i+1)
		}
	}
	loc := money.Locale(lang)
	m.amt = func(a money.Amount) string { return money.Format(a, m.cur.Exponent, loc) }
	if w, err := inwords.Amount(m.total, m.cur.Code, lang); err == nil {
		m.inWords = inwords.Capitalize(w)
	}
	if m.basis == "" {
		m.basis = x.Comment
	}
	if m.person == "" {
		for _, id := range []ledger.AnalyticID{x.Employee, x.Counterparty} {
			if n := m.name(id); n != "" {
				m.person = n
				break
			}
		}
	}
	return m, nil
}

// cashCounters returns the cash account of a one-line payment's posted
// entry and its corresponding accounts, joined by ", " in the entry's
// order: the postings that move money are those whose cash side is the
// first posting's; the rest (the VAT on an advance) do not.
func cashCounters(posted []ledger.Posting, in bool) (cash, counters ledger.AccountCode) {
	side := func(p ledger.Posting) (c, o ledger.AccountCode) {
		if in {
			return p.Debit.Account, p.Credit.Account
		}
		return p.Credit.Account, p.Debit.Account
	}
	cash, _ = side(posted[0])
	var names []string
	for _, p := range posted {
		c, o := side(p)
		if c == cash && !slices.Contains(names, string(o)) {
			names = append(names, string(o))
		}
	}
	return cash, ledger.AccountCode(strings.Join(names, ", "))
}

// lineAnalytic names the catalog entry of a line a cash order's analytic
// column shows: its employee, counterparty or contract.
func (m *moneyDoc) lineAnalytic(x app.Document, l doc.Line) string {
	for _, id := range []ledger.AnalyticID{l.Employee, l.Counterparty, x.Employee, x.Counterparty, l.Contract, x.Contract} {
		if n := m.name(id); n != "" {
			return n
		}
	}
	return ""
}

// cashOrderForm lays out a cash receipt order KO-1 (with its receipt) or
// a cash expense order KO-2.
func (s *server) cashOrderForm(r *http.Request, q *request, x app.Document, lang string) (printform.Form, error) {
	m, err := s.newMoneyDoc(r, q, x, lang)
	if err != nil {
		return printform.Form{}, err
	}
	receipt := x.Type == doc.CashReceipt
	org, who, err := s.issuer(r, q, i18n.T(lang, "Organisation"))
	if err != nil {
		return printform.Form{}, err
	}
	number := strconv.FormatInt(x.Number, 10)
	sum := m.amt(m.total) + " " + m.cur.Code
	f := printform.Form{Lang: lang, Title: doc.Title(x.Type, lang), Number: number, Date: x.Date, Issuer: org,
		AmountInWords: m.inWords}
	amountHead := i18n.Sprintf(lang, "Amount, %s", m.cur.Code)
	if receipt {
		f.Table.Columns = []printform.Column{
			{Header: i18n.T(lang, "Debit"), Align: printform.AlignCenter, Width: 10},
			{Header: i18n.T(lang, "Credit: corresponding account, sub-account"), Align: printform.AlignCenter, Width: 17},
			{Header: i18n.T(lang, "Analytic accounting code"), Align: printform.AlignCenter, Width: 20},
			{Header: amountHead, Align: printform.AlignRight, Width: 14},
			{Header: i18n.T(lang, "Purpose code"), Align: printform.AlignCenter, Width: 12},
		}
	} else {
		f.Table.Columns = []printform.Column{
			{Header: i18n.T(lang, "Debit: corresponding account, sub-account"), Align: printform.AlignCenter, Width: 17},
			{Header: i18n.T(lang, "Analytic accounting code"), Align: printform.AlignCenter, Width: 20},
			{Header: i18n.T(lang, "Credit"), Align: printform.AlignCenter, Width: 10},
			{Header: amountHead, Align: printform.AlignRight, Width: 14},
			{Header: i18n.T(lang, "Purpose code"), Align: printform.AlignCenter, Width: 12},
		}
	}
	for i, l := range x.Lines {
		row := []string{string(m.cashes[i]), string(m.counters[i]), m.lineAnalytic(x, l), m.amt(l.Amount), ""}
		if !receipt {
			row = []string{string(m.counters[i]), m.lineAnalytic(x, l), string(m.cashes[i]), m.amt(l.Amount), ""}
		}
		f.Table.Rows = append(f.Table.Rows, row)
	}
	if len(x.Lines) > 1 {
		f.Table.Totals = [][]string{{i18n.T(lang, "Total"), m.amt(m.total), ""}}
	}
	personLabel := i18n.T(lang, "Received from")
	if !receipt {
		personLabel = i18n.T(lang, "Issue to")
	}
	f.Fields = []printform.Field{{Label: personLabel, Value: m.person}, {Label: i18n.T(lang, "Basis"), Value: m.basis},
		{Label: i18n.T(lang, "Amount"), Value: sum}}
	if m.attachment != "" {
		f.Fields = append(f.Fields, printform.Field{Label: i18n.T(lang, "Attachment"), Value: m.attachment})
	}
	if !receipt {
		f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Director"), Name: who.Director}, {Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant},
			{Role: i18n.T(lang, "Received by"), Name: m.person}, {Role: i18n.T(lang, "Issued by cashier"), Name: who.Cashier}}
		return f, nil
	}
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant}, {Role: i18n.T(lang, "Received by cashier"), Name: who.Cashier}}
	f.TearOff = &printform.Form{Title: i18n.T(lang, "Receipt for cash receipt order"), Number: number, Date: x.Date,
		Issuer: printform.Party{Role: org.Role, Name: org.Name},
		Fields: []printform.Field{{Label: personLabel, Value: m.person}, {Label: i18n.T(lang, "Basis"), Value: m.basis},
			{Label: i18n.T(lang, "Amount"), Value: sum}},
		AmountInWords: m.inWords,
		Signatures:    []printform.Signature{{Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant}, {Role: i18n.T(lang, "Cashier"), Name: who.Cashier}},
		Stamp:         true,
	}
	return f, nil
}

// paymentOrderForm lays out an outgoing payment order: the payer and the
// payee with their details, the payment's lines with their purpose and
// amount, the amount in words, the signatures, the stamp and the box for
// the bank's marks.
func (s *server) paymentOrderForm(r *http.Request, q *request, x app.Document, lang string) (printform.Form, error) {
	m, err := s.newMoneyDoc(r, q, x, lang)
	if err != nil {
		return printform.Form{}, err
	}
	payer, who, err := s.issuer(r, q, i18n.T(lang, "Payer"))
	if err != nil {
		return printform.Form{}, err
	}
	payee := printform.Party{Role: i18n.T(lang, "Payee"), Name: m.name(x.Counterparty)}
	f := printform.Form{Lang: lang, Title: i18n.T(lang, "Payment order"), Number: strconv.FormatInt(x.Number, 10), Date: x.Date,
		Issuer: payer, Recipient: payee, AmountInWords: m.inWords, Stamp: true, Marks: i18n.T(lang, "Bank marks")}
	f.Fields = []printform.Field{{Label: i18n.T(lang, "Purpose of payment"), Value: m.basis}}
	f.Table.Columns = []printform.Column{
		{Header: "№", Align: printform.AlignCenter, Width: 4},
		{Header: i18n.T(lang, "Contract"), Width: 40},
		{Header: i18n.T(lang, "Account"), Align: printform.AlignCenter, Width: 10},
		{Header: i18n.Sprintf(lang, "Amount, %s", m.cur.Code), Align: printform.AlignRight, Width: 14},
	}
	for i, l := range x.Lines {
		contract := m.name(l.Contract)
		if contract == "" {
			contract = m.name(x.Contract)
		}
		f.Table.Rows = append(f.Table.Rows, []string{strconv.Itoa(i + 1), contract, string(m.counters[i]), m.amt(l.Amount)})
	}
	f.Table.Totals = [][]string{{i18n.T(lang, "Total"), m.amt(m.total)}}
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Director"), Name: who.Director}, {Role: i18n.T(lang, "Chief accountant"), Name: who.ChiefAccountant}}
	return f, nil
}
