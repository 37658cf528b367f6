package web

import (
	"bytes"
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/printform"
	"hasap/report/sheet"
)

// The cash book KO-4: GET /o/{org}/cashbook?account=50.01&date=2026-03-04
// shows one day's sheet of one cash account (&currency=USD picks the book
// of a currency on 50.21): the opening balance, the day's cash orders,
// each a link to its document, the day's totals and the closing balance.
// …/cashbook/print and …/cashbook/pdf print the sheet as the official form
// (?lang= another language than the page's). Without a date it shows the
// last day with movements of the year, or today.

type cashBookData struct {
	*page
	Book     *app.CashBook
	Accounts []ledger.Account // the cash accounts to choose from
	Account  string           // as asked
	Currency string
	DateISO  string
	Rows     []cashBookRow
	// Amounts of the book written out: in the book's currency, and in the
	// base currency for a currency book.
	Opening, Receipts, Expenses, Closing                 string
	OpeningBase, ReceiptsBase, ExpensesBase, ClosingBase string
	Base                                                 string // the base currency's code
	PrintURL, PDFURL, PrevURL, NextURL                   string
	persons                                              []string // each line's person, for the export
}

// cashBookRow is one line of the sheet as the page shows it.
type cashBookRow struct {
	Number, URL, Person string
	Counter             ledger.AccountCode
	CounterURL          string
	Receipt, Expense    string
	ReceiptBase         string
	ExpenseBase         string
}

// CurrencyURL is the address of the same day's book in currency cur.
func (d *cashBookData) CurrencyURL(cur string) string {
	return d.cashBookURL("", d.Book.Account.Code, cur, d.Book.Date)
}

func (p *page) cashBookURL(suffix string, account ledger.AccountCode, cur string, day ledger.Date) string {
	v := url.Values{"account": {string(account)}, "date": {isoDate(day)}}
	if cur != "" {
		v.Set("currency", cur)
	}
	return p.O("/cashbook"+suffix) + "?" + v.Encode()
}

func (s *server) cashBook(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Cash book"))
	p.Nav = "cashbook"
	d := &cashBookData{page: p}
	b, status, err := s.readCashBook(r, q, d)
	if err != nil {
		if status == 0 {
			s.fail(w, r, q, err)
			return
		}
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, status, "cashbook", "", d)
		return
	}
	d.Book = b
	s.cashBookRows(r, q, d)
	if s.exportSheet(w, r, q, exportName("cash-book-"+string(b.Account.Code), b.Date, ledger.NoDate), func() (*sheet.Sheet, error) { return sheets.CashBook(b, d.persons, q.org, q.lang), nil }) {
		return
	}
	s.render(w, r, http.StatusOK, "cashbook", "", d)
}

// readCashBook reads the form's fields and the sheet they ask for. An
// error the user can correct (a bad date, an account that is no cash
// book) comes with 422; any other with status 0.
func (s *server) readCashBook(r *http.Request, q *request, d *cashBookData) (*app.CashBook, int, error) {
	ctx := r.Context()
	chart, err := s.app.Accounts(ctx, q.actor, q.org.Code)
	if err != nil {
		return nil, 0, err
	}
	settings, err := s.postingSettings(r, q)
	if err != nil {
		return nil, 0, err
	}
	d.Accounts = cashAccounts(chart, settings)
	v := r.URL.Query()
	d.Account, d.Currency, d.DateISO = strings.TrimSpace(v.Get("account")), strings.ToUpper(strings.TrimSpace(v.Get("currency"))), v.Get("date")
	if d.Account == "" && len(d.Accounts) > 0 {
		d.Account = string(d.Accounts[0].Code)
	}
	day, err := optDate(d.DateISO)
	if err != nil {
		return nil, http.StatusUnprocessableEntity, err
	}
	if day == ledger.NoDate {
		if day, err = s.lastCashDay(r, q, ledger.AccountCode(d.Account)); err != nil {
			return nil, 0, err
		}
	}
	d.DateISO = isoDate(day)
	b, err := s.app.CashBook(ctx, q.actor, q.org.Code, app.CashBookQuery{Account: ledger.AccountCode(d.Account), Currency: d.Currency, Date: day})
	switch ledger.ErrorCode(err) {
	case "":
		return b, http.StatusOK, nil
	case ledger.EInvalid:
		return nil, http.StatusUnprocessableEntity, err
	case ledger.ENotFound:
		if chart[ledger.AccountCode(d.Account)] == nil {
			return nil, http.StatusUnprocessableEntity, err // no such account: say so at the form
		}
	}
	return nil, 0, err
}

