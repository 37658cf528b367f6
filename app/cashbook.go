package app

import (
	"context"
	"slices"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// The cash book KO-4 (кассовая книга): one sheet a day per cash account,
// the day's cash orders with the opening balance, the day's totals and the
// closing balance. A cash account kept in foreign currency (50.21) has a
// book per currency, in that currency's amounts. The sheets of a book are
// numbered through the year: a day's sheet is the count of the days of its
// year, up to it, on which the book moved. A day whose movements cancel
// out (an order posted and unposted) has no sheet.

// MaxCashBookLines bounds the movements of one cash book sheet.
const MaxCashBookLines = 5000

// CashBookQuery asks for one sheet of a cash book.
type CashBookQuery struct {
	Account ledger.AccountCode // a posting-level cash account (50.01, 50.21)
	// Currency is the book's currency on an account kept in foreign
	// currency ("" takes the first the account moved in during the year);
	// on any other account "" or the base currency.
	Currency string
	Date     ledger.Date
}

// CashBookLine is one row of a sheet: the movements of one document (or
// of one posting not from a document) with one corresponding account in
// one direction, netted (an order posted, unposted and posted again shows
// once).
type CashBookLine struct {
	Document string   // the document's reference, "" for a posting typed by hand
	DocID    int64    // the document's id; 0 when there is none
	DocType  doc.Type // "" when there is none
	Number   int64    // the document's number (its type's numbering)
	// Year and EntryNumber are the first entry's, for a posting typed by hand.
	Year        int
	EntryNumber int64
	Description string // the first entry's description
	// Person is the document's Person (received from, issued to); Analytic
	// is its employee or counterparty, or the corresponding side's first
	// analytic, for the pages to name when Person is empty.
	Person   string
	Analytic ledger.AnalyticID
	Counter  ledger.AccountCode // the corresponding account
	Receipt  bool               // money came in (the cash account's debit)
	// Amount is in the book's currency (the currency amount of a currency
	// book), Base its equivalent in the base currency.
	Amount, Base money.Amount
}

// CashBook is one sheet of a cash book.
type CashBook struct {
	Account  ledger.Account
	Currency money.Currency // the book's currency
	Foreign  bool           // a currency book: amounts are currency amounts
	// Currencies are those the account moved in during the year, for a
	// currency account (to choose the book from).
	Currencies []string
	Date       ledger.Date
	Sheet      int // the sheet's number in the year; 0 when the book did not move that day
	Lines      []CashBookLine
	// Receipt and expense orders (KO-1, KO-2) among the lines, counted once
	// each, as the accountant's note under the sheet gives them.
	ReceiptOrders, ExpenseOrders int
	// Balances and totals in the book's currency, and in the base currency.
	Opening, Receipts, Expenses, Closing                 money.Amount
	OpeningBase, ReceiptsBase, ExpensesBase, ClosingBase money.Amount
	// Prev and Next are the book's days with movements before and after
	// Date in its year; ledger.NoDate when there is none.
	Prev, Next ledger.Date
}

// CashBook returns the sheet of the cash book of q.Account (in q.Currency)
// for q.Date: the opening balance from the totals, the day's movements from
// the account card, grouped by document, and the closing balance, which
// must agree with the totals.
func (a *App) CashBook(ctx context.Context, actor Actor, orgCode string, q CashBookQuery) (*CashBook, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if q.Date == ledger.NoDate {
		return nil, ledger.Errorf(ledger.EInvalid, "the date is required")
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	acc, err := chart.Get(q.Account)
	if err != nil {
		return nil, err
	}
	if acc.Group {
		return nil, ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts; its card is theirs", q.Account)
	}
	b := &CashBook{Account: *acc, Date: q.Date, Currency: org.Currency, Prev: ledger.NoDate, Next: ledger.NoDate}
	y, _, _ := q.Date.YMD()
	days, err := a.Store.AccountDays(ctx, org.ID, acc.Code, ledger.DateOf(y, 1, 1), ledger.DateOf(y, 12, 31))
	if err != nil {
		return nil, err
	}
	key, err := b.pickCurrency(q.Currency, acc, org, days)
	if err != nil {
		return nil, err
	}
	b.sheetOf(days, key)
	if err := a.cashBookBalances(ctx, org.ID, b, key); err != nil {
		return nil, err
	}
	if err := a.cashBookLines(ctx, org.ID, b, key); err != nil {
		return nil, err
	}
	return b, b.check()
}

// pickCurrency chooses the book's currency and returns the key its
// postings carry on the account's side ("" for the base currency).
func (b *CashBook) pickCurrency(want string, acc *ledger.Account, org ledger.Org, days []store.DayTurnover) (string, error) {
	if want != "" {
		c, err := money.Lookup(want)
		if err != nil {
			return "", ledger.Errorf(ledger.EInvalid, "unknown currency %q", want)
		}
		want = c.Code
	}
	if !acc.Currency {
		if want != "" && want != org.Currency.Code {
			return "", ledger.Errorf(ledger.EInvalid, "account %s is not kept in foreign currency", acc.Code)
		}
		return "", nil
	}
	for _, d := range days {
		if d.Currency != "" && !slices.Contains(b.Currencies, d.Currency) {
			b.Currencies = append(b.Currencies, d.Currency)
		}
	}
	slices.Sort(b.Currencies)
	switch {
	case want == "" && len(b.Currencies) == 0:
		return "", ledger.Errorf(ledger.EInvalid, "account %s did not move in %d: choose the currency of its book", acc.Code, b.Date.Year())
	case want == "":
		want = b.Currencies[0]
	case want == org.Currency.Code:
		return "", ledger.Errorf(ledger.EInvalid, "%s is the base currency: leave the currency empty", want)
	}
	c, err := money.Lookup(want)
	if err != nil {
		return "", ledger.Errorf(ledger.EInvalid, "unknown currency %q", want)
	}
	b.Currency, b.Foreign = c, true
	return c.Code, nil
}

// sheetOf numbers the sheet and finds the days before and after it.
func (b *CashBook) sheetOf(days []store.DayTurnover, key string) {
	n := 0
	for _, d := range days {
		if d.Currency != key {
			continue
		}
		switch {
		case d.Day < b.Date:
			n++
			b.Prev = d.Day
		case d.Day == b.Date:
			b.Sheet = n + 1
		case b.Next == ledger.NoDate:
			b.Next = d.Day
		}
	}
}

// cashBookBalances reads the opening and closing balances of the book from
// the totals.
func (a *App) cashBookBalances(ctx context.Context, org ledger.OrgID, b *CashBook, key string) error {
	for _, s := range []struct {
		to        ledger.Date
		base, cur *money.Amount
	}{{b.Date - 1, &b.OpeningBase, &b.Opening}, {b.Date, &b.ClosingBase, &b.Closing}} {
		ts, err := a.Store.Turnover(ctx, org, ledger.NoDate, s.to)
		if err != nil {
			return err
		}
		var t ledger.Turnover
		for _, x := range ts {
			if x.Account == b.Account.Code && x.Currency == key {
				if t, err = t.Add(x.Turnover); err != nil {
					return err
				}
			}
		}
		var err1, err2 error
		*s.base, err1 = money.Sub(t.Debit, t.Credit)
		*s.cur, err2 = money.Sub(t.DebitCur, t.CreditCur)
		if err1 != nil || err2 != nil {
			return ledger.Errorf(ledger.EInvalid, "the balance of %s is out of range", b.Account.Code)
		}
		if !b.Foreign {
			*s.cur = *s.base
		}
	}
	return nil
}

// cashBookLines reads the day's movements of the account in the book's
// currency through the account card, nets them per document, corresponding
// account and direction, and names their documents.
func (a *App) cashBookLines(ctx context.Context, org ledger.OrgID, b *CashBook, key string) error {
	type group struct {
		doc     string
		seq     int64 // for a posting typed by hand: its entry and line
		line    int
		counter ledger.AccountCode
		receipt bool
	}
	index := map[group]int{}
	after := CardCursor{Date: ledger.NoDate}
	read := 0
	for {
		lines, err := a.Store.AccountCard(ctx, org, b.Account.Code, 0, "", b.Date, b.Date, after.Date, after.Seq, after.Line, store.MaxCardLimit)
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			break
		}
		if read += len(lines); read > MaxCashBookLines {
			return ledger.Errorf(ledger.EInvalid, "the cash book of %s has more than %d movements on %s", b.Account.Code, MaxCashBookLines, b.Date)
		}
		for _, l := range lines {
			if l.Side.Currency != key {
				continue
			}
			g := group{doc: l.Document, counter: l.Other.Account, receipt: l.Debit}
			if _, _, _, ok := doc.ParseRef(l.Document); !ok {
				g = group{seq: l.Seq, line: l.Line, counter: l.Other.Account, receipt: l.Debit}
			}
			i, ok := index[g]
			if !ok {
				i = len(b.Lines)
				index[g] = i
				b.Lines = append(b.Lines, CashBookLine{Document: g.doc, Year: l.Year, EntryNumber: l.Number, Description: l.Description,
					Counter: l.Other.Account, Receipt: l.Debit, Analytic: firstAnalytic(l.Other)})
			}
			cl := &b.Lines[i]
			var err1, err2 error
			cl.Base, err1 = money.Add(cl.Base, l.Amount)
			cl.Amount, err2 = money.Add(cl.Amount, l.Side.CurAmount)
			if err1 != nil || err2 != nil {
				return ledger.Errorf(ledger.EInvalid, "the movements of %s on %s are out of range", b.Account.Code, b.Date)
			}
		}
		last := lines[len(lines)-1]
		after = CardCursor{Date: last.Date, Seq: last.Seq, Line: last.Line}
	}
	b.Lines = slices.DeleteFunc(b.Lines, func(l CashBookLine) bool { return l.Base == 0 && l.Amount == 0 })
	if !b.Foreign {
		for i := range b.Lines {
			b.Lines[i].Amount = b.Lines[i].Base
		}
	}
	return a.cashBookDocuments(ctx, org, b)
}

// cashBookDocuments names each line's document and sums the sheet.
func (a *App) cashBookDocuments(ctx context.Context, org ledger.OrgID, b *CashBook) error {
	seen := map[string]bool{}
	for i := range b.Lines {
		l := &b.Lines[i]
		var err1, err2 error
		if l.Receipt {
			b.Receipts, err1 = money.Add(b.Receipts, l.Amount)
			b.ReceiptsBase, err2 = money.Add(b.ReceiptsBase, l.Base)
		} else {
			b.Expenses, err1 = money.Add(b.Expenses, l.Amount)
			b.ExpensesBase, err2 = money.Add(b.ExpensesBase, l.Base)
		}
		if err1 != nil || err2 != nil {
			return ledger.Errorf(ledger.EInvalid, "the movements of %s on %s are out of range", b.Account.Code, b.Date)
		}
		typ, year, number, ok := doc.ParseRef(l.Document)
		if !ok {
			continue
		}
		sd, err := a.Store.DocumentByNumber(ctx, org, string(typ), year, number)
		if ledger.ErrorCode(err) == ledger.ENotFound {
			continue // an entry typed by hand may name a document that is not there
		}
		if err != nil {
			return err
		}
		d, err := fromStore(sd)
		if err != nil {
			return err
		}
		l.DocID, l.DocType, l.Number, l.Person = d.ID, d.Type, d.Number, d.Person
		for _, id := range []ledger.AnalyticID{d.Employee, d.Counterparty} {
			if id != 0 {
				l.Analytic = id
				break
			}
		}
		if !seen[l.Document] {
			seen[l.Document] = true
			switch typ {
			case doc.CashReceipt:
				b.ReceiptOrders++
			case doc.CashExpense:
				b.ExpenseOrders++
			}
		}
	}
	return nil
}

// check asserts that the opening balance plus the day's movements is the
// closing balance of the totals: the card and the totals must agree.
func (b *CashBook) check() error {
	for _, s := range [][4]money.Amount{{b.Opening, b.Receipts, b.Expenses, b.Closing}, {b.OpeningBase, b.ReceiptsBase, b.ExpensesBase, b.ClosingBase}} {
		sum, err := money.Add(s[0], s[1])
		if err == nil {
			sum, err = money.Sub(sum, s[2])
		}
		if err != nil || sum != s[3] {
			return ledger.Errorf(ledger.EInternal, "the cash book of %s on %s does not agree with the totals: run verify", b.Account.Code, b.Date)
		}
	}
	return nil
}

// firstAnalytic is a side's first analytic, 0 for none.
func firstAnalytic(s ledger.Side) ledger.AnalyticID {
	for _, id := range s.Analytics {
		if id != 0 {
			return id
		}
	}
	return 0
}
