package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/store"
)

// The account card and the cash book, as the web pages and the command
// line give them. Amounts are decimal strings: in base currency on the
// card, in the book's currency (and base currency) in the cash book.

// maxCardLimit bounds a page of the account card (app caps it a little
// below store.MaxCardLimit).
const maxCardLimit = 500

// AccountCard is a page of an account card: the period's opening balance,
// turnover and closing balance, and the movements of the page with the
// running balance. Balances are debit positive.
type AccountCard struct {
	Account  string `json:"account"`
	Name     string `json:"name,omitempty"`
	Currency string `json:"currency"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	// Analytic is the catalog entry the card is narrowed to; Corr the
	// corresponding account (then the balances are the net turnover of
	// that correspondence, without an opening balance).
	Analytic *AnalyticRef `json:"analytic,omitempty"`
	Corr     string       `json:"corr,omitempty"`
	Opening  string       `json:"opening"`
	Debit    string       `json:"debit"`
	Credit   string       `json:"credit"`
	Closing  string       `json:"closing"`
	// StartingBalance is the balance before the page's first line.
	StartingBalance string     `json:"starting_balance"`
	Lines           []CardLine `json:"lines"`
	NextCursor      string     `json:"next_cursor,omitempty"`
}

// AnalyticRef names a catalog entry: its catalog, code and name.
type AnalyticRef struct {
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// CardLine is one movement of the account: its entry, the account's side
// (with its analytics) and the corresponding side, the amount in the
// debit or the credit column (the other "0.00"; a red storno is negative),
// and the balance after it.
type CardLine struct {
	Date        string   `json:"date"`
	Entry       EntryRef `json:"entry"`
	Line        int      `json:"line"`
	Description string   `json:"description"`
	Document    string   `json:"document,omitempty"`
	Side        Side     `json:"side"`
	Other       *Side    `json:"corresponding,omitempty"`
	Debit       string   `json:"debit"`
	Credit      string   `json:"credit"`
	Balance     string   `json:"balance"`
}

// AccountCardJSON converts a page of a card for JSON; n names the
// analytics of its lines.
func AccountCardJSON(c *app.Card, analytic *ledger.Analytic, base money.Currency, n map[ledger.AnalyticID]ledger.Analytic, lang string) AccountCard {
	d := func(a money.Amount) string { return money.Decimal(a, base.Exponent) }
	out := AccountCard{Account: string(c.Account.Code), Name: c.Account.Names.In(lang), Currency: base.Code, From: optDateString(c.From), To: optDateString(c.To),
		Corr: string(c.Corr), Opening: d(c.Opening), Debit: d(c.Debit), Credit: d(c.Credit), Closing: d(c.Closing),
		StartingBalance: d(c.StartingBalance), Lines: make([]CardLine, len(c.Lines))}
	if analytic != nil {
		out.Analytic = &AnalyticRef{Kind: string(analytic.Kind), Code: analytic.Code, Name: analytic.Names.In(lang)}
	}
	names := entryNames{analytics: n}
	for i, l := range c.Lines {
		dt, kt := d(l.Amount), d(0)
		if !l.Debit {
			dt, kt = kt, dt
		}
		out.Lines[i] = CardLine{Date: l.Date.String(), Entry: EntryRef{Seq: l.Seq, Year: l.Year, Number: l.Number}, Line: l.Line,
			Description: l.Description, Document: l.Document, Side: *sideJSON(l.Side, base, names), Other: sideJSON(l.Other, base, names),
			Debit: dt, Credit: kt, Balance: d(l.Balance)}
	}
	return out
}

// accountCard: GET /orgs/{org}/accounts/{code}/card?from=&to=[&catalog=&code=][&corr=][&limit=][&cursor=][&format=csv|xlsx|pdf].
// A page of ?limit= movements (default store.DefaultCardLimit) at a time;
// ?cursor= (next_cursor of the page before) continues. A file is the whole
// card (up to app.MaxExportCardLines movements); the cursor and the limit
// do not apply to it.
func (s *server) accountCard(w http.ResponseWriter, r *http.Request, q *request) error {
	v := r.URL.Query()
	from, to, err := optPeriod(v)
	if err != nil {
		return err
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	cq := app.CardQuery{Account: ledger.AccountCode(r.PathValue("code")), From: from, To: to}
	corr, err := textParam(r, "corr")
	if err != nil {
		return err
	}
	cq.Corr = ledger.AccountCode(corr)
	var analytic *ledger.Analytic
	if kind := v.Get("catalog"); kind != "" || v.Get("code") != "" {
		if !ledger.AnalyticKind(kind).Valid() {
			return ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", kind)
		}
		an, err := s.app.AnalyticByCode(r.Context(), q.actor, org.Code, ledger.AnalyticKind(kind), v.Get("code"))
		if err != nil {
			return err
		}
		analytic, cq.Analytic = &an, an.ID
	}
	if format, err := reportFormat(r); err != nil || format != "" {
		if err != nil {
			return err
		}
		return writeReport(w, r, q, export.BaseName("account-card-"+string(cq.Account), from, to), nil, func() (*sheet.Sheet, error) {
			return s.app.AccountCardSheet(r.Context(), q.actor, org.Code, cq, q.lang)
		})
	}
	if cq.Limit, err = limitParam(r, store.DefaultCardLimit, maxCardLimit); err != nil {
		return err
	}
	key := cardKey(cq)
	if cq.After, err = decodeCardCursor(v.Get("cursor"), key); err != nil {
		return err
	}
	c, err := s.app.AccountCard(r.Context(), q.actor, org.Code, cq)
	if err != nil {
		return err
	}
	var ids []ledger.AnalyticID
	for _, l := range c.Lines {
		ids = append(append(ids, l.Side.Analytics[:]...), l.Other.Analytics[:]...)
	}
	n, err := s.app.AnalyticsByID(r.Context(), q.actor, org.Code, nonZero(ids))
	if err != nil {
		return err
	}
	out := AccountCardJSON(c, analytic, org.Currency, n, q.lang)
	if c.Next != nil {
		out.NextCursor = encodeCardCursor(*c.Next, key)
	}
	w.Header().Add("Vary", "Accept")
	writeJSON(w, http.StatusOK, out)
	return nil
}

func nonZero(ids []ledger.AnalyticID) []ledger.AnalyticID {
	out := ids[:0:0]
	for _, id := range ids {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// cardKey fingerprints a card's query, so that a cursor is only used with
// the card it came from.
func cardKey(q app.CardQuery) string {
	s := fmt.Sprintf("%q|%d|%q|%d|%d", q.Account, q.Analytic, q.Corr, q.From, q.To)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// encodeCardCursor makes the opaque cursor of the page after c.
func encodeCardCursor(c app.CardCursor, key string) string {
	s := fmt.Sprintf("c1.%s.%d.%d.%s", c.Date, c.Seq, c.Line, key)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// decodeCardCursor returns the movement a cursor continues after, the
// zero cursor for none.
func decodeCardCursor(s, key string) (app.CardCursor, error) {
	var c app.CardCursor
	if s == "" {
		return c, nil
	}
	bad := ledger.Errorf(ledger.EInvalid, "%q is not a cursor of this list", s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, bad
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 5 || parts[0] != "c1" {
		return c, bad
	}
	if c.Date, err = ledger.ParseDate(parts[1]); err != nil {
		return c, bad
	}
	seq, err1 := strconv.ParseInt(parts[2], 10, 64)
	line, err2 := strconv.Atoi(parts[3])
	if err1 != nil || err2 != nil || seq <= 0 || line <= 0 {
		return c, bad
	}
	if parts[4] != key {
		return c, ledger.Errorf(ledger.EInvalid, "the cursor belongs to a query with other filters")
	}
	c.Seq, c.Line = seq, line
	return c, nil
}

// CashBook is one day's sheet of the cash book (KO-4) of a cash account:
// in the book's currency (a foreign currency for an account kept in one,
// with the base currency's equivalents beside), the opening balance, the
// day's lines, the totals and the closing balance.
type CashBook struct {
	Account      string `json:"account"`
	Name         string `json:"name,omitempty"`
	Currency     string `json:"currency"`
	BaseCurrency string `json:"base_currency"`
	Foreign      bool   `json:"foreign"`
	// Currencies are those the account moved in during the year, for an
	// account kept in foreign currency.
	Currencies []string `json:"currencies,omitempty"`
	Date       string   `json:"date"`
	// Sheet is the sheet's number in the year; 0 when the book did not
	// move that day.
	Sheet         int            `json:"sheet"`
	Opening       string         `json:"opening"`
	Receipts      string         `json:"receipts"`
	Expenses      string         `json:"expenses"`
	Closing       string         `json:"closing"`
	OpeningBase   string         `json:"opening_base"`
	ReceiptsBase  string         `json:"receipts_base"`
	ExpensesBase  string         `json:"expenses_base"`
	ClosingBase   string         `json:"closing_base"`
	ReceiptOrders int            `json:"receipt_orders"`
	ExpenseOrders int            `json:"expense_orders"`
	Lines         []CashBookLine `json:"lines"`
	// Prev and Next are the book's days with movements before and after
	// Date in its year.
	Prev string `json:"prev,omitempty"`
	Next string `json:"next,omitempty"`
}

// CashBookLine is one line of a sheet: the movements of one document (or
// of one posting typed by hand) against one corresponding account in one
// direction, netted.
type CashBookLine struct {
	Number       string `json:"number"` // a cash order's number, another document's title and number, or the entry's year/number
	Document     string `json:"document,omitempty"`
	DocumentID   int64  `json:"document_id,omitempty"`
	DocumentType string `json:"document_type,omitempty"`
	EntryYear    int    `json:"entry_year,omitempty"` // the entry of a posting typed by hand
	EntryNumber  int64  `json:"entry_number,omitempty"`
	Description  string `json:"description"`
	Person       string `json:"person"` // received from or issued to
	Counter      string `json:"corresponding"`
	Receipt      bool   `json:"receipt"`
	Amount       string `json:"amount"`
	Base         string `json:"base"`
}

// CashBookJSON converts a cash book sheet for JSON; persons name its lines
// (sheets.CashBookPersons).
func CashBookJSON(b *app.CashBook, persons []string, base money.Currency, lang string) CashBook {
	cur := func(a money.Amount) string { return money.Decimal(a, b.Currency.Exponent) }
	bas := func(a money.Amount) string { return money.Decimal(a, base.Exponent) }
	out := CashBook{Account: string(b.Account.Code), Name: b.Account.Names.In(lang), Currency: b.Currency.Code, BaseCurrency: base.Code, Foreign: b.Foreign,
		Currencies: b.Currencies, Date: b.Date.String(), Sheet: b.Sheet,
		Opening: cur(b.Opening), Receipts: cur(b.Receipts), Expenses: cur(b.Expenses), Closing: cur(b.Closing),
		OpeningBase: bas(b.OpeningBase), ReceiptsBase: bas(b.ReceiptsBase), ExpensesBase: bas(b.ExpensesBase), ClosingBase: bas(b.ClosingBase),
		ReceiptOrders: b.ReceiptOrders, ExpenseOrders: b.ExpenseOrders, Lines: make([]CashBookLine, len(b.Lines)),
		Prev: optDateString(b.Prev), Next: optDateString(b.Next)}
	for i, l := range b.Lines {
		cl := CashBookLine{Number: sheets.CashBookNumber(l, lang), Document: l.Document, DocumentID: l.DocID, DocumentType: string(l.DocType),
			Description: l.Description, Person: persons[i], Counter: string(l.Counter), Receipt: l.Receipt, Amount: cur(l.Amount), Base: bas(l.Base)}
		if l.DocType == "" {
			cl.EntryYear, cl.EntryNumber = l.Year, l.EntryNumber
		}
		out.Lines[i] = cl
	}
	return out
}

// cashBook: GET /orgs/{org}/cash-book?account=&date=[&currency=][&format=csv|xlsx|pdf].
func (s *server) cashBook(w http.ResponseWriter, r *http.Request, q *request) error {
	v := r.URL.Query()
	day, err := optDate(v.Get("date"))
	if err != nil {
		return err
	}
	account, err := textParam(r, "account")
	if err != nil {
		return err
	}
	if account == "" {
		return ledger.Errorf(ledger.EInvalid, "the account is required")
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	b, err := s.app.CashBook(r.Context(), q.actor, org.Code, app.CashBookQuery{Account: ledger.AccountCode(account),
		Currency: strings.ToUpper(strings.TrimSpace(v.Get("currency"))), Date: day})
	if err != nil {
		return err
	}
	var ids []ledger.AnalyticID
	for _, l := range b.Lines {
		ids = append(ids, l.Analytic)
	}
	an, err := s.app.AnalyticsByID(r.Context(), q.actor, org.Code, nonZero(ids))
	if err != nil {
		return err
	}
	persons := sheets.CashBookPersons(b, an, q.lang)
	return writeReport(w, r, q, export.BaseName("cash-book-"+string(b.Account.Code), b.Date, ledger.NoDate), CashBookJSON(b, persons, org.Currency, q.lang), func() (*sheet.Sheet, error) {
		return sheets.CashBook(b, persons, org, q.lang), nil
	})
}