// lastCashDay is the day a cash book opens on without a date: today, or
// the last day of today's year the account moved before it.
func (s *server) lastCashDay(r *http.Request, q *request, account ledger.AccountCode) (ledger.Date, error) {
	today := dateOf(q.now)
	b, err := s.app.CashBook(r.Context(), q.actor, q.org.Code, app.CashBookQuery{Account: account, Date: today})
	if err != nil || b.Sheet != 0 || b.Prev == ledger.NoDate {
		return today, nil // the page asks again and says what is wrong
	}
	return b.Prev, nil
}

// cashAccounts are the posting-level accounts of the cash desk: those
// under the parent of the organisation's posting settings' cash accounts
// (50 in the CIS chart), by code.
func cashAccounts(chart ledger.Chart, st doc.Settings) []ledger.Account {
	var out []ledger.Account
	for _, a := range chart {
		if a.Group || a.Inactive {
			continue
		}
		for _, c := range []ledger.AccountCode{st.Cash, st.CashCur} {
			if cash := chart[c]; cash != nil && (a.Code == c || (cash.Parent != "" && a.Parent == cash.Parent)) {
				out = append(out, *a)
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b ledger.Account) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

// cashBookRows writes the sheet's figures and rows for the page.
func (s *server) cashBookRows(r *http.Request, q *request, d *cashBookData) {
	b, p := d.Book, d.page
	amt := func(a money.Amount) string { return money.Format(a, b.Currency.Exponent, p.loc) }
	d.Opening, d.Receipts, d.Expenses, d.Closing = amt(b.Opening), amt(b.Receipts), amt(b.Expenses), amt(b.Closing)
	d.OpeningBase, d.ReceiptsBase, d.ExpensesBase, d.ClosingBase = p.Money(b.OpeningBase), p.Money(b.ReceiptsBase), p.Money(b.ExpensesBase), p.Money(b.ClosingBase)
	d.Base = q.org.Currency.Code
	cur := ""
	if b.Foreign {
		cur = b.Currency.Code
	}
	d.PrintURL, d.PDFURL = p.cashBookURL("/print", b.Account.Code, cur, b.Date), p.cashBookURL("/pdf", b.Account.Code, cur, b.Date)
	if b.Prev != ledger.NoDate {
		d.PrevURL = p.cashBookURL("", b.Account.Code, cur, b.Prev)
	}
	if b.Next != ledger.NoDate {
		d.NextURL = p.cashBookURL("", b.Account.Code, cur, b.Next)
	}
	persons := s.cashBookPersons(r, q, b, q.lang)
	d.persons = persons
	for i, l := range b.Lines {
		row := cashBookRow{Number: cashBookNumber(l, q.lang), Person: persons[i], Counter: l.Counter,
			CounterURL: p.CardURL(l.Counter, b.Date, b.Date)}
		switch {
		case l.DocID != 0:
			row.URL = p.DocumentURL(l.DocID)
		case l.EntryNumber != 0:
			row.URL = p.EntryURL(l.Year, l.EntryNumber)
		}
		if l.Receipt {
			row.Receipt, row.ReceiptBase = amt(l.Amount), p.Money(l.Base)
		} else {
			row.Expense, row.ExpenseBase = amt(l.Amount), p.Money(l.Base)
		}
		d.Rows = append(d.Rows, row)
	}
}

// cashBookNumber is a line's "document number" (sheets.CashBookNumber).
func cashBookNumber(l app.CashBookLine, lang string) string { return sheets.CashBookNumber(l, lang) }

// cashBookPersons names, for each line, whom the cash came from or went
// to: the document's Person, else its employee or counterparty, else the
// entry's description. A catalog that cannot be read leaves the codes'
// names out, not the page.
func (s *server) cashBookPersons(r *http.Request, q *request, b *app.CashBook, lang string) []string {
	var ids []ledger.AnalyticID
	for _, l := range b.Lines {
		if l.Analytic != 0 {
			ids = append(ids, l.Analytic)
		}
	}
	an, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	if err != nil {
		s.log.Error("cash book: analytics", "org", q.org.Code, "err", err)
	}
	return sheets.CashBookPersons(b, an, lang)
}

func (s *server) cashBookPrint(w http.ResponseWriter, r *http.Request, q *request) {
	s.printCashBook(w, r, q, false)
}

func (s *server) cashBookPDF(w http.ResponseWriter, r *http.Request, q *request) {
	s.printCashBook(w, r, q, true)
}

// printCashBook prints the sheet as HTML for the browser to print, or as
// a PDF to download.
func (s *server) printCashBook(w http.ResponseWriter, r *http.Request, q *request, pdf bool) {
	lang := q.lang
	if l := r.URL.Query().Get("lang"); i18n.Valid(l) {
		lang = l
	}
	d := &cashBookData{page: s.newPage(r, q, "")}
	b, _, err := s.readCashBook(r, q, d)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Book = b
	f, err := s.cashBookForm(r, q, b, lang)
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
		name := "cashbook-" + string(b.Account.Code) + "-" + isoDate(b.Date) + ".pdf"
		if b.Foreign {
			name = "cashbook-" + string(b.Account.Code) + "-" + b.Currency.Code + "-" + isoDate(b.Date) + ".pdf"
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.Write(buf.Bytes())
}

// cashBookForm lays the sheet out as the official form KO-4 (OKUD
// 0310004): "Касса за" the day with the sheet's number, the table of the
// day's orders between the opening balance and the day's totals and
// closing balance, the cashier's signature and the accountant's note of
// the orders received. A currency book is in the currency's amounts.
func (s *server) cashBookForm(r *http.Request, q *request, b *app.CashBook, lang string) (printform.Form, error) {
	loc := money.Locale(lang)
	amt := func(a money.Amount) string { return money.Format(a, b.Currency.Exponent, loc) }
	dateText := printform.DateText(b.Date, lang)
	org, who, err := s.issuer(r, q, i18n.T(lang, "Organisation"))
	if err != nil {
		return printform.Form{}, err
	}
	f := printform.Form{Lang: lang, Title: i18n.Sprintf(lang, "Cash desk for %s", dateText), Date: ledger.NoDate, Issuer: org}
	sheet := "—"
	if b.Sheet != 0 {
		sheet = strconv.Itoa(b.Sheet)
	}
	f.Fields = []printform.Field{{Label: i18n.T(lang, "Sheet"), Value: sheet},
		{Label: i18n.T(lang, "Account"), Value: string(b.Account.Code) + " " + b.Account.Names.In(lang)}}
	if b.Foreign {
		f.Fields = append(f.Fields, printform.Field{Label: i18n.T(lang, "Currency"), Value: b.Currency.Code})
	}
	f.Table.Columns = []printform.Column{
		{Header: i18n.T(lang, "Document number"), Align: printform.AlignCenter, Width: 11},
		{Header: i18n.T(lang, "Received from or issued to"), Width: 31},
		{Header: i18n.T(lang, "Corresponding account, sub-account"), Align: printform.AlignCenter, Width: 20},
		{Header: i18n.Sprintf(lang, "Receipt, %s", b.Currency.Code), Align: printform.AlignRight, Width: 14},
		{Header: i18n.Sprintf(lang, "Expense, %s", b.Currency.Code), Align: printform.AlignRight, Width: 14},
	}
	f.Table.Rows = [][]string{{"", i18n.T(lang, "Balance at the start of the day"), "", amt(b.Opening), "x"}}
	persons := s.cashBookPersons(r, q, b, lang)
	for i, l := range b.Lines {
		row := []string{cashBookNumber(l, lang), persons[i], string(l.Counter), "", ""}
		if l.Receipt {
			row[3] = amt(l.Amount)
		} else {
			row[4] = amt(l.Amount)
		}
		f.Table.Rows = append(f.Table.Rows, row)
	}
	f.Table.Totals = [][]string{
		{i18n.T(lang, "Total for the day"), amt(b.Receipts), amt(b.Expenses)},
		{i18n.T(lang, "Balance at the end of the day"), amt(b.Closing), "x"},
	}
	if b.Foreign {
		f.Table.Totals = append(f.Table.Totals, []string{i18n.Sprintf(lang, "The same in %s", q.org.Currency.Code),
			money.Format(b.ClosingBase, q.org.Currency.Exponent, loc), ""})
	}
	f.Notes = i18n.Sprintf(lang, "Entries in the cash book checked and the documents received: %d receipt and %d expense orders.", b.ReceiptOrders, b.ExpenseOrders)
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Cashier"), Name: who.Cashier}, {Role: i18n.T(lang, "Accountant")}}
	return f, nil
}
